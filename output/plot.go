package output

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"slices"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure size: 1600 x 1200 pixels at 96 dots per inch.
const (
	figureDPI    = 96
	figureWidth  = 1600 * vg.Inch / figureDPI
	figureHeight = 1200 * vg.Inch / figureDPI
)

// maxBins bounds the points per series of the ticks figure: longer runs
// are averaged over bins of 2^k ticks, the fewest that leave at most maxBins
// points (memory does not grow with the number of ticks).
const maxBins = 512

// okabeIto returns colour i of the Okabe-Ito colour-blind-safe palette.
func okabeIto(i int) color.Color {
	c := [...]color.NRGBA{
		{0xE6, 0x9F, 0x00, 0xff}, // 0 orange
		{0x56, 0xB4, 0xE9, 0xff}, // 1 sky blue
		{0x00, 0x9E, 0x73, 0xff}, // 2 bluish green
		{0xF0, 0xE4, 0x42, 0xff}, // 3 yellow
		{0x00, 0x72, 0xB2, 0xff}, // 4 blue
		{0xD5, 0x5E, 0x00, 0xff}, // 5 vermillion
		{0xCC, 0x79, 0xA7, 0xff}, // 6 reddish purple
		{0x00, 0x00, 0x00, 0xff}, // 7 black
	}
	return c[i]
}

// Palette indices used by the figures.
const (
	colOrange = 0
	colSky    = 1
	colGreen  = 2
	colBlue   = 4
	colRed    = 5
	colPurple = 6
	colBlack  = 7
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
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: reading the header: %w", path, err)
	}
	index := func(name string) (int, error) {
		if i := slices.Index(header, name); i >= 0 {
			return i, nil
		}
		return 0, fmt.Errorf("%s: no column %q (is it a ticks.csv file?)", path, name)
	}
	tickCol, err := index("tick")
	if err != nil {
		return nil, err
	}
	firmsCol, err := index("damage_firms")
	if err != nil {
		return nil, err
	}
	cols := make([]int, len(columns))
	share := -1
	for i, c := range columns {
		if cols[i], err = index(c); err != nil {
			return nil, err
		}
		if c == "damage_below_poverty_share" {
			share = i
		}
	}
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
	parse := func(rec []string, i int, line int) (float64, error) {
		v, err := strconv.ParseFloat(rec[i], 64)
		if err != nil {
			return 0, fmt.Errorf("%s:%d: column %s: %w", path, line, header[i], err)
		}
		return v, nil
	}
	line := 1
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line++
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t, err := parse(rec, tickCol, line)
		if err != nil {
			return nil, err
		}
		firms, err := parse(rec, firmsCol, line)
		if err != nil {
			return nil, err
		}
		if line == 2 {
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
			v, err := parse(rec, c, line)
			if err != nil {
				return nil, err
			}
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

// sans returns the figures' font: Liberation Sans of the given size.
func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// newPlot returns a plot with the figures' common style: sans-serif fonts,
// a light grid, tidy linear ticks, legend at the top left.
func newPlot(title, xlabel, ylabel string, size vg.Length) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(size * 1.2)
	p.Title.TextStyle.Font.Weight = xfont.WeightBold
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(size)
		a.Tick.Label.Font = sans(size * 0.9)
		a.Label.Padding = vg.Points(4)
		a.Tick.Marker = linearTicks{}
	}
	p.Legend.TextStyle.Font = sans(size * 0.9)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(8)
	p.Legend.YOffs = -vg.Points(4)
	p.Legend.ThumbnailWidth = vg.Points(36)
	p.Legend.Padding = size * 0.3
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	p.Add(g)
	return p
}

// linearTicks marks about five round values (1, 2, 2.5 or 5 times a power
// of ten apart) with labels of just the digits they need.
type linearTicks struct{}

// Ticks implements plot.Ticker.
func (linearTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 6, 64)}}
	}
	exp := math.Floor(math.Log10((hi - lo) / 5))
	mag := math.Pow(10, exp)
	step, best := mag, math.Inf(1)
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m == 2.5 && exp == 0 {
			continue // no 2.5, 7.5 on axes that mostly count things
		}
		if d := math.Abs((hi-lo)/(m*mag) - 5); d < best {
			step, best = m*mag, d
		}
	}
	e := int(math.Floor(math.Log10(step) + 1e-9))
	prec := max(0, -e)
	if m := step / math.Pow(10, float64(e)); math.Abs(m-2.5) < 1e-9 && e <= 0 {
		prec++ // 0.25, 2.5
	}
	var ticks []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', prec, 64)})
	}
	return ticks
}

