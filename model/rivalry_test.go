package model

import (
	"math"
	"testing"
)

// actLog keeps every act of a run.
type actLog struct{ acts []Act }

func (l *actLog) Act(a *Act)               { l.acts = append(l.acts, *a) }
func (l *actLog) Cascade(c *CascadeRecord) {}

// stateWorld runs a world of the given number of states (few other
// actors) with edit applied, for ticks ticks, and returns it and its acts.
func stateWorld(t *testing.T, states, ticks int, seed uint64, edit func(*Params)) (*Model, []Act) {
	t.Helper()
	p := DefaultParams()
	p.States, p.Firms, p.Citizens, p.Criminals, p.Hacktivists, p.Vigilantes = states, 4*states, 0, 0, 0, 0
	p.Ticks = ticks
	if edit != nil {
		edit(&p)
	}
	log := &actLog{}
	m, err := New(p, seed, log)
	if err != nil {
		t.Fatal(err)
	}
	for range ticks {
		m.Step()
	}
	return m, log.acts
}

// TestEveryPairRivalsByDefault: without rivalries every other state is a
// rival, and no state's operation rate is spread.
func TestEveryPairRivalsByDefault(t *testing.T) {
	m := tinyModel(t, nil)
	if got := m.Rivals(0); len(got) != 1 || got[0] != 1 {
		t.Errorf("Rivals(0) = %v, want [1]", got)
	}
	for s := range 2 {
		if m.activity[s] != 1 || m.actors[s].Strength != 1 {
			t.Errorf("state %d: activity %v, strength %v, want 1 and 1", s, m.activity[s], m.actors[s].Strength)
		}
	}
}

// TestOperationsGoAtRivals: every state operation targets a rival state or
// someone at home in one; with no rivals, states launch none.
func TestOperationsGoAtRivals(t *testing.T) {
	for _, density := range []float64{0, 0.3, 0.7} {
		m, acts := stateWorld(t, 12, 200, 3, func(p *Params) { p.RivalryDensity = density })
		ops := 0
		for _, a := range acts {
			if a.Parent != None || (a.Kind != ActEspionage && a.Kind != ActSabotage && a.Kind != ActDenial) {
				continue
			}
			ops++
			home := m.actors[a.Target].State
			rival := false
			for _, r := range m.Rivals(a.Origin) {
				rival = rival || r == home
			}
			if !rival {
				t.Fatalf("density %v: state %d's operation hit someone at home in %d, not a rival (%v)", density, a.Origin, home, m.Rivals(a.Origin))
			}
		}
		if density == 0 && ops != 0 {
			t.Errorf("density 0: %d operations, want none", ops)
		}
		if density > 0 && ops == 0 {
			t.Errorf("density %v: no operations", density)
		}
	}
}

// TestRivalryDensity: the share of rival pairs is rivalry_density on
// average, and concentration gives the powerful more rivals.
func TestRivalryDensity(t *testing.T) {
	const states, seeds = 20, 40
	for _, c := range []struct{ density, concentration float64 }{{0.3, 0}, {0.1, 0}, {0.3, 1}} {
		pairs, powerCorr := 0, 0.0
		for seed := range uint64(seeds) {
			m := tinyModelStates(t, states, seed, func(p *Params) { p.RivalryDensity, p.RivalryConcentration = c.density, c.concentration })
			var xs, ys []float64
			for s := range int32(states) {
				n := len(m.Rivals(s))
				pairs += n
				xs, ys = append(xs, m.Power(s)), append(ys, float64(n))
			}
			powerCorr += correlation(xs, ys) / seeds
		}
		share := float64(pairs) / 2 / float64(seeds*states*(states-1)/2)
		// 7,600 pairs: the binomial SD of the share is under 0.006; the
		// cap at probability 1 lowers it a little with concentration.
		if math.Abs(share-c.density) > 0.03 {
			t.Errorf("density %v, concentration %v: share of rival pairs %.3f", c.density, c.concentration, share)
		}
		if c.concentration == 0 && math.Abs(powerCorr) > 0.1 {
			t.Errorf("concentration 0: power and rivals correlate %.2f, want none", powerCorr)
		}
		if c.concentration == 1 && powerCorr < 0.5 {
			t.Errorf("concentration 1: power and rivals correlate %.2f, want strongly", powerCorr)
		}
	}
}

// TestStateSpread: activity and capability spread are log-normal factors
// of mean one that rise with power; with spread, operations concentrate on
// the powerful.
func TestStateSpread(t *testing.T) {
	const states = 200
	m, acts := stateWorld(t, states, 30, 5, func(p *Params) {
		p.StateActivitySpread, p.StateCapabilitySpread, p.EspionageRate = 1, 0.5, 0.2
	})
	mean, strength := 0.0, 0.0
	for s := range states {
		mean += m.activity[s] / states
		strength += m.actors[s].Strength / states
		if s > 0 && (m.activity[s] > m.activity[0]) != (m.power[s] > m.power[0]) {
			t.Fatalf("activity does not rise with power: states 0 and %d", s)
		}
	}
	// Mean one: the SD of a mean of 200 log-normal factors of spread 1 is
	// about 0.09.
	if math.Abs(mean-1) > 0.3 || math.Abs(strength-1) > 0.15 {
		t.Errorf("mean activity %.3f, mean strength %.3f, want about 1", mean, strength)
	}
	ops := make([]float64, states)
	for _, a := range acts {
		if a.Parent == None && a.Kind == ActEspionage {
			ops[a.Origin]++
		}
	}
	if r := correlation(m.activity[:states], ops); r < 0.8 {
		t.Errorf("operations and activity correlate %.2f, want above 0.8", r)
	}
}

