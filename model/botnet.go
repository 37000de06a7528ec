// Botnet recruitment and cleanup (docs/ODD.md §7.18): victims of crime
// become hosts, hosts are cleaned, and the set of hosts that routing
// (§7.5) draws from.

package model

// maybeRecruit turns the victim of a successful crime into a botnet host.
func (m *Model) maybeRecruit(target int32, level int) {
	a := &m.actors[target]
	if level < Disruption || a.Compromised || a.Destroyed || (a.Kind != KindCitizen && !a.Poor) {
		return
	}
	p := m.p.RecruitProbability
	if a.Poor {
		p = float64(p * (1 - m.p.HygieneSubsidy))
	}
	if bernoulli(m.rng, p) {
		m.addHost(target)
	}
}

func (m *Model) cleanHosts() {
	if len(m.hosts) == 0 || m.p.CleanupRate <= 0 {
		return
	}
	k := m.draws.cleanup.draw(m.rng, float64(float64(len(m.hosts))*m.p.CleanupRate))
	for ; k > 0 && len(m.hosts) > 0; k-- {
		m.removeHost(m.hosts[m.rng.IntN(len(m.hosts))])
	}
}

func (m *Model) addHost(id int32) {
	a := &m.actors[id]
	if a.Compromised {
		return
	}
	a.Compromised = true
	a.hostIndex = int32(len(m.hosts))
	m.hosts = append(m.hosts, id)
}

func (m *Model) removeHost(id int32) {
	a := &m.actors[id]
	if !a.Compromised {
		return
	}
	i := a.hostIndex
	last := m.hosts[len(m.hosts)-1]
	m.hosts[i] = last
	m.actors[last].hostIndex = i
	m.hosts = m.hosts[:len(m.hosts)-1]
	a.Compromised = false
	a.hostIndex = None
}
