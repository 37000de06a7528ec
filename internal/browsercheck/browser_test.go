//go:build !js

package browsercheck

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/escalation-model/escalation/internal/webserve"
)

// need skips the test unless the browser suite was asked for.
func need(t *testing.T) {
	t.Helper()
	if os.Getenv("ESCALATE_BROWSER") != "1" {
		t.Skip("browser tests skipped: set ESCALATE_BROWSER=1 or run `make test-browser` (needs chromium, and builds the site with make web)")
	}
}

// moduleRoot is the repository's root (the tests run in their package's
// directory).
func moduleRoot(t testing.TB) string {
	t.Helper()
	root, err := webserve.FindModule(".")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

var (
	siteOnce sync.Once
	siteURL  string
	siteErr  error
	extra    = http.NewServeMux() // more routes for the performance harness
)

// site serves the static site that make web built (ESCALATE_WEB, default
// web/ at the repository's root) exactly as escalate serve --dir does,
// and returns its address; or, with ESCALATE_URL, uses a page already
// served there (say by escalate serve; the performance test needs its own
// server).
func site(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		if u := os.Getenv("ESCALATE_URL"); u != "" {
			siteURL = strings.TrimSuffix(u, "/") // a running escalate serve
			return
		}
		dir := os.Getenv("ESCALATE_WEB")
		if dir == "" {
			dir = filepath.Join(moduleRoot(t), "web")
		}
		h, err := webserve.StaticHandler(dir)
		if err != nil {
			siteErr = fmt.Errorf("%v: build the site first with `make web` (make test-browser does)", err)
			return
		}
		mux := http.NewServeMux()
		mux.Handle("/", h)
		mux.Handle("/bare/", extra)
		siteURL = httptest.NewServer(mux).URL
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return siteURL
}

// chromium finds the browser: ESCALATE_CHROMIUM, else chromium on PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ESCALATE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium is not on PATH: install it (Debian: apt-get install -y chromium) or run `make test-browser`, which installs it when run as root")
	return ""
}

// page is one headless Chromium with one tab.
type page struct {
	t      *testing.T
	ctx    context.Context
	close  func() // stops the browser
	base   string
	mu     sync.Mutex
	errors []string
}

// newPage starts a headless Chromium with a fresh profile and a w × h
// viewport, with the flags that work here (software WebGL on SwiftShader).
func newPage(t *testing.T, w, h int) *page {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(w, h),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	stop := func() { cancel(); cancelAlloc() }
	t.Cleanup(stop)
	p := &page{t: t, ctx: ctx, close: stop, base: site(t)}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), int64(h))); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				p.mu.Lock()
				p.errors = append(p.errors, m.String())
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// do runs actions with a time limit.
func (p *page) do(limit time.Duration, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, limit)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%v (page errors: %v)", err, p.pageErrors())
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](p *page, expr string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v (page errors: %v)", expr, err, p.pageErrors())
	}
	return v
}

// wait polls until a JavaScript expression is true. A poll that a
// navigation interrupts (its page's context destroyed) starts over.
func (p *page) wait(expr string, limit time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		left := time.Until(deadline)
		ctx, cancel := context.WithTimeout(p.ctx, left+5*time.Second)
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(max(left, time.Millisecond)), chromedp.WithPollingInterval(50*time.Millisecond)))
		cancel()
		if err == nil {
			return
		}
		if strings.Contains(err.Error(), "context") && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		state, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`JSON.stringify({tick: escalate.tick, playing: escalate.playing, catchingUp: escalate.catchingUp, ready: escalate.ready})`))
		p.t.Fatalf("waiting for %s: %v (page: %s; errors: %v)", expr, err, state, p.pageErrors())
	}
}

// open loads the page with an address query and waits for its first frame.
func (p *page) open(query string) {
	p.t.Helper()
	p.do(60*time.Second, chromedp.Navigate(p.base+"/?"+query))
	p.wait(`window.escalate && escalate.ready === true`, 90*time.Second)
}

// settle waits until the page has run up to tick (its fast-forward done).
func (p *page) settle(tick int) {
	p.t.Helper()
	p.wait(fmt.Sprintf(`escalate.tick === %d && !escalate.catchingUp`, tick), 120*time.Second)
}

func (p *page) pageErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// noErrors fails if the page threw or logged an error.
func (p *page) noErrors() {
	p.t.Helper()
	if errs := p.pageErrors(); len(errs) > 0 {
		p.t.Errorf("the page reported errors:\n%s", strings.Join(errs, "\n"))
	}
}

// screenshot captures the viewport, saves it as build/screenshots/NAME.png
// and decodes it.
func (p *page) screenshot(name string) image.Image {
	p.t.Helper()
	// Two frames, so that the latest state is on the canvas.
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise)); err != nil {
		p.t.Fatal(err)
	}
	data, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	dir := filepath.Join(moduleRoot(p.t), "build", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err == nil {
		os.WriteFile(filepath.Join(dir, name+".png"), data, 0o644)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		p.t.Fatal(err)
	}
	return img
}

// click clicks at a point of the page, in CSS pixels.
func (p *page) click(x, y float64) {
	p.t.Helper()
	p.do(20*time.Second, chromedp.MouseClickXY(x, y))
}

// key types keys (chromedp/kb names for special keys) on the focused element.
func (p *page) key(keys string) {
	p.t.Helper()
	p.do(20*time.Second, chromedp.KeyEvent(keys))
}

// clickElement scrolls the element with the given id into view and clicks
// its centre.
func (p *page) clickElement(id string) {
	p.t.Helper()
	r := eval[rect](p, fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.scrollIntoView({block: "nearest"}); const r = e.getBoundingClientRect(); return {X: r.left, Y: r.top, W: r.width, H: r.height}; })()`, id))
	if r.W == 0 {
		p.t.Fatalf("#%s is not visible", id)
	}
	p.click(r.X+r.W/2, r.Y+r.H/2)
}

type rect struct{ X, Y, W, H float64 }

type point struct{ X, Y float64 }

// geometry is where the game drew the map and the charts.
type geometry struct {
	World   rect
	Charts  []rect
	Regions []struct {
		State  int32
		Center point
		Radius float64
	}
}

func (p *page) geometry() geometry {
	p.t.Helper()
	return eval[geometry](p, `escalate.geometry()`)
}

// evalAwait evaluates an expression whose value is a promise.
func evalAwait[T any](p *page, expr string, limit time.Duration) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, limit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v (page errors: %v)", expr, err, p.pageErrors())
	}
	return v
}

func navigate(url string) chromedp.Action[chromedp.Void] { return chromedp.Navigate(url) }
