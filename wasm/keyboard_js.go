//go:build js && wasm

package main

import (
	"sort"
	"syscall/js"
)

// The page's bindings of the lecturer's keys (lecture.go) and the map's
// keyboard focus: what it moves between and names.

// attachKeyboard defines the lecturer's keys' and the map focus's
// functions of window.escalate.
func attachKeyboard(g *Game, def func(string, func([]js.Value) any), toJS func(any) any, errOrNull func(error) any, str func([]js.Value, int) string, num func([]js.Value, int, float64) float64) {
	def("cycleHackBack", func([]js.Value) any { return errOrNull(g.CycleHackBack()) })
	def("nudge", func(a []js.Value) any { return errOrNull(g.Nudge(str(a, 0), num(a, 1, 0))) })
	def("tellAlarm", func([]js.Value) any { return g.TellAlarm() })
	def("actorsIn", func(a []js.Value) any {
		ids := g.ActorsIn(int32(num(a, 0, -1)))
		if ids == nil {
			ids = []int32{}
		}
		return toJS(ids)
	})
	def("describeActor", func(a []js.Value) any { return g.DescribeActor(int32(num(a, 0, -1))) })
}

// ActorsIn lists the actors of state i but the state itself, left to
// right as the map draws them (top to bottom where they line up), for the
// map's keyboard focus; nil for no such state.
func (g *Game) ActorsIn(i int32) []int32 {
	g.mu.Lock()
	defer g.mu.Unlock()
	actors := g.sess.Model().Actors()
	pos := g.view.world.Pos
	if i < 0 || int(i) >= g.sess.Model().Params().States || len(pos) != len(actors) {
		return nil
	}
	var out []int32
	for k := range actors {
		if actors[k].State == i && actors[k].ID != i {
			out = append(out, actors[k].ID)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		pa, pb := pos[out[a]], pos[out[b]]
		if pa.X != pb.X {
			return pa.X < pb.X
		}
		return pa.Y < pb.Y
	})
	return out
}

// DescribeActor names an actor as the map's tooltip does; "" for no such
// actor.
func (g *Game) DescribeActor(id int32) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if id < 0 || int(id) >= len(g.sess.Model().Actors()) {
		return ""
	}
	return g.sess.DescribeActor(id)
}
