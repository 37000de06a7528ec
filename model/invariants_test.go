package model

import (
	"fmt"
	"reflect"
	"testing"
)

// invRecorder records a run's acts and cascade records in the order the
// Observer receives them, with the tick during which each arrived (set by
// the test before each Step; invFinishTick during Finish).
type invRecorder struct {
	tick      int
	acts      []Act
	actTick   []int
	recs      []CascadeRecord
	recTick   []int
	reported  map[int64]bool
	lateActs  []string // acts of cascades already reported
	lateCount int
}

const invFinishTick = -1

func (o *invRecorder) Act(a *Act) {
	if o.reported[a.Cascade] {
		o.lateCount++
		if len(o.lateActs) < 5 {
			o.lateActs = append(o.lateActs, fmt.Sprintf("act %d (tick %d) joins cascade %d, already reported", a.ID, a.Tick, a.Cascade))
		}
	}
	o.acts = append(o.acts, *a)
	o.actTick = append(o.actTick, o.tick)
}

func (o *invRecorder) Cascade(c *CascadeRecord) {
	o.reported[c.ID] = true
	o.recs = append(o.recs, *c)
	o.recTick = append(o.recTick, o.tick)
}

type invRun struct {
	p      Params
	ticks  int
	rec    *invRecorder
	stats  []TickStats
	totals Totals
	actors []Actor
}

func invRecordRun(t *testing.T, p Params, seed uint64, ticks int) *invRun {
	t.Helper()
	o := &invRecorder{reported: map[int64]bool{}}
	m, err := New(p, seed, o)
	if err != nil {
		t.Fatal(err)
	}
	r := &invRun{p: p, ticks: ticks, rec: o}
	for tick := range ticks {
		o.tick = tick
		if m.Tick() != tick {
			t.Fatalf("Tick() = %d before step %d", m.Tick(), tick)
		}
		s := m.Step()
		if s.Tick != tick {
			t.Fatalf("TickStats.Tick = %d at tick %d", s.Tick, tick)
		}
		r.stats = append(r.stats, s)
	}
	o.tick = invFinishTick
	r.totals = m.Finish()
	r.actors = append([]Actor(nil), m.Actors()...)
	if again := m.Finish(); !reflect.DeepEqual(again, r.totals) || len(o.recs) != len(r.rec.recs) {
		t.Errorf("a second Finish changed the totals or reported again")
	}
	return r
}

func invSet(t testing.TB, p *Params, kv ...string) {
	t.Helper()
	for i := 0; i+1 < len(kv); i += 2 {
		if err := p.Set(kv[i], kv[i+1]); err != nil {
			t.Fatal(err)
		}
	}
}

