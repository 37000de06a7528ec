package main

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
)

// view is the drawing state: the layout for the current stage and the
// cached triangles of regions and marks.
type view struct {
	faces   faces
	key     viewKey
	theme   scene.Theme
	px      float64 // device pixels per CSS pixel, times the theme's scale
	dsf     float64
	screen  scene.Rect
	stage   scene.Rect
	worldR  scene.Rect
	cells   []scene.Rect
	world   scene.World
	regions batch
	marks   batch
	layer   *ebiten.Image // regions and marks
	dyn     batch
	buf     []scene.Point
	part    []scene.Point

	layerDirty bool
}

type viewKey struct {
	stage   scene.Rect
	build   int
	lecture bool
	dsf     float64
	states  int
}

func (v *view) invalidate() {
	v.key = viewKey{}
	v.layerDirty = true
}

// draw draws a cached batch without emptying it.
func (b *batch) draw(dst *ebiten.Image) {
	if len(b.i) == 0 {
		return
	}
	dst.DrawTriangles32(b.v, b.i, white, &ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha})
}

// Draw draws the map, the arcs, the charts and the overlays. It only reads
// the run.
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
		g.draws++
		g.drawMs = ewma(g.drawMs, float64(time.Since(start).Microseconds())/1000)
	}()
	v := &g.view
	v.dsf = ebiten.Monitor().DeviceScaleFactor()
	v.theme = scene.ThemeFor(g.lecture)
	v.px = v.dsf * v.theme.Scale
	b := screen.Bounds()
	v.screen = scene.Rect{W: float64(b.Dx()), H: float64(b.Dy())}

	stage := v.screen
	if r, ok := g.host.stage(); ok {
		stage = scene.Rect{X: r.X * v.dsf, Y: r.Y * v.dsf, W: r.W * v.dsf, H: r.H * v.dsf}
	} else if !g.host.browser() {
		stage.H -= g.logHeight()
	}
	m := g.sess.Model()
	p := m.Params()
	k := viewKey{stage: stage, build: g.build, lecture: g.lecture, dsf: v.dsf, states: p.States}
	if k != v.key {
		v.key = k
		v.stage = stage
		v.worldR, v.cells = scene.Split(stage.Inset(4*v.dsf), len(g.charts.List)+1, v.theme.Scale*v.dsf)
		// The day and the run's state have a band of their own above the map.
		mapR := v.worldR
		hud := min(44*v.px, mapR.H/4)
		mapR.Y += hud
		mapR.H -= hud
		v.world = scene.Layout(mapR, m.Actors(), p.States)
		g.drawRegions()
		v.layerDirty = true
	}
	// Everything but the arcs, the selection and the overlays changes at
	// most once a tick: it is drawn into a layer, which each frame copies
	// in one quad.
	if w, h := b.Dx(), b.Dy(); v.layer == nil || v.layer.Bounds().Dx() != w || v.layer.Bounds().Dy() != h {
		if v.layer != nil {
			v.layer.Deallocate()
		}
		v.layer = ebiten.NewImage(w, h)
		v.layerDirty = true
	}
	if v.layerDirty {
		g.drawMarks()
		v.layer.Fill(v.theme.Background)
		v.regions.draw(v.layer)
		g.drawTension(v.layer)
		v.marks.draw(v.layer)
		g.drawHalos(v.layer)
		g.drawLabels(v.layer)
		g.drawActorLabels(v.layer)
		g.drawCharts(v.layer)
		v.layerDirty = false
	}
	screen.DrawImage(v.layer, nil)
	g.drawArmedPulse(screen)
	g.drawArcs(screen)
	g.drawSelection(screen)
	g.drawHUD(screen)
	if !g.host.browser() {
		g.drawLog(screen)
		if g.help {
			g.drawHelp(screen)
		}
	}
	first = !g.ready
	g.ready = true
	return first
}

// drawRegions caches the states' discs.
func (g *Game) drawRegions() {
	v := &g.view
	v.regions.reset()
	for _, r := range v.world.Regions {
		v.regions.circle(r.Center, r.Radius, v.theme.Region, 72)
		v.regions.ring(r.Center, r.Radius, max(1, 1.2*v.px), v.theme.RegionEdge, 72)
	}
}

// markRadius is an actor's mark radius in device pixels.
func (v *view) markRadius(st scene.Style) float64 {
	r := v.world.Mark * st.Size
	if v.theme.Lecture {
		r *= 1.2
	}
	if st.Shape == scene.Hexagon {
		r = max(r, 10*v.px)
	}
	return r
}

