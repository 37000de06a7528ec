package main

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/player"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
)

// maxArcs is the most arcs on screen at once.
const maxArcs = 700

// arcsPanel draws the acts in flight and landed, every frame: origin to
// target through the botnet host, coloured and widened by intensity;
// answers get an arrowhead, answers that hit an innocent are dashed with a
// cross on the victim and a dotted line to the real attacker.
type arcsPanel struct {
	v    *view
	arcs scene.Arcs
	only *bool // when true, only answers, pre-emptive strikes and innocent hits are drawn (nil: all)
}

// shows reports whether the panel draws arc a: every arc, or with the
// filter on (arcs=answers) answers, pre-emptive strikes and innocent hits.
func (p *arcsPanel) shows(a *scene.Arc) bool {
	return p.only == nil || !*p.only || a.Answer || a.Innocent || a.Kind == model.ActPreemptive
}

// clear forgets every arc (a new world).
func (p *arcsPanel) clear() { p.arcs = scene.Arcs{Max: maxArcs} }

// add turns an act into an arc launched at frame; at a speed where a day
// lasts framesPerTick frames, a day's launches are spread over the first
// half of the day.
func (p *arcsPanel) add(a, parent *model.Act, frame int, framesPerTick float64) {
	arc := scene.ArcOf(a, parent, frame)
	if framesPerTick > 2 {
		arc.Born += int(uint64(a.ID)*2654435761%1000) * int(framesPerTick*0.5) / 1000
	}
	p.arcs.Add(arc)
}

// held is the day whose arcs stay on screen: the latest, while paused;
// -1 while playing.
func held(s *live.Session, st *player.State) int {
	if st.Playing {
		return -1
	}
	return s.Ran() - 1
}

// timing is the arcs' timing at the player's speed.
func timing(st *player.State) scene.Timing {
	return scene.TimingFor(st.Speed, float64(ebiten.TPS()))
}

// prune drops the arcs that have faded out by frame.
func (p *arcsPanel) prune(s *live.Session, st *player.State, frame int) {
	p.arcs.Prune(frame, timing(st), held(s, st))
}

// at returns the act of the visible arc nearest p (device pixels), within
// maxDist, newest on top.
func (p *arcsPanel) at(pt scene.Point, maxDist float64, s *live.Session, st *player.State, frame int) (int64, bool) {
	tm, hold := timing(st), held(s, st)
	var visible []scene.Arc
	for i := range p.arcs.List {
		a := &p.arcs.List[i]
		if _, head, alpha := a.Progress(frame, tm, a.Tick == hold); head > 0 && alpha > 0.2 && p.shows(a) {
			visible = append(visible, *a)
		}
	}
	if i := p.v.world.ArcAt(visible, pt, maxDist); i >= 0 {
		return visible[i].Act, true
	}
	return 0, false
}

// Draw draws the arcs as they are at frame.
func (p *arcsPanel) Draw(dst *ebiten.Image, s *live.Session, st *player.State, frame int) {
	v := p.v
	tm, hold := timing(st), held(s, st)
	for i := range p.arcs.List {
		a := &p.arcs.List[i]
		tail, head, alpha := a.Progress(frame, tm, a.Tick == hold)
		if head <= 0 || alpha <= 0 || !p.shows(a) {
			continue
		}
		v.buf = v.world.ArcPath(v.buf[:0], a)
		if len(v.buf) < 2 {
			continue
		}
		v.part = scene.Portion(v.part[:0], v.buf, tail, head)
		p.drawArc(a, head, alpha)
	}
	v.dyn.flush(dst)
	// The branching rules answer whoever comes to hand: there is no
	// attribution to get wrong, so no callout.
	if s.Model().Params().Mechanics == model.MechanicsBranching {
		return
	}
	if a := p.latestMisattributed(frame, tm, hold); a != nil {
		p.drawCallout(dst, a)
	}
}

// latestMisattributed returns the most recently launched answer that hit
// an innocent and has landed and is still clearly visible, or nil.
func (p *arcsPanel) latestMisattributed(frame int, tm scene.Timing, hold int) *scene.Arc {
	var best *scene.Arc
	for i := range p.arcs.List {
		a := &p.arcs.List[i]
		if !a.Innocent {
			continue
		}
		if _, head, alpha := a.Progress(frame, tm, a.Tick == hold); head < 1 || alpha < 0.3 {
			continue
		}
		if best == nil || a.Born >= best.Born {
			best = a
		}
	}
	return best
}

