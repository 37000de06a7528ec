// Effects figures: each drawn metric against one factor, with 95% bands.

package sweep

import (
	"fmt"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

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