// drawMarks caches every actor's mark: shape and colour by kind, hollow
// orange squares for firms below the poverty line, a green ring around
// botnet hosts, a cross on destroyed firms.
func (g *Game) drawMarks() {
	v := &g.view
	v.marks.reset()
	actors := g.sess.Model().Actors()
	for i := range actors {
		a := &actors[i]
		st := scene.StyleOf(a, &v.theme)
		r := v.markRadius(st)
		c := st.Color
		if a.Destroyed {
			c = scene.WithAlpha(v.theme.Muted, 0.5)
		}
		p := v.world.Pos[i]
		if a.Kind == model.KindState {
			v.marks.poly(regular(p, r, 6, -math.Pi/2), v.theme.Background)
			v.marks.outline(regular(p, r, 6, -math.Pi/2), max(1.5, 2*v.px), c)
			continue
		}
		if a.Compromised {
			v.marks.ring(p, r*1.9+1, max(1, 0.5*r), scene.HostColor, 10)
		}
		v.marks.mark(p, r, st, c)
		if a.Kind == model.KindVigilante && a.Anger > 0 {
			// His anger as of his last hit, against his temper: a ring that
			// closes as he nears the point of striking.
			frac := min(a.Anger/max(g.sess.Model().Params().VigilanteTemper, 1e-9), 1)
			v.marks.arc(p, r*1.9+2*v.px, max(1.5, 0.6*r), frac, scene.Vermillion)
		}
		if a.Destroyed {
			v.marks.cross(p, r*1.3, max(1, r/2), v.theme.Text)
		}
	}
}

// drawTension draws the tension between every two states as a band through
// the middle of the map: wider and warmer as it rises, dashed below the
// threshold at which states escalate, solid above; an armed-conflict
// crossing pulses, then fades over armedDays days.
func (g *Game) drawTension(screen *ebiten.Image) {
	v := &g.view
	m := g.sess.Model()
	p := m.Params()
	n := p.States
	if n < 2 || n > 30 {
		return
	}
	threshold := max(p.TensionEscalation, 1e-9)
	centre := v.worldR.Center()
	ran := g.sess.Ran()
	type chord struct {
		i, j int
		t    float64
	}
	var chords []chord
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			t := max(m.Tension(i, j), m.Tension(j, i))
			pair := [2]int32{int32(i), int32(j)}
			last, armed := g.armed[pair]
			if t < 0.02*threshold && !(armed && ran-last <= armedDays) {
				continue
			}
			chords = append(chords, chord{i, j, t})
		}
	}
	sort.Slice(chords, func(a, b int) bool { return chords[a].t < chords[b].t })
	for _, c := range chords {
		ri, rj := v.world.Regions[c.i], v.world.Regions[c.j]
		pts := v.chordPath(ri, rj, centre)
		rel := c.t / threshold
		w := (1 + 6*math.Min(rel, 1.5)/1.5) * v.px
		col := scene.TensionColor(c.t, threshold)
		alpha := 0.35 + 0.5*math.Min(rel, 1)
		dash := 0.0
		if rel < 1 {
			dash = 7 * v.px
		}
		pair := [2]int32{int32(c.i), int32(c.j)}
		v.dyn.polyline(pts, w, scene.WithAlpha(col, alpha), dash)
		if last, ok := g.armed[pair]; ok && ran-last <= armedDays {
			// Loud at first, fading over armedDays days.
			fresh := 1 - float64(ran-last)/armedDays
			v.dyn.polyline(pts, w+(3+3*fresh)*v.px, scene.WithAlpha(scene.ReddishPurple, 0.45+0.25*fresh), 0)
			v.dyn.polyline(pts, 2*v.px, scene.White, 4*v.px)
		}
	}
	v.dyn.flush(screen)
}

// drawArmedPulse makes the bands of the states in armed conflict pulse,
// every frame, over the layer.
func (g *Game) drawArmedPulse(screen *ebiten.Image) {
	v := &g.view
	ran := g.sess.Ran()
	centre := v.worldR.Center()
	for pair, last := range g.armed {
		if ran-last > armedDays || int(pair[1]) >= len(v.world.Regions) {
			continue
		}
		fresh := 1 - float64(ran-last)/armedDays
		pulse := scene.Pulse(g.frame) * fresh
		if pair[0] == pair[1] { // within one state's jurisdiction: its rim pulses
			r := v.world.Regions[pair[0]]
			v.dyn.ring(r.Center, r.Radius+4*v.px, (4+4*pulse)*v.px, scene.WithAlpha(scene.ReddishPurple, 0.5*pulse), 64)
			continue
		}
		pts := v.chordPath(v.world.Regions[pair[0]], v.world.Regions[pair[1]], centre)
		v.dyn.polyline(pts, (8+6*pulse)*v.px, scene.WithAlpha(scene.ReddishPurple, 0.35*pulse), 0)
	}
	v.dyn.flush(screen)
}

// armedDays is how long a pair of states stays marked as in armed
// conflict after an act at the armed-conflict threshold between them.
const armedDays = 60

