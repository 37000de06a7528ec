package figure

import (
	"image/color"
	"math"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Segments splits a series into the runs of points between its undefined
// ones: a NaN y (a share with nothing to divide, say) ends a run, so that
// a line drawn through each run leaves a gap there rather than pretending
// a value. Runs keep their order; a run may have a single point.
func Segments(xs, ys []float64) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	for i, y := range ys {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, plotter.XY{X: xs[i], Y: y})
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// TextBlock draws lines of text centred in c, the first in bold when
// heading is true, size points high: what a figure says instead of a
// plot when there is nothing honest to draw.
func TextBlock(c draw.Canvas, size vg.Length, heading bool, lines ...string) {
	st := text.Style{Color: color.Black, Font: Sans(size), XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
	lead := size * 1.6
	mid := vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y+c.Max.Y)/2 + lead*vg.Length(len(lines)-1)/2}
	for i, l := range lines {
		s := st
		if i == 0 && heading {
			s.Font.Weight = xfont.WeightBold
			s.Font.Size = size * 1.15
		}
		c.FillText(s, vg.Point{X: mid.X, Y: mid.Y - lead*vg.Length(i)}, l)
	}
}

// Footnote draws lines of text along the bottom of c, left-aligned, size
// points high, the first line on top, and returns the canvas above them.
func Footnote(c draw.Canvas, size vg.Length, lines ...string) draw.Canvas {
	st := text.Style{Color: color.Gray{Y: 60}, Font: Sans(size), XAlign: draw.XLeft, YAlign: draw.YBottom, Handler: plot.DefaultTextHandler}
	lead := size * 1.5
	for i, l := range lines {
		y := c.Min.Y + size*0.6 + lead*vg.Length(len(lines)-1-i)
		c.FillText(st, vg.Point{X: c.Min.X + size, Y: y}, l)
	}
	return draw.Crop(c, 0, 0, size*0.7+lead*vg.Length(len(lines)), 0)
}

// MinCCDFSizes and MinCCDFCascades are the fewest distinct sizes and
// cascades a distribution of cascade sizes, P(S ≥ n) on log-log axes, is
// drawn from: with fewer, two or three points on axes spanning a decade
// look like a tail they are not.
const MinCCDFSizes, MinCCDFCascades = 5, 20

// EnoughForCCDF reports whether a histogram of cascade sizes with the
// given number of distinct sizes and of cascades is drawn as a
// distribution.
func EnoughForCCDF(sizes int, cascades int64) bool {
	return sizes >= MinCCDFSizes && cascades >= MinCCDFCascades
}
