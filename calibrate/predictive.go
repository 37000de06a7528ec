package calibrate

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
	"github.com/escalation-model/escalation/internal/palette"
)

// PredictiveRow compares one pattern statistic's observed value with the
// model's predictive distribution.
type PredictiveRow struct {
	// Name names the statistic.
	Name string
	// Observed is the value in the data (NaN: undefined there), and
	// ObservedLo and ObservedHi its bootstrap interval (NaN: none).
	Observed, ObservedLo, ObservedHi float64
	// ModelMedian, ModelLo and ModelHi are the median and central
	// interval of the statistic over the simulations where it is defined
	// (NaN if it never is).
	ModelMedian, ModelLo, ModelHi float64
	// Undefined is the share of simulations where the statistic is NaN.
	Undefined float64
	// Inside reports whether the observed value lies in [ModelLo,
	// ModelHi]; for a statistic undefined in the data, whether the model
	// leaves it undefined at least as often as one tail of the interval,
	// (1 - level)/2.
	Inside bool
}

// PredictiveRows computes one row per statistic from simulated statistic
// vectors sims (each as long as names), all equally weighted: the median
// and the central interval holding level (e.g. 0.9) of the defined
// values. Pair a generation's Stats with its Weights through
// PredictiveRowsWeighted instead.
func PredictiveRows(names []string, observed, obsLo, obsHi []float64, sims [][]float64, level float64) []PredictiveRow {
	return PredictiveRowsWeighted(names, observed, obsLo, obsHi, sims, nil, level)
}

// PredictiveRowsWeighted is PredictiveRows with a weight per simulation
// (nil: equal weights), e.g. Generation.Stats with Generation.Weights.
// Missing observed values or bounds (short or nil slices) count as NaN.
func PredictiveRowsWeighted(names []string, observed, obsLo, obsHi []float64, sims [][]float64, weights []float64, level float64) []PredictiveRow {
	at := func(v []float64, k int) float64 {
		if k < len(v) {
			return v[k]
		}
		return math.NaN()
	}
	tail := (1 - level) / 2
	rows := make([]PredictiveRow, len(names))
	for k, name := range names {
		var x, w []float64
		all := 0.0
		for i, s := range sims {
			wi := 1.0
			if weights != nil {
				wi = weights[i]
			}
			all += wi
			if k < len(s) && !math.IsNaN(s[k]) {
				x, w = append(x, s[k]), append(w, wi)
			}
		}
		row := PredictiveRow{Name: name, Observed: at(observed, k), ObservedLo: at(obsLo, k), ObservedHi: at(obsHi, k),
			ModelMedian: math.NaN(), ModelLo: math.NaN(), ModelHi: math.NaN(), Undefined: 1}
		if all > 0 {
			defined := 0.0
			for _, v := range w {
				defined += v
			}
			row.Undefined = 1 - defined/all
		}
		if len(x) > 0 {
			row.ModelMedian = weightedQuantile(x, w, 0.5)
			row.ModelLo = weightedQuantile(x, w, tail)
			row.ModelHi = weightedQuantile(x, w, 1-tail)
		}
		if math.IsNaN(row.Observed) {
			row.Inside = len(sims) > 0 && row.Undefined >= tail
		} else {
			row.Inside = row.Observed >= row.ModelLo && row.Observed <= row.ModelHi
		}
		rows[k] = row
	}
	return rows
}

// PredictivePlot draws one panel per statistic as a PNG at path, each on
// its own scale: the model's median (blue dot) and predictive interval
// (whisker) above, the observed value below with its bootstrap interval,
// a black square when inside the model's interval and a vermillion
// triangle, with the statistic's name marked, when outside.
func PredictivePlot(rows []PredictiveRow, path string) error {
	if len(rows) == 0 {
		return fmt.Errorf("calibrate: predictive plot %s: no statistics", path)
	}
	plots := make([]*plot.Plot, len(rows))
	outside := 0
	for i, r := range rows {
		p, err := predictivePanel(r)
		if err != nil {
			return err
		}
		if !r.Inside {
			outside++
		}
		plots[i] = p
	}
	h := max(400, min(4000, 110+72*len(rows)))
	title := fmt.Sprintf("Model (dot: median, bar: predictive interval) against data (square, bar: bootstrap interval; ▲ outside the model's interval): %d of %d inside", len(rows)-outside, len(rows))
	return savePNG(path, 1400, h, func(c draw.Canvas) {
		c = titled(c, title, vg.Points(15))
		figure.Tiles(c, len(rows), 1, plots)
	})
}