// drawCallout labels the latest misattributed answer on the map: "blamed
// ≠ real attacker" beside its wrongly blamed victim and "real attacker"
// beside who really launched the act answered.
func (p *arcsPanel) drawCallout(dst *ebiten.Image, a *scene.Arc) {
	v := p.v
	face := v.faces.get(11*v.px, true)
	to := v.world.Pos[a.To]
	off := misattributedCross(v) + 4*v.px
	p.label(dst, face, "blamed ≠ real attacker", scene.Point{X: to.X, Y: to.Y - off - 16*v.px}, scene.Vermillion)
	if a.TrueOrigin >= 0 {
		from := v.world.Pos[a.TrueOrigin]
		p.label(dst, face, "real attacker", scene.Point{X: from.X, Y: from.Y + v.world.Mark*2 + 4*v.px}, scene.White)
	}
}

// label draws text centred at pt's x, from pt's y down, on a dark box
// kept inside the map, with a rule of colour edge under it.
func (p *arcsPanel) label(dst *ebiten.Image, face *text.GoXFace, s string, pt scene.Point, edge color.RGBA) {
	v := p.v
	w, h := textWidth(s, face), 14*v.px
	box := scene.Rect{X: pt.X - w/2 - 4*v.px, Y: pt.Y - 1*v.px, W: w + 8*v.px, H: h + 2*v.px}
	box.X = min(max(box.X, v.worldR.X), v.worldR.X+v.worldR.W-box.W)
	box.Y = min(max(box.Y, v.worldR.Y), v.worldR.Y+v.worldR.H-box.H)
	v.dyn.rect(box, scene.WithAlpha(scene.Black, 0.85))
	v.dyn.rect(scene.Rect{X: box.X, Y: box.Y + box.H - 2*v.px, W: box.W, H: 2 * v.px}, edge)
	v.dyn.flush(dst)
	drawText(dst, s, face, box.X+box.W/2, box.Y+1*v.px, v.theme.Text, alignCenter)
}

// misattributedCross is the half-size of the cross on a wrongly blamed
// victim: large enough to tell among many arcs.
func misattributedCross(v *view) float64 { return max(9*v.px, v.world.Mark*2.5+5*v.px) }

// drawArc batches one arc whose visible part is in v.part.
func (p *arcsPanel) drawArc(a *scene.Arc, head, alpha float64) {
	v := p.v
	w := scene.IntensityWidth(a.Intensity) * v.px
	if !a.Answer {
		w *= 0.8
		alpha *= 0.85
	}
	if a.Intensity <= model.Nuisance {
		alpha *= 0.65 // the bottom of the ladder is faint as well as thin
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
	if a.Intensity == model.Critical {
		// A light core: the critical level reads apart from destruction
		// in greyscale too.
		v.dyn.polyline(v.part, max(1, w/3), scene.WithAlpha(scene.White, 0.8*alpha), dash)
	}
	tip := v.part[len(v.part)-1]
	dir := tip.Sub(v.part[max(0, len(v.part)-3)])
	size := (5 + 2*w/v.px) * v.px
	switch {
	case head < 1:
		v.dyn.circle(tip, w*0.9+1.5*v.px, col, 8)
	case a.Kind == model.ActPreemptive:
		// A pre-emptive strike answers no act: a double head sets it
		// apart from answers, in greyscale too.
		v.dyn.arrow(tip, dir, size, col)
		if l := dir.Len(); l > 0 {
			v.dyn.arrow(tip.Sub(dir.Mul(0.8*size/l)), dir, size, col)
		}
	case a.Answer:
		v.dyn.arrow(tip, dir, size, col)
	}
	if a.Via >= 0 && head >= 0.45 {
		v.dyn.ring(v.world.Pos[a.Via], v.world.Mark*2.4+2*v.px, 1.5*v.px, scene.WithAlpha(scene.HostColor, alpha), 14)
	}
	if a.Innocent && head >= 1 {
		to := v.world.Pos[a.To]
		s := misattributedCross(v)
		v.dyn.cross(to, s, 5*v.px, scene.WithAlpha(scene.White, alpha))
		v.dyn.cross(to, s, 3*v.px, scene.WithAlpha(scene.Vermillion, alpha))
		if a.TrueOrigin >= 0 {
			v.dyn.polyline([]scene.Point{to, v.world.Pos[a.TrueOrigin]}, 1.2*v.px, scene.WithAlpha(scene.White, 0.55*alpha), 3*v.px)
		}
	}
}
