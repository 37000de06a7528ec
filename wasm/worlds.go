package main

import (
	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
)

// shown is one world on screen, as the hit test, the tooltip and the
// story panel need it: its run, its map's place and layout, its map and
// its arcs.
type shown struct {
	index int // 0 for the run (world A), 1 for a comparison's second world (B)
	sess  *live.Session
	v     *view
	world *mapPanel
	arcs  *arcsPanel
}

// shownWorld returns world i (0: the run; 1: a comparison's second world),
// or false when it is not on screen.
func (g *Game) shownWorld(i int) (shown, bool) {
	switch {
	case i == 0:
		return shown{0, g.sess, &g.view, &g.world, &g.arcs}, true
	case i == 1 && g.b != nil:
		b := g.b
		return shown{1, b.sess, &b.view, &b.world, &b.arcs}, true
	}
	return shown{}, false
}

// worldAt returns the world whose map holds pt (device pixels), or false
// when pt is on neither map.
func (g *Game) worldAt(pt scene.Point) (shown, bool) {
	for i := range 2 {
		if w, ok := g.shownWorld(i); ok && w.v.worldR.Contains(pt) {
			return w, true
		}
	}
	return shown{}, false
}

// follow tells the story of the player's selection in the world it was
// made in, when the selection changed, and reports whether it did; a
// selection in a world no longer shown tells nothing.
func (g *Game) follow() bool {
	sel := g.p.Selection
	w, ok := g.shownWorld(sel.World)
	if !ok {
		w, _ = g.shownWorld(0)
		sel.Actor, sel.Act = -1, -1
	}
	return g.story.follow(sel, w)
}
