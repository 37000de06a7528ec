package scene

import (
	"math"
	"strconv"

	"github.com/escalation-model/escalation/model"
)

// maxPoints bounds a series: longer runs are averaged over bins of 2^k
// ticks, so memory does not grow with the run.
const maxPoints = 1024

// Series is one line of a chart: a value per tick, averaged over bins of
// Bin ticks once the run outgrows maxPoints.
type Series struct {
	Vals []float64 // the mean of each full bin
	Bin  int
	acc  float64
	accN int
	Last float64 // the latest tick's value
}

// Add appends the next tick's value.
func (s *Series) Add(v float64) {
	if s.Bin == 0 {
		s.Bin = 1
	}
	s.Last = v
	s.acc += v
	s.accN++
	if s.accN < s.Bin {
		return
	}
	s.Vals = append(s.Vals, s.acc/float64(s.accN))
	s.acc, s.accN = 0, 0
	if len(s.Vals) >= maxPoints {
		half := s.Vals[:0]
		for i := 0; i+1 < len(s.Vals); i += 2 {
			half = append(half, (s.Vals[i]+s.Vals[i+1])/2)
		}
		s.Vals = half
		s.Bin *= 2
	}
}

// Max returns the largest value of the series (0 when empty).
func (s *Series) Max() float64 {
	m := 0.0
	for _, v := range s.Vals {
		m = max(m, v)
	}
	return max(m, s.Last)
}

// Chart is one small chart beside the map.
type Chart struct {
	Key    string // the chart's name in the scales table: tension, harm, innocents, open, poor
	Title  string
	Format func(float64) string // the current value in words
	Lines  []*Series            // the first solid, the second dashed
	Names  []string             // a legend word per line
	Ref    float64              // a dotted reference level, or NaN
	RefFor string               // what the reference level means
	Fixed  float64              // a fixed top of the y axis, or 0 to fit the data
	Empty  string               // when set, why the chart has nothing to show
	Sizes  *Sizes               // a distribution of cascade sizes, drawn on log-log axes, in place of lines
}

// Mark is a moment marked on every chart's time axis.
type Mark struct {
	Tick  int
	Armed bool   // an act at the armed-conflict threshold; else a parameter change
	Label string // e.g. "hotline=0.8"
}

// Charts are the live charts of a run.
type Charts struct {
	List  []*Chart
	Marks []Mark
	Ticks int // the run's length: the charts' time axis

	Sizes *Sizes // the closed cascades' sizes, when a chart draws them; else nil

	tensionMean, tensionMax, harm, innocents, open, poorShare Series
	damageFirms, damagePoor                                   float64
}

// NewCharts returns the charts of a run of the given length, number of
// states and firms and share of firms below the poverty line: tension,
// harm, innocents hit, cascades open to answers, and the share of firms'
// harm below the poverty line. A chart the world cannot fill (tension with
// one state, the share without firms) says so instead.
func NewCharts(ticks, states, firms int, povertyShare float64) *Charts {
	c := &Charts{Ticks: ticks}
	tension, poor := c.tensionChart(), c.poorChart(povertyShare)
	if firms == 0 {
		poor.Empty = "no firms in this world"
	}
	if states < 2 {
		tension.Empty = "one state in this world"
	}
	c.List = []*Chart{tension, c.harmChart(), c.innocentsChart(), c.openChart(), poor}
	return c
}

// ChartsFor returns the charts that mean something in a world with
// parameters p, derived from its parameters: tension needs two states;
// the share of harm below the poverty line needs firms below it. The
// branching limit case shows the sizes of its closed cascades against
// their Galton–Watson law, and the cascades open, in place of tension,
// harm, innocents and the poverty line, which mean nothing there.
func ChartsFor(p model.Params) *Charts {
	c := &Charts{Ticks: p.Ticks}
	if p.Mechanics == model.MechanicsBranching {
		c.Sizes = &Sizes{}
		c.List = []*Chart{{Key: "sizes", Title: "Cascade sizes: the run and its law", Sizes: c.Sizes, Ref: math.NaN()}, c.openChart()}
		return c
	}
	if p.States >= 2 {
		c.List = append(c.List, c.tensionChart())
	}
	c.List = append(c.List, c.harmChart(), c.innocentsChart(), c.openChart())
	if p.Firms > 0 && p.PovertyShare > 0 {
		c.List = append(c.List, c.poorChart(p.PovertyShare))
	}
	return c
}

