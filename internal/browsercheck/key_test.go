//go:build !js

package browsercheck

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// box is an element's rectangle in CSS pixels, with what overflows it.
type box struct {
	X, Y, W, H       float64
	ScrollW, ClientW float64
	Hidden           bool
	Text             string
}

// boxOf returns the rectangle of the element with the given id.
func boxOf(p *page, id string) box {
	return eval[box](p, fmt.Sprintf(`(() => { const e = document.getElementById(%q); const r = e.getBoundingClientRect();
		return {X: r.x, Y: r.y, W: r.width, H: r.height, ScrollW: e.scrollWidth, ClientW: e.clientWidth, Hidden: e.hidden || r.height === 0, Text: e.textContent}; })()`, id))
}

// The key to the map sits beside the map, fully on the first screen at
// 1280×800 and 1920×1080, overlapping neither the map nor the charts; no
// panel overflows sideways at any of the three sizes; the first-visit card
// shows once and stays dismissed; hovering over a state names it.
func TestKeyAndWidths(t *testing.T) {
	need(t)
	for _, size := range []struct {
		name      string
		w, h      int
		firstPage bool // the key must be on the first screen
	}{{"1280x800", 1280, 800, true}, {"1920x1080", 1920, 1080, true}, {"390x844", 390, 844, false}} {
		t.Run(size.name, func(t *testing.T) {
			p := newPage(t, size.w, size.h)
			p.open("scenario=defend-forward&seed=4&tick=90")
			p.settle(90)
			key, intro := boxOf(p, "key"), boxOf(p, "intro")
			if key.Hidden || !strings.Contains(key.Text, "misattributed answer") || !strings.Contains(key.Text, "tension between states") {
				t.Errorf("the key is hidden or incomplete: %+v", key)
			}
			if intro.Hidden {
				t.Error("the first-visit card is not shown on a first visit")
			}
			if size.firstPage && (key.Y < 0 || key.Y+key.H > float64(size.h)+0.5 || key.X < 0 || key.X+key.W > float64(size.w)+0.5) {
				t.Errorf("the key %+v is not on the first screen of %d×%d", key, size.w, size.h)
			}
			g := p.geometry()
			for i, c := range append([]rect{g.World}, g.Charts...) {
				if c.X < key.X+key.W && key.X < c.X+c.W && c.Y < key.Y+key.H && key.Y < c.Y+c.H {
					t.Errorf("the key %+v overlaps the map or chart %d %+v", key, i, c)
				}
			}
			for _, id := range []string{"app", "top", "controls", "narration", "key", "share", "sliders"} {
				if b := boxOf(p, id); !b.Hidden && b.ScrollW > b.ClientW+0.5 {
					t.Errorf("#%s overflows sideways: %v px of content in %v px; widest: %s", id, b.ScrollW, b.ClientW, widest(p, id))
				}
			}
			img := p.screenshot("widths-" + size.name)
			saveGrey(t, img, "widths-"+size.name+"-grey")

			// Hovering over a state's mark names it.
			st := g.Regions[0]
			text := eval[string](p, fmt.Sprintf(`escalate.describe(%f, %f)`, st.Center.X, st.Center.Y))
			if !strings.HasPrefix(text, "State A") {
				t.Errorf("describe(state A's centre) = %q", text)
			}
			p.clickElement("introclose")
			p.wait(`document.getElementById('intro').hidden`, 5*time.Second)
			p.open("scenario=defend-forward&seed=4&tick=90")
			p.settle(90)
			if !boxOf(p, "intro").Hidden {
				t.Error("the first-visit card shows again after it was dismissed")
			}
			p.noErrors()
		})
	}
}

// saveGrey saves a greyscale copy of a screenshot (build/screenshots), to
// look at the page as a reader without colour vision or a greyscale
// printer sees it.
func saveGrey(t *testing.T, img image.Image, name string) {
	t.Helper()
	grey := image.NewGray(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			grey.Set(x, y, color.GrayModel.Convert(img.At(x, y)))
		}
	}
	f, err := os.Create(filepath.Join(moduleRoot(t), "build", "screenshots", name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, grey); err != nil {
		t.Fatal(err)
	}
}

// widest names the descendant of the element with the given id that
// reaches furthest right, for a message about an overflow.
func widest(p *page, id string) string {
	return eval[string](p, fmt.Sprintf(`(() => { const root = document.getElementById(%q); let best = null, right = -1;
		for (const e of root.querySelectorAll('*')) { const r = e.getBoundingClientRect(); if (r.right > right) { right = r.right; best = e; } }
		return best ? best.tagName + '#' + best.id + '.' + best.className + ' to ' + right + ' (the box ends at ' + root.getBoundingClientRect().right + ')' : ''; })()`, id))
}