// invariantCases are small worlds (a few hundred actors) over the presets'
// main variations, each run for 200 ticks.
func invariantCases(t testing.TB) []struct {
	name        string
	p           Params
	wantDropped bool
} {
	small := func(kv ...string) Params {
		p := DefaultParams()
		invSet(t, &p, "states", "4", "firms", "120", "citizens", "200", "criminals", "15", "hacktivists", "6", "vigilantes", "2")
		invSet(t, &p, kv...)
		return p
	}
	branching := func(kv ...string) Params {
		p := DefaultParams()
		invSet(t, &p, "mechanics", "branching", "states", "1", "firms", "0", "citizens", "300", "criminals", "0",
			"hacktivists", "0", "vigilantes", "0", "capacity", "1000000", "answer_window", "1", "answer_delay", "1",
			"root_rate", "1", "answer_probability", "0.3", "collateral_mean", "0.3")
		invSet(t, &p, kv...)
		return p
	}
	return []struct {
		name        string
		p           Params
		wantDropped bool
	}{
		{"default", small(), false},
		{"free hack back", small("hack_back", "free", "hack_back_share", "0.6"), false},
		{"escalatory states", small("state_doctrine", "escalatory"), false},
		{"defend forward", small("defend_forward", "0.3"), false},
		{"vigilantes", small("vigilantes", "10"), false},
		{"licensed punitive", small("hack_back", "licensed", "hack_back_share", "0.8", "firm_doctrine", "punitive", "collateral_mean", "1"), false},
		// answer_delay = answer_window: answers land on the window's edge.
		{"tight window", small("hack_back", "free", "hack_back_share", "0.6", "answer_window", "2", "answer_delay", "2"), false},
		// A vigilante's strike is a burst of 5 acts in one tick: capacity 2
		// must drop some.
		{"capacity 2 vigilantes", small("vigilantes", "10", "hack_back", "free", "hack_back_share", "0.6", "capacity", "2"), true},
		// The presets (assets/presets), in the small world where they set no world.
		{"preset road-rage", small("hack_back", "free", "hack_back_share", "0.6", "hack_back_confidence", "0.3",
			"firm_doctrine", "escalatory", "state_doctrine", "escalatory", "state_answer_probability", "0.6",
			"state_confidence", "0.5", "state_protects", "2", "vigilantes", "10", "vigilante_temper", "2",
			"liability", "0", "le_capacity", "0.1"), false},
		{"preset defend-forward", small("state_doctrine", "escalatory", "escalation_probability", "0.5", "defend_forward", "0.2",
			"monitoring", "0.5", "state_answer_probability", "0.8", "state_confidence", "0.6", "state_protects", "2"), false},
		{"preset p4x", small("states", "2", "state_gradient", "0.4", "state_defence", "0.9", "firms", "20", "citizens", "20",
			"criminals", "0", "hacktivists", "0", "vigilantes", "1", "espionage_rate", "1", "anger_decay", "0.01",
			"espionage_state_share", "0.1", "vigilante_temper", "3", "vigilante_burst", "8", "state_confidence", "0.5",
			"state_answer_probability", "0.8", "home_state_blame", "0.8", "researcher_share", "0"), false},
		{"preset blue-security", small("states", "2", "firms", "1", "citizens", "0", "criminals", "1", "hacktivists", "0",
			"vigilantes", "0", "researcher_share", "0", "poverty_share", "0", "iot_share", "0", "botnet_share", "0",
			"hack_back", "free", "hack_back_share", "1", "hack_back_confidence", "0.3", "crime_rate", "0.5",
			"attack_intensity", "0.2", "firm_value", "2", "crime_choice", "1", "criminal_offence", "1",
			"counter_probability", "0.9", "proxy_use", "0", "false_flag", "0", "deterrence_ticks", "0"), false},
		{"branching", branching(), false},
		// Supercritical (m = 1.8) in 300 actors: capacity 2 bounds the
		// growth, and acts are dropped.
		{"branching supercritical capacity 2", branching("answer_probability", "0.9", "collateral_mean", "1", "capacity", "2"), true},
	}
}

func invAnswerKind(k ActKind) bool {
	switch k {
	case ActHackBack, ActRetaliation, ActCounterstrike, ActAnswer, ActVigilante:
		return true
	}
	return false
}

func TestInvariants(t *testing.T) {
	const ticks = 200
	seeds := []uint64{1, 2, 3}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, tc := range invariantCases(t) {
		for _, seed := range seeds {
			t.Run(fmt.Sprintf("%s/seed=%d", tc.name, seed), func(t *testing.T) {
				r := invRecordRun(t, tc.p, seed, ticks)
				checkInvariants(t, r)
				if tc.wantDropped && r.totals.Dropped == 0 {
					t.Errorf("no act dropped with capacity %d", tc.p.Capacity)
				}
				t.Logf("%d acts, %d cascades, %d answers, %d dropped, kinds %v; %d exchanges, %d after a vigilante, %d destroyed by cause %v", r.totals.Acts, r.totals.Cascades, r.totals.Answers, r.totals.Dropped, r.totals.ByKind, r.totals.Exchanges, r.totals.VigilanteExchanges, r.totals.FirmsDestroyed, r.totals.DestroyedBy)
			})
		}
	}
}

// errorf reports at most a few errors of one kind.
type invErrLimiter struct {
	t *testing.T
	n map[string]int
}

func (e *invErrLimiter) errorf(kind, format string, args ...any) {
	e.t.Helper()
	e.n[kind]++
	if e.n[kind] <= 3 {
		e.t.Errorf(kind+": "+format, args...)
	}
}

