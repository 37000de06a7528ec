package tour

import (
	"testing"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/model"
)

// reference records a run's acts straight from the model, with each
// cascade's size counted here, and the first day on which a firm was
// destroyed by the day's numbers: an account of the run independent of
// the live session the watch is fed from.
type reference struct {
	acts      []model.Act
	sizes     []int64 // the cascade's size after each act
	count     map[int64]int64
	destroyed int // the first day whose FirmsDestroyed is above 0, -1 if none
}

func (r *reference) Act(a *model.Act) {
	r.count[a.Cascade]++
	r.acts = append(r.acts, *a)
	r.sizes = append(r.sizes, r.count[a.Cascade])
}
func (r *reference) Cascade(*model.CascadeRecord) {}

func record(t *testing.T, st live.State, ticks int) *reference {
	t.Helper()
	sc, err := st.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	r := &reference{count: map[int64]int64{}, destroyed: -1}
	m, err := model.New(sc.Params, st.Seed, r)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < ticks; i++ {
		s := m.Step()
		if s.FirmsDestroyed > 0 && r.destroyed < 0 {
			r.destroyed = s.Tick
		}
	}
	return r
}

func state(t *testing.T, query string) live.State {
	t.Helper()
	st, notes := live.ParseQuery(query)
	if len(notes) > 0 {
		t.Fatal(notes)
	}
	return st
}

// TestEventsFireAtTheFirstMatch runs short runs and checks that each
// event's beat fires at the first act of the run, in the model's own
// order, that has the event's defining property.
func TestEventsFireAtTheFirstMatch(t *testing.T) {
	tests := []struct {
		event Event
		size  int
		query string
		ticks int
		is    func(a *model.Act, size int64) bool
	}{
		{HackBack, 0, "scenario=licensed-privateers&seed=1", 20, func(a *model.Act, _ int64) bool { return a.Kind == model.ActHackBack }},
		{InnocentHackBack, 0, "scenario=licensed-privateers&seed=1", 20, func(a *model.Act, _ int64) bool { return a.Kind == model.ActHackBack && a.Innocent }},
		{InnocentHit, 0, "scenario=status-quo&seed=17", 30, func(a *model.Act, _ int64) bool { return a.Parent != model.None && a.Innocent }},
		{VigilanteStrike, 0, "scenario=p4x", 30, func(a *model.Act, _ int64) bool { return a.Kind == model.ActVigilante }},
		{Counterstrike, 0, "scenario=blue-security", 10, func(a *model.Act, _ int64) bool { return a.Kind == model.ActCounterstrike }},
		{BorderRetaliation, 0, "scenario=p4x", 30, func(a *model.Act, _ int64) bool { return a.Kind == model.ActRetaliation && a.Interstate }},
		{PreemptiveStrike, 0, "scenario=defend-forward&seed=2", 10, func(a *model.Act, _ int64) bool { return a.Kind == model.ActPreemptive }},
		{Cascade, 6, "scenario=road-rage&seed=8", 30, func(_ *model.Act, size int64) bool { return size >= 6 }},
		{ArmedConflict, 0, "scenario=defend-forward&seed=2", 10, func(a *model.Act, _ int64) bool { return a.Intensity == model.ArmedAttack }},
	}
	for _, tc := range tests {
		t.Run(tc.event.String(), func(t *testing.T) {
			st := state(t, tc.query)
			ref := record(t, st, tc.ticks)
			want := -1
			for i := range ref.acts {
				if tc.is(&ref.acts[i], ref.sizes[i]) {
					want = i
					break
				}
			}
			if want < 0 {
				t.Fatalf("no act of the first %d days is a %s: choose another run for the test", tc.ticks, tc.event)
			}
			days, acts := beatDays(t, st, []Beat{{Name: "b", Event: tc.event, Size: tc.size}}, tc.ticks)
			if days[0] < 0 || acts[0].ID != ref.acts[want].ID {
				t.Errorf("the %s beat fired at act %d (day %d); the first matching act is %d (day %d)", tc.event, acts[0].ID, days[0], ref.acts[want].ID, ref.acts[want].Tick)
			}
		})
	}
}

// TestFirmDestroyedFiresOnTheDay checks the firm-destroyed beat against
// the day's numbers: it fires on the first day a firm is destroyed, at an
// act that struck or was launched by the destroyed firm.
func TestFirmDestroyedFiresOnTheDay(t *testing.T) {
	for _, q := range []string{"scenario=blue-security", "scenario=blue-security&seed=3"} {
		st := state(t, q)
		ref := record(t, st, 120)
		if ref.destroyed < 0 {
			t.Fatalf("%s: no firm destroyed in 120 days: choose another run for the test", q)
		}
		days, acts := beatDays(t, st, []Beat{{Name: "b", Event: FirmDestroyed}}, 120)
		if days[0] != ref.destroyed {
			t.Errorf("%s: the beat fired on day %d; the first firm was destroyed on day %d", q, days[0], ref.destroyed)
		}
		s, _ := live.New(st)
		for s.Ran() <= days[0] {
			s.Step()
		}
		actors := s.Model().Actors()
		a := &acts[0]
		if !destroyedFirm(a.Origin, actors) && !destroyedFirm(a.Target, actors) {
			t.Errorf("%s: the beat's act %d (%d → %d) involves no destroyed firm", q, a.ID, a.Origin, a.Target)
		}
	}
}

// TestEveryEventIsTested keeps the table above complete.
func TestEveryEventIsTested(t *testing.T) {
	if len(Events()) != int(numEvents) || int(FirmDestroyed) >= int(numEvents) {
		t.Fatal("events and their names disagree")
	}
	for i, name := range Events() {
		if e, ok := eventNamed(name); !ok || int(e) != i || e.String() != name {
			t.Errorf("event %d: name %q does not round-trip", i, name)
		}
	}
}
