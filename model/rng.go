// Random helpers and exact arithmetic (docs/ODD.md §7.1, §3.6): the run's
// generators derived from its seed, Bernoulli, Poisson and the other draws,
// and expNeg, which gives the same bits on every platform.

package model

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
)

// seedKeyTag fills the last 24 bytes of a run's ChaCha8 key.
const seedKeyTag = "escalation/run-rng/v1..."

// newRNG returns the generator of a run with the given seed: ChaCha8 keyed by
// the seed's 8 bytes in little-endian order followed by the 24 ASCII bytes
// "escalation/run-rng/v1...". Everything random in a run is drawn from it, in
// the order the model's rules run.
func newRNG(seed uint64) *rand.Rand {
	return rand.New(rand.NewChaCha8(runKey(seed)))
}

// runKey is the ChaCha8 key of the run with the given seed (see newRNG).
func runKey(seed uint64) [32]byte {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:8], seed)
	copy(key[8:], seedKeyTag)
	return key
}

// RunSeed derives the seed of run number index of a batch from its master
// seed: the first 8 bytes (little-endian) of the ChaCha8 stream keyed by the
// key whose first 8 bytes are the master seed (little-endian), the next 16
// the ASCII bytes "escalation/sweep" and the last 8 the index
// (little-endian). Replicates so derived are independent, and any one can be
// replayed alone with `escalate run --seed RunSeed(master, index)`.
func RunSeed(master uint64, index uint64) uint64 {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:8], master)
	copy(key[8:24], "escalation/sweep")
	binary.LittleEndian.PutUint64(key[24:], index)
	return rand.NewChaCha8(key).Uint64()
}

// bernoulli reports true with probability p.
func bernoulli(r *rand.Rand, p float64) bool {
	if p <= 0 {
		return false
	}
	if p >= 1 {
		return true
	}
	return r.Float64() < p
}

// expNeg returns e^x using only correctly rounded +, * and exact scaling by
// powers of two, so it gives the same bits on every platform (unlike
// math.Exp, whose assembly differs between amd64 and WebAssembly). The
// argument is reduced to x = n ln2 + r with |r| <= ln2/2 (Cody-Waite, ln2
// split in two parts), e^r is a degree-14 Taylor polynomial, and the result
// is scaled by 2^n; the relative error is a few ulps. For x < -708 it
// returns 0 (e^-708 is about 3e-308, near the smallest normal float64).
func expNeg(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01 // ln2 with its low bits cleared: n*ln2Hi is exact
		ln2Lo = 1.90821492927058770002e-10
		log2e = 1.44269504088896338700e+00
	)
	switch {
	case x != x: // NaN
		return x
	case x > 709:
		return math.Inf(1)
	case x < -708:
		return 0
	}
	n := math.Floor(float64(x*log2e) + 0.5)
	r := (x - float64(n*ln2Hi)) - float64(n*ln2Lo)
	s := 1.0
	for k := 14; k >= 1; k-- {
		s = 1 + float64(float64(s*r)/float64(k))
	}
	return math.Ldexp(s, int(n))
}

// poisson draws a Poisson variate with mean lambda by inversion, splitting
// large means into chunks of at most 8 so that e^-chunk stays well scaled.
func poisson(r *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	n := 0
	for lambda > 8 {
		n += poissonSmall(r, 8, expNeg8)
		lambda -= 8
	}
	return n + poissonSmall(r, lambda, expNeg(-lambda))
}

// expNeg8 is expNeg(-8), computed once at compile time of the constant path.
var expNeg8 = expNeg(-8)

func poissonSmall(r *rand.Rand, lambda, p0 float64) int {
	u := r.Float64()
	k := 0
	p := p0
	cdf := p
	for u > cdf {
		k++
		p = float64(p*lambda) / float64(k)
		cdf += p
		if k > 1000 { // numerical tail guard; unreachable for lambda <= 8 in practice
			break
		}
	}
	return k
}

// binomial2 draws Binomial(2, p).
func binomial2(r *rand.Rand, p float64) int {
	n := 0
	if bernoulli(r, p) {
		n++
	}
	if bernoulli(r, p) {
		n++
	}
	return n
}

// normalish returns an approximately standard normal variate as the scaled
// sum of four uniforms (Irwin-Hall), using only + and *.
func normalish(r *rand.Rand) float64 {
	s := r.Float64() + r.Float64() + r.Float64() + r.Float64()
	return float64((s - 2) * 1.7320508075688772)
}
