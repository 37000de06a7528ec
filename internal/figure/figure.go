// Package figure holds the look shared by every figure: a run's (output/),
// a sweep's (sweep/), the experiments' and the sensitivity analysis':
// gonum/plot plots in Liberation Sans with the Okabe-Ito colour-blind-safe
// palette, light grids and round tick values, written as PNG and SVG of the
// same size.
package figure

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"os"
	"strconv"

	"github.com/escalation-model/escalation/internal/palette"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// DPI is the resolution of the PNG figures.
const DPI = 96

// Pixels returns a length of n pixels at DPI.
func Pixels(n int) vg.Length { return vg.Length(n) * vg.Inch / DPI }

// Colour returns colour i (mod 7) of the Okabe-Ito palette
// (internal/palette), in an order that keeps neighbours apart: blue,
// vermillion, bluish green, orange, reddish purple, sky blue, black.
func Colour(i int) color.Color {
	c := [...]color.RGBA{palette.Blue, palette.Vermillion, palette.BluishGreen, palette.Orange, palette.ReddishPurple, palette.SkyBlue, palette.Black}
	return color.NRGBA(c[((i%len(c))+len(c))%len(c)])
}

// WithAlpha returns c with alpha a (0-255), as a non-premultiplied colour.
func WithAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// Sans returns Liberation Sans at the given size.
func Sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// New returns a plot in the figures' style, its text sized for a panel
// whose body text is size points.
func New(title, xlabel, ylabel string, size vg.Length) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = Sans(size * 1.1)
	p.Title.TextStyle.Font.Weight = xfont.WeightBold
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = Sans(size)
		a.Tick.Label.Font = Sans(size * 0.9)
		a.Label.Padding = vg.Points(4)
		a.Tick.Marker = LinearTicks{}
	}
	p.Legend.TextStyle.Font = Sans(size * 0.9)
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	p.Add(g)
	return p
}

// LinearTicks marks about five round values (1, 2, 2.5 or 5 times a power
// of ten apart), labelled with just the digits they need. The zero value
// suits measurements; Counts suits axes that mostly count things.
type LinearTicks struct {
	// Counts leaves out a step of 2.5 (ticks at 2.5, 7.5) and writes
	// every label in full however large (1000000, not 1e+06).
	Counts bool
}

// Ticks implements plot.Ticker.
func (t LinearTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 6, 64)}}
	}
	exp := math.Floor(math.Log10((hi - lo) / 5))
	mag := math.Pow(10, exp)
	step, best := mag, math.Inf(1)
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m == 2.5 && exp == 0 && t.Counts {
			continue
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
		label := strconv.FormatFloat(v, 'f', prec, 64)
		if math.Abs(v) >= 1e6 && !t.Counts {
			label = strconv.FormatFloat(v, 'g', 3, 64)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// LogTicks marks the powers of ten and their multiples 2 to 9, labelling
// the powers of ten (and 2 and 5 on short ranges). Unlike plot.LogTicks it
// also marks the lowest decade of a range below 1 (plot.LogTicks truncates
// the exponent toward zero, so a range from 0.0001 starts its labels at
// 0.001).
type LogTicks struct{}

// Ticks implements plot.Ticker.
func (LogTicks) Ticks(lo, hi float64) []plot.Tick {
	if lo <= 0 || hi <= 0 || !(hi > lo) {
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

// LabelTicks labels the positions 0, 1, ... with the given labels (levels
// of a factor drawn as categories).
type LabelTicks []string

// Ticks implements plot.Ticker.
func (t LabelTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for i, l := range t {
		if float64(i) < lo-1e-9 || float64(i) > hi+1e-9 {
			continue
		}
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: l})
	}
	return ticks
}

// Save draws a figure of w x h pixels on a PNG canvas and on an SVG canvas
// of the same size, written to base+".png" and base+".svg".
func Save(base string, w, h int, drawFn func(draw.Canvas)) error {
	width, height := Pixels(w), Pixels(h)
	img := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
	drawFn(draw.New(img))
	var png bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&png); err != nil {
		return fmt.Errorf("writing %s.png: %w", base, err)
	}
	if err := os.WriteFile(base+".png", png.Bytes(), 0o644); err != nil {
		return err
	}
	svg := vgsvg.New(width, height)
	svg.SetColor(color.White)
	svg.Fill(rect(width, height))
	drawFn(draw.New(svg))
	var b bytes.Buffer
	if _, err := svg.WriteTo(&b); err != nil {
		return fmt.Errorf("writing %s.svg: %w", base, err)
	}
	// The fonts are not embedded (that would add a megabyte); name
	// metric-compatible fallbacks for viewers without Liberation Sans.
	out := bytes.ReplaceAll(b.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;"))
	return os.WriteFile(base+".svg", out, 0o644)
}

func rect(w, h vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{})
	p.Line(vg.Point{X: w})
	p.Line(vg.Point{X: w, Y: h})
	p.Line(vg.Point{Y: h})
	p.Close()
	return p
}

// Tiles draws plots on a grid of rows x cols evenly sized panels of c, in
// row order (nil leaves a panel empty).
func Tiles(c draw.Canvas, rows, cols int, plots []*plot.Plot) {
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
		for k := range cols {
			if i := r*cols + k; i < len(plots) {
				grid[r][k] = plots[i]
			}
		}
	}
	t := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(14), PadY: vg.Points(14), PadTop: vg.Points(6), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(10)}
	canvases := plot.Align(grid, t, c)
	for r := range grid {
		for k := range grid[r] {
			if grid[r][k] != nil {
				grid[r][k].Draw(canvases[r][k])
			}
		}
	}
}

