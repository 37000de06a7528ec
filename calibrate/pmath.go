package calibrate

import (
	"math"
	"math/rand/v2"
)

// The algorithm's arithmetic must give the same bits on every platform for
// the same simulator outputs. math.Exp and math.Log are assembly on some
// platforms and pure Go (with fused multiply-adds on arm64) on others, and
// rand's NormFloat64 calls them, so the proposal path and the weights use
// these small functions instead: every product is converted explicitly so
// the compiler cannot fuse it, and the rest is IEEE addition, division,
// square root and exact bit manipulation (math.Frexp, math.Ldexp,
// math.Round). They agree with math.Exp and math.Log to a few units in the
// last place.

const (
	ln2Hi  = 6.93147180369123816490e-01 // high bits of ln 2 (fdlibm's split)
	ln2Lo  = 1.90821492927058770002e-10 // ln 2 - ln2Hi
	invLn2 = 1.44269504088896338700e+00
)

// pexp returns e**x.
func pexp(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return x
	case x > 709.782712893384:
		return math.Inf(1)
	case x < -745.1332191019412:
		return 0
	}
	k := math.Round(float64(x * invLn2))
	r := (x - float64(k*ln2Hi)) - float64(k*ln2Lo) // |r| <= 0.35
	// exp(r) = 1 + r(1 + r/2(1 + r/3(1 + ...))), to r^16/16!.
	p := 1.0
	for n := 16; n >= 1; n-- {
		p = 1 + float64(r*p)/float64(n)
	}
	return math.Ldexp(p, int(k))
}

// plog returns the natural logarithm of x (NaN below 0, -Inf at 0).
func plog(x float64) float64 {
	switch {
	case math.IsNaN(x) || x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	}
	m, e := math.Frexp(x) // x = m 2^e, m in [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	// log m = 2 atanh(s) = 2(s + s^3/3 + s^5/5 + ...), s = (m-1)/(m+1),
	// |s| <= 0.172, so s^2 <= 0.0295 and 13 terms reach 1e-19.
	s := (m - 1) / (m + 1)
	s2 := float64(s * s)
	p := 1.0 / 27
	for k := 12; k >= 0; k-- {
		p = float64(p*s2) + 1/float64(2*k+1)
	}
	fe := float64(e)
	return float64(fe*ln2Hi) + (float64(2*s*p) + float64(fe*ln2Lo))
}

// normals draws standard normal variates by Marsaglia's polar method from
// one random source, keeping the second variate of each pair.
type normals struct {
	r     *rand.Rand
	spare float64
	has   bool
}

// next returns the next standard normal variate.
func (n *normals) next() float64 {
	if n.has {
		n.has = false
		return n.spare
	}
	for {
		u := 2*n.r.Float64() - 1
		v := 2*n.r.Float64() - 1
		s := float64(u*u) + float64(v*v)
		if s == 0 || s >= 1 {
			continue
		}
		f := math.Sqrt(-2 * plog(s) / s)
		n.spare, n.has = float64(v*f), true
		return float64(u * f)
	}
}
