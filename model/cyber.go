package model

import "math"

// stepCyber runs one tick of the cyber mechanics. The order is fixed:
//
//  1. prosecutions that fall due are carried out;
//  2. answers scheduled for this tick are launched, in the order they
//     were decided;
//  3. root acts are launched: each state's espionage (states in id order),
//     criminals' attacks, hacktivists' attacks, researchers' scans, then
//     each state's pre-emptive strike;
//  4. botnet hosts are cleaned.
//
// Every act is resolved as it is launched: routing, damage, liability and
// data recovery, deterrence, bystanders, then the target's detection,
// attribution and doctrine, which may schedule answers for later ticks.
func (m *Model) stepCyber() {
	t := m.tick
	m.runProsecutions()
	w := t % len(m.pending)
	due := m.pending[w]
	for i := range due {
		m.resolve(&due[i])
	}
	m.pending[w] = due[:0]
	m.launchEspionage()
	m.launchCrime()
	m.launchHacktivism()
	m.launchScans()
	m.launchPreemptive()
	m.cleanHosts()
}

func (m *Model) launchEspionage() {
	for s := int32(0); s < int32(m.p.States); s++ {
		n := poisson(m.rng, m.p.EspionageRate)
		if n == 0 {
			continue
		}
		if m.actors[s].DeterredUntil >= m.tick {
			m.stats.Deterred += int64(n)
			continue
		}
		for range n {
			var target int32
			if bernoulli(m.rng, m.p.EspionageStateShare) {
				target = m.foreignState(s)
			} else {
				target = m.foreignTarget(s)
			}
			if target == None {
				continue
			}
			m.resolve(&pendingAct{launch: m.tick, kind: ActEspionage, origin: s, target: target, level: Disruption, parent: None, parentOrigin: None})
		}
	}
}

