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

// hit finds what is at pt (device pixels): an actor, else a visible arc
// (the newest on top), else a state's region, else the map's empty ground.
func (g *Game) hit(pt scene.Point) player.Hit {
	v := &g.view
	h := player.Hit{Actor: -1, Act: -1}
	if !v.worldR.Contains(pt) {
		h.Outside = true
		return h
	}
	if id := v.world.Nearest(pt, max(6*v.dsf, 1.6*v.world.Mark), g.sess.Model().Actors()); id >= 0 {
		h.Actor = id
	} else if act, ok := g.arcs.at(pt, 5*v.dsf, g.sess, &g.p.State, g.frame); ok {
		h.Act = act
	} else if s := v.world.RegionAt(pt); s >= 0 {
		h.Actor = s
	}
	return h
}
