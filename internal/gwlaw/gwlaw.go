// Package gwlaw is the law of the branching preset's cascades: the sizes
// of the trees of a Galton–Watson process whose offspring is
// Bernoulli(q) + Poisson(q c) (each act harms its target and Poisson(c)
// bystanders; each harm draws one answer with probability q). The model's
// tests check the branching mechanics against it; the page draws it under
// the run's cascade sizes.
package gwlaw

import (
	"fmt"
	"math"
)

// Mean is the mean offspring m = q (1 + c): below 1 cascades die out at
// a geometric rate, at 1 cascades of every size happen.
func Mean(q, c float64) float64 { return q * (1 + c) }

// SizePMF returns P(S = n) for n = 0..nmax (index n; P(S = 0) = 0) of the
// total progeny S of the tree, by the hitting-time formula of Dwass
// (1969): P(S = n) = (1/n) P(X_1 + ... + X_n = n - 1), where the sum of n
// offspring counts is Binomial(n, q) + Poisson(n q c).
func SizePMF(q, c float64, nmax int) []float64 {
	pmf := make([]float64, max(nmax, 0)+1)
	for n := 1; n <= nmax; n++ {
		s := 0.0
		for k := 0; k <= n-1; k++ {
			s += math.Exp(LogBinomPMF(n, k, q) + LogPoissonPMF(float64(n)*q*c, n-1-k))
		}
		pmf[n] = s / float64(n)
	}
	return pmf
}

// CCDF returns P(S >= n) for n = 0..nmax from a pmf of SizePMF (index n;
// P(S >= 0) = P(S >= 1) = 1 up to rounding). A subcritical or critical
// tree is finite, so the tail beyond nmax is 1 minus the sum below it.
func CCDF(pmf []float64) []float64 {
	out := make([]float64, len(pmf))
	below := 0.0
	for n := range pmf {
		out[n] = max(1-below, 0)
		below += pmf[n]
	}
	return out
}

// Caption says the law in one line of plain words, with the world's
// numbers.
func Caption(q, c float64) string {
	return fmt.Sprintf("Each act harms its target and on average %s bystanders; each harm is answered with probability %s, so each act is answered by k others, m = %s on average. Below m = 1 large cascades are exponentially rare; at m = 1 cascades of every size happen.",
		num(c), num(q), num(Mean(q, c)))
}

func num(v float64) string { return fmt.Sprintf("%.3g", v) }

// LogBinomPMF is log P(X = k) for X ~ Binomial(n, q).
func LogBinomPMF(n, k int, q float64) float64 {
	if k < 0 || k > n {
		return math.Inf(-1)
	}
	switch q {
	case 0:
		if k == 0 {
			return 0
		}
		return math.Inf(-1)
	case 1:
		if k == n {
			return 0
		}
		return math.Inf(-1)
	}
	ln, _ := math.Lgamma(float64(n + 1))
	lk, _ := math.Lgamma(float64(k + 1))
	lnk, _ := math.Lgamma(float64(n - k + 1))
	return ln - lk - lnk + float64(k)*math.Log(q) + float64(n-k)*math.Log1p(-q)
}

// LogPoissonPMF is log P(X = j) for X ~ Poisson(lambda).
func LogPoissonPMF(lambda float64, j int) float64 {
	if lambda == 0 {
		if j == 0 {
			return 0
		}
		return math.Inf(-1)
	}
	lj, _ := math.Lgamma(float64(j + 1))
	return -lambda + float64(j)*math.Log(lambda) - lj
}
