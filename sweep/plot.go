package sweep

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output"
)

// Figure size in pixels (at figure.DPI), the same as a run's figures.
const figureWidth, figureHeight = 1600, 1200

// levelTicks labels the positions 0, 1, ... of a factor's levels with the
// levels' values, every step-th one when there are more than 12.
func levelTicks(levels []string) figure.LabelTicks {
	step := 1
	for len(levels)/step > 12 {
		step++
	}
	labels := make(figure.LabelTicks, len(levels))
	for i, l := range levels {
		if i%step == 0 {
			labels[i] = l
		}
	}
	return labels
}

// choiceOrder returns a choice parameter's values in the registry's order.
func choiceOrder(name string) []string {
	p, _ := lookupFactor(name)
	return p.Choices
}

// metricMeaning says in words what a drawn metric is.
func metricMeaning(name string) string {
	switch name {
	case "cascade_size_median":
		return "median closed cascade size (acts)"
	case "cascade_size_p90":
		return "90th percentile of closed cascade size (acts)"
	case "cascade_size_p99":
		return "99th percentile of closed cascade size (acts)"
	}
	if c, ok := model.LookupHeadline(name); ok {
		return c.Meaning
	}
	return name
}

// draw writes the figures into dir/plots (replacing that directory as a
// whole, unless it holds files of the user's: see output.Dir) and returns
// their paths relative to dir, and notes on figures left out.
func (fd *figureData) draw(dir string) (files, notes []string, err error) {
	if fd.skipped {
		return nil, []string{fmt.Sprintf("figures left out: %d conditions are more than %d (the tables have everything)", fd.p.NumConditions(), maxFigureConditions)}, nil
	}
	out, err := output.CreateDirOf(filepath.Join(dir, PlotsDir), plotFile)
	if err != nil {
		return nil, nil, err
	}
	defer out.Abort() // nothing after Commit
	save := func(name string, drawFn func(draw.Canvas)) error {
		if err := figure.Save(out.Path(name), figureWidth, figureHeight, drawFn); err != nil {
			return err
		}
		files = append(files, filepath.Join(PlotsDir, name+".png"), filepath.Join(PlotsDir, name+".svg"))
		return nil
	}
	for j, f := range fd.p.Factors {
		if err := save("effects_"+f.Name, fd.effects(j)); err != nil {
			return nil, nil, err
		}
	}
	if drawFn, ok, note := fd.phase(); ok {
		if err := save("phase_"+fd.p.Outputs.Heatmap, drawFn); err != nil {
			return nil, nil, err
		}
	} else if note != "" {
		notes = append(notes, note)
	}
	if fd.p.Outputs.CascadeSizes {
		if drawFn, note := fd.ccdf(); drawFn != nil {
			if err := save("cascade_sizes", drawFn); err != nil {
				return nil, nil, err
			}
		} else {
			notes = append(notes, note)
		}
	}
	if err := out.Commit(); err != nil {
		return nil, nil, err
	}
	return files, notes, nil
}

// series is one line of a panel with its 95% band.
type series struct {
	label        string
	xs           []float64
	mean, lo, hi []float64
	colour       color.Color
	dashes       []vg.Length
	scatter      bool // points with error bars, no line (a continuous factor)
}

// seriesColours returns n colours: Okabe-Ito up to 7, else n steps of a
// perceptually uniform sequential map (for ordered levels).
func seriesColours(n int) []color.Color {
	out := make([]color.Color, n)
	if n <= 7 {
		for i := range out {
			out[i] = figure.Colour(i)
		}
		return out
	}
	cm := moreland.Kindlmann()
	cm.SetMin(0)
	cm.SetMax(1)
	for i := range out {
		c, _ := cm.At(0.12 + 0.7*float64(i)/float64(n-1))
		out[i] = c
	}
	return out
}