// chordPath is the curve between two regions' rims, bowed through the
// centre of the map so that neighbours' tension shows too.
func (v *view) chordPath(ri, rj scene.Region, centre scene.Point) []scene.Point {
	ctrl := centre
	if len(v.world.Regions) == 2 || ri.Center.Dist(centre) < 1 || rj.Center.Dist(centre) < 1 {
		ctrl = ri.Center.Lerp(rj.Center, 0.5)
	}
	dir := func(from scene.Point) scene.Point {
		d := ctrl.Sub(from)
		if l := d.Len(); l > 0 {
			return d.Mul(1 / l)
		}
		return scene.Point{X: 1}
	}
	a := ri.Center.Add(dir(ri.Center).Mul(ri.Radius))
	b := rj.Center.Add(dir(rj.Center).Mul(rj.Radius))
	if len(v.world.Regions) == 2 {
		a = ri.Center.Add(rj.Center.Sub(ri.Center).Mul(ri.Radius / ri.Center.Dist(rj.Center)))
		b = rj.Center.Add(ri.Center.Sub(rj.Center).Mul(rj.Radius / ri.Center.Dist(rj.Center)))
		return []scene.Point{a, b}
	}
	v.buf = v.buf[:0]
	const n = 20
	for k := 0; k <= n; k++ {
		t := float64(k) / n
		u := 1 - t
		v.buf = append(v.buf, scene.Point{
			X: u*u*a.X + 2*u*t*ctrl.X + t*t*b.X,
			Y: u*u*a.Y + 2*u*t*ctrl.Y + t*t*b.Y,
		})
	}
	return v.buf
}

func (v *view) chordMid(ri, rj scene.Region, centre scene.Point) scene.Point {
	pts := v.chordPath(ri, rj, centre)
	return pts[len(pts)/2]
}

// drawHalos lights up the actors of every open cascade that has grown
// beyond its first act: a yellow ring and a faint glow over their marks.
func (g *Game) drawHalos(screen *ebiten.Image) {
	v := &g.view
	r := v.world.Mark*2.4 + 2*v.px
	if v.theme.Lecture {
		r *= 1.3
	}
	n := 0
	g.sess.OpenCascades(2, func(c *live.OpenCascade) {
		// Brighter as the cascade grows.
		alpha := 0.3 + 0.08*math.Min(float64(c.Size), 8)
		glow := scene.WithAlpha(scene.Yellow, alpha*0.25)
		rim := scene.WithAlpha(scene.Yellow, alpha)
		for _, id := range c.Actors {
			if n > 3000 {
				return
			}
			v.dyn.circle(v.world.Pos[id], r, glow, 12)
			v.dyn.ring(v.world.Pos[id], r, max(1, 1.2*v.px), rim, 12)
			n++
		}
	})
	v.dyn.flush(screen)
}

// drawArcs draws the acts in flight and landed: origin to target through
// the botnet host, coloured and widened by intensity; answers get an
// arrowhead, answers that hit an innocent are dashed with a cross on the
// victim and a dotted line to the real attacker.
func (g *Game) drawArcs(screen *ebiten.Image) {
	v := &g.view
	tm := g.timing()
	last := g.sess.Ran() - 1
	for i := range g.arcs.List {
		a := &g.arcs.List[i]
		tail, head, alpha := a.Progress(g.frame, tm, !g.playing && a.Tick == last)
		if head <= 0 || alpha <= 0 {
			continue
		}
		v.buf = v.world.ArcPath(v.buf[:0], a)
		if len(v.buf) < 2 {
			continue
		}
		v.part = scene.Portion(v.part[:0], v.buf, tail, head)
		w := scene.IntensityWidth(a.Intensity) * v.px
		if !a.Answer {
			w *= 0.8
			alpha *= 0.85
		}
		col := scene.WithAlpha(scene.IntensityColor(a.Intensity), alpha)
		if a.Intensity >= model.ArmedAttack {
			v.dyn.polyline(v.part, w+4*v.px, scene.WithAlpha(scene.White, alpha), 0)
		}
		dash := 0.0
		if a.Innocent {
			dash = 6 * v.px
		}
		v.dyn.polyline(v.part, w, col, dash)
		tip := v.part[len(v.part)-1]
		if head < 1 {
			v.dyn.circle(tip, w*0.9+1.5*v.px, col, 8)
		} else if a.Answer {
			v.dyn.arrow(tip, tip.Sub(v.part[max(0, len(v.part)-3)]), (5+2*w/v.px)*v.px, col)
		}
		if a.Via >= 0 && head >= 0.45 {
			v.dyn.ring(v.world.Pos[a.Via], v.world.Mark*2.4+2*v.px, 1.5*v.px, scene.WithAlpha(scene.HostColor, alpha), 14)
		}
		if a.Innocent && head >= 1 {
			to := v.world.Pos[a.To]
			s := v.world.Mark*2 + 4*v.px
			v.dyn.cross(to, s, 2.5*v.px, scene.WithAlpha(scene.White, alpha))
			v.dyn.cross(to, s, 1.2*v.px, scene.WithAlpha(scene.Vermillion, alpha))
			if a.TrueOrigin >= 0 {
				v.dyn.polyline([]scene.Point{to, v.world.Pos[a.TrueOrigin]}, 1.2*v.px, scene.WithAlpha(scene.White, 0.55*alpha), 3*v.px)
			}
		}
	}
	v.dyn.flush(screen)
}

