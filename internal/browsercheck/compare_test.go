//go:build !js

package browsercheck

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// world is one entry of escalate.worlds().
type world struct {
	Name    string
	Command string
	Tick    int
	Row     map[string]float64
}

// checkRow compares a world's row() with row tick of the ticks.csv its
// command writes, column by column.
func checkRow(t *testing.T, w world, cliRows []string, tick int) {
	t.Helper()
	header := strings.Split(cliRows[0], ",")
	fields := strings.Split(cliRows[tick+1], ",")
	if w.Tick != tick {
		t.Errorf("world %s is at day %d, want %d", w.Name, w.Tick, tick)
	}
	for i, h := range header {
		if got := fmt.Sprint(w.Row[h]); got != fields[i] && !sameNumber(got, fields[i]) {
			t.Errorf("world %s: row()[%q] = %s, its command's ticks.csv has %s", w.Name, h, got, fields[i])
		}
	}
}

// sumColumn sums a ticks.csv column over rows from to to (inclusive).
func sumColumn(t *testing.T, rows []string, column string, from, to int) float64 {
	t.Helper()
	col := -1
	for i, h := range strings.Split(rows[0], ",") {
		if h == column {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("ticks.csv has no column %s", column)
	}
	sum := 0.0
	for tick := from; tick <= to; tick++ {
		v, err := strconv.ParseFloat(strings.Split(rows[tick+1], ",")[col], 64)
		if err != nil {
			t.Fatal(err)
		}
		sum += v
	}
	return sum
}

// Two worlds one change apart: each world's row at day 60 is row 60 of its
// own command's ticks.csv (A the page's run, B the same with --set or
// --at), a fork is identical to A before its day, the worlds differ
// after, and the difference sentence sums the commands' rows.
func TestCompareMatchesTheCommands(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	const base = "scenario=licensed-privateers&seed=3"
	for _, tc := range []struct {
		compare, flag string
		from          int
	}{
		{"hack_back=free", "--set hack_back=free", 0},
		{"30:hack_back=free", "--at 30:hack_back=free", 30},
		{"scenario=road-rage", "--scenario road-rage", 0},
	} {
		t.Run(tc.compare, func(t *testing.T) {
			p.t = t
			p.open(base + "&compare=" + tc.compare)
			if tc.from > 0 {
				eval[any](p, fmt.Sprintf(`escalate.step(%d)`, tc.from))
				ws := eval[[]world](p, `escalate.worlds()`)
				if len(ws) != 2 || fmt.Sprint(ws[0].Row) != fmt.Sprint(ws[1].Row) {
					t.Errorf("before day %d the worlds differ:\n%v\n%v", tc.from, ws[0].Row, ws[1].Row)
				}
				if d := eval[string](p, `document.getElementById("difference").textContent`); !strings.Contains(d, "the two worlds are the same") {
					t.Errorf("before the change the difference says %q", d)
				}
			}
			eval[any](p, fmt.Sprintf(`escalate.step(%d)`, 61-tc.from))
			ws := eval[[]world](p, `escalate.worlds()`)
			if len(ws) != 2 || ws[0].Name != "A" || ws[1].Name != "B" {
				t.Fatalf("worlds() = %+v, want A and B", ws)
			}
			if want := eval[string](p, `escalate.command()`); ws[0].Command != want {
				t.Errorf("A's command %q, want the page's %q", ws[0].Command, want)
			}
			want := ws[0].Command + " " + tc.flag
			if other, ok := strings.CutPrefix(tc.flag, "--scenario "); ok {
				want = strings.Replace(ws[0].Command, "--scenario licensed-privateers", "--scenario "+other, 1)
			}
			if ws[1].Command != want {
				t.Errorf("B's command %q, want %q", ws[1].Command, want)
			}
			a, b := lines(runCommand(t, ws[0].Command)["ticks.csv"]), lines(runCommand(t, ws[1].Command)["ticks.csv"])
			checkRow(t, ws[0], a, 60)
			checkRow(t, ws[1], b, 60)
			for tick := 0; tick < tc.from; tick++ {
				if a[tick+1] != b[tick+1] {
					t.Errorf("the commands' rows %d differ before the change at %d", tick, tc.from)
				}
			}
			if fmt.Sprint(ws[0].Row) == fmt.Sprint(ws[1].Row) {
				t.Errorf("the worlds are the same at day 60: pick a change that shows")
			}
			d := eval[string](p, `document.getElementById("difference").textContent`)
			want = fmt.Sprintf("innocents hit A %.0f, B %.0f; acts blamed on the wrong party A %.0f, B %.0f",
				sumColumn(t, a, "innocents_harmed", tc.from, 60), sumColumn(t, b, "innocents_harmed", tc.from, 60),
				sumColumn(t, a, "misattributed", tc.from, 60), sumColumn(t, b, "misattributed", tc.from, 60))
			if !strings.Contains(d, want) {
				t.Errorf("difference %q, want it to say %q", d, want)
			}
			if q := eval[string](p, `escalate.state()`); !strings.Contains(q, "compare="+tc.compare) {
				t.Errorf("the page's address %q has lost compare=%s", q, tc.compare)
			}
			p.noErrors()
		})
	}
	// One world: worlds() has a single entry; a bad compare= falls back with a notice.
	p.t = t
	p.open(base + "&compare=hack_back=sometimes")
	if ws := eval[[]world](p, `escalate.worlds()`); len(ws) != 1 {
		t.Errorf("a bad compare= shows %d worlds, want 1", len(ws))
	}
	if n := eval[[]string](p, `escalate.notices()`); len(n) != 1 || !strings.HasPrefix(n[0], "compare=hack_back=sometimes: ") || !strings.HasSuffix(n[0], "; showing one world") {
		t.Errorf("notices %q", n)
	}
}

// At a phone's, a laptop's and a large screen's size the two maps and the
// charts are on screen and do not overlap each other or the page's parts.
func TestCompareLayout(t *testing.T) {
	need(t)
	for _, size := range [][2]int{{390, 844}, {1280, 800}, {1920, 1080}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			p := newPage(t, w, h)
			p.open("scenario=licensed-privateers&seed=3&compare=hack_back=free&tick=60")
			p.settle(60)
			l := eval[layout](p, `escalate.layout()`)
			seen := map[string]layoutRegion{}
			const slack = 0.5
			for i, r := range l.Regions {
				seen[r.Name] = r
				inView := r.X >= -slack && r.Y >= -slack && r.X+r.W <= l.Viewport.W+slack && r.Y+r.H <= l.Viewport.H+slack
				if !inView && (r.Name == "map" || r.Name == "map-b" || r.Name == "charts" || w >= 1280) {
					t.Errorf("region %s %+v is cut by the viewport %+v", r.Name, r, l.Viewport)
				}
				for _, o := range l.Regions[:i] {
					if r.X+slack < o.X+o.W && o.X+slack < r.X+r.W && r.Y+slack < o.Y+o.H && o.Y+slack < r.Y+r.H {
						t.Errorf("regions %s %+v and %s %+v overlap", o.Name, o, r.Name, r)
					}
				}
			}
			a, b := seen["map"], seen["map-b"]
			if a.W == 0 || b.W == 0 || seen["charts"].W == 0 {
				t.Fatalf("layout lacks a map, the second map or the charts: %+v", l.Regions)
			}
			side := b.X >= a.X+a.W
			if w >= 1280 && !side {
				t.Errorf("at %d×%d the maps are not side by side: %+v %+v", w, h, a, b)
			}
			if w < 600 && side {
				t.Errorf("on a phone the maps are side by side: %+v %+v", a, b)
			}
			if l.MinTextPx <= 0 {
				t.Errorf("minTextPx = %v", l.MinTextPx)
			}
			if w == 1280 {
				hoverAndClickB(t, p, b)
			}
			p.screenshot(fmt.Sprintf("compare-%dx%d", w, h))
			p.noErrors()
		})
	}
}

