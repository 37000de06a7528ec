package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// richardsonSpectralRadius returns the largest modulus of the eigenvalues of the
// Euler map's matrix I + dt J, J = [[-Alpha, K], [L, -Beta]], computed
// independently of richardson.StableEuler (from the characteristic
// polynomial, not from Jury's conditions).
func richardsonSpectralRadius(r richardson, dt float64) float64 {
	a, b := 1-dt*r.Alpha, dt*r.K
	c, d := dt*r.L, 1-dt*r.Beta
	tr, det := a+d, a*d-b*c
	disc := tr*tr/4 - det
	if disc < 0 {
		return math.Sqrt(det) // a complex pair: |lambda|^2 = det
	}
	s := math.Sqrt(disc)
	return max(math.Abs(tr/2+s), math.Abs(tr/2-s))
}

// iterateRichardson runs the Euler map from a point off the equilibrium
// and reports the ratio of the final to the initial distance from it. It
// runs until the eigenvalues predict a change of e^40, and stops early once
// the distance has grown by e^20 (so a diverging run never overflows).
func iterateRichardson(r richardson, dt float64) float64 {
	xs, ys, _ := r.Equilibrium()
	x, y := xs+1, ys-0.5 // generic: has a component on both eigenvectors
	d0 := math.Hypot(x-xs, y-ys)
	rho := richardsonSpectralRadius(r, dt)
	n := 1_000_000
	if l := math.Abs(math.Log(rho)); l > 0 {
		n = min(n, int(math.Ceil(40/l)))
	}
	for range n {
		x, y = r.Step(x, y, dt)
		if math.Hypot(x-xs, y-ys) > math.Exp(20)*d0 {
			break
		}
	}
	return math.Hypot(x-xs, y-ys) / d0
}

func TestRichardsonEquilibriumIsFixedPoint(t *testing.T) {
	cases := []richardson{
		{K: 0.05, L: 0.05, Alpha: 0.1, Beta: 0.1, G: 0.2, H: 0.2},
		{K: 0.3, L: 0.1, Alpha: 0.5, Beta: 0.2, G: 1, H: -0.5},
		{K: 2, L: 3, Alpha: 1, Beta: 1, G: 0.5, H: 0.7}, // unstable, still a fixed point
		{K: -0.4, L: 0.6, Alpha: 0.2, Beta: 0.9, G: -3, H: 2},
		{K: 0, L: 0, Alpha: 1, Beta: 4, G: 2, H: 8},
	}
	for _, r := range cases {
		x, y, ok := r.Equilibrium()
		if !ok {
			t.Fatalf("%+v: no equilibrium", r)
		}
		det := r.Alpha*r.Beta - r.K*r.L
		wx, wy := (r.Beta*r.G+r.K*r.H)/det, (r.L*r.G+r.Alpha*r.H)/det
		// 1e-12 relative: the same formula, evaluated with or without
		// fused multiply-adds, differs by a few ulps.
		if math.Abs(x-wx) > 1e-12*math.Abs(wx) || math.Abs(y-wy) > 1e-12*math.Abs(wy) {
			t.Errorf("%+v: equilibrium (%v, %v), formula (%v, %v)", r, x, y, wx, wy)
		}
		for _, dt := range []float64{0.1, 1, 2.5} {
			x1, y1 := r.Step(x, y, dt)
			// dx = K y* - Alpha x* + G vanishes up to the rounding of its
			// three terms: a few ulps of the largest, times dt.
			tol := 1e-13 * dt * (math.Abs(r.K*y) + math.Abs(r.Alpha*x) + math.Abs(r.G) + math.Abs(r.L*x) + math.Abs(r.Beta*y) + math.Abs(r.H))
			if math.Abs(x1-x) > tol || math.Abs(y1-y) > tol {
				t.Errorf("%+v dt=%v: Step moves the equilibrium (%v, %v) to (%v, %v)", r, dt, x, y, x1, y1)
			}
		}
	}
	// Alpha Beta = K L: no (unique) equilibrium.
	if _, _, ok := (richardson{K: 0.5, L: 0.5, Alpha: 0.5, Beta: 0.5, G: 1, H: 1}).Equilibrium(); ok {
		t.Error("Equilibrium reports a fixed point with Alpha Beta = K L")
	}
}

