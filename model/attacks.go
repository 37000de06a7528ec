// Root attacks (docs/ODD.md §7.4): states' operations (espionage and
// sabotage), criminals' attacks
// and their choice of target, hacktivism, and researchers' scans, each of
// which may start a cascade. Pre-emptive strikes (§7.4.5) are in
// intelligence.go.

package model

import "math"

func (m *Model) launchEspionage() {
	for s := int32(0); s < int32(m.p.States); s++ {
		n := m.draws.espionage.draw(m.rng, float64(m.p.EspionageRate*m.activity[s]))
		if n == 0 {
			continue
		}
		if m.actors[s].deterredUntil >= m.tick {
			m.stats.Deterred += int64(n)
			continue
		}
		for range n {
			var target int32
			if bernoulli(m.rng, m.p.EspionageStateShare) {
				target = m.rivalState(s)
			} else {
				target = m.rivalTarget(s)
			}
			if target == None {
				continue
			}
			kind, level := m.operation()
			launched := m.resolve(&pendingAct{kind: kind, origin: s, target: target, level: level, parent: None, parentOrigin: None})
			if launched && kind == ActEspionage && m.p.EspionageBreadth > 0 {
				m.widen(s, m.actors[target].State)
			}
		}
	}
}

// widen makes a state's espionage operation reach Pois(espionage_breadth)
// further targets in the state it hit (a supply-chain compromise reaching
// agencies and firms), each an espionage act of its own: a uniform choice
// among that state's own networks and its firms, skipping destroyed firms
// (up to 16 draws each).
func (m *Model) widen(s, state int32) {
	ns := int32(m.p.States)
	firms := (int32(len(m.firms)) - state + ns - 1) / ns // firm i's home is i mod states
	for range m.draws.breadth.draw(m.rng, m.p.EspionageBreadth) {
		for range 16 {
			c := state
			if k := int32(m.rng.IntN(int(firms + 1))); k > 0 {
				c = m.firms[state+(k-1)*ns]
			}
			if !m.actors[c].Destroyed {
				m.resolve(&pendingAct{kind: ActEspionage, origin: s, target: c, level: Disruption, parent: None, parentOrigin: None})
				break
			}
		}
	}
}

// operation draws what a state's operation is: degradation (sabotage)
// with probability state_degradation_share, disruption (denial of
// service, an outage) with state_disruption_share, and espionage (a data
// theft at disruption) otherwise. Sabotage is at destruction with
// probability state_destruction_share, else blunted to disruption. With
// both shares 0 it draws nothing; with state_destruction_share 1, nothing
// for the intensity.
func (m *Model) operation() (ActKind, int8) {
	p := &m.p
	if p.StateDisruptionShare == 0 && p.StateDegradationShare == 0 {
		return ActEspionage, Disruption
	}
	u := m.rng.Float64()
	switch {
	case u < p.StateDegradationShare:
		if p.StateDestructionShare >= 1 || bernoulli(m.rng, p.StateDestructionShare) {
			return ActSabotage, Destruction
		}
		return ActSabotage, Disruption
	case u < p.StateDegradationShare+p.StateDisruptionShare:
		return ActDenial, Disruption
	}
	return ActEspionage, Disruption
}

func (m *Model) launchCrime() {
	if len(m.criminals) == 0 || len(m.targets) == 0 {
		return
	}
	n := m.draws.crime.draw(m.rng, float64(float64(len(m.criminals))*m.p.CrimeRate))
	for range n {
		c := m.criminals[m.rng.IntN(len(m.criminals))]
		if m.actors[c].deterredUntil >= m.tick {
			m.stats.Deterred++
			continue
		}
		target := m.chooseCrimeTarget()
		if target == None {
			continue
		}
		level := binomial2(m.rng, m.p.AttackIntensity/2)
		if m.resolve(&pendingAct{kind: ActCrime, origin: c, target: target, level: int8(level), parent: None, parentOrigin: None}) {
			m.maybeRecruit(target, level)
		}
	}
}

