package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/sweep"
)

// Above these, a sweep (or a shard) starts only with --yes.
const (
	confirmRuns     = 100_000
	confirmDuration = time.Hour
	pilotBudget     = 2 * time.Second // the most a pilot runs for
)

// checkSize states the size of a sweep about to start in dir, and an
// estimate of its time and disk use from a pilot, on stderr (not with
// quiet), and refuses to start one above confirmRuns runs or
// confirmDuration without yes. A sweep resumed in dir (whose manifest is
// there) was confirmed when it started: it is neither estimated nor asked
// again.
func checkSize(ctx context.Context, plan *sweep.Plan, shard sweep.Shard, dir string, workers int, yes, quiet bool, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, sweep.ManifestFile)); err == nil {
		return nil
	}
	est, err := sweep.Pilot(ctx, plan, shard, pilotBudget)
	if err != nil {
		return usageError{err}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%w before the sweep started; nothing was written", sweep.ErrInterrupted)
	}
	line := sizeLine(plan, shard, workers, est)
	big := est.Runs > confirmRuns || est.Duration(workers) > confirmDuration
	if big && !yes {
		return badInput("%s: more than %s or an hour; rerun with --yes to start it (or reduce the spec's replicates, levels or points)", line, narrate.Count(confirmRuns, "run", "runs"))
	}
	if !quiet {
		fmt.Fprintln(stderr, line)
	}
	return nil
}

// sizeLine says a sweep's size and its estimated time and disk use, e.g.
// "sweep demo: 45 runs (9 conditions × 5 replicates) on 2 workers: about
// 4 s and 120 kB (from a pilot of 5 runs)".
func sizeLine(plan *sweep.Plan, shard sweep.Shard, workers int, est *sweep.Forecast) string {
	label := "sweep " + plan.Name
	size := fmt.Sprintf("%s (%s × %s)", narrate.Count(int64(plan.Runs()), "run", "runs"),
		narrate.Count(int64(plan.NumConditions()), "condition", "conditions"), narrate.Count(int64(plan.Replicates), "replicate", "replicates"))
	if shard.N > 0 {
		label += " shard " + shard.String()
		size = fmt.Sprintf("%s of %s", narrate.Count(int64(est.Runs), "run", "runs"), size)
	}
	on := narrate.Count(int64(workers), "worker", "workers")
	switch {
	case est.PilotRuns == 0 && !est.Partial:
		return fmt.Sprintf("%s: %s: nothing to run", label, size)
	case est.Partial:
		return fmt.Sprintf("%s: %s on %s: more than %s (its first run took longer than the %s pilot)", label, size, on, durationText(est.Duration(workers)), durationText(pilotBudget))
	}
	return fmt.Sprintf("%s: %s on %s: about %s and %s (from a pilot of %s)", label, size, on,
		durationText(est.Duration(workers)), bytesText(est.Bytes()), narrate.Count(int64(est.PilotRuns), "run", "runs"))
}

// durationText rounds a duration for an estimate: seconds, minutes, hours
// or days.
func durationText(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return fmt.Sprintf("%.2g s", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%.1f h", d.Hours())
	}
	return fmt.Sprintf("%.1f days", d.Hours()/24)
}

// bytesText writes a size in bytes with a decimal unit.
func bytesText(n int64) string {
	units := []string{"B", "kB", "MB", "GB", "TB"}
	v, u := float64(n), 0
	for v >= 1000 && u < len(units)-1 {
		v /= 1000
		u++
	}
	if u == 0 || v >= 100 {
		return fmt.Sprintf("%.0f %s", v, units[u])
	}
	return fmt.Sprintf("%.3g %s", v, units[u])
}
