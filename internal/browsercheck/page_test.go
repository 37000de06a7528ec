//go:build !js

package browsercheck

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func TestPageLoadsAndRuns(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	p.open("scenario=road-rage&seed=7&speed=50&play=1")
	ttff := eval[float64](p, `escalate.firstFrameMs`)
	p.wait(`escalate.tick >= 40`, 90*time.Second)
	if fps := eval[float64](p, `escalate.fps`); fps <= 0 {
		t.Errorf("fps = %v while playing", fps)
	}
	p.wait(`document.querySelectorAll('#log li').length > 0`, 30*time.Second)
	if n := eval[string](p, `document.getElementById('numbers').textContent`); !strings.HasPrefix(n, "Day ") {
		t.Errorf("the day's numbers read %q", n)
	}
	if cols := eval[[]string](p, `escalate.columns()`); len(cols) < 30 || cols[0] != "tick" {
		t.Errorf("columns() = %v", cols)
	}
	row := eval[map[string]any](p, `escalate.row()`)
	if _, ok := row["innocents_harmed"]; !ok {
		t.Errorf("row() has no innocents_harmed: %v", row)
	}
	if !eval[bool](p, `document.getElementById('loading').hidden`) {
		t.Error("the loading overlay is still shown")
	}
	t.Logf("time to first frame %.0f ms (localhost, from navigation start); running at %.1f fps", ttff, eval[float64](p, `escalate.fps`))
	p.noErrors()
}

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// cli builds the escalate command once.
func cli(t *testing.T) string {
	t.Helper()
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "escalate-cli-")
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(dir, "escalate")
		cmd := exec.Command("go", "build", "-o", cliPath, "./cmd/escalate")
		cmd.Dir = moduleRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			cliErr = fmt.Errorf("building the command: %v\n%s", err, out)
		}
	})
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	return cliPath
}

// shellWords splits a command line as a POSIX shell would, for the
// single-quoted words the page writes.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	in, quoted := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case in:
			if c == '\'' {
				in = false
			} else {
				cur.WriteByte(c)
			}
		case c == '\'':
			in, quoted = true, true
		case c == ' ':
			if cur.Len() > 0 || quoted {
				words = append(words, cur.String())
				cur.Reset()
				quoted = false
			}
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
		default:
			cur.WriteByte(c)
		}
	}
	if cur.Len() > 0 || quoted {
		words = append(words, cur.String())
	}
	return words
}

// runCommand runs the command line the page shows (plus extra flags) and
// returns the files it wrote.
func runCommand(t *testing.T, command string, extra ...string) map[string][]byte {
	t.Helper()
	words := shellWords(command)
	if len(words) < 2 || words[0] != "escalate" || words[1] != "run" {
		t.Fatalf("the page's command is not an escalate run command: %q", command)
	}
	out := filepath.Join(t.TempDir(), "out")
	args := append(append(words[1:], "--out", out, "--plots=false", "--events", "--quiet"), extra...)
	cmd := exec.Command(cli(t), args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", cli(t), strings.Join(args, " "), err, b)
	}
	files := map[string][]byte{}
	for _, f := range []string{"ticks.csv", "cascades.csv", "events.csv", "actors.csv"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		files[f] = b
	}
	return files
}

