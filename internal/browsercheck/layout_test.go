//go:build !js

package browsercheck

import (
	"fmt"
	"strings"
	"testing"
)

// layout is escalate.layout(): what is on screen, in CSS pixels.
type layout struct {
	Viewport struct{ W, H float64 }
	Regions  []struct {
		Name       string
		X, Y, W, H float64
	}
	MinTextPx float64
}

// For every preset at 390×844, 1280×800 and 1920×1080 the layout names
// the map, the key, the charts and the log; every region lies inside the
// viewport (on a phone, inside the page's width) and no two overlap; the
// smallest type is a real size no bigger than the body text; no panel
// overflows sideways; the sliders and charts shown are those that apply to
// the world. Screenshots, with greyscale copies: layout-PRESET-WxH.png.
func TestLayout(t *testing.T) {
	need(t)
	for _, size := range []struct {
		name string
		w, h int
	}{{"390x844", 390, 844}, {"1280x800", 1280, 800}, {"1920x1080", 1920, 1080}} {
		t.Run(size.name, func(t *testing.T) {
			p := newPage(t, size.w, size.h)
			p.open("tick=0")
			for _, preset := range eval[[]string](p, `escalate.presets().map((x) => x.name)`) {
				t.Run(preset, func(t *testing.T) {
					p.t = t
					eval[any](p, fmt.Sprintf(`escalate.load(%q)`, "scenario="+preset+"&tick=60"))
					p.settle(60)
					checkLayout(t, p, float64(size.w), float64(size.h))
					checkApplies(t, p, preset)
					img := p.screenshot("layout-" + preset + "-" + size.name)
					saveGrey(t, img, "layout-"+preset+"-"+size.name+"-grey")
					p.noErrors()
				})
			}
		})
	}
}

// checkApplies checks that the sliders and the charts shown are those of
// the world's parameters: branching has its own two sliders and the
// distribution of cascade sizes; one state has no tension; no vigilantes,
// no temper.
func checkApplies(t *testing.T, p *page, preset string) {
	t.Helper()
	shown := eval[[]string](p, `[...document.querySelectorAll('#sliders .control')].filter((d) => !d.hidden).map((d) => d.id.slice(2))`)
	has := map[string]bool{}
	for _, k := range shown {
		has[k] = true
	}
	charts := len(p.geometry().Charts)
	switch preset {
	case "branching":
		if len(shown) != 2 || !has["answer_probability"] || !has["collateral_mean"] || charts < 3 {
			t.Errorf("branching shows sliders %v and %d charts", shown, charts)
		}
		if d := eval[string](p, `document.getElementById('description').textContent`); !strings.Contains(d, "at m = 1 cascades of every size happen") {
			t.Errorf("branching's description has no caption of its law: %q", d)
		}
	case "blue-security":
		if has["vigilante_temper"] || has["hotline"] || has["hygiene_subsidy"] || !has["hack_back"] {
			t.Errorf("blue-security (one state, no vigilantes, no poverty line) shows sliders %v", shown)
		}
	default:
		if !has["hack_back"] || !has["vigilante_temper"] || !has["hotline"] {
			t.Errorf("%s shows sliders %v", preset, shown)
		}
	}
}

// checkLayout checks escalate.layout() in a w × h viewport.
func checkLayout(t *testing.T, p *page, w, h float64) {
	t.Helper()
	l := eval[layout](p, `escalate.layout()`)
	if l.Viewport.W != w || l.Viewport.H != h {
		t.Errorf("viewport = %+v, want %v×%v", l.Viewport, w, h)
	}
	if w < 860 { // one column that scrolls: the regions stack below the first screen
		l.Viewport.H = 1e9
	}
	seen := map[string]bool{}
	const slack = 0.5 // sub-pixel rounding of CSS boxes
	for i, r := range l.Regions {
		seen[r.Name] = true
		if r.X < -slack || r.Y < -slack || r.X+r.W > l.Viewport.W+slack || r.Y+r.H > l.Viewport.H+slack {
			t.Errorf("region %s %+v lies outside the viewport %+v", r.Name, r, l.Viewport)
		}
		for _, o := range l.Regions[:i] {
			if r.X+slack < o.X+o.W && o.X+slack < r.X+r.W && r.Y+slack < o.Y+o.H && o.Y+slack < r.Y+r.H {
				t.Errorf("regions %s %+v and %s %+v overlap", o.Name, o, r.Name, r)
			}
		}
	}
	for _, name := range []string{"map", "key", "charts", "log"} {
		if !seen[name] {
			t.Errorf("layout has no region %q: %+v", name, l.Regions)
		}
	}
	if body := eval[float64](p, `parseFloat(getComputedStyle(document.body).fontSize)`); l.MinTextPx <= 0 || l.MinTextPx > body {
		t.Errorf("minTextPx = %v, want above 0 and at most the body's %vpx", l.MinTextPx, body)
	}
	for _, id := range []string{"app", "top", "controls", "narration", "key", "share", "sliders"} {
		if b := boxOf(p, id); !b.Hidden && b.ScrollW > b.ClientW+0.5 {
			t.Errorf("#%s overflows sideways: %v px of content in %v px; widest: %s", id, b.ScrollW, b.ClientW, widest(p, id))
		}
	}
}