func (m *Model) launchCrime() {
	if len(m.criminals) == 0 || len(m.targets) == 0 {
		return
	}
	n := poisson(m.rng, float64(float64(len(m.criminals))*m.p.CrimeRate))
	for range n {
		c := m.criminals[m.rng.IntN(len(m.criminals))]
		if m.actors[c].DeterredUntil >= m.tick {
			m.stats.Deterred++
			continue
		}
		target := m.chooseCrimeTarget()
		if target == None {
			continue
		}
		level := binomial2(m.rng, m.p.AttackIntensity/2)
		if m.resolve(&pendingAct{launch: m.tick, kind: ActCrime, origin: c, target: target, level: int8(level), parent: None, parentOrigin: None}) {
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
		if a.CanHackBack(m.p.HackBack) {
			risk = float64(d * m.skill(a))
		}
		gain := float64(a.Value*(1-d)) - float64(risk*m.p.HackBackFear)
		if gain > bestGain {
			best, bestGain = c, gain
		}
	}
	return best
}

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

func (m *Model) launchHacktivism() {
	if len(m.hacktivists) == 0 {
		return
	}
	n := poisson(m.rng, float64(float64(len(m.hacktivists))*m.p.HacktivismRate))
	for range n {
		h := m.hacktivists[m.rng.IntN(len(m.hacktivists))]
		a := &m.actors[h]
		if a.DeterredUntil >= m.tick { // only a prosecution deters an ideological attacker
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
		m.resolve(&pendingAct{launch: m.tick, kind: ActHacktivism, origin: h, target: target, level: int8(level), parent: None, parentOrigin: None})
	}
}

// launchScans runs researchers' scans. A scan that the scanned firm detects
// and reads as an attack (scan_alarm) is judged like any attack; it becomes
// a hostile act, rooting a cascade, only if the firm answers it.
func (m *Model) launchScans() {
	if len(m.researchers) == 0 || len(m.firms) == 0 {
		return
	}
	n := poisson(m.rng, float64(float64(len(m.researchers))*m.p.ScanRate))
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
		if suspect == target || !tg.CanHackBack(m.p.HackBack) || conf < m.p.HackBackConfidence || m.forgives(m.p.FirmDoctrine, repeated) {
			continue
		}
		if !m.useCapacity(r) {
			m.stats.Dropped++
			continue
		}
		slot := m.begin(&pendingAct{launch: m.tick, kind: ActScan, origin: r, target: target, level: Nuisance, parent: None, parentOrigin: None})
		a := &m.act
		a.Detected, a.Suspect, a.Confidence = true, suspect, conf
		a.Misattributed = suspect != r
		m.stats.Detected++
		if a.Misattributed {
			m.stats.Misattributed++
		}
		pa := m.answerTo(a, slot, ActHackBack, target, suspect, m.doctrineLevel(m.p.FirmDoctrine, Nuisance), m.answerDelay())
		pa.parentOrigin = nobody // a scan is benign: whoever the answer hits is innocent
		m.schedule(pa)
		m.finishAct(slot)
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
		if !bernoulli(m.rng, m.p.DefendForward) || m.memCount[s] == 0 || m.actors[s].DeterredUntil >= m.tick {
			continue
		}
		e := m.memory[s][m.rng.IntN(min(m.memCount[s], memorySize))]
		if e.suspect == None || m.actors[e.suspect].Destroyed || m.actors[e.suspect].State == s {
			continue
		}
		level := max(e.level, Disruption)
		m.resolve(&pendingAct{launch: m.tick, kind: ActPreemptive, origin: s, target: e.suspect, level: level, parent: None, parentOrigin: e.origin})
	}
}

func (m *Model) cleanHosts() {
	if len(m.hosts) == 0 || m.p.CleanupRate <= 0 {
		return
	}
	k := poisson(m.rng, float64(float64(len(m.hosts))*m.p.CleanupRate))
	for ; k > 0 && len(m.hosts) > 0; k-- {
		m.removeHost(m.hosts[m.rng.IntN(len(m.hosts))])
	}
}

func (m *Model) runProsecutions() {
	for m.lawHead < len(m.lawQueue) && m.lawQueue[m.lawHead].due <= m.tick {
		c := m.lawQueue[m.lawHead]
		m.lawHead++
		if c.guilty {
			a := &m.actors[c.suspect]
			a.DeterredUntil = max(a.DeterredUntil, m.tick+m.p.ProsecutionTicks)
			m.stats.Prosecutions++
		} else {
			m.stats.Wrongful++
		}
	}
	if m.lawHead > 0 && m.lawHead*2 >= len(m.lawQueue) {
		n := copy(m.lawQueue, m.lawQueue[m.lawHead:])
		m.lawQueue = m.lawQueue[:n]
		m.lawHead = 0
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
	case ActCrime, ActEspionage, ActHacktivism, ActCounterstrike:
		m.route(a)
	}
	if tg.IoT && a.Intensity == Destruction {
		a.Intensity = Critical // harm reaches people through physical systems
	}
	if pa.parentOrigin != None {
		a.Innocent = a.Target != pa.parentOrigin
	}
	a.Interstate = o.Kind == KindState && (a.Kind == ActRetaliation || a.Kind == ActPreemptive) && tg.State != o.State
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
	if pa.parentOrigin != None && !a.Innocent && !tg.Kind.Ideological() {
		tg.DeterredUntil = max(tg.DeterredUntil, m.tick+m.p.DeterrenceTicks)
	}
	m.respond(pa.target, a, slot, true)
	if isStrike(a.Kind) {
		m.collateral(a, slot)
	}
	m.finishAct(slot)
	return true
}

func isStrike(k ActKind) bool {
	switch k {
	case ActHackBack, ActRetaliation, ActCounterstrike, ActVigilante, ActPreemptive:
		return true
	}
	return false
}

// hackBackEffects applies liability and oversight when a hack back hit an
// innocent, and the attempt to recover stolen data when it hit the thief.
func (m *Model) hackBackEffects(o *Actor, pa *pendingAct, a *Act) {
	o.HackedBack = true
	if pa.recovery > 0 {
		m.totals.RecoveryAttempts++
		if !a.Innocent && bernoulli(m.rng, m.p.RecoverySuccess) {
			m.charge(o, 0) // bring the repairs up to date
			o.Damage -= min(pa.recovery, o.Damage)
			m.stats.Recoveries++
		}
	}
	if !a.Innocent {
		return
	}
	if m.p.Liability > 0 {
		m.charge(o, float64(m.p.Liability*a.Damage))
	}
	if m.p.HackBack == HackBackLicensed && o.Licensed && bernoulli(m.rng, m.p.Oversight) {
		o.Licensed, o.revoked = false, true
		m.stats.Revoked++
	}
}

// collateral harms Poisson(collateral_mean) bystanders drawn uniformly
// (with replacement) from the target's jurisdiction; the target and the
// striker themselves are skipped. Each may answer in turn.
func (m *Model) collateral(a *Act, slot int32) {
	c := poisson(m.rng, m.p.CollateralMean)
	j := m.jurisdiction[m.actors[a.Target].State]
	for range c {
		v := j[m.rng.IntN(len(j))]
		if v == a.Target || v == a.Origin || m.actors[v].Destroyed {
			continue
		}
		a.Collateral++
		a.CollateralDamage += m.harm(v, int(a.Intensity))
		m.casc.harm(slot, v)
		m.stats.InnocentsHarmed++
		m.respond(v, a, slot, false)
	}
}

// damageFraction returns min(1, damage_base * damage_growth^level).
func (m *Model) damageFraction(level int) float64 {
	f := m.p.DamageBase
	for range level {
		f = float64(f * m.p.DamageGrowth)
	}
	return min(f, 1)
}

// harm applies an act's damage to an actor, counts it, and returns it.
func (m *Model) harm(v int32, level int) float64 {
	a := &m.actors[v]
	d := float64(float64(a.Value*m.damageFraction(level)) * (1 - m.defence(a)))
	m.stats.Damage += d
	switch a.Kind {
	case KindFirm:
		m.stats.DamageFirms += d
		if a.Poor {
			m.stats.DamagePoor += d
		}
	case KindState:
		m.stats.DamageStates += d
	default:
		m.stats.DamageCitizens += d
	}
	m.charge(a, d)
	return d
}

// charge adds a loss (damage, or a liability bill) to an actor's
// outstanding damage, after the repairs made since its last loss, and
// destroys a firm whose outstanding damage reaches its value.
func (m *Model) charge(a *Actor, d float64) {
	if dt := m.tick - a.damageTick; dt > 0 && a.Damage > 0 {
		a.Damage = float64(a.Damage * powInt(1-m.p.RepairRate, dt))
	}
	a.damageTick = m.tick
	a.Damage += d
	if a.Kind == KindFirm && !a.Destroyed && a.Damage >= a.Value {
		a.Destroyed = true
		m.stats.FirmsDestroyed++
		if a.HackedBack {
			m.totals.HackBackersLost++
			if k := m.act.Kind; k == ActCounterstrike || k == ActRetaliation {
				m.totals.StruckBackDestroyed++
			}
		}
	}
}

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

// Defence returns actor id's current defence.
func (m *Model) Defence(id int32) float64 { return m.defence(&m.actors[id]) }

// Skill returns actor id's current attribution skill.
func (m *Model) Skill(id int32) float64 { return m.skill(&m.actors[id]) }

// defence is the chance the actor detects an attack and the share of the
// attack's damage it prevents.
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
	d += float64(p.InfoSharing * (1 - d))
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
		if V.CanHackBack(m.p.HackBack) && conf >= m.p.HackBackConfidence && !m.forgives(m.p.FirmDoctrine, repeated) {
			pa := m.answerTo(a, slot, ActHackBack, v, suspect, m.doctrineLevel(m.p.FirmDoctrine, level), m.answerDelay())
			if direct && (a.Kind == ActCrime || a.Kind == ActEspionage) && level >= Disruption {
				pa.recovery = a.Damage
			}
			m.schedule(pa)
		} else {
			m.report(v, a, suspect, conf)
		}
		if level >= m.p.StateProtects {
			m.protect(V.State, a, slot)
		}
	case KindCriminal, KindHacktivist:
		if bernoulli(m.rng, float64(m.p.CounterProbability*m.offence(V))) {
			m.schedule(m.answerTo(a, slot, ActCounterstrike, v, suspect, level+m.p.CounterEscalation, m.answerDelay()))
		}
	case KindVigilante:
		answered := level >= m.p.StateProtects && m.protect(V.State, a, slot)
		m.report(v, a, suspect, conf)
		m.anger(V, a, slot, suspect, answered)
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
	m.schedule(m.answerTo(a, slot, ActRetaliation, s, suspect, answer, m.answerDelay()))
	S.answeredJudged = true
	return true
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

// report passes an attack to law enforcement: above le_threshold, with
// probability le_capacity (times le_foreign for a suspect abroad), the
// suspect is prosecuted le_delay ticks later; only the true attacker is
// then deterred.
func (m *Model) report(v int32, a *Act, suspect int32, conf float64) {
	if conf < m.p.LEThreshold || suspect == None || m.actors[suspect].Kind == KindState {
		return // law enforcement does not prosecute states
	}
	p := m.p.LECapacity
	if m.actors[suspect].State != m.actors[v].State {
		p = float64(p * m.p.LEForeign)
	}
	if bernoulli(m.rng, p) {
		m.lawQueue = append(m.lawQueue, prosecution{due: m.tick + m.p.LEDelay, suspect: suspect, guilty: suspect == a.Origin})
	}
}

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
		m.schedule(m.answerTo(a, slot, ActVigilante, V.ID, suspect, m.p.VigilanteIntensity, delay))
		return
	}
	j := m.jurisdiction[home]
	for k := range m.p.VigilanteBurst {
		target := home
		if k > 0 {
			target = j[m.rng.IntN(len(j))]
		}
		m.schedule(m.answerTo(a, slot, ActVigilante, V.ID, target, m.p.VigilanteIntensity, delay))
	}
}

// powInt returns x^n for n >= 0 by repeated squaring, with every product
// rounded (no fused multiply-add), so it gives the same bits everywhere.
func powInt(x float64, n int) float64 {
	r := 1.0
	for n > 0 {
		if n&1 == 1 {
			r = float64(r * x)
		}
		x = float64(x * x)
		n >>= 1
	}
	return r
}

// OutstandingDamage returns actor id's outstanding damage now, with the
// repairs made since its last loss.
func (m *Model) OutstandingDamage(id int32) float64 {
	a := &m.actors[id]
	if dt := m.tick - a.damageTick; dt > 0 && a.Damage > 0 {
		return float64(a.Damage * powInt(1-m.p.RepairRate, dt))
	}
	return a.Damage
}