// drawSelection draws the clicked actor and the remembered acts of the
// story's cascade, numbering the chain from the root.
func (g *Game) drawSelection(screen *ebiten.Image) {
	v := &g.view
	sel := &g.selection
	pulse := scene.Pulse(g.frame)
	if sel.actor >= 0 && int(sel.actor) < len(v.world.Pos) {
		v.dyn.ring(v.world.Pos[sel.actor], v.world.Mark*3+(3+3*pulse)*v.px, 2*v.px, scene.White, 24)
	}
	if sel.story == nil {
		v.dyn.flush(screen)
		return
	}
	onPath := map[int64]int{}
	step := 0
	for _, l := range sel.story.Lines {
		if l.OnPath {
			step++
			onPath[l.Act] = step
		}
	}
	for i := range sel.acts {
		a := &sel.acts[i]
		arc := scene.ArcOf(a, g.sess.Act(a.Parent), 0)
		v.buf = v.world.ArcPath(v.buf[:0], &arc)
		if len(v.buf) < 2 {
			continue
		}
		col, w := scene.WithAlpha(scene.White, 0.35), 1.5*v.px
		if onPath[a.ID] > 0 {
			col, w = scene.WithAlpha(scene.White, 0.7+0.3*pulse), 2.5*v.px
		}
		dash := 0.0
		if a.Innocent {
			dash = 6 * v.px
		}
		v.dyn.polyline(v.buf, w, col, dash)
		v.dyn.arrow(v.buf[len(v.buf)-1], v.buf[len(v.buf)-1].Sub(v.buf[len(v.buf)-3]), 8*v.px, col)
	}
	v.dyn.flush(screen)
	face := v.faces.get(12*v.px, true)
	for i := range sel.acts {
		a := &sel.acts[i]
		n := onPath[a.ID]
		if n == 0 {
			continue
		}
		arc := scene.ArcOf(a, nil, 0)
		v.buf = v.world.ArcPath(v.buf[:0], &arc)
		if len(v.buf) < 2 {
			continue
		}
		mid := v.buf[len(v.buf)/2]
		v.dyn.circle(mid, 9*v.px, scene.Black, 16)
		v.dyn.ring(mid, 9*v.px, 1.5*v.px, scene.White, 16)
		v.dyn.flush(screen)
		drawText(screen, fmt.Sprint(n), face, mid.X, mid.Y-7*v.px, scene.White, alignCenter)
	}
}

// drawLabels names the states inside their regions.
func (g *Game) drawLabels(screen *ebiten.Image) {
	v := &g.view
	face := v.faces.get(12*v.px, true)
	small := v.faces.get(10*v.px, true)
	for _, r := range v.world.Regions {
		name := live.StateName(r.State)
		w := textWidth(name, face)
		y := r.Center.Y - r.Radius + 6*v.px
		v.dyn.rect(scene.Rect{X: r.Center.X - w/2 - 5*v.px, Y: y - 2*v.px, W: w + 10*v.px, H: 18 * v.px}, scene.WithAlpha(v.theme.Background, 0.8))
		v.dyn.flush(screen)
		drawText(screen, name, face, r.Center.X, y, v.theme.Text, alignCenter)
		// The state's own mark carries its letter.
		if r.State < 26 {
			drawText(screen, string(rune('A'+r.State)), small, r.Center.X, r.Center.Y-6*v.px, v.theme.Text, alignCenter)
		}
	}
}

// drawActorLabels names the attackers and vigilantes in a small world,
// where every mark can be told apart.
func (g *Game) drawActorLabels(screen *ebiten.Image) {
	v := &g.view
	actors := g.sess.Model().Actors()
	if len(actors) > 200 {
		return
	}
	face := v.faces.get(10*v.px, false)
	for i := range actors {
		a := &actors[i]
		switch a.Kind {
		case model.KindCriminal, model.KindHacktivist, model.KindVigilante:
		default:
			continue
		}
		st := scene.StyleOf(a, &v.theme)
		p := v.world.Pos[i]
		drawText(screen, fmt.Sprintf("%s %d", a.Kind, a.ID), face, p.X, p.Y+v.markRadius(st)*1.9+3*v.px, v.theme.Text, alignCenter)
	}
}

