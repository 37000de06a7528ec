package model

import "testing"

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
	if tot := m.Finish(); tot.Dropped != dropped {
		t.Errorf("totals count %d dropped, the ticks %d", tot.Dropped, dropped)
	}
}