func checkInvariants(t *testing.T, r *invRun) {
	t.Helper()
	p := r.p
	acts, recs := r.rec.acts, r.rec.recs
	e := &invErrLimiter{t: t, n: map[string]int{}}

	if r.rec.lateCount > 0 {
		e.errorf("closed cascade grew", "%d acts joined cascades after their record: %v", r.rec.lateCount, r.rec.lateActs)
	}

	// Acts.
	// Innocent bystanders: bystanders of an act that answers an act (an
	// answer, or a pre-emptive strike) other than the author of the act
	// answered. The acts do not say who their bystanders were, so each
	// act's innocent bystanders are known only within [lo, hi]: hi is its
	// Collateral if it answers an act, else 0; lo is hi when the author
	// cannot have been drawn as a bystander (cyber rules: he is the target
	// or the striker, or at home outside the target's jurisdiction), else 0.
	bystanders := func(a *Act) (lo, hi int64) {
		if a.Parent == None && a.Kind != ActPreemptive {
			return 0, 0
		}
		hi = int64(a.Collateral)
		if a.Kind == ActAnswer || a.Kind == ActPreemptive {
			return 0, hi // the author is anyone (branching), or not recorded (pre-emptive)
		}
		author := acts[a.Parent].Origin
		if acts[a.Parent].Kind == ActScan || author == a.Target || author == a.Origin ||
			r.actors[author].State != r.actors[a.Target].State {
			return hi, hi
		}
		return 0, hi
	}
	type agg struct {
		size, collateral, innocent int64
		innocentLo, innocentHi     int64
		depth, peak                int
		rootAct                    int64
		rootTick, lastTick         int
		rootKind                   ActKind
		interstate, vigilante      bool
		actors                     map[int32]bool
		// strikes[from][to]: state from struck state to or one of its
		// firms (1), in an act descending from a vigilante's strike (2).
		strikes                     map[[2]int32]int
		exchange, vigilanteExchange bool
	}
	// inLine: the act is a vigilante's strike or descends from one.
	inLine := make([]bool, len(acts))
	casc := map[int64]*agg{}
	var cascOrder []int64
	type key struct {
		tick   int
		origin int32
	}
	perActor := map[key]int{}
	for i := range acts {
		a := &acts[i]
		if a.ID != int64(i) {
			e.errorf("act ids", "act %d has id %d: ids must be consecutive from 0", i, a.ID)
		}
		if a.Tick != r.rec.actTick[i] {
			e.errorf("act tick", "act %d of tick %d reached the observer during tick %d", a.ID, a.Tick, r.rec.actTick[i])
		}
		perActor[key{a.Tick, a.Origin}]++
		// Act's documentation: Suspect is None when undetected;
		// Misattributed means detected and blamed on someone else.
		if a.Detected != (a.Suspect != None) || a.Misattributed != (a.Detected && a.Suspect != a.Origin) {
			e.errorf("detection flags", "act %d: Detected %v, Suspect %d, Origin %d, Misattributed %v", a.ID, a.Detected, a.Suspect, a.Origin, a.Misattributed)
		}
		if a.Parent == None {
			if a.Generation != 0 {
				e.errorf("root generation", "root %d has generation %d", a.ID, a.Generation)
			}
			if invAnswerKind(a.Kind) {
				e.errorf("root kind", "root %d is of answer kind %v", a.ID, a.Kind)
			}
			if _, seen := casc[a.Cascade]; seen {
				e.errorf("root cascade", "root %d joins cascade %d, already started", a.ID, a.Cascade)
				continue
			}
			casc[a.Cascade] = &agg{rootAct: a.ID, rootTick: a.Tick, rootKind: a.Kind, actors: map[int32]bool{}, strikes: map[[2]int32]int{}}
			cascOrder = append(cascOrder, a.Cascade)
		} else {
			if a.Parent < 0 || a.Parent >= a.ID {
				e.errorf("parent order", "act %d has parent %d: must be an earlier act", a.ID, a.Parent)
				continue
			}
			pa := &acts[a.Parent]
			if !invAnswerKind(a.Kind) {
				e.errorf("answer kind", "answer %d is of root kind %v", a.ID, a.Kind)
			}
			if a.Cascade != pa.Cascade {
				e.errorf("answer cascade", "answer %d in cascade %d, its parent %d in %d", a.ID, a.Cascade, pa.ID, pa.Cascade)
			}
			if a.Tick < pa.Tick+1 || a.Tick > pa.Tick+p.AnswerWindow {
				e.errorf("answer tick", "answer %d at tick %d to act %d of tick %d: must be within [+1, +%d]", a.ID, a.Tick, pa.ID, pa.Tick, p.AnswerWindow)
			}
			// answer_delay: "an answer is launched 1 to answer_delay ticks
			// after the act it answers" (the branching rule always uses 1).
			if a.Tick > pa.Tick+p.AnswerDelay {
				e.errorf("answer delay", "answer %d at tick %d to act %d of tick %d: more than answer_delay %d later", a.ID, a.Tick, pa.ID, pa.Tick, p.AnswerDelay)
			}
			if a.Generation != pa.Generation+1 {
				e.errorf("generation", "answer %d has generation %d, parent %d has %d", a.ID, a.Generation, pa.ID, pa.Generation)
			}
		}
		c := casc[a.Cascade]
		if c == nil {
			e.errorf("unknown cascade", "act %d joins cascade %d that no root started", a.ID, a.Cascade)
			continue
		}
		inLine[i] = a.Kind == ActVigilante || a.Parent != None && inLine[a.Parent]
		// Two states strike each other: an act of a state at another state
		// or its firm, then an act of the struck state at the first or its
		// firm (both in a vigilante's line for the vigilante exchange).
		// (Kinds and homes are fixed: the actors at the end tell them.)
		if ot, tt := &r.actors[a.Origin], &r.actors[a.Target]; ot.Kind == KindState && (tt.Kind == KindState || tt.Kind == KindFirm) && tt.State != a.Origin {
			from, to := a.Origin, tt.State
			back := c.strikes[[2]int32{to, from}]
			if back > 0 {
				c.exchange = true
			}
			if back == 2 && inLine[i] {
				c.vigilanteExchange = true
			}
			if inLine[i] {
				c.strikes[[2]int32{from, to}] = 2
			} else if c.strikes[[2]int32{from, to}] == 0 {
				c.strikes[[2]int32{from, to}] = 1
			}
		}
		c.size++
		c.depth = max(c.depth, int(a.Generation))
		c.peak = max(c.peak, int(a.Intensity))
		c.lastTick = max(c.lastTick, a.Tick)
		c.interstate = c.interstate || a.Interstate
		c.vigilante = c.vigilante || a.Kind == ActVigilante
		c.collateral += int64(a.Collateral)
		if a.Innocent {
			c.innocent++
		}
		lo, hi := bystanders(a)
		c.innocentLo += lo
		c.innocentHi += hi
		c.actors[a.Origin] = true
		if a.Target >= 0 {
			c.actors[a.Target] = true
		}
	}
	for k, n := range perActor {
		if n > p.Capacity {
			e.errorf("capacity", "actor %d launched %d acts at tick %d, capacity %d", k.origin, n, k.tick, p.Capacity)
		}
	}

	// Cascade records.
	seen := map[int64]bool{}
	closedAt := map[int]int64{} // tick -> cascades closed during it
	lastFinishID := int64(-1)
	var closed, closedActs, maxSize int64
	var maxDepth int
	var interstateC, vigilanteC, answeredC, exchangeC, vigExchangeC int64
	for i := range recs {
		rc := &recs[i]
		tick := r.rec.recTick[i]
		if seen[rc.ID] {
			e.errorf("reported twice", "cascade %d reported twice", rc.ID)
			continue
		}
		seen[rc.ID] = true
		c := casc[rc.ID]
		if c == nil {
			e.errorf("record without acts", "cascade %d reported but none of its acts was", rc.ID)
			continue
		}
		if rc.Size != c.size || rc.Depth != c.depth || rc.PeakIntensity != c.peak || rc.RootAct != c.rootAct ||
			rc.RootTick != c.rootTick || rc.RootKind != c.rootKind || rc.LastTick != c.lastTick ||
			rc.Interstate != c.interstate || rc.Vigilante != c.vigilante || rc.Exchange != c.exchange || rc.VigilanteExchange != c.vigilanteExchange {
			e.errorf("record", "cascade %d record %+v; from its acts: size %d depth %d peak %d root %d@%d kind %v last %d interstate %v vigilante %v exchange %v vigilante exchange %v",
				rc.ID, *rc, c.size, c.depth, c.peak, c.rootAct, c.rootTick, c.rootKind, c.lastTick, c.interstate, c.vigilante, c.exchange, c.vigilanteExchange)
		}
		if rc.Duration() != c.lastTick-c.rootTick+1 {
			e.errorf("duration", "cascade %d duration %d", rc.ID, rc.Duration())
		}
		// Innocents counts innocent targets and innocent bystanders.
		if rc.Innocents < c.innocent+c.innocentLo || rc.Innocents > c.innocent+c.innocentHi {
			e.errorf("innocents", "cascade %d: Innocents %d, its acts have %d innocent targets and %d to %d innocent bystanders (of %d)",
				rc.ID, rc.Innocents, c.innocent, c.innocentLo, c.innocentHi, c.collateral)
		}
		// Actors: the origins and targets, plus at most the bystanders.
		if lo, hi := len(c.actors), len(c.actors)+int(c.collateral); rc.Actors < lo || rc.Actors > hi {
			e.errorf("actors", "cascade %d: Actors %d, want within [%d, %d]", rc.ID, rc.Actors, lo, hi)
		}
		if tick == invFinishTick {
			// Open at the end: its last act can still be answered at tick
			// r.ticks or later, and Finish reports in order of id.
			if rc.Closed {
				e.errorf("finish closed", "Finish reported cascade %d as closed", rc.ID)
			}
			if c.lastTick+p.AnswerWindow < r.ticks {
				e.errorf("finish late", "cascade %d open at the end, but its last act (tick %d) could be answered only until tick %d", rc.ID, c.lastTick, c.lastTick+p.AnswerWindow)
			}
			if rc.ID <= lastFinishID {
				e.errorf("finish order", "Finish reported %d after %d", rc.ID, lastFinishID)
			}
			lastFinishID = rc.ID
		} else {
			// Closed during Step: exactly when its last act's window ends.
			if !rc.Closed {
				e.errorf("step open", "cascade %d reported open during tick %d", rc.ID, tick)
			}
			if tick != c.lastTick+p.AnswerWindow {
				e.errorf("close tick", "cascade %d closed during tick %d; its last act (tick %d) can be answered until tick %d", rc.ID, tick, c.lastTick, c.lastTick+p.AnswerWindow)
			}
			closedAt[tick]++
			closed++
			closedActs += rc.Size
		}
		maxSize = max(maxSize, rc.Size)
		maxDepth = max(maxDepth, rc.Depth)
		if rc.Interstate {
			interstateC++
		}
		if rc.Vigilante {
			vigilanteC++
		}
		if rc.Size > 1 {
			answeredC++
		}
		if rc.Exchange {
			exchangeC++
		}
		if rc.VigilanteExchange {
			vigExchangeC++
		}
	}
	for _, id := range cascOrder {
		if !seen[id] {
			e.errorf("never reported", "cascade %d never reported", id)
		}
	}

	// Per-tick statistics.
	type tickAgg struct {
		roots, answers, detected, misattributed, innocents, innocentsHi, interstate, armed int64
		byKind                                                                             [numActKinds]int64
	}
	per := make([]tickAgg, r.ticks)
	started := make([]int64, r.ticks)
	for i := range acts {
		a := &acts[i]
		if a.Tick < 0 || a.Tick >= r.ticks {
			e.errorf("act tick range", "act %d at tick %d", a.ID, a.Tick)
			continue
		}
		g := &per[a.Tick]
		if a.Parent == None {
			g.roots++
			started[a.Tick]++
		} else {
			g.answers++
		}
		g.byKind[a.Kind]++
		if a.Detected {
			g.detected++
		}
		if a.Misattributed {
			g.misattributed++
		}
		if a.Innocent {
			g.innocents++
			g.innocentsHi++
		}
		lo, hi := bystanders(a)
		g.innocents += lo
		g.innocentsHi += hi
		if a.Interstate {
			g.interstate++
		}
		if a.Intensity >= ArmedAttack {
			g.armed++
		}
	}
	var active, dropped int64
	var byKind [numActKinds]int64
	for tick, s := range r.stats {
		g := &per[tick]
		if s.Attacks != g.roots || s.Answers != g.answers {
			e.errorf("tick acts", "tick %d: Attacks %d + Answers %d, observed %d roots + %d answers", tick, s.Attacks, s.Answers, g.roots, g.answers)
		}
		if s.ByKind != g.byKind {
			e.errorf("tick kinds", "tick %d: ByKind %v, observed %v", tick, s.ByKind, g.byKind)
		}
		var sum int64
		for _, n := range s.ByKind {
			sum += n
		}
		if sum != s.Attacks+s.Answers {
			e.errorf("tick kinds sum", "tick %d: ByKind sums to %d, Attacks+Answers = %d", tick, sum, s.Attacks+s.Answers)
		}
		if s.InnocentsHarmed < g.innocents || s.InnocentsHarmed > g.innocentsHi || s.Interstate != g.interstate || s.ArmedConflict != g.armed {
			e.errorf("tick harms", "tick %d: InnocentsHarmed %d Interstate %d ArmedConflict %d, observed %d to %d, %d, %d",
				tick, s.InnocentsHarmed, s.Interstate, s.ArmedConflict, g.innocents, g.innocentsHi, g.interstate, g.armed)
		}
		if s.Detected != g.detected || s.Misattributed != g.misattributed {
			e.errorf("tick detection", "tick %d: Detected %d Misattributed %d, the acts' flags %d %d", tick, s.Detected, s.Misattributed, g.detected, g.misattributed)
		}
		active += started[tick] - closedAt[tick]
		if s.OpenCascades != active {
			e.errorf("active cascades", "tick %d: OpenCascades %d, started and not closed %d", tick, s.OpenCascades, active)
		}
		dropped += s.Dropped
		for k := range byKind {
			byKind[k] += s.ByKind[k]
		}
	}

	// Totals.
	tot := r.totals
	var roots int64
	for _, n := range started {
		roots += n
	}
	if tot.Ticks != r.ticks || tot.Acts != int64(len(acts)) || tot.Attacks != roots || tot.Answers != int64(len(acts))-roots ||
		tot.Cascades != int64(len(cascOrder)) || tot.CascadesClosed != closed || tot.ActsOfClosed != closedActs ||
		tot.ChildrenOfClosed != closedActs-closed || tot.MaxSize != maxSize || tot.MaxDepth != maxDepth ||
		tot.Dropped != dropped || tot.ByKind != byKind || tot.InterstateCascades != interstateC || tot.VigilanteCascades != vigilanteC ||
		tot.AnsweredCascades != answeredC || tot.Exchanges != exchangeC || tot.VigilanteExchanges != vigExchangeC {
		e.errorf("totals", "totals %+v disagree with the observed acts and records", tot)
	}
	// Every destroyed firm is put down to one cause.
	var byCause int64
	for _, n := range tot.DestroyedBy {
		byCause += n
	}
	if byCause != tot.FirmsDestroyed {
		e.errorf("destruction causes", "%d firms destroyed, %d by cause (%v)", tot.FirmsDestroyed, byCause, tot.DestroyedBy)
	}
}

