// Random helpers and exact arithmetic (docs/ODD.md §7.1, §3.6): the run's
// generators derived from its seed, Bernoulli, Poisson and the other draws,
// and expNeg, which gives the same bits on every platform.

package model

import (
	"encoding/binary"
	"math"
	"math/bits"
	"math/rand/v2"
)

// seedKeyTag fills the last 24 bytes of a run's ChaCha8 key.
const seedKeyTag = "escalation/run-rng/v1..."

// stream is a run's generator: ChaCha8, with the draws the model makes
// (Uint64, Float64, IntN) giving exactly the numbers math/rand/v2's Rand
// gives from the same generator. Rand calls its generator through the
// rand.Source interface; stream calls it directly, so that the draws
// compile to direct calls and Float64 inlines.
type stream struct {
	rand.ChaCha8
}

// newStream returns the generator of a run with the given seed: ChaCha8
// keyed by the seed's 8 bytes in little-endian order followed by the 24
// ASCII bytes "escalation/run-rng/v1...". Everything random in a run is
// drawn from it, in the order the model's rules run.
func newStream(seed uint64) *stream {
	s := &stream{}
	s.Seed(runKey(seed))
	return s
}

// Float64 returns a uniform float64 in [0, 1), as rand.Rand.Float64 does:
// the low 53 bits of one Uint64, over 2^53 (an exact scaling, written as a
// product).
func (s *stream) Float64() float64 {
	return float64(s.Uint64()&(1<<53-1)) * 0x1p-53
}

// IntN returns a uniform int in [0, n), as rand.Rand.IntN does: from one
// Uint64 x, x mod n for a power of two n, else the high half of the 128-bit
// product x n, drawing again while its low half is below 2^64 mod n
// (Lemire's method; Rand's 32-bit path for small n on 32-bit platforms gives
// the same numbers by design). It panics if n <= 0.
func (s *stream) IntN(n int) int {
	if n <= 0 {
		panic("model: IntN of a non-positive bound")
	}
	u := uint64(n)
	x := s.Uint64()
	if u&(u-1) == 0 {
		return int(x & (u - 1))
	}
	hi, lo := bits.Mul64(x, u)
	if lo < u {
		thresh := -u % u
		for lo < thresh {
			hi, lo = bits.Mul64(s.Uint64(), u)
		}
	}
	return int(hi)
}

// runKey is the ChaCha8 key of the run with the given seed (see newStream).
func runKey(seed uint64) [32]byte {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:8], seed)
	copy(key[8:], seedKeyTag)
	return key
}

// derivedStream (re)starts *g as the ChaCha8 stream of the run seed
// seed^salt, reusing its memory after the first run (Model.Reset), and
// returns it: a stream of its own for a draw that must not shift the
// run's other draws.
func derivedStream(g **rand.ChaCha8, seed, salt uint64) *rand.ChaCha8 {
	key := runKey(seed ^ salt)
	if *g == nil {
		*g = rand.NewChaCha8(key)
	} else {
		(*g).Seed(key)
	}
	return *g
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
func bernoulli(r *stream, p float64) bool {
	if p <= 0 {
		return false
	}
	return p >= 1 || r.Float64() < p
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

// poissonDraws draws Poisson variates for one place in the model, by
// inversion, splitting a mean above 8 into chunks of 8 and a final chunk in
// (0, 8] so that e^-chunk stays well scaled. The mean at a place is often
// the same from draw to draw (a parameter, or a rate times a count), so each
// chunk's cumulative distribution is remembered as the inversion computes
// it: a draw is one uniform and a few comparisons, and gives exactly the
// variate that computing the terms afresh gives.
type poissonDraws struct {
	eight inversion // chunks of 8
	last  inversion // the final chunk
}

// draw returns a Poisson variate with mean lambda (0 for lambda <= 0).
func (d *poissonDraws) draw(r *stream, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	n := 0
	for lambda > 8 {
		n += d.eight.draw(r, 8)
		lambda -= 8
	}
	v := &d.last // v.draw(r, lambda), written out: this is the common path
	if lambda != v.lambda {
		v.start(lambda)
	}
	return n + v.invert(r.Float64())
}

// inversion draws Poisson variates with a mean lambda in (0, 8] by
// inversion: the smallest k with u <= P(X <= k) for one uniform u, the
// cumulative probabilities summed term by term from p_0 = expNeg(-lambda)
// with p_k = p_(k-1) lambda / k, and k = 1001 when u exceeds them all up to
// k = 1000 (a numerical tail guard, unreachable in practice). The sums are
// kept for the next draw with the same mean, and extended as draws need
// them.
type inversion struct {
	lambda float64   // the mean of cdf (0: none yet)
	cdf    []float64 // cdf[k] = p_0 + ... + p_k, summed in that order
	p      float64   // the last term summed, p_(len(cdf)-1)
}

// draw returns a Poisson variate with mean lambda in (0, 8].
func (v *inversion) draw(r *stream, lambda float64) int {
	if lambda != v.lambda {
		v.start(lambda)
	}
	return v.invert(r.Float64())
}

// start makes lambda the mean, with p_0 = expNeg(-lambda) the only sum.
func (v *inversion) start(lambda float64) {
	v.lambda, v.p = lambda, expNeg(-lambda)
	v.cdf = append(v.cdf[:0], v.p)
}

// invert returns the variate of the uniform u.
func (v *inversion) invert(u float64) int {
	for k, c := range v.cdf {
		if u <= c {
			return k
		}
	}
	return v.extend(u)
}

// extend sums further terms until the cumulative probability reaches u, and
// returns the variate.
func (v *inversion) extend(u float64) int {
	for k := len(v.cdf); k <= 1000; k++ {
		v.p = float64(v.p*v.lambda) / float64(k)
		c := v.cdf[k-1] + v.p
		v.cdf = append(v.cdf, c)
		if u <= c {
			return k
		}
	}
	return 1001
}

// binomial2 draws Binomial(2, p).
func binomial2(r *stream, p float64) int {
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
func normalish(r *stream) float64 {
	s := r.Float64() + r.Float64() + r.Float64() + r.Float64()
	return float64((s - 2) * 1.7320508075688772)
}
