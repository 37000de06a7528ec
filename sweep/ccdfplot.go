// Cascade-size figures: the CCDF of each condition's cascade sizes.

package sweep

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

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
