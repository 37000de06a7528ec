//go:build !js

package desktopcheck

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/webserve"
	"github.com/escalation-model/escalation/scenario"
)

// build compiles the desktop front end and the command line into dir.
func build(t *testing.T, dir string) (desktop, cli string) {
	t.Helper()
	root, err := webserve.FindModule(".")
	if err != nil {
		t.Fatal(err)
	}
	desktop, cli = filepath.Join(dir, "escalate-desktop"), filepath.Join(dir, "escalate")
	for out, pkg := range map[string]string{desktop: "./wasm", cli: "./cmd/escalate"} {
		cmd := exec.Command("go", "build", "-o", out, pkg)
		cmd.Dir = root
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", pkg, err, b)
		}
	}
	return desktop, cli
}

// shots is where the captures are kept for a reader to look at.
func shots(t *testing.T) string {
	t.Helper()
	root, err := webserve.FindModule(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "build", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A window case: an address, keys pressed once its day has run, and the
// day captured.
type windowCase struct {
	name     string
	scenario string
	seed     uint64
	tick     int
	extra    []string
	keys     string   // keys=, pressed once day tick has run
	at       []string // the --at changes the keys make
	day      int      // the day captured: tick, and one more a > of the keys
}

func TestDesktopWindow(t *testing.T) {
	if os.Getenv("ESCALATE_DESKTOP") != "1" {
		t.Skip("desktop window test skipped: set ESCALATE_DESKTOP=1 or run `make test-desktop` (needs xvfb-run and the X11/OpenGL libraries it installs)")
	}
	if _, err := exec.LookPath("xvfb-run"); err != nil {
		t.Fatal("xvfb-run is missing: make test-desktop installs it (apt-get install xvfb xauth)")
	}
	tmp := t.TempDir()
	desktop, cli := build(t, tmp)
	for _, tc := range []windowCase{
		{name: "road-rage", scenario: "road-rage", seed: 3, tick: 40, day: 40},
		{name: "p4x-lecture", scenario: "p4x", seed: 2, tick: 90, extra: []string{"lecture=1"}, day: 90},
		lectureKeysCase(t),
	} {
		t.Run(tc.name, func(t *testing.T) {
			capture := filepath.Join(tmp, tc.name)
			runWindow(t, desktop, capture, tc)

			// The numbers: row T of the command's ticks.csv, with the
			// changes the keys made given as --at by hand.
			got, err := os.ReadFile(filepath.Join(capture, "row.csv"))
			if err != nil {
				t.Fatal(err)
			}
			rows := cliRows(t, cli, filepath.Join(tmp, tc.name+"-cli"), tc)
			want := rows[0] + "\n" + rows[tc.day+1] + "\n"
			if string(got) != want {
				t.Errorf("the window's row at tick %d:\n%s\nescalate run's ticks.csv:\n%s", tc.day, got, want)
			}
			checkCommand(t, capture, tc)

			// The picture.
			b, err := os.ReadFile(filepath.Join(capture, "window.png"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots(t), "desktop-"+tc.name+".png"), b, 0o644); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			checkDrawn(t, img)
		})
	}
}

// lectureKeysCase presses the lecturer's keys B and ] on day 20 of
// status-quo, as the page's test does, then steps ten days: the changes
// are made before day 21.
func lectureKeysCase(t *testing.T) windowCase {
	t.Helper()
	sc, err := scenario.Load("status-quo")
	if err != nil {
		t.Fatal(err)
	}
	regime, _ := sc.Params.Get("hack_back")
	skill, _ := sc.Params.Get("attribution_skill")
	up, err := live.Nudged("attribution_skill", skill, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	return windowCase{
		name: "status-quo-keys", scenario: "status-quo", seed: 3, tick: 20, extra: []string{"lecture=1"},
		keys: "B]" + strings.Repeat(">", 10),
		at:   []string{"21:hack_back=" + live.NextHackBack(regime), "21:attribution_skill=" + up},
		day:  30,
	}
}

// runWindow runs the window for tc in a virtual display and captures it
// into capture.
func runWindow(t *testing.T, desktop, capture string, tc windowCase) {
	t.Helper()
	args := append([]string{"-a", "-s", "-screen 0 1280x800x24", desktop,
		"scenario=" + tc.scenario, "seed=" + strconv.FormatUint(tc.seed, 10), "tick=" + strconv.Itoa(tc.tick)}, tc.extra...)
	if tc.keys != "" {
		args = append(args, "keys="+tc.keys)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xvfb-run", args...)
	cmd.Env = append(os.Environ(), "ESCALATE_CAPTURE="+capture)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xvfb-run %s: %v\n%s", strings.Join(args, " "), err, b)
	}
}

// cliRows runs escalate run for tc's scenario and seed, with tc's --at
// changes, into out and returns the lines of its ticks.csv.
func cliRows(t *testing.T, cli, out string, tc windowCase) []string {
	t.Helper()
	args := []string{"run", "--scenario", tc.scenario, "--seed", strconv.FormatUint(tc.seed, 10), "--out", out, "--plots=false", "--quiet"}
	for _, a := range tc.at {
		args = append(args, "--at", a)
	}
	if b, err := exec.Command(cli, args...).CombinedOutput(); err != nil {
		t.Fatalf("escalate %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	ticks, err := os.ReadFile(filepath.Join(out, "ticks.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(ticks)), "\n")
}

// checkCommand checks that the window's command (command.txt) records the
// changes the keys made, and no others.
func checkCommand(t *testing.T, capture string, tc windowCase) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(capture, "command.txt"))
	if err != nil {
		t.Fatal(err)
	}
	command := strings.TrimSpace(string(b))
	for _, a := range tc.at {
		if !strings.Contains(command, "--at "+a) {
			t.Errorf("the window's command lacks --at %s: %s", a, command)
		}
	}
	if n := strings.Count(command, "--at "); n != len(tc.at) {
		t.Errorf("the window's command has %d changes, want %d: %s", n, len(tc.at), command)
	}
}

// checkDrawn checks that the window is not blank and that the map (left),
// the charts (right) and the narration (bottom) were drawn.
func checkDrawn(t *testing.T, img image.Image) {
	t.Helper()
	r := img.Bounds()
	if r.Dx() < 800 || r.Dy() < 500 {
		t.Fatalf("the window is %v: smaller than the 1280x800 screen", r)
	}
	w, h := r.Dx(), r.Dy()
	bg := img.At(r.Min.X+1, r.Min.Y+h/2)
	distinct := func(name string, x0, y0, x1, y1 int, least int) {
		seen := map[[3]uint32]bool{}
		for y := y0; y < y1; y += 2 {
			for x := x0; x < x1; x += 2 {
				c := img.At(r.Min.X+x, r.Min.Y+y)
				if c == bg {
					continue
				}
				cr, cg, cb, _ := c.RGBA()
				seen[[3]uint32{cr >> 8, cg >> 8, cb >> 8}] = true
			}
		}
		if len(seen) < least {
			t.Errorf("%s: %d colours besides the background, want at least %d (not drawn?)", name, len(seen), least)
		}
	}
	distinct("whole window", 0, 0, w, h, 200)
	distinct("map", w/10, h/10, w*6/10, h*8/10, 50)
	distinct("charts", w*72/100, h/20, w*98/100, h*8/10, 20)
	distinct("narration", 0, h*90/100, w/2, h, 5)
}
