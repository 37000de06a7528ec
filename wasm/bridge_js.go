//go:build js && wasm

package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/jsarg"
	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/player"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// page is the host of the game in a web page: it exposes window.escalate
// (documented in docs/web.md) and tells the page's script
// (window.escalateUI.update) what to show.
type page struct {
	mu       sync.Mutex
	stageR   scene.Rect // in CSS pixels, from escalate.setStage
	hasStage bool
	api      js.Value
	funcs    []js.Func
	told     told
}

func newHost([]string) *page { return &page{told: told{story: -1}} }

func (p *page) initialQuery() string {
	return js.Global().Get("location").Get("search").String()
}

// stage is the rectangle the page's script gave (escalate.setStage), else
// the whole canvas.
func (p *page) stage(v *view) scene.Rect {
	p.mu.Lock()
	r, ok := p.stageR, p.hasStage
	p.mu.Unlock()
	if !ok {
		return v.screen
	}
	return scene.Rect{X: r.X * v.dsf, Y: r.Y * v.dsf, W: r.W * v.dsf, H: r.H * v.dsf}
}

// input does nothing: the page's script turns its keys into calls of
// window.escalate, so that they do not fire while the reader types in a
// field.
func (p *page) input(*player.Player) []lectureKey { return nil }

// overlay does nothing: the page shows the narration and the help as page
// text.
func (p *page) overlay(*ebiten.Image, *Game) {}

// snapshot refreshes the API's plain properties every frame and, when due,
// returns the page's state as JSON.
func (p *page) snapshot(g *Game) any {
	api := p.api
	if api.IsUndefined() {
		return nil
	}
	s, st := g.sess, &g.p.State
	api.Set("tick", s.Ran()-1)
	api.Set("ticksRun", s.Ran())
	api.Set("ticks", s.Ticks())
	api.Set("playing", st.Playing)
	api.Set("done", s.Done())
	api.Set("catchingUp", st.CatchingUp())
	api.Set("speed", st.Speed)
	api.Set("lecture", st.Lecture)
	api.Set("fps", ebiten.ActualFPS())
	api.Set("tps", ebiten.ActualTPS())
	api.Set("scenario", s.State().Scenario)
	api.Set("seed", strconv.FormatUint(s.State().Seed, 10))
	api.Set("actors", len(s.Model().Actors()))
	api.Set("frame", g.frame)
	api.Set("frames", g.diag.draws)
	api.Set("updateMs", g.diag.updateMs)
	api.Set("drawMs", g.diag.drawMs)
	u := p.told.snapshot(g)
	if u == nil {
		return nil
	}
	b, err := json.Marshal(u)
	if err != nil {
		return nil
	}
	return string(b)
}

func (p *page) publish(snap any) {
	s, ok := snap.(string)
	if !ok {
		return
	}
	ui := js.Global().Get("escalateUI")
	if ui.Truthy() && ui.Get("update").Truthy() {
		ui.Call("update", s)
	}
}

func (p *page) drawn(*Game, *ebiten.Image) {}
func (p *page) quit() bool                 { return false }

func (p *page) firstFrame() {
	p.api.Set("ready", true)
	perf := js.Global().Get("performance")
	if perf.Truthy() {
		p.api.Set("firstFrameMs", perf.Call("now"))
	}
	ev := js.Global().Get("CustomEvent").New("escalate-ready")
	js.Global().Call("dispatchEvent", ev)
}

// rowObject is a ticks.csv row as an object keyed by its columns, numbers
// as numbers; null for no row.
func rowObject(vals []string) js.Value {
	if vals == nil {
		return js.Null()
	}
	obj := js.Global().Get("Object").New()
	for i, c := range csvfmt.TickColumns() {
		if i >= len(vals) {
			break
		}
		if f, err := strconv.ParseFloat(vals[i], 64); err == nil {
			obj.Set(c, f)
		} else {
			obj.Set(c, vals[i])
		}
	}
	return obj
}