// hoverAndClickB checks that the second map answers the pointer: over
// it the tooltip names world B's things ("B: ..."), and a click on one of
// its actors tells that actor's story in world B.
func hoverAndClickB(t *testing.T, p *page, b layoutRegion) {
	t.Helper()
	named, actor := 0, [2]float64{-1, -1}
	for fy := 0.1; fy < 1; fy += 0.05 {
		for fx := 0.05; fx < 1; fx += 0.05 {
			x, y := b.X+fx*b.W, b.Y+fy*b.H
			text := eval[string](p, fmt.Sprintf(`escalate.describe(%f, %f)`, x, y))
			if text == "" {
				continue
			}
			named++
			if !strings.HasPrefix(text, "B: ") {
				t.Fatalf("over the second map at (%.0f, %.0f) the tooltip says %q, not B's words", x, y, text)
			}
			if actor[0] < 0 && !strings.Contains(text, "region") && strings.Contains(text, " in ") {
				actor = [2]float64{x, y}
			}
		}
	}
	if named == 0 || actor[0] < 0 {
		t.Fatalf("nothing on the second map is named (%d points named, actor at %v)", named, actor)
	}
	p.click(actor[0], actor[1])
	p.wait(`escalate.story() !== null`, 10*time.Second)
	if title := eval[string](p, `escalate.story().Title`); !strings.HasPrefix(title, "B: ") {
		t.Errorf("a click on the second map's actor told %q, not world B's story", title)
	}
	if title := eval[string](p, `document.getElementById("story-title").textContent`); !strings.HasPrefix(title, "B: ") {
		t.Errorf("the story panel's title is %q", title)
	}
	eval[any](p, `escalate.clearSelection()`)
}

