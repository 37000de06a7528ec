package calibrate

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"os"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/escalation-model/escalation/internal/figure"
	"github.com/escalation-model/escalation/internal/palette"
)

// bins is the number of histogram bins in the figures.
const bins = 30

// savePNG draws a figure of w x h pixels and writes it to path as PNG.
func savePNG(path string, w, h int, drawFn func(draw.Canvas)) error {
	img := vgimg.NewWith(vgimg.UseWH(figure.Pixels(w), figure.Pixels(h)), vgimg.UseDPI(figure.DPI), vgimg.UseBackgroundColor(color.White))
	drawFn(draw.New(img))
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&b); err != nil {
		return fmt.Errorf("calibrate: drawing %s: %w", path, err)
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// axis sets a plot axis to a prior's range, on a log scale for loguniform.
func axis(a *plot.Axis, p Prior) {
	a.Min, a.Max = p.Lo, p.Hi
	if p.Integer {
		a.Min, a.Max = p.Lo-0.5, p.Hi+0.5
	}
	if p.Kind == LogUniform {
		a.Scale = plot.LogScale{}
		a.Tick.Marker = figure.LogTicks{}
		a.Min = max(a.Min, p.Lo/2)
	}
}

// histogram returns the weighted histogram of x (weights w) on the
// prior's range, bins equal in the transformed space (for an integer
// prior, their edges moved to the nearest half-integer, so each bin holds
// whole integers), as densities per unit of the transformed space (so the
// prior is flat at 1/width).
func histogram(x, w []float64, p Prior) []plotter.HistogramBin {
	lo, hi := p.latent()
	edges := []float64{p.fromLatent(lo)}
	for b := 1; b <= bins; b++ {
		e := p.fromLatent(lo + (hi-lo)*float64(b)/bins)
		if p.Integer {
			e = math.Floor(e) + 0.5
		}
		if b == bins {
			e = p.fromLatent(hi)
		}
		if e > edges[len(edges)-1] {
			edges = append(edges, e)
		}
	}
	h := make([]plotter.HistogramBin, len(edges)-1)
	for b := range h {
		h[b].Min, h[b].Max = edges[b], edges[b+1]
	}
	total := 0.0
	for i, v := range x {
		if math.IsNaN(v) || math.IsNaN(w[i]) {
			continue
		}
		b := sort.SearchFloat64s(edges, v) - 1 // edges[b] < v <= edges[b+1]
		h[min(max(b, 0), len(h)-1)].Weight += w[i]
		total += w[i]
	}
	for b := range h {
		if total > 0 {
			h[b].Weight /= total * (p.toLatent(h[b].Max) - p.toLatent(h[b].Min))
		}
	}
	return h
}

// toLatent transforms x without the integer cell (for bin widths).
func (p Prior) toLatent(x float64) float64 {
	if p.Kind == LogUniform {
		return math.Log(x)
	}
	return x
}

// fromLatent back-transforms z without rounding (for bin edges).
func (p Prior) fromLatent(z float64) float64 {
	if p.Kind == LogUniform {
		return math.Exp(z)
	}
	return z
}

// blankTicks marks ticks without labels (inner panels of a grid).
type blankTicks struct{ plot.Ticker }

// Ticks implements plot.Ticker.
func (b blankTicks) Ticks(lo, hi float64) []plot.Tick {
	t := b.Ticker.Ticks(lo, hi)
	for i := range t {
		t[i].Label = ""
	}
	return t
}

// vline returns a vertical line at x from y0 to y1.
func vline(x, y0, y1 float64, c color.Color, width vg.Length, dashes ...vg.Length) *plotter.Line {
	l, _ := plotter.NewLine(plotter.XYs{{X: x, Y: y0}, {X: x, Y: y1}})
	l.Color, l.Width, l.Dashes = c, width, dashes
	return l
}

// PairPlot draws a corner plot of generation g as a PNG of about 1600 x
// 1600 pixels at path: each parameter's weighted histogram on the
// diagonal, and below it the particles of each pair of parameters, darker
// for higher weight. Axes span the priors' ranges (log for loguniform).
// truth, if not nil, marks known parameter values (Vermillion).
func PairPlot(g Generation, priors []Prior, truth []float64, path string) error {
	d := len(priors)
	if d == 0 || len(g.Particles) == 0 || len(g.Particles[0]) != d || (truth != nil && len(truth) != d) {
		return fmt.Errorf("calibrate: pair plot %s: %d priors, %d particles, truth of %d values; they must match", path, d, len(g.Particles), len(truth))
	}
	size := vg.Points(max(7, min(14, 44/float64(d)+5)))
	plots := make([]*plot.Plot, d*d)
	maxW := 0.0
	for _, w := range g.Weights {
		maxW = max(maxW, w)
	}
	for r := range d {
		for c := 0; c <= r; c++ {
			xl, yl := "", ""
			if r == d-1 {
				xl = priors[c].Name
			}
			if c == 0 && r > 0 {
				yl = priors[r].Name
			}
			p := figure.New("", xl, yl, size)
			axis(&p.X, priors[c])
			if r == c {
				diagonal(p, g, priors[c], truth, c)
				p.Y.Tick.Marker = blankTicks{p.Y.Tick.Marker}
			} else {
				axis(&p.Y, priors[r])
				if err := scatter(p, g, c, r, maxW, truth); err != nil {
					return err
				}
				if c > 0 {
					p.Y.Tick.Marker = blankTicks{p.Y.Tick.Marker}
				}
			}
			if r < d-1 {
				p.X.Tick.Marker = blankTicks{p.X.Tick.Marker}
			}
			plots[r*d+c] = p
		}
	}
	title := fmt.Sprintf("Posterior, generation %d (tolerance %.3g, %d particles, ESS %.0f)", g.Index, g.Epsilon, len(g.Particles), g.ESS)
	return savePNG(path, 1600, 1600, func(cv draw.Canvas) {
		cv = titled(cv, title, vg.Points(16))
		figure.Tiles(cv, d, d, plots)
	})
}

// diagonal draws parameter k's weighted histogram on p.
func diagonal(p *plot.Plot, g Generation, pr Prior, truth []float64, k int) {
	h := &plotter.Histogram{Bins: histogram(column(g.Particles, k), g.Weights, pr), FillColor: figure.WithAlpha(palette.Blue, 150),
		LineStyle: draw.LineStyle{Color: palette.Blue, Width: vg.Points(0.5)}}
	p.Add(h)
	top := 0.0
	for _, b := range h.Bins {
		top = max(top, b.Weight)
	}
	p.Y.Min, p.Y.Max = 0, max(top*1.08, 1e-9)
	if truth != nil && !math.IsNaN(truth[k]) {
		p.Add(vline(truth[k], 0, p.Y.Max, palette.Vermillion, vg.Points(2), vg.Points(5), vg.Points(3)))
	}
}

// scatter draws the particles' parameters kx and ky on p, opacity by
// weight, heaviest on top, and the truth as a cross.
func scatter(p *plot.Plot, g Generation, kx, ky int, maxW float64, truth []float64) error {
	order := make([]int, len(g.Particles))
	for i := range order {
		order[i] = i
	}
	sortByWeight(order, g.Weights)
	xy := make(plotter.XYs, 0, len(order))
	alpha := make([]uint8, 0, len(order))
	for _, i := range order {
		x, y := g.Particles[i][kx], g.Particles[i][ky]
		if math.IsNaN(x) || math.IsNaN(y) {
			continue
		}
		xy = append(xy, plotter.XY{X: x, Y: y})
		a := 1.0
		if maxW > 0 {
			a = g.Weights[i] / maxW
		}
		alpha = append(alpha, uint8(40+200*math.Sqrt(max(0, min(1, a)))))
	}
	if len(xy) == 0 {
		return nil
	}
	s, err := plotter.NewScatter(xy)
	if err != nil {
		return err
	}
	s.GlyphStyleFunc = func(i int) draw.GlyphStyle {
		return draw.GlyphStyle{Color: figure.WithAlpha(palette.Blue, alpha[i]), Radius: vg.Points(1.6), Shape: draw.CircleGlyph{}}
	}
	p.Add(s)
	if truth != nil && !math.IsNaN(truth[kx]) && !math.IsNaN(truth[ky]) {
		t, err := plotter.NewScatter(plotter.XYs{{X: truth[kx], Y: truth[ky]}})
		if err != nil {
			return err
		}
		t.GlyphStyle = draw.GlyphStyle{Color: palette.Vermillion, Radius: vg.Points(6), Shape: draw.CrossGlyph{}}
		p.Add(t)
	}
	return nil
}

// sortByWeight orders particle indices by ascending weight (ties by
// index), so the heaviest are drawn last.
func sortByWeight(order []int, w []float64) {
	sort.SliceStable(order, func(a, b int) bool { return w[order[a]] < w[order[b]] })
}

// titled writes a title across the top of c and returns the rest.
func titled(c draw.Canvas, title string, size vg.Length) draw.Canvas {
	f := figure.Sans(size)
	sty := draw.TextStyle{Color: color.Black, Font: f, Handler: plot.DefaultTextHandler, XAlign: draw.XCenter, YAlign: draw.YTop}
	c.FillText(sty, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: c.Max.Y - vg.Points(6)}, title)
	c.Max.Y -= size * 2
	return c
}

