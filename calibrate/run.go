// Running a calibration spec end to end (docs/calibration.md): the
// calibration's directory and its manifest, the algorithm over the sweep
// engine's simulations, and the outputs.

package calibrate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// ManifestFile is the file that marks a calibration's directory and
// records what it calibrates.
const ManifestFile = "calibration.json"

// Options configure Calibrate.
type Options struct {
	Dir     string // the calibration's directory (created, or resumed)
	Workers int
	Version string
	// Budget, when positive, makes a reduced run: at most Budget
	// simulations, with the spec's budget_particles.
	Budget int
	Slurm  *Slurm
	// Progress is called after every batch of the algorithm.
	Progress func(Progress)
	// BatchProgress is called as a batch's runs finish.
	BatchProgress func(done, total int)
}

// Outcome is what Calibrate did.
type Outcome struct {
	Spec    *Spec
	Config  Config // as run (with the budget's changes)
	Result  *Result
	Elapsed time.Duration
	Files   []string // the outputs written, relative to the directory
	// Predictive compares the record with the posterior's predictions
	// (Patterns; see Predict).
	Predictive []PredictiveRow
	// Draws is the number of posterior draws behind Predictive.
	Draws int
	// ReadBack counts the simulations read back from the directory
	// rather than run (an earlier invocation ran them).
	ReadBack int
}

// PredictiveDraws is the number of posterior draws the posterior-predictive
// check simulates.
const PredictiveDraws = 400

// manifest is calibration.json.
type manifest struct {
	Format  int    `json:"format"`
	Spec    string `json:"spec"`
	Hash    string `json:"hash"`
	Budget  int    `json:"budget"`
	Version string `json:"version"`
}

// RunConfig returns the algorithm's config for a run with the given
// budget (0: the spec's own run).
func (s *Spec) RunConfig(budget int) Config {
	c := s.Config
	if budget > 0 {
		c.Particles = s.BudgetParticles
		c.MaxSimulations = max(budget, c.Particles)
	}
	return c
}

// hash identifies what a directory calibrates: the spec's text, its
// target's statistics and the budget.
func (s *Spec) hash(budget int) string {
	h := sha256.New()
	h.Write(s.Text)
	fmt.Fprintf(h, "\x00%d\x00%s", budget, s.TargetReport.Marshal())
	return hex.EncodeToString(h.Sum(nil))
}

// prepare creates the calibration's directory, or checks that an
// existing one holds this calibration.
func prepare(dir string, s *Spec, opt Options) error {
	want := manifest{Format: 1, Spec: s.Source, Hash: s.hash(opt.Budget), Budget: opt.Budget, Version: opt.Version}
	path := filepath.Join(dir, ManifestFile)
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		var have manifest
		if err := json.Unmarshal(data, &have); err != nil {
			return &DirError{Dir: dir, Msg: fmt.Sprintf("%s is not a calibration manifest: %v", ManifestFile, err)}
		}
		if have.Hash != want.Hash {
			return &DirError{Dir: dir, Msg: fmt.Sprintf("holds another calibration (%s, budget %d): the spec, its target or the budget changed since it started; choose another --out, or delete the directory to start again", have.Spec, have.Budget)}
		}
		return nil
	case !errors.Is(err, os.ErrNotExist):
		return err
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return &DirError{Dir: dir, Msg: fmt.Sprintf("exists, is not empty and holds no %s: choose another --out", ManifestFile)}
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	out, _ := json.MarshalIndent(want, "", "  ")
	return os.WriteFile(path, append(out, '\n'), 0o666)
}

// DirError is a calibration directory that cannot be used.
type DirError struct{ Dir, Msg string }

func (e *DirError) Error() string { return e.Dir + ": " + e.Msg }

// Calibrate runs the spec's calibration into opt.Dir, resuming the
// simulations an earlier, interrupted run of it left there, and writes
// its outputs (WriteOutputs).
func Calibrate(ctx context.Context, s *Spec, opt Options) (*Outcome, error) {
	if err := prepare(opt.Dir, s, opt); err != nil {
		return nil, err
	}
	cfg := s.RunConfig(opt.Budget)
	r := &Runner{Spec: s, Dir: opt.Dir, Workers: opt.Workers, Version: opt.Version, Slurm: opt.Slurm, BatchProgress: opt.BatchProgress}
	start := time.Now()
	res, err := Run(ctx, cfg, s.Target(), r.Simulate, opt.Progress)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Spec: s, Config: cfg, Result: res, Elapsed: time.Since(start), Draws: PredictiveDraws}
	last := res.Last()
	if last == nil {
		return nil, fmt.Errorf("calibrate: no complete generation (%s)", res.Stopped)
	}
	post := Posterior{Names: paramNames(cfg.Priors), Particles: last.Particles, Weights: last.Weights}
	sims, err := r.Predict(ctx, filepath.Join(opt.Dir, "runs", fmt.Sprintf("predictive-%d", out.Draws)), post, out.Draws, SweepSeed(cfg.Seed, 1<<62), s.Sweep.Ticks)
	if err != nil {
		return nil, err
	}
	out.Predictive = Compare(s.TargetReport, sims, Patterns)
	out.ReadBack = r.ReadBack
	if out.Files, err = WriteOutputs(opt.Dir, out); err != nil {
		return nil, err
	}
	return out, nil
}
