package sweep

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"
)

// moments accumulates a mean and a variance in one pass (Welford's
// algorithm). Values are added in run order, so the result does not depend
// on which worker ran what.
type moments struct {
	n    int
	mean float64
	m2   float64
}

func (m *moments) add(x float64) {
	m.n++
	d := x - m.mean
	m.mean += d / float64(m.n)
	m.m2 += d * (x - m.mean)
}

// sd returns the sample standard deviation (n - 1 in the denominator), NaN
// for fewer than two values.
func (m *moments) sd() float64 {
	if m.n < 2 {
		return math.NaN()
	}
	return math.Sqrt(m.m2 / float64(m.n-1))
}

// ci95 returns the 95% confidence interval of the mean, mean ± t(0.975,
// n-1) sd / √n (Student's t), NaN for fewer than two values.
func (m *moments) ci95() (lo, hi float64) {
	if m.n < 2 {
		return math.NaN(), math.NaN()
	}
	h := tQuantile975(m.n-1) * m.sd() / math.Sqrt(float64(m.n))
	return m.mean - h, m.mean + h
}

// tQuantile975 returns the 0.975 quantile of Student's t with df degrees
// of freedom. Small df, the common case, are computed once.
func tQuantile975(df int) float64 {
	if t := tTable(); df < len(t) {
		return t[df]
	}
	return studentsT975(df)
}

func studentsT975(df int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
}

// tTable holds tQuantile975 for df below 256 (index 0 unused), computed
// on first use and never changed.
var tTable = sync.OnceValue(func() *[256]float64 {
	var t [256]float64
	for df := 1; df < len(t); df++ {
		t[df] = studentsT975(df)
	}
	return &t
})

// sizePercents are the cascade-size quantiles conditions.csv reports, in
// percent: the median, the 90th and the 99th percentile.
var sizePercents = [3]int64{50, 90, 99}

// sizeStats summarises a condition's closed cascade sizes, pooled over its
// runs.
type sizeStats struct {
	Cascades  int64      // closed cascades
	Max       int64      // largest closed cascade (0 when none)
	Quantiles [3]float64 // at sizePercents; NaN when no cascade closed
	Lo, Hi    [3]float64 // bootstrap 95% intervals; NaN when not computed
}

// pooledSizes sums the runs' size histograms into one, over the sorted
// distinct sizes.
func pooledSizes(runs [][][2]int64) (sizes, counts []int64) {
	for _, r := range runs {
		for _, sc := range r {
			sizes = append(sizes, sc[0])
		}
	}
	slices.Sort(sizes)
	sizes = slices.Compact(sizes)
	counts = make([]int64, len(sizes))
	for _, r := range runs {
		for _, sc := range r {
			k, _ := slices.BinarySearch(sizes, sc[0])
			counts[k] += sc[1]
		}
	}
	return sizes, counts
}

// histQuantiles returns, for each percent q, the smallest size s such that
// at least q% of the cascades have size <= s (the inverse of the empirical
// distribution function), or NaN when there are no cascades.
func histQuantiles(sizes, counts []int64) [3]float64 {
	var total int64
	for _, c := range counts {
		total += c
	}
	out := [3]float64{math.NaN(), math.NaN(), math.NaN()}
	if total == 0 {
		return out
	}
	var cum int64
	q := 0
	for k, c := range counts {
		cum += c
		for q < len(sizePercents) && cum*100 >= sizePercents[q]*total {
			out[q] = float64(sizes[k])
			q++
		}
	}
	return out
}

// summariseSizes pools the runs' histograms and computes the quantiles and,
// with at least two runs and boot > 0, their percentile-bootstrap 95%
// intervals. The bootstrap resamples runs, not cascades (the cascades of
// one run are not independent): boot times it draws as many runs as there
// are, with replacement, from r, pools them and computes the quantiles; the
// interval runs from the ⌈2.5% boot⌉-th to the ⌈97.5% boot⌉-th smallest of
// those with at least one cascade.
func summariseSizes(runs [][][2]int64, boot int, r *rand.Rand) sizeStats {
	sizes, counts := pooledSizes(runs)
	st := sizeStats{Quantiles: histQuantiles(sizes, counts)}
	for k, c := range counts {
		st.Cascades += c
		if c > 0 {
			st.Max = sizes[k]
		}
	}
	nan := math.NaN()
	st.Lo = [3]float64{nan, nan, nan}
	st.Hi = st.Lo
	if boot <= 0 || len(runs) < 2 || st.Cascades == 0 {
		return st
	}
	// Each run's histogram as (rank among sizes, count).
	ranked := make([][][2]int64, len(runs))
	for i, run := range runs {
		ranked[i] = make([][2]int64, len(run))
		for j, sc := range run {
			k, _ := slices.BinarySearch(sizes, sc[0])
			ranked[i][j] = [2]int64{int64(k), sc[1]}
		}
	}
	stats := [3][]float64{}
	resample := make([]int64, len(sizes))
	for range boot {
		clear(resample)
		for range runs {
			for _, kc := range ranked[r.IntN(len(runs))] {
				resample[kc[0]] += kc[1]
			}
		}
		q := histQuantiles(sizes, resample)
		if math.IsNaN(q[0]) {
			continue // no cascade in this resample
		}
		for i := range q {
			stats[i] = append(stats[i], q[i])
		}
	}
	if len(stats[0]) < boot/2 {
		return st // most resamples had no cascade: no honest interval
	}
	for i := range stats {
		s := stats[i]
		slices.Sort(s)
		n := float64(len(s))
		st.Lo[i] = s[int(math.Ceil(0.025*n))-1]
		st.Hi[i] = s[int(math.Ceil(0.975*n))-1]
	}
	return st
}
