// Vigilantes (docs/ODD.md §7.13): a vigilante's anger fades, grows with
// every hit, and at his temper he strikes the suspect's country.

package model

// anger lets a vigilante's anger fade, grow with the hit (more when his
// state did not answer), and, at his temper, strike the suspect's whole
// country: the state first, then random actors at home there.
func (m *Model) anger(V *Actor, a *Act, slot int32, suspect int32, answered bool) {
	if dt := m.tick - V.angerTick; dt > 0 {
		V.Anger = float64(V.Anger * powInt(1-m.p.AngerDecay, dt))
	}
	V.angerTick = m.tick
	V.Anger += m.p.AngerPerHit
	if !answered {
		V.Anger += m.p.InactionAnger
	}
	if V.Anger < m.p.VigilanteTemper {
		return
	}
	V.Anger = 0
	delay := m.answerDelay()
	home := m.actors[suspect].State
	if home == V.State {
		m.answer(a, slot, ActVigilante, V.ID, suspect, m.p.VigilanteIntensity, delay)
		return
	}
	j := m.jurisdiction[home]
	for k := range m.p.VigilanteBurst {
		target := home
		if k > 0 {
			target = j[m.rng.IntN(len(j))]
		}
		m.answer(a, slot, ActVigilante, V.ID, target, m.p.VigilanteIntensity, delay)
	}
}
