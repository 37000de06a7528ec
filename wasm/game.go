package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/player"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/internal/tour"
	"github.com/escalation-model/escalation/model"
)

// Game is the Ebiten adapter around a live session: the player (package
// player) decides what runs when, the panels draw the session, and Game
// translates Ebiten's input into the player's events and hands the
// session's acts and days to the panels. Every method that the page or
// the keyboard calls takes the lock; Update and Draw do too.
type Game struct {
	mu      sync.Mutex
	host    host
	p       *player.Player
	sess    *live.Session
	notices []live.Notice // what was wrong with the address
	said    remark        // why the latest lecturer's key changed nothing
	frame   int           // Updates so far: the animation's clock
	dirty   bool          // the page should hear of a change at once
	ready   bool          // the first frame is drawn

	view   view
	world  mapPanel
	arcs   arcsPanel
	story  storyPanel
	charts chartsPanel
	totals totalsPanel
	hud    hudPanel

	b     *twin   // the second world of a comparison, or nil
	ghost *shadow // the run without the changes made during it, or nil

	guide *tour.Guide // the guided tour; no chapter open in the sandbox

	answersOnly bool // the maps draw only answers, pre-emptive strikes and innocent hits (arcs=answers)

	diag diagnostics
}

// diagnostics are the frame timings the page shows to those who ask.
type diagnostics struct {
	updateMs, drawMs float64 // smoothed time in Update and Draw
	draws            int     // frames drawn
}

// ewma smooths frame timings for the page's diagnostics.
func ewma(avg, x float64) float64 {
	if avg == 0 {
		return x
	}
	return 0.9*avg + 0.1*x
}

// newGame starts the run that the host's address describes.
func newGame(h host) *Game {
	g := &Game{host: h}
	g.p = player.New(runner{g}, float64(ebiten.TPS()), nil)
	c := conflicts{}
	g.world = mapPanel{v: &g.view, conflicts: c}
	g.arcs = arcsPanel{v: &g.view, only: &g.answersOnly}
	g.story = storyPanel{v: &g.view, actor: -1}
	g.charts = chartsPanel{v: &g.view}
	g.totals = totalsPanel{v: &g.view}
	g.hud = hudPanel{v: &g.view, conflicts: c}
	g.charts.tops = map[string]float64{}
	var bad []live.Notice
	g.guide, bad = newGuide()
	g.load(h.initialQuery())
	g.notices = append(g.notices, bad...)
	return g
}

// load replaces the run with the one the address query describes.
func (g *Game) load(query string) {
	st, notes := live.ParseQuery(query)
	g.answersOnly = st.AnswersOnly
	if st.Tour != "" {
		if g.loadChapter(st, notes) {
			return
		}
		notes = g.notices
		st.Tour = ""
	}
	if err := g.start(st); err != nil {
		notes = append(notes, live.Notice{Text: "the run could not start (" + err.Error() + "); showing the default"})
		st = live.DefaultState()
		g.start(st)
	}
	g.notices = append(notes, g.notices...)
	g.p.Open(st.Speed, st.Lecture, st.Play, st.Tick)
	g.sess.SetPresentation(st.Speed, st.Lecture, st.Play)
}

// loadChapter opens the chapter an address names (tour=), with the
// address's speed and lecturer mode: the chapter's run replaces the
// address's. It reports false, with a notice in g.notices, when there is
// no such chapter.
func (g *Game) loadChapter(st live.State, notes []live.Notice) bool {
	i, err := g.guide.Find(st.Tour)
	if err != nil {
		g.notices = append(notes, live.Notice{Key: "tour", Text: err.Error() + "; showing the sandbox"})
		return false
	}
	if err := g.openChapter(i); err != nil {
		g.notices = append(notes, live.Notice{Key: "tour", Text: "the chapter could not start (" + err.Error() + ")"})
		return false
	}
	g.notices = append(notes, g.notices...)
	g.p.Open(st.Speed, st.Lecture, false, -1)
	g.p.Pause()
	g.sess.SetPresentation(st.Speed, st.Lecture, false)
	return true
}

