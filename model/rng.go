package model

import (
	"encoding/binary"
	"math/rand/v2"
)

// seedKeyTag fills the last 24 bytes of a run's ChaCha8 key.
const seedKeyTag = "escalation/run-rng/v1..."

// NewRNG returns the generator of a run with the given seed: ChaCha8 keyed by
// the seed's 8 bytes in little-endian order followed by the 24 ASCII bytes
// "escalation/run-rng/v1...". Everything random in a run is drawn from it, in
// the order the model's rules run.
func NewRNG(seed uint64) *rand.Rand {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:8], seed)
	copy(key[8:], seedKeyTag)
	return rand.New(rand.NewChaCha8(key))
}

// RunSeed derives the seed of run number index of a batch from its master
// seed: the first 8 bytes (little-endian) of the ChaCha8 stream keyed by the
// master seed and "escalation/sweep/v1" with the index in the nonce-like
// last 8 bytes. Replicates so derived are independent, and any one can be
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

// expNeg returns e^x for x <= 0 using only correctly rounded + and *, so
// it gives the same bits on every platform (unlike math.Exp). x is scaled
// by 2^-10, a degree-9 Taylor polynomial is evaluated, and the result is
// squared ten times; relative error is below 1e-12.
func expNeg(x float64) float64 {
	if x > 0 {
		return 1 / expNeg(-x)
	}
	if x < -700 {
		return 0
	}
	y := x / 1024
	s := 1.0
	for k := 9; k >= 1; k-- {
		s = 1 + float64(float64(s*y)/float64(k))
	}
	for range 10 {
		s = float64(s * s)
	}
	return s
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
