//go:build !(js && wasm)

package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
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
	// tick has run, the script is pressed and a few frames are drawn, the
	// window is saved there as window.png, with the ticks.csv row on
	// screen as row.csv and the run's command as command.txt, and the
	// program ends. The desktop test (make test-desktop) uses it; so can
	// anyone who wants a still of a run for slides.
	capture string
	settled int // frames drawn since the run caught up
	done    bool

	// script, from keys= on the command line, are keys pressed one a
	// frame once the run has reached the address's day, before any
	// capture: a lecture's opening moves, or a test's.
	script []ebiten.Key
}

// captureFrames is how many frames are drawn after the run catches up
// before the capture, so the layers and text have settled.
const captureFrames = 3

// newHost reads the run from the command line: address parameters such as
// scenario=road-rage seed=7 (or one query string, or a whole page URL),
// and keys=SCRIPT, the keys to press once the address's day has run (see
// parseScript). A script with a character that is no key ends the program
// with the reason.
func newHost(args []string) *desktop {
	d := &desktop{capture: os.Getenv("ESCALATE_CAPTURE")}
	var address []string
	for _, a := range args {
		s, ok := strings.CutPrefix(a, "keys=")
		if !ok {
			address = append(address, a)
			continue
		}
		keys, err := parseScript(s)
		if err != nil {
			log.Fatalf("command line: %v", err)
		}
		d.script = append(d.script, keys...)
	}
	d.query = strings.Join(address, "&")
	return d
}

func (d *desktop) initialQuery() string { return d.query }
func (d *desktop) snapshot(g *Game) any { return nil }
func (d *desktop) publish(any)          {}
func (d *desktop) firstFrame()          {}
func (d *desktop) quit() bool           { return d.done }

func (d *desktop) attach(g *Game) {
	d.log = logPanel{v: &g.view}
	d.help = helpPanel{v: &g.view}
	tellNotices(os.Stderr, g)
}

// tellNotices writes what was wrong with the window's arguments, as the
// page shows it, to w (the terminal it was started from), and has the
// narration strip show the first at the start.
func tellNotices(w io.Writer, g *Game) {
	for _, n := range g.notices {
		fmt.Fprintln(w, "escalate window:", n.Text)
	}
	if len(g.notices) > 0 {
		g.said = remark{text: g.notices[0].Text, frame: g.frame}
	}
}

// stage leaves the narration strip at the bottom of the window.
func (d *desktop) stage(v *view) scene.Rect {
	r := v.screen
	r.H -= d.log.height()
	return r
}

// input hands the keys pressed this frame to the player, makes the window
// follow its fullscreen state and returns the lecturer's keys pressed.
func (d *desktop) input(p *player.Player) []lectureKey {
	p.Fullscreen = ebiten.IsFullscreen()
	keys, lecture := d.keys(p)
	for _, k := range keys {
		p.Key(k)
	}
	if p.Fullscreen != ebiten.IsFullscreen() {
		ebiten.SetFullscreen(p.Fullscreen)
	}
	return lecture
}

// keys are the keys pressed this frame: the script's next, once the run
// has caught up to the address's day, else the keyboard's.
func (d *desktop) keys(p *player.Player) ([]player.Key, []lectureKey) {
	if len(d.script) == 0 || p.CatchingUp() {
		return pressedKeys()
	}
	k := d.script[0]
	d.script = d.script[1:]
	return scripted(k)
}

// overlay draws the narration strip and, when asked for, the help.
func (d *desktop) overlay(dst *ebiten.Image, g *Game) {
	d.log.Draw(dst, g.sess, g.said, g.frame)
	if g.p.Help {
		d.help.Draw(dst)
	}
}

func (d *desktop) drawn(g *Game, screen *ebiten.Image) {
	if d.capture == "" || d.done {
		return
	}
	if !caughtUp(g) || len(d.script) > 0 {
		d.settled = 0
		return
	}
	if d.settled++; d.settled < captureFrames {
		return
	}
	d.done = true
	if err := saveCapture(d.capture, screen, g.RowCSV(), runCommand(g)); err != nil {
		log.Fatalf("ESCALATE_CAPTURE: %v", err)
	}
}

// caughtUp reports whether the fast-forward to the address's tick is over.
func caughtUp(g *Game) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return !g.p.CatchingUp()
}

// runCommand is the escalate run command of the run so far, its changes
// included.
func runCommand(g *Game) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.sess.State().Command()
}

// saveCapture writes the screen as dir/window.png, the ticks.csv header
// and row as dir/row.csv and the run's command as dir/command.txt.
func saveCapture(dir string, screen *ebiten.Image, row, command string) error {
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
	if err := os.WriteFile(filepath.Join(dir, "row.csv"), []byte(table), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "command.txt"), []byte(command+"\n"), 0o644)
}
