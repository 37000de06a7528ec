//go:build !(js && wasm)

package main

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
)

// helpPanel draws the desktop's help over the whole window: the keys, and
// the marks explained in words (the page has its own help and legend).
type helpPanel struct {
	v *view
}

// shortcuts are the keyboard's commands. The lecturer's keys share a row,
// so that the list fits a 1280 × 800 window in lecture mode.
var shortcuts = [][2]string{
	{"Space", "play or pause"},
	{"→", "step one day"},
	{"R", "reset the run"},
	{"1 – 9", "presets: " + presetList()},
	{"+ / −", "faster / slower"},
	{"F", "fullscreen"},
	{"L", "lecturer mode (large type, high contrast)"},
	{"B  [ ]  T  A", "hack-back regime · attribution skill 0.1 lower / higher · tell the latest alarm's chain · answers only"},
	{"?", "this help"},
	{"Esc", "close this help, or the story; leave fullscreen"},
	{"Click", "an actor or an arc: its cascade's story"},
}

// presetList names the presets with their keys.
func presetList() string {
	s := ""
	for i, p := range live.Presets() {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%d %s", i+1, p.Name)
	}
	return s
}

// legendLines explain the marks in words.
var legendLines = []string{
	"Discs are states; the hexagon at the centre is the state itself.",
	"Blue squares: firms. Hollow orange squares: firms below the security poverty line.",
	"Grey dots: citizens. Red triangles: criminals. Purple diamonds: hacktivists. Yellow stars: vigilantes.",
	"Green ring: a botnet host. Cross: a destroyed firm. Yellow glow: actors in a growing cascade.",
	"Arcs: attacks, wider and warmer with intensity (blue nuisance → yellow → orange → red → purple armed conflict).",
	"Arrowheads: answers. Dashed with a cross: an answer that hit an innocent; dotted line: the real attacker.",
	"Bands through the middle: tension between states, dashed below the escalation threshold.",
}

// Draw draws the help.
func (p *helpPanel) Draw(dst *ebiten.Image) {
	v := p.v
	face := v.faces.get(14*v.px, false)
	bold := v.faces.get(14*v.px, true)
	v.dyn.rect(v.screen, scene.WithAlpha(scene.Black, 0.85))
	v.dyn.flush(dst)
	x, y := 40*v.px, 40*v.px
	drawText(dst, "Keyboard", v.faces.get(20*v.px, true), x, y, scene.White, alignStart)
	y += 36 * v.px
	for _, s := range shortcuts {
		drawText(dst, s[0], bold, x, y, scene.Yellow, alignStart)
		drawText(dst, s[1], face, x+90*v.px, y, scene.White, alignStart)
		y += 24 * v.px
	}
	y += 12 * v.px
	// The legend's lines that fit below the keys (the large type of
	// lecture mode leaves room for a few).
	for _, l := range legendLines {
		if y+16*v.px > v.screen.H {
			break
		}
		drawText(dst, l, face, x, y, scene.White, alignStart)
		y += 22 * v.px
	}
}
