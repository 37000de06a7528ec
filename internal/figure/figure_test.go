package figure

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func labels(ts []plot.Tick) []string {
	var out []string
	for _, t := range ts {
		if t.Label != "" {
			out = append(out, t.Label)
		}
	}
	return out
}

// TestTicks: round values with just the digits they need.
func TestTicks(t *testing.T) {
	cases := []struct {
		lo, hi float64
		want   []string
	}{
		{0, 1, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{0, 0.05, []string{"0.00", "0.01", "0.02", "0.03", "0.04", "0.05"}},
		{4200, 6100, []string{"4500", "5000", "5500", "6000"}},
		{-0.3, 0.1, []string{"-0.3", "-0.2", "-0.1", "0.0", "0.1"}},
	}
	for _, c := range cases {
		got := labels(LinearTicks{}.Ticks(c.lo, c.hi))
		if !slices.Equal(got, c.want) {
			t.Errorf("LinearTicks(%v, %v) = %v, want %v", c.lo, c.hi, got, c.want)
		}
	}
	if got, want := labels(LogTicks{}.Ticks(1, 1000)), []string{"1", "10", "100", "1000"}; !slices.Equal(got, want) {
		t.Errorf("LogTicks(1, 1000) = %v, want %v", got, want)
	}
	if got := labels(LabelTicks{"a", "b", "c"}.Ticks(-0.5, 2.5)); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("LabelTicks = %v", got)
	}
}

// TestCountTicks: axes that count things step by 5 rather than 2.5 and
// write large values in full.
func TestCountTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{0, 1.3, "0.00 0.25 0.50 0.75 1.00 1.25"},
		{0, 0.3, "0.00 0.05 0.10 0.15 0.20 0.25 0.30"},
		{0, 125, "0 25 50 75 100 125"},
		{0, 15, "0 5 10 15"},
		{0, 20000, "0 5000 10000 15000 20000"},
		{0, 364, "0 100 200 300"},
		{-1, 1, "-1.0 -0.5 0.0 0.5 1.0"},
		{0, 2e6, "0 500000 1000000 1500000 2000000"},
	} {
		var labels []string
		for _, tk := range (LinearTicks{Counts: true}).Ticks(c.lo, c.hi) {
			labels = append(labels, tk.Label)
		}
		if got := strings.Join(labels, " "); got != c.want {
			t.Errorf("ticks on [%v, %v]: %s, want %s", c.lo, c.hi, got, c.want)
		}
	}
}

func TestDecadeLabel(t *testing.T) {
	for _, c := range []struct {
		e, m int
		want string
	}{{-1, 7, "0.7"}, {-4, 1, "0.0001"}, {0, 3, "3"}, {5, 9, "900000"}, {-5, 1, "1e-05"}, {6, 2, "2e+06"}} {
		if got := decadeLabel(c.e, c.m); got != c.want {
			t.Errorf("decadeLabel(%d, %d) = %q, want %q", c.e, c.m, got, c.want)
		}
	}
}

// TestSave: a band plot is written as a PNG of the asked size and an SVG.
func TestSave(t *testing.T) {
	p := New("title", "x", "y", vg.Points(14))
	b := &Band{Label: "series", X: []float64{0, 1, 2}, Mean: []float64{1, 2, 1.5}, Lo: []float64{0.5, 1.5, 1}, Hi: []float64{1.5, 2.5, 2}, Colour: Colour(0)}
	if err := b.Add(p); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(t.TempDir(), "fig")
	if err := Save(base, 800, 600, func(c draw.Canvas) { Tiles(c, 1, 2, []*plot.Plot{p, p}) }); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(base + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 600 {
		t.Errorf("PNG is %dx%d, want 800x600", b.Dx(), b.Dy())
	}
	svg, err := os.ReadFile(base + ".svg")
	if err != nil || !bytes.Contains(svg, []byte("Liberation Sans',Arimo")) {
		t.Errorf("SVG: %v, or no font fallbacks", err)
	}
}
