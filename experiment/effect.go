package experiment

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Effect is an estimate whose confidence interval can be had at any level,
// so that a test's p-value comes from the same method as the interval the
// report prints: the p-value of "the effect is x" is the smallest α at
// which the (1 − α) interval leaves x out. Tests made of effects can then
// be adjusted for multiplicity (Holm) and still agree with their
// intervals: with one test, "the 95% interval lies beyond the bar" and
// "p < 0.05" are the same statement.
type Effect struct {
	Value float64
	// interval returns the interval at a confidence level in (0, 1); nil
	// when the data give none.
	interval func(level float64) (lo, hi float64)
}

// CI returns the estimate with its interval at the confidence level.
func (e Effect) CI(level float64) Estimate {
	if e.interval == nil || math.IsNaN(e.Value) {
		return Estimate{e.Value, math.NaN(), math.NaN()}
	}
	lo, hi := e.interval(level)
	return Estimate{e.Value, lo, hi}
}

// Est returns the estimate with its 95% interval.
func (e Effect) Est() Estimate { return e.CI(0.95) }

// P returns the two-sided p-value of the hypothesis that the effect is x:
// the smallest α whose (1 − α) interval leaves x out, found by bisection
// (intervals shrink as α grows). It is NaN when there is no interval.
func (e Effect) P(x float64) float64 {
	if e.interval == nil || math.IsNaN(e.Value) || math.IsNaN(x) {
		return math.NaN()
	}
	inside := func(alpha float64) bool {
		lo, hi := e.interval(1 - alpha)
		return lo <= x && x <= hi
	}
	const edge = 1e-12
	if !inside(edge) {
		return 0
	}
	if inside(1 - edge) {
		return 1
	}
	a, b := edge, 1-edge // inside at a, outside at b
	for range 60 {
		m := (a + b) / 2
		if inside(m) {
			a = m
		} else {
			b = m
		}
	}
	return b
}

// zQuantile returns the normal quantile for a two-sided interval at level.
func zQuantile(level float64) float64 { return distuv.UnitNormal.Quantile(0.5 + level/2) }

// tQuantileAt returns Student's t quantile for a two-sided interval at
// level with df degrees of freedom (the normal's when df is infinite).
func tQuantileAt(df, level float64) float64 {
	if math.IsInf(df, 1) || df > 1e7 {
		return zQuantile(level)
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.5 + level/2)
}

// Mean returns the mean of xs with its Student-t interval.
func Mean(xs []float64) Effect {
	m := mean(xs)
	if len(xs) < 2 {
		return Effect{Value: m}
	}
	se := math.Sqrt(variance(xs) / float64(len(xs)))
	df := float64(len(xs) - 1)
	return Effect{m, func(level float64) (float64, float64) {
		h := tQuantileAt(df, level) * se
		return m - h, m + h
	}}
}

// Welch returns mean(a) - mean(b) with Welch's interval (unequal
// variances, Welch-Satterthwaite degrees of freedom). Two groups without
// any variance give a zero-width interval.
func Welch(a, b []float64) Effect {
	d := mean(a) - mean(b)
	if len(a) < 2 || len(b) < 2 {
		return Effect{Value: d}
	}
	va, vb := variance(a)/float64(len(a)), variance(b)/float64(len(b))
	se := math.Sqrt(va + vb)
	if se == 0 {
		return Effect{d, func(float64) (float64, float64) { return d, d }}
	}
	df := (va + vb) * (va + vb) / (va*va/float64(len(a)-1) + vb*vb/float64(len(b)-1))
	return Effect{d, func(level float64) (float64, float64) {
		h := tQuantileAt(df, level) * se
		return d - h, d + h
	}}
}

// Share returns the share k/n with its Wilson score interval (the
// inversion of the score test, so its p-values are the score test's).
func Share(k, n int) Effect {
	if n == 0 {
		return Effect{Value: math.NaN()}
	}
	p := float64(k) / float64(n)
	return Effect{p, func(level float64) (float64, float64) { return wilsonAt(k, n, level) }}
}

