//go:build !js

package browsercheck

import (
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

// At 1280×800 the layout names the map, the key, the charts and the log;
// every region lies inside the viewport and no two overlap; the smallest
// type is a real size no bigger than the body text.
func TestLayout(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	p.open("scenario=defend-forward&seed=4&tick=90")
	p.settle(90)
	l := eval[layout](p, `escalate.layout()`)
	if l.Viewport.W != 1280 || l.Viewport.H != 800 {
		t.Errorf("viewport = %+v, want 1280×800", l.Viewport)
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
	p.noErrors()
}
