// The phase diagram: two factors on a full grid as a heatmap.

package sweep

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

// phase draws the phase diagram when the sweep varies two factors on a
// full grid: the heatmap metric's condition means as colours, and the mean
// branching ratio of each condition written in its cell (or, on grids
// larger than 16 x 16, as a second heatmap).
func (fd *figureData) phase() (func(draw.Canvas), bool, string) {
	if len(fd.p.Factors) != 2 {
		return nil, false, ""
	}
	cells, ok := fd.fullGrid(0, 1)
	if !ok {
		return nil, false, "phase diagram left out: the two varied parameters do not form a full grid of at most " + strconv.Itoa(maxLevels) + " values each"
	}
	xl, yl := fd.sortedLevels(0), fd.sortedLevels(1)
	hm, br := fd.metric(fd.p.Outputs.Heatmap), fd.metric("offspring_mean")
	grid := func(mi int) [][]float64 {
		z := make([][]float64, len(xl))
		for i, xv := range xl {
			z[i] = make([]float64, len(yl))
			for k, yv := range yl {
				z[i][k] = fd.conds[cells[[2]string{xv, yv}]].mean[mi]
			}
		}
		return z
	}
	z, b := grid(hm), grid(br)
	labels := len(xl) <= 16 && len(yl) <= 16
	metric := fd.p.Outputs.Heatmap
	return func(dc draw.Canvas) {
		title := fmt.Sprintf("Phase diagram: mean %s (colour) and the measured mean offspring m, answers decided per act (numbers)", metric)
		if !labels {
			title = fmt.Sprintf("Phase diagram: mean %s (left) and the measured mean offspring m (right)", metric)
		}
		body, _ := splitLegend(dc, title, false)
		if labels {
			heatPanel(body, fd, 0, 1, xl, yl, z, b, metricMeaning(metric))
			return
		}
		left := draw.Crop(body, 0, -(body.Max.X-body.Min.X)/2, 0, 0)
		right := draw.Crop(body, (body.Max.X-body.Min.X)/2, 0, 0, 0)
		heatPanel(left, fd, 0, 1, xl, yl, z, nil, metricMeaning(metric))
		heatPanel(right, fd, 0, 1, xl, yl, b, nil, metricMeaning("offspring_mean"))
	}, true, ""
}

// heatPanel draws one heatmap with its colour bar on c: z[i][k] at level i
// of factor a (x) and level k of factor b (y); numbers, when given, are
// written in the cells.
func heatPanel(c draw.Canvas, fd *figureData, a, b int, xl, yl []string, z, numbers [][]float64, meaning string) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, col := range z {
		for _, v := range col {
			if !math.IsNaN(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	logScale := lo > 0 && hi/lo >= 20
	tr := func(v float64) float64 { return v }
	if logScale {
		tr = math.Log10
	}
	cm := heatColours()
	tlo, thi := tr(lo), tr(hi)
	if math.IsInf(lo, 1) { // nothing known
		tlo, thi = 0, 1
	}
	if thi <= tlo {
		d := math.Max(math.Abs(tlo)*0.01, 0.5)
		tlo, thi = tlo-d, thi+d
	}
	cm.SetMin(tlo)
	cm.SetMax(thi)
	barLabel := meaning
	if logScale {
		barLabel += " (log scale)"
	}
	p := figure.New("", fd.p.Factors[a].Name, fd.p.Factors[b].Name, vg.Points(14))
	p.X.Tick.Marker = levelTicks(xl)
	p.Y.Tick.Marker = levelTicks(yl)
	p.X.Min, p.X.Max = -0.5, float64(len(xl))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(yl))-0.5
	var lxy plotter.XYs
	var ltext []string
	var lstyle []text.Style
	fontSize := vg.Points(math.Max(7, math.Min(15, 170/float64(max(len(xl), len(yl))))))
	for i := range xl {
		for k := range yl {
			v := z[i][k]
			fill := color.Color(color.Gray{Y: 200})
			if !math.IsNaN(v) {
				fill, _ = cm.At(min(max(tr(v), tlo), thi))
			}
			cell := plotter.XYs{{X: float64(i) - 0.5, Y: float64(k) - 0.5}, {X: float64(i) + 0.5, Y: float64(k) - 0.5}, {X: float64(i) + 0.5, Y: float64(k) + 0.5}, {X: float64(i) - 0.5, Y: float64(k) + 0.5}}
			poly, err := plotter.NewPolygon(cell)
			if err != nil {
				continue
			}
			poly.Color = fill
			poly.LineStyle.Width = vg.Points(0.5)
			poly.LineStyle.Color = color.White
			p.Add(poly)
			if numbers != nil && !math.IsNaN(numbers[i][k]) {
				lxy = append(lxy, plotter.XY{X: float64(i), Y: float64(k)})
				ltext = append(ltext, cellNumber(numbers[i][k]))
				ink := color.Color(color.Black)
				if luminance(fill) < 0.45 {
					ink = color.White
				}
				lstyle = append(lstyle, text.Style{Color: ink, Font: figure.Sans(fontSize), XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler})
			}
		}
	}
	if len(lxy) > 0 {
		if l, err := plotter.NewLabels(plotter.XYLabels{XYs: lxy, Labels: ltext}); err == nil {
			l.TextStyle = lstyle
			p.Add(l)
		}
	}
	// The colour bar, on its own axes at the right.
	bar := figure.New("", "", barLabel, vg.Points(14))
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true, Colors: 256})
	bar.HideX()
	bar.X.Min, bar.X.Max = 0, 1
	bar.Y.Min, bar.Y.Max = tlo, thi
	if logScale {
		bar.Y.Tick.Marker = log10Ticks{}
	}
	barW := vg.Inch * 1.5
	main := draw.Crop(c, 0, -barW-vg.Points(12), 0, 0)
	side := draw.Crop(c, c.Max.X-c.Min.X-barW, 0, vg.Points(40), -vg.Points(8))
	p.Draw(main)
	bar.Draw(side)
}

// cellNumber writes a branching ratio in a cell: two decimals, or two
// significant digits below 0.1 (0.0033, not 0.00).
func cellNumber(v float64) string {
	if math.Abs(v) < 0.1 && v != 0 {
		return strconv.FormatFloat(v, 'g', 2, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// heatColours returns the phase diagram's colour map: Moreland's extended
// black body from black to light yellow, stopping short of white so that
// no cell looks empty on the white page.
func heatColours() palette.ColorMap {
	base := moreland.ExtendedBlackBody()
	base.SetMin(0)
	base.SetMax(1)
	var controls []color.Color
	for i := range 12 {
		c, _ := base.At(0.9 * float64(i) / 11)
		controls = append(controls, c)
	}
	cm, err := moreland.NewLuminance(controls)
	if err != nil {
		return base
	}
	return cm
}

// log10Ticks marks an axis of log10 values with the powers of ten and
// their multiples, labelled as the values themselves.
type log10Ticks struct{}

// Ticks implements plot.Ticker.
func (log10Ticks) Ticks(lo, hi float64) []plot.Tick {
	ticks := figure.LogTicks{}.Ticks(math.Pow(10, lo), math.Pow(10, hi))
	for i := range ticks {
		ticks[i].Value = math.Log10(ticks[i].Value)
	}
	return ticks
}

// luminance returns the relative luminance of c, from 0 (black) to 1.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}