// ladderMark is how an intensity's swatch in the key reads in greyscale:
// Width, the effective width of its line in CSS pixels (per column, the
// summed contrast with the background divided by the column's largest
// contrast, averaged over the columns), and Peak, its lightest grey
// (0–255, averaged over the columns).
type ladderMark struct{ Width, Peak float64 }

// The intensity ladder reads in greyscale: on a greyscale copy of the
// page, every two of the key's five swatches differ by at least 1 pixel
// of width or 24 levels of lightness; nuisance is the thinnest and armed
// conflict the widest.
func TestLadderInGreyscale(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	p.open("scenario=status-quo&seed=2&tick=5")
	p.settle(5)
	img := p.screenshot("ladder-1280x800")
	saveGrey(t, img, "ladder-1280x800-grey")
	grey := func(x, y int) float64 { return float64(color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y) }
	var marks []ladderMark
	for i := range 5 {
		b := boxOf(p, fmt.Sprintf("sw%d", i))
		x0, x1, y0, y1 := int(b.X)+3, int(b.X+b.W)-3, int(b.Y), int(b.Y+b.H+0.5)
		bg := grey(x0, y0-2)
		var m ladderMark
		for x := x0; x < x1; x++ {
			sum, peak, most := 0.0, 0.0, 0.0
			for y := y0; y < y1; y++ {
				d := abs(grey(x, y) - bg)
				sum += d
				most = max(most, d)
				peak = max(peak, grey(x, y))
			}
			if most > 0 {
				m.Width += sum / most
			}
			m.Peak += peak
		}
		m.Width /= float64(x1 - x0)
		m.Peak /= float64(x1 - x0)
		marks = append(marks, m)
	}
	names := []string{"nuisance", "disruption", "destruction", "critical", "armed conflict"}
	t.Logf("ladder in greyscale (width px, lightest grey): %+v", marks)
	for i, a := range marks {
		if (i > 0 && a.Width <= marks[0].Width) || (i < 4 && a.Width >= marks[4].Width) {
			t.Errorf("%s's line (%.2f px) is not between nuisance's (%.2f px) and armed conflict's (%.2f px)", names[i], a.Width, marks[0].Width, marks[4].Width)
		}
		for j, b := range marks[:i] {
			if abs(a.Width-b.Width) < 1 && abs(a.Peak-b.Peak) < 24 {
				t.Errorf("%s %+v and %s %+v look alike in greyscale", names[j], b, names[i], a)
			}
		}
	}
	p.noErrors()
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// The key names licensed firms only where licences exist and pre-emptive
// strikes only where states strike first; the filter (the checkbox, or
// A) draws answers and innocent hits only and the address keeps it.
func TestMarksAndFilter(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	for _, tc := range []struct {
		query                string
		licensed, preemptive bool
	}{
		{"scenario=licensed-privateers&seed=3&tick=60", true, false},
		{"scenario=defend-forward&seed=2&tick=6", false, true},
		{"scenario=status-quo&tick=10", false, false},
	} {
		p.open(tc.query)
		p.wait(`!escalate.catchingUp && escalate.tick >= 0`, 60*time.Second)
		if got := p.visible("key-licensed"); got != tc.licensed {
			t.Errorf("%s: licensed firms in the key %v, want %v", tc.query, got, tc.licensed)
		}
		if got := p.visible("key-preemptive"); got != tc.preemptive {
			t.Errorf("%s: pre-emptive strikes in the key %v, want %v", tc.query, got, tc.preemptive)
		}
	}
	p.open("scenario=licensed-privateers&seed=3&tick=60")
	p.wait(`!escalate.catchingUp && escalate.tick === 60`, 60*time.Second)
	p.screenshot("marks-licensed-all")
	p.clickElement("answersonly")
	p.wait(`escalate.state().includes("arcs=answers")`, 10*time.Second)
	p.screenshot("marks-licensed-answers")
	eval[any](p, `document.getElementById("stage").focus()`)
	p.key("a")
	p.wait(`!escalate.state().includes("arcs=answers") && !document.getElementById("answersonly").checked`, 10*time.Second)
	p.open("scenario=defend-forward&seed=2&tick=6&arcs=answers")
	p.wait(`!escalate.catchingUp && escalate.tick === 6`, 60*time.Second)
	if !eval[bool](p, `document.getElementById("answersonly").checked`) {
		t.Error("arcs=answers in the address does not check the filter")
	}
	p.screenshot("marks-preemptive-answers")
	p.noErrors()
}
