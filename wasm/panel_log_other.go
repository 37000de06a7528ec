//go:build !(js && wasm)

package main

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
)

// logPanel draws the desktop's narration strip at the bottom of the
// window: the latest notable moments and a line of key hints (on the page,
// the log is page text and the keys are in its help).
type logPanel struct {
	v *view
}

// logLines is how many lines of narration the strip shows.
const logLines = 4

// height is the strip's height in device pixels.
func (p *logPanel) height() float64 {
	return (logLines + 1) * 17 * p.v.px
}

// Draw draws the strip.
func (p *logPanel) Draw(dst *ebiten.Image, s *live.Session) {
	v := p.v
	face := v.faces.get(12*v.px, false)
	h := p.height()
	r := scene.Rect{X: 0, Y: v.screen.H - h, W: v.screen.W, H: h}
	v.dyn.rect(r, v.theme.Region)
	v.dyn.flush(dst)
	y := r.Y + 4*v.px
	for _, e := range s.Entries(max(0, lastSeq(s)-logLines)) {
		text := fmt.Sprintf("Day %d: %s", e.Tick, e.Text)
		for len(text) > 20 && textWidth(text, face) > r.W-16*v.px {
			text = text[:len(text)*9/10] + "…"
		}
		drawText(dst, text, face, 8*v.px, y, v.theme.Text, alignStart)
		y += 16 * v.px
	}
	hint := "space play/pause · → step · R reset · 1–9 presets · +/− speed · F fullscreen · L lecture · ? help"
	drawText(dst, hint, face, 8*v.px, r.Y+r.H-17*v.px, v.theme.Muted, alignStart)
}

// lastSeq is the sequence number of the session's latest narration entry,
// 0 when there is none.
func lastSeq(s *live.Session) int64 {
	es := s.Entries(0)
	if len(es) == 0 {
		return 0
	}
	return es[len(es)-1].Seq
}
