package experiment

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

// cellGrid is a heatmap over two factors drawn as categories: cell (i, k)
// sits at x = i, y = k, coloured by its value, with up to two lines of text
// and an optional border (1: dashed, 2: solid).
type cellGrid struct {
	value  [][]float64 // [i][k]
	cmap   palette.ColorMap
	text   [][]string
	sub    [][]string
	border [][]int
	size   vg.Length // text size
}

// DataRange implements plot.DataRanger.
func (g *cellGrid) DataRange() (xmin, xmax, ymin, ymax float64) {
	ny := 0
	if len(g.value) > 0 {
		ny = len(g.value[0])
	}
	return -0.5, float64(len(g.value)) - 0.5, -0.5, float64(ny) - 0.5
}

// colour returns a value's colour (light grey for NaN).
func (g *cellGrid) colour(v float64) color.Color {
	if math.IsNaN(v) {
		return color.Gray{Y: 230}
	}
	v = math.Max(g.cmap.Min(), math.Min(g.cmap.Max(), v))
	c, err := g.cmap.At(v)
	if err != nil {
		return color.Gray{Y: 230}
	}
	return c
}

// Plot implements plot.Plotter.
func (g *cellGrid) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for i := range g.value {
		for k, v := range g.value[i] {
			x0, x1 := tx(float64(i)-0.5), tx(float64(i)+0.5)
			y0, y1 := ty(float64(k)-0.5), ty(float64(k)+0.5)
			fill := g.colour(v)
			// Cells overlap their upper and right neighbours by a hair, so
			// that anti-aliasing leaves no seams.
			o := vg.Points(0.6)
			if i == len(g.value)-1 {
				o = 0
			}
			ov := vg.Points(0.6)
			if k == len(g.value[i])-1 {
				ov = 0
			}
			c.FillPolygon(fill, []vg.Point{{X: x0, Y: y0}, {X: x1 + o, Y: y0}, {X: x1 + o, Y: y1 + ov}, {X: x0, Y: y1 + ov}})
			ink := color.Color(color.Black)
			if luminance(fill) < 0.45 {
				ink = color.White
			}
			mid := vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}
			if g.text != nil && g.text[i][k] != "" {
				st := text.Style{Color: ink, Font: figure.Sans(g.size), XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: p.Title.TextStyle.Handler}
				at := mid
				if g.sub != nil && g.sub[i][k] != "" {
					at.Y += g.size * 0.45
				}
				c.FillText(st, at, g.text[i][k])
			}
			if g.sub != nil && g.sub[i][k] != "" {
				st := text.Style{Color: ink, Font: figure.Sans(g.size * 0.72), XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: p.Title.TextStyle.Handler}
				c.FillText(st, vg.Point{X: mid.X, Y: mid.Y - g.size*0.6}, g.sub[i][k])
			}
			if g.border != nil && g.border[i][k] > 0 {
				inset := vg.Points(2.5)
				ls := draw.LineStyle{Color: color.Black, Width: vg.Points(2.5)}
				if g.border[i][k] == 1 {
					ls.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
					ls.Width = vg.Points(2)
				}
				c.StrokeLines(ls, []vg.Point{{X: x0 + inset, Y: y0 + inset}, {X: x1 - inset, Y: y0 + inset}, {X: x1 - inset, Y: y1 - inset}, {X: x0 + inset, Y: y1 - inset}, {X: x0 + inset, Y: y0 + inset}})
			}
		}
	}
}

// luminance returns the relative luminance of c, 0 (black) to 1 (white).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// branchingColours is the colour map of the mean offspring m: blue below
// criticality, the neutral middle at m = 1, red for runaway (2 and above).
func branchingColours() palette.ColorMap {
	m := moreland.SmoothBlueRed()
	m.SetMin(0)
	m.SetMax(2)
	return m
}

// colourBar returns a narrow plot showing the colour map from lo to hi.
func colourBar(cmap palette.ColorMap, label string) *plot.Plot {
	p := panel("", "", label)
	const n = 100
	g := &cellGrid{cmap: cmap, value: [][]float64{make([]float64, n)}}
	lo, hi := cmap.Min(), cmap.Max()
	for k := range n {
		g.value[0][k] = lo + (hi-lo)*(float64(k)+0.5)/n
	}
	p.Add(g)
	p.HideX()
	p.Y.Tick.Marker = scaledTicks{lo: lo, hi: hi, n: n}
	return p
}

// scaledTicks labels a colour bar drawn over cells 0..n-1 with the values
// lo..hi they stand for.
type scaledTicks struct {
	lo, hi float64
	n      int
}

// Ticks implements plot.Ticker.
func (s scaledTicks) Ticks(_, _ float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (figure.LinearTicks{}).Ticks(s.lo, s.hi) {
		pos := (t.Value-s.lo)/(s.hi-s.lo)*float64(s.n) - 0.5
		out = append(out, plot.Tick{Value: pos, Label: t.Label})
	}
	return out
}
