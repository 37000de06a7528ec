// Tension (docs/ODD.md §7.19, §9): Richardson's equations, and the update
// of every pair of states' tension at the end of each tick.

package model

// richardson is the two-party Richardson arms-race system
//
//	dx/dt = K*y - Alpha*x + G
//	dy/dt = L*x - Beta*y  + H
//
// K and L are each side's reaction to the other's hostility, Alpha and Beta
// its restraint, G and H its standing grievance.
type richardson struct {
	K, L, Alpha, Beta, G, H float64
}

// Step advances (x, y) by one Euler step of size dt.
func (r richardson) Step(x, y, dt float64) (float64, float64) {
	dx := float64(r.K*y) - float64(r.Alpha*x) + r.G
	dy := float64(r.L*x) - float64(r.Beta*y) + r.H
	return x + float64(dt*dx), y + float64(dt*dy)
}

// Equilibrium returns the fixed point x* = (Beta G + K H)/(Alpha Beta - K L),
// y* = (L G + Alpha H)/(Alpha Beta - K L), and false when Alpha Beta = K L.
func (r richardson) Equilibrium() (x, y float64, ok bool) {
	det := float64(r.Alpha*r.Beta) - float64(r.K*r.L)
	if det == 0 {
		return 0, 0, false
	}
	return (float64(r.Beta*r.G) + float64(r.K*r.H)) / det, (float64(r.L*r.G) + float64(r.Alpha*r.H)) / det, true
}

// StableContinuous reports whether the continuous system's equilibrium is
// stable: Alpha Beta > K L (with positive restraints).
func (r richardson) StableContinuous() bool {
	return r.Alpha > 0 && r.Beta > 0 && float64(r.Alpha*r.Beta) > float64(r.K*r.L)
}

// StableEuler reports whether the Euler map with step dt is stable: both
// eigenvalues of I + dt*J, J = [[-Alpha, K], [L, -Beta]], lie strictly inside
// the unit circle (Jury's conditions for a 2x2 map: |det| < 1 and
// |trace| < 1 + det).
func (r richardson) StableEuler(dt float64) bool {
	a11, a12 := 1-float64(dt*r.Alpha), float64(dt*r.K)
	a21, a22 := float64(dt*r.L), 1-float64(dt*r.Beta)
	tr := a11 + a22
	det := float64(a11*a22) - float64(a12*a21)
	abs := func(v float64) float64 {
		if v < 0 {
			return -v
		}
		return v
	}
	return abs(det) < 1 && abs(tr) < 1+det
}

// updateTension advances every ordered pair of states by one Euler step of
// the symmetric Richardson system, x_ij' = x_ij + dt (k x_ji - alpha x_ij +
// g), then adds the tick's hostility: tension_per_act * (intensity + 1) for
// every act state i blamed on state j or on someone at home in j.
func (m *Model) updateTension() {
	s := m.p.States
	if s < 2 {
		return
	}
	r := richardson{K: m.p.TensionReaction, L: m.p.TensionReaction, Alpha: m.p.TensionRestraint, Beta: m.p.TensionRestraint, G: m.p.TensionGrievance, H: m.p.TensionGrievance}
	sum, max := 0.0, 0.0
	first := true
	for i := 0; i < s; i++ {
		for j := i + 1; j < s; j++ {
			ij, ji := i*s+j, j*s+i
			x, y := r.Step(m.tension[ij], m.tension[ji], m.p.TensionDt)
			x += m.hostile[ij]
			y += m.hostile[ji]
			m.tension[ij], m.tension[ji] = x, y
			sum += x + y
			if first || x > max {
				max = x
			}
			if y > max {
				max = y
			}
			first = false
		}
	}
	m.stats.TensionMean = sum / float64(s*(s-1))
	m.stats.TensionMax = max
}