func lines(b []byte) []string {
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// The numbers the page shows at tick T are row T of the ticks.csv that the
// page's own command line writes, for a plain address, an address with
// overrides and changes during the run, and a run the reader changed with
// the controls; the downloads are the command's files.
func TestNumbersMatchTheCommand(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	cases := []struct {
		name  string
		query string
		tick  int
		drive func()
	}{
		{"plain address", "scenario=status-quo&seed=3&tick=60", 60, nil},
		{"overrides and changes in the address", "scenario=road-rage&seed=11&set=firms=150&set=citizens=300&at=20:hotline=0.8&at=35:proxy_use=0.1&tick=80", 80, nil},
		{"changes made with the controls", "scenario=licensed-privateers&seed=5", 41, func() {
			eval[any](p, `escalate.step(12)`)
			// Move a slider as a reader would: the value, then its change event.
			eval[any](p, `(() => { const s = document.getElementById('p-attribution_skill'); s.value = '0.3'; s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change')); })()`)
			eval[any](p, `(() => { const s = document.getElementById('p-hack_back'); s.value = 'free'; s.dispatchEvent(new Event('change')); })()`)
			eval[any](p, `escalate.step(20)`)
			eval[any](p, `escalate.set('hotline', '0.9')`)
			eval[any](p, `escalate.step(10)`)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p.t = t
			p.open(tc.query)
			if tc.drive != nil {
				tc.drive()
			}
			p.settle(tc.tick)
			row := eval[string](p, `escalate.rowCSV()`)
			command := eval[string](p, `escalate.command()`)
			query := eval[string](p, `escalate.state()`)
			t.Logf("page at tick %d: %s\n  command: %s", tc.tick, query, command)
			if tc.drive != nil && !strings.Contains(command, "--at") {
				t.Errorf("changes made during the run are not in the command: %s", command)
			}
			full := runCommand(t, command)
			cliRows := lines(full["ticks.csv"])
			if len(cliRows) <= tc.tick+1 {
				t.Fatalf("the command wrote %d rows", len(cliRows)-1)
			}
			if want := cliRows[tc.tick+1]; row != want {
				t.Fatalf("row %d differs:\npage    %s\ncommand %s", tc.tick, row, want)
			}
			obj := eval[map[string]float64](p, `(() => { const r = escalate.row(); const o = {}; for (const k in r) o[k] = Number(r[k]); return o; })()`)
			header := strings.Split(cliRows[0], ",")
			fields := strings.Split(cliRows[tc.tick+1], ",")
			for i, h := range header {
				if got := fmt.Sprint(obj[h]); got != fields[i] && !sameNumber(got, fields[i]) {
					t.Errorf("row()[%q] = %s, ticks.csv has %s", h, got, fields[i])
				}
			}
			// The downloads are the files of the same command run for T+1 ticks.
			cut := runCommand(t, command, "--ticks", fmt.Sprint(tc.tick+1))
			for _, name := range []string{"ticks", "cascades", "events", "actors"} {
				got := eval[string](p, fmt.Sprintf(`escalate.csv(%q)`, name))
				if want := string(cut[name+".csv"]); got != want {
					t.Errorf("download %s.csv (%d bytes) differs from the command's (%d bytes)", name, len(got), len(want))
				}
			}
			// And the address reproduces the run.
			p.open(query)
			p.settle(tc.tick)
			if again := eval[string](p, `escalate.rowCSV()`); again != row {
				t.Errorf("reopening the page's own address gave a different row %d:\n%s\n%s", tc.tick, again, row)
			}
			p.noErrors()
		})
	}
}

// sameNumber compares a JavaScript number with a CSV field as float64s.
func sameNumber(a, b string) bool {
	var x, y float64
	if _, err := fmt.Sscan(a, &x); err != nil {
		return false
	}
	if _, err := fmt.Sscan(b, &y); err != nil {
		return false
	}
	return x == y
}

func TestKeyboardAndClicks(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	p.open("scenario=status-quo&seed=2")
	eval[any](p, `document.activeElement && document.activeElement.blur()`)
	p.key(" ")
	p.wait(`escalate.playing === true`, 10*time.Second)
	p.wait(`escalate.tick >= 3`, 30*time.Second)
	p.key(" ")
	p.wait(`escalate.playing === false`, 10*time.Second)
	// escalate's plain properties are refreshed every frame: wait a frame
	// or two for a key's effect before reading them.
	settled := func(expr string) {
		t.Helper()
		evalAwait[any](p, fmt.Sprintf(`new Promise((resolve) => { const deadline = performance.now() + 3000; const check = () => { if (%s || performance.now() > deadline) resolve(null); else requestAnimationFrame(check); }; check(); })`, expr), 10*time.Second)
	}
	t0 := eval[int](p, `escalate.tick`)
	p.key(kb.ArrowRight)
	settled(fmt.Sprintf(`escalate.tick !== %d`, t0))
	if got := eval[int](p, `escalate.tick`); got != t0+1 {
		t.Errorf("→ moved the tick from %d to %d", t0, got)
	}
	s0 := eval[float64](p, `escalate.speed`)
	p.key("+")
	settled(fmt.Sprintf(`escalate.speed !== %v`, s0))
	if s := eval[float64](p, `escalate.speed`); s <= s0 {
		t.Errorf("+ did not speed up: %v -> %v", s0, s)
	}
	p.key("-")
	settled(fmt.Sprintf(`escalate.speed === %v`, s0))
	if s := eval[float64](p, `escalate.speed`); s != s0 {
		t.Errorf("- did not slow down again: %v", s)
	}
	p.key("?")
	p.wait(`!document.getElementById('help').hidden`, 5*time.Second)
	p.key(kb.Escape)
	p.wait(`document.getElementById('help').hidden`, 5*time.Second)
	p.key("l")
	p.wait(`document.body.classList.contains('lecture') && escalate.lecture`, 5*time.Second)
	p.key("L")
	p.wait(`!document.body.classList.contains('lecture')`, 5*time.Second)
	p.key("2")
	p.wait(`escalate.scenario === 'licensed-privateers' && escalate.tick === -1`, 10*time.Second)
	if v := eval[string](p, `document.getElementById('scenario').value`); v != "licensed-privateers" {
		t.Errorf("the scenario picker shows %q after pressing 2", v)
	}

	// The buttons.
	p.clickElement("play")
	p.wait(`escalate.playing === true && escalate.tick >= 2`, 30*time.Second)
	p.clickElement("play")
	p.wait(`escalate.playing === false`, 10*time.Second)
	p.clickElement("reset")
	p.wait(`escalate.tick === -1`, 10*time.Second)
	p.clickElement("step")
	p.wait(`escalate.tick === 0`, 10*time.Second)

	// A slider with the keyboard: arrows change it and record a change;
	// space in the slider does not start the run.
	eval[any](p, `escalate.step(9)`)
	eval[any](p, `document.getElementById('p-hotline').focus()`)
	p.key(kb.ArrowRight)
	p.key(" ")
	p.wait(`escalate.state().includes('at=10:hotline=0.01')`, 10*time.Second)
	if eval[bool](p, `escalate.playing`) {
		t.Error("space in a slider started the run")
	}
	if got := eval[string](p, `document.getElementById('changes').textContent`); !strings.Contains(got, "hotline = 0.01") {
		t.Errorf("the change is not listed: %q", got)
	}

	// Clicking a state's mark tells its story.
	eval[any](p, `escalate.step(40)`)
	pt := eval[point](p, `escalate.actorPoint(0)`)
	p.click(pt.X, pt.Y)
	p.wait(`!document.getElementById('story').hidden`, 10*time.Second)
	if title := eval[string](p, `document.getElementById('story-title').textContent`); !strings.Contains(title, "State A") {
		t.Errorf("clicking State A's mark told %q", title)
	}
	// A "chain" button in the log tells a cascade from its root.
	if eval[int](p, `document.querySelectorAll('#log li button').length`) > 0 {
		eval[any](p, `document.querySelector('#log li button').click()`)
		p.wait(`document.querySelectorAll('#story-lines li').length > 0`, 10*time.Second)
		if first := eval[string](p, `document.querySelector('#story-lines li').textContent`); !strings.HasPrefix(first, "Day ") {
			t.Errorf("a story's first line reads %q", first)
		}
	}
	p.key(kb.Escape)
	p.wait(`document.getElementById('story').hidden`, 10*time.Second)
	p.noErrors()
}

func TestBadAddressFallsBack(t *testing.T) {
	need(t)
	p := newPage(t, 1024, 768)
	p.open("scenario=atlantis&seed=-1&set=attribution_skill=5&set=nope=1&at=99999:hotline=1&tick=abc&colour=red")
	p.wait(`document.querySelectorAll('#notices .notice').length >= 6`, 10*time.Second)
	text := eval[string](p, `document.getElementById('notices').textContent`)
	for _, want := range []string{"atlantis", "seed", "attribution_skill", "nope", "99999", "tick", "colour"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notices do not mention %q: %s", want, text)
		}
	}
	if s := eval[string](p, `escalate.scenario`); s != "status-quo" {
		t.Errorf("fell back to %q, want status-quo", s)
	}
	eval[any](p, `escalate.step(5)`)
	if got := eval[int](p, `escalate.tick`); got != 4 {
		t.Errorf("after 5 steps, tick %d", got)
	}
	if err := eval[string](p, `escalate.set('attribution_skill', '2')`); !strings.Contains(err, "out of range") {
		t.Errorf("an out-of-range change returned %q", err)
	}
	// Numbers work as strings do (docs/web.md).
	if err := eval[any](p, `escalate.set('attribution_skill', 0.1)`); err != nil {
		t.Errorf("escalate.set('attribution_skill', 0.1) returned %v", err)
	}
	if q := eval[string](p, `escalate.state()`); !strings.Contains(q, "at=5:attribution_skill=0.1") {
		t.Errorf("after escalate.set('attribution_skill', 0.1) on day 5, the address is %s", q)
	}
	if err := eval[string](p, `escalate.set('attribution_skill', Infinity)`); !strings.Contains(err, "infinite values are not allowed") {
		t.Errorf("escalate.set('attribution_skill', Infinity) returned %q", err)
	}
	eval[any](p, `escalate.load('tick=zzz&scenario=p4x')`)
	p.wait(`escalate.scenario === 'p4x'`, 10*time.Second)
	p.noErrors()
}

