package output

import (
	"fmt"
	"math"
	"slices"

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
		{"Active cascades", "open cascades", []seriesSpec{
			{"open cascades at the end of the day", "active_cascades", colGreen}}, false},
		{"Escalation beyond the private sphere", "count per day", []seriesSpec{
			{"interstate crossings", "interstate_crossings", colBlue},
			{"firms destroyed", "firms_destroyed", colRed}}, false},
	}
}

// binned is the ticks figure's data: bin centres xs (mean tick of each
// bin), per column the bin means ys, the bin width in ticks, and the first
// and last tick.
type binned struct {
	xs          []float64
	ys          [][]float64
	width       int
	first, last float64
}

// tickBins reads ticks.csv and returns, for each named column, the series
// of bin means.
// damage_below_poverty_share is averaged weighted by damage_firms, so a
// bin's value is the share of the bin's firm damage below the poverty line.
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
			}
		}
	}
	return &binned{xs: xs, ys: ys, width: width, first: first, last: last}, nil
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
	xs, ys, width := data.xs, data.ys, data.width
	xlabel := "tick (day)"
	if width > 1 {
		xlabel = fmt.Sprintf("tick (day); each point is the mean of %d days", width)
	}
	const cols = 2
	rows := (len(panels) + cols - 1) / cols
	plots := make([]*plot.Plot, len(panels))
	k := 0
	for i, ps := range panels {
		p := newPlot(ps.title, xlabel, ps.ylabel, 12)
		lo, hi := math.Inf(1), math.Inf(-1)
		for j, s := range ps.series {
			y := ys[k]
			k++
			xy := make(plotter.XYs, len(xs))
			for n := range xs {
				xy[n] = plotter.XY{X: xs[n], Y: y[n]}
				lo, hi = min(lo, y[n]), max(hi, y[n])
			}
			l, err := plotter.NewLine(xy)
			if err != nil {
				return fmt.Errorf("plotting %s: %w", s.column, err)
			}
			l.Color = figure.Colour(s.colour)
			l.Width = vg.Points(1.6)
			l.Dashes = dashes(j)
			p.Add(l)
			p.Legend.Add(s.name, l)
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
		p.Y.Max = top + 0.15*float64(len(ps.series))*(top-p.Y.Min)
		plots[i] = p
	}
	return figure.Save(outBase, figureWidth, figureHeight, func(dc draw.Canvas) {
		figure.Tiles(dc, rows, cols, plots)
	})
}

// PlotCCDF draws the complementary cumulative distribution P(S >= n) of
// closed cascade sizes (sizes: size -> number of cascades) on log-log axes,
// with a dashed n^(-1/2) guide (the tail of a critical branching process),
// to outBase+".png" (1600 x 1200 pixels) and outBase+".svg". With fewer than
// two distinct sizes it still draws a valid figure, saying so in the title.
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
	title := fmt.Sprintf("Closed cascade sizes: P(S ≥ n), the share of the %d closed cascades with n acts or more", total)
	switch len(ns) {
	case 0:
		title = "Closed cascade sizes: P(S ≥ n) (no closed cascades, nothing to show)"
	case 1:
		title = fmt.Sprintf("Closed cascade sizes: P(S ≥ n) (all %s have %s: no tail to show)",
			narrate.Count(total, "closed cascade", "closed cascades"), narrate.Count(ns[0], "act", "acts"))
	}
	// The y label is kept short: gonum places the label's glyph box at the
	// arithmetic midpoint of a log axis, and a long label would push the
	// plot down.
	p := newPlot(title, "cascade size n (acts)", "P(S ≥ n)", 18)
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = figure.LogTicks{}, figure.LogTicks{}
	p.Legend.Top = false
	p.Legend.XOffs = vg.Points(16)
	p.Legend.YOffs = vg.Points(16)

	xmin, xmax, ymin := 1.0, 10.0, 0.1
	var guideLine *plotter.Line
	if len(ns) > 0 {
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
		if len(ns) > 1 {
			first := xy[0]
			guide := plotter.XYs{first, {X: xy[len(xy)-1].X, Y: first.Y / math.Sqrt(xy[len(xy)-1].X/first.X)}}
			l, err := plotter.NewLine(guide)
			if err != nil {
				return fmt.Errorf("plotting cascade sizes: %w", err)
			}
			l.Color = figure.Colour(colRed)
			l.Width = vg.Points(2)
			l.Dashes = dashes(1)
			p.Add(l)
			guideLine = l
		}
		p.Add(s)
		p.Legend.Add("closed cascades of the run", s)
		if guideLine != nil {
			p.Legend.Add("guide: slope −1/2, the tail P ~ n^(−1/2) of a critical branching process", guideLine)
		}
		// Room so that no point sits on an axis; whole decades where
		// that costs little.
		xmin = decadeBelow(xy[0].X)
		// At least a decade on each axis.
		xmax = max(1.5*xy[len(xy)-1].X, 10*xmin)
		ymin = min(decadeBelow(xy[len(xy)-1].Y), xy[len(xy)-1].Y/1.5, 0.1)
	}
	p.X.Min, p.X.Max = xmin, xmax
	p.Y.Min, p.Y.Max = ymin, 1
	return figure.Save(outBase, figureWidth, figureHeight, func(dc draw.Canvas) {
		p.Draw(draw.Crop(dc, vg.Points(12), -vg.Points(24), vg.Points(12), -vg.Points(12)))
	})
}

func decadeBelow(v float64) float64 { return math.Pow(10, math.Floor(math.Log10(v))) }
