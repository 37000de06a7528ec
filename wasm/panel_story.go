package main

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/player"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
)

// storyPanel draws the selection every frame: a pulsing ring around the
// selected actor, and the remembered acts of the story's cascade, the
// chain from the root numbered.
type storyPanel struct {
	v     *view         // the map of the world the story is in
	sess  *live.Session // the world the story is in
	seq   int           // the player's selection this is the story of
	actor int32
	story *live.Story
	acts  []model.Act // the story's acts the session still remembers
}

// follow tells the story of the player's selection, made in world w, when
// it changed, and reports whether it did.
func (p *storyPanel) follow(sel player.Selection, w shown) bool {
	if sel.Seq == p.seq && p.sess == w.sess {
		return false
	}
	s := w.sess
	p.v, p.sess = w.v, s
	p.seq, p.actor, p.story, p.acts = sel.Seq, sel.Actor, nil, nil
	var st live.Story
	switch {
	case sel.Actor >= 0:
		st = s.StoryOfActor(sel.Actor)
	case sel.Act >= 0:
		st = s.StoryOfAct(sel.Act)
	default:
		return true
	}
	if w.index == 1 {
		st.Title = "B: " + st.Title
	}
	p.story = &st
	for _, l := range st.Lines {
		if a := s.Act(l.Act); a != nil {
			p.acts = append(p.acts, *a)
		}
	}
	return true
}

// Draw draws the selection as it is at frame, on its world's map.
func (p *storyPanel) Draw(dst *ebiten.Image, frame int) {
	v, s := p.v, p.sess
	if s == nil {
		return
	}
	pulse := scene.Pulse(frame)
	if p.actor >= 0 && int(p.actor) < len(v.world.Pos) {
		v.dyn.ring(v.world.Pos[p.actor], v.world.Mark*3+(3+3*pulse)*v.px, 2*v.px, scene.White, 24)
	}
	if p.story == nil {
		v.dyn.flush(dst)
		return
	}
	onPath := p.path()
	for i := range p.acts {
		a := &p.acts[i]
		arc := scene.ArcOf(a, s.Act(a.Parent), 0)
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
	v.dyn.flush(dst)
	p.drawNumbers(dst, onPath)
}

// path numbers the acts on the chain from the root, from 1.
func (p *storyPanel) path() map[int64]int {
	onPath := map[int64]int{}
	step := 0
	for _, l := range p.story.Lines {
		if l.OnPath {
			step++
			onPath[l.Act] = step
		}
	}
	return onPath
}

// drawNumbers writes each act's number on the chain in a disc at the
// middle of its arc.
func (p *storyPanel) drawNumbers(dst *ebiten.Image, onPath map[int64]int) {
	v := p.v
	face := v.faces.get(12*v.px, true)
	for i := range p.acts {
		a := &p.acts[i]
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
		v.dyn.flush(dst)
		drawText(dst, fmt.Sprint(n), face, mid.X, mid.Y-7*v.px, scene.White, alignCenter)
	}
}
