package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/player"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// testHost is a host with no window: the address is given, the stage is
// the whole screen and nothing is told.
type testHost struct{ query string }

func (h testHost) initialQuery() string              { return h.query }
func (h testHost) attach(*Game)                      {}
func (h testHost) stage(v *view) scene.Rect          { return v.screen }
func (h testHost) input(*player.Player) []lectureKey { return nil }
func (h testHost) overlay(*ebiten.Image, *Game)      {}
func (h testHost) snapshot(*Game) any                { return nil }
func (h testHost) publish(any)                       {}
func (h testHost) firstFrame()                       {}
func (h testHost) drawn(*Game, *ebiten.Image)        {}
func (h testHost) quit() bool                        { return false }

// newTestGame opens the address query, with a 1280 × 800 screen laid out
// as Draw would lay it out (without a window).
func newTestGame(t *testing.T, query string) *Game {
	t.Helper()
	return newTestGameOn(t, testHost{query})
}

// newTestGameOn is newTestGame with the given host.
func newTestGameOn(t *testing.T, h host) *Game {
	t.Helper()
	g := newGame(h)
	if len(g.notices) > 0 {
		t.Fatalf("address %q: %v", h.initialQuery(), g.notices)
	}
	v := &g.view
	v.dsf, v.theme = 1, scene.ThemeFor(false)
	v.px = v.theme.Scale
	v.screen = scene.Rect{W: 1280, H: 800}
	g.fit()
	return g
}

// catchUp runs the fast-forward to the address's day.
func catchUp(t *testing.T, g *Game) {
	t.Helper()
	for i := 0; g.p.CatchingUp(); i++ {
		if i > 10000 {
			t.Fatal("the fast-forward does not end")
		}
		g.p.Advance()
	}
}

func TestFastForwardDrawsOnlyTheAddressDay(t *testing.T) {
	g := newTestGame(t, "scenario=road-rage&seed=3&tick=12")
	catchUp(t, g)
	if g.sess.Ran() != 13 || g.p.Playing {
		t.Fatalf("after the fast-forward to day 12: %d days run, playing %v", g.sess.Ran(), g.p.Playing)
	}
	if len(g.arcs.arcs.List) == 0 {
		t.Fatal("no arcs for day 12")
	}
	for _, a := range g.arcs.arcs.List {
		if a.Tick != 12 {
			t.Fatalf("an arc of day %d after a fast-forward to day 12", a.Tick)
		}
	}
	if s := status(g.sess, &g.p.State); s != "paused" {
		t.Errorf("status after the fast-forward: %q", s)
	}
}

func TestResetDropsTheRunsChanges(t *testing.T) {
	g := newTestGame(t, "scenario=road-rage&seed=3&set=hotline=0.5")
	g.p.Step(5)
	if err := g.sess.Change("hotline", "0.9"); err != nil {
		t.Fatal(err)
	}
	g.p.SelectActor(4)
	g.follow()
	g.p.Step(2)
	g.p.Key(player.KeyReset)
	g.follow()
	st := g.sess.State()
	if g.sess.Ran() != 0 || len(st.At) != 0 || st.Seed != 3 || len(st.Sets) != 1 {
		t.Errorf("after reset: %d days run, changes %v, seed %d, set-up %v", g.sess.Ran(), st.At, st.Seed, st.Sets)
	}
	if len(g.arcs.arcs.List) != 0 || g.story.story != nil || g.story.actor != -1 {
		t.Errorf("after reset: %d arcs, story %v, actor %d", len(g.arcs.arcs.List), g.story.story, g.story.actor)
	}
	if g.charts.charts.List[1].Lines[0].Max() != 0 {
		t.Error("after reset the harm chart still has the old run's days")
	}
}

