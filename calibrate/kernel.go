package calibrate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// kernel is the perturbation kernel of one generation: a multivariate
// normal of covariance 2 Sigma (Sigma the previous generation's weighted
// covariance in the transformed space; Beaumont et al. 2009), applied to a
// particle of the previous generation picked by its weight.
type kernel struct {
	prev    [][]float64 // previous generation's latent particles
	cum     []float64   // cumulative weights, for picking a particle
	logw    []float64   // log weights of the previous generation
	chol    [][]float64 // lower Cholesky factor L of 2 Sigma (+ jitter)
	prevStd [][]float64 // L^-1 prev[j], so that the kernel's exponent is a squared norm
	support box
}

// jitter is the smallest variance the kernel keeps in a dimension,
// relative to the square of the prior's width: a population that has
// collapsed in one dimension keeps a positive-definite covariance.
const jitter = 1e-10

// maxTries bounds the proposals redrawn for one particle because they
// fell outside the prior's support.
const maxTries = 100000

// newKernel builds the kernel from generation g's latent particles and
// weights.
func newKernel(g *Generation, support box) (*kernel, error) {
	cov := weightedCov(g.Latent, g.Weights)
	for k := range cov {
		for l := range cov[k] {
			cov[k][l] *= 2
		}
	}
	var chol [][]float64
	for try, extra := 0, 1.0; ; try, extra = try+1, extra*100 {
		a := make([][]float64, len(cov))
		for k := range cov {
			a[k] = append([]float64(nil), cov[k]...)
			w := support.width(k)
			a[k][k] += float64(jitter*extra) * float64(w*w)
		}
		if c, ok := cholesky(a); ok {
			chol = c
			break
		}
		if try == 5 {
			return nil, fmt.Errorf("calibrate: generation %d: the particles' covariance is not positive definite even with a jitter of %g times the priors' widths squared", g.Index, jitter*extra)
		}
	}
	k := &kernel{prev: g.Latent, chol: chol, support: support}
	k.cum = make([]float64, len(g.Weights))
	k.logw = make([]float64, len(g.Weights))
	s := 0.0
	for j, w := range g.Weights {
		s += w
		k.cum[j] = s
		k.logw[j] = plog(w)
	}
	k.prevStd = make([][]float64, len(g.Latent))
	for j, z := range g.Latent {
		k.prevStd[j] = forward(chol, z)
	}
	return k, nil
}

// propose draws one latent proposal inside the support: a particle picked
// by weight, plus a normal perturbation. A proposal outside the support is
// redrawn whole (particle and perturbation), so the proposal density is
// the kernel mixture restricted to the support with one normalising
// constant, which the normalised weights cancel.
func (k *kernel) propose(r *rand.Rand, nr *normals) ([]float64, error) {
	d := len(k.chol)
	xi := make([]float64, d)
	for range maxTries {
		u := r.Float64() * k.cum[len(k.cum)-1]
		j := sort.SearchFloat64s(k.cum, u)
		for j < len(k.cum)-1 && k.cum[j] <= u {
			j++ // u == cum[j] belongs to the next particle with weight
		}
		for m := range xi {
			xi[m] = nr.next()
		}
		z := make([]float64, d)
		for a := range d {
			s := k.prev[j][a]
			for m := 0; m <= a; m++ {
				s += float64(k.chol[a][m] * xi[m])
			}
			z[a] = s
		}
		if k.support.inside(z) {
			return z, nil
		}
	}
	return nil, fmt.Errorf("calibrate: %d proposals in a row fell outside the priors' support; the population sits at its edge (widen the priors)", maxTries)
}

// logDensity returns the log of the kernel mixture's density at latent z,
// sum_j w_j K(z | z_j), up to a constant common to all z.
func (k *kernel) logDensity(z []float64) float64 {
	y := forward(k.chol, z)
	terms := make([]float64, len(k.prevStd))
	top := math.Inf(-1)
	for j, yj := range k.prevStd {
		q := 0.0
		for a := range y {
			e := y[a] - yj[a]
			q += float64(e * e)
		}
		terms[j] = k.logw[j] - q/2
		top = max(top, terms[j])
	}
	s := 0.0
	for _, t := range terms {
		s += pexp(t - top)
	}
	return top + plog(s)
}

// importanceWeights returns the normalised weights of latent particles z
// proposed by k under a prior flat on the support: w_i proportional to
// 1 / sum_j w_j K(z_i | z_j).
func (k *kernel) importanceWeights(z [][]float64) []float64 {
	logw := make([]float64, len(z))
	top := math.Inf(-1)
	for i, zi := range z {
		logw[i] = -k.logDensity(zi)
		top = max(top, logw[i])
	}
	w := make([]float64, len(z))
	s := 0.0
	for i := range w {
		w[i] = pexp(logw[i] - top)
		s += w[i]
	}
	for i := range w {
		w[i] /= s
	}
	return w
}

// weightedCov returns the weighted covariance of points x (weights w
// summing to one): sum_i w_i (x_i - m)(x_i - m)^T.
func weightedCov(x [][]float64, w []float64) [][]float64 {
	d := len(x[0])
	mean := make([]float64, d)
	for i, xi := range x {
		for a := range d {
			mean[a] += float64(w[i] * xi[a])
		}
	}
	cov := make([][]float64, d)
	for a := range cov {
		cov[a] = make([]float64, d)
	}
	for i, xi := range x {
		for a := range d {
			ea := xi[a] - mean[a]
			wa := float64(w[i] * ea)
			for b := 0; b <= a; b++ {
				cov[a][b] += float64(wa * (xi[b] - mean[b]))
			}
		}
	}
	for a := range d {
		for b := 0; b < a; b++ {
			cov[b][a] = cov[a][b]
		}
	}
	return cov
}

// cholesky returns the lower-triangular L with L L^T = a, or false if a
// is not (numerically) positive definite. It is written out rather than
// taken from gonum/mat because gonum's kernels are assembly on amd64 and
// pure Go (fused on arm64) elsewhere, and the proposals must not change
// with the platform; the test checks it against mat.Cholesky.
func cholesky(a [][]float64) ([][]float64, bool) {
	n := len(a)
	l := make([][]float64, n)
	for i := range l {
		l[i] = make([]float64, n)
	}
	for j := range n {
		s := a[j][j]
		for m := range j {
			s -= float64(l[j][m] * l[j][m])
		}
		if !(s > 0) || math.IsInf(s, 0) {
			return nil, false
		}
		l[j][j] = math.Sqrt(s)
		for i := j + 1; i < n; i++ {
			t := a[i][j]
			for m := range j {
				t -= float64(l[i][m] * l[j][m])
			}
			l[i][j] = t / l[j][j]
		}
	}
	return l, true
}

// forward solves L y = z for lower-triangular L.
func forward(l [][]float64, z []float64) []float64 {
	y := make([]float64, len(z))
	for i := range z {
		s := z[i]
		for m := range i {
			s -= float64(l[i][m] * y[m])
		}
		y[i] = s / l[i][i]
	}
	return y
}

// weightedQuantile returns the smallest x[i] whose cumulative weight, x
// ascending (ties in index order), reaches q of the total weight: the
// inverse of the weighted empirical distribution function.
func weightedQuantile(x, w []float64, q float64) float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	total := 0.0
	for _, v := range w {
		total += v
	}
	target := float64(q * total)
	c := 0.0
	for _, i := range idx {
		c += w[i]
		if c >= target {
			return x[i]
		}
	}
	return x[idx[len(idx)-1]]
}
