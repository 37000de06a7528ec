package output

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// Figure size in pixels (at figure.DPI).
const figureWidth, figureHeight = 1600, 1200

// maxBins bounds the points per series of the ticks figure: longer runs
// are averaged over bins of 2^k ticks, the fewest that leave at most maxBins
// points (memory does not grow with the number of ticks).
const maxBins = 512

// Okabe-Ito colours used by the figures, as indices of figure.Colour.
const (
	colBlue   = 0
	colRed    = 1 // vermillion
	colGreen  = 2
	colOrange = 3
	colPurple = 4
	colBlack  = 6
)

// dashes returns the line style of the i-th series of a panel: solid,
// dashed, dotted.
func dashes(i int) []vg.Length {
	switch i {
	case 0:
		return nil
	case 1:
		return []vg.Length{vg.Points(7), vg.Points(4)}
	default:
		return []vg.Length{vg.Points(2), vg.Points(3)}
	}
}

// seriesSpec is one line of a panel of the ticks figure.
type seriesSpec struct {
	name   string // legend text
	column string // ticks.csv column (see tickBins for derived columns)
	colour int
}

// panelSpec is one panel of the ticks figure.
type panelSpec struct {
	title  string
	ylabel string
	series []seriesSpec
	unit   bool // y axis is a share in [0, 1]
}

// tickPanels lists the panels of the ticks figure, row by row.
func tickPanels() []panelSpec {
	return []panelSpec{
		{"Hostile acts launched", "acts per day", []seriesSpec{
			{"attacks (root acts)", "attacks", colBlue},
			{"answers", "answers", colRed}}, false},
		{"Detection and attribution", "acts per day", []seriesSpec{
			{"detected", "detected", colBlue},
			{"misattributed", "misattributed", colRed}}, false},
		{"Innocents harmed", "harms per day", []seriesSpec{
			{"innocents harmed (wrong targets and bystanders)", "innocents_harmed", colPurple}}, false},
		{"Damage", "value units per day", []seriesSpec{
			{"damage, all actors", "damage", colBlack},
			{"damage to firms", "damage_firms", colOrange}}, false},
		{"Firms' damage below the security poverty line", "share of firms' damage", []seriesSpec{
			{"share of firms' damage on firms below the poverty line", "damage_below_poverty_share", colOrange}}, true},
		{"Tension between states (Richardson)", "tension", []seriesSpec{
			{"mean over ordered pairs", "tension_mean", colBlue},
			{"maximum pair", "tension_max", colRed}}, false},
		{"Cascades open to answers", "open cascades", []seriesSpec{
			{"cascades still open to answers at the end of the day", "open_cascades", colGreen}}, false},
		{"Escalation beyond the private sphere", "count per day", []seriesSpec{
			{"interstate crossings", "interstate_crossings", colBlue},
			{"firms destroyed", "firms_destroyed", colRed}}, false},
	}
}

// binned is the ticks figure's data: bin centres xs (mean tick of each
// bin), per column the bin means ys, the bin width in ticks, the first and
// last tick drawn, and the run's last tick.
type binned struct {
	xs          []float64
	ys          [][]float64
	width       int
	first, last float64
	end         float64
}

// trimQuietTail cuts the figure short when nothing happens in the last
// half of the run or more (a story that ends early, say): every series
// zero or undefined from some day to the end. It keeps a margin after the
// last day with anything, of a tenth of the days drawn (at least 3), and
// returns the first day it leaves out.
func (b *binned) trimQuietTail() (int, bool) {
	lastActive := -1
	for _, y := range b.ys {
		for j := len(y) - 1; j > lastActive; j-- {
			if y[j] != 0 && !math.IsNaN(y[j]) {
				lastActive = j
				break
			}
		}
	}
	if lastActive < 0 {
		return 0, false
	}
	active := b.xs[lastActive] + float64(b.width-1)/2 // the bin's last tick
	end := math.Ceil(active + max(3, (active-b.first)/10))
	if b.end-end <= (b.end-b.first)/2 {
		return 0, false
	}
	n := 0
	for n < len(b.xs) && b.xs[n] <= end {
		n++
	}
	b.xs = b.xs[:n]
	for i := range b.ys {
		b.ys[i] = b.ys[i][:n]
	}
	b.last = end
	return int(end) + 1, true
}

