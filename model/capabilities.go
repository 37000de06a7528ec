// Capabilities (docs/ODD.md §7.2): an actor's defence (its chance to detect
// an attack and the share of the damage it prevents), its attribution skill
// and its offence, from its kind, strength and the policy parameters.

package model

// Defence returns actor id's current defence.
func (m *Model) Defence(id int32) float64 { return m.defence(&m.actors[id]) }

// Skill returns actor id's current attribution skill.
func (m *Model) Skill(id int32) float64 { return m.skill(&m.actors[id]) }

// defence is the chance the actor detects an attack (except criminals and
// hacktivists, see detection) and the share of the attack's damage it
// prevents. Information sharing raises it for everyone but criminals and
// hacktivists, who are not in the sharing community.
func (m *Model) defence(a *Actor) float64 {
	p := &m.p
	var d float64
	switch a.Kind {
	case KindState:
		d = float64(p.StateDefence * a.Strength)
	case KindFirm:
		if a.Poor {
			d = p.PoorDefence + float64(p.HygieneSubsidy*(p.FirmDefence-p.PoorDefence))
		} else {
			d = p.FirmDefence
		}
	case KindVigilante:
		d = p.VigilanteDefence
	default:
		d = p.CitizenDefence
	}
	if a.Kind == KindState || a.IoT {
		d += float64(p.Monitoring * (1 - d))
	}
	if a.Kind != KindCriminal && a.Kind != KindHacktivist { // attackers are not in the sharing community
		d += float64(p.InfoSharing * (1 - d))
	}
	return min(max(d, 0), 1)
}

// detection is the chance the actor notices an act against it: its
// defence, except that a criminal or hacktivist notices being hit back
// with probability equal to its offence (a capable attacker watches its
// own infrastructure).
func (m *Model) detection(a *Actor) float64 {
	if a.Kind == KindCriminal || a.Kind == KindHacktivist {
		return m.offence(a)
	}
	return m.defence(a)
}

// skill is the chance the actor names the true attacker of a direct attack.
func (m *Model) skill(a *Actor) float64 {
	p := &m.p
	var s float64
	switch a.Kind {
	case KindState:
		s = float64(p.AttributionSkill * a.Strength)
	case KindFirm:
		if a.Poor {
			s = p.PoorSkill
		} else {
			s = min(p.FirmSkill+p.HoneypotBonus, 1)
		}
	default:
		s = p.IndividualSkill
	}
	if a.Kind != KindCriminal && a.Kind != KindHacktivist { // attackers are not in the sharing community
		s += float64(p.InfoSharing * (1 - s))
	}
	return min(max(s, 0), 1)
}

func (m *Model) offence(a *Actor) float64 {
	switch a.Kind {
	case KindState:
		return float64(m.p.StateOffence * a.Strength)
	case KindCriminal:
		return m.p.CriminalOffence
	case KindHacktivist:
		return m.p.HacktivistOffence
	}
	return 0
}