// logTicks marks every power of ten in the range and its multiples 2 to
// 9, labelling the powers of ten (and, on short ranges, some multiples). Unlike plot.LogTicks it also marks the
// lowest decade of a range below 1 (plot.LogTicks truncates the exponent
// toward zero, so a range from 0.0001 starts its labels at 0.001).
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if lo <= 0 || hi <= 0 {
		return plot.LogTicks{Prec: -1}.Ticks(max(lo, 1e-300), max(hi, 1e-300))
	}
	span := math.Log10(hi / lo)
	e0 := int(math.Floor(math.Log10(lo) + 1e-9))
	e1 := int(math.Ceil(math.Log10(hi) - 1e-9))
	var ticks []plot.Tick
	for e := e0; e <= e1; e++ {
		d := math.Pow(10, float64(e))
		for m := 1; m < 10; m++ {
			v := d * float64(m)
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			// Label every multiple across about one decade, 1, 2 and 5
			// across two, the powers of ten beyond.
			if m == 1 || span <= 1.1 || (span <= 2.5 && (m == 2 || m == 5)) {
				t.Label = decadeLabel(e, m)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// decadeLabel writes m * 10^e (m a digit) as a plain number from 0.0001
// to 900000 ("0.7", "2000"), else as "1e-05", "2e+06".
func decadeLabel(e, m int) string {
	if e >= -4 && e <= 5 {
		return strconv.FormatFloat(float64(m)*math.Pow(10, float64(e)), 'f', max(0, -e), 64)
	}
	return fmt.Sprintf("%de%+03d", m, e)
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
	plots := make([][]*plot.Plot, rows)
	for i := range plots {
		plots[i] = make([]*plot.Plot, cols)
	}
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
			l.Color = okabeIto(s.colour)
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
		plots[i/cols][i%cols] = p
	}
	return saveFigure(outBase, func(dc draw.Canvas) {
		t := draw.Tiles{
			Rows: rows, Cols: cols,
			PadX: vg.Points(18), PadY: vg.Points(14),
			PadTop: vg.Points(8), PadBottom: vg.Points(8),
			PadLeft: vg.Points(8), PadRight: vg.Points(14),
		}
		canvases := plot.Align(plots, t, dc)
		for i := range plots {
			for j := range plots[i] {
				if plots[i][j] != nil {
					plots[i][j].Draw(canvases[i][j])
				}
			}
		}
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
			plural(total, "closed cascade", "closed cascades"), plural(ns[0], "act", "acts"))
	}
	// The y label is kept short: gonum places the label's glyph box at the
	// arithmetic midpoint of a log axis, and a long label would push the
	// plot down.
	p := newPlot(title, "cascade size n (acts)", "P(S ≥ n)", 18)
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = logTicks{}, logTicks{}
	p.Legend.Top = false
	p.Legend.XOffs = vg.Points(16)
	p.Legend.YOffs = vg.Points(16)

	xmin, xmax, ymin := 1.0, 10.0, 0.1
	var guideLine *plotter.Line
	if len(ns) > 0 {
		xy := make(plotter.XYs, len(ns))
		remaining := total
		for i, n := range ns {
			xy[i] = plotter.XY{X: float64(n), Y: float64(remaining) / float64(total)}
			remaining -= sizes[n]
		}
		s, err := plotter.NewScatter(xy)
		if err != nil {
			return fmt.Errorf("plotting cascade sizes: %w", err)
		}
		s.GlyphStyle.Color = okabeIto(colBlue)
		s.GlyphStyle.Radius = vg.Points(4)
		s.GlyphStyle.Shape = draw.CircleGlyph{}
		if len(ns) > 1 {
			first := xy[0]
			guide := plotter.XYs{first, {X: xy[len(xy)-1].X, Y: first.Y / math.Sqrt(xy[len(xy)-1].X/first.X)}}
			l, err := plotter.NewLine(guide)
			if err != nil {
				return fmt.Errorf("plotting cascade sizes: %w", err)
			}
			l.Color = okabeIto(colRed)
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
	return saveFigure(outBase, func(dc draw.Canvas) {
		p.Draw(draw.Crop(dc, vg.Points(12), -vg.Points(24), vg.Points(12), -vg.Points(12)))
	})
}

func decadeBelow(v float64) float64 { return math.Pow(10, math.Floor(math.Log10(v))) }

// saveFigure draws a figure on a 1600 x 1200 pixel PNG canvas and an SVG
// canvas of the same size and writes them to base+".png" and base+".svg".
func saveFigure(base string, drawFn func(draw.Canvas)) error {
	img := vgimg.NewWith(vgimg.UseWH(figureWidth, figureHeight), vgimg.UseDPI(figureDPI), vgimg.UseBackgroundColor(color.White))
	drawFn(draw.New(img))
	if err := writeTo(base+".png", vgimg.PngCanvas{Canvas: img}); err != nil {
		return err
	}
	svg := vgsvg.New(figureWidth, figureHeight)
	svg.SetColor(color.White)
	svg.Fill(rectPath(figureWidth, figureHeight))
	drawFn(draw.New(svg))
	var b bytes.Buffer
	if _, err := svg.WriteTo(&b); err != nil {
		return fmt.Errorf("writing %s.svg: %w", base, err)
	}
	// The fonts are not embedded (that would add a megabyte); name
	// metric-compatible fallbacks for viewers without Liberation Sans.
	out := bytes.ReplaceAll(b.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;"))
	if err := os.WriteFile(base+".svg", out, 0o666); err != nil {
		return fmt.Errorf("writing %s.svg: %w", base, err)
	}
	return nil
}

func rectPath(w, h vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{})
	p.Line(vg.Point{X: w})
	p.Line(vg.Point{X: w, Y: h})
	p.Line(vg.Point{Y: h})
	p.Close()
	return p
}

func writeTo(path string, w io.WriterTo) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = w.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
