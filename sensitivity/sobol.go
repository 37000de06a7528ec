package sensitivity

import (
	"math"
	"math/rand/v2"

	"github.com/escalation-model/escalation/sweep"
)

// SaltelliDesign returns the base matrices of Saltelli's scheme for k
// inputs from n points of a 2k-dimensional Sobol sequence (the origin left
// out): A takes the first k coordinates, B the last k. The model is then
// run on A, on B, and on each AB_i (A with column i taken from B): n (k+2)
// points in all. k may be at most sweep.SobolMaxDim / 2.
func SaltelliDesign(n, k int) (a, b [][]float64) {
	pts := sweep.SobolPoints(n+1, 2*k)[1:]
	a, b = make([][]float64, n), make([][]float64, n)
	for j, p := range pts {
		a[j], b[j] = p[:k:k], p[k:]
	}
	return a, b
}

// Mix returns AB_i: the rows of a with column i taken from b.
func Mix(a, b [][]float64, i int) [][]float64 {
	out := make([][]float64, len(a))
	for j := range a {
		row := append([]float64(nil), a[j]...)
		row[i] = b[j][i]
		out[j] = row
	}
	return out
}

// SobolIndex is an input's first-order and total Sobol indices with their
// 95% percentile-bootstrap intervals (NaN without a bootstrap).
type SobolIndex struct {
	S1, S1Low, S1High float64
	ST, STLow, STHigh float64
}

// SobolIndices estimates the first-order indices with Saltelli et al.'s
// (2010) estimator and the total indices with Jansen's (1999), from the
// outputs on A, on B and on each AB_i (yAB[i][j]):
//
//	V    = variance of the 2n outputs on A and B, of mean f0
//	S_i  = (1/n) Σ_j (yB_j - f0) (yAB_ij - yA_j) / V
//	ST_i = (1/2n) Σ_j (yA_j - yAB_ij)² / V
//
// Centring yB on f0 leaves the first-order estimator unbiased (yAB_i and yA
// have the same mean) and keeps its variance from growing with the square
// of the output's mean: without it, an output such as a share near 0.5
// with a small variance gives first-order indices far outside [0, 1].
//
// The intervals resample the n rows (with replacement, the same rows for A,
// B and every AB_i) boot times, from rng.
func SobolIndices(yA, yB []float64, yAB [][]float64, boot int, rng *rand.Rand) []SobolIndex {
	n, k := len(yA), len(yAB)
	rows := make([]int, n)
	for j := range rows {
		rows[j] = j
	}
	est := func(rows []int) (s1, st []float64) {
		var sum, ss float64
		for _, j := range rows {
			sum += yA[j] + yB[j]
		}
		m := sum / float64(2*len(rows))
		for _, j := range rows {
			ss += (yA[j]-m)*(yA[j]-m) + (yB[j]-m)*(yB[j]-m)
		}
		v := ss / float64(2*len(rows)-1)
		s1, st = make([]float64, k), make([]float64, k)
		for i := range k {
			var a, b float64
			for _, j := range rows {
				a += (yB[j] - m) * (yAB[i][j] - yA[j])
				d := yA[j] - yAB[i][j]
				b += d * d
			}
			s1[i] = a / float64(len(rows)) / v
			st[i] = b / float64(2*len(rows)) / v
			if v == 0 {
				s1[i], st[i] = math.NaN(), math.NaN()
			}
		}
		return s1, st
	}
	s1, st := est(rows)
	out := make([]SobolIndex, k)
	nan := math.NaN()
	for i := range out {
		out[i] = SobolIndex{s1[i], nan, nan, st[i], nan, nan}
	}
	if boot <= 0 || n < 2 {
		return out
	}
	bs1, bst := make([][]float64, k), make([][]float64, k)
	re := make([]int, n)
	for range boot {
		for j := range re {
			re[j] = rng.IntN(n)
		}
		a, b := est(re)
		for i := range k {
			bs1[i] = append(bs1[i], a[i])
			bst[i] = append(bst[i], b[i])
		}
	}
	for i := range out {
		out[i].S1Low, out[i].S1High = percentile95(bs1[i])
		out[i].STLow, out[i].STHigh = percentile95(bst[i])
	}
	return out
}