// chartColors are each chart's line colours (line 0 solid, 1 dashed).
var chartColors = []color.RGBA{scene.Orange, scene.Vermillion, scene.ReddishPurple, scene.Yellow, scene.Orange}

// drawCharts draws the live charts: a title and the latest value, the
// series so far on a time axis spanning the whole run, a dotted reference
// where there is one, and marks for changes and armed conflict.
func (g *Game) drawCharts(screen *ebiten.Image) {
	v := &g.view
	title := v.faces.get(12*v.px, true)
	small := v.faces.get(10*v.px, false)
	th := &v.theme
	ticks := g.charts.Ticks
	ran := g.sess.Ran()
	for i, c := range g.charts.List {
		if i >= len(v.cells) {
			break
		}
		cell := v.cells[i]
		v.dyn.rect(cell, th.Region)
		pad := 6 * v.px
		if c.Empty != "" {
			v.dyn.flush(screen)
			drawText(screen, c.Title, title, cell.X+pad, cell.Y+pad-2*v.px, th.Text, alignStart)
			drawText(screen, c.Empty, small, cell.X+pad, cell.Y+pad+20*v.px, th.Muted, alignStart)
			continue
		}
		plot := scene.Rect{X: cell.X + pad, Y: cell.Y + pad + 18*v.px, W: cell.W - 2*pad, H: cell.H - 2*pad - 32*v.px}
		footer := plot.H > 30*v.px
		if !footer { // no room for the footer: the plot takes its place
			plot.H = cell.H - 2*pad - 18*v.px
		}
		if plot.H < 10 {
			plot.Y, plot.H = cell.Y+pad+16*v.px, max(cell.H-2*pad-16*v.px, 4)
		}
		top := c.Fixed
		if top == 0 {
			m := 0.0
			for _, s := range c.Lines {
				m = max(m, s.Max())
			}
			top = scene.NiceTop(m)
		}
		// Axes: base line and top grid line.
		v.dyn.line(scene.Point{X: plot.X, Y: plot.Y + plot.H}, scene.Point{X: plot.X + plot.W, Y: plot.Y + plot.H}, v.px, th.Grid)
		v.dyn.polyline([]scene.Point{{X: plot.X, Y: plot.Y}, {X: plot.X + plot.W, Y: plot.Y}}, v.px, th.Grid, 3*v.px)
		if !math.IsNaN(c.Ref) {
			y := plot.Y + plot.H*(1-c.Ref/top)
			v.dyn.polyline([]scene.Point{{X: plot.X, Y: y}, {X: plot.X + plot.W, Y: y}}, 1.5*v.px, scene.BluishGreen, 2*v.px)
		}
		for _, mk := range g.charts.Marks {
			if mk.Tick > ran || ticks == 0 {
				continue
			}
			x := plot.X + plot.W*float64(mk.Tick)/float64(ticks)
			if mk.Armed {
				v.dyn.line(scene.Point{X: x, Y: plot.Y}, scene.Point{X: x, Y: plot.Y + plot.H}, v.px, scene.WithAlpha(scene.ReddishPurple, 0.6))
			} else {
				v.dyn.polyline([]scene.Point{{X: x, Y: plot.Y}, {X: x, Y: plot.Y + plot.H}}, v.px, th.Muted, 3*v.px)
			}
		}
		col := chartColors[i%len(chartColors)]
		for k, s := range c.Lines {
			v.buf = scene.Plot(v.buf[:0], s, plot, ticks, top)
			dash := 0.0
			if k == 1 {
				dash = 4 * v.px
			}
			if len(v.buf) == 1 {
				v.dyn.circle(v.buf[0], 1.5*v.px, col, 6)
			}
			v.dyn.polyline(v.buf, 1.6*v.px, col, dash)
		}
		v.dyn.flush(screen)
		drawText(screen, c.Title, title, cell.X+pad, cell.Y+pad-2*v.px, th.Text, alignStart)
		if len(c.Lines) > 0 && ran > 0 {
			value := c.Format(c.Lines[0].Last)
			if textWidth(c.Title, title)+textWidth(value, title)+12*v.px <= cell.W-2*pad {
				drawText(screen, value, title, cell.X+cell.W-pad, cell.Y+pad-2*v.px, col, alignEnd)
			} else {
				drawText(screen, value, small, cell.X+cell.W-pad, plot.Y+2*v.px, col, alignEnd)
			}
		}
		drawText(screen, scene.FormatNum(top), small, plot.X+2*v.px, plot.Y+2*v.px, th.Muted, alignStart)
		if footer {
			foot := fmt.Sprintf("day 0 – %d", ticks-1)
			switch {
			case len(c.Names) == 2:
				foot += "   solid: " + c.Names[0] + ", dashed: " + c.Names[1]
			case !math.IsNaN(c.Ref):
				foot += "   dotted: " + c.RefFor
			}
			drawText(screen, foot, small, plot.X, plot.Y+plot.H+3*v.px, th.Muted, alignStart)
		}
	}
	if len(v.cells) > len(g.charts.List) {
		g.drawTotals(screen, v.cells[len(g.charts.List)])
	}
	// Name the changes on the first chart.
	if len(v.cells) > 0 {
		cell := v.cells[0]
		plotW := cell.W - 12*v.px
		for _, mk := range g.charts.Marks {
			if mk.Armed || mk.Tick > ran || ticks == 0 {
				continue
			}
			x := cell.X + 6*v.px + plotW*float64(mk.Tick)/float64(ticks)
			drawText(screen, mk.Label, small, x+2*v.px, cell.Y+24*v.px, th.Muted, alignStart)
		}
	}
}

