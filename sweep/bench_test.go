package sweep

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/escalation-model/escalation/model"
)

// benchSpec is the benchmark's workload: 192 runs of the default world
// (1,460 actors) over a year, a few milliseconds each, so that the
// engine's own work (a journal line per run; the directory, the tables and
// their fsyncs once per sweep) is a few percent and the speed-up measures
// the parallel runs.
const benchSpec = `
base = "status-quo"
replicates = 32
master_seed = 1
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
// directory, as escalate sweep does, and returns how long it took. It
// collects garbage first, so that no sweep pays for the one before.
func sweepOnce(b *testing.B, p *Plan, workers int, n int) time.Duration {
	dir := filepath.Join(b.TempDir(), fmt.Sprintf("s%d-%d", workers, n))
	runtime.GC()
	start := time.Now()
	if _, err := Run(context.Background(), p, Options{Dir: dir, Workers: workers, GCPercent: DefaultGCPercent}); err != nil {
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

// BenchmarkSweepSpeedup runs the same sweep with one and with two workers,
// in alternating order, and reports the median over iterations of the
// speed-up of two over one (the time with one divided by the time with
// two; 2 is perfect on two cores; the median keeps a burst of another
// process's work from deciding it) and the throughput with two.
func BenchmarkSweepSpeedup(b *testing.B) {
	p := benchPlan(b)
	var ratios []float64
	var two time.Duration
	n := 0
	for b.Loop() {
		var t1, t2 time.Duration
		if n%2 == 0 {
			t1 = sweepOnce(b, p, 1, n)
			t2 = sweepOnce(b, p, 2, n)
		} else {
			t2 = sweepOnce(b, p, 2, n)
			t1 = sweepOnce(b, p, 1, n)
		}
		ratios = append(ratios, t1.Seconds()/t2.Seconds())
		two += t2
		n++
	}
	slices.Sort(ratios)
	median := ratios[len(ratios)/2]
	if len(ratios)%2 == 0 {
		median = (ratios[len(ratios)/2-1] + ratios[len(ratios)/2]) / 2
	}
	b.ReportMetric(median, "speedup")
	b.ReportMetric(float64(p.Runs()*n)/two.Seconds(), "runs/s")
}

// BenchmarkRun measures one run of the benchmark's sweep as a worker does
// it, its model reused from the run before, with its journal line but not
// the journal's write: the allocation per run is what the collector has
// to clean up after each run.
func BenchmarkRun(b *testing.B) {
	p := benchPlan(b)
	params := make([]model.Params, p.NumConditions())
	for c := range params {
		var err error
		if params[c], err = p.Params(c); err != nil {
			b.Fatal(err)
		}
	}
	var w runner
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r := p.Run(i % p.Runs())
		res, err := w.execute(context.Background(), p, r, params[r.Condition], p.Changes(r.Condition))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := w.encode(res); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
