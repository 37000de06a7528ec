package main

import (
	"fmt"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/recipe"
)

// twin is the second world of a comparison (compare= in the address): the
// same run with one change, stepped day by day with the first. It has its
// own map (its layout, marks, arcs and day's band) and adds its lines to
// the charts.
type twin struct {
	sess  *live.Session
	view  view // its map's place and layout; theme and scale follow the game's
	world mapPanel
	arcs  arcsPanel
	hud   hudPanel
	diff  live.Difference
}

// newTwin builds the second world of st's comparison.
func newTwin(st live.State) (*twin, error) {
	bst, err := st.Other()
	if err != nil {
		return nil, err
	}
	s, err := live.New(bst)
	if err != nil {
		return nil, err
	}
	t := &twin{sess: s}
	c := conflicts{}
	t.world = mapPanel{v: &t.view, conflicts: c}
	t.arcs = arcsPanel{v: &t.view}
	t.arcs.clear()
	t.hud = hudPanel{v: &t.view, conflicts: c, label: "B: " + variantWords(st.Compare), labelCol: otherColor}
	if st.Compare.Timed {
		t.diff.From = st.Compare.Tick
	}
	return t, nil
}

// variantWords says a comparison's change: "with hack_back = free", with
// "from day 30" for a change during the run; "the cyber-peace preset" or
// "seed 7" for another scenario or seed.
func variantWords(v recipe.Variant) string {
	switch v.Key {
	case recipe.KeyScenario:
		return "the " + v.Value + " preset"
	case recipe.KeySeed:
		return "seed " + v.Value
	}
	s := "with " + v.Key + " = " + v.Value
	if v.Timed {
		s += fmt.Sprintf(" from day %d", v.Tick)
	}
	return s
}

// build is the twin's world's build count (0 without a twin), for the
// layout's key.
func (t *twin) build() int {
	if t == nil {
		return 0
	}
	return t.sess.Build()
}

// onAct hands one of the second world's acts to its map, band and arcs.
func (g *Game) onActB(a, parent *model.Act) {
	t := g.b
	if a.Intensity >= model.ArmedAttack {
		actors := t.sess.Model().Actors()
		t.world.conflicts.note(actors[a.Origin].State, actors[a.Target].State, a.Tick)
		t.hud.announce(a, t.sess, g.frame)
	}
	if g.p.Target > a.Tick {
		return
	}
	t.arcs.add(a, parent, g.frame, g.framesPerTick())
}

// fit lays the twin's map out in r, with the game's view's theme and
// scale.
func (t *twin) fit(v *view, r scene.Rect) {
	tv := &t.view
	tv.theme, tv.px, tv.dsf, tv.screen, tv.stage = v.theme, v.px, v.dsf, v.screen, v.stage
	tv.faces.floor = v.faces.floor
	tv.worldR = r
	mapR := r
	hud := min(44*v.px, mapR.H/4)
	mapR.Y += hud
	mapR.H -= hud
	m := t.sess.Model()
	tv.world = scene.Layout(mapR, m.Actors(), m.Params().States)
	t.world.layout()
}

// shadow is the run without the reader's changes during it, run beside the
// real one for the charts' ghost lines: a model of its own, from the same
// seed, that does not touch the real run.
type shadow struct {
	drv  *recipe.Driver
	from int // the first change's day: the ghost is drawn from it on
}

// newShadow builds the run st describes without its changes during the
// run; from is the first change's day.
func newShadow(st live.State, from int) (*shadow, error) {
	st.At = nil
	sc, err := st.Resolve()
	if err != nil {
		return nil, err
	}
	m, err := model.New(sc.Params, st.Seed, nil)
	if err != nil {
		return nil, err
	}
	drv, err := recipe.NewDriver(m, sc.Params.Ticks, nil)
	if err != nil {
		return nil, err
	}
	return &shadow{drv: drv, from: from}, nil
}

// step runs the shadow's next day and returns its numbers, or nil when
// its run is over.
func (s *shadow) step() *model.TickStats {
	if ran, _ := s.drv.Step(); !ran {
		return nil
	}
	return s.drv.Last()
}

// ran is the days the shadow has run.
func (s *shadow) ran() int { return s.drv.Model().Tick() }