func TestPresetKeyKeepsSeedAndPlaying(t *testing.T) {
	g := newTestGame(t, "scenario=road-rage&seed=7")
	g.p.Play()
	g.p.Key(player.PresetKey(2))
	st := g.sess.State()
	if want := scenario.Presets()[1]; st.Scenario != want || st.Seed != 7 || !g.p.Playing {
		t.Errorf("preset key 2: scenario %q (want %q), seed %d, playing %v", st.Scenario, want, st.Seed, g.p.Playing)
	}
	// A story preset sets its own seed, where its story happens early.
	story := slices.Index(scenario.Presets(), "p4x") + 1
	g.p.Key(player.PresetKey(story))
	if sc, _ := scenario.Load("p4x"); g.sess.State().Scenario != "p4x" || g.sess.State().Seed != sc.Seed {
		t.Errorf("preset key %d: scenario %q, seed %d, want p4x at its seed %d", story, g.sess.State().Scenario, g.sess.State().Seed, sc.Seed)
	}
	if n := len(scenario.Presets()); n < 9 {
		sess := g.sess
		g.p.Key(player.PresetKey(n + 1))
		if g.sess != sess {
			t.Errorf("preset key %d, with %d presets, started another world", n+1, n)
		}
	}
}

func TestClickSelectsWhatItHits(t *testing.T) {
	g := newTestGame(t, "scenario=road-rage&seed=3&tick=20")
	catchUp(t, g)
	actors := g.sess.Model().Actors()
	id := int32(len(actors) - 1)
	pos := g.view.world.Pos[id]
	h := g.hit(pos)
	if h.Outside || h.Actor < 0 || g.view.world.Pos[h.Actor].Dist(pos) > 1.6*g.view.world.Mark {
		t.Fatalf("a click on actor %d at %v hit %+v", id, pos, h)
	}
	g.p.Click(h)
	if !g.follow() || g.story.story == nil || g.story.actor != h.Actor {
		t.Fatalf("the click on actor %d told no story of it: %+v", h.Actor, g.story.story)
	}
	if g.follow() {
		t.Error("the story was told again with no new selection")
	}
	off := scene.Point{X: g.view.worldR.X + g.view.worldR.W + 20, Y: 100}
	if h := g.hit(off); !h.Outside {
		t.Errorf("a click right of the map, in the charts, hit %+v", h)
	}
	g.p.Click(g.hit(off))
	if g.p.Selection.Actor != h.Actor {
		t.Error("a click off the map cleared the selection")
	}
}

func TestStatusInWords(t *testing.T) {
	g := newTestGame(t, "scenario=road-rage&seed=3")
	st := &g.p.State
	for _, tc := range []struct {
		set  func()
		want string
	}{
		{func() {}, "press play"},
		{func() { st.Playing = true }, "playing, 5 days a second"},
		{func() { st.Speed = live.Fastest }, "playing as fast as it can"},
		{func() { st.Target = 30 }, "catching up to day 30…"},
		{func() { st.Target, st.Playing = -1, false; g.p.Step(1) }, "paused"},
	} {
		tc.set()
		if got := status(g.sess, st); got != tc.want {
			t.Errorf("status %q, want %q", got, tc.want)
		}
	}
}

// The status band names states as their scenario does, else by letter.
func TestStateTagUsesGivenNames(t *testing.T) {
	for _, c := range []struct {
		query string
		want  [2]string
	}{
		{"scenario=p4x", [2]string{"the United States", "North Korea"}},
		{"scenario=road-rage", [2]string{"A", "B"}},
	} {
		st, notes := live.ParseQuery(c.query)
		if len(notes) > 0 {
			t.Fatal(notes)
		}
		s, err := live.New(st)
		if err != nil {
			t.Fatal(err)
		}
		if got := [2]string{stateTag(s, 0), stateTag(s, 1)}; got != c.want {
			t.Errorf("%s: states named %q, want %q", c.query, got, c.want)
		}
	}
}