// drawTotals sums the run up so far in the spare chart cell.
func (g *Game) drawTotals(screen *ebiten.Image, cell scene.Rect) {
	v := &g.view
	th := &v.theme
	v.dyn.rect(cell, th.Region)
	v.dyn.flush(screen)
	pad := 6 * v.px
	title := v.faces.get(12*v.px, true)
	face := v.faces.get(11*v.px, false)
	t := g.sess.Model().Totals()
	head := "So far"
	if r := g.sess.Ran(); r > 0 {
		head = fmt.Sprintf("So far (days 0–%d)", r-1)
	}
	drawText(screen, head, title, cell.X+pad, cell.Y+pad-2*v.px, th.Text, alignStart)
	rows := [][2]string{
		{"attacks", fmt.Sprint(t.Attacks)},
		{"answers", fmt.Sprint(t.Answers)},
		{"innocents hit", fmt.Sprint(t.InnocentsHarmed)},
		{"hack backs", fmt.Sprint(t.ByKind[model.ActHackBack])},
		{"armed conflict", fmt.Sprint(t.ArmedConflict)},
		{"interstate", fmt.Sprint(t.Interstate)},
		{"firms destroyed", fmt.Sprint(t.FirmsDestroyed)},
	}
	cols := 2
	perCol := (len(rows) + cols - 1) / cols
	colW := (cell.W - 2*pad) / float64(cols)
	avail := cell.H - pad - 20*v.px
	// Smaller type until every row fits its column and the panel.
	lineH := 14 * v.px
	for size := 11.0; size >= 7; size -= 0.5 {
		face = v.faces.get(size*v.px, false)
		lineH = (size + 2.5) * v.px
		widest := 0.0
		for _, r := range rows {
			widest = max(widest, textWidth(r[0], face)+textWidth(r[1], face))
		}
		if widest+14*v.px <= colW && float64(perCol)*lineH <= avail {
			break
		}
	}
	top := cell.Y + pad + 18*v.px
	for i, r := range rows {
		col, row := i/perCol, i%perCol
		y := top + float64(row)*lineH
		if y+lineH > cell.Y+cell.H {
			continue
		}
		x := cell.X + pad + float64(col)*colW
		c := th.Text
		if r[0] == "armed conflict" && r[1] != "0" {
			c = scene.ReddishPurple
		}
		drawText(screen, r[0], face, x, y, th.Muted, alignStart)
		drawText(screen, r[1], face, x+colW-8*v.px, y, c, alignEnd)
	}
}

