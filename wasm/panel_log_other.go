//go:build !(js && wasm)

package main

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
)

// logPanel draws the desktop's narration strip at the bottom of the
// window: the latest notable moments and a line of key hints, or what the
// game said of a key that changed nothing (on the page, the log and the
// notices are page text and the keys are in its help).
type logPanel struct {
	v *view
}

// logLines is how many lines of narration the strip shows.
const logLines = 4

// height is the strip's height in device pixels.
func (p *logPanel) height() float64 {
	return (logLines + 1) * 17 * p.v.px
}

// Draw draws the strip: the latest entries, then the hint, or for a while
// what the game said of a key that changed nothing (said, at frame).
func (p *logPanel) Draw(dst *ebiten.Image, s *live.Session, said remark, frame int) {
	v := p.v
	face := v.faces.get(12*v.px, false)
	h := p.height()
	r := scene.Rect{X: 0, Y: v.screen.H - h, W: v.screen.W, H: h}
	v.dyn.rect(r, v.theme.Region)
	v.dyn.flush(dst)
	room := r.W - 16*v.px
	y := r.Y + 4*v.px
	for _, e := range s.Entries(max(0, lastSeq(s)-logLines)) {
		text := clip(fmt.Sprintf("Day %d: %s", e.Tick, e.Text), face, room)
		drawText(dst, text, face, 8*v.px, y, v.theme.Text, alignStart)
		y += 16 * v.px
	}
	y = r.Y + r.H - 17*v.px
	if showing(said, frame) {
		drawText(dst, clip(said.text, face, room), face, 8*v.px, y, scene.Yellow, alignStart)
		return
	}
	drawText(dst, hint(face, room), face, 8*v.px, y, v.theme.Muted, alignStart)
}

// hints are the strip's key hints, longest first: the first that fits is
// shown (lecture mode's large type takes the shorter ones).
var hints = []string{
	"space play/pause · → step · R reset · 1–9 presets · +/− speed · F fullscreen · L lecture · B hack back · [ ] attribution skill · T alarm's chain · A answers · ? help",
	"space play · → step · R reset · L lecture · B hack back · [ ] attribution skill · T alarm's chain · A answers · ? help",
	"space play/pause · → step · R reset · 1–9 presets · +/− speed · L lecture · B [ ] T A lecturer's keys · ? help",
	"space play · → step · L lecture · B [ ] T A lecturer's keys · ? help",
	"space play · B [ ] T A lecturer's keys · ? help",
	"? help",
}

// hint is the longest hint that fits in room.
func hint(face *text.GoXFace, room float64) string {
	for _, h := range hints {
		if textWidth(h, face) <= room {
			return h
		}
	}
	return hints[len(hints)-1]
}

// saidFrames is how long the strip shows what the game said: 4 seconds.
func saidFrames() int { return 4 * ebiten.TPS() }

// showing reports whether what the game said is still shown at frame.
func showing(said remark, frame int) bool {
	return said.text != "" && frame-said.frame < saidFrames()
}

// clip shortens text, at a character and with an ellipsis, until it fits
// in room (or is down to 20 bytes).
func clip(s string, face *text.GoXFace, room float64) string { return clipTo(s, face, room, 20) }

// lastSeq is the sequence number of the session's latest narration entry,
// 0 when there is none.
func lastSeq(s *live.Session) int64 {
	es := s.Entries(0)
	if len(es) == 0 {
		return 0
	}
	return es[len(es)-1].Seq
}