// TestIsRootKind checks that isRootKind agrees with what the model does:
// acts of a root kind have no parent, acts of an answer kind have one.
func TestIsRootKind(t *testing.T) {
	var p Params
	for _, tc := range invariantCases(t) {
		if tc.name == "capacity 2 vigilantes" {
			p = tc.p
		}
	}
	r := invRecordRun(t, p, 1, 200)
	seen := map[ActKind]bool{}
	for _, a := range r.rec.acts {
		seen[a.Kind] = true
		if isRootKind(a.Kind) != (a.Parent == None) {
			t.Fatalf("act %d of kind %v has parent %d, but isRootKind(%v) = %v", a.ID, a.Kind, a.Parent, a.Kind, isRootKind(a.Kind))
		}
	}
	if !seen[ActVigilante] {
		t.Fatal("no vigilante strike in this run: the test does not exercise the case")
	}
}

// TestInvariantsDeterminism: the same seed gives the same acts, records, statistics
// and totals, with or without an observer; another seed gives others.
func TestInvariantsDeterminism(t *testing.T) {
	for _, tc := range invariantCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			a := invRecordRun(t, tc.p, 42, 120)
			b := invRecordRun(t, tc.p, 42, 120)
			if !reflect.DeepEqual(a.rec.acts, b.rec.acts) || !reflect.DeepEqual(a.rec.recs, b.rec.recs) ||
				!reflect.DeepEqual(a.stats, b.stats) || !reflect.DeepEqual(a.totals, b.totals) {
				t.Fatal("two runs with the same seed differ")
			}
			// Without an observer: the same statistics.
			m, err := New(tc.p, 42, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 120 {
				if s := m.Step(); !reflect.DeepEqual(s, a.stats[i]) {
					t.Fatalf("tick %d: statistics differ without an observer", i)
				}
			}
			if tot := m.Finish(); !reflect.DeepEqual(tot, a.totals) {
				t.Fatal("totals differ without an observer")
			}
			c := invRecordRun(t, tc.p, 43, 120)
			if reflect.DeepEqual(a.rec.acts, c.rec.acts) || reflect.DeepEqual(a.stats, c.stats) {
				t.Fatal("seeds 42 and 43 give identical runs")
			}
		})
	}
}
