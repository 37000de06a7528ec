// Initialisation (docs/ODD.md §5): populate builds the actors, their homes
// and fixed attributes; assignInclinations deals who would hack back and
// who holds a licence from a stream of its own; the first botnet hosts.

package model

import "math/rand/v2"

func (m *Model) populate() {
	p := &m.p
	r := m.rng
	n := p.Actors()
	m.actors = zeroed(m.actors, n)
	m.used = zeroed(m.used, n)
	m.losses = zeroed(m.losses, n)
	m.jurisdiction = buckets(m.jurisdiction, p.States)
	m.tension = zeroed(m.tension, p.States*p.States)
	m.hostile = zeroed(m.hostile, p.States*p.States)
	m.memory = zeroed(m.memory, p.States)
	m.memCount = zeroed(m.memCount, p.States)
	id := int32(0)
	add := func(k Kind, home int32) *Actor {
		a := &m.actors[id]
		*a = Actor{ID: id, Kind: k, State: home, Enemy: None, Strength: 1, lastSuspect: None, lastHitTick: -1 << 30, hostIndex: None, trackedBy: None, judged: None, deterredUntil: -1}
		m.jurisdiction[home] = append(m.jurisdiction[home], id)
		id++
		return a
	}
	for s := 0; s < p.States; s++ {
		a := add(KindState, int32(s))
		if p.States > 1 {
			a.Strength = 1 - float64(p.StateGradient*float64(s))/float64(p.States-1)
		}
		a.Value = float64(p.StateValue * a.Strength)
	}
	// Homes are assigned round-robin within each kind, so every state has
	// its share of every kind and the layout is the same for every seed.
	home := func(i int) int32 { return int32(i % p.States) }
	nResearch := int(float64(p.ResearcherShare*float64(p.Firms)) + 0.5)
	nPoor := int(float64(p.PovertyShare*float64(p.Firms)) + 0.5)
	nIoT := int(float64(p.IoTShare*float64(p.Firms)) + 0.5)
	m.picks = zeroed(m.picks, 3*p.Firms)
	poor, iot, research := m.picks[:p.Firms], m.picks[p.Firms:2*p.Firms], m.picks[2*p.Firms:]
	pickSet(r, poor, nPoor)
	pickSet(r, iot, nIoT)
	// Researchers are drawn among the firms above the poverty line:
	// research[j] marks the j-th of them.
	nRich := 0
	for _, isPoor := range poor {
		if !isPoor {
			nRich++
		}
	}
	research = research[:nRich]
	pickSet(r, research, min(nResearch, nRich))
	rich := 0
	for i := 0; i < p.Firms; i++ {
		a := add(KindFirm, home(i))
		a.Poor = poor[i]
		a.IoT = iot[i]
		if !a.Poor {
			a.Researcher = research[rich]
			rich++
		}
		a.Value = float64(p.FirmValue * (0.5 + r.Float64()))
		m.firms = append(m.firms, a.ID)
		m.targets = append(m.targets, a.ID)
		if a.Researcher {
			m.researchers = append(m.researchers, a.ID)
		}
	}
	for i := 0; i < p.Citizens; i++ {
		a := add(KindCitizen, home(i))
		a.Value = p.CitizenValue
		m.targets = append(m.targets, a.ID)
	}
	for i := 0; i < p.Criminals; i++ {
		a := add(KindCriminal, home(i))
		a.Value = p.CitizenValue
		m.criminals = append(m.criminals, a.ID)
	}
	for i := 0; i < p.Hacktivists; i++ {
		a := add(KindHacktivist, home(i))
		a.Value = p.CitizenValue
		if p.States > 1 {
			e := int32(r.IntN(p.States - 1))
			if e >= a.State {
				e++
			}
			a.Enemy = e
		}
		m.hacktivists = append(m.hacktivists, a.ID)
	}
	for i := 0; i < p.Vigilantes; i++ {
		a := add(KindVigilante, home(i))
		a.Value = p.CitizenValue
		m.targets = append(m.targets, a.ID)
	}
	// States' power and rivalries too, and before the inclinations.
	m.dealStates()
	// Inclinations to hack back are drawn from a stream of their own so
	// that changing hack-back parameters mid-run re-deals them reproducibly.
	m.assignInclinations()
	// Initial botnet hosts: citizens and poor firms.
	for _, t := range m.targets {
		a := &m.actors[t]
		if (a.Kind == KindCitizen || a.Poor) && bernoulli(r, m.hostPoolShare(a)) {
			m.addHost(t)
		}
	}
}

// hostPoolShare is the chance a citizen or poor firm starts as a botnet host.
func (m *Model) hostPoolShare(a *Actor) float64 {
	if a.Poor {
		return float64(m.p.BotnetShare * (1 - m.p.HygieneSubsidy))
	}
	return m.p.BotnetShare
}

// assignInclinations deals who would hack back and who holds a licence,
// from a generator derived from the seed alone.
func (m *Model) assignInclinations() {
	r := rand.New(derivedStream(&m.deal, m.seed, 0x9e3779b97f4a7c15))
	p := &m.p
	for i := range m.actors {
		a := &m.actors[i]
		if a.Kind != KindFirm && a.Kind != KindCitizen {
			continue
		}
		u, v := r.Float64(), r.Float64()
		share := p.HackBackShare
		if a.Kind == KindFirm {
			share = float64(share * (1 - p.Pledge)) // the pledge binds firms
		}
		a.Inclined = u < share
		a.Licensed = a.Kind == KindFirm && a.Inclined && !a.Poor && v < p.LicenseShare && !a.revoked
	}
}

// pickSet marks k of the len(out) indices of out, which are false,
// chosen uniformly without replacement.
func pickSet(r *stream, out []bool, k int) {
	n := len(out)
	if k > n {
		k = n
	}
	// Floyd's algorithm: k draws, no shuffle of n.
	for j := n - k; j < n; j++ {
		t := r.IntN(j + 1)
		if out[t] {
			out[j] = true
		} else {
			out[t] = true
		}
	}
}
