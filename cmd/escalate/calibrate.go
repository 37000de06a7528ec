package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/escalation-model/escalation/calibrate"
	"github.com/escalation-model/escalation/internal/narrate"
)

// calibrationRoot is the directory under which calibrations write by
// default.
const calibrationRoot = "calibrations"

func cmdCalibrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("calibrate", "--spec FILE|NAME [--out DIR] [--workers N] [--budget N] [--slurm-tasks N]", stdout)
	specName := fs.String("spec", "", "calibration spec: a TOML file, or a shipped spec's name (see --list)")
	out := fs.String("out", "", "output directory (default "+calibrationRoot+"/NAME, or NAME-budget-N with --budget); rerunning into it resumes")
	workers := intVar(fs, "workers", runtime.NumCPU(), 1, maxWorkers, "", "runs at once (the output does not depend on it)")
	budget := intVar(fs, "budget", 0, 0, math.MaxInt32, "", "a reduced run: at most N simulations, with the spec's budget_particles (0: the spec's full run)")
	tasks := intVar(fs, "slurm-tasks", 0, 0, 10_000, "", "run each batch of simulations as a Slurm job array of N tasks (deploy/slurm/sweep.sbatch, submitted with sbatch --wait), then merge it (0: in this process)")
	script := fs.String("slurm-script", filepath.Join("deploy", "slurm", "sweep.sbatch"), "the job script of --slurm-tasks")
	list := fs.Bool("list", false, "list the shipped calibration specs and exit")
	report := fs.String("report", "", "also write the calibration's report (markdown) to this file, e.g. docs/calibration.md, and its figures into the folder calibration beside it")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *list {
		for _, n := range calibrate.Shipped() {
			s, err := calibrate.Load(n)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%-10s %s, %s, %s  %s\n", n, narrate.Count(int64(len(s.Priors)), "parameter", "parameters"), narrate.Count(int64(len(s.Statistics)), "statistic", "statistics"), narrate.Count(int64(s.Config.Particles), "particle", "particles"), s.Description)
		}
		return nil
	}
	if *specName == "" {
		return badInput("--spec is required: a calibration spec file or a shipped spec's name (%s; see escalate calibrate --help)", strings.Join(calibrate.Shipped(), ", "))
	}
	spec, err := calibrate.Load(*specName)
	if err != nil {
		return usageError{err}
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join(calibrationRoot, spec.Name)
		if *budget > 0 {
			dir += fmt.Sprintf("-budget-%d", *budget)
		}
	}
	opt := calibrate.Options{Dir: dir, Workers: *workers, Version: version(), Budget: *budget}
	if *tasks > 0 {
		if opt.Slurm, err = slurmOptions(*tasks, *script); err != nil {
			return err
		}
	}
	cfg := spec.RunConfig(*budget)
	if !*quiet {
		fmt.Fprintf(stderr, "calibrate %s: %s against %s of %s; %s, at most %s%s, batches of %d, into %s\n",
			spec.Name, narrate.Count(int64(len(spec.Priors)), "parameter", "parameters"), narrate.Count(int64(len(spec.Statistics)), "statistic", "statistics"), spec.TargetFile,
			narrate.Count(int64(cfg.Particles), "particle", "particles"), narrate.Count(int64(cfg.Generations), "generation", "generations"), budgetText(cfg), cfg.Batch, dir)
		opt.Progress = progressPrinter(stderr)
	}
	outcome, err := calibrate.Calibrate(ctx, spec, opt)
	if err != nil {
		var de *calibrate.DirError
		if errors.As(err, &de) {
			return usageError{err}
		}
		if ctx.Err() != nil {
			return fmt.Errorf("calibrate %s: interrupted; the simulations run so far are kept in %s: rerun the same command to resume", spec.Name, filepath.Join(dir, "runs"))
		}
		return batchError(err)
	}
	if *report != "" {
		if err := writeReport(*report, dir, outcome); err != nil {
			return err
		}
	}
	if *quiet {
		return nil
	}
	res := outcome.Result
	last := res.Last()
	fmt.Fprintf(stdout, "calibrate %s: %s in %s over %s (%s); final tolerance %.3g, acceptance %.3g, ESS %.0f\n",
		spec.Name, narrate.Count(int64(res.Simulations), "simulation", "simulations"), outcome.Elapsed.Round(time.Second), narrate.Count(int64(len(res.Generations)), "generation", "generations"), res.Stopped, last.Epsilon, last.Acceptance, last.ESS)
	for _, s := range last.SummaryOf(cfg.Priors) {
		fmt.Fprintf(stdout, "  %-26s median %-10.4g 90%% %.4g to %.4g\n", s.Name, s.Median, s.Q05, s.Q95)
	}
	fmt.Fprintf(stdout, "wrote %s: %s\n", dir, strings.Join(outcome.Files, " "))
	return nil
}

// writeReport writes the calibration's report to path and copies its
// figures from the calibration's directory dir into the folder
// "calibration" beside it, which the report links to.
func writeReport(path, dir string, outcome *calibrate.Outcome) error {
	figs := filepath.Join(filepath.Dir(path), "calibration")
	if err := os.MkdirAll(figs, 0o777); err != nil {
		return err
	}
	for _, f := range []string{calibrate.PairsFigure, calibrate.MarginalsFigure, calibrate.PredictiveFigure} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(figs, f), b, 0o666); err != nil {
			return err
		}
	}
	return os.WriteFile(path, []byte(calibrate.Report(outcome, "calibration")), 0o666)
}

// budgetText says a config's budget in words.
func budgetText(c calibrate.Config) string {
	if c.MaxSimulations == 0 {
		return ""
	}
	return " or " + narrate.Count(int64(c.MaxSimulations), "simulation", "simulations")
}

// progressPrinter prints a line per batch of the algorithm, with the time
// per simulation so far and an estimate of the time the generation still
// needs at its acceptance rate so far.
func progressPrinter(w io.Writer) func(calibrate.Progress) {
	start := time.Now()
	return func(p calibrate.Progress) {
		el := time.Since(start)
		per := el / time.Duration(max(p.Total, 1))
		left := ""
		if p.Accepted > 0 && p.Accepted < p.Particles {
			more := float64(p.Particles-p.Accepted) * float64(p.Simulated) / float64(p.Accepted)
			left = fmt.Sprintf("; this generation needs about %.0f more (%s)", more, (time.Duration(more) * per).Round(time.Second))
		}
		eps := "prior"
		if !math.IsInf(p.Epsilon, 1) {
			eps = fmt.Sprintf("tolerance %.3g", p.Epsilon)
		}
		fmt.Fprintf(w, "generation %d/%d (%s): %d of %d accepted after %s; %d in %s, %s each%s\n",
			p.Generation, p.Generations-1, eps, min(p.Accepted, p.Particles), p.Particles, narrate.Count(int64(p.Simulated), "simulation", "simulations"), p.Total, el.Round(time.Second), per.Round(time.Millisecond), left)
	}
}

// slurmOptions checks what --slurm-tasks needs: sbatch on the PATH, the
// job script, and this program's path for the tasks.
func slurmOptions(tasks int, script string) (*calibrate.Slurm, error) {
	if _, err := os.Stat(script); err != nil {
		return nil, badInput("--slurm-script %s: %v: give the path of deploy/slurm/sweep.sbatch (run from the repository, or name it)", script, unwrapPath(err))
	}
	abs, _ := filepath.Abs(script)
	prog, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return &calibrate.Slurm{Tasks: tasks, Script: abs, Program: prog}, nil
}
