package main

import (
	"math"
	"sort"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
)

// armedDays is how long a pair of states stays marked as in armed
// conflict after an act at the armed-conflict threshold between them.
const armedDays = 60

// conflicts holds, for each pair of states (the lower first; a state with
// itself for an act within its jurisdiction), the last day an act at the
// armed-conflict threshold passed between them.
type conflicts map[[2]int32]int

// note records an armed-conflict act between the states a and b on day tick.
func (c conflicts) note(a, b int32, tick int) {
	if a > b {
		a, b = b, a
	}
	c[[2]int32{a, b}] = tick
}

// mapPanel draws the world: the states' discs, every actor's mark, the
// tension between states as bands through the middle, the glow of growing
// cascades, the names of states and (in small worlds) of attackers, and,
// every frame, the pulse of the states in armed conflict.
type mapPanel struct {
	v         *view
	conflicts conflicts
	regions   batch // the states' discs, cached for the layout
	marks     batch // the actors' marks, cached for the day
}

// layout caches the states' discs for the view's new layout.
func (p *mapPanel) layout() {
	v := p.v
	p.regions.reset()
	for _, r := range v.world.Regions {
		p.regions.circle(r.Center, r.Radius, v.theme.Region, 72)
		p.regions.ring(r.Center, r.Radius, max(1, 1.2*v.px), v.theme.RegionEdge, 72)
	}
}

// Draw draws the map into the layer.
func (p *mapPanel) Draw(dst *ebiten.Image, s *live.Session) {
	p.cacheMarks(s)
	p.regions.draw(dst)
	p.drawTension(dst, s)
	p.marks.draw(dst)
	p.drawHalos(dst, s)
	p.drawLabels(dst, s)
	p.drawActorLabels(dst, s)
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

// cacheMarks caches every actor's mark: shape and colour by kind, hollow
// orange squares for firms below the poverty line, a white square frame
// around firms holding a hack-back licence (in the licensed regime), a
// green ring around botnet hosts, a cross on destroyed firms.
func (p *mapPanel) cacheMarks(s *live.Session) {
	v := p.v
	p.marks.reset()
	actors := s.Model().Actors()
	params := s.Model().Params()
	temper := params.VigilanteTemper
	licensing := params.HackBack == model.HackBackLicensed
	for i := range actors {
		a := &actors[i]
		st := scene.StyleOf(a, &v.theme)
		r := v.markRadius(st)
		c := st.Color
		if a.Destroyed {
			c = scene.WithAlpha(v.theme.Muted, 0.5)
		}
		pos := v.world.Pos[i]
		if a.Kind == model.KindState {
			p.marks.poly(regular(pos, r, 6, -math.Pi/2), v.theme.Background)
			p.marks.outline(regular(pos, r, 6, -math.Pi/2), max(1.5, 2*v.px), c)
			continue
		}
		if a.Compromised {
			p.marks.ring(pos, r*1.9+1, max(1, 0.5*r), scene.HostColor, 10)
		}
		p.marks.mark(pos, r, st, c)
		if licensing && a.Licensed && !a.Destroyed {
			p.marks.outline(regular(pos, r*1.25+3*v.px*math.Sqrt2, 4, math.Pi/4), max(1, 1.2*v.px), v.theme.Text)
		}
		if a.Kind == model.KindVigilante && a.Anger > 0 {
			// His anger as of his last hit, against his temper: a ring that
			// closes as he nears the point of striking.
			frac := min(a.Anger/max(temper, 1e-9), 1)
			p.marks.arc(pos, r*1.9+2*v.px, max(1.5, 0.6*r), frac, scene.Vermillion)
		}
		if a.Destroyed {
			p.marks.cross(pos, r*1.3, max(1, r/2), v.theme.Text)
		}
	}
}

// bands lists the pairs of states whose tension is worth a band (or who
// were lately in armed conflict), the lowest tension first.
func (p *mapPanel) bands(s *live.Session, threshold float64) []scene.Band {
	m := s.Model()
	n := m.Params().States
	ran := s.Ran()
	var out []scene.Band
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			t := max(m.Tension(i, j), m.Tension(j, i))
			last, armed := p.conflicts[[2]int32{int32(i), int32(j)}]
			if t < 0.02*threshold && !(armed && ran-last <= armedDays) {
				continue
			}
			out = append(out, scene.Band{I: i, J: j, Tension: t})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Tension < out[b].Tension })
	return out
}

