// Bootstrap intervals of a record's statistics (docs/ODD.md §11.1):
// incidents, and pairs, resampled with replacement within their dyads,
// from an explicitly seeded generator.

package observe

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Interval is a statistic's bootstrap percentile interval; NaN bounds
// when the statistic is undefined in every replicate.
type Interval struct{ Lo, Hi float64 }

// Bootstrap describes how intervals were computed.
type Bootstrap struct {
	Replicates int
	Seed       uint64
	Level      float64 // e.g. 0.95
}

// Intervals returns the percentile intervals of r's statistics (in the
// order of Statistics) over b.Replicates replicates. A replicate keeps
// every dyad and its number of incidents and of pairs, and draws that
// many of its incidents, and of its pairs, with replacement. Statistics
// that this cannot vary, or can only bias (Statistic.NoInterval), get NaN
// bounds. The draws come from a PCG generator seeded by b.Seed, dyads
// taken in the order of their first incident, then of their first pair.
func Intervals(r *Record, replyWindow int, b Bootstrap) []Interval {
	iv, _ := bootstrap(r, replyWindow, b)
	return iv
}

// bootstrap returns the percentile intervals of Intervals and, from the
// same replicates, each statistic's scale (see Scales).
func bootstrap(r *Record, replyWindow int, b Bootstrap) ([]Interval, []float64) {
	rng := rand.New(rand.NewPCG(b.Seed, 0x6f62736572766564)) // "observed"
	incGroups := groups(len(r.Incidents), func(i int) uint64 { return dyad(r.Incidents[i].Initiator, r.Incidents[i].Target) })
	pairGroups := groups(len(r.Pairs), func(i int) uint64 { return dyad(r.Pairs[i].Initiator, r.Pairs[i].Target) })
	rep := *r
	rep.Incidents = make([]Incident, 0, len(r.Incidents))
	rep.Pairs = make([]Pair, 0, len(r.Pairs))
	values := make([][]float64, len(Statistics()))
	for range b.Replicates {
		rep.Incidents, rep.Pairs = rep.Incidents[:0], rep.Pairs[:0]
		for _, g := range incGroups {
			for range g {
				rep.Incidents = append(rep.Incidents, r.Incidents[g[rng.IntN(len(g))]])
			}
		}
		for _, g := range pairGroups {
			for range g {
				rep.Pairs = append(rep.Pairs, r.Pairs[g[rng.IntN(len(g))]])
			}
		}
		for i, v := range Compute(&rep, replyWindow) {
			if !math.IsNaN(v) {
				values[i] = append(values[i], v)
			}
		}
	}
	out := make([]Interval, len(values))
	sds := make([]float64, len(values))
	tail := (1 - b.Level) / 2
	stats := Compute(r, replyWindow)
	for i, v := range values {
		if Statistics()[i].NoInterval != "" {
			out[i] = Interval{math.NaN(), math.NaN()}
			sds[i] = fixedScale(r, Statistics()[i].Name, stats[i])
			continue
		}
		slices.Sort(v)
		out[i] = Interval{quantile(v, tail), quantile(v, 1-tail)}
		sds[i] = sd(v)
	}
	return out, sds
}

// Scales returns each statistic's scale, the standard deviation a
// calibration divides its distance by: the standard deviation of its
// bootstrap replicates (as in Intervals) where the bootstrap can vary it;
// for the share and rate statistics the bootstrap holds fixed, the
// binomial (or Poisson) standard error over their denominator (see
// fixedScale); NaN for counts, which grow with the period.
func Scales(r *Record, replyWindow int, b Bootstrap) []float64 {
	_, s := bootstrap(r, replyWindow, b)
	return s
}

// fixedScale returns the standard error of a statistic the within-dyad
// bootstrap cannot vary: incidents_per_dyad_year as a Poisson count over
// the dyad-years, dyad_month_share over the active dyad-months,
// both_sides_share over the active dyads and top5_dyads_share over the
// incidents, each as a binomial share; NaN for the rest.
func fixedScale(r *Record, name string, x float64) float64 {
	var dyads float64
	if v, ok := Compute(r, 0).Value("active_dyads"); ok {
		dyads = v
	}
	n := float64(len(r.Incidents))
	binomial := func(over float64) float64 {
		if over <= 0 || math.IsNaN(x) {
			return math.NaN()
		}
		return math.Sqrt(x * (1 - x) / over)
	}
	switch name {
	case "incidents_per_dyad_year":
		if dyads == 0 || r.Years == 0 {
			return math.NaN()
		}
		return math.Sqrt(n) / (dyads * r.Years)
	case "dyad_month_share":
		return binomial(dyads * float64(r.Months))
	case "both_sides_share":
		return binomial(dyads)
	case "top5_dyads_share":
		return binomial(n)
	}
	return math.NaN()
}

// sd returns the standard deviation of v (n − 1 in the denominator), NaN
// with fewer than two values.
func sd(v []float64) float64 {
	if len(v) < 2 {
		return math.NaN()
	}
	mean := 0.0
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	ss := 0.0
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss / float64(len(v)-1))
}

// groups returns the indices 0..n-1 grouped by key, groups in the order
// of their first index.
func groups(n int, key func(int) uint64) [][]int {
	at := map[uint64]int{}
	var out [][]int
	for i := range n {
		k := key(i)
		g, ok := at[k]
		if !ok {
			g = len(out)
			at[k] = g
			out = append(out, nil)
		}
		out[g] = append(out[g], i)
	}
	return out
}

// quantile returns the q-quantile of sorted values, interpolating
// linearly between order statistics (R's type 7); NaN when empty.
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}
