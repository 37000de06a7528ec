// The calibration's simulations (docs/calibration.md): each batch of
// proposals is an ordinary sweep — a spec file and a points file written
// into the calibration's directory — run by the sweep engine in this
// process, or spread over a Slurm job array by deploy/slurm/sweep.sbatch
// and merged. The sweeps' directories are the calibration's journal: a
// batch already run is read back, not run again, so an interrupted
// calibration resumes where it stopped.

package calibrate

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/observe"
	"github.com/escalation-model/escalation/scenario"
	"github.com/escalation-model/escalation/sweep"
)

// Runner runs the simulations of a calibration.
type Runner struct {
	Spec    *Spec
	Dir     string // the calibration's directory; batches go under Dir/runs
	Workers int    // runs at once in this process (0: GOMAXPROCS)
	Version string // program version recorded in each sweep.json
	// Slurm, when set, sends every batch to a Slurm job array instead of
	// running it here.
	Slurm *Slurm
	// BatchProgress, when set, is called as a batch's runs finish.
	BatchProgress func(done, total int)
	// ReadBack counts the simulations found already run in the
	// directory (an earlier, interrupted invocation's) and read back.
	ReadBack int
}

// Slurm says how to run a batch on a Slurm cluster.
type Slurm struct {
	Tasks   int    // array tasks per batch (shards)
	Script  string // deploy/slurm/sweep.sbatch
	Program string // the escalate binary the tasks run
	// Sbatch is the sbatch command (default "sbatch").
	Sbatch string
}

// BatchDir returns the directory of batch b of generation g.
func (r *Runner) BatchDir(g, b int) string {
	return filepath.Join(r.Dir, "runs", fmt.Sprintf("gen-%02d", g), fmt.Sprintf("batch-%03d", b))
}

// Simulate is the Simulator: it runs (or reads back) one batch and
// returns each proposal's statistics of the spec, in order.
func (r *Runner) Simulate(ctx context.Context, g, b int, thetas [][]float64) ([][]float64, error) {
	seed := SweepSeed(r.Spec.Sweep.MasterSeed, uint64(g)<<32|uint64(b))
	title := fmt.Sprintf("generation %d, batch %d", g, b)
	all, err := r.Sweep(ctx, r.BatchDir(g, b), title, r.Spec.Priors, thetas, seed, 0)
	if err != nil {
		return nil, err
	}
	return pick(all, r.Spec.Statistics), nil
}

// SweepSeed derives the master seed of one of the calibration's sweeps
// from the spec's master seed and a key (the generation and batch): 63
// bits, as a sweep spec's master_seed takes them.
func SweepSeed(master, key uint64) uint64 { return model.RunSeed(master, key) >> 1 }

// Sweep runs (or reads back) the world of the spec once per parameter
// vector of thetas (named and typed by priors), as a sweep in dir with the
// given master seed and, when ticks > 0, that length; it returns every
// run's statistics, in the order of observe.Statistics.
func (r *Runner) Sweep(ctx context.Context, dir, title string, priors []Prior, thetas [][]float64, seed uint64, ticks int) ([][]float64, error) {
	merged := filepath.Join(dir, "merged")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	specPath := filepath.Join(dir, "spec.toml")
	if err := r.writeSweep(dir, specPath, title, priors, thetas, seed, ticks); err != nil {
		return nil, err
	}
	plan, err := loadPlan(specPath)
	if err != nil {
		return nil, err
	}
	switch {
	case r.Slurm == nil:
		err = r.runHere(ctx, plan, merged, len(thetas))
	case finished(merged, plan):
		r.ReadBack += len(thetas)
	default:
		err = r.runSlurm(ctx, specPath, dir)
	}
	if err != nil {
		return nil, err
	}
	return readObserved(merged, len(thetas))
}

// writeSweep writes the sweep's spec and points file (the same bytes
// every time for the same sweep, so a resumed sweep finds its own).
func (r *Runner) writeSweep(dir, specPath, title string, priors []Prior, thetas [][]float64, seed uint64, ticks int) error {
	s := r.Spec
	var t strings.Builder
	fmt.Fprintf(&t, "# The runs of %s of the calibration %s: written by escalate.\n", title, s.Name)
	fmt.Fprintf(&t, "description = %q\n", "calibration "+s.Name+", "+title)
	base := s.Sweep.Base
	if !scenario.IsPreset(base) {
		if abs, err := filepath.Abs(base); err == nil {
			base = abs // the sweep's spec lives elsewhere
		}
	}
	fmt.Fprintf(&t, "base = %q\n", base)
	fmt.Fprintf(&t, "master_seed = %d\n", seed)
	if ticks == 0 {
		ticks = s.Sweep.Ticks
	}
	if ticks > 0 {
		fmt.Fprintf(&t, "ticks = %d\n", ticks)
	}
	t.WriteString("\n[fixed]\n")
	writeFixed(&t, s)
	t.WriteString("\n[outputs]\nobserved = true\ncascade_sizes = false\nplots = false\nbootstrap = 0\n\n[design]\npoints = \"points.csv\"\n")
	if err := writeIfChanged(specPath, t.String()); err != nil {
		return err
	}
	var p strings.Builder
	w := csv.NewWriter(&p)
	head := make([]string, len(priors))
	for i, pr := range priors {
		head[i] = pr.Name
	}
	w.Write(head)
	for _, th := range thetas {
		w.Write(formatTheta(priors, th))
	}
	w.Flush()
	return writeIfChanged(filepath.Join(dir, "points.csv"), p.String())
}