// addSeries draws s on p: a translucent band between lo and hi where both
// are known, the line of means with a dot at each point, or points with
// error bars.
func addSeries(p *plot.Plot, s *series) (plot.Thumbnailer, error) {
	var pts, band plotter.XYs
	var errs plotter.YErrors
	for i, x := range s.xs {
		if math.IsNaN(s.mean[i]) {
			continue
		}
		pts = append(pts, plotter.XY{X: x, Y: s.mean[i]})
		lo, hi := s.lo[i], s.hi[i]
		if math.IsNaN(lo) || math.IsNaN(hi) {
			lo, hi = s.mean[i], s.mean[i]
		}
		errs = append(errs, struct{ Low, High float64 }{s.mean[i] - lo, hi - s.mean[i]})
		band = append(band, plotter.XY{X: x, Y: lo})
	}
	if len(pts) == 0 {
		return nil, nil
	}
	if s.scatter {
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: s.colour, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		eb, err := plotter.NewYErrorBars(struct {
			plotter.XYs
			plotter.YErrors
		}{pts, errs})
		if err != nil {
			return nil, err
		}
		eb.LineStyle.Color = figure.WithAlpha(s.colour, 120)
		eb.LineStyle.Width = vg.Points(0.8)
		eb.CapWidth = 0
		p.Add(eb, sc)
		return sc, nil
	}
	// The band: lows left to right, then highs right to left.
	k := len(band)
	for i := len(s.xs) - 1; i >= 0; i-- {
		if math.IsNaN(s.mean[i]) {
			continue
		}
		hi := s.hi[i]
		if math.IsNaN(hi) {
			hi = s.mean[i]
		}
		band = append(band, plotter.XY{X: s.xs[i], Y: hi})
	}
	if k == 1 {
		// One point: its interval as an error bar.
		if eb, err := plotter.NewYErrorBars(struct {
			plotter.XYs
			plotter.YErrors
		}{pts, errs}); err == nil {
			eb.LineStyle.Color = s.colour
			eb.LineStyle.Width = vg.Points(1.2)
			p.Add(eb)
		}
	}
	if k > 1 {
		poly, err := plotter.NewPolygon(band)
		if err != nil {
			return nil, err
		}
		poly.Color = figure.WithAlpha(s.colour, 46)
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	l, sc, err := plotter.NewLinePoints(pts)
	if err != nil {
		return nil, err
	}
	l.Color = s.colour
	l.Width = vg.Points(1.8)
	l.Dashes = s.dashes
	sc.GlyphStyle = draw.GlyphStyle{Color: s.colour, Radius: vg.Points(2.4), Shape: draw.CircleGlyph{}}
	p.Add(l, sc)
	return l, nil
}

// padRange widens an axis whose data are all one value (a metric that is
// always 0, say) so that the line shows in the middle of the panel.
func padRange(a *plot.Axis) {
	// The axis range is set from the data when the plot is drawn; fix it
	// here from the plotters already added.
	if a.Max-a.Min > 1e-12*math.Max(1, math.Abs(a.Max)) {
		return
	}
	d := math.Max(math.Abs(a.Max)*0.1, 1)
	a.Min, a.Max = a.Min-d, a.Max+d
}

func lineDashes(i int) []vg.Length {
	switch i % 3 {
	case 1:
		return []vg.Length{vg.Points(7), vg.Points(3)}
	case 2:
		return []vg.Length{vg.Points(2), vg.Points(2.5)}
	}
	return nil
}

// newLegend returns a legend in the figures' style, to draw on its own canvas.
func newLegend(size vg.Length) plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Font = figure.Sans(size)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = vg.Points(30)
	l.Padding = vg.Points(3)
	return l
}

// splitLegend draws a figure title across the top of dc and returns the
// canvas for the panels and, if legend, a column on the right for a legend.
func splitLegend(dc draw.Canvas, title string, legend bool, labels ...string) (draw.Canvas, *draw.Canvas) {
	st := text.Style{Color: color.Black, Font: figure.Sans(vg.Points(16)), XAlign: draw.XCenter, YAlign: draw.YTop, Handler: plot.DefaultTextHandler}
	st.Font.Weight = xfont.WeightBold
	dc.FillText(st, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - vg.Points(8)}, title)
	body := draw.Crop(dc, vg.Points(8), -vg.Points(4), vg.Points(4), -vg.Points(34))
	if !legend {
		return body, nil
	}
	// Wide enough for the longest label at 11 points (about 0.55 em a character).
	w := vg.Inch * 1.6
	for _, l := range labels {
		w = max(w, vg.Points(11*0.56*float64(len([]rune(l))))+vg.Points(50))
	}
	w = min(w, (body.Max.X-body.Min.X)/3)
	panels := draw.Crop(body, 0, -w, 0, 0)
	col := draw.Crop(body, body.Max.X-body.Min.X-w+vg.Points(10), 0, 0, -vg.Points(10))
	return panels, &col
}

// plotFile reports whether name is a figure a sweep draws in its plots
// directory.
func plotFile(name string) bool {
	ext := filepath.Ext(name)
	if ext != ".png" && ext != ".svg" {
		return false
	}
	return strings.HasPrefix(name, "effects_") || strings.HasPrefix(name, "phase_") || strings.TrimSuffix(name, ext) == "cascade_sizes"
}
