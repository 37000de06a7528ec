package observe

import (
	"testing"

	"github.com/escalation-model/escalation/model"
)

// Actors of the hand-built worlds: states 0, 1 and 2; firm 3 at home in
// state 1; firm 4 in state 1, below the poverty line; firm 5 in state 1,
// below the poverty line but running IoT systems; firm 6 in state 0;
// citizen 7 in state 1; criminal 8 in state 0.
const (
	stA, stB, stC                               = 0, 1, 2
	firmB, poorB, iotB, firmA, citizenB, crookA = 3, 4, 5, 6, 7, 8
)

func world() []model.Actor {
	as := []model.Actor{
		{ID: stA, Kind: model.KindState, State: stA},
		{ID: stB, Kind: model.KindState, State: stB},
		{ID: stC, Kind: model.KindState, State: stC},
		{ID: firmB, Kind: model.KindFirm, State: stB},
		{ID: poorB, Kind: model.KindFirm, State: stB, Poor: true},
		{ID: iotB, Kind: model.KindFirm, State: stB, Poor: true, IoT: true},
		{ID: firmA, Kind: model.KindFirm, State: stA},
		{ID: citizenB, Kind: model.KindCitizen, State: stB},
		{ID: crookA, Kind: model.KindCriminal, State: stA},
	}
	return as
}

// act returns a detected, rightly attributed act at confidence 0.9.
func act(tick int, kind model.ActKind, origin, target int32, intensity int8) model.Act {
	return model.Act{Tick: tick, Kind: kind, Origin: origin, Target: target, Suspect: origin, Detected: true, Confidence: 0.9, Intensity: intensity, Via: -1, Flag: -1, Parent: -1}
}

func espionage(tick int, origin, target int32) model.Act {
	return act(tick, model.ActEspionage, origin, target, model.Disruption)
}

func retaliation(tick int, origin, target int32, intensity int8) model.Act {
	return act(tick, model.ActRetaliation, origin, target, intensity)
}

// observe runs the observer over acts and returns the record of a run of
// the given length.
func observe(t *testing.T, cfg Config, acts []model.Act, ticks int, destroyed ...int32) Record {
	t.Helper()
	o := NewObserver(cfg)
	as := world()
	o.Attach(as)
	for i := range acts {
		acts[i].ID = int64(i)
		for _, d := range destroyed {
			as[d].Destroyed = acts[i].Target == d // destroyed by this act
		}
		o.Act(&acts[i])
	}
	return o.Finish(ticks)
}