// writeFixed writes the spec's fixed parameters as TOML lines.
func writeFixed(b *strings.Builder, s *Spec) {
	for _, f := range s.Sweep.Fixed {
		v := f.Value
		if p, _ := model.Lookup(f.Name); p.Type == "choice" {
			v = strconv.Quote(v)
		}
		fmt.Fprintf(b, "%s = %s\n", f.Name, v)
	}
}

// formatTheta writes a parameter vector as the text --set takes.
func formatTheta(priors []Prior, th []float64) []string {
	out := make([]string, len(th))
	for i, v := range th {
		if priors[i].Integer {
			out[i] = strconv.FormatInt(int64(math.Round(v)), 10)
		} else {
			out[i] = formatFloat(v)
		}
	}
	return out
}

// writeIfChanged writes text to path unless it already holds it.
func writeIfChanged(path, text string) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == text {
		return nil
	}
	return os.WriteFile(path, []byte(text), 0o666)
}

// loadPlan reads a sweep spec written by writeSweep and returns its plan.
func loadPlan(specPath string) (*sweep.Plan, error) {
	sw, err := sweep.Load(specPath)
	if err != nil {
		return nil, err
	}
	return sw.Plan()
}

// finished reports whether dir holds the finished merge of plan's sweep
// (its observed.csv, and a manifest of the same plan).
func finished(dir string, plan *sweep.Plan) bool {
	if _, err := os.Stat(filepath.Join(dir, "observed.csv")); err != nil {
		return false
	}
	m, err := sweep.ReadManifest(dir)
	return err == nil && m.Hash == plan.Hash()
}

// runHere runs the sweep in this process, into dir: the sweep engine
// resumes from dir's journal, and refuses a directory of another sweep.
// The runs found there are counted as read back.
func (r *Runner) runHere(ctx context.Context, plan *sweep.Plan, dir string, n int) error {
	rep, err := sweep.Run(ctx, plan, sweep.Options{Dir: dir, Workers: r.Workers, Version: r.Version, Progress: r.BatchProgress, GCPercent: sweep.DefaultGCPercent})
	if rep != nil {
		r.ReadBack += min(rep.Resumed, n)
	}
	return err
}

// runSlurm submits the batch as a job array of deploy/slurm/sweep.sbatch
// (one shard per task, without its merge job), waits for it, and merges
// the shards into base/merged.
func (r *Runner) runSlurm(ctx context.Context, specPath, base string) error {
	sl := r.Slurm
	sbatch := sl.Sbatch
	if sbatch == "" {
		sbatch = "sbatch"
	}
	cmd := exec.CommandContext(ctx, sbatch, "--wait", "--parsable", fmt.Sprintf("--array=0-%d", sl.Tasks-1),
		"--job-name=escalate-calibrate", "--output="+filepath.Join(base, "slurm-%A_%a.out"), sl.Script, specPath, base)
	cmd.Env = append(os.Environ(), "ESCALATE="+sl.Program, "ESCALATE_NO_MERGE=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("calibrate: %s for %s failed: %v: %s (the shards' logs are %s/slurm-*.out; run the same command again to resume)", sbatch, specPath, err, strings.TrimSpace(string(out)), base)
	}
	shards := make([]string, sl.Tasks)
	for k := range shards {
		shards[k] = filepath.Join(base, "shards", strconv.Itoa(k))
	}
	_, err := sweep.Merge(shards, filepath.Join(base, "merged"))
	return err
}

// readObserved returns the statistics of every run of the finished sweep
// in dir (n runs), in run order, in the order of observe.Statistics.
func readObserved(dir string, n int) ([][]float64, error) {
	names, rows, err := sweep.ReadObserved(dir)
	if err != nil {
		return nil, err
	}
	if len(rows) != n {
		return nil, fmt.Errorf("calibrate: %s holds %d runs, the sweep has %d", dir, len(rows), n)
	}
	sts := observe.Statistics()
	if len(names) != len(sts) {
		return nil, fmt.Errorf("calibrate: %s/observed.csv has %d statistics, this version %d: it was written by another version", dir, len(names), len(sts))
	}
	for i, st := range sts {
		if names[i] != st.Name {
			return nil, fmt.Errorf("calibrate: %s/observed.csv has statistic %s where this version has %s", dir, names[i], st.Name)
		}
	}
	out := make([][]float64, n)
	for i, row := range rows {
		out[i] = row.Stats
	}
	return out, nil
}

// pick returns the named statistics of every vector of all (in the order
// of observe.Statistics).
func pick(all [][]float64, names []string) [][]float64 {
	out := make([][]float64, len(all))
	for i, v := range all {
		w := make([]float64, len(names))
		for k, name := range names {
			w[k] = v[observe.Index(name)]
		}
		out[i] = w
	}
	return out
}