// Screenshots of several worlds and windows: saved in build/screenshots,
// checked for drawn regions, marks and charts.
func TestScreenshots(t *testing.T) {
	need(t)
	shots := []struct {
		name  string
		query string
		w, h  int
		tick  int
		drive func(p *page) // after the page settles, before the screenshot
	}{
		{"status-quo", "scenario=status-quo&seed=1&tick=120", 1280, 800, 120, nil},
		{"road-rage", "scenario=road-rage&seed=7&tick=150", 1280, 800, 150, nil},
		{"p4x", "scenario=p4x&seed=1&tick=200", 1280, 800, 200, nil},
		// The story presets at their own seeds, just after their stories.
		{"p4x-story", "scenario=p4x&tick=6", 1280, 800, 6, nil},
		// Day 5 of the P4x story: North Korea wrongly blames the United States: the ✗ and its callout.
		{"misattributed", "scenario=p4x&tick=5", 1280, 800, 5, nil},
		{"blue-security-story", "scenario=blue-security&tick=27", 1280, 800, 27, nil},
		{"lecture", "scenario=road-rage&seed=7&tick=150&lecture=1", 1280, 800, 150, nil},
		{"narrow", "scenario=cyber-peace&seed=2&tick=100", 390, 844, 100, nil},
		{"wide-defend-forward", "scenario=defend-forward&seed=4&tick=90", 1920, 1080, 90, nil},
		{"road-rage-playing", "scenario=road-rage&seed=7&tick=100&speed=2", 1280, 800, 100, func(p *page) {
			eval[any](p, `escalate.play()`)
			p.wait(`escalate.tick >= 104`, 60*time.Second)
		}},
		{"story", "scenario=road-rage&seed=7&tick=120", 1280, 800, 120, func(p *page) {
			// The latest alarm's chain: a hack back or retaliation that hit an innocent.
			eval[any](p, `(() => { const b = document.querySelector('#log li.l3 button') || document.querySelector('#log li button'); b.click(); })()`)
			p.wait(`!document.getElementById('story').hidden`, 10*time.Second)
		}},
	}
	for _, s := range shots {
		t.Run(s.name, func(t *testing.T) {
			p := newPage(t, s.w, s.h)
			p.open(s.query)
			p.settle(s.tick)
			if s.drive != nil {
				s.drive(p)
			}
			g := p.geometry()
			img := p.screenshot(s.name)
			checkDrawn(t, img, g)
			p.noErrors()
		})
	}
}