// TestIncidents: which acts are recorded, and how they are grouped into
// incidents and coded.
func TestIncidents(t *testing.T) {
	def := DefaultConfig()
	firms := def
	firms.PrivateTargets = PrivateFirms
	low := func(a model.Act) model.Act { a.Confidence = 0.79; return a }
	at := func(a model.Act, c float64) model.Act { a.Confidence = c; return a }
	undetected := func(a model.Act) model.Act { a.Detected, a.Suspect, a.Confidence = false, -1, 0; return a }
	wrong := func(a model.Act) model.Act { a.Misattributed, a.Suspect = true, stC; return a }
	collateral := func(a model.Act) model.Act { a.Collateral = 2; return a }
	type inc struct {
		ini, tgt   int32
		start, end int
		sev        int8
		obj        Objective
		tt         TargetType
		method     Method
	}
	for _, c := range []struct {
		name      string
		cfg       Config
		acts      []model.Act
		destroyed []int32
		want      []inc
	}{
		{"one theft", def, []model.Act{espionage(3, stA, stB)}, nil,
			[]inc{{stA, stB, 3, 3, 3, ObjEspionage, TargetGovernment, MethodIntrusion}}},
		{"acts within the gap join, inclusive", def, []model.Act{espionage(0, stA, stB), espionage(30, stA, stB), espionage(60, stA, stB)}, nil,
			[]inc{{stA, stB, 0, 60, 3, ObjEspionage, TargetGovernment, MethodIntrusion}}},
		{"an act past the gap starts a new incident", def, []model.Act{espionage(0, stA, stB), espionage(31, stA, stB)}, nil,
			[]inc{{stA, stB, 0, 0, 3, ObjEspionage, TargetGovernment, MethodIntrusion}, {stA, stB, 31, 31, 3, ObjEspionage, TargetGovernment, MethodIntrusion}}},
		{"other objective, other direction, other dyad: other incidents", def,
			[]model.Act{espionage(0, stA, stB), retaliation(1, stA, stB, model.Disruption), espionage(2, stB, stA), espionage(3, stA, stC)}, nil,
			[]inc{{stA, stB, 0, 0, 3, ObjEspionage, TargetGovernment, MethodIntrusion}, {stA, stB, 1, 1, 2, ObjDisruption, TargetGovernment, MethodDenial},
				{stB, stA, 2, 2, 3, ObjEspionage, TargetGovernment, MethodIntrusion}, {stA, stC, 3, 3, 3, ObjEspionage, TargetGovernment, MethodIntrusion}}},
		{"theft reaching two victims is widespread, and a government incident", def, []model.Act{espionage(0, stA, firmB), espionage(5, stA, firmB), espionage(9, stA, stB)}, nil,
			[]inc{{stA, stB, 0, 9, 4, ObjEspionage, TargetGovernment, MethodIntrusion}}},
		{"the same victim twice is not widespread", def, []model.Act{espionage(0, stA, firmB), espionage(5, stA, firmB)}, nil,
			[]inc{{stA, stB, 0, 5, 3, ObjEspionage, TargetPrivate, MethodIntrusion}}},
		{"below the reporting threshold, undetected, misattributed: not recorded", def,
			[]model.Act{low(espionage(0, stA, stB)), undetected(espionage(1, stA, stB)), wrong(espionage(2, stA, stB)), at(espionage(3, stA, stB), 0.8)}, nil,
			[]inc{{stA, stB, 3, 3, 3, ObjEspionage, TargetGovernment, MethodIntrusion}}},
		{"not state on state: a criminal's act, a citizen target, a domestic firm", def,
			[]model.Act{act(0, model.ActCrime, crookA, stB, model.Disruption), espionage(1, stA, citizenB), retaliation(2, stA, firmA, model.Disruption)}, nil, nil},
		{"a poor firm is a private target only when every firm counts; an IoT firm always", def,
			[]model.Act{espionage(0, stA, poorB), espionage(40, stA, iotB)}, nil,
			[]inc{{stA, stB, 40, 40, 3, ObjEspionage, TargetPrivate, MethodIntrusion}}},
		{"every firm", firms, []model.Act{espionage(0, stA, poorB)}, nil,
			[]inc{{stA, stB, 0, 0, 3, ObjEspionage, TargetPrivate, MethodIntrusion}}},
		{"severity by intensity", def,
			[]model.Act{retaliation(0, stA, stB, model.Nuisance), retaliation(100, stA, stB, model.Destruction), retaliation(200, stA, stB, model.Critical), retaliation(300, stA, stB, model.ArmedAttack)}, nil,
			[]inc{{stA, stB, 0, 0, 2, ObjDisruption, TargetGovernment, MethodVandalism}, {stA, stB, 100, 100, 5, ObjDegradation, TargetGovernment, MethodLogicBomb},
				{stA, stB, 200, 200, 7, ObjDegradation, TargetGovernment, MethodLogicBomb}, {stA, stB, 300, 300, 9, ObjDegradation, TargetGovernment, MethodLogicBomb}}},
		{"destruction that harms bystanders or destroys its firm is widespread destruction", def,
			[]model.Act{collateral(retaliation(0, stA, stB, model.Destruction)), retaliation(100, stA, firmB, model.Destruction)}, []int32{firmB},
			[]inc{{stA, stB, 0, 0, 6, ObjDegradation, TargetGovernment, MethodLogicBomb}, {stA, stB, 100, 100, 6, ObjDegradation, TargetPrivate, MethodLogicBomb}}},
		{"an incident takes its most severe act's severity and method", def,
			[]model.Act{retaliation(0, stA, stB, model.Nuisance), retaliation(10, stA, stB, model.Disruption)}, nil,
			[]inc{{stA, stB, 0, 10, 2, ObjDisruption, TargetGovernment, MethodVandalism}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := observe(t, c.cfg, c.acts, 1000, c.destroyed...)
			if len(r.Incidents) != len(c.want) {
				t.Fatalf("%d incidents %+v, want %d", len(r.Incidents), r.Incidents, len(c.want))
			}
			for i, w := range c.want {
				g := r.Incidents[i]
				got := inc{g.Initiator, g.Target, g.Start, g.End, g.Severity, g.Objective, g.TargetType, g.Method}
				if got != w {
					t.Errorf("incident %d = %+v, want %+v", i, got, w)
				}
			}
		})
	}
}

