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

	"github.com/escalation-model/escalation/internal/webserve"
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

func TestDesktopWindow(t *testing.T) {
	if os.Getenv("ESCALATE_DESKTOP") != "1" {
		t.Skip("desktop window test skipped: set ESCALATE_DESKTOP=1 or run `make test-desktop` (needs xvfb-run and the X11/OpenGL libraries it installs)")
	}
	if _, err := exec.LookPath("xvfb-run"); err != nil {
		t.Fatal("xvfb-run is missing: make test-desktop installs it (apt-get install xvfb xauth)")
	}
	tmp := t.TempDir()
	desktop, cli := build(t, tmp)
	for _, tc := range []struct {
		name     string
		scenario string
		seed     uint64
		tick     int
		extra    []string
	}{
		{"road-rage", "road-rage", 3, 40, nil},
		{"p4x-lecture", "p4x", 2, 90, []string{"lecture=1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			capture := filepath.Join(tmp, tc.name)
			args := append([]string{"-a", "-s", "-screen 0 1280x800x24", desktop,
				"scenario=" + tc.scenario, "seed=" + strconv.FormatUint(tc.seed, 10), "tick=" + strconv.Itoa(tc.tick)}, tc.extra...)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "xvfb-run", args...)
			cmd.Env = append(os.Environ(), "ESCALATE_CAPTURE="+capture)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("xvfb-run %s: %v\n%s", strings.Join(args, " "), err, b)
			}

			// The numbers: row T of the command's ticks.csv.
			got, err := os.ReadFile(filepath.Join(capture, "row.csv"))
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(tmp, tc.name+"-cli")
			run := exec.Command(cli, "run", "--scenario", tc.scenario, "--seed", strconv.FormatUint(tc.seed, 10), "--out", out, "--plots=false", "--quiet")
			if b, err := run.CombinedOutput(); err != nil {
				t.Fatalf("escalate run: %v\n%s", err, b)
			}
			ticks, err := os.ReadFile(filepath.Join(out, "ticks.csv"))
			if err != nil {
				t.Fatal(err)
			}
			rows := strings.Split(strings.TrimSpace(string(ticks)), "\n")
			want := rows[0] + "\n" + rows[tc.tick+1] + "\n"
			if string(got) != want {
				t.Errorf("the window's row at tick %d:\n%s\nescalate run's ticks.csv:\n%s", tc.tick, got, want)
			}

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