// chooseCrimeTarget compares crime_choice random firms and individuals and
// returns the one with the highest expected payoff, value * (1 - defence)
// - P(hit back) * hack_back_fear, where P(hit back) = defence * skill for
// those who may hack back and 0 for the rest. Destroyed firms are passed
// over.
func (m *Model) chooseCrimeTarget() int32 {
	best, bestGain := int32(None), math.Inf(-1)
	for range m.p.CrimeChoice {
		c := m.targets[m.rng.IntN(len(m.targets))]
		a := &m.actors[c]
		if a.Destroyed {
			continue
		}
		d := m.defence(a)
		risk := 0.0
		if a.canHackBack(m.p.HackBack) {
			risk = float64(d * m.skill(a))
		}
		gain := float64(a.Value*(1-d)) - float64(risk*m.p.HackBackFear)
		if gain > bestGain {
			best, bestGain = c, gain
		}
	}
	return best
}

func (m *Model) launchHacktivism() {
	if len(m.hacktivists) == 0 {
		return
	}
	n := m.draws.hacktivism.draw(m.rng, float64(float64(len(m.hacktivists))*m.p.HacktivismRate))
	for range n {
		h := m.hacktivists[m.rng.IntN(len(m.hacktivists))]
		a := &m.actors[h]
		if a.deterredUntil >= m.tick { // only a prosecution deters an ideological attacker
			m.stats.Deterred++
			continue
		}
		if a.Enemy == None {
			continue
		}
		j := m.jurisdiction[a.Enemy]
		target := j[m.rng.IntN(len(j))]
		if m.actors[target].Destroyed {
			continue
		}
		level := binomial2(m.rng, m.p.AttackIntensity/2)
		m.resolve(&pendingAct{kind: ActHacktivism, origin: h, target: target, level: int8(level), parent: None, parentOrigin: None})
	}
}

// launchScans runs researchers' scans. A scan that the scanned firm detects
// and reads as an attack (scan_alarm) is judged like any attack; it becomes
// a hostile act, rooting a cascade, only if the firm answers it. An
// answered scan is not counted among the attacks on firms (see resolve).
func (m *Model) launchScans() {
	if len(m.researchers) == 0 || len(m.firms) == 0 {
		return
	}
	n := m.draws.scans.draw(m.rng, float64(float64(len(m.researchers))*m.p.ScanRate))
	for range n {
		r := m.researchers[m.rng.IntN(len(m.researchers))]
		target := m.firms[m.rng.IntN(len(m.firms))]
		tg := &m.actors[target]
		if target == r || tg.Destroyed || m.actors[r].Destroyed {
			continue
		}
		m.stats.Scans++
		if !bernoulli(m.rng, m.defence(tg)) || !bernoulli(m.rng, m.p.ScanAlarm) {
			continue
		}
		probe := Act{Origin: r, Target: target, Via: None, Flag: None}
		suspect, conf := m.attribute(target, &probe)
		repeated := m.noteHit(tg, suspect)
		if suspect == target || !tg.canHackBack(m.p.HackBack) || conf < m.p.HackBackConfidence || m.forgives(m.p.FirmDoctrine, repeated) {
			continue
		}
		if !m.useCapacity(r) {
			m.stats.Dropped++
			continue
		}
		slot := m.begin(&pendingAct{kind: ActScan, origin: r, target: target, level: Nuisance, parent: None, parentOrigin: None})
		a := &m.act
		a.Detected, a.Suspect, a.Confidence = true, suspect, conf
		a.Misattributed = suspect != r
		m.stats.Detected++
		if a.Misattributed {
			m.stats.Misattributed++
		}
		pa := m.answer(a, slot, ActHackBack, target, suspect, m.doctrineLevel(m.p.FirmDoctrine, Nuisance), m.answerDelay())
		pa.parentOrigin = nobody // a scan is benign: whoever the answer hits is innocent
		m.finishAct(slot, false)
	}
}

// foreignTarget draws a uniformly random actor at home outside state s
// that is not a destroyed firm (None after 16 failed draws).
func (m *Model) foreignTarget(s int32) int32 {
	for range 16 {
		c := int32(m.rng.IntN(len(m.actors)))
		a := &m.actors[c]
		if a.State != s && !a.Destroyed {
			return c
		}
	}
	return None
}

// foreignState draws a uniformly random state other than s (None if s is
// the only state).
func (m *Model) foreignState(s int32) int32 {
	if m.p.States < 2 {
		return None
	}
	f := int32(m.rng.IntN(m.p.States - 1))
	if f >= s {
		f++
	}
	return f
}