// start builds a session for st and clears what was drawn of the previous
// one. A state without a chapter (st.Tour) leaves the tour; the same
// chapter's run again takes it back to its premise. The caller tells the
// player of the new world.
func (g *Game) start(st live.State) error {
	s, err := live.New(st)
	if err != nil {
		return err
	}
	s.SetAnswersOnly(g.answersOnly)
	g.sess = s
	if st.Tour == "" {
		g.guide.Leave()
	} else {
		g.guide.Restart()
	}
	g.notices = nil
	g.b, g.ghost = nil, nil
	if !st.Compare.None() {
		if err := g.startTwin(); err != nil {
			g.notices = append(g.notices, live.Notice{Key: "compare", Text: err.Error()})
		}
	}
	g.attach()
	return nil
}

// startTwin builds the second world again for the first's new set-up
// (an override before the first day), or drops it with the reason.
func (g *Game) startTwin() error {
	b, err := newTwin(g.sess.State())
	if err != nil {
		g.b = nil
		return fmt.Errorf("%v; showing one world", err)
	}
	b.arcs.only = &g.answersOnly
	g.b = b
	return nil
}

// ensureGhost starts the shadow run, for the charts' ghost lines, once the
// run has changes during it and shows one world, and runs it up to the
// day the real run has reached.
func (g *Game) ensureGhost() {
	at := g.sess.State().At
	if g.b != nil || len(at) == 0 {
		return
	}
	if g.ghost == nil {
		from := at[0].Tick
		for _, c := range at {
			from = min(from, c.Tick)
		}
		sh, err := newShadow(g.sess.State(), from)
		if err != nil {
			return
		}
		g.ghost = sh
		g.charts.startGhost(g.sess, from)
	}
	for g.ghost.ran() < g.sess.Ran() {
		st := g.ghost.step()
		if st == nil {
			break
		}
		g.charts.recordGhost(st)
	}
}

// attach wires the session's acts to the panels and clears what belonged
// to the previous world.
func (g *Game) attach() {
	g.charts.reset(g.sess, g.b)
	g.arcs.clear()
	clear(g.world.conflicts)
	g.hud.banner = banner{}
	g.view.invalidate()
	g.dirty = true
	g.sess.OnAct = g.onAct
	g.sess.OnCascadeClosed = func(c *model.CascadeRecord) {
		if sz := g.charts.charts.Sizes; sz != nil {
			sz.Add(c.Size)
		}
	}
	g.hud.label, g.hud.labelCol = "", scene.White
	if g.b != nil {
		g.hud.label = "A: as set"
		g.b.sess.OnAct = g.onActB
		g.b.sess.OnCascadeClosed = func(c *model.CascadeRecord) {
			if sz := g.charts.other.Sizes; sz != nil {
				sz.Add(c.Size)
			}
		}
		if v := g.sess.State().Compare; v.Timed {
			g.charts.charts.Mark(v.Tick, "B: "+v.Setting().String())
		}
	}
	g.ensureGhost()
}

// onAct hands an act to the panels: an armed-conflict act to the map and
// the banner, and every act, but those of the days skipped by a
// fast-forward, to the arcs.
func (g *Game) onAct(a, parent *model.Act) {
	if a.Intensity >= model.ArmedAttack {
		actors := g.sess.Model().Actors()
		g.world.conflicts.note(actors[a.Origin].State, actors[a.Target].State, a.Tick)
		g.hud.announce(a, g.sess, g.frame)
	}
	g.tourAct(a, parent)
	if g.p.Target > a.Tick {
		return // fast-forwarding: only the address's day is drawn
	}
	g.arcs.add(a, parent, g.frame, g.framesPerTick())
}

// framesPerTick is how many frames a tick lasts at the current speed.
func (g *Game) framesPerTick() float64 {
	if g.p.Speed <= 0 {
		return 1
	}
	return float64(ebiten.TPS()) / g.p.Speed
}

// step runs one tick and records it for the charts.
func (g *Game) step() bool {
	st, ok := g.sess.Step()
	if !ok {
		return false
	}
	g.charts.record(&st)
	if g.b != nil {
		if bt, ok := g.b.sess.Step(); ok {
			g.charts.recordOther(&bt)
			g.b.diff.Add(&st, &bt)
		}
	}
	if g.ghost != nil {
		if gt := g.ghost.step(); gt != nil {
			g.charts.recordGhost(gt)
		}
	}
	g.tourDay()
	g.view.layerDirty = true
	g.dirty = true
	return true
}