func (c *Charts) tensionChart() *Chart {
	return &Chart{Key: "tension", Title: "Tension between states", Format: formatNum, Lines: []*Series{&c.tensionMean, &c.tensionMax}, Names: []string{"mean", "max"}, Ref: math.NaN()}
}

func (c *Charts) harmChart() *Chart {
	return &Chart{Key: "harm", Title: "Harm per day", Format: func(v float64) string { return formatNum(v) + " value units" }, Lines: []*Series{&c.harm}, Ref: math.NaN()}
}

func (c *Charts) innocentsChart() *Chart {
	return &Chart{Key: "innocents", Title: "Innocents hit per day", Format: formatNum, Lines: []*Series{&c.innocents}, Ref: math.NaN()}
}

func (c *Charts) openChart() *Chart {
	return &Chart{Key: "open", Title: "Cascades open to answers", Format: formatNum, Lines: []*Series{&c.open}, Ref: math.NaN()}
}

func (c *Charts) poorChart(povertyShare float64) *Chart {
	return &Chart{Key: "poor", Title: "Harm below the poverty line", Format: func(v float64) string { return strconv.Itoa(int(math.Round(100*v))) + "% of firms' harm" },
		Lines: []*Series{&c.poorShare}, Ref: povertyShare, RefFor: "their share of firms", Fixed: 1}
}

// Index returns the position of the chart with the given key in the
// list, or -1.
func (c *Charts) Index(key string) int {
	for i, ch := range c.List {
		if ch.Key == key {
			return i
		}
	}
	return -1
}

// Record adds a tick's numbers.
func (c *Charts) Record(s *model.TickStats) {
	c.tensionMean.Add(s.TensionMean)
	c.tensionMax.Add(s.TensionMax)
	c.harm.Add(s.Damage)
	c.innocents.Add(float64(s.InnocentsHarmed))
	c.open.Add(float64(s.OpenCascades))
	c.damageFirms += s.DamageFirms
	c.damagePoor += s.DamagePoor
	share := 0.0
	if c.damageFirms > 0 {
		share = c.damagePoor / c.damageFirms
	}
	c.poorShare.Add(share)
	if s.ArmedConflict > 0 {
		c.Marks = append(c.Marks, Mark{Tick: s.Tick, Armed: true, Label: "armed conflict"})
	}
}

// Mark marks a parameter change before tick; changes before the same tick
// share one mark, their labels joined ("hack_back=licensed,
// attribution_skill=0.8").
func (c *Charts) Mark(tick int, label string) {
	for i := len(c.Marks) - 1; i >= 0; i-- {
		if m := &c.Marks[i]; !m.Armed && m.Tick == tick {
			m.Label += ", " + label
			return
		}
	}
	c.Marks = append(c.Marks, Mark{Tick: tick, Label: label})
}

// Plot appends the polyline of series s in plot rectangle r, its time axis
// spanning ticks ticks and its value axis 0 to top.
func Plot(dst []Point, s *Series, r Rect, ticks int, top float64) []Point {
	return PlotFrom(dst, s, r, ticks, top, 0)
}

// PlotFrom is Plot without the bins that end before tick from.
func PlotFrom(dst []Point, s *Series, r Rect, ticks int, top float64, from int) []Point {
	if ticks < 1 || top <= 0 {
		return dst
	}
	for i, v := range s.Vals {
		if (i+1)*s.Bin <= from {
			continue
		}
		t := (float64(i) + 0.5) * float64(s.Bin)
		dst = append(dst, Point{r.X + r.W*min(t/float64(ticks), 1), r.Y + r.H*(1-clamp(v/top, 0, 1))})
	}
	return dst
}

// MinSpan is the fewest days a chart's time axis spans: the first days of
// a run are drawn at the density of a month, not stretched across the
// chart.
const MinSpan = 30