// MarginalsPlot draws each parameter's weighted marginal in each
// generation as a PNG at path: the prior shaded light grey (flat, as the
// densities are per unit of the transformed space: log x for loguniform),
// early generations light blue, the last dark, so it shows how far the
// data narrowed each parameter.
func MarginalsPlot(gens []Generation, priors []Prior, path string) error {
	d := len(priors)
	if d == 0 || len(gens) == 0 {
		return fmt.Errorf("calibrate: marginals plot %s: %d priors and %d generations; both must be at least 1", path, d, len(gens))
	}
	for _, g := range gens {
		if len(g.Particles) == 0 || len(g.Particles[0]) != d {
			return fmt.Errorf("calibrate: marginals plot %s: generation %d has particles of another length than the %d priors", path, g.Index, d)
		}
	}
	cols := int(math.Ceil(math.Sqrt(float64(d))))
	rows := (d + cols - 1) / cols
	plots := make([]*plot.Plot, d)
	for k, pr := range priors {
		ylabel := "density per unit"
		if pr.Kind == LogUniform {
			ylabel = "density per unit of ln x"
		}
		p := figure.New(pr.Name, pr.Name, ylabel, vg.Points(13))
		axis(&p.X, pr)
		top, err := marginals(p, gens, pr, k)
		if err != nil {
			return err
		}
		p.Y.Min, p.Y.Max = 0, top*1.08
		if k > 0 {
			p.Legend = plot.NewLegend() // one legend, on the first panel
		} else {
			p.Legend.Top = true
			p.Legend.TextStyle.Font = figure.Sans(vg.Points(12))
		}
		plots[k] = p
	}
	return savePNG(path, 1600, max(500, min(2000, 480*rows+60)), func(cv draw.Canvas) {
		cv = titled(cv, fmt.Sprintf("Marginal posteriors over %d generations (prior grey, last generation dark)", len(gens)), vg.Points(16))
		figure.Tiles(cv, rows, cols, plots)
	})
}

