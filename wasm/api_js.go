//go:build js && wasm

package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/output/csvfmt"
	"github.com/escalation-model/escalation/recipe"
)

// The commands of the page's API (window.escalate, bridge_js.go). Each
// takes the lock, and most are an event of the player.

// Play starts or resumes the run (from the start when it is over).
func (g *Game) Play() { g.do(g.p.Play) }

// Pause stops the run between ticks.
func (g *Game) Pause() { g.do(g.p.Pause) }

// Toggle plays or pauses.
func (g *Game) Toggle() { g.do(g.p.Toggle) }

// Step pauses and runs n ticks now.
func (g *Game) Step(n int) { g.do(func() { g.p.Step(n) }) }

// Reset starts the run over from its first tick with its scenario, seed
// and overrides; the changes made during the run are dropped.
func (g *Game) Reset() { g.do(g.p.Reset) }

// Load replaces the run with the one an address query describes.
func (g *Game) Load(query string) { g.do(func() { g.load(query) }) }

// SetCompare shows beside the run a second world one change away (text as
// compare= in the address takes it: hack_back=free, 30:hack_back=free,
// scenario=cyber-peace, seed=2), both at the run's day and playing as the
// run was; "" shows the run alone. A text that cannot apply is an error in
// compare='s words, and nothing changes. It leaves the guided tour.
func (g *Game) SetCompare(text string) error {
	return g.try(func() error {
		st := g.sess.State()
		st.Compare, st.Tour, st.Play = recipe.Variant{}, "", g.p.Playing
		if text = strings.TrimSpace(text); text != "" {
			v, err := recipe.ParseVariant(recipe.Address, recipe.KeyCompare, text)
			if err != nil {
				return err
			}
			st.Compare = v
			if _, err := st.Other(); err != nil {
				return err
			}
		}
		g.load(st.Query())
		return nil
	})
}

// SetArcs sets the maps' filter: "answers" draws only answers, pre-emptive
// strikes and acts that hit an innocent, "all" every act; the address
// keeps it (arcs=).
func (g *Game) SetArcs(which string) error {
	return g.try(func() error {
		only, err := live.AnswersOnly(which)
		if err != nil {
			return err
		}
		g.setAnswersOnly(only)
		return nil
	})
}

// SetScenario starts a preset over with the same seed.
func (g *Game) SetScenario(name string) error {
	return g.try(func() error {
		if err := g.setScenario(name); err != nil {
			return err
		}
		g.p.NewWorld()
		return nil
	})
}

// Preset starts the i-th preset (1-based), as the keys 1-9 do.
func (g *Game) Preset(i int) { g.do(func() { g.p.Preset(i) }) }

// SetSeed starts the run over with another seed.
func (g *Game) SetSeed(text string) error {
	seed, err := strconv.ParseUint(strings.TrimSpace(text), 10, 64)
	if err != nil {
		return fmt.Errorf("seed %q is not a whole number from 0 to 18446744073709551615", text)
	}
	return g.try(func() error {
		st := g.sess.State()
		st.Seed, st.At, st.Tick, st.Tour = seed, nil, -1, "" // another seed leaves the tour
		if err := g.start(st); err != nil {
			return err
		}
		g.p.NewWorld()
		return nil
	})
}

// SetSpeed sets the speed in ticks per second (live.Fastest: as fast as
// possible); a speed out of bounds is ignored.
func (g *Game) SetSpeed(s float64) { g.do(func() { g.p.SetSpeed(s) }) }

// Faster moves one step up the speed list.
func (g *Game) Faster() { g.do(g.p.Faster) }

// Slower moves one step down the speed list.
func (g *Game) Slower() { g.do(g.p.Slower) }

// SetLecture turns lecturer mode on or off.
func (g *Game) SetLecture(on bool) { g.do(func() { g.p.SetLecture(on) }) }

// SelectActor tells the story of an actor's latest cascade.
func (g *Game) SelectActor(id int32) { g.do(func() { g.p.SelectActor(id) }) }

// SelectAct tells the story of an act's cascade.
func (g *Game) SelectAct(id int64) { g.do(func() { g.p.SelectAct(id) }) }

// ClearSelection forgets the clicked actor or act.
func (g *Game) ClearSelection() { g.do(g.p.ClearSelection) }

// Row returns the last tick's row as column names and values.
func (g *Game) Row() ([]string, []string) {
	row := g.RowCSV()
	if row == "" {
		return csvfmt.TickColumns(), nil
	}
	return csvfmt.TickColumns(), strings.Split(row, ",")
}

// world is one of the worlds shown, as escalate.worlds() gives it.
type world struct {
	Name    string
	Command string
	Tick    int
	Row     string // the ticks.csv row of its last day, "" before the first
}

// Worlds returns the worlds shown: the run, and the second world of a
// comparison.
func (g *Game) Worlds() []world {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := []world{{Name: "A", Command: g.sess.State().Command(), Tick: g.sess.Ran() - 1, Row: string(g.sess.Row(nil))}}
	if b := g.b; b != nil {
		out = append(out, world{Name: "B", Command: b.sess.State().Command(), Tick: b.sess.Ran() - 1, Row: string(b.sess.Row(nil))})
	}
	return out
}

// Download returns one of the run's tables so far: ticks, cascades,
// events or actors, as escalate run writes them.
func (g *Game) Download(name string) (string, string, error) {
	g.mu.Lock()
	st := g.sess.State()
	ran := g.sess.Ran()
	g.mu.Unlock()
	if ran == 0 {
		return "", "", fmt.Errorf("no tick has run yet: press play or step first")
	}
	f, err := live.Export(st, ran)
	if err != nil {
		return "", "", err
	}
	switch name {
	case "ticks":
		return string(f.Ticks), "ticks.csv", nil
	case "cascades":
		return string(f.Cascades), "cascades.csv", nil
	case "events":
		return string(f.Events), "events.csv", nil
	case "actors":
		return string(f.Actors), "actors.csv", nil
	}
	return "", "", fmt.Errorf("unknown table %q: ticks, cascades, events or actors", name)
}

// ActorPoint returns where actor id is drawn, in CSS pixels.
func (g *Game) ActorPoint(id int32) (scene.Point, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	v := &g.view
	if id < 0 || int(id) >= len(v.world.Pos) || v.dsf == 0 {
		return scene.Point{}, false
	}
	return v.world.Pos[id].Mul(1 / v.dsf), true
}

// Geometry returns the map's and the charts' rectangles, the states'
// discs and the smallest type drawn since the layer was last redrawn, in
// CSS pixels.
func (g *Game) Geometry() (world, worldB scene.Rect, charts []scene.Rect, regions []scene.Region, textPx float64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	v := &g.view
	if v.dsf == 0 {
		return
	}
	k := 1 / v.dsf
	css := func(r scene.Rect) scene.Rect { return scene.Rect{X: r.X * k, Y: r.Y * k, W: r.W * k, H: r.H * k} }
	world = css(v.worldR)
	textPx = v.faces.smallest * k
	if g.b != nil {
		worldB = css(v.otherR)
		if sm := g.b.view.faces.smallest; sm > 0 && (textPx == 0 || sm*k < textPx) {
			textPx = sm * k
		}
	}
	for _, c := range v.cells {
		charts = append(charts, css(c))
	}
	for _, r := range v.world.Regions {
		regions = append(regions, scene.Region{State: r.State, Center: r.Center.Mul(k), Radius: r.Radius * k})
	}
	return
}
