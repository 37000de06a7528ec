package main

import (
	"github.com/hajimehoshi/ebiten/v2"

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
		if _, head, alpha := a.Progress(frame, tm, a.Tick == hold); head > 0 && alpha > 0.2 {
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
		if head <= 0 || alpha <= 0 {
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
}

// drawArc batches one arc whose visible part is in v.part.
func (p *arcsPanel) drawArc(a *scene.Arc, head, alpha float64) {
	v := p.v
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
