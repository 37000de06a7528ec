// Launching and resolving an act (docs/ODD.md §7.6) and collateral harm
// (§7.17): an act is launched, routed, damages its target, deters its
// target when it hits the true author (§7.12), and is answered by its
// target and by the bystanders a strike harms.

package model

// resolve launches a pending act and works out its effects. It reports
// whether the act was launched (false when void or over capacity).
func (m *Model) resolve(pa *pendingAct) bool {
	o := &m.actors[pa.origin]
	tg := &m.actors[pa.target]
	if o.Destroyed || tg.Destroyed {
		if pa.parent != None {
			m.totals.AnswersDecided-- // void: not an offspring after all
		}
		return false // nobody left to strike, or nothing left to hit
	}
	if !m.useCapacity(pa.origin) {
		m.stats.Dropped++
		return false
	}
	slot := m.begin(pa)
	a := &m.act
	switch a.Kind {
	case ActCrime, ActEspionage, ActSabotage, ActDenial, ActHacktivism, ActCounterstrike:
		m.route(a)
	}
	if tg.IoT && a.Intensity == Destruction {
		a.Intensity = Critical // harm reaches people through physical systems
	}
	if pa.parentOrigin != None {
		a.Innocent = a.Target != pa.parentOrigin
	}
	a.Interstate = o.Kind == KindState && (a.Kind == ActRetaliation || a.Kind == ActPreemptive) && tg.State != o.State
	if o.Kind == KindState && tg.State != o.State && (tg.Kind == KindState || tg.Kind == KindFirm) {
		// A strike of one state at another (ODD 7.20: exchanges).
		m.casc.strike(slot, o.ID, tg.State, a.inVigilanteLine)
	}
	// Attacks on firms: the root acts launched here (crime, espionage,
	// hacktivism, pre-emptive strikes). Answered scans are launched by
	// launchScans and are not counted: a scan read as an attack is a benign
	// act misread, not an attack.
	if pa.parent == None && tg.Kind == KindFirm {
		m.stats.AttacksOnFirms++
		if tg.Poor {
			m.stats.AttacksOnPoor++
		}
	}
	a.Damage = m.harm(pa.target, int(a.Intensity))
	if a.Kind == ActHackBack {
		m.hackBackEffects(o, pa, a)
	}
	if (a.Kind == ActHackBack || a.Kind == ActVigilante) && tg.trackedBy != None {
		m.spoil(tg)
	}
	if pa.parentOrigin != None && !a.Innocent && !tg.Kind.ideological() {
		tg.deterredUntil = max(tg.deterredUntil, m.tick+m.p.DeterrenceTicks)
	}
	m.respond(pa.target, a, slot, true)
	if isStrike(a.Kind) {
		m.collateral(a, slot, pa.parentOrigin)
	}
	m.finishAct(slot, false)
	return true
}

func isStrike(k ActKind) bool {
	switch k {
	case ActHackBack, ActRetaliation, ActCounterstrike, ActVigilante, ActPreemptive:
		return true
	}
	return false
}

// begin fills m.act for a pending act that is launched now, opening a
// cascade for a root, and records the act in its cascade. It returns the
// cascade slot.
func (m *Model) begin(pa *pendingAct) int32 {
	a := &m.act
	// Zeroed, then filled field by field: building the Act as one composite
	// value goes through a copy on the stack that stalls on its own stores.
	*a = Act{}
	a.ID, a.Parent, a.Tick, a.Kind, a.Origin, a.Target = m.nextAct, pa.parent, m.tick, pa.kind, pa.origin, pa.target
	a.Via, a.Flag, a.Suspect, a.Intensity, a.Generation = None, None, None, pa.level, pa.gen
	a.inVigilanteLine = pa.vigilante || pa.kind == ActVigilante
	m.nextAct++
	slot := pa.slot
	if pa.parent == None {
		slot = m.casc.start(a.ID, m.tick, a.Kind)
		m.totals.Cascades++
		a.Generation = 0
		m.stats.Attacks++
	} else {
		m.stats.Answers++
	}
	a.Cascade = m.casc.slots[slot].id
	m.stats.ByKind[a.Kind]++
	return slot
}

// bystander records a bystander harmed by the act being resolved: it joins
// the cascade's actors and, if innocent (the act answers an act and the
// bystander is not that act's author), counts as an innocent harm.
func (m *Model) bystander(slot, v int32, innocent bool) {
	m.casc.harm(slot, v, innocent)
	if innocent {
		m.stats.InnocentsHarmed++
	}
}

// finishAct records the resolved act in its cascade and passes it on.
// originCounted says that the act's origin is known to be among the
// cascade's actors already (see cascades.add).
func (m *Model) finishAct(slot int32, originCounted bool) {
	a := &m.act
	if a.Innocent {
		m.stats.InnocentsHarmed++
	}
	if a.Interstate {
		m.stats.Interstate++
	}
	if a.Intensity >= ArmedAttack {
		m.stats.ArmedConflict++
	}
	m.casc.add(slot, a, m.p.AnswerWindow, originCounted)
	if m.obs != nil {
		m.obs.Act(a)
	}
}

// collateral harms Poisson(collateral_mean) bystanders drawn uniformly
// (with replacement) from the target's jurisdiction; the target and the
// striker themselves are skipped. Each is an innocent harm unless it is
// the author of the act the strike answers (author; nobody for a hack back
// answering a scan). Each may answer in turn.
func (m *Model) collateral(a *Act, slot int32, author int32) {
	c := m.draws.collateral.draw(m.rng, m.p.CollateralMean)
	j := m.jurisdiction[m.actors[a.Target].State]
	for range c {
		v := j[m.rng.IntN(len(j))]
		if v == a.Target || v == a.Origin || m.actors[v].Destroyed {
			continue
		}
		a.Collateral++
		a.CollateralDamage += m.harm(v, int(a.Intensity))
		m.bystander(slot, v, v != author)
		m.respond(v, a, slot, false)
	}
}
