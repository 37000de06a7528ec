package sensitivity

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

// drawOutput draws the ranked bar plot of one output's indices as
// base.png and base.svg: the most important input at the top.
func (r *Result) drawOutput(base string, o OutputResult) error {
	order := r.rank(o)
	k := len(order)
	names := make([]string, k)
	// Position k-1-n holds the input ranked n (plots count upwards).
	for n, i := range order {
		names[k-1-n] = r.Spec.Inputs[i].Name
	}
	size := vg.Points(15)
	var p *plot.Plot
	if o.Morris != nil {
		p = figure.New(fmt.Sprintf("Morris: %s", o.Output), "μ* (mean absolute elementary effect) and σ (their spread), in output units per input range", "", size)
		// μ* as a thick bar with its interval; σ as a thin bar beneath.
		bars := &hbars{colour: figure.Colour(0), half: 0.24}
		sig := &hbars{colour: figure.Colour(1), half: 0.07}
		var errs xErr
		for n, i := range order {
			m := o.Morris[i]
			pos := float64(k - 1 - n)
			bars.add(pos+0.08, nz(m.MuStar))
			sig.add(pos-0.27, nz(m.Sigma))
			errs.add(pos+0.08, m.MuStar, m.MuStarLow, m.MuStarHigh)
		}
		p.Add(bars, sig)
		p.Legend.Add("μ* (95% bootstrap CI)", bars)
		p.Legend.Add("σ (spread of the effects)", sig)
		if eb := errs.bars(); eb != nil {
			p.Add(eb)
		}
	} else {
		p = figure.New(fmt.Sprintf("Sobol indices: %s", o.Output), "share of the output's variance", "", size)
		st := &hbars{colour: figure.Colour(0), half: 0.17}
		s1 := &hbars{colour: figure.Colour(3), half: 0.17}
		var e1, et xErr
		for n, i := range order {
			x := o.Sobol[i]
			pos := float64(k - 1 - n)
			st.add(pos+0.18, nz(x.ST))
			s1.add(pos-0.18, nz(x.S1))
			et.add(pos+0.18, x.ST, x.STLow, x.STHigh)
			e1.add(pos-0.18, x.S1, x.S1Low, x.S1High)
		}
		p.Add(st, s1)
		p.Legend.Add("ST: total (95% bootstrap CI)", st)
		p.Legend.Add("S1: first order", s1)
		for _, e := range []xErr{e1, et} {
			if eb := e.bars(); eb != nil {
				p.Add(eb)
			}
		}
	}
	p.Y.Tick.Marker = figure.LabelTicks(names)
	p.Y.Min, p.Y.Max = -0.6, float64(k)-0.4
	p.X.Min = math.Min(p.X.Min, 0)
	if !math.IsNaN(o.Floor) && o.Floor > 0 {
		l, err := plotter.NewLine(plotter.XYs{{X: o.Floor, Y: -0.6}, {X: o.Floor, Y: float64(k) - 0.4}})
		if err != nil {
			return err
		}
		l.Color = figure.Colour(6)
		l.Width = vg.Points(1.5)
		l.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
		p.Add(l)
		label := "noise floor of μ*"
		if o.Sobol != nil {
			label = "noise share (floor of ST)"
		}
		p.Legend.Add(label, l)
		p.X.Max = math.Max(p.X.Max, o.Floor*1.1)
	}
	p.X.Max += (p.X.Max - p.X.Min) * 0.05
	p.Legend.Top = false
	p.Legend.Left = false
	p.Legend.XOffs = -vg.Points(8)
	p.Legend.YOffs = vg.Points(8)
	h := 300 + 90*k
	return figure.Save(base, 1400, max(700, min(h, 1800)), func(c draw.Canvas) {
		p.Draw(draw.Crop(c, vg.Points(8), -vg.Points(16), vg.Points(8), -vg.Points(8)))
	})
}

// hbars draws horizontal bars from 0 to x at positions y, half high in
// data units (so that error bars and grouped bars line up exactly).
type hbars struct {
	ys, xs []float64
	half   float64
	colour color.Color
}

func (b *hbars) add(y, x float64) { b.ys, b.xs = append(b.ys, y), append(b.xs, x) }

// Plot implements plot.Plotter.
func (b *hbars) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for j, y := range b.ys {
		x0, x1 := tx(0), tx(b.xs[j])
		y0, y1 := ty(y-b.half), ty(y+b.half)
		c.FillPolygon(b.colour, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	}
}

// DataRange implements plot.DataRanger.
func (b *hbars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 0, 0
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for j, y := range b.ys {
		xmin, xmax = math.Min(xmin, b.xs[j]), math.Max(xmax, b.xs[j])
		ymin, ymax = math.Min(ymin, y-b.half), math.Max(ymax, y+b.half)
	}
	return
}

// Thumbnail implements plot.Thumbnailer (the legend's swatch).
func (b *hbars) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(b.colour, []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}})
}

// nz returns 0 for NaN (an index that could not be computed is drawn as
// no bar).
func nz(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// xErr gathers horizontal error bars.
type xErr struct {
	pts  plotter.XYs
	errs plotter.XErrors
}

func (e *xErr) add(y, x, lo, hi float64) {
	if math.IsNaN(x) || math.IsNaN(lo) || math.IsNaN(hi) {
		return
	}
	e.pts = append(e.pts, plotter.XY{X: x, Y: y})
	e.errs = append(e.errs, struct{ Low, High float64 }{x - lo, hi - x})
}

func (e *xErr) bars() *plotter.XErrorBars {
	if len(e.pts) == 0 {
		return nil
	}
	eb, err := plotter.NewXErrorBars(struct {
		plotter.XYs
		plotter.XErrors
	}{e.pts, e.errs})
	if err != nil {
		return nil
	}
	eb.LineStyle.Width = vg.Points(1.6)
	eb.CapWidth = vg.Points(10)
	return eb
}
