package sweep

import (
	"math"
	"slices"
	"strconv"
)

// Limits of what the figures show.
const (
	// maxFigureConditions: beyond this many conditions the figures are
	// left out (the tables have everything).
	maxFigureConditions = 20_000
	// maxLevels: a factor with more distinct values than this is drawn as
	// a scatter of conditions, not as lines over its levels.
	maxLevels = 24
	// maxCCDFConditions: the cascade-size figure overlays at most this many
	// conditions per panel.
	maxCCDFConditions = 16
)

// figureData is what the figures need, gathered during the pass over the
// runs: per condition, the mean and 95% interval of each drawn metric and
// the pooled cascade-size histogram; per factor and level, the metrics'
// moments over all runs at that level (the marginal effect).
type figureData struct {
	p       *Plan
	metrics []string // drawn metrics: Outputs.Metrics, then the heatmap metric and offspring_mean
	slot    []int    // index of each drawn metric among the headlines (-1: a cascade-size quantile)
	conds   []condPoint
	skipped bool // too many conditions for figures

	levels     [][]string       // per factor, its distinct values in order of appearance
	levelIndex []map[string]int // per factor, value -> index in levels (nil once beyond maxLevels)
	marginal   [][][]moments    // [factor][level][metric]
}

// condPoint is one condition's summary for the figures.
type condPoint struct {
	index         int
	values        []string
	n             int
	mean, lo, hi  []float64 // per drawn metric
	sizes, counts []int64   // pooled closed cascade sizes
}

func newFigureData(p *Plan) *figureData {
	fd := &figureData{p: p, skipped: p.NumConditions() > maxFigureConditions}
	add := func(name string) {
		if slices.Contains(fd.metrics, name) {
			return
		}
		fd.metrics = append(fd.metrics, name)
		fd.slot = append(fd.slot, slices.Index(p.Headlines, name))
	}
	for _, m := range p.Outputs.Metrics {
		add(m)
	}
	add(p.Outputs.Heatmap)
	add("offspring_mean")
	fd.levels = make([][]string, len(p.Factors))
	fd.levelIndex = make([]map[string]int, len(p.Factors))
	fd.marginal = make([][][]moments, len(p.Factors))
	for j := range p.Factors {
		fd.levelIndex[j] = map[string]int{}
	}
	return fd
}

// metric returns the index of a drawn metric.
func (fd *figureData) metric(name string) int { return slices.Index(fd.metrics, name) }

// addRun adds a run's headlines to the marginal effects of its levels.
func (fd *figureData) addRun(values []string, headlines []float64) {
	if fd.skipped {
		return
	}
	for j, v := range values {
		idx := fd.levelIndex[j]
		if idx == nil {
			continue
		}
		l, ok := idx[v]
		if !ok {
			if len(idx) == maxLevels {
				fd.levelIndex[j], fd.marginal[j] = nil, nil // continuous: drawn as a scatter
				continue
			}
			l = len(idx)
			idx[v] = l
			fd.levels[j] = append(fd.levels[j], v)
			fd.marginal[j] = append(fd.marginal[j], make([]moments, len(fd.metrics)))
		}
		for k, s := range fd.slot {
			if s >= 0 {
				fd.marginal[j][l][k].add(headlines[s])
			}
		}
	}
}

// addCondition keeps a finished condition's summary.
func (fd *figureData) addCondition(cond, n int, ms []moments, st *sizeStats, runs [][][2]int64) {
	if fd.skipped {
		return
	}
	c := condPoint{index: cond, values: fd.p.Condition(cond), n: n}
	k := len(fd.metrics)
	c.mean, c.lo, c.hi = make([]float64, k), make([]float64, k), make([]float64, k)
	for i, s := range fd.slot {
		if s >= 0 {
			c.mean[i] = ms[s].mean
			c.lo[i], c.hi[i] = ms[s].ci95()
			continue
		}
		c.mean[i], c.lo[i], c.hi[i] = math.NaN(), math.NaN(), math.NaN()
		if q := slices.Index(quantileMetrics, fd.metrics[i]); q >= 0 && st != nil {
			c.mean[i], c.lo[i], c.hi[i] = st.Quantiles[q], st.Lo[q], st.Hi[q]
		}
	}
	if st != nil {
		c.sizes, c.counts = pooledSizes(runs)
	}
	fd.conds = append(fd.conds, c)
}

// discrete reports whether factor j is drawn over its levels (at most
// maxLevels distinct values).
func (fd *figureData) discrete(j int) bool { return fd.levelIndex[j] != nil }

// sortedLevels returns factor j's levels in drawing order: numbers by
// value, choices in the order the parameter lists them.
func (fd *figureData) sortedLevels(j int) []string {
	lv := slices.Clone(fd.levels[j])
	col := fd.p.Factors[j]
	if col.Type == "choice" {
		order := choiceOrder(col.Name)
		slices.SortStableFunc(lv, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
		return lv
	}
	slices.SortFunc(lv, func(a, b string) int {
		x, _ := strconv.ParseFloat(a, 64)
		y, _ := strconv.ParseFloat(b, 64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	return lv
}
