package model

import "testing"

// TestDestructionCause: a firm's destruction is put down to the cause of
// its largest outstanding loss; repairs shrink every cause alike and
// recovered data comes off the attacks' share first.
func TestDestructionCause(t *testing.T) {
	cases := []struct {
		name   string
		losses [][2]float64 // (cause, amount), charged in order on tick 0
		want   int
	}{
		{"liability bill", [][2]float64{{LossAttacks, 0.3}, {LossLiability, 1.8}}, LossLiability},
		{"counter-strikes, the bill last", [][2]float64{{LossAnswers, 0.7}, {LossAnswers, 0.7}, {LossLiability, 0.6}}, LossAnswers},
		{"attacks", [][2]float64{{LossAttacks, 1.2}, {LossAnswers, 0.5}, {LossLiability, 0.4}}, LossAttacks},
		{"tie goes to the first cause", [][2]float64{{LossLiability, 1}, {LossAnswers, 1}}, LossAnswers},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := tinyModel(t, nil)
			f := &m.actors[firstOf(m, KindFirm, false)]
			f.Value = 2
			for _, l := range c.losses {
				m.charge(f, l[1], int(l[0]))
			}
			if !f.Destroyed || m.totals.DestroyedBy[c.want] != 1 || m.stats.FirmsDestroyed != 1 {
				t.Errorf("destroyed %v, by cause %v, want one by cause %d", f.Destroyed, m.totals.DestroyedBy, c.want)
			}
		})
	}

	m := tinyModel(t, func(p *Params) { p.RepairRate = 0.5 })
	f := &m.actors[firstOf(m, KindFirm, false)]
	f.Value = 100
	m.charge(f, 8, LossAnswers)
	m.charge(f, 4, LossLiability)
	m.tick = 2 // two days of repairs halve every share twice
	m.charge(f, 0, LossAttacks)
	if l := m.losses[f.ID]; l[LossAnswers] != 2 || l[LossLiability] != 1 || f.Damage != 3 {
		t.Errorf("after repairs: losses %v, damage %v; want answers 2, liability 1, damage 3", l, f.Damage)
	}
	m.charge(f, 1, LossAttacks)
	m.losses[f.ID].recover(1.5)
	if l := m.losses[f.ID]; l[LossAttacks] != 0 || l[LossAnswers] != 1.5 || l[LossLiability] != 1 {
		t.Errorf("after recovering 1.5: losses %v; want attacks 0, answers 1.5, liability 1", l)
	}
}

// TestHarmCause: damage from an answer that hits the firm as the true
// author of the act answered is the answers' cause; a misdirected answer's
// and an attack's are the attacks'.
func TestHarmCause(t *testing.T) {
	m := tinyModel(t, func(p *Params) {
		p.FirmDefence, p.PoorDefence, p.CitizenDefence, p.CollateralMean = 0, 0, 0, 0
		p.CriminalOffence = 0 // the criminal neither notices nor answers
	})
	firm, crim := firstOf(m, KindFirm, false), firstOf(m, KindCriminal, false)
	m.resolve(&pendingAct{kind: ActCrime, origin: crim, target: firm, level: Disruption, parent: None, parentOrigin: None})
	attack := m.losses[firm][LossAttacks]
	m.resolve(&pendingAct{kind: ActCounterstrike, origin: crim, target: firm, level: Disruption, parent: m.act.ID, gen: 1, parentOrigin: firm})
	if attack <= 0 || m.losses[firm][LossAnswers] <= 0 || m.losses[firm][LossAttacks] != attack {
		t.Errorf("losses %v: want the crime under attacks (%v) and the counter-strike at its true author under answers", m.losses[firm], attack)
	}
	other := firstOf(m, KindFirm, true)
	m.resolve(&pendingAct{kind: ActCounterstrike, origin: crim, target: other, level: Disruption, parent: m.act.ID, gen: 2, parentOrigin: firm})
	if m.losses[other][LossAnswers] != 0 || m.losses[other][LossAttacks] <= 0 {
		t.Errorf("a counter-strike at the wrong firm: losses %v, want them under attacks", m.losses[other])
	}
}

// TestExchange: a cascade is an exchange when two states strike each other
// (or each other's firms), in either order; a vigilante exchange when both
// strikes descend from a vigilante's strike.
func TestExchange(t *testing.T) {
	var cs cascades
	cs.reset(5)
	rec := func(slot int32) CascadeRecord {
		var r CascadeRecord
		cs.slots[slot].record(&r, false)
		return r
	}
	slot := cs.start(0, 0, ActEspionage)
	cs.strike(slot, 0, 1, false)
	cs.strike(slot, 0, 1, true)
	if r := rec(slot); r.Exchange || r.VigilanteExchange {
		t.Fatalf("one state striking another twice: %+v", r)
	}
	cs.strike(slot, 1, 0, false)
	if r := rec(slot); !r.Exchange || r.VigilanteExchange {
		t.Errorf("an answer outside the vigilante's line: exchange %v, vigilante exchange %v; want true, false", r.Exchange, r.VigilanteExchange)
	}
	cs.strike(slot, 1, 0, true)
	if r := rec(slot); !r.VigilanteExchange {
		t.Error("both strikes in the vigilante's line: no vigilante exchange")
	}
	other := cs.start(1, 0, ActCrime)
	cs.strike(other, 2, 3, true)
	cs.strike(other, 3, 4, true)
	cs.strike(other, 4, 2, true)
	if r := rec(other); r.Exchange {
		t.Error("a ring of three states, none striking back at its striker, counted as an exchange")
	}
}
