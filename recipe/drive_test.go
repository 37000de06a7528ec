package recipe

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// world returns a small road-rage world of the given length.
func world(t testing.TB, ticks int) *model.Model {
	t.Helper()
	sc, err := Recipe{Scenario: "road-rage", Seed: 5, Ticks: ticks, Sets: []Setting{{"firms", "60"}, {"citizens", "150"}}}.Resolve(CommandLine)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.New(sc.Params, 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// inForce drives a run of the given changes tick by tick and returns, for
// every tick, the value of key in force when that tick ran, and the ticks'
// numbers.
func inForce(t *testing.T, ticks int, key string, at []Change) ([]string, []model.TickStats) {
	t.Helper()
	m := world(t, ticks)
	d, err := NewDriver(m, ticks, at)
	if err != nil {
		t.Fatal(err)
	}
	var values []string
	var rows []model.TickStats
	for !d.Done() {
		p := m.Params()
		v, _ := p.Get(key)
		values = append(values, v)
		if _, err := d.Step(); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, *d.Last())
	}
	return values, rows
}

// TestChangeOnItsTick pins when a change is made: a change for tick T is
// in force when tick T runs and not before (never early), from then on;
// changes for one tick are made in the order given; the order of ticks in
// the list does not matter.
func TestChangeOnItsTick(t *testing.T) {
	plainValues, plain := inForce(t, 40, "hack_back", nil)
	values, rows := inForce(t, 40, "hack_back", []Change{{12, "hack_back", "illegal"}, {12, "hack_back_share", "0.9"}})
	for tick := range values {
		want := plainValues[tick]
		if tick >= 12 {
			want = "illegal"
		}
		if values[tick] != want {
			t.Errorf("tick %d ran with hack_back = %s, want %s", tick, values[tick], want)
		}
	}
	if !reflect.DeepEqual(rows[:12], plain[:12]) {
		t.Error("ticks before the change differ from the run without it")
	}
	if reflect.DeepEqual(rows[12:], plain[12:]) {
		t.Error("the change made no difference from its tick on")
	}

	cases := []struct {
		at   []Change
		want map[int]string // tick -> hotline in force, from that tick until the next entry
	}{
		{[]Change{{5, "hotline", "0.2"}, {5, "hotline", "0.7"}}, map[int]string{0: "0", 5: "0.7"}},
		{[]Change{{5, "hotline", "0.7"}, {5, "hotline", "0.2"}}, map[int]string{0: "0", 5: "0.2"}},
		{[]Change{{8, "hotline", "0.3"}, {2, "hotline", "0.6"}}, map[int]string{0: "0", 2: "0.6", 8: "0.3"}},
		{[]Change{{0, "hotline", "0.4"}, {19, "hotline", "0.5"}}, map[int]string{0: "0.4", 19: "0.5"}},
	}
	for _, c := range cases {
		values, _ := inForce(t, 20, "hotline", c.at)
		want := ""
		for tick, v := range values {
			if w, ok := c.want[tick]; ok {
				want = w
			}
			if v != want {
				t.Errorf("%v: tick %d ran with hotline = %s, want %s", c.at, tick, v, want)
			}
		}
	}
}

// TestNeverLate: a driver started on a model that has run some ticks takes
// the changes of those ticks as made (never makes them late), makes those
// of the next tick at once, and none past the run's end.
func TestNeverLate(t *testing.T) {
	m := world(t, 30)
	for range 10 {
		m.Step()
	}
	d, err := NewDriver(m, 20, []Change{{5, "hotline", "0.9"}, {10, "proxy_use", "0.1"}, {20, "info_sharing", "0.8"}})
	if err != nil {
		t.Fatal(err)
	}
	if p := m.Params(); p.Hotline != 0 || p.ProxyUse != 0.1 {
		t.Errorf("after starting at tick 10: hotline %v (want 0: tick 5 has run), proxy_use %v (want 0.1)", p.Hotline, p.ProxyUse)
	}
	if err := d.Run(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if p := m.Params(); m.Tick() != 20 || p.InfoSharing == 0.8 {
		t.Errorf("after the run: tick %d, info_sharing %v: a change for tick 20 of a 20-tick run was made", m.Tick(), p.InfoSharing)
	}
	if ran, err := d.Step(); ran || err != nil {
		t.Errorf("Step after the end ran %v, %v", ran, err)
	}
}

// TestDriverChange: a change made during the run (the page's reader) is
// made at once, recorded at its tick, and replaces one of the same key
// already made at that tick.
func TestDriverChange(t *testing.T) {
	m := world(t, 10)
	d, err := NewDriver(m, 10, []Change{{3, "hotline", "0.5"}, {6, "hotline", "0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		d.Step()
	}
	if err := d.Change("hotline", "0.6"); err != nil {
		t.Fatal(err)
	}
	if err := d.Change("proxy_use", " 0.2 "); err != nil {
		t.Fatal(err)
	}
	want := []Change{{3, "hotline", "0.6"}, {3, "proxy_use", "0.2"}, {6, "hotline", "0.1"}}
	if got := d.Changes(); !reflect.DeepEqual(got, want) {
		t.Errorf("Changes() = %v, want %v", got, want)
	}
	if p := m.Params(); p.Hotline != 0.6 || p.ProxyUse != 0.2 {
		t.Errorf("hotline %v, proxy_use %v", p.Hotline, p.ProxyUse)
	}
	for _, bad := range [][2]string{{"firms", "3"}, {"ticks", "30"}, {"hotline", "2"}, {"hotlines", "1"}} {
		if err := d.Change(bad[0], bad[1]); err == nil {
			t.Errorf("Change(%s, %s) accepted", bad[0], bad[1])
		}
	}
	d.Run(context.Background(), nil)
	if err := d.Change("hotline", "0.3"); err == nil {
		t.Error("a change after the run's end was accepted")
	}
}

// TestDriverAllocatesNothingPerTick: stepping, and running with a
// callback, allocate nothing per tick.
func TestDriverAllocatesNothingPerTick(t *testing.T) {
	m := world(t, 100_000)
	d, err := NewDriver(m, 100_000, []Change{{50_000, "hotline", "0.5"}})
	if err != nil {
		t.Fatal(err)
	}
	for range 300 {
		d.Step()
	}
	if a := testing.AllocsPerRun(200, func() { d.Step() }); a > 0.05 {
		t.Errorf("%.3f allocations per Step, want none", a)
	}
	var n int64
	each := func(s *model.TickStats) { n += s.Attacks }
	if a := testing.AllocsPerRun(5, func() {
		d.Reset(m, m.Tick()+200, []Change{{m.Tick() + 100, "hotline", "0.5"}})
		d.Run(context.Background(), each)
	}); a/200 > 0.05 {
		t.Errorf("%.1f allocations per 200 ticks of Run, want none", a)
	}
}

// TestRunStopsWhenCancelled: Run checks its context after every 64th tick.
func TestRunStopsWhenCancelled(t *testing.T) {
	m := world(t, 365)
	d, err := NewDriver(m, 365, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := d.Run(ctx, nil); !errors.Is(err, context.Canceled) || m.Tick() != 64 {
		t.Errorf("Run = %v at tick %d, want context.Canceled after tick 63", err, m.Tick())
	}
}

// TestDriverRefusesBadChanges: a change the recipe's checks would refuse
// is refused by the driver too, when its tick comes.
func TestDriverRefusesBadChanges(t *testing.T) {
	m := world(t, 10)
	if _, err := NewDriver(m, 10, []Change{{0, "ticks", "5"}}); err == nil {
		t.Error("a change of ticks was made")
	}
	sc, _ := scenario.Load("status-quo")
	m, _ = model.New(sc.Params, 1, nil)
	d, err := NewDriver(m, 10, []Change{{2, "firms", "4"}})
	if err != nil {
		t.Fatal(err)
	}
	d.Step()
	if _, err := d.Step(); err == nil || err.Error() != "timed change 2:firms=4: firms fixes the world's structure and cannot change during a run" {
		t.Errorf("structural change at tick 2: %v", err)
	}
}

// A recipe's Driver runs its changes during the run, and a recipe that
// does not resolve is an error.
func TestRecipeDriver(t *testing.T) {
	r := Recipe{Scenario: "status-quo", Seed: 2, Ticks: 12, At: []Change{{Tick: 5, Key: "hotline", Value: "0.5"}}}
	d, err := r.Driver(CommandLine)
	if err != nil {
		t.Fatal(err)
	}
	for !d.Done() {
		if _, err := d.Step(); err != nil {
			t.Fatal(err)
		}
	}
	if d.Model().Tick() != 12 || d.Model().Params().Hotline != 0.5 {
		t.Errorf("ran %d ticks, hotline %v; want 12 and 0.5", d.Model().Tick(), d.Model().Params().Hotline)
	}
	if _, err := (Recipe{Scenario: "atlantis", Seed: 1}).Driver(CommandLine); err == nil {
		t.Error("an unknown scenario gave a driver")
	}
}
