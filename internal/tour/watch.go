package tour

import (
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/model"
)

// Watch finds a chapter's beats in a run: each beat fires at the first
// act that matches its event.
type Watch struct {
	beats []Beat
	fired []bool
	left  int
}

// NewWatch watches for beats.
func NewWatch(beats []Beat) *Watch {
	return &Watch{beats: beats, fired: make([]bool, len(beats)), left: len(beats)}
}

// Act tells the watch of an act as the model resolves it: size is the
// number of acts of its cascade so far (a included), actors the model's
// actors after it. It returns the beats (indices into the watched beats)
// that a fires, usually none.
func (w *Watch) Act(a *model.Act, size int64, actors []model.Actor) []int {
	if w.left == 0 {
		return nil
	}
	var out []int
	for i, b := range w.beats {
		if !w.fired[i] && b.Event.Match(a, size, actors, b.Size) {
			w.fired[i] = true
			w.left--
			out = append(out, i)
		}
	}
	return out
}

// Done reports whether every beat has fired.
func (w *Watch) Done() bool { return w.left == 0 }

// Teller names a run's actors and tells its acts in the narrator's words
// (a live.Session).
type Teller interface {
	Name(id int32) string
	Tell(a, parent *model.Act) string
}

// Caption fills in beat b's caption for act a (answering parent, or nil),
// whose cascade is size acts long so far: {origin} and {target} are the
// act's striker and target, {suspect} whom the target blamed ("nobody"
// when it did not notice), {day} the act's day, {size} the cascade's
// length and {what} the log's sentence about the act, every actor named
// as the log names it. A caption that starts with a name is capitalized.
func Caption(b Beat, a, parent *model.Act, size int64, t Teller) string {
	name := func(id int32) string {
		if id < 0 {
			return "nobody"
		}
		return t.Name(id)
	}
	r := strings.NewReplacer(
		"{origin}", name(a.Origin), "{target}", name(a.Target), "{suspect}", name(a.Suspect),
		"{day}", strconv.Itoa(a.Tick), "{size}", strconv.FormatInt(size, 10), "{what}", t.Tell(a, parent),
	)
	return narrate.Capitalize(r.Replace(b.Caption))
}