// drawHUD writes the day and the run's state above the map, the pairs of
// states in armed conflict and the highest tension, and the
// armed-conflict banner.
func (g *Game) drawHUD(screen *ebiten.Image) {
	v := &g.view
	x, y := v.worldR.X+8*v.px, v.worldR.Y+4*v.px
	big := v.faces.get(18*v.px, true)
	small := v.faces.get(11*v.px, false)
	bold := v.faces.get(11*v.px, true)
	s := g.sess
	day := "Day –"
	if s.Ran() > 0 {
		day = fmt.Sprintf("Day %d", s.Ran()-1)
	}
	drawText(screen, day, big, x, y, v.theme.Text, alignStart)
	st := s.State()
	status := "paused"
	switch {
	case g.target >= 0:
		status = fmt.Sprintf("catching up to day %d…", g.target)
	case s.Done():
		status = "the run is over"
	case g.playing && g.speed == live.Fastest:
		status = "playing as fast as it can"
	case g.playing:
		status = fmt.Sprintf("playing, %s days a second", scene.FormatNum(g.speed))
	case s.Ran() == 0:
		status = "press play"
	}
	line := fmt.Sprintf("of %d · %s · seed %d · %s", s.Ticks(), st.Scenario, st.Seed, status)
	drawText(screen, line, small, x, y+24*v.px, v.theme.Muted, alignStart)

	// On the right: the highest tension, and who is in armed conflict.
	m := s.Model()
	p := m.Params()
	right := v.worldR.X + v.worldR.W - 8*v.px
	if p.States >= 2 {
		best, bi, bj := -1.0, 0, 0
		for i := 0; i < p.States && p.States <= 60; i++ {
			for j := i + 1; j < p.States; j++ {
				if t := max(m.Tension(i, j), m.Tension(j, i)); t > best {
					best, bi, bj = t, i, j
				}
			}
		}
		if best > 0 {
			col := v.theme.Muted
			if best >= p.TensionEscalation {
				col = scene.Vermillion
			}
			room := right - (x + textWidth(line, small) + 16*v.px)
			for _, text := range []string{
				fmt.Sprintf("highest tension %s–%s: %s (states escalate above %s)", letter(bi), letter(bj), scene.FormatNum(best), scene.FormatNum(p.TensionEscalation)),
				fmt.Sprintf("highest tension %s–%s: %s", letter(bi), letter(bj), scene.FormatNum(best)),
			} {
				if textWidth(text, small) <= room {
					drawText(screen, text, small, right, y+24*v.px, col, alignEnd)
					break
				}
			}
		}
	}
	var pairs []string
	ran := s.Ran()
	for pair, last := range g.armed {
		if ran-last <= armedDays {
			where := letter(int(pair[0])) + "–" + letter(int(pair[1]))
			if pair[0] == pair[1] {
				where = "in " + letter(int(pair[0]))
			}
			pairs = append(pairs, fmt.Sprintf("%s (day %d)", where, last))
		}
	}
	if len(pairs) > 0 {
		sort.Strings(pairs)
		text := "ARMED CONFLICT: " + strings.Join(pairs, ", ")
		w := textWidth(text, bold) + 12*v.px
		r := scene.Rect{X: right - w, Y: y + 2*v.px, W: w, H: 18 * v.px}
		v.dyn.rect(r, scene.WithAlpha(scene.ReddishPurple, 0.7+0.3*scene.Pulse(g.frame)))
		v.dyn.flush(screen)
		drawText(screen, text, bold, r.X+6*v.px, r.Y+2*v.px, scene.Black, alignStart)
	}

	if g.frame < g.banner.until && s.Ran()-1-g.banner.tick <= 30 {
		face := v.faces.get(15*v.px, true)
		small := v.faces.get(12*v.px, true)
		head, detail, _ := strings.Cut(g.banner.text, "\n")
		w := min(max(textWidth(head, face), textWidth(detail, small))+24*v.px, v.worldR.W)
		// In the middle of the map, where the ring of states leaves room.
		c := v.world.Bounds.Center()
		r := scene.Rect{X: c.X - w/2, Y: c.Y - 22*v.px, W: w, H: 44 * v.px}
		pulse := scene.Pulse(g.frame)
		v.dyn.rect(scene.Rect{X: r.X - 3*v.px, Y: r.Y - 3*v.px, W: r.W + 6*v.px, H: r.H + 6*v.px}, scene.WithAlpha(scene.White, 0.6+0.4*pulse))
		v.dyn.rect(r, scene.ReddishPurple)
		v.dyn.flush(screen)
		drawText(screen, head, face, r.X+r.W/2, r.Y+5*v.px, scene.Black, alignCenter)
		drawText(screen, detail, small, r.X+r.W/2, r.Y+25*v.px, scene.Black, alignCenter)
	}
}

// letter is a state's letter (or number past Z).
func letter(i int) string {
	return strings.TrimPrefix(live.StateName(int32(i)), "State ")
}

// logHeight is the desktop's narration strip at the bottom.
func (g *Game) logHeight() float64 {
	return 5 * 17 * g.view.px
}

// drawLog shows the latest narration on the desktop, where the page's
// log is not there.
func (g *Game) drawLog(screen *ebiten.Image) {
	v := &g.view
	face := v.faces.get(12*v.px, false)
	h := g.logHeight()
	r := scene.Rect{X: 0, Y: v.screen.H - h, W: v.screen.W, H: h}
	v.dyn.rect(r, v.theme.Region)
	v.dyn.flush(screen)
	entries := g.sess.Entries(max(0, g.sessLastSeq()-4))
	y := r.Y + 4*v.px
	for _, e := range entries {
		text := fmt.Sprintf("Day %d: %s", e.Tick, e.Text)
		for len(text) > 20 && textWidth(text, face) > r.W-16*v.px {
			text = text[:len(text)*9/10] + "…"
		}
		drawText(screen, text, face, 8*v.px, y, v.theme.Text, alignStart)
		y += 16 * v.px
	}
	hint := "space play/pause · → step · R reset · 1–9 presets · +/− speed · F fullscreen · L lecture · ? help"
	drawText(screen, hint, face, 8*v.px, r.Y+r.H-17*v.px, v.theme.Muted, alignStart)
}

func (g *Game) sessLastSeq() int64 {
	es := g.sess.Entries(0)
	if len(es) == 0 {
		return 0
	}
	return es[len(es)-1].Seq
}

