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
	tail := (1 - b.Level) / 2
	for i, v := range values {
		if Statistics()[i].NoInterval != "" {
			out[i] = Interval{math.NaN(), math.NaN()}
			continue
		}
		slices.Sort(v)
		out[i] = Interval{quantile(v, tail), quantile(v, 1-tail)}
	}
	return out
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