// In a comparison, a click on the second map selects there and tells that
// world's story; the tooltip names the second world's actor, with "B: ".
func TestClickOnTheSecondWorld(t *testing.T) {
	g := newTestGame(t, "scenario=road-rage&seed=3&tick=20&compare=scenario=status-quo")
	catchUp(t, g)
	if g.b == nil {
		t.Fatal("no second world")
	}
	bv := &g.b.view
	bActors := g.b.sess.Model().Actors()
	id := int32(len(bActors) - 1)
	pos := bv.world.Pos[id]
	h := g.hit(pos)
	if h.Outside || h.World != 1 || h.Actor < 0 || bv.world.Pos[h.Actor].Dist(pos) > 1.6*bv.world.Mark {
		t.Fatalf("a click on B's actor %d at %v hit %+v", id, pos, h)
	}
	g.p.Click(h)
	if !g.follow() || g.story.story == nil || g.story.sess != g.b.sess || !strings.HasPrefix(g.story.story.Title, "B: ") {
		t.Fatalf("the click on B's actor %d told %+v", h.Actor, g.story.story)
	}
	if want := "B: " + g.b.sess.DescribeActor(h.Actor); g.Describe(pos.X, pos.Y) != want {
		t.Errorf("hovering B's actor says %q, want %q", g.Describe(pos.X, pos.Y), want)
	}
	// A's map still answers for A.
	aPos := g.view.world.Pos[0]
	if h := g.hit(aPos); h.World != 0 || h.Outside {
		t.Errorf("a click on A's map hit %+v", h)
	}
	if d := g.Describe(aPos.X, aPos.Y); strings.HasPrefix(d, "B: ") || d == "" {
		t.Errorf("hovering A's map says %q", d)
	}
	// Without the second world its selection tells nothing.
	g.b = nil
	g.p.Click(h)
	if g.follow(); g.story.story != nil {
		t.Errorf("a selection in a world no longer shown told %+v", g.story.story)
	}
}

// With the filter on (arcs=answers) the maps draw answers, pre-emptive
// strikes and innocent hits only; off, every act.
func TestAnswersOnlyFilter(t *testing.T) {
	on, off := true, false
	for _, tc := range []struct {
		name string
		arc  scene.Arc
		want bool // shown with the filter on
	}{
		{"an attack", scene.Arc{Kind: model.ActCrime}, false},
		{"espionage", scene.Arc{Kind: model.ActEspionage}, false},
		{"a hack back", scene.Arc{Kind: model.ActHackBack, Answer: true}, true},
		{"a retaliation at an innocent", scene.Arc{Kind: model.ActRetaliation, Answer: true, Innocent: true}, true},
		{"a pre-emptive strike", scene.Arc{Kind: model.ActPreemptive}, true},
		{"a pre-emptive strike at an innocent", scene.Arc{Kind: model.ActPreemptive, Innocent: true}, true},
	} {
		if got := (&arcsPanel{only: &on}).shows(&tc.arc); got != tc.want {
			t.Errorf("%s: shown %v with the filter on, want %v", tc.name, got, tc.want)
		}
		if !(&arcsPanel{only: &off}).shows(&tc.arc) || !(&arcsPanel{}).shows(&tc.arc) {
			t.Errorf("%s: hidden with the filter off", tc.name)
		}
	}
	g := newTestGame(t, "scenario=road-rage&seed=3&arcs=answers")
	if !g.answersOnly || !strings.Contains(g.sess.State().Query(), "arcs=answers") {
		t.Errorf("arcs=answers: filter %v, address %q", g.answersOnly, g.sess.State().Query())
	}
	g.p.Key(player.KeyReset)
	if !g.answersOnly || !strings.Contains(g.sess.State().Query(), "arcs=answers") {
		t.Errorf("after reset: filter %v, address %q", g.answersOnly, g.sess.State().Query())
	}
}

// A label too wide for its room is cut at a character with an ellipsis,
// down to its floor; one that fits is left alone.
func TestClipTo(t *testing.T) {
	var f faces
	face := f.get(13, true)
	label := "B: with hack_back = free from day 30"
	if got := clipTo(label, face, 1000, 4); got != label {
		t.Errorf("a label that fits became %q", got)
	}
	got := clipTo(label, face, 100, 4)
	if textWidth(got, face) > 100 || !strings.HasPrefix(got, "B: with") || !strings.HasSuffix(got, "…") {
		t.Errorf("clipped to 100 px: %q (%.0f px)", got, textWidth(got, face))
	}
	if got := clipTo(label, face, 1, 4); len(got) > 4+len("…") || !strings.HasPrefix(got, "B") {
		t.Errorf("clipped to nothing: %q, want the floor", got)
	}
}