type layoutRegion = struct {
	Name       string
	X, Y, W, H float64
}

// TestComparePerformance measures frames per second of the default world
// playing at 20 days a second alone and compared with a second world, in
// the same browser, one after the other (ESCALATE_PERF=1).
func TestComparePerformance(t *testing.T) {
	need(t)
	if os.Getenv("ESCALATE_PERF") != "1" {
		t.Skip("performance measurement skipped: set ESCALATE_PERF=1")
	}
	p := newPage(t, 1280, 800)
	window := 6 * time.Second
	var report strings.Builder
	for _, q := range []string{"", "&compare=hack_back=free", "", "&compare=hack_back=free"} {
		p.open("scenario=status-quo&seed=1&speed=20&play=1" + q)
		p.wait(`escalate.tick >= 20`, 90*time.Second)
		t0 := eval[int](p, `escalate.tick`)
		start := time.Now()
		fps := framesPerSecond(p, "escalate.frames", window)
		days := float64(eval[int](p, `escalate.tick`)-t0) / time.Since(start).Seconds()
		fmt.Fprintf(&report, "%-28s fps %5.1f  days/s %5.1f  updateMs %.2f  drawMs %.2f\n", "status-quo"+q, fps, days, eval[float64](p, `escalate.updateMs`), eval[float64](p, `escalate.drawMs`))
	}
	t.Log("\n" + report.String())
}

// A change made during the run draws the run without it as a ghost on the
// charts, from a shadow model that leaves the real run's numbers those of
// the page's own command.
func TestGhostLeavesTheRunAlone(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	p.open("scenario=licensed-privateers&seed=3")
	eval[any](p, `escalate.step(40)`)
	if err := eval[any](p, `escalate.set('hack_back', 'free')`); err != nil {
		t.Fatalf("set: %v", err)
	}
	eval[any](p, `escalate.step(81)`)
	p.settle(120)
	command := eval[string](p, `escalate.command()`)
	if !strings.Contains(command, "--at 40:hack_back=free") {
		t.Fatalf("command %q lacks the change", command)
	}
	rows := lines(runCommand(t, command)["ticks.csv"])
	if row := eval[string](p, `escalate.rowCSV()`); row != rows[121] {
		t.Errorf("with the ghost running, row 120 is\n%s\nthe command's is\n%s", row, rows[121])
	}
	p.screenshot("ghost-1280x800")
	p.noErrors()
}

// The sandbox's "Two worlds" control starts a comparison at the run's
// day, refuses a change that cannot apply with the address's words and
// changes nothing, and "Show one world" ends it.
func TestCompareControl(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	p.open("scenario=licensed-privateers&seed=3&tick=20")
	p.settle(20)
	compare := func(text string) {
		eval[any](p, fmt.Sprintf(`(() => { document.getElementById("comparetext").value = %q; })()`, text))
		p.clickElement("comparego")
	}
	compare("hack_back=free")
	p.wait(`escalate.worlds().length === 2 && !escalate.catchingUp`, 60*time.Second)
	ws := eval[[]world](p, `escalate.worlds()`)
	if ws[0].Tick != 20 || ws[1].Tick != 20 || !strings.HasSuffix(ws[1].Command, "--set hack_back=free") {
		t.Errorf("after Compare the worlds are %+v, want both at day 20, B with --set hack_back=free", ws)
	}
	if q := eval[string](p, `escalate.state()`); !strings.Contains(q, "compare=hack_back=free") {
		t.Errorf("the address %q does not hold the comparison", q)
	}
	compare("hack_back=sometimes")
	p.wait(`document.querySelectorAll(".notice").length > 0`, 10*time.Second)
	if n := eval[string](p, `[...document.querySelectorAll(".notice span")].map((e) => e.textContent).join(" | ")`); !strings.Contains(n, "compare=hack_back=sometimes") {
		t.Errorf("a bad change shows the notice %q", n)
	}
	if ws := eval[[]world](p, `escalate.worlds()`); len(ws) != 2 || !strings.HasSuffix(ws[1].Command, "--set hack_back=free") {
		t.Errorf("a bad change changed the worlds: %+v", ws)
	}
	p.clickElement("compareoff")
	p.wait(`escalate.worlds().length === 1 && !escalate.catchingUp`, 60*time.Second)
	if ws := eval[[]world](p, `escalate.worlds()`); ws[0].Tick != 20 {
		t.Errorf("after Show one world the run is at day %d, want 20", ws[0].Tick)
	}
	if !eval[bool](p, `document.getElementById("compareoff").hidden`) {
		t.Error("Show one world is still offered with one world")
	}
	p.noErrors()
}