// tickBins reads ticks.csv and returns, for each named column, the series
// of bin means.
// damage_below_poverty_share is averaged weighted by damage_firms, so a
// bin's value is the share of the bin's firm damage below the poverty line,
// and NaN (undefined) when firms took no damage in the bin.
func tickBins(path string, columns []string) (*binned, error) {
	r, err := csvfmt.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	cols, err := r.Columns(append([]string{"tick", "damage_firms"}, columns...)...)
	if err != nil {
		return nil, fmt.Errorf("%w (is it a ticks.csv file?)", err)
	}
	tickCol, firmsCol, cols := cols[0], cols[1], cols[2:]
	share := slices.Index(columns, "damage_below_poverty_share")
	// bin is a running sum over width rows; weight sums damage_firms for
	// the share column.
	type bin struct {
		tick, weight float64
		sums         []float64
		n            int
	}
	width := 1
	var bins []bin
	first, last := 0.0, 0.0
	cur := bin{sums: make([]float64, len(columns))}
	for r.Next() {
		t, firms := r.FloatAt(tickCol), r.FloatAt(firmsCol)
		if r.Line() == 2 {
			first = t
		}
		if cur.n == 0 && len(bins) == maxBins {
			// A new bin would be one too many: merge neighbours into half
			// as many bins, twice as wide.
			for i := range maxBins / 2 {
				a, b := &bins[2*i], &bins[2*i+1]
				a.tick += b.tick
				a.weight += b.weight
				a.n += b.n
				for k := range a.sums {
					a.sums[k] += b.sums[k]
				}
				bins[i] = *a
			}
			bins = bins[:maxBins/2]
			width *= 2
		}
		last = t
		cur.tick += t
		cur.weight += firms
		for i, c := range cols {
			v := r.FloatAt(c)
			if i == share {
				v *= firms
			}
			cur.sums[i] += v
		}
		cur.n++
		if cur.n < width {
			continue
		}
		bins = append(bins, cur)
		cur = bin{sums: make([]float64, len(columns))}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	if cur.n > 0 {
		bins = append(bins, cur)
	}
	if len(bins) == 0 {
		return nil, fmt.Errorf("%s: no ticks to plot", path)
	}
	xs := make([]float64, len(bins))
	ys := make([][]float64, len(columns))
	for i := range ys {
		ys[i] = make([]float64, len(bins))
	}
	for j, b := range bins {
		n := float64(b.n)
		xs[j] = b.tick / n
		for i := range columns {
			switch {
			case i != share:
				ys[i][j] = b.sums[i] / n
			case b.weight > 0:
				ys[i][j] = b.sums[i] / b.weight
			default: // no firm damage in the bin: nothing to divide
				ys[i][j] = math.NaN()
			}
		}
	}
	return &binned{xs: xs, ys: ys, width: width, first: first, last: last, end: last}, nil
}

// newPlot returns a plot in the figures' common style (figure.New) with
// ticks for counts and the legend at the top left.
func newPlot(title, xlabel, ylabel string, size vg.Length) *plot.Plot {
	p := figure.New(title, xlabel, ylabel, size)
	p.X.Tick.Marker = figure.LinearTicks{Counts: true}
	p.Y.Tick.Marker = figure.LinearTicks{Counts: true}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(8)
	p.Legend.YOffs = -vg.Points(4)
	p.Legend.ThumbnailWidth = vg.Points(36)
	p.Legend.Padding = size * 0.3
	return p
}

// PlotTicks reads a ticks.csv file and draws the main per-tick series as
// a grid of evenly sized panels, written to outBase+".png" (1600 x 1200
// pixels) and outBase+".svg". Runs longer than 512 ticks are shown as
// means over bins of 2^k ticks, which the x axis label then says.
//
// The figure shows what the run has: a panel whose series are zero or
// undefined on every day is left out, and a footnote names it; a share
// with nothing to divide (no firm damage that day) is a gap in its line,
// not a zero; and a series equal to the one before it on every day is
// drawn once, its legend saying so.
func PlotTicks(ticksCSV, outBase string) error {
	panels := tickPanels()
	var columns []string
	for _, p := range panels {
		for _, s := range p.series {
			columns = append(columns, s.column)
		}
	}
	data, err := tickBins(ticksCSV, columns)
	if err != nil {
		return err
	}
	var notes []string
	if quiet, ok := data.trimQuietTail(); ok {
		notes = append(notes, fmt.Sprintf("Not drawn: days %d to %.0f, on which every series is zero (or undefined).", quiet, data.end))
	}
	xlabel := "tick (day)"
	if data.width > 1 {
		xlabel = fmt.Sprintf("tick (day); each point is the mean of %d days", data.width)
	}
	var plots []*plot.Plot
	var left []string
	k := 0
	for _, ps := range panels {
		ys := data.ys[k : k+len(ps.series)]
		k += len(ps.series)
		if allZero(ys) {
			left = append(left, strings.ToLower(ps.title[:1])+ps.title[1:])
			continue
		}
		p, err := tickPanel(ps, data, ys, xlabel)
		if err != nil {
			return err
		}
		plots = append(plots, p)
	}
	cols := min(2, max(1, len(plots)))
	rows := (len(plots) + cols - 1) / cols
	if len(left) > 0 {
		notes = append(notes, "Left out, zero or undefined on every day of the run: "+strings.Join(left, "; ")+".")
	}
	return figure.Save(outBase, figureWidth, figureHeight, func(dc draw.Canvas) {
		if len(notes) > 0 {
			dc = figure.Footnote(dc, 12, notes...)
		}
		if len(plots) == 0 {
			figure.TextBlock(dc, 16, true, "Nothing happened in this run", "every series of ticks.csv drawn here is zero on every day")
			return
		}
		figure.Tiles(dc, rows, cols, plots)
	})
}

// allZero reports whether every value of every series is zero or
// undefined (NaN).
func allZero(ys [][]float64) bool {
	for _, y := range ys {
		for _, v := range y {
			if v != 0 && !math.IsNaN(v) {
				return false
			}
		}
	}
	return true
}

// sameSeries reports whether a and b are equal at every point, undefined
// at the same points.
func sameSeries(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// tickPanel draws one panel of the ticks figure: its series ys against
// the bins' ticks, each broken where it is undefined.
func tickPanel(ps panelSpec, data *binned, ys [][]float64, xlabel string) (*plot.Plot, error) {
	p := newPlot(ps.title, xlabel, ps.ylabel, 12)
	lo, hi := math.Inf(1), math.Inf(-1)
	drawn := 0
	for j, s := range ps.series {
		if j > 0 && sameSeries(ys[j], ys[j-1]) {
			// Drawn already: the previous legend entry says both.
			continue
		}
		name := s.name
		if j+1 < len(ps.series) && sameSeries(ys[j], ys[j+1]) {
			name = s.name + " = " + ps.series[j+1].name + " (equal on every day)"
		}
		for _, v := range ys[j] {
			if !math.IsNaN(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		style := draw.LineStyle{Color: figure.Colour(s.colour), Width: vg.Points(1.6), Dashes: dashes(drawn)}
		thumb, err := addSegments(p, data.xs, ys[j], style)
		if err != nil {
			return nil, fmt.Errorf("plotting %s: %w", s.column, err)
		}
		p.Legend.Add(name, thumb)
		drawn++
	}
	p.X.Min, p.X.Max = data.first, data.last
	if p.X.Max == p.X.Min {
		p.X.Min, p.X.Max = p.X.Min-1, p.X.Max+1
	}
	// Leave room above the data for the legend.
	p.Y.Min = min(0, lo)
	top := max(hi, 0)
	if ps.unit {
		top = 1
	}
	if top <= p.Y.Min {
		top = p.Y.Min + 1
	}
	p.Y.Max = top + 0.2*float64(drawn)*(top-p.Y.Min)
	return p, nil
}

// addSegments draws a series on p as lines through its runs of defined
// points (figure.Segments), a lone point as a dot, and returns a line of
// its style for the legend.
func addSegments(p *plot.Plot, xs, ys []float64, style draw.LineStyle) (plot.Thumbnailer, error) {
	for _, seg := range figure.Segments(xs, ys) {
		if len(seg) == 1 {
			dot, err := plotter.NewScatter(seg)
			if err != nil {
				return nil, err
			}
			dot.GlyphStyle = draw.GlyphStyle{Color: style.Color, Radius: style.Width, Shape: draw.CircleGlyph{}}
			p.Add(dot)
			continue
		}
		l, err := plotter.NewLine(seg)
		if err != nil {
			return nil, err
		}
		l.LineStyle = style
		p.Add(l)
	}
	return &plotter.Line{LineStyle: style}, nil
}

// PlotCCDF draws the complementary cumulative distribution P(S >= n) of
// closed cascade sizes (sizes: size -> number of cascades) on log-log axes,
// with a dashed n^(-1/2) guide (the tail of a critical branching process),
// to outBase+".png" (1600 x 1200 pixels) and outBase+".svg". With fewer
// than figure.MinCCDFSizes distinct sizes or figure.MinCCDFCascades closed
// cascades the figure says so instead and lists the cascades by size.
func PlotCCDF(sizes map[int64]int64, outBase string) error {
	var ns []int64
	var total int64
	for n, c := range sizes {
		if n < 1 || c < 0 {
			return fmt.Errorf("cascade sizes: %d cascades of size %d", c, n)
		}
		if c > 0 {
			ns = append(ns, n)
			total += c
		}
	}
	slices.Sort(ns)
	if !figure.EnoughForCCDF(len(ns), total) {
		lines := tooFewSizes(ns, sizes, total)
		return figure.Save(outBase, figureWidth, figureHeight, func(dc draw.Canvas) {
			figure.TextBlock(dc, 18, true, lines...)
		})
	}
	title := fmt.Sprintf("Closed cascade sizes: P(S ≥ n), the share of the %d closed cascades with n acts or more", total)
	// The y label is kept short: gonum places the label's glyph box at the
	// arithmetic midpoint of a log axis, and a long label would push the
	// plot down.
	p := newPlot(title, "cascade size n (acts)", "P(S ≥ n)", 18)
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = figure.LogTicks{}, figure.LogTicks{}
	p.Legend.Top = false
	p.Legend.XOffs = vg.Points(16)
	p.Legend.YOffs = vg.Points(16)

	counts := make([]int64, len(ns))
	for i, n := range ns {
		counts[i] = sizes[n]
	}
	xy := figure.CCDF(ns, counts)
	s, err := plotter.NewScatter(xy)
	if err != nil {
		return fmt.Errorf("plotting cascade sizes: %w", err)
	}
	s.GlyphStyle.Color = figure.Colour(colBlue)
	s.GlyphStyle.Radius = vg.Points(4)
	s.GlyphStyle.Shape = draw.CircleGlyph{}
	first, end := xy[0], xy[len(xy)-1]
	guide, err := plotter.NewLine(plotter.XYs{first, {X: end.X, Y: first.Y / math.Sqrt(end.X/first.X)}})
	if err != nil {
		return fmt.Errorf("plotting cascade sizes: %w", err)
	}
	guide.Color = figure.Colour(colRed)
	guide.Width = vg.Points(2)
	guide.Dashes = dashes(1)
	p.Add(guide, s)
	p.Legend.Add("closed cascades of the run", s)
	p.Legend.Add("guide: slope −1/2, the tail P ~ n^(−1/2) of a critical branching process", guide)
	// Room so that no point sits on an axis; whole decades where that
	// costs little; at least a decade on each axis.
	xmin := decadeBelow(first.X)
	xmax := max(1.5*end.X, 10*xmin)
	ymin := min(decadeBelow(end.Y), end.Y/1.5, 0.1)
	p.X.Min, p.X.Max = xmin, xmax
	p.Y.Min, p.Y.Max = ymin, 1
	return figure.Save(outBase, figureWidth, figureHeight, func(dc draw.Canvas) {
		p.Draw(draw.Crop(dc, vg.Points(12), -vg.Points(24), vg.Points(12), -vg.Points(12)))
	})
}

// tooFewSizes says why a run's cascade sizes are not drawn as a
// distribution, and lists them: "1 act: 409 cascades", ...
func tooFewSizes(ns []int64, sizes map[int64]int64, total int64) []string {
	if total == 0 {
		return []string{"Closed cascade sizes", "No cascade closed during the run: nothing to draw."}
	}
	lines := []string{
		"Closed cascade sizes: too few to draw a distribution",
		fmt.Sprintf("%s of %s; a distribution P(S ≥ n) is drawn from at least %d sizes and %d cascades.",
			narrate.Count(total, "closed cascade", "closed cascades"), narrate.Count(int64(len(ns)), "size", "distinct sizes"), figure.MinCCDFSizes, figure.MinCCDFCascades),
		"",
	}
	for _, n := range ns {
		lines = append(lines, narrate.Count(n, "act", "acts")+": "+narrate.Count(sizes[n], "cascade", "cascades"))
	}
	return lines
}

func decadeBelow(v float64) float64 { return math.Pow(10, math.Floor(math.Log10(v))) }
