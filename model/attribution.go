// Attribution and confidence (docs/ODD.md §7.8): whom a harmed actor blames
// for an act, right with probability its skill (less when the act was routed
// or false-flagged), and the confidence it then has.

package model

// attribute returns whom actor v blames for act a and its confidence.
//
// The attribution is right with probability skill, or skill * (1 -
// deception) when the act was routed or false-flagged. A wrong attribution
// names the framed party, else the botnet host, else a uniformly random
// other actor. Confidence is the posterior probability of being right for
// a victim whose prior is its skill and who sees evidence z ~ N(d, 1) when
// right and N(0, 1) when wrong, d = evidence_strength:
// conf = s L / (s L + 1 - s), L = exp(d z - d^2/2). A state may then, with
// probability home_state_blame, blame a foreign private suspect's home
// state instead.
func (m *Model) attribute(v int32, a *Act) (int32, float64) {
	V := &m.actors[v]
	s := m.skill(V)
	p := s
	if a.Via != None || a.Flag != None {
		p = float64(s * (1 - m.p.Deception))
	}
	suspect := a.Origin
	if !bernoulli(m.rng, p) {
		switch {
		case a.Flag != None:
			suspect = a.Flag
		case a.Via != None:
			suspect = a.Via
		default:
			suspect = int32(m.rng.IntN(len(m.actors) - 1))
			if suspect >= v {
				suspect++
			}
		}
	}
	z := normalish(m.rng)
	d := m.p.EvidenceStrength
	if suspect == a.Origin {
		z += d
	}
	x := float64(d*z) - float64(d*d)/2
	x = min(max(x, -700), 700)
	l := float64(s * expNeg(x))
	conf := 0.0
	if den := l + (1 - s); den > 0 {
		conf = l / den
	}
	if V.Kind == KindState {
		sa := &m.actors[suspect]
		if sa.Kind != KindState && sa.State != V.State && bernoulli(m.rng, m.p.HomeStateBlame) {
			suspect = sa.State
		}
	}
	return suspect, conf
}
