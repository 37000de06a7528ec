package main

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"github.com/escalation-model/escalation/internal/player"
	"github.com/escalation-model/escalation/internal/scene"
)

// click hands a click or a tap this frame to the player, with what it hit.
func (g *Game) click() {
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
	g.p.Click(g.hit(scene.Point{X: float64(x), Y: float64(y)}))
}

// hit finds what is at pt (device pixels), on whichever map holds it: an
// actor, else a visible arc (the newest on top), else a state's region,
// else the map's empty ground.
func (g *Game) hit(pt scene.Point) player.Hit {
	h := player.Hit{Actor: -1, Act: -1}
	w, ok := g.worldAt(pt)
	if !ok {
		h.Outside = true
		return h
	}
	v := w.v
	h.World = w.index
	if id := v.world.Nearest(pt, max(6*v.dsf, 1.6*v.world.Mark), w.sess.Model().Actors()); id >= 0 {
		h.Actor = id
	} else if act, ok := w.arcs.at(pt, 5*v.dsf, w.sess, &g.p.State, g.frame); ok {
		h.Act = act
	} else if s := v.world.RegionAt(pt); s >= 0 {
		h.Actor = s
	}
	return h
}

// Describe names what is at (x, y) in CSS pixels, on either map, for the
// page's tooltip: an actor ("Firm 57 in State B (below the security
// poverty line)"), else a visible arc (the act in the words of the log),
// else a tension band ("State A → State B: tension 0.31; ..."), else the
// state whose region it is in; "" over nothing or outside the maps. On a
// comparison's second map the words begin "B: ".
func (g *Game) Describe(x, y float64) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.view.dsf == 0 {
		return ""
	}
	pt := scene.Point{X: x * g.view.dsf, Y: y * g.view.dsf}
	w, ok := g.worldAt(pt)
	if !ok {
		return ""
	}
	text := g.describeIn(w, pt)
	if text != "" && w.index == 1 {
		text = "B: " + text
	}
	return text
}

// describeIn names what is at pt on world w's map, as Describe says it.
func (g *Game) describeIn(w shown, pt scene.Point) string {
	v, s := w.v, w.sess
	if id := v.world.Nearest(pt, max(6*v.dsf, 1.6*v.world.Mark), s.Model().Actors()); id >= 0 {
		return s.DescribeActor(id)
	}
	if act, ok := w.arcs.at(pt, 5*v.dsf, s, &g.p.State, g.frame); ok {
		if text := s.DescribeAct(act); text != "" {
			return text
		}
	}
	params := s.Model().Params()
	bands := w.world.bands(s, max(params.TensionEscalation, 1e-9))
	if k := v.world.BandAt(bands, pt, v.worldR.Center(), 6*v.px); k >= 0 {
		return s.DescribeTension(bands[k].I, bands[k].J)
	}
	if st := v.world.RegionAt(pt); st >= 0 {
		return s.DescribeActor(st) + "'s region: its firms and people"
	}
	return ""
}