// shortcuts are the keyboard's commands, for the help overlays.
var shortcuts = [][2]string{
	{"Space", "play or pause"},
	{"→", "step one day"},
	{"R", "reset the run"},
	{"1 – 9", "presets: " + presetList()},
	{"+ / −", "faster / slower"},
	{"F", "fullscreen"},
	{"L", "lecturer mode (large type, high contrast)"},
	{"?", "this help"},
	{"Click", "an actor or an arc: its cascade's story"},
}

func presetList() string {
	s := ""
	for i, p := range live.Presets() {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%d %s", i+1, p.Name)
	}
	return s
}

// drawHelp is the desktop's help overlay.
func (g *Game) drawHelp(screen *ebiten.Image) {
	v := &g.view
	face := v.faces.get(14*v.px, false)
	bold := v.faces.get(14*v.px, true)
	v.dyn.rect(v.screen, scene.WithAlpha(scene.Black, 0.85))
	v.dyn.flush(screen)
	x, y := 40*v.px, 40*v.px
	drawText(screen, "Keyboard", v.faces.get(20*v.px, true), x, y, scene.White, alignStart)
	y += 36 * v.px
	for _, s := range shortcuts {
		drawText(screen, s[0], bold, x, y, scene.Yellow, alignStart)
		drawText(screen, s[1], face, x+90*v.px, y, scene.White, alignStart)
		y += 24 * v.px
	}
	y += 12 * v.px
	for _, l := range legendLines {
		drawText(screen, l, face, x, y, scene.White, alignStart)
		y += 22 * v.px
	}
}

// legendLines explain the marks in words (the page shows them as a legend).
var legendLines = []string{
	"Discs are states; the hexagon at the centre is the state itself.",
	"Blue squares: firms. Hollow orange squares: firms below the security poverty line.",
	"Grey dots: citizens. Red triangles: criminals. Purple diamonds: hacktivists. Yellow stars: vigilantes.",
	"Green ring: a botnet host. Cross: a destroyed firm. Yellow glow: actors in a growing cascade.",
	"Arcs: attacks, wider and warmer with intensity (blue nuisance → yellow → orange → red → purple armed conflict).",
	"Arrowheads: answers. Dashed with a cross: an answer that hit an innocent; dotted line: the real attacker.",
	"Bands through the middle: tension between states, dashed below the escalation threshold.",
}

// handlePointer selects what a click or tap lands on.
func (g *Game) handlePointer() {
	var x, y int
	switch {
	case inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft):
		x, y = ebiten.CursorPosition()
	default:
		ids := inpututil.AppendJustPressedTouchIDs(nil)
		if len(ids) == 0 {
			return
		}
		x, y = ebiten.TouchPosition(ids[0])
	}
	if g.help {
		g.help = false
		return
	}
	g.pick(scene.Point{X: float64(x), Y: float64(y)})
}

// pick selects the arc, actor or state at p (device pixels).
func (g *Game) pick(p scene.Point) {
	v := &g.view
	if !v.worldR.Contains(p) {
		return
	}
	// Visible arcs first, newest on top.
	tm := g.timing()
	var visible []scene.Arc
	for i := range g.arcs.List {
		a := &g.arcs.List[i]
		if _, head, alpha := a.Progress(g.frame, tm, !g.playing && a.Tick == g.sess.Ran()-1); head > 0 && alpha > 0.2 {
			visible = append(visible, *a)
		}
	}
	actors := g.sess.Model().Actors()
	if id := v.world.Nearest(p, max(6*v.dsf, 1.6*v.world.Mark), actors); id >= 0 {
		g.selectActor(id)
		return
	}
	if i := v.world.ArcAt(visible, p, 5*v.dsf); i >= 0 {
		g.selectAct(visible[i].Act)
		return
	}
	if s := v.world.RegionAt(p); s >= 0 {
		g.selectActor(s)
		return
	}
	g.selection = selection{actor: -1, act: -1}
	g.storyNew = true
	g.dirty = true
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

// Geometry returns the map's and the charts' rectangles in CSS pixels.
func (g *Game) Geometry() (world scene.Rect, charts []scene.Rect, regions []scene.Region) {
	g.mu.Lock()
	defer g.mu.Unlock()
	v := &g.view
	if v.dsf == 0 {
		return
	}
	k := 1 / v.dsf
	sc := func(r scene.Rect) scene.Rect { return scene.Rect{X: r.X * k, Y: r.Y * k, W: r.W * k, H: r.H * k} }
	world = sc(v.worldR)
	for _, c := range v.cells {
		charts = append(charts, sc(c))
	}
	for _, r := range v.world.Regions {
		regions = append(regions, scene.Region{State: r.State, Center: r.Center.Mul(k), Radius: r.Radius * k})
	}
	return
}
