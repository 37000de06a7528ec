// Routing (docs/ODD.md §7.5): crime, espionage, hacktivism and
// counter-strikes go through a botnet host or under a false flag.

package model

// route sends an attack through a botnet host (proxy_use) or, failing
// that, under a false flag framing a foreign actor (false_flag).
func (m *Model) route(a *Act) {
	if len(m.hosts) > 0 && bernoulli(m.rng, m.p.ProxyUse) {
		h := m.hosts[m.rng.IntN(len(m.hosts))]
		if h != a.Origin && h != a.Target {
			a.Via = h
		}
		return
	}
	if bernoulli(m.rng, m.p.FalseFlag) {
		if f := m.foreignTarget(m.actors[a.Origin].State); f != a.Target {
			a.Flag = f
		}
	}
}
