package sweep

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// benchSpec is the benchmark's workload: 48 runs of a world of 5,460
// actors over a year, about 15 ms each, so that the engine's own work (a
// journal line per run; the directory, the tables and their fsyncs once
// per sweep) is a few percent and the speed-up measures the parallel runs.
const benchSpec = `
base = "status-quo"
replicates = 8
master_seed = 1
[fixed]
citizens = 5000
[vary]
hack_back = ["illegal", "licensed", "free"]
hotline = [0, 0.5]
[outputs]
plots = false
`

func benchPlan(b *testing.B) *Plan {
	s, err := Parse([]byte(benchSpec), "bench.toml", "")
	if err != nil {
		b.Fatal(err)
	}
	p, err := s.Plan()
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// sweepOnce runs the whole sweep (runs, journal, tables) into a new
// directory and returns how long it took.
func sweepOnce(b *testing.B, p *Plan, workers int, n int) time.Duration {
	dir := filepath.Join(b.TempDir(), fmt.Sprintf("s%d-%d", workers, n))
	start := time.Now()
	if _, err := Run(context.Background(), p, Options{Dir: dir, Workers: workers}); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// BenchmarkSweep reports the sweep's throughput in runs per second with
// one and with two workers.
func BenchmarkSweep(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			p := benchPlan(b)
			var total time.Duration
			n := 0
			for b.Loop() {
				total += sweepOnce(b, p, w, n)
				n++
			}
			b.ReportMetric(float64(p.Runs()*n)/total.Seconds(), "runs/s")
		})
	}
}

// BenchmarkSweepSpeedup runs the same sweep with one and with two workers
// in turn and reports the speed-up of two over one (the time with one
// divided by the time with two; 2 is perfect on two cores).
func BenchmarkSweepSpeedup(b *testing.B) {
	p := benchPlan(b)
	var one, two time.Duration
	n := 0
	for b.Loop() {
		one += sweepOnce(b, p, 1, n)
		two += sweepOnce(b, p, 2, n)
		n++
	}
	b.ReportMetric(one.Seconds()/two.Seconds(), "speedup")
	b.ReportMetric(float64(p.Runs()*n)/two.Seconds(), "runs/s")
}