// TestOperationMix: states' operations are degradation, disruption and
// espionage in the shares given, at their intensities, and degradation
// reaches destruction in the share given.
func TestOperationMix(t *testing.T) {
	_, acts := stateWorld(t, 6, 300, 9, func(p *Params) {
		p.StateDisruptionShare, p.StateDegradationShare, p.StateDestructionShare = 0.3, 0.2, 0.25
	})
	var n, disruption, degradation, destruction float64
	for _, a := range acts {
		if a.Parent != None || a.Generation != 0 || (a.Kind != ActEspionage && a.Kind != ActSabotage && a.Kind != ActDenial) {
			continue
		}
		n++
		switch {
		case a.Kind == ActDenial && a.Intensity == Disruption:
			disruption++
		case a.Kind == ActSabotage && a.Intensity == Disruption:
			degradation++
		case a.Kind == ActSabotage && (a.Intensity == Destruction || a.Intensity == Critical):
			degradation++
			destruction++
		case a.Kind == ActEspionage && a.Intensity == Disruption:
		default:
			t.Fatalf("operation of kind %s at intensity %d", a.Kind, a.Intensity)
		}
	}
	// About 540 operations: 4 binomial SDs of each share is under 0.08,
	// and of the destruction share of about 110 sabotages under 0.17.
	if n < 300 || math.Abs(disruption/n-0.3) > 0.08 || math.Abs(degradation/n-0.2) > 0.07 || math.Abs(destruction/degradation-0.25) > 0.17 {
		t.Errorf("%v operations, disruption %.3f, degradation %.3f (%.3f of it destruction), want 0.3, 0.2 and 0.25", n, disruption/n, degradation/n, destruction/degradation)
	}
	p := DefaultParams()
	p.StateDisruptionShare, p.StateDegradationShare = 0.7, 0.4
	if err := p.Validate(); err == nil {
		t.Error("shares summing to 1.1 accepted")
	}
}

// TestStateAnswerLag: a state's answer comes 1 to answer_delay +
// state_answer_lag ticks after the act it answers, and the lag is used.
func TestStateAnswerLag(t *testing.T) {
	for _, lag := range []int{0, 40} {
		m, acts := stateWorld(t, 4, 400, 2, func(p *Params) {
			p.AnswerWindow, p.AnswerDelay, p.StateAnswerLag = 60, 3, lag
			p.StateAnswerProbability, p.StateOffence, p.StateConfidence, p.StateProtects = 1, 1, 0, 1
		})
		tick := map[int64]int{}
		longest, n := 0, 0
		for _, a := range acts {
			tick[a.ID] = a.Tick
			if a.Kind != ActRetaliation {
				continue
			}
			d := a.Tick - tick[a.Parent]
			if d < 1 || d > 3+lag {
				t.Fatalf("lag %d: a retaliation %d ticks after its act", lag, d)
			}
			longest, n = max(longest, d), n+1
		}
		if n == 0 {
			t.Fatalf("lag %d: no retaliation (%d acts)", lag, len(acts))
		}
		if lag > 0 && longest <= 3 {
			t.Errorf("lag %d: longest delay %d, want beyond answer_delay", lag, longest)
		}
		_ = m
	}
	p := DefaultParams()
	p.StateAnswerLag = p.AnswerWindow
	if err := p.Validate(); err == nil {
		t.Error("answer_delay + state_answer_lag above answer_window accepted")
	}
}

// tinyModelStates builds a world of n states and nothing else.
func tinyModelStates(t *testing.T, n int, seed uint64, edit func(*Params)) *Model {
	t.Helper()
	p := DefaultParams()
	p.States, p.Firms, p.Citizens, p.Criminals, p.Hacktivists, p.Vigilantes = n, 0, 0, 0, 0, 0
	edit(&p)
	m, err := New(p, seed, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// correlation returns Pearson's correlation of xs and ys.
func correlation(xs, ys []float64) float64 {
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i] / n
		my += ys[i] / n
	}
	var sxy, sxx, syy float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
		syy += (ys[i] - my) * (ys[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}

// TestEspionageBreadth: an espionage operation reaches Pois(breadth)
// further targets in the state it hit, on the same day, each a root act.
func TestEspionageBreadth(t *testing.T) {
	for _, breadth := range []float64{0, 2} {
		m, acts := stateWorld(t, 4, 1500, 4, func(p *Params) { p.EspionageBreadth, p.EspionageRate = breadth, 0.1 })
		type key struct {
			tick         int
			origin, home int32
		}
		groups := map[key]int{}
		n := 0
		for _, a := range acts {
			if a.Parent != None || a.Kind != ActEspionage {
				continue
			}
			n++
			groups[key{a.Tick, a.Origin, m.actors[a.Target].State}]++
		}
		// Operations on one day by one state at one state are almost
		// always one operation and its widening: acts per group is about
		// 1 + breadth (0.1 operations a day: two on one day at one state
		// are rare).
		mean := float64(n) / float64(len(groups))
		if math.Abs(mean-(1+breadth)) > 0.25 {
			t.Errorf("breadth %v: %.2f espionage acts per operation, want about %v (%d acts)", breadth, mean, 1+breadth, n)
		}
	}
}
