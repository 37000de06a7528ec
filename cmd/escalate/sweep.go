package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/sweep"
)

// sweepRoot is the directory under which sweeps write by default.
const sweepRoot = "sweeps"

func cmdSweep(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sweep", "--spec FILE|NAME [--out DIR] [--workers N] [--shard K/N] [--yes]", stdout)
	specName := fs.String("spec", "", "sweep spec: a TOML file, or a shipped spec's name (see --list)")
	out := fs.String("out", "", "output directory (default "+sweepRoot+"/NAME, or "+sweepRoot+"/NAME-shard-K-of-N with --shard); rerunning into it resumes")
	workers := intVar(fs, "workers", runtime.NumCPU(), 1, maxWorkers, "", "runs at once (the output does not depend on it)")
	shardText := fs.String("shard", "", "K/N: run only the runs whose index is K modulo N (K from 0 to N-1, as Slurm array task ids), for escalate merge")
	list := fs.Bool("list", false, "list the shipped sweep specs and exit")
	quiet := fs.Bool("quiet", false, "print nothing but errors (the size check of --yes still applies)")
	yes := fs.Bool("yes", false, "start a sweep of more than 100,000 runs or an estimated hour (a resumed sweep does not ask again)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *list {
		return listSweeps(stdout)
	}
	if *specName == "" {
		return badInput("--spec is required: a sweep spec file or a shipped spec's name (%s; see escalate sweep --help)", strings.Join(sweep.Shipped(), ", "))
	}
	var shard sweep.Shard
	if *shardText != "" {
		s, err := sweep.ParseShard(*shardText)
		if err != nil {
			return usageError{err}
		}
		shard = s
	}
	spec, err := sweep.Load(*specName)
	if err != nil {
		return usageError{err}
	}
	plan, err := spec.Plan()
	if err != nil {
		return usageError{err}
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join(sweepRoot, plan.Name)
		if shard.N > 0 {
			dir += fmt.Sprintf("-shard-%d-of-%d", shard.K, shard.N)
		}
	}
	label := "sweep " + plan.Name
	if shard.N > 0 {
		label += " shard " + shard.String()
	}
	if err := checkSize(ctx, plan, shard, dir, *workers, *yes, *quiet, stderr); err != nil {
		return err
	}
	opt := sweep.Options{Dir: dir, Workers: *workers, Shard: shard, Version: version()}
	if os.Getenv("GOGC") == "" {
		opt.GCPercent = sweep.DefaultGCPercent
	}
	b := &batch{stderr: stderr, quiet: *quiet, begin: func(stage string, done, total int) {
		switch {
		case done > 0 && done == total:
			fmt.Fprintf(stderr, "%s: all %s in %s already: building the tables and figures again\n", stage, narrate.Count(int64(total), "run is", "runs are"), dir)
		case done > 0:
			fmt.Fprintf(stderr, "%s: resuming in %s: %d of %s already done\n", stage, dir, done, narrate.Count(int64(total), "run", "runs"))
		}
	}}
	opt.Progress = b.progress(label)
	rep, err := sweep.Run(ctx, plan, opt)
	b.finish()
	if err != nil {
		return batchError(err)
	}
	if *quiet {
		return nil
	}
	if rep.Dropped {
		fmt.Fprintf(stderr, "%s: dropped a torn last line of the journal (a run cut off while being recorded); every run not recorded in full is run again\n", label)
	}
	if rep.Version != "" {
		fmt.Fprintf(stderr, "%s: note: the sweep was started by escalate %s; this is %s\n", label, rep.Version, version())
	}
	ran := fmt.Sprintf("ran %d", rep.Ran)
	if rep.Ran > 0 && rep.Elapsed > 0 {
		ran += fmt.Sprintf(" in %s (%.3g runs/s, %s)", rep.Elapsed.Round(time.Millisecond), float64(rep.Ran)/rep.Elapsed.Seconds(), narrate.Count(int64(*workers), "worker", "workers"))
	}
	if rep.Resumed > 0 {
		ran += fmt.Sprintf(", %s done already", narrate.Count(int64(rep.Resumed), "was", "were"))
	}
	fmt.Fprintf(stdout, "%s: %s (%s × %s%s): %s\n",
		label, narrate.Count(int64(rep.Total), "run", "runs"), narrate.Count(int64(plan.NumConditions()), "condition", "conditions"), narrate.Count(int64(plan.Replicates), "replicate", "replicates"), shardNote(shard, plan.Runs()), ran)
	if rep.Build == nil {
		fmt.Fprintf(stdout, "wrote %s: %s %s (journal and plan of this shard)\n", dir, sweep.JournalFile, sweep.ManifestFile)
		fmt.Fprintf(stdout, "when every shard is done: escalate merge DIR... --out %s\n", filepath.Join(sweepRoot, plan.Name))
		return nil
	}
	reportBuild(stdout, dir, rep.Build)
	return nil
}

func shardNote(s sweep.Shard, runs int) string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf(", shard %s of %s", s, narrate.Count(int64(runs), "run", "runs"))
}

// reportBuild lists the files a build wrote and its notes.
func reportBuild(w io.Writer, dir string, b *sweep.BuildReport) {
	var tables, plots []string
	for _, f := range b.Files {
		if strings.HasPrefix(f, sweep.PlotsDir+string(filepath.Separator)) {
			plots = append(plots, strings.TrimPrefix(f, sweep.PlotsDir+string(filepath.Separator)))
		} else {
			tables = append(tables, f)
		}
	}
	fmt.Fprintf(w, "wrote %s: %s\n", dir, strings.Join(tables, " "))
	if len(plots) > 0 {
		fmt.Fprintf(w, "figures in %s: %s\n", filepath.Join(dir, sweep.PlotsDir), strings.Join(plots, " "))
	}
	for _, n := range b.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

func listSweeps(w io.Writer) error {
	for _, name := range sweep.Shipped() {
		s, err := sweep.Load(name)
		if err != nil {
			return err
		}
		p, err := s.Plan()
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%-20s %6d runs  %s\n", name, p.Runs(), s.Description)
	}
	return nil
}
