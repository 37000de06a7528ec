//go:build !js

package browsercheck

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// barePage is the yardstick's page: the Go loader and the bare program.
const barePage = `<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head><body>
<script src="/wasm_exec.js"></script>
<script>
(async () => {
  const go = new Go();
  const { instance } = await WebAssembly.instantiateStreaming(fetch("/bare/bare.wasm"), go.importObject);
  go.run(instance);
})();
</script></body></html>`

// serveBare builds the bare program for WebAssembly and serves it at /bare/.
func serveBare(t *testing.T) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "bare.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, "./internal/browsercheck/bare")
	cmd.Dir = moduleRoot(t)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the bare program: %v\n%s", err, b)
	}
	wasm, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	extra.HandleFunc("/bare/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/bare/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(barePage))
		case "/bare/bare.wasm":
			w.Header().Set("Content-Type", "application/wasm")
			w.Write(wasm)
		default:
			http.NotFound(w, r)
		}
	})
}

// framesPerSecond counts the frames a program drew (counter, a
// JavaScript expression: escalate.frames or bare.frames) over a window of
// wall time. Counting the program's own frames, not the browser's
// animation frames, matters when a frame takes longer than the browser's:
// the browser keeps ticking while the program is stuck in its frame.
func framesPerSecond(p *page, counter string, window time.Duration) float64 {
	p.t.Helper()
	expr := fmt.Sprintf(`new Promise(resolve => {
		const f0 = %[1]s, t0 = performance.now();
		setTimeout(() => resolve((%[1]s - f0) * 1000 / (performance.now() - t0)), %[2]d);
	})`, counter, window.Milliseconds())
	return evalAwait[float64](p, expr, window+60*time.Second)
}

// perfWorld returns address overrides for a world of about n actors: the
// default world's 8 states, 40 criminals, 10 hacktivists and 2 vigilantes,
// and the rest firms (27%) and citizens.
func perfWorld(n int) string {
	rest := n - 8 - 40 - 10 - 2
	firms := rest * 27 / 100
	return fmt.Sprintf("set=firms=%d&set=citizens=%d", firms, rest-firms)
}

// measureAgainstBare plays the page at query and the bare program drawing
// circles circles, each in a fresh browser, one after the other, three
// rounds interleaved so that a burst of load on the machine weighs on
// both; it returns the medians of the page's and the bare program's frames
// per second and of the page's simulated days per second.
func measureAgainstBare(t *testing.T, query string, circles int, window time.Duration) (pageFPS, bareFPS, days float64) {
	t.Helper()
	var pf, bf, ds []float64
	for range 3 {
		p := newPage(t, 1280, 800)
		p.open(query)
		p.wait(`escalate.tick >= 20`, 90*time.Second)
		t0 := eval[int](p, `escalate.tick`)
		start := time.Now()
		pf = append(pf, framesPerSecond(p, "escalate.frames", window))
		ds = append(ds, float64(eval[int](p, `escalate.tick`)-t0)/time.Since(start).Seconds())
		p.noErrors()
		p.close() // one browser at a time: two cores
		b := newPage(t, 1280, 800)
		b.do(30*time.Second, navigate(b.base+fmt.Sprintf("/bare/?n=%d", circles)))
		b.wait(`window.bare && bare.frames >= 2`, 120*time.Second)
		bf = append(bf, framesPerSecond(b, "bare.frames", window))
		b.close()
	}
	return median(pf), median(bf), median(ds)
}

// TestPerformance measures frames per second of the page playing a run with
// animated attacks (10 days a second) at 500, 2,000 and 5,000 actors,
// against the bare program drawing as many circles in the same browser,
// for one world and for two compared (the bare program then draws twice
// the circles),
// and the time to the first frame and the size of the page's WebAssembly.
// Software rendering here is slow: the ratio is the figure.
func TestPerformance(t *testing.T) {
	need(t)
	if os.Getenv("ESCALATE_PERF") != "1" {
		t.Skip("performance measurement skipped: set ESCALATE_PERF=1 (make test-browser PERF=1)")
	}
	serveBare(t)
	window := 6 * time.Second
	var report strings.Builder
	fmt.Fprintf(&report, "The page against a bare Ebiten program (n circles, vector.FillCircle) in headless Chromium\n")
	fmt.Fprintf(&report, "(software WebGL on SwiftShader, %s window per measurement, 1280x800).\n\n", window)
	fmt.Fprintf(&report, "%-8s %8s %10s %10s %8s %10s\n", "view", "actors", "page fps", "bare fps", "ratio", "days/s")
	for _, view := range []struct {
		name, query string
		worlds      int
	}{{"single", "", 1}, {"compare", "&compare=hack_back=free", 2}} {
		for _, n := range []int{500, 2000, 5000} {
			pm, bm, days := measureAgainstBare(t, "scenario=status-quo&seed=1&speed=10&play=1&"+perfWorld(n)+view.query, n*view.worlds, window)
			fmt.Fprintf(&report, "%-8s %8d %10.1f %10.1f %8.2f %10.1f\n", view.name, n, pm, bm, pm/bm, days)
		}
	}
	fmt.Fprintf(&report, "\n(page: status-quo world scaled to n actors, playing at 10 days/s with animated arcs; compare: two\n"+
		" such worlds, one with hack_back=free, and the bare program drawing 2n circles;\n"+
		" bare: n moving circles of radius 3, vector.FillCircle without anti-aliasing (with it, Ebiten's\n"+
		" path filling runs out of memory at 5,000 circles here);\n"+
		" medians of 3 interleaved rounds; days/s: simulation days reached per second, asked for 10)\n")
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Fprintf(&report, "load average at the end: %s", load)
	}

	// Time to the first frame: a fresh browser (empty cache) on localhost.
	p := newPage(t, 1280, 800)
	start := time.Now()
	p.open("")
	wall := time.Since(start)
	ttff := eval[float64](p, `escalate.firstFrameMs`)
	fmt.Fprintf(&report, "\ntime to first frame (default world, fresh browser, localhost): %.0f ms after navigation start (%.0f ms as the test saw it)\n", ttff, float64(wall.Milliseconds()))
	dir := os.Getenv("ESCALATE_WEB")
	if dir == "" {
		dir = filepath.Join(moduleRoot(t), "web")
	}
	if st, err := os.Stat(filepath.Join(dir, "escalate.wasm.gz")); err == nil {
		fmt.Fprintf(&report, "escalate.wasm.gz: %.2f MB (gzip -9)\n", float64(st.Size())/1e6)
	}
	t.Log("\n" + report.String())
	out := filepath.Join(moduleRoot(t), "build")
	if err := os.MkdirAll(out, 0o755); err == nil {
		os.WriteFile(filepath.Join(out, "perf.txt"), []byte(report.String()), 0o644)
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
