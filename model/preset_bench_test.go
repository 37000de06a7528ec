package model_test

import (
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// BenchmarkBranchingPreset runs the branching preset with 500 root acts per
// tick, answer_probability 0.3 and collateral_mean 1 (mean offspring 0.6,
// about 1,250 acts per tick) for 2,000 ticks, one whole run per iteration
// with no observer, and reports the model's cost per act launched. The model
// is reset between runs and one untimed run first grows its buffers to the
// run's peak, so a timed run should allocate nothing.
func BenchmarkBranchingPreset(b *testing.B) {
	sc, err := scenario.Load("branching")
	if err != nil {
		b.Fatal(err)
	}
	if err := sc.SetAll([]string{"root_rate=500", "answer_probability=0.3", "collateral_mean=1.0", "ticks=2000"}); err != nil {
		b.Fatal(err)
	}
	p := sc.Params
	m, err := model.New(p, 1, nil)
	if err != nil {
		b.Fatal(err)
	}
	run := func() int64 {
		if err := m.Reset(p, 1, nil); err != nil {
			b.Fatal(err)
		}
		for range p.Ticks {
			m.Step()
		}
		return m.Finish().Acts
	}
	run()
	var acts int64
	b.ReportAllocs()
	for b.Loop() {
		acts += run()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(acts), "ns/act")
	b.ReportMetric(float64(acts)/float64(b.N), "acts/op")
}
