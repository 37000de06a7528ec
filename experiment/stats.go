package experiment

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Estimate is a point estimate with its 95% confidence interval. Lo and Hi
// are NaN when no interval could be computed (fewer than two runs, say).
type Estimate struct {
	Value  float64
	Lo, Hi float64
}

// Significant reports whether the interval excludes zero.
func (e Estimate) Significant() bool { return e.Lo > 0 || e.Hi < 0 }

// Map applies a monotone increasing function to the estimate and its
// interval.
func (e Estimate) Map(f func(float64) float64) Estimate {
	return Estimate{f(e.Value), f(e.Lo), f(e.Hi)}
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func variance(xs []float64) float64 {
	if len(xs) < 2 {
		return math.NaN()
	}
	m := mean(xs)
	s := 0.0
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return s / float64(len(xs)-1)
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// tQuantile returns the 0.975 quantile of Student's t with df degrees of
// freedom (the normal's when df is infinite).
func tQuantile(df float64) float64 {
	if math.IsInf(df, 1) || df > 1e7 {
		return distuv.UnitNormal.Quantile(0.975)
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975)
}

// MeanCI returns the mean of xs with its Student-t 95% interval.
func MeanCI(xs []float64) Estimate {
	m := mean(xs)
	if len(xs) < 2 {
		return Estimate{m, math.NaN(), math.NaN()}
	}
	h := tQuantile(float64(len(xs)-1)) * math.Sqrt(variance(xs)/float64(len(xs)))
	return Estimate{m, m - h, m + h}
}

// WelchDiff returns mean(a) - mean(b) with Welch's 95% interval (unequal
// variances, Welch-Satterthwaite degrees of freedom). Two groups without
// any variance give a zero-width interval.
func WelchDiff(a, b []float64) Estimate {
	d := mean(a) - mean(b)
	if len(a) < 2 || len(b) < 2 {
		return Estimate{d, math.NaN(), math.NaN()}
	}
	va, vb := variance(a)/float64(len(a)), variance(b)/float64(len(b))
	se := math.Sqrt(va + vb)
	if se == 0 {
		return Estimate{d, d, d}
	}
	df := (va + vb) * (va + vb) / (va*va/float64(len(a)-1) + vb*vb/float64(len(b)-1))
	h := tQuantile(df) * se
	return Estimate{d, d - h, d + h}
}

// Wilson returns the share k/n with its Wilson score 95% interval.
func Wilson(k, n int) Estimate {
	if n == 0 {
		return Estimate{math.NaN(), math.NaN(), math.NaN()}
	}
	z := distuv.UnitNormal.Quantile(0.975)
	p := float64(k) / float64(n)
	nf := float64(n)
	den := 1 + z*z/nf
	c := (p + z*z/(2*nf)) / den
	h := z / den * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	lo, hi := math.Max(0, c-h), math.Min(1, c+h)
	if k == 0 {
		lo = 0 // exactly, not a rounding error above it
	}
	if k == n {
		hi = 1
	}
	return Estimate{p, lo, hi}
}

// NewcombeDiff returns k1/n1 - k2/n2 with Newcombe's hybrid score 95%
// interval (method 10 of Newcombe 1998), built from the Wilson intervals.
func NewcombeDiff(k1, n1, k2, n2 int) Estimate {
	a, b := Wilson(k1, n1), Wilson(k2, n2)
	d := a.Value - b.Value
	lo := d - math.Sqrt((a.Value-a.Lo)*(a.Value-a.Lo)+(b.Hi-b.Value)*(b.Hi-b.Value))
	hi := d + math.Sqrt((a.Hi-a.Value)*(a.Hi-a.Value)+(b.Value-b.Lo)*(b.Value-b.Lo))
	return Estimate{d, lo, hi}
}

// count returns how many of xs are above zero.
func count(xs []float64) int {
	k := 0
	for _, x := range xs {
		if x > 0 {
			k++
		}
	}
	return k
}

// Bootstrap resamples. Every analysis draws from its own generator, keyed
// by the experiment's name and a purpose, so its intervals are the same
// on every machine and whatever the order of the analyses.
const bootstrapResamples = 2000

// newRNG returns a ChaCha8 generator keyed by the SHA-256 of the tags.
func newRNG(tags ...string) *rand.Rand {
	h := sha256.New()
	for _, t := range tags {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(t)))
		h.Write(n[:])
		h.Write([]byte(t))
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	return rand.New(rand.NewChaCha8(key))
}

// percentile returns the 2.5% and 97.5% percentiles of xs (sorted in
// place), NaN when fewer than half the resamples gave a value.
func percentile(xs []float64, want int) (lo, hi float64) {
	xs = slices.DeleteFunc(xs, math.IsNaN)
	if len(xs) < want/2 || len(xs) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(xs)
	n := float64(len(xs))
	return xs[int(math.Ceil(0.025*n))-1], xs[int(math.Ceil(0.975*n))-1]
}

// BootstrapGroups returns stat over the groups of runs with a percentile
// bootstrap 95% interval: each resample draws, within each group, as many
// runs as it has, with replacement. Runs are the unit: the acts of one run
// are not independent.
func BootstrapGroups(rng *rand.Rand, groups [][]int, stat func(groups [][]int) float64) Estimate {
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
	lo, hi := percentile(res, bootstrapResamples)
	return Estimate{v, lo, hi}
}

// seq returns 0, 1, ..., n-1.
func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// RatioOfSums returns sum(num)/sum(den) over runs with a bootstrap 95%
// interval (a pooled rate, such as innocents harmed per hack back).
func RatioOfSums(rng *rand.Rand, num, den []float64) Estimate {
	return BootstrapGroups(rng, [][]int{seq(len(num))}, func(g [][]int) float64 {
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

// RelativeChange returns mean(a)/mean(b) - 1 with a bootstrap 95% interval
// (a and b resampled independently).
func RelativeChange(rng *rand.Rand, a, b []float64) Estimate {
	return BootstrapGroups(rng, [][]int{seq(len(a)), seq(len(b))}, func(g [][]int) float64 {
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

// pool sums run histograms of (size, count) into one, by increasing size.
func pool(runs [][][2]int64) [][2]int64 {
	m := map[int64]int64{}
	for _, r := range runs {
		for _, sc := range r {
			m[sc[0]] += sc[1]
		}
	}
	out := make([][2]int64, 0, len(m))
	for s, c := range m {
		out = append(out, [2]int64{s, c})
	}
	slices.SortFunc(out, func(a, b [2]int64) int { return int(a[0] - b[0]) })
	return out
}

// TailSlope estimates the slope of the complementary distribution function
// (CCDF) of cascade sizes on log-log axes from the cascades of at least
// smin acts: the maximum-likelihood exponent of a discrete power law
// P(S = s) ∝ s^-α for s >= smin, in the continuous approximation of
// Clauset, Shalizi and Newman (2009, eq. 3.7),
//
//	α = 1 + n / Σ ln(s_i / (smin - 1/2)),
//
// so that the CCDF falls as s^-(α-1) and the slope is 1 - α. A critical
// branching process has slope -1/2 (α = 3/2); a subcritical one's
// exponential cut-off makes the fitted slope steeper. n is the number of
// cascades in the tail; the slope is NaN when n < minTail.
func TailSlope(hist [][2]int64, smin int64) (slope float64, n int64) {
	den := 0.0
	for _, sc := range hist {
		if sc[0] >= smin {
			n += sc[1]
			den += float64(sc[1]) * math.Log(float64(sc[0])/(float64(smin)-0.5))
		}
	}
	if n < minTail || den <= 0 {
		return math.NaN(), n
	}
	return -float64(n) / den, n
}

// minTail is the fewest cascades in the tail for a slope estimate: below
// it the estimate's standard error, (α - 1)/√n, exceeds about a fifth of
// the critical value 1/2.
const minTail = 30