// attach defines window.escalate's functions. Each runs synchronously:
// after step(3) returns, tick has moved by three.
func (p *page) attach(g *Game) {
	api := js.Global().Get("escalate")
	if !api.Truthy() {
		api = js.Global().Get("Object").New()
		js.Global().Set("escalate", api)
	}
	p.api = api
	api.Set("ready", false)
	str := func(args []js.Value, i int) string {
		if i < len(args) {
			return jsarg.Text(args[i])
		}
		return ""
	}
	num := func(args []js.Value, i int, def float64) float64 {
		if i < len(args) && args[i].Type() == js.TypeNumber {
			return args[i].Float()
		}
		if i < len(args) && args[i].Type() == js.TypeString {
			if f, err := strconv.ParseFloat(args[i].String(), 64); err == nil {
				return f
			}
		}
		return def
	}
	toJS := func(v any) any {
		b, err := json.Marshal(v)
		if err != nil {
			return js.Null()
		}
		return js.Global().Get("JSON").Call("parse", string(b))
	}
	errOrNull := func(err error) any {
		if err != nil {
			return err.Error()
		}
		return js.Null()
	}
	def := func(name string, f func(args []js.Value) any) {
		fn := js.FuncOf(func(this js.Value, args []js.Value) any { return f(args) })
		p.funcs = append(p.funcs, fn)
		api.Set(name, fn)
	}
	def("play", func([]js.Value) any { g.Play(); return nil })
	def("pause", func([]js.Value) any { g.Pause(); return nil })
	def("toggle", func([]js.Value) any { g.Toggle(); return nil })
	def("step", func(a []js.Value) any { g.Step(int(num(a, 0, 1))); return nil })
	def("reset", func([]js.Value) any { g.Reset(); return nil })
	def("load", func(a []js.Value) any { g.Load(str(a, 0)); return nil })
	def("compare", func(a []js.Value) any { return errOrNull(g.SetCompare(str(a, 0))) })
	def("setArcs", func(a []js.Value) any { return errOrNull(g.SetArcs(str(a, 0))) })
	def("scenario", func(a []js.Value) any { return errOrNull(g.SetScenario(str(a, 0))) })
	def("preset", func(a []js.Value) any { g.Preset(int(num(a, 0, 0))); return nil })
	def("seed", func(a []js.Value) any { return errOrNull(g.SetSeed(str(a, 0))) })
	def("set", func(a []js.Value) any { return errOrNull(g.SetParam(str(a, 0), str(a, 1))) })
	def("setSpeed", func(a []js.Value) any {
		if str(a, 0) == "max" {
			g.SetSpeed(live.Fastest)
		} else {
			g.SetSpeed(num(a, 0, player.DefaultSpeed))
		}
		return nil
	})
	def("faster", func([]js.Value) any { g.Faster(); return nil })
	def("slower", func([]js.Value) any { g.Slower(); return nil })
	def("setLecture", func(a []js.Value) any { g.SetLecture(len(a) > 0 && a[0].Truthy()); return nil })
	def("selectActor", func(a []js.Value) any { g.SelectActor(int32(num(a, 0, -1))); return nil })
	def("selectAct", func(a []js.Value) any { g.SelectAct(int64(num(a, 0, -1))); return nil })
	def("clearSelection", func([]js.Value) any { g.ClearSelection(); return nil })
	def("rowCSV", func([]js.Value) any { return g.RowCSV() })
	def("columns", func([]js.Value) any { cols, _ := g.Row(); return toJS(cols) })
	def("row", func([]js.Value) any {
		_, vals := g.Row()
		return rowObject(vals)
	})
	def("worlds", func([]js.Value) any {
		arr := js.Global().Get("Array").New()
		for _, w := range g.Worlds() {
			obj := js.Global().Get("Object").New()
			obj.Set("name", w.Name)
			obj.Set("command", w.Command)
			obj.Set("tick", w.Tick)
			var vals []string
			if w.Row != "" {
				vals = strings.Split(w.Row, ",")
			}
			obj.Set("row", rowObject(vals))
			arr.Call("push", obj)
		}
		return arr
	})
	def("csv", func(a []js.Value) any {
		text, _, err := g.Download(str(a, 0))
		if err != nil {
			return js.Global().Get("Error").New(err.Error())
		}
		return text
	})
	def("csvName", func(a []js.Value) any {
		_, name, err := g.Download(str(a, 0))
		if err != nil {
			return js.Null()
		}
		return name
	})
	def("state", func([]js.Value) any {
		g.mu.Lock()
		defer g.mu.Unlock()
		return g.sess.State().Query()
	})
	def("command", func([]js.Value) any {
		g.mu.Lock()
		defer g.mu.Unlock()
		return g.sess.State().Command()
	})
	def("notices", func([]js.Value) any {
		g.mu.Lock()
		defer g.mu.Unlock()
		var out []string
		for _, n := range g.notices {
			out = append(out, n.Text)
		}
		return toJS(out)
	})
	def("story", func([]js.Value) any {
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.story.story == nil {
			return js.Null()
		}
		return toJS(g.story.story)
	})
	def("presets", func([]js.Value) any { return toJS(live.Presets()) })
	def("controls", func([]js.Value) any { return toJS(live.Controls()) })
	def("actorPoint", func(a []js.Value) any {
		pt, ok := g.ActorPoint(int32(num(a, 0, -1)))
		if !ok {
			return js.Null()
		}
		return toJS(pt)
	})
	def("describe", func(a []js.Value) any { return g.Describe(num(a, 0, -1), num(a, 1, -1)) })
	def("geometry", func([]js.Value) any {
		w, wb, c, r, px := g.Geometry()
		geo := map[string]any{"world": w, "charts": c, "regions": r, "minTextPx": px}
		if wb.W > 0 {
			geo["worldB"] = wb
		}
		return toJS(geo)
	})
	attachTour(g, def, toJS, errOrNull, str, num)
	attachKeyboard(g, def, toJS, errOrNull, str, num)
	def("setStage", func(a []js.Value) any {
		r := scene.Rect{X: num(a, 0, 0), Y: num(a, 1, 0), W: num(a, 2, 0), H: num(a, 3, 0)}
		p.mu.Lock()
		p.stageR, p.hasStage = r, r.W > 0 && r.H > 0
		p.mu.Unlock()
		return nil
	})
}