// Span is the number of days the charts' time axis spans once ran days
// have run: the days run so far (at least MinSpan, at most the run's
// length). The whole run stays on the axis, compressed as it grows
// (Series averages long runs in bins), so that the days before a change
// stay in view beside the days after it.
func (c *Charts) Span(ran int) int {
	return max(min(max(ran, MinSpan), c.Ticks), 1)
}

// NiceTop returns a round number at least v for the top of an axis: 1, 2
// or 5 times a power of ten (1 when v is 0).
func NiceTop(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

// formatNum writes a number in at most three significant digits, without
// a trailing ".0".
func formatNum(v float64) string {
	switch a := math.Abs(v); {
	case a == 0:
		return "0"
	case a >= 100 || v == math.Trunc(v):
		return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// FormatNum is formatNum for the adapter's labels.
func FormatNum(v float64) string { return formatNum(v) }

// lastCellWeight is how much taller than a chart the last cell of the
// column is: it holds the totals, rows of text that must stay readable
// from the back of a lecture hall.
const lastCellWeight = 1.5

// Split divides the stage between the map and the charts: the charts in a
// column on the right when the stage is wide (the last cell, the totals,
// somewhat taller), else in a band below.
func Split(stage Rect, charts int, scale float64) (world Rect, cells []Rect) {
	if charts == 0 || stage.Empty() {
		return stage, nil
	}
	gap := 8.0
	if stage.W >= 1.2*stage.H && stage.W >= 560 {
		w := clamp(0.3*stage.W, 190*scale, 420*scale)
		w = min(w, stage.W*0.45)
		world = Rect{stage.X, stage.Y, stage.W - w - gap, stage.H}
		weight := 1.0
		if charts > 1 {
			weight = lastCellWeight
		}
		h := (stage.H - gap*float64(charts-1)) / (float64(charts-1) + weight)
		for i := range charts {
			ch := h
			if i == charts-1 {
				ch = stage.Y + stage.H - (stage.Y + float64(i)*(h+gap))
			}
			cells = append(cells, Rect{stage.X + stage.W - w, stage.Y + float64(i)*(h+gap), w, ch})
		}
		return world, cells
	}
	return splitBand(stage, charts, scale)
}

// splitBand is Split's layout with the charts in a band below the map.
func splitBand(stage Rect, charts int, scale float64) (world Rect, cells []Rect) {
	if charts == 0 || stage.Empty() {
		return stage, nil
	}
	gap := 8.0
	cols := 3
	if stage.W < 520 {
		cols = 2
	}
	rows := (charts + cols - 1) / cols
	rowH := clamp(0.17*stage.H, 72*scale, 150*scale)
	band := float64(rows)*rowH + gap*float64(rows)
	band = min(band, stage.H*0.5)
	rowH = band/float64(rows) - gap
	world = Rect{stage.X, stage.Y, stage.W, stage.H - band}
	cw := (stage.W - gap*float64(cols-1)) / float64(cols)
	for i := range charts {
		col, row := i%cols, i/cols
		cells = append(cells, Rect{stage.X + float64(col)*(cw+gap), stage.Y + stage.H - band + gap + float64(row)*(rowH+gap), cw, rowH})
	}
	return world, cells
}

// SplitTwo divides the stage between two maps, a and b, and the charts:
// the maps side by side on a stage at least as wide as it is tall, else
// one above the other, and the charts beside them or below them,
// whichever leaves the maps the larger (the side of the largest square
// each map holds).
func SplitTwo(stage Rect, charts int, scale float64) (a, b Rect, cells []Rect) {
	gap := 8.0
	halve := func(w Rect) (Rect, Rect) {
		if stage.W >= stage.H {
			half := (w.W - gap) / 2
			return Rect{w.X, w.Y, half, w.H}, Rect{w.X + half + gap, w.Y, half, w.H}
		}
		half := (w.H - gap) / 2
		return Rect{w.X, w.Y, w.W, half}, Rect{w.X, w.Y + half + gap, w.W, half}
	}
	best := -1.0
	for _, band := range []bool{false, true} {
		world, cs := Split(stage, charts, scale)
		if band {
			world, cs = splitBand(stage, charts, scale)
		}
		x, y := halve(world)
		if side := min(x.W, x.H); side > best {
			best, a, b, cells = side, x, y, cs
		}
	}
	return a, b, cells
}
