package model

import (
	"math"
	"testing"
)

// A supercritical world saturates instead of exhausting memory: no actor
// launches more than capacity acts a tick, the excess is counted in
// dropped, and the acts held open stay bounded by the window's worth of
// launches, however long the run.
func TestSupercriticalSaturates(t *testing.T) {
	const citizens, capacity = 300, 4
	p := branchingTestParams(t, 1, 3, citizens, 1) // m = 4
	if err := p.Set("capacity", "4"); err != nil {
		t.Fatal(err)
	}
	p.Ticks = 120
	m, err := New(p, 11, nil)
	if err != nil {
		t.Fatal(err)
	}
	limit := int64(capacity * (citizens + 1)) // the preset's one state is an actor too
	var dropped int64
	for range p.Ticks {
		s := m.Step()
		if acts := s.Attacks + s.Answers; acts > limit {
			t.Fatalf("tick %d: %d acts launched, more than capacity x actors = %d", s.Tick, acts, limit)
		}
		dropped += s.Dropped
	}
	if dropped == 0 {
		t.Fatal("a supercritical world (m = 4) dropped nothing: capacity never bound")
	}
	tot := m.Finish()
	if tot.Dropped != dropped {
		t.Errorf("totals count %d dropped, the ticks %d", tot.Dropped, dropped)
	}
	// Answers decided per act still measure m = 4 when most are dropped;
	// answers launched per act cannot exceed 1.
	if got := float64(tot.AnswersDecided) / float64(tot.Acts); math.Abs(got-4) > 0.05 {
		t.Errorf("answers decided per act %.4f, want m = 4", got)
	}
}

// Below criticality, answers decided per act estimate the mean offspring
// m = q (1 + c) of the Galton-Watson process: within 4 standard errors,
// with Var = q (1 - q) + q c per act.
func TestOffspringMeanEstimatesM(t *testing.T) {
	for _, tc := range []struct{ q, c float64 }{{0.3, 0.3}, {0.5, 0.6}, {0.2, 0}} {
		p := branchingTestParams(t, tc.q, tc.c, 10000, 5)
		p.Ticks = 600
		m, err := New(p, 5, nil)
		if err != nil {
			t.Fatal(err)
		}
		for range p.Ticks {
			m.Step()
		}
		tot := m.Finish()
		want := tc.q * (1 + tc.c)
		se := math.Sqrt((tc.q*(1-tc.q) + tc.q*tc.c) / float64(tot.Acts))
		got := float64(tot.AnswersDecided) / float64(tot.Acts)
		if math.Abs(got-want) > 4*se {
			t.Errorf("q = %g, c = %g: answers decided per act %.4f, want m = %.4f ± %.4f (%d acts)", tc.q, tc.c, got, want, 4*se, tot.Acts)
		}
	}
}
