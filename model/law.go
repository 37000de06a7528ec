// Law enforcement (docs/ODD.md §7.16): reports, the queue of prosecutions,
// and the deterrence of the guilty when a prosecution falls due.

package model

type prosecution struct {
	due     int
	suspect int32
	guilty  bool
}

// report passes an attack to law enforcement: above le_threshold, with
// probability le_capacity (times le_foreign for a suspect abroad), the
// suspect is prosecuted le_delay ticks later; only the true attacker is
// then deterred.
func (m *Model) report(v int32, a *Act, suspect int32, conf float64) {
	if conf < m.p.LEThreshold || suspect == None || m.actors[suspect].Kind == KindState {
		return // law enforcement does not prosecute states
	}
	p := m.p.LECapacity
	if m.actors[suspect].State != m.actors[v].State {
		p = float64(p * m.p.LEForeign)
	}
	if bernoulli(m.rng, p) {
		m.lawQueue = append(m.lawQueue, prosecution{due: m.tick + m.p.LEDelay, suspect: suspect, guilty: suspect == a.Origin})
	}
}

func (m *Model) runProsecutions() {
	for m.lawHead < len(m.lawQueue) && m.lawQueue[m.lawHead].due <= m.tick {
		c := m.lawQueue[m.lawHead]
		m.lawHead++
		if c.guilty {
			a := &m.actors[c.suspect]
			a.deterredUntil = max(a.deterredUntil, m.tick+m.p.ProsecutionTicks)
			m.stats.Prosecutions++
		} else {
			m.stats.Wrongful++
		}
	}
	if m.lawHead > 0 && m.lawHead*2 >= len(m.lawQueue) {
		n := copy(m.lawQueue, m.lawQueue[m.lawHead:])
		m.lawQueue = m.lawQueue[:n]
		m.lawHead = 0
	}
}
