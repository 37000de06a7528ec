package main

import (
	"fmt"
	"strings"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/scenario"
)

// runner is the run as the player drives it: the game's session and what
// the panels draw of it. The game's lock is held.
type runner struct{ g *Game }

func (r runner) Step() bool  { return r.g.step() }
func (r runner) Ran() int    { return r.g.sess.Ran() }
func (r runner) Done() bool  { return r.g.sess.Done() }
func (r runner) Actors() int { return len(r.g.sess.Model().Actors()) }

func (r runner) Reset() {
	st := r.g.sess.State()
	st.At, st.Tick = nil, -1
	r.g.start(st)
}

func (r runner) Preset(i int) bool { return r.g.preset(i) == nil }

func (r runner) Present(speed float64, lecture bool) {
	r.g.sess.SetPresentation(speed, lecture, false)
}

// setScenario starts preset name with the run's seed, or, for a story
// preset that sets its own (seed = N), at that seed, where its story
// happens early.
func (g *Game) setScenario(name string) error {
	if !scenario.IsPreset(name) {
		return fmt.Errorf("%q is not a preset (%s)", name, strings.Join(scenario.Presets(), ", "))
	}
	sc, err := scenario.Load(name)
	if err != nil {
		return err
	}
	st := live.DefaultState()
	st.Scenario, st.Seed, st.Compare = name, g.sess.State().Seed, g.sess.State().Compare
	if sc.OwnSeed {
		st.Seed = sc.Seed
	}
	return g.start(st)
}

// preset starts the i-th preset (1-based), as setScenario does.
func (g *Game) preset(i int) error {
	ps := scenario.Presets()
	if i < 1 || i > len(ps) {
		return fmt.Errorf("preset %d: there are presets 1 to %d", i, len(ps))
	}
	return g.setScenario(ps[i-1])
}

// RowCSV returns the ticks.csv row of the last tick run ("" before the first).
func (g *Game) RowCSV() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return string(g.sess.Row(nil))
}
