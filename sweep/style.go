package sweep

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"os"
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

// The sweep's figures share the look of a run's figures (output/plot.go):
// 1600 x 1200 pixels at 96 dpi, Liberation Sans, the Okabe-Ito palette,
// light grids, round tick values.
const (
	figureDPI    = 96
	figureWidth  = 1600 * vg.Inch / figureDPI
	figureHeight = 1200 * vg.Inch / figureDPI
)

// okabeIto returns colour i (mod 7) of the Okabe-Ito colour-blind-safe
// palette, in an order that keeps neighbours apart: blue, vermillion,
// bluish green, orange, reddish purple, sky blue, black.
func okabeIto(i int) color.Color {
	c := [...]color.NRGBA{
		{0x00, 0x72, 0xB2, 0xff},
		{0xD5, 0x5E, 0x00, 0xff},
		{0x00, 0x9E, 0x73, 0xff},
		{0xE6, 0x9F, 0x00, 0xff},
		{0xCC, 0x79, 0xA7, 0xff},
		{0x56, 0xB4, 0xE9, 0xff},
		{0x00, 0x00, 0x00, 0xff},
	}
	return c[i%len(c)]
}

// withAlpha returns c with its alpha set to a (0-255), as non-premultiplied colour.
func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// newPlot returns a plot in the figures' style.
func newPlot(title, xlabel, ylabel string, size vg.Length) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(size * 1.15)
	p.Title.TextStyle.Font.Weight = xfont.WeightBold
	p.Title.Padding = vg.Points(5)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(size)
		a.Tick.Label.Font = sans(size * 0.9)
		a.Label.Padding = vg.Points(3)
		a.Tick.Marker = linearTicks{}
	}
	p.Legend.TextStyle.Font = sans(size * 0.9)
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	p.Add(g)
	return p
}

// linearTicks marks about five round values (1, 2, 2.5 or 5 times a power
// of ten apart), labelled with just the digits they need.
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
		if d := math.Abs((hi-lo)/(m*mag) - 5); d < best {
			step, best = m*mag, d
		}
	}
	e := int(math.Floor(math.Log10(step) + 1e-9))
	prec := max(0, -e)
	if m := step / math.Pow(10, float64(e)); math.Abs(m-2.5) < 1e-9 && e <= 0 {
		prec++
	}
	var ticks []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		label := strconv.FormatFloat(v, 'f', prec, 64)
		if math.Abs(v) >= 1e6 {
			label = strconv.FormatFloat(v, 'g', 3, 64)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// logTicks marks the powers of ten and their multiples 2 to 9, labelling
// the powers of ten (and 2 and 5 on short ranges).
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
			if m == 1 || span <= 1.1 || (span <= 2.5 && (m == 2 || m == 5)) {
				t.Label = decadeLabel(e, m)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// decadeLabel writes m * 10^e as a plain number from 0.0001 to 900000,
// else as "1e-05", "2e+06".
func decadeLabel(e, m int) string {
	if e >= -4 && e <= 5 {
		return strconv.FormatFloat(float64(m)*math.Pow(10, float64(e)), 'f', max(0, -e), 64)
	}
	return fmt.Sprintf("%de%+03d", m, e)
}

// levelTicks labels the positions 0, 1, ... of a factor's levels with the
// levels' values, every step-th one when there are many.
type levelTicks struct{ labels []string }

// Ticks implements plot.Ticker.
func (t levelTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1
	for len(t.labels)/step > 12 {
		step++
	}
	var ticks []plot.Tick
	for i, l := range t.labels {
		if float64(i) < lo-1e-9 || float64(i) > hi+1e-9 {
			continue
		}
		tk := plot.Tick{Value: float64(i)}
		if i%step == 0 {
			tk.Label = l
		}
		ticks = append(ticks, tk)
	}
	return ticks
}

// saveFigure draws a figure on a 1600 x 1200 pixel PNG canvas and an SVG
// canvas of the same size, written to base+".png" and base+".svg".
func saveFigure(base string, drawFn func(draw.Canvas)) error {
	img := vgimg.NewWith(vgimg.UseWH(figureWidth, figureHeight), vgimg.UseDPI(figureDPI), vgimg.UseBackgroundColor(color.White))
	drawFn(draw.New(img))
	var png bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&png); err != nil {
		return fmt.Errorf("writing %s.png: %w", base, err)
	}
	if err := os.WriteFile(base+".png", png.Bytes(), 0o644); err != nil {
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
	// The fonts are not embedded; name metric-compatible fallbacks.
	out := bytes.ReplaceAll(b.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;"))
	return os.WriteFile(base+".svg", out, 0o644)
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
