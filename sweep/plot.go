package sweep

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
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
// whole, unless it holds files of the user's: see output.Dir) and returns their paths relative to dir, and notes on figures
// left out.
func (fd *figureData) draw(dir string) (files, notes []string, err error) {
	if fd.skipped {
		return nil, []string{fmt.Sprintf("figures left out: %d conditions are more than %d (the tables have everything)", len(fd.p.Conditions), maxFigureConditions)}, nil
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

// levelPositions returns the x positions of a factor's sorted levels and
// whether they are numbers (else positions 0, 1, ... of categories).
func (fd *figureData) levelPositions(j int, levels []string) ([]float64, bool) {
	xs := make([]float64, len(levels))
	numeric := fd.p.Factors[j].Type != "choice"
	for i, v := range levels {
		if numeric {
			xs[i], _ = strconv.ParseFloat(v, 64)
		} else {
			xs[i] = float64(i)
		}
	}
	return xs, numeric
}

// fullGrid reports whether factors a and b are discrete and every pair of
// their levels is exactly one condition, and returns the condition index
// of each pair.
func (fd *figureData) fullGrid(a, b int) (map[[2]string]int, bool) {
	if !fd.discrete(a) || !fd.discrete(b) {
		return nil, false
	}
	cells := map[[2]string]int{}
	for i, c := range fd.conds {
		k := [2]string{c.values[a], c.values[b]}
		if _, dup := cells[k]; dup {
			return nil, false
		}
		cells[k] = i
	}
	return cells, len(cells) == len(fd.levels[a])*len(fd.levels[b]) && len(cells) == len(fd.conds)
}

// effects draws each drawn metric against factor j: one panel per metric,
// with 95% confidence bands. With two factors on a full grid there is one
// line per level of the other factor; otherwise the line is the mean over
// every run at each level (the marginal effect). A factor with too many
// levels (a sample) is drawn as the conditions' means with their intervals.
func (fd *figureData) effects(j int) func(draw.Canvas) {
	f := fd.p.Factors[j]
	metrics := fd.p.Outputs.Metrics
	var lines []*series
	legendTitle := ""
	xs, numeric := []float64(nil), true
	var levels []string
	other := -1
	if len(fd.p.Factors) == 2 {
		other = 1 - j
	}
	perMetric := make([][]*series, len(metrics))
	switch {
	case !fd.discrete(j):
		for k, m := range metrics {
			mi := fd.metric(m)
			s := &series{label: "conditions (mean and 95% interval)", colour: figure.Colour(0), scatter: true}
			for _, c := range fd.conds {
				x, _ := strconv.ParseFloat(c.values[j], 64)
				s.xs = append(s.xs, x)
				s.mean, s.lo, s.hi = append(s.mean, c.mean[mi]), append(s.lo, c.lo[mi]), append(s.hi, c.hi[mi])
			}
			perMetric[k] = []*series{s}
		}
	default:
		levels = fd.sortedLevels(j)
		xs, numeric = fd.levelPositions(j, levels)
		cells, grid := map[[2]string]int(nil), false
		if other >= 0 {
			cells, grid = fd.fullGrid(j, other)
			if grid && len(fd.levels[other]) > 12 {
				grid = false
			}
		}
		if grid {
			olevels := fd.sortedLevels(other)
			cols := seriesColours(len(olevels))
			legendTitle = fd.p.Factors[other].Name
			for k, m := range metrics {
				mi := fd.metric(m)
				for o, ov := range olevels {
					s := &series{label: ov, xs: xs, colour: cols[o]}
					if len(olevels) <= 7 {
						s.dashes = lineDashes(o)
					}
					for _, lv := range levels {
						c := fd.conds[cells[[2]string{lv, ov}]]
						s.mean, s.lo, s.hi = append(s.mean, c.mean[mi]), append(s.lo, c.lo[mi]), append(s.hi, c.hi[mi])
					}
					perMetric[k] = append(perMetric[k], s)
				}
			}
		} else {
			for k, m := range metrics {
				mi := fd.metric(m)
				label := "mean over all runs at each value"
				if len(fd.p.Factors) == 1 {
					label = "mean over the replicates"
				}
				s := &series{label: label, xs: xs, colour: figure.Colour(0)}
				for _, lv := range levels {
					mo := fd.marginal[j][fd.levelIndex[j][lv]][mi]
					lo, hi := mo.ci95()
					s.mean, s.lo, s.hi = append(s.mean, mo.mean), append(s.lo, lo), append(s.hi, hi)
				}
				perMetric[k] = []*series{s}
			}
		}
	}
	if len(perMetric) > 0 {
		lines = perMetric[0]
	}
	return func(dc draw.Canvas) {
		const cols = 2
		rows := (len(metrics) + cols - 1) / cols
		size := vg.Points(11)
		if rows <= 2 {
			size = vg.Points(13)
		}
		plots := make([]*plot.Plot, len(metrics))
		var thumbs []plot.Thumbnailer
		for k, m := range metrics {
			p := figure.New(m+"\n"+metricMeaning(m), f.Name, "", size)
			p.Title.TextStyle.Font.Weight = xfont.WeightNormal
			if !numeric {
				p.X.Tick.Marker = levelTicks(levels)
				p.X.Min, p.X.Max = -0.3, float64(len(levels))-0.7
			}
			for i, s := range perMetric[k] {
				th, err := addSeries(p, s)
				if err == nil && k == 0 && th != nil && i < len(lines) {
					thumbs = append(thumbs, th)
				} else if k == 0 && i < len(lines) {
					thumbs = append(thumbs, nil)
				}
			}
			padRange(&p.Y)
			plots[k] = p
		}
		title := fmt.Sprintf("Effect of %s (%d runs: mean and 95%% confidence band)", f.Name, fd.p.Runs())
		if !fd.discrete(j) {
			title = fmt.Sprintf("Effect of %s (%d runs: each point is a condition's mean, its bar the 95%% confidence interval)", f.Name, fd.p.Runs())
		}
		labels := []string{legendTitle}
		for _, s := range lines {
			labels = append(labels, s.label)
		}
		body, legend := splitLegend(dc, title, legendTitle != "" || len(lines) > 0, labels...)
		figure.Tiles(body, rows, cols, plots)
		if legend != nil {
			l := newLegend(size)
			if legendTitle != "" {
				l.Add(legendTitle)
			}
			for i, s := range lines {
				if i < len(thumbs) && thumbs[i] != nil {
					l.Add(s.label, thumbs[i])
				}
			}
			l.Draw(*legend)
		}
	}
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

// ccdf draws the complementary cumulative distributions of closed cascade
// sizes, pooled per condition, on log-log axes: all conditions in one panel
// when there are few; with two factors on a full grid, one panel per level
// of the first and one line per level of the second.
func (fd *figureData) ccdf() (func(draw.Canvas), string) {
	type panel struct {
		title string
		conds []int
	}
	var panels []panel
	var lineLabels []string
	legendTitle := ""
	cells, grid := map[[2]string]int(nil), false
	if len(fd.p.Factors) == 2 {
		cells, grid = fd.fullGrid(0, 1)
		grid = grid && len(fd.levels[0]) <= 12 && len(fd.levels[1]) <= maxCCDFConditions
	}
	switch {
	case len(fd.p.Factors) == 1 && fd.discrete(0) && len(fd.conds) <= maxCCDFConditions:
		legendTitle = fd.p.Factors[0].Name
		panels = []panel{{"", nil}}
		for _, v := range fd.sortedLevels(0) {
			panels[0].conds = append(panels[0].conds, slices.IndexFunc(fd.conds, func(c condPoint) bool { return c.values[0] == v }))
			lineLabels = append(lineLabels, v)
		}
	case !grid && len(fd.conds) <= maxCCDFConditions:
		var all []int
		for i, c := range fd.conds {
			all = append(all, i)
			lineLabels = append(lineLabels, fd.conditionLabel(c))
		}
		panels = []panel{{"", all}}
	case grid:
		xl, yl := fd.sortedLevels(0), fd.sortedLevels(1)
		legendTitle = fd.p.Factors[1].Name
		lineLabels = yl
		for _, xv := range xl {
			pn := panel{title: fd.p.Factors[0].Name + " = " + xv}
			for _, yv := range yl {
				pn.conds = append(pn.conds, cells[[2]string{xv, yv}])
			}
			panels = append(panels, pn)
		}
	default:
		return nil, "cascade_sizes figure left out: too many conditions to overlay (cascade_sizes.csv has the data)"
	}
	// Common axes: from size 1 to the largest size, from the smallest
	// probability to 1.
	xmax, ymin := 10.0, 0.1
	any := false
	curves := make([]plotter.XYs, len(fd.conds))
	for i, c := range fd.conds {
		if !ccdfDrawn(c) {
			continue
		}
		curves[i] = figure.CCDF(c.sizes, c.counts)
		any = true
		last := curves[i][len(curves[i])-1]
		xmax = max(xmax, 1.5*last.X)
		ymin = min(ymin, last.Y/1.5)
	}
	if !any {
		return nil, fmt.Sprintf("cascade_sizes figure left out: no condition has the %d distinct sizes and %d closed cascades a distribution is drawn from (cascade_sizes.csv has the data)", figure.MinCCDFSizes, figure.MinCCDFCascades)
	}
	cols := seriesColours(len(lineLabels))
	return func(dc draw.Canvas) {
		nc := 1
		if len(panels) > 1 {
			nc = int(math.Ceil(math.Sqrt(float64(len(panels)) * 4 / 3)))
		}
		nr := (len(panels) + nc - 1) / nc
		size := vg.Points(14)
		if nr > 1 {
			size = vg.Points(11)
		}
		plots := make([]*plot.Plot, len(panels))
		thumbs := make([]plot.Thumbnailer, len(lineLabels)) // a line of each label, where drawn
		var guideThumb plot.Thumbnailer
		for pi, pn := range panels {
			p := figure.New(pn.title, "cascade size n (acts)", "P(S ≥ n)", size)
			p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
			p.X.Tick.Marker, p.Y.Tick.Marker = figure.LogTicks{}, figure.LogTicks{}
			p.X.Min, p.X.Max = 1, xmax
			p.Y.Min, p.Y.Max = ymin, 1
			guide, _ := plotter.NewLine(plotter.XYs{{X: 1, Y: 1}, {X: xmax, Y: 1 / math.Sqrt(xmax)}})
			guide.Color = color.Gray{Y: 120}
			guide.Width = vg.Points(1.2)
			guide.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
			p.Add(guide)
			guideThumb = guide
			for li, ci := range pn.conds {
				if len(curves[ci]) == 0 {
					continue
				}
				l, err := plotter.NewLine(curves[ci])
				if err != nil {
					continue
				}
				l.Color = cols[li%len(cols)]
				l.Width = vg.Points(1.6)
				p.Add(l)
				if thumbs[li] == nil {
					thumbs[li] = l
				}
			}
			plots[pi] = p
		}
		title := "Closed cascade sizes, pooled per condition: P(S ≥ n), log-log"
		body, legend := splitLegend(dc, title, true, append([]string{legendTitle, "n^(−1/2): critical"}, lineLabels...)...)
		figure.Tiles(body, nr, nc, plots)
		l := newLegend(vg.Points(11))
		if legendTitle != "" {
			l.Add(legendTitle)
		}
		for i, lab := range lineLabels {
			if thumbs[i] != nil {
				l.Add(lab, thumbs[i])
			} else {
				l.Add(lab + ": too few sizes")
			}
		}
		l.Add("n^(−1/2): critical", guideThumb)
		l.Add("branching tail")
		l.Draw(*legend)
	}, ""
}

// ccdfDrawn reports whether a condition's closed cascade sizes are drawn
// as a distribution (figure.EnoughForCCDF).
func ccdfDrawn(c condPoint) bool {
	var total int64
	distinct := 0
	for _, n := range c.counts {
		total += n
		if n > 0 {
			distinct++
		}
	}
	return figure.EnoughForCCDF(distinct, total)
}

// conditionLabel writes a condition's values as "a = 1, b = free".
func (fd *figureData) conditionLabel(c condPoint) string {
	parts := make([]string, len(c.values))
	for j, v := range c.values {
		parts[j] = fd.p.Factors[j].Name + " = " + v
	}
	return strings.Join(parts, ", ")
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
