// Responses (docs/ODD.md §7.7): how a harmed actor answers an act, by kind;
// doctrines (§7.9), hack back's liability, oversight and data recovery
// (§7.10), counter-strikes (§7.11), and states' responses (§7.14).

package model

// respond is a harmed actor's reaction to act a: detection, attribution,
// then its doctrine. direct is false for bystanders.
func (m *Model) respond(v int32, a *Act, slot int32, direct bool) {
	V := &m.actors[v]
	if V.Destroyed || !bernoulli(m.rng, m.detection(V)) {
		return
	}
	suspect, conf := m.attribute(v, a)
	if direct {
		a.Detected, a.Suspect, a.Confidence = true, suspect, conf
		a.Misattributed = suspect != a.Origin
		m.stats.Detected++
		if a.Misattributed {
			m.stats.Misattributed++
		}
	}
	if suspect == v {
		if V.Kind == KindState {
			V.judged, V.answeredJudged = a.ID, false
		}
		return
	}
	level := int(a.Intensity)
	switch V.Kind {
	case KindState:
		m.stateResponse(v, a, slot, suspect, conf)
	case KindFirm, KindCitizen:
		repeated := m.noteHit(V, suspect)
		if V.canHackBack(m.p.HackBack) && conf >= m.p.HackBackConfidence && !m.forgives(m.p.FirmDoctrine, repeated) {
			pa := m.answer(a, slot, ActHackBack, v, suspect, m.doctrineLevel(m.p.FirmDoctrine, level), m.answerDelay())
			if direct && (a.Kind == ActCrime || a.Kind == ActEspionage) && level >= Disruption {
				pa.recovery = a.Damage
			}
		} else {
			m.report(v, a, suspect, conf)
		}
		if level >= m.p.StateProtects {
			m.protect(V.State, a, slot)
		}
	case KindCriminal, KindHacktivist:
		if bernoulli(m.rng, float64(m.p.CounterProbability*m.offence(V))) {
			m.answer(a, slot, ActCounterstrike, v, suspect, level+m.p.CounterEscalation, m.answerDelay())
		}
	case KindVigilante:
		answered := level >= m.p.StateProtects && m.protect(V.State, a, slot)
		m.report(v, a, suspect, conf)
		m.anger(V, a, slot, suspect, answered)
	}
}

// stateLag draws the further delay of a state's answer: 0 to
// state_answer_lag ticks, uniform (no draw when it is 0).
func (m *Model) stateLag() int {
	if m.p.StateAnswerLag == 0 {
		return 0
	}
	return m.rng.IntN(m.p.StateAnswerLag + 1)
}

// noteHit remembers who hit an actor and reports whether the same suspect
// hit it before within the answer window (for the forgiving doctrine).
func (m *Model) noteHit(a *Actor, suspect int32) bool {
	repeated := a.lastSuspect == suspect && m.tick-a.lastHitTick <= m.p.AnswerWindow
	a.lastSuspect, a.lastHitTick = suspect, m.tick
	return repeated
}

// forgives reports whether a forgiving doctrine lets a first hit go.
func (m *Model) forgives(doctrine string, repeated bool) bool {
	return doctrine == DoctrineForgiving && !repeated && bernoulli(m.rng, m.p.Forgiveness)
}

// doctrineLevel returns the intensity of an answer to an act of the given
// level: proportional and forgiving answer at the same level, escalatory
// one higher with probability escalation_probability, punitive one higher.
func (m *Model) doctrineLevel(doctrine string, level int) int {
	switch doctrine {
	case DoctrineEscalatory:
		if bernoulli(m.rng, m.p.EscalationProbability) {
			return level + 1
		}
	case DoctrinePunitive:
		return level + 1
	}
	return level
}

// hackBackEffects applies liability and oversight when a hack back hit an
// innocent, and the attempt to recover stolen data when it hit the thief.
func (m *Model) hackBackEffects(o *Actor, pa *pendingAct, a *Act) {
	o.HackedBack = true
	if pa.recovery > 0 {
		m.totals.RecoveryAttempts++
		if !a.Innocent && bernoulli(m.rng, m.p.RecoverySuccess) {
			m.charge(o, 0, LossAttacks) // bring the repairs up to date
			back := min(pa.recovery, o.Damage)
			o.Damage -= back
			if o.Kind == KindFirm {
				m.losses[o.ID].recover(back)
			}
			m.stats.Recoveries++
		}
	}
	if !a.Innocent {
		return
	}
	if m.p.Liability > 0 {
		m.charge(o, float64(m.p.Liability*a.Damage), LossLiability)
	}
	if m.p.HackBack == HackBackLicensed && o.Licensed && bernoulli(m.rng, m.p.Oversight) {
		o.Licensed, o.revoked = false, true
		m.stats.Revoked++
	}
}

// protect lets state s answer an attack on one of its firms or citizens,
// with its own attribution. It reports whether the state answered. A state
// judges each act once, however many of its people it harmed; later calls
// for the same act return the first verdict.
func (m *Model) protect(s int32, a *Act, slot int32) bool {
	S := &m.actors[s]
	if S.judged == a.ID {
		return S.answeredJudged
	}
	suspect, conf := m.attribute(s, a)
	if suspect == s {
		S.judged, S.answeredJudged = a.ID, false
		return false
	}
	return m.stateResponse(s, a, slot, suspect, conf)
}

// stateResponse is a state's doctrine toward a suspect it blamed for act a
// (once per act: later calls return the first verdict). When the state is
// willing to answer (its doctrine is not restraint and its confidence is
// above state_confidence), a hotline check may first clear a wrongly blamed
// foreign suspect. Otherwise blaming a
// foreigner raises tension and starts an intelligence operation following
// it (remembered for defend forward); a domestic suspect is left to law
// enforcement. A willing state answers if a forgiving doctrine does not let
// the hit go, and with probability
// state_answer_probability * its offence; one level higher when its
// tension toward the suspect's state exceeds tension_escalation.
func (m *Model) stateResponse(s int32, a *Act, slot int32, suspect int32, conf float64) bool {
	S := &m.actors[s]
	if S.judged == a.ID {
		return S.answeredJudged
	}
	S.judged, S.answeredJudged = a.ID, false
	home := m.actors[suspect].State
	if home == s {
		m.report(s, a, suspect, conf)
		return false
	}
	willing := m.p.StateDoctrine != DoctrineRestraint && conf >= m.p.StateConfidence
	if willing && suspect != a.Origin && bernoulli(m.rng, m.p.Hotline) {
		m.stats.HotlineCatches++
		return false
	}
	level := int(a.Intensity)
	ns := int32(m.p.States)
	m.hostile[s*ns+home] += float64(m.p.TensionPerAct * float64(level+1))
	m.remember(s, suspect, a.Origin, int8(level))
	repeated := m.noteHit(S, suspect)
	if !willing {
		return false
	}
	if m.forgives(m.p.StateDoctrine, repeated) || !bernoulli(m.rng, float64(m.p.StateAnswerProbability*m.offence(S))) {
		return false
	}
	answer := m.doctrineLevel(m.p.StateDoctrine, level)
	if m.tension[s*ns+home] >= m.p.TensionEscalation {
		answer++
	}
	m.answer(a, slot, ActRetaliation, s, suspect, answer, m.answerDelay()+m.stateLag())
	S.answeredJudged = true
	return true
}
