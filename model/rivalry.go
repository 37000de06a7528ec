// States' cyber power and rivalries (docs/ODD.md §5.2, §7.4.1): each
// state's power z_s, which spreads its operation rate and its capability,
// and the rivalry network that decides whom its operations go at. Both are
// drawn at initialisation from a stream of their own, so that a world
// without spread or rivalries draws exactly what it drew before they
// existed.

package model

import "math/rand/v2"

// dealStates draws every state's power and the rivalry network, from a
// generator derived from the seed alone.
func (m *Model) dealStates() {
	p := &m.p
	ns := p.States
	m.power = zeroed(m.power, ns)
	m.activity = zeroed(m.activity, ns)
	m.rivals = buckets(m.rivals, ns)
	m.allRivals = p.RivalryDensity >= 1
	if p.StateActivitySpread == 0 && p.StateCapabilitySpread == 0 && p.RivalryConcentration == 0 && m.allRivals {
		for s := range m.activity {
			m.activity[s] = 1
		}
		return // nothing to draw: every state alike, every pair rivals
	}
	r := rand.New(derivedStream(&m.stateDeal, m.seed, 0x5851f42d4c957f2d))
	for s := range m.power {
		m.power[s] = standardNormal(r)
	}
	for s := range ns {
		m.activity[s] = lognormalOne(p.StateActivitySpread, m.power[s])
		a := &m.actors[s]
		a.Strength = float64(a.Strength * lognormalOne(p.StateCapabilitySpread, m.power[s]))
		a.Value = float64(p.StateValue * a.Strength)
	}
	if !m.allRivals {
		m.drawRivalries(r)
	}
}

// drawRivalries makes each pair of states (i, j) rivals with probability
// min(1, c w_i w_j), w_s = e^(concentration z_s), where c makes the
// expected share of rival pairs rivalry_density (a Chung-Lu graph:
// powerful states draw rivals).
func (m *Model) drawRivalries(r *rand.Rand) {
	p := &m.p
	ns := p.States
	m.scratch = zeroed(m.scratch, ns)
	w := m.scratch
	for s := range ns {
		w[s] = expNeg(float64(p.RivalryConcentration * m.power[s]))
	}
	c := rivalryScale(w, float64(p.RivalryDensity*float64(ns*(ns-1)))/2)
	for i := range ns {
		for j := i + 1; j < ns; j++ {
			if r.Float64() < float64(c*float64(w[i]*w[j])) {
				m.rivals[i] = append(m.rivals[i], int32(j))
				m.rivals[j] = append(m.rivals[j], int32(i))
			}
		}
	}
}

// rivalryScale returns the c for which the sum over pairs i < j of
// min(1, c w_i w_j) is want (by bisection: the sum rises with c).
func rivalryScale(w []float64, want float64) float64 {
	expected := func(c float64) float64 {
		sum := 0.0
		for i := range w {
			for j := i + 1; j < len(w); j++ {
				sum += min(1, float64(c*float64(w[i]*w[j])))
			}
		}
		return sum
	}
	lo, hi := 0.0, 1.0
	for expected(hi) < want && hi < 1e300 {
		hi *= 2
	}
	for range 100 {
		mid := (lo + hi) / 2
		if expected(mid) < want {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// lognormalOne returns e^(spread z - spread^2/2): a log-normal factor of
// mean one when z is standard normal (1 when spread is 0).
func lognormalOne(spread, z float64) float64 {
	if spread == 0 {
		return 1
	}
	return expNeg(float64(spread*z) - float64(spread*spread)/2)
}

// standardNormal returns an approximately standard normal variate: the sum
// of twelve uniforms less six (Irwin-Hall), which uses only + and so gives
// the same bits on every platform; its tails end at ±6.
func standardNormal(r *rand.Rand) float64 {
	s := 0.0
	for range 12 {
		s += r.Float64()
	}
	return s - 6
}

// rivalState draws a uniformly random rival of state s (None if it has
// none). With every pair rivals it draws any other state, as it always did.
func (m *Model) rivalState(s int32) int32 {
	if m.allRivals {
		return m.foreignState(s)
	}
	rs := m.rivals[s]
	if len(rs) == 0 {
		return None
	}
	return rs[m.rng.IntN(len(rs))]
}

// rivalTarget draws an actor at home in a rival of state s that is not a
// destroyed firm (None after 16 failed draws, or when s has no rivals):
// a rival state uniformly, then one of its people uniformly. With every
// pair rivals it draws any actor at home outside s, as it always did.
func (m *Model) rivalTarget(s int32) int32 {
	if m.allRivals {
		return m.foreignTarget(s)
	}
	rs := m.rivals[s]
	if len(rs) == 0 {
		return None
	}
	for range 16 {
		j := m.jurisdiction[rs[m.rng.IntN(len(rs))]]
		c := j[m.rng.IntN(len(j))]
		if !m.actors[c].Destroyed {
			return c
		}
	}
	return None
}

// Rivals returns the rivals of state s, in increasing order; every other
// state when every pair of states are rivals. The slice is a copy.
func (m *Model) Rivals(s int32) []int32 {
	if m.allRivals {
		out := make([]int32, 0, m.p.States-1)
		for t := range int32(m.p.States) {
			if t != s {
				out = append(out, t)
			}
		}
		return out
	}
	return append([]int32(nil), m.rivals[s]...)
}

// Power returns state s's cyber power z_s (0 when states have no spread).
func (m *Model) Power(s int32) float64 { return m.power[s] }
