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