// checkDrawn checks that a screenshot is not blank and that the map's
// regions and every chart were drawn where the game says they are.
func checkDrawn(t *testing.T, img image.Image, g geometry) {
	t.Helper()
	b := img.Bounds()
	colours := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, gg, bb, _ := img.At(x, y).RGBA()
			colours[color.RGBA{uint8(r >> 8), uint8(gg >> 8), uint8(bb >> 8), 255}]++
		}
	}
	if len(colours) < 200 {
		t.Errorf("the screenshot has only %d colours: blank?", len(colours))
	}
	if g.World.W < 100 || g.World.H < 100 {
		t.Fatalf("the map is %v: too small to read", g.World)
	}
	bg := img.At(int(g.World.X+2), int(g.World.Y+g.World.H-2))
	distinct := func(r rect) int {
		seen := map[color.RGBA]bool{}
		for y := int(r.Y); y < int(r.Y+r.H); y += 2 {
			for x := int(r.X); x < int(r.X+r.W); x += 2 {
				c := img.At(x, y)
				if c != bg {
					rr, gg, bb, _ := c.RGBA()
					seen[color.RGBA{uint8(rr >> 8), uint8(gg >> 8), uint8(bb >> 8), 255}] = true
				}
			}
		}
		return len(seen)
	}
	for _, r := range g.Regions {
		box := rect{r.Center.X - r.Radius/2, r.Center.Y - r.Radius/2, r.Radius, r.Radius}
		if n := distinct(box); n < 5 {
			t.Errorf("region of state %d at %v: only %d colours drawn", r.State, r.Center, n)
		}
	}
	// A world shows the charts its parameters give meaning (scene.ChartsFor):
	// at least two, and the totals.
	if len(g.Charts) < 3 {
		t.Errorf("%d chart panels, want at least 2 charts and the totals", len(g.Charts))
	}
	for i, c := range g.Charts {
		if n := distinct(c); n < 5 {
			t.Errorf("chart %d at %v: only %d colours drawn", i, c, n)
		}
	}
}

func TestResizeKeepsItUsable(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	p.open("scenario=road-rage&seed=3&tick=30")
	p.settle(30)
	wide := p.geometry()
	p.do(20*time.Second, emulate(700, 900))
	p.wait(fmt.Sprintf(`(g => g.world.X + g.world.W <= 700 && g.world.W != %f)(escalate.geometry())`, wide.World.W), 10*time.Second)
	narrow := p.geometry()
	if narrow.World.X+narrow.World.W > 700 {
		t.Errorf("after shrinking to 700 px the map spans %v", narrow.World)
	}
	checkDrawn(t, p.screenshot("resized-700"), narrow)
	p.noErrors()
}

func emulate(w, h int64) chromedp.Action[chromedp.Void] { return chromedp.EmulateViewport(w, h) }
