package experiment

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

// Figure sizes, in pixels.
const (
	wideW, wideH     = 1600, 800  // two panels side by side
	squareW, squareH = 1600, 1200 // a 2 x 2 grid, or one large panel
	textSize         = 15         // body text, in points
)

// panel returns a plot in the figures' style, its legend at the top left.
func panel(title, xlabel, ylabel string) *plot.Plot {
	p := figure.New(title, xlabel, ylabel, vg.Points(textSize))
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.Padding = vg.Points(4)
	p.Legend.ThumbnailWidth = vg.Points(28)
	return p
}

// bandsOver returns, for each level of the series factor, the band of a
// statistic over the levels of the x factor: est(condition) gives the
// estimate of the condition with those two values (-1 when absent).
func bandsOver(d *Data, xName string, xs []string, seriesName string, series []string, labels []string, est func(c int) Estimate) []*figure.Band {
	var out []*figure.Band
	for s, sv := range series {
		b := &figure.Band{Label: labels[s], Colour: figure.Colour(s), Dashes: dashes(s)}
		for _, xv := range xs {
			c := d.Find(xName, xv, seriesName, sv)
			x := d.Value(max(c, 0), xName)
			if c < 0 {
				continue
			}
			e := est(c)
			b.X = append(b.X, x)
			b.Mean = append(b.Mean, e.Value)
			b.Lo = append(b.Lo, e.Lo)
			b.Hi = append(b.Hi, e.Hi)
		}
		out = append(out, b)
	}
	return out
}

// dashes returns a line style that tells series apart without colour.
func dashes(i int) []vg.Length {
	switch i % 4 {
	case 1:
		return []vg.Length{vg.Points(8), vg.Points(4)}
	case 2:
		return []vg.Length{vg.Points(2), vg.Points(3)}
	case 3:
		return []vg.Length{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)}
	}
	return nil
}

// addBands adds bands to a plot.
func addBands(p *plot.Plot, bands []*figure.Band) error {
	for _, b := range bands {
		if err := b.Add(p); err != nil {
			return err
		}
	}
	return nil
}

// fromZero makes the y axis start at zero when all values are positive,
// and leaves a little room above.
func fromZero(p *plot.Plot) {
	if p.Y.Min > 0 {
		p.Y.Min = 0
	}
	p.Y.Max += (p.Y.Max - p.Y.Min) * 0.05
}

// hline adds a horizontal reference line at y.
func hline(p *plot.Plot, y float64, label string, i int) error {
	l, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: y}, {X: p.X.Max, Y: y}})
	if err != nil {
		return err
	}
	l.Color = figure.Colour(i)
	l.Width = vg.Points(1.2)
	l.Dashes = []vg.Length{vg.Points(5), vg.Points(4)}
	p.Add(l)
	if label != "" {
		p.Legend.Add(label, l)
	}
	return nil
}

// categoryPoints draws estimates at categorical positions (one group of
// points per category, one point per series, offset side by side) with
// their intervals as whiskers.
func categoryPoints(p *plot.Plot, categories []string, labels []string, est func(cat, series int) Estimate) error {
	n := len(labels)
	width := 0.5
	for s := range labels {
		var pts plotter.XYs
		var errs plotter.YErrors
		for c := range categories {
			e := est(c, s)
			if math.IsNaN(e.Value) {
				continue
			}
			x := float64(c) - width/2 + width*(float64(s)+0.5)/float64(n)
			pts = append(pts, plotter.XY{X: x, Y: e.Value})
			lo, hi := e.Value-e.Lo, e.Hi-e.Value
			if math.IsNaN(lo) || math.IsNaN(hi) {
				lo, hi = 0, 0
			}
			errs = append(errs, struct{ Low, High float64 }{lo, hi})
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return err
		}
		sc.Color = figure.Colour(s)
		sc.Shape = glyph(s)
		sc.Radius = vg.Points(5)
		eb, err := plotter.NewYErrorBars(struct {
			plotter.XYs
			plotter.YErrors
		}{pts, errs})
		if err != nil {
			return err
		}
		eb.LineStyle.Color = figure.Colour(s)
		eb.LineStyle.Width = vg.Points(1.5)
		eb.CapWidth = vg.Points(8)
		p.Add(eb, sc)
		p.Legend.Add(labels[s], sc)
	}
	p.X.Tick.Marker = figure.LabelTicks(categories)
	p.X.Min, p.X.Max = -0.5, float64(len(categories))-0.5
	return nil
}

// glyph returns a marker shape that tells series apart without colour.
func glyph(i int) draw.GlyphDrawer {
	switch i % 4 {
	case 1:
		return draw.BoxGlyph{}
	case 2:
		return draw.PyramidGlyph{}
	case 3:
		return draw.TriangleGlyph{}
	}
	return draw.CircleGlyph{}
}