// TestPairs: the reply to an incident, its lag, escalation, and the
// incidents whose reply window the run's end cuts short.
func TestPairs(t *testing.T) {
	type pair struct {
		replied   bool
		lag       int
		escalated bool
	}
	for _, c := range []struct {
		name  string
		acts  []model.Act
		ticks int
		want  []pair // one per incident with a whole window, in order
	}{
		{"a reply 40 days on", []model.Act{espionage(10, stA, stB), espionage(50, stB, stA)}, 1000,
			[]pair{{true, 40, false}, {false, 0, false}}},
		{"no reply past the window", []model.Act{espionage(10, stA, stB), espionage(376, stB, stA)}, 1000,
			[]pair{{false, 0, false}, {false, 0, false}}},
		{"a reply on the window's last day", []model.Act{espionage(10, stA, stB), espionage(375, stB, stA)}, 1000,
			[]pair{{true, 365, false}, {false, 0, false}}},
		{"an earlier incident of the target is no reply", []model.Act{espionage(5, stB, stA), espionage(10, stA, stB)}, 1000,
			[]pair{{true, 5, false}, {false, 0, false}}},
		{"the first new incident replies, not an older one going on", []model.Act{espionage(0, stB, stA), espionage(10, stA, stB), espionage(20, stB, stA), retaliation(25, stB, stA, model.Destruction)}, 1000,
			[]pair{{true, 10, false}, {true, 15, true}, {false, 0, false}}},
		{"a more severe reply escalates", []model.Act{espionage(0, stA, stB), retaliation(3, stB, stA, model.Destruction)}, 1000,
			[]pair{{true, 3, true}, {false, 0, false}}},
		{"a less severe reply does not", []model.Act{espionage(0, stA, stB), retaliation(3, stB, stA, model.Nuisance)}, 1000,
			[]pair{{true, 3, false}, {false, 0, false}}},
		{"a third state's incident is no reply", []model.Act{espionage(0, stA, stB), espionage(3, stC, stA)}, 1000,
			[]pair{{false, 0, false}, {false, 0, false}}},
		{"the run's end cuts the later incident's window", []model.Act{espionage(0, stA, stB), espionage(100, stB, stA)}, 465,
			[]pair{{true, 100, false}}},
		{"a window that fits exactly counts", []model.Act{espionage(0, stA, stB)}, 366, []pair{{false, 0, false}}},
		{"one day short does not", []model.Act{espionage(0, stA, stB)}, 365, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := observe(t, DefaultConfig(), c.acts, c.ticks)
			if len(r.Pairs) != len(c.want) {
				t.Fatalf("%d pairs %+v, want %d", len(r.Pairs), r.Pairs, len(c.want))
			}
			for i, w := range c.want {
				p := r.Pairs[i]
				if got := (pair{p.Replied, p.Lag, p.Escalated}); got != w {
					t.Errorf("pair %d = %+v, want %+v", i, got, w)
				}
				inc := r.Incidents[i]
				if p.Initiator != inc.Initiator || p.Target != inc.Target || p.Severity != inc.Severity {
					t.Errorf("pair %d is not incident %d's: %+v, %+v", i, i, p, inc)
				}
			}
		})
	}
}

func TestRecordOfARun(t *testing.T) {
	r := observe(t, DefaultConfig(), []model.Act{espionage(364, stA, stB), espionage(365, stA, stC)}, 5475)
	if r.Years != 15 || r.Months != 180 || !r.HasPairs || r.CodesMilitary || r.CodesEspionageTerm || r.Source != "run" {
		t.Errorf("record %+v", r)
	}
	if r.Incidents[0].Month != 11 || r.Incidents[1].Month != 12 {
		t.Errorf("months %d and %d, want 11 and 12", r.Incidents[0].Month, r.Incidents[1].Month)
	}
}

// An act that joins an open incident allocates nothing.
func TestActAllocatesNothingInAnOpenIncident(t *testing.T) {
	o := NewObserver(DefaultConfig())
	o.Attach(world())
	a := espionage(0, stA, stB)
	o.Act(&a)
	allocs := testing.AllocsPerRun(1000, func() {
		a.Tick++
		o.Act(&a)
	})
	if allocs != 0 {
		t.Errorf("Act allocates %v times per act in an open incident", allocs)
	}
	if len(o.incidents) != 1 {
		t.Errorf("%d incidents, want 1", len(o.incidents))
	}
}
