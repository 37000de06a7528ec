package model

import (
	"math"
	"testing"
)

// TestInfoSharingLeavesAttackersOut: information sharing raises the defence
// and the attribution skill of states, firms, citizens and vigilantes, and
// neither of criminals or hacktivists (they are not in the sharing
// community).
func TestInfoSharingLeavesAttackersOut(t *testing.T) {
	m := tinyModel(t, func(p *Params) { p.InfoSharing = 0.5 })
	cases := []struct {
		kind                   Kind
		wantDefence, wantSkill float64
	}{
		{KindCitizen, 0.55, 0.65},
		{KindVigilante, 0.75, 0.65},
		{KindState, 0.85, 0.85},
		{KindCriminal, 0.1, 0.3},
		{KindHacktivist, 0.1, 0.3},
	}
	for _, c := range cases {
		id := firstOf(m, c.kind, false)
		if got := m.Defence(id); math.Abs(got-c.wantDefence) > 1e-12 {
			t.Errorf("%v with info sharing 0.5: defence %v, want %v", c.kind, got, c.wantDefence)
		}
		if got := m.Skill(id); math.Abs(got-c.wantSkill) > 1e-12 {
			t.Errorf("%v with info sharing 0.5: skill %v, want %v", c.kind, got, c.wantSkill)
		}
	}
	// An attacker's detection stays its offence.
	if got := m.detection(&m.actors[firstOf(m, KindCriminal, false)]); got != m.p.CriminalOffence {
		t.Errorf("criminal's detection %v, want its offence %v", got, m.p.CriminalOffence)
	}
}