// predictivePanel draws one statistic's row.
func predictivePanel(r PredictiveRow) (*plot.Plot, error) {
	label := r.Name
	if !r.Inside {
		label = "▲ " + r.Name
	}
	p := figure.New("", "", "", vg.Points(12))
	// The name is the y axis's one tick label, so it reads horizontally.
	p.Y.Tick.Marker = plot.ConstantTicks{{Value: 0, Label: label}}
	p.Y.Tick.Label.Font = figure.Sans(vg.Points(13))
	p.Y.Tick.Length = 0
	if !r.Inside {
		p.Y.Tick.Label.Color = palette.Vermillion
	}
	p.Y.Min, p.Y.Max = -1, 1
	lo, hi := valueRange(r)
	p.X.Min, p.X.Max = lo, hi
	p.X.Tick.Label.Font.Size = vg.Points(10)
	if err := whisker(p, 0.35, r.ModelMedian, r.ModelLo, r.ModelHi, palette.Blue, draw.CircleGlyph{}); err != nil {
		return nil, err
	}
	obsColour, obsShape := color.Color(palette.Black), draw.GlyphDrawer(draw.BoxGlyph{})
	if !r.Inside {
		obsColour, obsShape = palette.Vermillion, draw.PyramidGlyph{}
	}
	if err := whisker(p, -0.35, r.Observed, r.ObservedLo, r.ObservedHi, obsColour, obsShape); err != nil {
		return nil, err
	}
	if math.IsNaN(r.Observed) || math.IsNaN(r.ModelMedian) {
		note := "undefined in the data"
		switch {
		case math.IsNaN(r.ModelMedian) && math.IsNaN(r.Observed):
			note = "undefined in the data and in every simulation"
		case math.IsNaN(r.ModelMedian):
			note = "undefined in every simulation"
		}
		l, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: lo, Y: 0}}, Labels: []string{note}})
		if err != nil {
			return nil, err
		}
		l.TextStyle[0].Font = figure.Sans(vg.Points(11))
		l.TextStyle[0].Color = color.Gray{Y: 90}
		l.TextStyle[0].YAlign = draw.YCenter
		p.Add(l)
	}
	return p, nil
}

// whisker draws a point at (v, y) with a horizontal interval [lo, hi];
// NaN parts are left out.
func whisker(p *plot.Plot, y, v, lo, hi float64, c color.Color, shape draw.GlyphDrawer) error {
	if !math.IsNaN(lo) && !math.IsNaN(hi) {
		l, err := plotter.NewLine(plotter.XYs{{X: lo, Y: y}, {X: hi, Y: y}})
		if err != nil {
			return err
		}
		l.Color, l.Width = c, vg.Points(2.5)
		p.Add(l)
		for _, x := range []float64{lo, hi} {
			p.Add(vline(x, y-0.15, y+0.15, c, vg.Points(2)))
		}
	}
	if math.IsNaN(v) {
		return nil
	}
	s, err := plotter.NewScatter(plotter.XYs{{X: v, Y: y}})
	if err != nil {
		return err
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(6), Shape: shape}
	p.Add(s)
	return nil
}

// valueRange returns a padded x range covering the row's finite values.
func valueRange(r PredictiveRow) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range []float64{r.Observed, r.ObservedLo, r.ObservedHi, r.ModelMedian, r.ModelLo, r.ModelHi} {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	switch {
	case lo > hi:
		return 0, 1
	case lo == hi:
		pad := max(math.Abs(lo)*0.1, 0.5)
		return lo - pad, hi + pad
	}
	pad := (hi - lo) * 0.08
	return lo - pad, hi + pad
}