// TestRichardsonStability checks StableEuler and StableContinuous around
// their boundaries, and that iteration converges or diverges accordingly.
// In the symmetric case (K = L = k, Alpha = Beta = a) the Euler map's
// eigenvalues are 1 - dt (a - k) (mode x = y) and 1 - dt (a + k) (mode
// x = -y): it is stable iff a > k and dt (a + k) < 2, while the
// continuous system is stable iff a > k (a^2 > k^2).
func TestRichardsonStability(t *testing.T) {
	const eps = 1e-9 // relative nudge across a boundary: far above rounding, far below any case's scale
	cases := []struct {
		name       string
		r          richardson
		dt         float64
		euler, ode bool
		iterate    bool // whether to iterate (not at the boundary itself)
	}{
		{"symmetric a>k dt=1", richardson{K: 0.05, L: 0.05, Alpha: 0.1, Beta: 0.1, G: 1, H: 1}, 1, true, true, true},
		{"symmetric a<k dt=1", richardson{K: 0.15, L: 0.15, Alpha: 0.1, Beta: 0.1, G: 1, H: 1}, 1, false, false, true},
		{"ab=kl exactly", richardson{K: 0.5, L: 0.5, Alpha: 0.5, Beta: 0.5, G: 1, H: 1}, 1, false, false, false},
		{"ab just above kl", richardson{K: 0.5 * (1 - eps), L: 0.5, Alpha: 0.5, Beta: 0.5, G: 1, H: 1}, 1, true, true, false},
		{"ab just below kl", richardson{K: 0.5 * (1 + eps), L: 0.5, Alpha: 0.5, Beta: 0.5, G: 1, H: 1}, 1, false, false, false},
		{"ab 1% above kl", richardson{K: 0.495, L: 0.5, Alpha: 0.5, Beta: 0.5, G: 1, H: 1}, 1, true, true, true},
		{"ab 1% below kl", richardson{K: 0.505, L: 0.5, Alpha: 0.5, Beta: 0.5, G: 1, H: 1}, 1, false, false, true},
		{"asymmetric ab>kl", richardson{K: 0.9, L: 0.1, Alpha: 0.4, Beta: 0.3, G: 1, H: 0}, 1, true, true, true},
		{"asymmetric ab<kl", richardson{K: 0.9, L: 0.2, Alpha: 0.4, Beta: 0.3, G: 1, H: 0}, 1, false, false, true},
		// dt (a + k) = 2: a = 0.75, k = 0.25, dt = 2 is exact in binary.
		{"dt(a+k)=2 exactly", richardson{K: 0.25, L: 0.25, Alpha: 0.75, Beta: 0.75, G: 1, H: 1}, 2, false, true, false},
		{"dt(a+k) just below 2", richardson{K: 0.25, L: 0.25, Alpha: 0.75, Beta: 0.75, G: 1, H: 1}, 2 * (1 - eps), true, true, false},
		{"dt(a+k) just above 2", richardson{K: 0.25, L: 0.25, Alpha: 0.75, Beta: 0.75, G: 1, H: 1}, 2 * (1 + eps), false, true, false},
		{"dt(a+k)=1.99", richardson{K: 0.5, L: 0.5, Alpha: 1, Beta: 1, G: 1, H: 1}, 1.99 / 1.5, true, true, true},
		{"dt(a+k)=2.01", richardson{K: 0.5, L: 0.5, Alpha: 1, Beta: 1, G: 1, H: 1}, 2.01 / 1.5, false, true, true},
		{"large dt, a>k", richardson{K: 0.1, L: 0.1, Alpha: 0.5, Beta: 0.5, G: 1, H: 1}, 4, false, true, true},
		{"oscillating stable dt=3", richardson{K: 0.1, L: 0.1, Alpha: 0.5, Beta: 0.5, G: 1, H: 1}, 3, true, true, true},
		{"complex eigenvalues, stable", richardson{K: 0.3, L: -0.3, Alpha: 0.1, Beta: 0.1, G: 1, H: 0}, 1, true, true, true},
		{"complex eigenvalues, dt too large", richardson{K: 0.3, L: -0.3, Alpha: 0.1, Beta: 0.1, G: 1, H: 0}, 3, false, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.StableEuler(tc.dt); got != tc.euler {
				t.Errorf("StableEuler(%v) = %v, want %v (spectral radius %.12f)", tc.dt, got, tc.euler, richardsonSpectralRadius(tc.r, tc.dt))
			}
			if got := tc.r.StableContinuous(); got != tc.ode {
				t.Errorf("StableContinuous() = %v, want %v", got, tc.ode)
			}
			if got, want := tc.r.StableContinuous(), tc.r.Alpha*tc.r.Beta > tc.r.K*tc.r.L; got != want {
				t.Errorf("StableContinuous() = %v, but Alpha Beta > K L is %v", got, want)
			}
			if !tc.iterate {
				return
			}
			ratio := iterateRichardson(tc.r, tc.dt)
			// The eigenvalues predict a factor e^-40 (stable) or a growth
			// past e^20 (unstable); e^-20 and e^20 leave e^20 of room for
			// the transient of a non-normal matrix and for rounding.
			if tc.euler && ratio > math.Exp(-20) {
				t.Errorf("stable map did not converge: distance ratio %g", ratio)
			}
			if !tc.euler && ratio < math.Exp(20) {
				t.Errorf("unstable map did not diverge: distance ratio %g", ratio)
			}
		})
	}
}