// Band is a line with its 95% confidence band and points.
type Band struct {
	Label        string
	X            []float64
	Mean, Lo, Hi []float64
	Colour       color.Color
	Dashes       []vg.Length
}

// Add draws the band on p (points with NaN mean are left out; a NaN
// interval leaves the band out there) and returns the legend entries.
func (b *Band) Add(p *plot.Plot) error {
	var line, poly plotter.XYs
	var upper, lower plotter.XYs
	for i, x := range b.X {
		if math.IsNaN(b.Mean[i]) || math.IsInf(b.Mean[i], 0) {
			continue
		}
		line = append(line, plotter.XY{X: x, Y: b.Mean[i]})
		if !math.IsNaN(b.Lo[i]) && !math.IsNaN(b.Hi[i]) {
			lower = append(lower, plotter.XY{X: x, Y: b.Lo[i]})
			upper = append(upper, plotter.XY{X: x, Y: b.Hi[i]})
		}
	}
	if len(line) == 0 {
		return nil
	}
	if len(lower) > 1 {
		poly = append(poly, lower...)
		for i := len(upper) - 1; i >= 0; i-- {
			poly = append(poly, upper[i])
		}
		pg, err := plotter.NewPolygon(poly)
		if err != nil {
			return err
		}
		pg.Color = WithAlpha(b.Colour, 50)
		pg.LineStyle.Width = 0
		p.Add(pg)
	}
	l, s, err := plotter.NewLinePoints(line)
	if err != nil {
		return err
	}
	l.Color = b.Colour
	l.Width = vg.Points(2)
	l.Dashes = b.Dashes
	s.Color = b.Colour
	s.Shape = draw.CircleGlyph{}
	s.Radius = vg.Points(3)
	p.Add(l, s)
	if len(lower) > 0 {
		// Whiskers show the interval where the band cannot (one point).
		eb := errorBars(line, lower, upper)
		if eb != nil {
			eb.LineStyle.Color = b.Colour
			eb.LineStyle.Width = vg.Points(1)
			p.Add(eb)
		}
	}
	if b.Label != "" {
		p.Legend.Add(b.Label, l, s)
	}
	return nil
}

// errorBars returns vertical bars from lower to upper at the x of line.
func errorBars(line, lower, upper plotter.XYs) *plotter.YErrorBars {
	type ye struct {
		plotter.XYs
		plotter.YErrors
	}
	var v ye
	for i := range lower {
		for _, pt := range line {
			if pt.X == lower[i].X {
				v.XYs = append(v.XYs, pt)
				v.YErrors = append(v.YErrors, struct{ Low, High float64 }{pt.Y - lower[i].Y, upper[i].Y - pt.Y})
			}
		}
	}
	if len(v.XYs) == 0 {
		return nil
	}
	eb, err := plotter.NewYErrorBars(v)
	if err != nil {
		return nil
	}
	return eb
}