// drawTension draws the tension between every two states as a band through
// the middle of the map: a translucent ribbon below the threshold at which
// states escalate, wider and warmer as it rises; above it, an opaque band
// with bright edges. Bands are never dashed: dashes mark answers that hit
// an innocent. An armed-conflict crossing pulses, then fades over
// armedDays days.
func (p *mapPanel) drawTension(dst *ebiten.Image, s *live.Session) {
	v := p.v
	params := s.Model().Params()
	if n := params.States; n < 2 || n > 30 {
		return
	}
	threshold := max(params.TensionEscalation, 1e-9)
	centre := v.worldR.Center()
	ran := s.Ran()
	for _, c := range p.bands(s, threshold) {
		pts := v.world.ChordPath(v.buf[:0], c.I, c.J, centre)
		v.buf = pts
		rel := c.Tension / threshold
		w := (2 + 8*math.Min(rel, 1.5)/1.5) * v.px
		col := scene.TensionColor(c.Tension, threshold)
		if rel < 1 {
			v.dyn.polyline(pts, w, scene.WithAlpha(col, 0.18+0.22*rel), 0)
		} else {
			v.dyn.polyline(pts, w+3*v.px, scene.WithAlpha(scene.White, 0.8), 0)
			v.dyn.polyline(pts, w, col, 0)
		}
		if last, ok := p.conflicts[[2]int32{int32(c.I), int32(c.J)}]; ok && ran-last <= armedDays {
			// Loud at first, fading over armedDays days.
			fresh := 1 - float64(ran-last)/armedDays
			v.dyn.polyline(pts, w+(3+3*fresh)*v.px, scene.WithAlpha(scene.ReddishPurple, 0.45+0.25*fresh), 0)
			v.dyn.polyline(pts, 2*v.px, scene.White, 0)
		}
	}
	v.dyn.flush(dst)
}

// DrawPulse makes the bands of the states in armed conflict pulse, every
// frame, over the layer.
func (p *mapPanel) DrawPulse(dst *ebiten.Image, s *live.Session, frame int) {
	v := p.v
	ran := s.Ran()
	centre := v.worldR.Center()
	for pair, last := range p.conflicts {
		if ran-last > armedDays || int(pair[1]) >= len(v.world.Regions) {
			continue
		}
		fresh := 1 - float64(ran-last)/armedDays
		pulse := scene.Pulse(frame) * fresh
		if pair[0] == pair[1] { // within one state's jurisdiction: its rim pulses
			r := v.world.Regions[pair[0]]
			v.dyn.ring(r.Center, r.Radius+4*v.px, (4+4*pulse)*v.px, scene.WithAlpha(scene.ReddishPurple, 0.5*pulse), 64)
			continue
		}
		v.buf = v.world.ChordPath(v.buf[:0], int(pair[0]), int(pair[1]), centre)
		v.dyn.polyline(v.buf, (8+6*pulse)*v.px, scene.WithAlpha(scene.ReddishPurple, 0.35*pulse), 0)
	}
	v.dyn.flush(dst)
}

// drawHalos lights up the actors of every open cascade that has grown
// beyond its first act: a yellow ring and a faint glow over their marks.
func (p *mapPanel) drawHalos(dst *ebiten.Image, s *live.Session) {
	v := p.v
	r := v.world.Mark*2.4 + 2*v.px
	if v.theme.Lecture {
		r *= 1.3
	}
	n := 0
	s.OpenCascades(2, func(c *live.OpenCascade) {
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
	v.dyn.flush(dst)
}

// drawLabels names the states inside their regions (by the names the
// scenario gives them, else by letter).
func (p *mapPanel) drawLabels(dst *ebiten.Image, s *live.Session) {
	v := p.v
	face := v.faces.get(12*v.px, true)
	small := v.faces.get(10*v.px, true)
	for _, r := range v.world.Regions {
		name := narrate.Capitalize(s.Short(r.State))
		w := textWidth(name, face)
		y := r.Center.Y - r.Radius + 6*v.px
		v.dyn.rect(scene.Rect{X: r.Center.X - w/2 - 5*v.px, Y: y - 2*v.px, W: w + 10*v.px, H: 18 * v.px}, scene.WithAlpha(v.theme.Background, 0.8))
		v.dyn.flush(dst)
		drawText(dst, name, face, r.Center.X, y, v.theme.Text, alignCenter)
		// The state's own mark carries its letter.
		if r.State < 26 {
			drawText(dst, string(rune('A'+r.State)), small, r.Center.X, r.Center.Y-6*v.px, v.theme.Text, alignCenter)
		}
	}
}

// drawActorLabels names, in a small world where every mark can be told
// apart, the attackers and vigilantes and every actor (but a state, named
// in its region) that the scenario names.
func (p *mapPanel) drawActorLabels(dst *ebiten.Image, s *live.Session) {
	v := p.v
	actors := s.Model().Actors()
	if len(actors) > 200 {
		return
	}
	face := v.faces.get(10*v.px, false)
	for i := range actors {
		a := &actors[i]
		switch {
		case a.Kind == model.KindState:
			continue
		case s.Given(a.ID) != "":
		case a.Kind == model.KindCriminal, a.Kind == model.KindHacktivist, a.Kind == model.KindVigilante:
		default:
			continue
		}
		st := scene.StyleOf(a, &v.theme)
		pos := v.world.Pos[i]
		drawText(dst, narrate.Capitalize(s.Short(a.ID)), face, pos.X, pos.Y+v.markRadius(st)*1.9+3*v.px, v.theme.Text, alignCenter)
	}
}
