package figure

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"slices"
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
