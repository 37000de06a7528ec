package model

import (
	"math"
	"testing"
)

// tinyModel builds a small cyber world: 2 states, 6 firms (half poor), 4
// citizens, 2 criminals, 1 hacktivist, 1 vigilante.
func tinyModel(t *testing.T, edit func(*Params)) *Model {
	t.Helper()
	p := DefaultParams()
	p.States, p.Firms, p.Citizens, p.Criminals, p.Hacktivists, p.Vigilantes = 2, 6, 4, 2, 1, 1
	p.PovertyShare, p.IoTShare, p.ResearcherShare, p.BotnetShare = 0.5, 0, 0, 0
	if edit != nil {
		edit(&p)
	}
	m, err := New(p, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// firstOf returns the first actor of a kind (and poverty, for firms).
func firstOf(m *Model, k Kind, poor bool) int32 {
	for i := range m.actors {
		a := &m.actors[i]
		if a.Kind == k && (k != KindFirm || a.Poor == poor) {
			return a.ID
		}
	}
	panic("no such actor")
}

func TestDoctrineLevel(t *testing.T) {
	cases := []struct {
		doctrine   string
		escalation float64
		level      int
		want       int
	}{
		{DoctrineProportional, 1, 2, 2},
		{DoctrineForgiving, 1, 1, 1},
		{DoctrinePunitive, 0, 1, 2},
		{DoctrineEscalatory, 0, 1, 1},
		{DoctrineEscalatory, 1, 1, 2},
		{DoctrineRestraint, 1, 3, 3},
	}
	for _, c := range cases {
		m := tinyModel(t, func(p *Params) { p.EscalationProbability = c.escalation })
		if got := m.doctrineLevel(c.doctrine, c.level); got != c.want {
			t.Errorf("%s(level %d, escalation %v) = %d, want %d", c.doctrine, c.level, c.escalation, got, c.want)
		}
	}
	for in, want := range map[int]int8{-1: 0, 0: 0, 3: 3, 4: 4, 7: 4} {
		if got := clampLevel(in); got != want {
			t.Errorf("clampLevel(%d) = %d, want %d", in, got, want)
		}
	}
}

func TestDamageFraction(t *testing.T) {
	cases := []struct {
		base, growth float64
		want         [5]float64
	}{
		{0.01, 3, [5]float64{0.01, 0.03, 0.09, 0.27, 0.81}},
		{0.1, 20, [5]float64{0.1, 1, 1, 1, 1}}, // capped at the whole value
		{0.5, 1, [5]float64{0.5, 0.5, 0.5, 0.5, 0.5}},
	}
	for _, c := range cases {
		m := tinyModel(t, func(p *Params) { p.DamageBase, p.DamageGrowth = c.base, c.growth })
		for l, w := range c.want {
			if got := m.damageFraction(l); math.Abs(got-w) > 1e-12 {
				t.Errorf("base %v growth %v level %d: %v, want %v", c.base, c.growth, l, got, w)
			}
		}
	}
}

func TestDefenceAndSkill(t *testing.T) {
	type kase struct {
		name                   string
		edit                   func(*Params)
		kind                   Kind
		poor                   bool
		wantDefence, wantSkill float64
	}
	cases := []kase{
		{"rich firm", nil, KindFirm, false, 0.6, 0.55},
		{"poor firm", nil, KindFirm, true, 0.15, 0.2},
		{"poor firm, full hygiene subsidy", func(p *Params) { p.HygieneSubsidy = 1 }, KindFirm, true, 0.6, 0.2},
		{"citizen", nil, KindCitizen, false, 0.1, 0.3},
		{"vigilante", nil, KindVigilante, false, 0.5, 0.3},
		{"state 0", nil, KindState, false, 0.7, 0.7},
		{"state with monitoring", func(p *Params) { p.Monitoring = 0.5 }, KindState, false, 0.85, 0.7},
		{"citizen with info sharing", func(p *Params) { p.InfoSharing = 0.5 }, KindCitizen, false, 0.55, 0.65},
	}
	for _, c := range cases {
		m := tinyModel(t, c.edit)
		id := firstOf(m, c.kind, c.poor)
		if got := m.Defence(id); math.Abs(got-c.wantDefence) > 1e-12 {
			t.Errorf("%s: defence %v, want %v", c.name, got, c.wantDefence)
		}
		if got := m.Skill(id); math.Abs(got-c.wantSkill) > 1e-12 {
			t.Errorf("%s: skill %v, want %v", c.name, got, c.wantSkill)
		}
	}
	// The state gradient weakens the last state.
	m := tinyModel(t, func(p *Params) { p.StateGradient = 0.5 })
	if got := m.Skill(1); math.Abs(got-0.35) > 1e-12 {
		t.Errorf("weak state's skill %v, want 0.35", got)
	}
}

func TestCanHackBack(t *testing.T) {
	cases := []struct {
		regime                    string
		kind                      Kind
		inclined, licensed, ruins bool
		want                      bool
	}{
		{HackBackIllegal, KindFirm, true, true, false, false},
		{HackBackLicensed, KindFirm, true, true, false, true},
		{HackBackLicensed, KindFirm, true, false, false, false},
		{HackBackLicensed, KindCitizen, true, false, false, false},
		{HackBackFree, KindFirm, true, false, false, true},
		{HackBackFree, KindCitizen, true, false, false, true},
		{HackBackFree, KindFirm, false, false, false, false},
		{HackBackFree, KindFirm, true, false, true, false},
		{HackBackFree, KindCriminal, true, false, false, false},
	}
	for _, c := range cases {
		a := Actor{Kind: c.kind, Inclined: c.inclined, Licensed: c.licensed, Destroyed: c.ruins}
		if got := a.canHackBack(c.regime); got != c.want {
			t.Errorf("%+v under %s: %v, want %v", c, c.regime, got, c.want)
		}
	}
}

// TestAttribution checks the limit cases of attribution: perfect and zero
// skill, deception through proxies and false flags, and home-state blame.
func TestAttribution(t *testing.T) {
	const n = 2000
	cases := []struct {
		name      string
		edit      func(*Params)
		victim    Kind
		via, flag bool
		// wantShare[x] is the share of suspects that are x: "origin", "via", "flag", "home".
		want map[string]float64
	}{
		{"perfect skill, direct", func(p *Params) { p.FirmSkill, p.HoneypotBonus = 1, 0 }, KindFirm, false, false, map[string]float64{"origin": 1}},
		{"perfect skill, full deception via proxy", func(p *Params) { p.FirmSkill, p.HoneypotBonus, p.Deception = 1, 0, 1 }, KindFirm, true, false, map[string]float64{"via": 1}},
		{"perfect skill, full deception under false flag", func(p *Params) { p.FirmSkill, p.HoneypotBonus, p.Deception = 1, 0, 1 }, KindFirm, false, true, map[string]float64{"flag": 1}},
		{"half skill, no deception", func(p *Params) { p.FirmSkill, p.HoneypotBonus, p.Deception = 0.5, 0, 0 }, KindFirm, true, false, map[string]float64{"origin": 0.5, "via": 0.5}},
		{"state blames home state", func(p *Params) { p.AttributionSkill, p.HomeStateBlame = 1, 1 }, KindState, false, false, map[string]float64{"home": 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := tinyModel(t, c.edit)
			victim := firstOf(m, c.victim, false)
			if c.victim == KindState {
				victim = 1
			}
			origin := firstOf(m, KindCriminal, false) // at home in state 0
			a := Act{Origin: origin, Via: None, Flag: None}
			if c.via {
				a.Via = firstOf(m, KindCitizen, false)
			}
			if c.flag {
				a.Flag = 1
			}
			counts := map[string]float64{}
			for range n {
				s, conf := m.attribute(victim, &a)
				if conf < 0 || conf > 1 || math.IsNaN(conf) {
					t.Fatalf("confidence %v out of [0, 1]", conf)
				}
				switch s {
				case origin:
					counts["origin"]++
				case a.Via:
					counts["via"]++
				case a.Flag:
					counts["flag"]++
				case m.actors[origin].State:
					counts["home"]++
				}
			}
			for k, w := range c.want {
				// 4 standard errors of a proportion at n = 2000 is at most 0.045.
				if got := counts[k] / n; math.Abs(got-w) > 0.045 {
					t.Errorf("share %s = %.3f, want %.3f", k, got, w)
				}
			}
		})
	}
}

// TestConfidenceSeparatesRightFromWrong: a correct attribution's mean
// confidence exceeds a wrong one's, and the posterior is calibrated: among
// attributions with confidence near c, about a share c is right.
func TestConfidenceSeparatesRightFromWrong(t *testing.T) {
	m := tinyModel(t, func(p *Params) { p.FirmSkill, p.HoneypotBonus, p.Deception = 0.5, 0, 0 })
	victim := firstOf(m, KindFirm, false)
	origin := firstOf(m, KindCriminal, false)
	a := Act{Origin: origin, Via: None, Flag: None}
	var right, wrong, nr, nw float64
	var binRight, binAll [10]float64
	for range 20000 {
		s, c := m.attribute(victim, &a)
		b := min(int(c*10), 9)
		binAll[b]++
		if s == origin {
			right += c
			nr++
			binRight[b]++
		} else {
			wrong += c
			nw++
		}
	}
	if right/nr <= wrong/nw+0.2 {
		t.Errorf("mean confidence right %.3f, wrong %.3f: evidence does not separate them", right/nr, wrong/nw)
	}
	for b := range binAll {
		if binAll[b] < 500 {
			continue
		}
		// The evidence is Irwin-Hall, not exactly normal, so calibration is approximate.
		if got, mid := binRight[b]/binAll[b], (float64(b)+0.5)/10; math.Abs(got-mid) > 0.1 {
			t.Errorf("confidence in [%.1f, %.1f): %.3f right, want about %.2f", float64(b)/10, float64(b+1)/10, got, mid)
		}
	}
}

func TestForgiving(t *testing.T) {
	m := tinyModel(t, func(p *Params) { p.Forgiveness = 1 })
	if !m.forgives(DoctrineForgiving, false) {
		t.Error("a first hit should be forgiven with forgiveness 1")
	}
	if m.forgives(DoctrineForgiving, true) {
		t.Error("a repeated hit is never forgiven")
	}
	if m.forgives(DoctrineProportional, false) {
		t.Error("only the forgiving doctrine forgives")
	}
	a := &m.actors[2]
	if m.noteHit(a, 5) {
		t.Error("first hit reported as repeated")
	}
	if !m.noteHit(a, 5) {
		t.Error("second hit from the same suspect not reported as repeated")
	}
	if m.noteHit(a, 6) {
		t.Error("a hit from another suspect reported as repeated")
	}
}

// TestVigilanteStrikesWholeCountry: two unanswered hits bring a vigilante
// with temper 3 to strike: the suspect's state first, then actors at home there.
func TestVigilanteStrikesWholeCountry(t *testing.T) {
	m := tinyModel(t, func(p *Params) {
		p.VigilanteTemper, p.AngerPerHit, p.InactionAnger, p.AngerDecay, p.VigilanteBurst = 3, 1, 1, 0, 4
	})
	v := &m.actors[firstOf(m, KindVigilante, false)]
	suspect := int32(1) // the foreign state
	slot := m.begin(&pendingAct{kind: ActEspionage, origin: suspect, target: v.ID, parent: None, parentOrigin: None})
	m.anger(v, &m.act, slot, suspect, false)
	if v.Anger != 2 || pendingCount(m) != 0 {
		t.Fatalf("after one unanswered hit: anger %v, %d pending strikes", v.Anger, pendingCount(m))
	}
	m.anger(v, &m.act, slot, suspect, true) // answered: no inaction anger, 2+1 = 3 reaches the temper
	if v.Anger != 0 || pendingCount(m) != 4 {
		t.Fatalf("after the second hit: anger %v, %d pending strikes, want 0 and 4", v.Anger, pendingCount(m))
	}
	first := true
	for _, b := range m.pending.buckets {
		for _, pa := range b {
			if pa.kind != ActVigilante || m.actors[pa.target].State != suspect || pa.parent != m.act.ID {
				t.Errorf("strike %+v is not a vigilante answer at state %d", pa, suspect)
			}
			if first && pa.target != suspect {
				t.Errorf("the first strike hits %d, want the state %d itself", pa.target, suspect)
			}
			first = false
		}
	}
}

func pendingCount(m *Model) int {
	n := 0
	for _, b := range m.pending.buckets {
		n += len(b)
	}
	return n
}

// TestAngerDecays: anger fades geometrically between hits.
func TestAngerDecays(t *testing.T) {
	m := tinyModel(t, func(p *Params) { p.VigilanteTemper, p.AngerPerHit, p.InactionAnger, p.AngerDecay = 100, 1, 0, 0.5 })
	v := &m.actors[firstOf(m, KindVigilante, false)]
	slot := m.begin(&pendingAct{kind: ActEspionage, origin: 1, target: v.ID, parent: None, parentOrigin: None})
	m.anger(v, &m.act, slot, 1, true)
	m.tick += 2
	m.anger(v, &m.act, slot, 1, true)
	if want := 1*0.25 + 1; v.Anger != want {
		t.Errorf("anger %v, want %v", v.Anger, want)
	}
}

func TestStateResponse(t *testing.T) {
	cases := []struct {
		name     string
		edit     func(*Params)
		suspect  string // "true", "wrong" or "domestic"
		conf     float64
		want     bool
		hotlined bool
	}{
		{"proportional, confident", nil, "true", 0.9, true, false},
		{"restraint", func(p *Params) { p.StateDoctrine = DoctrineRestraint }, "true", 0.9, false, false},
		{"below threshold", nil, "true", 0.5, false, false},
		{"hotline catches a misattribution", func(p *Params) { p.Hotline = 1 }, "wrong", 0.9, false, true},
		{"hotline lets a right attribution through", func(p *Params) { p.Hotline = 1 }, "true", 0.9, true, false},
		{"domestic suspect goes to law enforcement", nil, "domestic", 0.9, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := tinyModel(t, func(p *Params) {
				p.StateAnswerProbability = 1
				if c.edit != nil {
					c.edit(p)
				}
			})
			origin := firstOf(m, KindCriminal, false) // home state 0
			slot := m.begin(&pendingAct{kind: ActCrime, origin: origin, target: 1, level: Disruption, parent: None, parentOrigin: None})
			suspect := origin
			switch c.suspect {
			case "wrong":
				suspect = 0 // the criminal's home state, blamed instead
			case "domestic":
				suspect = m.jurisdiction[1][1]
			}
			got := m.stateResponse(1, &m.act, slot, suspect, c.conf)
			if got != c.want {
				t.Errorf("answered %v, want %v", got, c.want)
			}
			if (m.stats.HotlineCatches > 0) != c.hotlined {
				t.Errorf("hotline catches %d", m.stats.HotlineCatches)
			}
			if got && pendingCount(m) != 1 {
				t.Errorf("%d answers pending", pendingCount(m))
			}
			switch {
			case c.hotlined && m.hostile[1*2+0] != 0:
				t.Error("a suspect cleared by the hotline still raised tension")
			case !c.hotlined && c.suspect != "domestic" && m.hostile[1*2+0] <= 0:
				t.Error("blaming a foreigner did not raise hostility toward its state")
			}
		})
	}
}

// TestLawEnforcement: a confident report leads, after le_delay ticks, to a
// prosecution that deters only the true attacker.
func TestLawEnforcement(t *testing.T) {
	m := tinyModel(t, func(p *Params) {
		p.LEThreshold, p.LECapacity, p.LEForeign, p.LEDelay, p.ProsecutionTicks = 0.5, 1, 1, 3, 50
	})
	origin := firstOf(m, KindCriminal, false)
	victim := firstOf(m, KindFirm, false)
	innocent := firstOf(m, KindCitizen, false)
	m.begin(&pendingAct{kind: ActCrime, origin: origin, target: victim, parent: None, parentOrigin: None})
	m.report(victim, &m.act, origin, 0.9)
	m.report(victim, &m.act, innocent, 0.9)
	m.report(victim, &m.act, origin, 0.4) // below the threshold: ignored
	if len(m.lawQueue) != 2 {
		t.Fatalf("%d prosecutions queued, want 2", len(m.lawQueue))
	}
	m.tick = 2
	m.runProsecutions()
	if m.stats.Prosecutions+m.stats.Wrongful != 0 {
		t.Fatal("prosecuted before le_delay")
	}
	m.tick = 3
	m.runProsecutions()
	if m.stats.Prosecutions != 1 || m.stats.Wrongful != 1 {
		t.Errorf("prosecutions %d, wrongful %d, want 1 and 1", m.stats.Prosecutions, m.stats.Wrongful)
	}
	if m.actors[origin].deterredUntil != 53 || m.actors[innocent].deterredUntil == 53 {
		t.Errorf("deterred until: attacker %d, innocent %d", m.actors[origin].deterredUntil, m.actors[innocent].deterredUntil)
	}
}

// TestResolveEffects: IoT harm becomes physical; an answer that hits the
// true attacker deters it unless it is ideological; one that hits someone
// else is innocent.
func TestResolveEffects(t *testing.T) {
	m := tinyModel(t, func(p *Params) {
		p.IoTShare, p.DeterrenceTicks, p.CollateralMean = 1, 10, 0
		p.FirmDefence, p.PoorDefence, p.CitizenDefence = 0, 0, 0 // nobody detects, so nobody answers back
	})
	firm := firstOf(m, KindFirm, false)
	crim := firstOf(m, KindCriminal, false)
	hack := firstOf(m, KindHacktivist, false)
	citizen := firstOf(m, KindCitizen, false)
	m.resolve(&pendingAct{kind: ActCrime, origin: crim, target: firm, level: Destruction, parent: None, parentOrigin: None})
	if m.act.Intensity != Critical {
		t.Errorf("destruction of an IoT firm has intensity %d, want %d", m.act.Intensity, Critical)
	}
	parent, slot := m.act.ID, int32(0)
	answer := func(target, trueOrigin int32) {
		m.resolve(&pendingAct{kind: ActHackBack, origin: firm, target: target, level: Disruption, parent: parent, slot: slot, gen: 1, parentOrigin: trueOrigin})
	}
	answer(crim, crim)
	if m.act.Innocent || m.actors[crim].deterredUntil != m.tick+10 {
		t.Errorf("hitting the true criminal: innocent %v, deterred until %d", m.act.Innocent, m.actors[crim].deterredUntil)
	}
	answer(hack, hack)
	if m.actors[hack].deterredUntil >= m.tick {
		t.Error("an ideological hacktivist was deterred by a hack back")
	}
	answer(citizen, crim)
	if !m.act.Innocent || m.stats.InnocentsHarmed != 1 {
		t.Errorf("hitting a citizen for a criminal's act: innocent %v, innocents harmed %d", m.act.Innocent, m.stats.InnocentsHarmed)
	}
}

// TestDisplacement: when the firms that can afford it may hack back,
// criminals shift their attacks toward firms below the poverty line. The
// shift emerges from the criminals' choice of the best expected gain.
func TestDisplacement(t *testing.T) {
	share := func(regime string) float64 {
		var poor, all int64
		for seed := range uint64(4) {
			p := DefaultParams()
			p.HackBack, p.HackBackShare, p.LicenseShare, p.Ticks = regime, 1, 1, 200
			m, err := New(p, seed, nil)
			if err != nil {
				t.Fatal(err)
			}
			for range p.Ticks {
				m.Step()
			}
			tot := m.Finish()
			poor, all = poor+tot.AttacksOnPoor, all+tot.AttacksOnFirms
		}
		return float64(poor) / float64(all)
	}
	illegal, licensed := share(HackBackIllegal), share(HackBackLicensed)
	t.Logf("share of attacks on firms below the poverty line: illegal %.3f, licensed %.3f", illegal, licensed)
	if licensed <= illegal {
		t.Errorf("share of attacks on firms that hit firms below the poverty line: %.3f licensed, %.3f illegal; expected displacement", licensed, illegal)
	}
}

// TestStateJudgesAnActOnce: however many of its people an act harms, a
// state answers it at most once.
func TestStateJudgesAnActOnce(t *testing.T) {
	m := tinyModel(t, func(p *Params) {
		p.StateAnswerProbability, p.StateConfidence, p.AttributionSkill, p.HomeStateBlame = 1, 0, 1, 0
	})
	origin := firstOf(m, KindCriminal, false) // home state 0
	slot := m.begin(&pendingAct{kind: ActCrime, origin: origin, target: 1, level: Critical, parent: None, parentOrigin: None})
	if !m.stateResponse(1, &m.act, slot, origin, 0.9) {
		t.Fatal("the state did not answer")
	}
	// Later calls for the same act return the first verdict and launch nothing.
	if !m.stateResponse(1, &m.act, slot, origin, 0.9) || !m.protect(1, &m.act, slot) {
		t.Error("a later call for the same act did not return the first verdict")
	}
	if n := pendingCount(m); n != 1 {
		t.Errorf("%d answers pending, want 1", n)
	}
}