// TestRichardsonStableEulerMatchesEigenvalues checks Jury's conditions in
// StableEuler against the spectral radius over random parameters (fixed
// seed), skipping draws within 1e-9 of the boundary where rounding could
// decide either way.
func TestRichardsonStableEulerMatchesEigenvalues(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for range 20000 {
		r := richardson{K: rng.Float64()*2 - 0.5, L: rng.Float64()*2 - 0.5, Alpha: rng.Float64() * 2, Beta: rng.Float64() * 2, G: 1, H: 1}
		dt := rng.Float64() * 3
		rho := richardsonSpectralRadius(r, dt)
		if math.Abs(rho-1) < 1e-9 {
			continue
		}
		checked++
		if got := r.StableEuler(dt); got != (rho < 1) {
			t.Fatalf("%+v dt=%v: StableEuler = %v, spectral radius %v", r, dt, got, rho)
		}
	}
	if checked < 19000 {
		t.Fatalf("only %d draws checked", checked)
	}
}

// meanFieldParams is the model's two-state mean-field limit: two states and
// no other actors, no espionage and no pre-emptive strikes, so no act is
// ever launched and tension follows the symmetric Richardson map alone.
func meanFieldParams(t *testing.T, g, k, alpha, dt float64) Params {
	t.Helper()
	p := DefaultParams()
	for _, kv := range [][2]string{
		{"mechanics", "cyber"}, {"states", "2"}, {"firms", "0"}, {"citizens", "0"}, {"criminals", "0"},
		{"hacktivists", "0"}, {"vigilantes", "0"}, {"espionage_rate", "0"}, {"defend_forward", "0"},
		{"tension_grievance", formatFloat(g)}, {"tension_reaction", formatFloat(k)},
		{"tension_restraint", formatFloat(alpha)}, {"tension_dt", formatFloat(dt)},
	} {
		if err := p.Set(kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// TestModelTensionMeanField runs the two-state world and compares its
// tension with the closed form of the symmetric map started at 0:
// x_n = x* (1 - r^n), r = 1 - dt (alpha - k), x* = g / (alpha - k), which
// approaches x* when |r| < 1 and grows without bound when k > alpha
// (r > 1); at k = alpha it grows linearly, x_n = n dt g.
func TestModelTensionMeanField(t *testing.T) {
	cases := []struct {
		g, k, alpha, dt float64
		ticks           int
		stable          bool
	}{
		{0.1, 0.05, 0.1, 1, 400, true},
		{1, 0, 0.5, 1, 100, true},
		{-0.5, 0.05, 0.1, 1, 400, true},
		{0.2, 0.3, 0.5, 2, 100, true},
		{0.2, 0.1, 0.5, 3, 100, true}, // r = -0.2: oscillates toward x*
		{0.1, 0.2, 0.1, 1, 365, false},
		{0.1, 1, 0.5, 0.5, 365, false},
		{0.1, 0.1, 0.1, 1, 365, false}, // k = alpha: linear growth
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("g=%v k=%v alpha=%v dt=%v", tc.g, tc.k, tc.alpha, tc.dt), func(t *testing.T) {
			m, err := New(meanFieldParams(t, tc.g, tc.k, tc.alpha, tc.dt), 1, nil)
			if err != nil {
				t.Fatal(err)
			}
			r := 1 - tc.dt*(tc.alpha-tc.k)
			xs := 0.0
			if tc.alpha != tc.k {
				xs = tc.g / (tc.alpha - tc.k)
			}
			var s TickStats
			peak := 0.0 // Totals.TensionPeak starts at 0, the tension before the first tick
			for n := 1; n <= tc.ticks; n++ {
				prev := m.Tension(0, 1)
				s = m.Step()
				x := m.Tension(0, 1)
				want := xs * (1 - math.Pow(r, float64(n)))
				if tc.alpha == tc.k {
					want = float64(n) * tc.dt * tc.g
				}
				// Relative 1e-9: n <= 400 steps each add a few ulps of
				// rounding, and the closed form's r^n another few.
				if math.Abs(x-want) > 1e-9*math.Max(math.Abs(want), math.Abs(tc.g)) {
					t.Fatalf("tick %d: tension %v, closed form %v", n-1, x, want)
				}
				if y := m.Tension(1, 0); y != x {
					t.Fatalf("tick %d: asymmetric tension %v vs %v with no acts", n-1, x, y)
				}
				if s.TensionMean != x || s.TensionMax != x {
					t.Fatalf("tick %d: TensionMean %v, TensionMax %v, tension %v", n-1, s.TensionMean, s.TensionMax, x)
				}
				peak = max(peak, s.TensionMax)
				if !tc.stable && x <= prev {
					t.Fatalf("tick %d: unstable tension did not grow: %v -> %v", n-1, prev, x)
				}
			}
			tot := m.Finish()
			if tot.Acts != 0 {
				t.Fatalf("%d acts in a world that should have none", tot.Acts)
			}
			x := m.Tension(0, 1)
			if tc.stable {
				// |r|^ticks < 1e-8 in every stable case: within 1e-6 of x*.
				if math.Abs(x-xs) > 1e-6*math.Abs(xs) {
					t.Errorf("tension %v after %d ticks, equilibrium g/(alpha-k) = %v", x, tc.ticks, xs)
				}
			} else {
				// Geometric growth r^365 >= 1.1^365 > 1e15, or linear 36.5.
				lim := 1e10
				if tc.alpha == tc.k {
					lim = 30
				}
				if x < lim {
					t.Errorf("tension %v after %d ticks with k >= alpha: want unbounded growth (> %g)", x, tc.ticks, lim)
				}
			}
			if tot.TensionPeak != peak {
				t.Errorf("TensionPeak %v, largest TensionMax of the ticks %v", tot.TensionPeak, peak)
			}
		})
	}
}