// Update handles the frame's input and runs the days due.
func (g *Game) Update() error {
	if g.host.quit() {
		return ebiten.Termination
	}
	snap, keys := g.update()
	// The lecturer's keys and the page's news go without the lock: the
	// keys take it as the page's calls do, and the page's script may call
	// back.
	for _, k := range keys {
		g.press(k)
	}
	g.host.publish(snap)
	return nil
}

// update handles the frame's input and runs the days due, with the lock
// held; it returns what the page should be told and the lecturer's keys
// pressed (the desktop's), which Update presses once the lock is released.
func (g *Game) update() (any, []lectureKey) {
	g.mu.Lock()
	defer g.mu.Unlock()
	begin := time.Now()
	defer func() { g.diag.updateMs = ewma(g.diag.updateMs, float64(time.Since(begin).Microseconds())/1000) }()
	g.frame++
	before := g.p.State
	keys := g.host.input(g.p)
	g.click()
	g.follow()
	g.p.Advance()
	if g.p.State != before {
		g.dirty = true
	}
	g.arcs.prune(g.sess, &g.p.State, g.frame)
	if g.b != nil {
		g.b.arcs.prune(g.b.sess, &g.p.State, g.frame)
	}
	return g.host.snapshot(g), keys
}

// Draw draws the layer (the map and the charts, redrawn when a day has
// run), then the pulses, the arcs, the selection, the day's band and the
// host's overlays. It only reads the run.
func (g *Game) Draw(screen *ebiten.Image) {
	if first := g.draw(screen); first {
		g.host.firstFrame()
	}
	g.host.drawn(g, screen)
}

func (g *Game) draw(screen *ebiten.Image) (first bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	start := time.Now()
	defer func() {
		g.diag.draws++
		g.diag.drawMs = ewma(g.diag.drawMs, float64(time.Since(start).Microseconds())/1000)
	}()
	v, s, st := &g.view, g.sess, &g.p.State
	v.measure(screen, st.Lecture)
	g.fit()
	b := screen.Bounds()
	v.ensureLayer(b.Dx(), b.Dy())
	// Only the stage is the game's: the rest of the canvas lies under the
	// page's panels (or the window's narration strip). Filling and copying
	// the stage alone halves the pixels a frame moves at 1280×800, which
	// is what software rendering pays for.
	area := v.stageArea()
	if v.layerDirty {
		v.faces.smallest = 0
		area.fill(v.layer, v.theme.Background)
		g.world.Draw(v.layer, s)
		if g.b != nil {
			g.b.view.faces.smallest = 0
			g.b.world.Draw(v.layer, g.b.sess)
		}
		g.charts.Draw(v.layer, s)
		g.totals.Draw(v.layer, s)
		v.layerDirty = false
	}
	area.copy(screen, v.layer)
	g.world.DrawPulse(screen, s, g.frame)
	g.arcs.Draw(screen, s, st, g.frame)
	if b := g.b; b != nil {
		b.world.DrawPulse(screen, b.sess, g.frame)
		b.arcs.Draw(screen, b.sess, st, g.frame)
	}
	g.story.Draw(screen, g.frame)
	g.hud.Draw(screen, s, st, g.frame)
	if b := g.b; b != nil {
		b.hud.Draw(screen, b.sess, st, g.frame)
	}
	g.host.overlay(screen, g)
	first = !g.ready
	g.ready = true
	return first
}

// fit lays the world and the charts out again when the stage, the world or
// the mode changed.
func (g *Game) fit() {
	v := &g.view
	m := g.sess.Model()
	p := m.Params()
	stage := g.host.stage(v)
	k := viewKey{stage: stage, build: g.sess.Build(), twin: g.b.build(), two: g.b != nil, lecture: g.p.Lecture, dsf: v.dsf, states: p.States}
	if v.fit(k, stage, g.charts.count(), func(r scene.Rect) scene.World { return scene.Layout(r, m.Actors(), p.States) }) {
		g.world.layout()
		if g.b != nil {
			g.b.fit(v, v.otherR)
		}
	}
}

// Layout is Ebiten's integer layout; LayoutF takes precedence.
func (g *Game) Layout(w, h int) (int, int) { return w, h }

// LayoutF makes the game's pixels the device's pixels, so lines stay crisp
// on high-density screens.
func (g *Game) LayoutF(w, h float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	return w * s, h * s
}
