package experiment

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
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

// seq returns 0, 1, ..., n-1.
func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
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
