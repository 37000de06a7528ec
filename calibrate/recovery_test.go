package calibrate

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/observe"
)

// TestRecovery: the calibration recovers known parameters from data
// simulated by the model. For each of 20 synthetic records (the model run
// at parameters drawn from the priors, observed as the record observes
// the world, with bootstrap scales), it calibrates and checks whether each
// true value lies in its posterior's 90% interval; over the 60 intervals
// the coverage must be 80 to 100%. Opt-in (make test-recovery): a few
// minutes on two cores.
func TestRecovery(t *testing.T) {
	if os.Getenv("ESCALATE_RECOVERY") != "1" {
		t.Skip("the recovery test is opt-in: run make test-recovery (ESCALATE_RECOVERY=1), a few minutes")
	}
	s, err := Load(filepath.Join("testdata", "recovery.toml"))
	if err != nil {
		t.Fatal(err)
	}
	const datasets = 20
	r := rand.New(rand.NewPCG(2026, 12))
	covered, total := 0, 0
	for d := range datasets {
		truth := make([]float64, len(s.Priors))
		for k, p := range s.Priors {
			truth[k] = p.Lo + r.Float64()*(p.Hi-p.Lo)
			if p.Kind == LogUniform {
				truth[k] = p.Lo * math.Pow(p.Hi/p.Lo, r.Float64())
			}
		}
		rep := synthetic(t, s, truth, uint64(1000+d))
		ds := *s
		ds.TargetReport = rep
		cfg := ds.Config
		run := &Runner{Spec: &ds, Dir: t.TempDir(), Workers: 2}
		res, err := Run(context.Background(), cfg, ds.Target(), run.Simulate, nil)
		if err != nil {
			t.Fatalf("dataset %d: %v", d, err)
		}
		last := res.Last()
		line := fmt.Sprintf("dataset %2d (%d simulations, tolerance %.2f):", d, res.Simulations, last.Epsilon)
		for k, sm := range last.SummaryOf(s.Priors) {
			in := truth[k] >= sm.Q05 && truth[k] <= sm.Q95
			if in {
				covered++
			}
			total++
			line += fmt.Sprintf("  %s %.3g in [%.3g, %.3g] %v", sm.Name, truth[k], sm.Q05, sm.Q95, in)
		}
		t.Log(line)
	}
	share := float64(covered) / float64(total)
	t.Logf("coverage of the 90%% intervals: %d of %d (%.0f%%)", covered, total, 100*share)
	if share < 0.8 || share > 1 {
		t.Errorf("coverage %.2f, want 0.8 to 1", share)
	}
}

// synthetic returns the observed record of one run of the spec's world at
// theta, with bootstrap intervals and scales as the data's have.
func synthetic(t *testing.T, s *Spec, theta []float64, seed uint64) observe.Report {
	t.Helper()
	p := model.DefaultParams()
	for _, f := range s.Sweep.Fixed {
		if err := p.Set(f.Name, f.Value); err != nil {
			t.Fatal(err)
		}
	}
	p.Ticks = s.Sweep.Ticks
	for k, pr := range s.Priors {
		if err := p.Set(pr.Name, formatTheta(s.Priors, theta)[k]); err != nil {
			t.Fatal(err)
		}
	}
	obs := observe.NewObserver(observe.DefaultConfig())
	m, err := model.New(p, seed, obs)
	if err != nil {
		t.Fatal(err)
	}
	obs.Attach(m.Actors())
	for range p.Ticks {
		m.Step()
	}
	rec := obs.Finish(p.Ticks)
	return observe.NewReport(&rec, observe.DefaultConfig(), nil, &observe.Bootstrap{Replicates: 300, Seed: seed, Level: 0.95})
}
