package tour

import (
	"fmt"
	"strconv"
)

// Phase is where the reader is in a chapter.
type Phase string

// The phases of a chapter, in the order the reader meets them.
const (
	Closed  Phase = ""        // no chapter is open: the sandbox
	Premise Phase = "premise" // the chapter's card: its premise and question
	Running Phase = "running" // the run plays (or the reader paused it)
	AtBeat  Phase = "beat"    // the run is paused at a beat, its caption shown
	Answer  Phase = "answer"  // the experiment's answer
)

// Moment is a beat as it happened in the run.
type Moment struct {
	Beat    int    // its index among the chapter's beats
	Act     int64  // the act that fired it
	Tick    int    // the act's day
	Actor   int32  // the act's target, where the caption points
	Caption string // the beat's caption filled in for the act
}

// Guide is the tour's state machine: which chapter is open, the reader's
// guess, the beats that fired and the one shown. The front end feeds it
// the run's acts (through Watch and Fire) and asks it when to pause.
type Guide struct {
	chapters []Chapter
	open     int // the open chapter, -1 for none
	phase    Phase
	guess    int // the reader's choice, -1 before it
	watch    *Watch
	queue    []Moment // fired, not yet shown; the first is shown at a beat
	seen     []Moment // shown and continued
}

// NewGuide is a guide to chapters, none open.
func NewGuide(chapters []Chapter) *Guide {
	return &Guide{chapters: chapters, open: -1, guess: -1}
}

// Chapters returns the tour's chapters.
func (g *Guide) Chapters() []Chapter { return g.chapters }

// Find returns the index of the chapter an address names: its ID, or
// its number from 1.
func (g *Guide) Find(key string) (int, error) {
	for i, c := range g.chapters {
		if c.ID == key {
			return i, nil
		}
	}
	if n, err := strconv.Atoi(key); err == nil && n >= 1 && n <= len(g.chapters) {
		return n - 1, nil
	}
	ids := make([]string, len(g.chapters))
	for i, c := range g.chapters {
		ids[i] = c.ID
	}
	return -1, fmt.Errorf("tour=%s is not a chapter of the tour: allowed a number from 1 to %d or a chapter's name (%v)", key, len(g.chapters), ids)
}

// Open opens chapter i (from 0) at its premise, with no guess; an index
// outside the tour closes it.
func (g *Guide) Open(i int) {
	if i < 0 || i >= len(g.chapters) {
		g.Leave()
		return
	}
	g.open, g.guess = i, -1
	g.Restart()
}

// Restart takes the open chapter back to its premise for a new run,
// keeping the reader's guess.
func (g *Guide) Restart() {
	if g.open < 0 {
		return
	}
	g.phase = Premise
	g.watch = NewWatch(g.chapters[g.open].Beats)
	g.queue, g.seen = nil, nil
}

// Leave closes the tour: the sandbox.
func (g *Guide) Leave() {
	g.open, g.phase, g.guess, g.watch, g.queue, g.seen = -1, Closed, -1, nil, nil, nil
}

// Index returns the open chapter's index, -1 when none.
func (g *Guide) Index() int { return g.open }

// Chapter returns the open chapter, or nil.
func (g *Guide) Chapter() *Chapter {
	if g.open < 0 {
		return nil
	}
	return &g.chapters[g.open]
}

// Phase returns where the reader is.
func (g *Guide) Phase() Phase { return g.phase }

// Guess returns the reader's choice (from 0), -1 before one.
func (g *Guide) Guess() int { return g.guess }

// Right reports whether the reader's guess is the choice the experiment
// supports.
func (g *Guide) Right() bool { return g.open >= 0 && g.guess == g.chapters[g.open].Expected }

// Choose records the reader's answer to the question, at the premise.
func (g *Guide) Choose(i int) error {
	c := g.Chapter()
	switch {
	case c == nil:
		return fmt.Errorf("no chapter of the tour is open")
	case g.phase != Premise:
		return fmt.Errorf("the question is asked before the run: press Back to the premise (reset) to answer again")
	case i < 0 || i >= len(c.Choices):
		return fmt.Errorf("answer %d: allowed 1 to %d", i+1, len(c.Choices))
	}
	g.guess = i
	return nil
}

// Run leaves the premise for the run; the reader must have answered.
func (g *Guide) Run() error {
	switch {
	case g.open < 0:
		return fmt.Errorf("no chapter of the tour is open")
	case g.phase != Premise:
		return fmt.Errorf("the chapter is already running")
	case g.guess < 0:
		return fmt.Errorf("pick an answer to the question first")
	}
	g.phase = Running
	return nil
}

// Watch returns the watch of the open chapter's run while its beats can
// still fire, else nil.
func (g *Guide) Watch() *Watch {
	if g.open < 0 || g.phase == Answer || g.phase == Closed {
		return nil
	}
	return g.watch
}

// Fire records a beat that happened: the run pauses at it.
func (g *Guide) Fire(m Moment) {
	g.queue = append(g.queue, m)
	g.phase = AtBeat
}

// Moment returns the beat shown, when paused at one.
func (g *Guide) Moment() (Moment, bool) {
	if g.phase != AtBeat || len(g.queue) == 0 {
		return Moment{}, false
	}
	return g.queue[0], true
}

// Seen returns the beats shown and continued, in order.
func (g *Guide) Seen() []Moment { return g.seen }

// Continue moves past the beat shown: to the next beat that fired, to the
// answer when every beat has been shown, else back to the run, and
// reports whether the run should play on.
func (g *Guide) Continue() bool {
	if g.phase != AtBeat {
		return false
	}
	g.seen = append(g.seen, g.queue[0])
	g.queue = g.queue[1:]
	switch {
	case len(g.queue) > 0:
		return false
	case len(g.seen) == len(g.chapters[g.open].Beats):
		g.phase = Answer
		return false
	}
	g.phase = Running
	return true
}

// Over tells the guide the run has ended: a beat still shown stays (its
// Continue leads to the answer), else the answer comes.
func (g *Guide) Over() {
	if g.phase == Running || g.phase == Premise {
		g.phase = Answer
	}
}
