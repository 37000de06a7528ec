// Intelligence operations and defend forward (docs/ODD.md §7.15): each
// state's memory of the foreign suspects it blamed, the operations that
// follow them and are spoiled by private strikes, and pre-emptive strikes
// (§7.4.5) on remembered suspects.

package model

const memorySize = 8

// suspicion is what a state remembers of an act it blamed on a foreigner.
type suspicion struct {
	suspect int32
	origin  int32
	level   int8
}

// remember records a suspect in state s's memory: an intelligence
// operation now follows it (the latest state to take it up).
func (m *Model) remember(s, suspect, origin int32, level int8) {
	i := m.memCount[s] % memorySize
	m.memory[s][i] = suspicion{suspect: suspect, origin: origin, level: level}
	m.memCount[s]++
	m.actors[suspect].trackedBy = s
}

// spoil ends the intelligence operation that follows actor a, because a
// private strike alerted it: the state forgets it as a suspect.
func (m *Model) spoil(a *Actor) {
	s := a.trackedBy
	a.trackedBy = None
	m.stats.Spoiled++
	for i := range m.memory[s] {
		if m.memory[s][i].suspect == a.ID {
			m.memory[s][i].suspect = None
		}
	}
}

// launchPreemptive lets each state, with probability defend_forward, strike
// a suspect it remembers, no lower than the act it blamed on it and at
// least at disruption.
func (m *Model) launchPreemptive() {
	if m.p.DefendForward <= 0 {
		return
	}
	for s := int32(0); s < int32(m.p.States); s++ {
		if !bernoulli(m.rng, m.p.DefendForward) || m.memCount[s] == 0 || m.actors[s].deterredUntil >= m.tick {
			continue
		}
		e := m.memory[s][m.rng.IntN(min(m.memCount[s], memorySize))]
		if e.suspect == None || m.actors[e.suspect].Destroyed || m.actors[e.suspect].State == s {
			continue
		}
		level := max(e.level, Disruption)
		m.resolve(&pendingAct{kind: ActPreemptive, origin: s, target: e.suspect, level: level, parent: None, parentOrigin: e.origin})
	}
}
