//go:build !(js && wasm)

package main

import (
	"bytes"
	"image"
	"image/png"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/player"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// desktop is the host of the native window: the address comes from the
// command line, the keyboard is read here, the narration and the help are
// drawn over the picture, and there is no page to tell anything.
type desktop struct {
	query string
	log   logPanel
	help  helpPanel

	// capture, from ESCALATE_CAPTURE, is a directory: once the address's
	// tick has run and a few frames are drawn, the window is saved there
	// as window.png, with the ticks.csv row on screen as row.csv, and the
	// program ends. The desktop test (make test-desktop) uses it; so can
	// anyone who wants a still of a run for slides.
	capture string
	settled int // frames drawn since the run caught up
	done    bool
}

// captureFrames is how many frames are drawn after the run catches up
// before the capture, so the layers and text have settled.
const captureFrames = 3

// newHost reads the run from the command line: address parameters such as
// scenario=road-rage seed=7 (or one query string, or a whole page URL).
func newHost(args []string) *desktop {
	return &desktop{query: strings.Join(args, "&"), capture: os.Getenv("ESCALATE_CAPTURE")}
}

func (d *desktop) initialQuery() string { return d.query }
func (d *desktop) snapshot(g *Game) any { return nil }
func (d *desktop) publish(any)          {}
func (d *desktop) firstFrame()          {}
func (d *desktop) quit() bool           { return d.done }

func (d *desktop) attach(g *Game) {
	d.log = logPanel{v: &g.view}
	d.help = helpPanel{v: &g.view}
}

// stage leaves the narration strip at the bottom of the window.
func (d *desktop) stage(v *view) scene.Rect {
	r := v.screen
	r.H -= d.log.height()
	return r
}

// input hands the keys pressed this frame to the player, and makes the
// window follow its fullscreen state.
func (d *desktop) input(p *player.Player) {
	p.Fullscreen = ebiten.IsFullscreen()
	for _, k := range pressedKeys() {
		p.Key(k)
	}
	if p.Fullscreen != ebiten.IsFullscreen() {
		ebiten.SetFullscreen(p.Fullscreen)
	}
}

// overlay draws the narration strip and, when asked for, the help.
func (d *desktop) overlay(dst *ebiten.Image, g *Game) {
	d.log.Draw(dst, g.sess)
	if g.p.Help {
		d.help.Draw(dst)
	}
}

func (d *desktop) drawn(g *Game, screen *ebiten.Image) {
	if d.capture == "" || d.done {
		return
	}
	if !caughtUp(g) {
		d.settled = 0
		return
	}
	if d.settled++; d.settled < captureFrames {
		return
	}
	d.done = true
	if err := saveCapture(d.capture, screen, g.RowCSV()); err != nil {
		log.Fatalf("ESCALATE_CAPTURE: %v", err)
	}
}

// caughtUp reports whether the fast-forward to the address's tick is over.
func caughtUp(g *Game) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return !g.p.CatchingUp()
}

// saveCapture writes the screen as dir/window.png and the ticks.csv header
// and row as dir/row.csv.
func saveCapture(dir string, screen *ebiten.Image, row string) error {
	b := screen.Bounds()
	img := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	screen.ReadPixels(img.Pix)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "window.png"), buf.Bytes(), 0o644); err != nil {
		return err
	}
	table := strings.Join(csvfmt.TickColumns(), ",") + "\n"
	if row != "" {
		table += row + "\n"
	}
	return os.WriteFile(filepath.Join(dir, "row.csv"), []byte(table), 0o644)
}
