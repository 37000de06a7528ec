package calibrate

import (
	"fmt"
	"math"
)

// Prior kinds.
const (
	// Uniform is a prior flat on [Lo, Hi].
	Uniform = "uniform"
	// LogUniform is a prior flat in log x on [Lo, Hi] (Lo > 0): each
	// factor of ten is equally likely.
	LogUniform = "loguniform"
)

// Prior is the prior distribution of one parameter.
//
// The algorithm works in a transformed space where the parameter is x
// (uniform) or log x (loguniform), so every prior is flat there on a box.
// An Integer parameter is a continuous latent value u flat on
// [Lo-0.5, Hi+0.5] (in log u for loguniform) that the simulator sees
// rounded to the nearest integer: each integer from Lo to Hi has the prior
// mass of its rounding cell (equal masses for uniform; about 1/k for
// loguniform). The kernel and the importance weights use the latent value
// (Generation.Latent), so the weights are exact densities, not densities
// of the rounded value, and the posterior of the rounded value is the image
// of the latent posterior.
type Prior struct {
	// Name names the parameter in errors, summaries and figures.
	Name string
	// Kind is Uniform or LogUniform.
	Kind string
	// Lo and Hi bound the support, inclusive. Integer priors need integer
	// bounds; LogUniform needs Lo > 0 (Lo >= 1 if Integer).
	Lo, Hi float64
	// Integer rounds the parameter to an integer before the simulator
	// sees it (see the type's doc for the density).
	Integer bool
}

// Validate reports a prior that cannot be sampled, naming it.
func (p Prior) Validate() error {
	name := p.Name
	if name == "" {
		return fmt.Errorf("calibrate: a prior has no name (kind %q, range [%g, %g])", p.Kind, p.Lo, p.Hi)
	}
	if p.Kind != Uniform && p.Kind != LogUniform {
		return fmt.Errorf("calibrate: prior %q: kind %q is unknown (allowed: %q, %q)", name, p.Kind, Uniform, LogUniform)
	}
	if math.IsNaN(p.Lo) || math.IsNaN(p.Hi) || math.IsInf(p.Lo, 0) || math.IsInf(p.Hi, 0) {
		return fmt.Errorf("calibrate: prior %q: bounds [%g, %g] must be finite numbers", name, p.Lo, p.Hi)
	}
	if p.Lo >= p.Hi {
		return fmt.Errorf("calibrate: prior %q: Lo %g must be below Hi %g", name, p.Lo, p.Hi)
	}
	if p.Kind == LogUniform && p.Lo <= 0 {
		return fmt.Errorf("calibrate: prior %q: a %s prior needs Lo > 0, not %g", name, LogUniform, p.Lo)
	}
	if p.Integer {
		if p.Lo != math.Trunc(p.Lo) || p.Hi != math.Trunc(p.Hi) {
			return fmt.Errorf("calibrate: prior %q: an integer prior needs integer bounds, not [%g, %g]", name, p.Lo, p.Hi)
		}
		if p.Kind == LogUniform && p.Lo < 1 {
			return fmt.Errorf("calibrate: prior %q: an integer %s prior needs Lo >= 1, not %g", name, LogUniform, p.Lo)
		}
	}
	return nil
}

// latent returns the bounds of the prior's support in the transformed
// space the algorithm works in.
func (p Prior) latent() (lo, hi float64) {
	lo, hi = p.Lo, p.Hi
	if p.Integer {
		lo, hi = lo-0.5, hi+0.5
	}
	if p.Kind == LogUniform {
		lo, hi = plog(lo), plog(hi)
	}
	return lo, hi
}

// value returns the parameter the simulator sees for latent value z:
// back-transformed, rounded if Integer, kept inside [Lo, Hi].
func (p Prior) value(z float64) float64 {
	x := z
	if p.Kind == LogUniform {
		x = pexp(z)
	}
	if p.Integer {
		x = math.Round(x)
	}
	return min(max(x, p.Lo), p.Hi)
}

// box is the priors' support in the transformed space.
type box struct {
	lo, hi []float64
}

func newBox(priors []Prior) box {
	b := box{lo: make([]float64, len(priors)), hi: make([]float64, len(priors))}
	for k, p := range priors {
		b.lo[k], b.hi[k] = p.latent()
	}
	return b
}

// inside reports whether latent point z is in the support.
func (b box) inside(z []float64) bool {
	for k, v := range z {
		if !(v >= b.lo[k] && v <= b.hi[k]) {
			return false
		}
	}
	return true
}

// width returns the support's width in dimension k.
func (b box) width(k int) float64 { return b.hi[k] - b.lo[k] }

// values returns the parameters the simulator sees for latent point z.
func values(priors []Prior, z []float64) []float64 {
	x := make([]float64, len(z))
	for k, p := range priors {
		x[k] = p.value(z[k])
	}
	return x
}