func wilsonAt(k, n int, level float64) (lo, hi float64) {
	z := zQuantile(level)
	p := float64(k) / float64(n)
	nf := float64(n)
	den := 1 + z*z/nf
	c := (p + z*z/(2*nf)) / den
	h := z / den * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	lo, hi = math.Max(0, c-h), math.Min(1, c+h)
	if k == 0 {
		lo = 0 // exactly, not a rounding error above it
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}

// ShareDiff returns k1/n1 - k2/n2 with Newcombe's hybrid score interval
// (method 10 of Newcombe 1998), built from the Wilson intervals.
func ShareDiff(k1, n1, k2, n2 int) Effect {
	if n1 == 0 || n2 == 0 {
		return Effect{Value: math.NaN()}
	}
	p1, p2 := float64(k1)/float64(n1), float64(k2)/float64(n2)
	d := p1 - p2
	return Effect{d, func(level float64) (float64, float64) {
		l1, h1 := wilsonAt(k1, n1, level)
		l2, h2 := wilsonAt(k2, n2, level)
		lo := d - math.Sqrt((p1-l1)*(p1-l1)+(h2-p2)*(h2-p2))
		hi := d + math.Sqrt((h1-p1)*(h1-p1)+(p2-l2)*(p2-l2))
		return lo, hi
	}}
}

// Bootstrap returns stat over the groups of runs with a percentile
// bootstrap interval: each resample draws, within each group, as many
// runs as it has, with replacement. Runs are the unit: the acts of one run
// are not independent. The interval is NaN when fewer than half the
// resamples give a value.
func Bootstrap(rng *rand.Rand, groups [][]int, stat func(groups [][]int) float64) Effect {
	v := stat(groups)
	res := make([]float64, 0, bootstrapResamples)
	re := make([][]int, len(groups))
	for range bootstrapResamples {
		for g, runs := range groups {
			re[g] = re[g][:0]
			for range runs {
				re[g] = append(re[g], runs[rng.IntN(len(runs))])
			}
		}
		res = append(res, stat(re))
	}
	res = slices.DeleteFunc(res, math.IsNaN)
	if len(res) < bootstrapResamples/2 || len(res) == 0 {
		return Effect{Value: v}
	}
	slices.Sort(res)
	return Effect{v, func(level float64) (float64, float64) { return percentileAt(res, level) }}
}

// percentileAt returns the (1 − level)/2 and (1 + level)/2 percentiles of
// sorted xs.
func percentileAt(xs []float64, level float64) (lo, hi float64) {
	n := float64(len(xs))
	at := func(q float64) float64 {
		i := int(math.Ceil(q*n)) - 1
		return xs[min(max(i, 0), len(xs)-1)]
	}
	return at((1 - level) / 2), at((1 + level) / 2)
}

// Ratio returns sum(num)/sum(den) over runs with a bootstrap interval (a
// pooled rate, such as innocents harmed per hack back).
func Ratio(rng *rand.Rand, num, den []float64) Effect {
	return Bootstrap(rng, [][]int{seq(len(num))}, func(g [][]int) float64 {
		n, d := 0.0, 0.0
		for _, i := range g[0] {
			n += num[i]
			d += den[i]
		}
		if d == 0 {
			return math.NaN()
		}
		return n / d
	})
}

// Relative returns mean(a)/mean(b) - 1 with a bootstrap interval (a and b
// resampled independently).
func Relative(rng *rand.Rand, a, b []float64) Effect {
	return Bootstrap(rng, [][]int{seq(len(a)), seq(len(b))}, func(g [][]int) float64 {
		sa, sb := 0.0, 0.0
		for _, i := range g[0] {
			sa += a[i]
		}
		for _, i := range g[1] {
			sb += b[i]
		}
		if sb == 0 {
			return math.NaN()
		}
		return (sa/float64(len(g[0])))/(sb/float64(len(g[1]))) - 1
	})
}

// Holm returns Holm's step-down adjusted p-values of a family of tests, in
// the order given: the i-th smallest p-value is multiplied by the number of
// tests not yet rejected (m − i + 1), and each adjusted value is at least
// the one before it. A test is rejected at level α when its adjusted
// p-value is at most α; the chance of any false rejection in the family is
// then at most α, whatever the tests' dependence. NaN p-values (tests
// without an interval) are left NaN and do not count in m.
func Holm(ps []float64) []float64 {
	idx := make([]int, 0, len(ps))
	for i, p := range ps {
		if !math.IsNaN(p) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case ps[a] < ps[b]:
			return -1
		case ps[a] > ps[b]:
			return 1
		}
		return 0
	})
	out := make([]float64, len(ps))
	for i := range out {
		out[i] = math.NaN()
	}
	m, running := len(idx), 0.0
	for r, i := range idx {
		running = math.Max(running, math.Min(1, float64(m-r)*ps[i]))
		out[i] = running
	}
	return out
}

// Map applies a monotone increasing function to the effect and its
// intervals (its tests then test the transformed value).
func (e Effect) Map(f func(float64) float64) Effect {
	out := Effect{Value: f(e.Value)}
	if e.interval != nil {
		out.interval = func(level float64) (float64, float64) {
			lo, hi := e.interval(level)
			return f(lo), f(hi)
		}
	}
	return out
}