// marginals draws parameter k's prior and its histogram in each
// generation on p and returns the highest density drawn.
func marginals(p *plot.Plot, gens []Generation, pr Prior, k int) (float64, error) {
	lo, hi := pr.latent()
	flat := 1 / (hi - lo)
	prior, err := plotter.NewPolygon(plotter.XYs{{X: pr.fromLatent(lo), Y: 0}, {X: pr.fromLatent(hi), Y: 0}, {X: pr.fromLatent(hi), Y: flat}, {X: pr.fromLatent(lo), Y: flat}})
	if err != nil {
		return 0, err
	}
	prior.Color = color.Gray{Y: 215}
	prior.LineStyle.Width = 0
	p.Add(prior)
	p.Legend.Add("prior", prior)
	top := flat
	for t, g := range gens {
		h := histogram(column(g.Particles, k), g.Weights, pr)
		line := make(plotter.XYs, 0, 2*len(h))
		for _, b := range h {
			line = append(line, plotter.XY{X: b.Min, Y: b.Weight}, plotter.XY{X: b.Max, Y: b.Weight})
			top = max(top, b.Weight)
		}
		l, err := plotter.NewLine(line)
		if err != nil {
			return 0, err
		}
		last := t == len(gens)-1
		frac := float64(t+1) / float64(len(gens))
		l.Color = figure.WithAlpha(palette.SkyBlue, uint8(60+140*frac))
		l.Width = vg.Points(1.2)
		if last {
			l.Color, l.Width = palette.Blue, vg.Points(2.5)
			p.Legend.Add(fmt.Sprintf("generation %d", g.Index), l)
		} else if t == 0 {
			p.Legend.Add(fmt.Sprintf("generation %d", g.Index), l)
		}
		p.Add(l)
	}
	return top, nil
}
