package experiment

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

// drawPhase draws the phase diagram: the branching ratio as colour and
// number, the tail slope below it, and the regimes as borders.
func drawPhase(a *analysis, accs, shares []string, cells [][]*cell7) error {
	g := &cellGrid{cmap: branchingColours(), size: vg.Points(15)}
	for i := range accs {
		var vals []float64
		var txt, sub []string
		var border []int
		for k := range shares {
			cl := cells[i][k]
			vals = append(vals, cl.m.Value)
			txt = append(txt, fmt.Sprintf("%.2f", cl.m.Value))
			s := ""
			if !math.IsNaN(cl.slope.Value) {
				s = "slope " + strings.Replace(fmt.Sprintf("%.2f", cl.slope.Value), "-", "−", 1)
			}
			if cl.regime == runaway {
				s = "dropped " + pct(cl.drop)
			}
			sub = append(sub, s)
			border = append(border, []int{0, 1, 2}[cl.regime])
		}
		g.value = append(g.value, vals)
		g.text = append(g.text, txt)
		g.sub = append(g.sub, sub)
		g.border = append(g.border, border)
	}
	p := panel("Mean offspring m (colour, number); dashed border: critical, solid border: runaway", "attribution accuracy (skill of firms, poor firms, individuals and states)", "retaliation propensity (share who strike back)")
	p.Add(g)
	p.X.Tick.Marker = figure.LabelTicks(accs)
	p.Y.Tick.Marker = figure.LabelTicks(shares)
	p.X.Min, p.X.Max = -0.5, float64(len(accs))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(shares))-0.5
	p.Legend = plot.NewLegend()
	p.Title.Padding = vg.Points(10)
	bar := colourBar(g.cmap, "answers decided per act, m")
	caption := fmt.Sprintf("Claim 7: phase diagram of attribution accuracy against retaliation propensity (free-for-all world). Colour and number: the branching ratio m, answers decided per act pooled over %d runs (white at the critical m = 1, red beyond); small text: the CCDF tail slope of closed cascade sizes (−1/2 at criticality) or, in runaway cells, the share of acts dropped at capacity. Dashed border: critical (m at least %s and tail slope within %s of −1/2); solid border: runaway (more than %s of acts dropped).", a.data[0].Replicates, num(a.th.get("critical_offspring")), num(a.th.get("critical_band")), pct(a.th.get("runaway_drop")))
	return a.figure("phase", caption, squareW, squareH, func(c draw.Canvas) {
		w := c.Max.X - c.Min.X
		main := draw.Crop(c, 0, -w*0.12, 0, 0)
		side := draw.Crop(c, w*0.9, -vg.Points(6), vg.Points(60), -vg.Points(60))
		p.Draw(main)
		bar.Draw(side)
	})
}

// drawCCDF draws the complementary distribution of closed cascade sizes for
// the poorest and the best accuracy, one line per propensity.
func drawCCDF(a *analysis, accs, shares []string, cells [][]*cell7) error {
	var plots []*plot.Plot
	for _, i := range []int{0, len(accs) - 1} {
		p := panel("Cascade sizes, accuracy "+accs[i], "closed cascade size s (acts)", "P(size ≥ s)")
		p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
		p.X.Tick.Marker, p.Y.Tick.Marker = figure.LogTicks{}, figure.LogTicks{}
		p.Legend.Top, p.Legend.Left = false, false
		n := 0
		smax := 1.0
		for k := range shares {
			if k%2 == 1 && k != len(shares)-1 {
				continue // every other propensity keeps the lines apart
			}
			cl := cells[i][k]
			pts := figure.CCDFPairs(cl.hist)
			label := fmt.Sprintf("propensity %s (%s)", shares[k], cl.regimeName())
			if !figure.EnoughForCCDF(len(pts), histTotal(cl.hist)) {
				p.Legend.Add(label + ": too few sizes to draw")
				continue
			}
			smax = math.Max(smax, pts[len(pts)-1].X)
			l, err := plotter.NewLine(pts)
			if err != nil {
				return err
			}
			l.Color = figure.Colour(n)
			l.Width = vg.Points(2)
			l.Dashes = dashes(n)
			p.Add(l)
			p.Legend.Add(label, l)
			n++
		}
		// The critical slope -1/2 through (1, 1).
		ref, err := plotter.NewLine(plotter.XYs{{X: 1, Y: 1}, {X: smax, Y: math.Pow(smax, -0.5)}})
		if err != nil {
			return err
		}
		ref.Color = figure.Colour(6)
		ref.Width = vg.Points(1.2)
		ref.Dashes = []vg.Length{vg.Points(2), vg.Points(3)}
		p.Add(ref)
		p.Legend.Add("slope −1/2 (critical)", ref)
		plots = append(plots, p)
	}
	caption := "Claim 7: complementary distribution of closed cascade sizes (log-log) at the poorest (left) and the best (right) attribution accuracy, for rising retaliation propensity; a critical branching process falls with slope −1/2 (dotted)."
	return a.figure("cascade-sizes", caption, wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, plots)
	})
}

// histTotal returns the cascades of a pooled histogram.
func histTotal(hist [][2]int64) int64 {
	var total int64
	for _, sc := range hist {
		total += sc[1]
	}
	return total
}

// drawFirstStrikes draws first strikes and the branching ratio against the
// propensity, one line per accuracy.
func drawFirstStrikes(a *analysis, d *Data, accs, shares []string, cells [][]*cell7) error {
	labels := make([]string, len(accs))
	for i, acc := range accs {
		labels[i] = "accuracy " + acc
	}
	left := panel("First strikes (root attacks)", "retaliation propensity (share who strike back)", "per year (mean, 95% CI)")
	if err := addBands(left, bandsOver(d, share7, shares, accuracy7, accs, labels, func(c int) Estimate { return Mean(d.Metric(c, "attacks")).Est() })); err != nil {
		return err
	}
	fromZero(left)
	left.Legend.Top, left.Legend.Left = false, true
	right := panel("Mean offspring m (answers decided per act)", "retaliation propensity (share who strike back)", "m, pooled (95% bootstrap CI)")
	if err := addBands(right, bandsOver(d, share7, shares, accuracy7, accs, labels, func(c int) Estimate {
		for i := range cells {
			for k := range cells[i] {
				if cells[i][k].c == c {
					return cells[i][k].m
				}
			}
		}
		return Estimate{math.NaN(), math.NaN(), math.NaN()}
	})); err != nil {
		return err
	}
	right.Y.Min = 0
	right.Y.Max = 1.05
	for i := range cells {
		for k := range cells[i] {
			right.Y.Max = math.Max(right.Y.Max, 1.05*cells[i][k].m.Hi)
		}
	}
	if err := hline(right, 1, "m = 1", 6); err != nil {
		return err
	}
	caption := "Claim 7: first strikes launched in a year (left) and the mean offspring m, answers decided per act (right), against the retaliation propensity, one line per attribution accuracy; above m = 1 (dashed) escalation runs away."
	return a.figure("first-strikes", caption, wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, []*plot.Plot{left, right})
	})
}