// TestAnsweredScansAreNotAttacksOnFirms: in a world where the only root
// acts are researchers' scans, every alarm is answered, yet no attack on a
// firm is counted (a scan read as an attack is a benign act misread).
func TestAnsweredScansAreNotAttacksOnFirms(t *testing.T) {
	p := DefaultParams()
	p.States, p.Firms, p.Citizens, p.Criminals, p.Hacktivists, p.Vigilantes = 2, 100, 0, 0, 0, 0
	p.ResearcherShare, p.ScanRate, p.ScanAlarm, p.EspionageRate, p.Ticks = 0.1, 2, 1, 0, 50
	p.HackBack, p.HackBackShare, p.HackBackConfidence = HackBackFree, 1, 0
	m, err := New(p, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range p.Ticks {
		m.Step()
	}
	tot := m.Finish()
	if tot.ByKind[ActScan] == 0 || tot.Attacks != tot.ByKind[ActScan] {
		t.Fatalf("%d root acts, %d answered scans: the test needs answered scans and no other root acts", tot.Attacks, tot.ByKind[ActScan])
	}
	if tot.AttacksOnFirms != 0 || tot.AttacksOnPoor != 0 {
		t.Errorf("%d answered scans counted as %d attacks on firms (%d below the poverty line), want none",
			tot.ByKind[ActScan], tot.AttacksOnFirms, tot.AttacksOnPoor)
	}
}

// TestGuiltyBystanderIsNotInnocent: a strike's bystander who is the author
// of the act the strike answers is harmed but is not an innocent harm; for
// a hack back answering a scan, every bystander is.
func TestGuiltyBystanderIsNotInnocent(t *testing.T) {
	// State 0's jurisdiction is the state, the firm and the criminal: a hack
	// back by the firm at state 0 has only the criminal left as bystander.
	p := DefaultParams()
	p.States, p.Firms, p.Citizens, p.Criminals, p.Hacktivists, p.Vigilantes = 2, 1, 0, 1, 0, 0
	p.ResearcherShare, p.PovertyShare, p.IoTShare, p.BotnetShare = 0, 0, 0, 0
	p.CollateralMean, p.FirmValue, p.Liability = 20, 1e6, 0
	m, err := New(p, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	firm, crim := firstOf(m, KindFirm, false), firstOf(m, KindCriminal, false)
	if m.actors[firm].State != 0 || m.actors[crim].State != 0 {
		t.Fatalf("firm at home in %d, criminal in %d: both must be in state 0", m.actors[firm].State, m.actors[crim].State)
	}
	slot := m.begin(&pendingAct{kind: ActCrime, origin: crim, target: firm, level: Disruption, parent: None, parentOrigin: None})
	root := m.act.ID
	m.finishAct(slot, false)
	for _, c := range []struct {
		name   string
		author int32
		want   func(collateral int64) int64 // innocent bystanders
	}{
		{"answering the criminal's crime", crim, func(int64) int64 { return 0 }},
		{"answering a scan", nobody, func(n int64) int64 { return n }},
	} {
		before, beforeCasc := m.stats.InnocentsHarmed, m.casc.slots[slot].innocents
		m.resolve(&pendingAct{kind: ActHackBack, origin: firm, target: 0, level: Nuisance, parent: root, slot: slot, gen: 1, parentOrigin: c.author})
		n := int64(m.act.Collateral)
		if n == 0 {
			t.Fatalf("%s: no bystander drawn", c.name)
		}
		want := 1 + c.want(n) // the state, wrongly hit, plus the innocent bystanders
		if got := m.stats.InnocentsHarmed - before; got != want {
			t.Errorf("%s: %d innocent harms (target innocent %v, %d bystanders), want %d", c.name, got, m.act.Innocent, n, want)
		}
		if got := m.casc.slots[slot].innocents - beforeCasc; got != want {
			t.Errorf("%s: cascade innocents grew by %d, want %d", c.name, got, want)
		}
	}
}

// branchingCollateral sums the acts' bystanders by whether the act is a
// root.
type branchingCollateral struct{ roots, answers int64 }

func (b *branchingCollateral) Act(a *Act) {
	if a.Parent == None {
		b.roots += int64(a.Collateral)
	} else {
		b.answers += int64(a.Collateral)
	}
}

func (b *branchingCollateral) Cascade(*CascadeRecord) {}

// TestBranchingInnocents: in the branching rules a root attack's bystanders
// are not innocent harms, and with random attribution an answer's target
// and bystanders are innocent unless they happen to be the author of the
// act answered, so innocent harms per answer are close to (1 + c)(1 - 1/N).
func TestBranchingInnocents(t *testing.T) {
	p := DefaultParams()
	p.Mechanics, p.States, p.Firms, p.Citizens, p.Criminals, p.Hacktivists, p.Vigilantes = MechanicsBranching, 1, 0, 300, 0, 0, 0
	p.AnswerWindow, p.AnswerDelay, p.Ticks, p.CollateralMean = 1, 1, 3000, 0.5

	p.AnswerProbability = 0 // roots only
	b := &branchingCollateral{}
	m, err := New(p, 1, b)
	if err != nil {
		t.Fatal(err)
	}
	for range p.Ticks {
		m.Step()
	}
	if tot := m.Finish(); b.roots == 0 || tot.InnocentsHarmed != 0 {
		t.Errorf("roots only: %d bystanders, %d innocent harms; want some bystanders and no innocent harm", b.roots, tot.InnocentsHarmed)
	}

	p.AnswerProbability = 0.4
	b = &branchingCollateral{}
	if m, err = New(p, 2, b); err != nil {
		t.Fatal(err)
	}
	for range p.Ticks {
		m.Step()
	}
	tot := m.Finish()
	c, n := p.CollateralMean, float64(p.Actors())
	want := (1 + c) * (1 - 1/n)
	got := float64(tot.InnocentsHarmed) / float64(tot.Answers)
	// Each answer adds Bernoulli(1 - 1/N) + Poisson(c (1 - 1/N)) harms: variance about c.
	se := math.Sqrt(c / float64(tot.Answers))
	t.Logf("%d answers, %d innocent harms (%.4f per answer, expected %.4f, s.e. %.4f); bystanders of roots %d, of answers %d",
		tot.Answers, tot.InnocentsHarmed, got, want, se, b.roots, b.answers)
	if math.Abs(got-want) > 4*se {
		t.Errorf("innocent harms per answer %.4f, want %.4f within 4 standard errors (%.4f)", got, want, 4*se)
	}
	if tot.InnocentsHarmed > tot.Answers+b.answers {
		t.Errorf("%d innocent harms exceed the %d answers and their %d bystanders", tot.InnocentsHarmed, tot.Answers, b.answers)
	}
}
