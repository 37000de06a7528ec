package scenario

import (
	"testing"

	"github.com/escalation-model/escalation/model"
)

// storyDays is the number of days from the start within which a story
// preset's seed shows its story: the first four weeks.
const storyDays = 28

// maxStorySeed bounds the search for a story preset's seed.
const maxStorySeed = 20000

// story is a story preset and the event that defines its story.
type story struct {
	preset string
	event  string // in words, for messages
	// watch returns an observer of a run that reports whether the event
	// has happened so far.
	watch func(m *model.Model) storyWatch
}

// storyWatch observes a run's acts for a story's event.
type storyWatch interface {
	model.Observer
	happened() bool
}

// stories are the story presets. The seed of each (seed = N) is the first
// from 1 at which its event happens within storyDays days (docs/ODD.md
// section 10).
var stories = []story{
	{"p4x", "the vigilante strikes the suspect's country and, in the same cascade, a state strikes across a border",
		func(m *model.Model) storyWatch { return &vigilanteWatch{m: m, cascades: map[int64]bool{}} }},
	{"blue-security", "the firm hacks back the spammer, the spammer counter-strikes, and a counter-strike destroys the firm",
		func(m *model.Model) storyWatch { return &counterWatch{m: m} }},
}

// vigilanteWatch sees p4x's story: a vigilante strike, then a state's
// strike across a border in its cascade.
type vigilanteWatch struct {
	m        *model.Model
	cascades map[int64]bool // cascades with a vigilante strike
	done     bool
}

func (w *vigilanteWatch) Act(a *model.Act) {
	switch {
	case a.Kind == model.ActVigilante:
		w.cascades[a.Cascade] = true
	case a.Interstate && w.cascades[a.Cascade]:
		w.done = true
	}
}

func (w *vigilanteWatch) Cascade(*model.CascadeRecord) {}
func (w *vigilanteWatch) happened() bool               { return w.done }

// counterWatch sees Blue Security's story: the firm hacks back the
// spammer, the spammer counter-strikes, and a counter-strike destroys the
// firm.
type counterWatch struct {
	m                       *model.Model
	hackBack, counter, fall bool
}

func (w *counterWatch) Act(a *model.Act) {
	actors := w.m.Actors()
	origin, target := actors[a.Origin].Kind, &actors[a.Target]
	switch {
	case a.Kind == model.ActHackBack && origin == model.KindFirm && target.Kind == model.KindCriminal:
		w.hackBack = true
	case a.Kind == model.ActCounterstrike && origin == model.KindCriminal && target.Kind == model.KindFirm:
		w.counter = true
		// The firm's damage is done when the act reaches the observer.
		w.fall = w.fall || (target.Destroyed && target.HackedBack)
	}
}

func (w *counterWatch) Cascade(*model.CascadeRecord) {}
func (w *counterWatch) happened() bool               { return w.hackBack && w.counter && w.fall }

// happens reports whether st's event happens within storyDays days of a
// run of p with the seed.
func (st story) happens(t *testing.T, p model.Params, seed uint64) bool {
	m, err := model.New(p, seed, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := st.watch(m)
	if err := m.Reset(p, seed, w); err != nil {
		t.Fatal(err)
	}
	for range min(storyDays, p.Ticks) {
		m.Step()
		if w.happened() {
			return true
		}
	}
	return false
}

// firstSeed returns the first seed from 1 to last at which st's event
// happens within storyDays days, or 0 when there is none.
func (st story) firstSeed(t *testing.T, p model.Params, last uint64) uint64 {
	for seed := uint64(1); seed <= last; seed++ {
		if st.happens(t, p, seed) {
			return seed
		}
	}
	return 0
}

// A story preset's seed is the first at which its story happens in the
// first weeks; when the model changes, the message names the new one.
func TestStorySeeds(t *testing.T) {
	for _, st := range stories {
		sc, err := Load(st.preset)
		if err != nil {
			t.Fatal(err)
		}
		if !sc.OwnSeed {
			t.Errorf("%s sets no seed", st.preset)
			continue
		}
		if !st.happens(t, sc.Params, sc.Seed) {
			first := st.firstSeed(t, sc.Params, maxStorySeed)
			t.Errorf("%s: at its seed %d, not within %d days: %s; the first seed from 1 at which it does is %d (0: none up to %d): set seed = %d in assets/presets/%s.toml",
				st.preset, sc.Seed, storyDays, st.event, first, maxStorySeed, first, st.preset)
			continue
		}
		if first := st.firstSeed(t, sc.Params, sc.Seed-1); first != 0 {
			t.Errorf("%s: seed %d is not the first at which, within %d days, %s: %d is; set seed = %d in assets/presets/%s.toml",
				st.preset, sc.Seed, storyDays, st.event, first, first, st.preset)
			continue
		}
		t.Logf("%s: seed %d is the first at which, within %d days, %s", st.preset, sc.Seed, storyDays, st.event)
	}
}
