package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/escalation-model/escalation/experiment"
	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/internal/spelling"
)

// experimentRoot is the directory under which experiments write by default.
const experimentRoot = "experiments"

func cmdExperiment(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("experiment", "NAME|all [--out DIR] [--workers N] [--scale F] [--report FILE]", stdout)
	out := fs.String("out", experimentRoot, "output directory: each experiment writes into DIR/NAME; rerunning into it resumes")
	workers := intVar(fs, "workers", runtime.NumCPU(), 1, maxWorkers, "", "runs at once (the output does not depend on it)")
	scale := floatVar(fs, "scale", 1, 0, 1000, false, "multiply every spec's replicates by F (at least 2 are kept): below 1 for quick looks, above for tighter intervals")
	report := fs.String("report", "", "write the Markdown report to FILE (default DIR/report.md for all); figures outside DIR are copied beside it")
	list := fs.Bool("list", false, "list the experiments and exit")
	quiet := fs.Bool("quiet", false, "print nothing but errors and the statements")
	// The name may come before or after the flags.
	name := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if err := fs.parse(args); err != nil {
		return err
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
		if err := fs.parse(fs.Args()[1:]); err != nil {
			return err
		}
	}
	if fs.NArg() > 0 {
		return badInput("unexpected argument %q (see escalate experiment --help)", fs.Arg(0))
	}
	if *list {
		return listExperiments(stdout)
	}
	var exps []experiment.Experiment
	switch name {
	case "":
		return badInput("name an experiment or all: %s (see escalate experiment --list)", strings.Join(experiment.Names(), ", "))
	case "all":
		exps = experiment.All()
	default:
		e, ok := experiment.Lookup(name)
		if !ok {
			return badInput("unknown experiment %q%s: allowed all, %s, or a claim number 1 to %d", name, spelling.Suggest(name, experimentNames()), strings.Join(experiment.Names(), ", "), len(experiment.All()))
		}
		exps = []experiment.Experiment{e}
	}
	opt := experiment.Options{Out: *out, Workers: *workers, Scale: *scale, Version: version()}
	// Check every spec before running anything: a bad spec writes nothing.
	for _, e := range exps {
		if _, err := e.Plans(opt); err != nil {
			return usageError{err}
		}
	}
	var results []*experiment.Result
	start := time.Now()
	b := &batch{stderr: stderr, quiet: *quiet}
	for _, e := range exps {
		if !*quiet {
			opt.Progress = func(spec string, done, total int) { b.update(e.Name+": "+spec, done, total) }
		}
		res, err := experiment.Run(ctx, e, opt)
		b.finish()
		if err != nil {
			return batchError(err)
		}
		results = append(results, res)
		fmt.Fprintf(stdout, "Claim %d (%s): the claim %s. %s\n", e.Claim, e.Name, res.Finding.Verdict.Predicate(), res.Finding.Statement)
		for _, p := range res.Finding.Parts {
			aside := ""
			if p.Aside {
				aside = "aside, not part of the verdict: "
			}
			fmt.Fprintf(stdout, "  %s%s: %s. %s\n", aside, p.Label, p.Verdict, p.Text)
		}
		if !*quiet {
			fmt.Fprintf(stdout, "  %s (%d run now) in %.1fs; figures and result.md in %s\n", narrate.Count(int64(res.Runs), "run", "runs"), res.Ran, res.Elapsed.Seconds(), res.Dir)
		}
	}
	path := *report
	if path == "" && name == "all" {
		path = filepath.Join(*out, "report.md")
	}
	if path != "" {
		cmd := "escalate experiment " + name
		if *out != experimentRoot {
			cmd += " --out " + *out
		}
		if *scale != 1 {
			cmd += " --scale " + strconv.FormatFloat(*scale, 'g', -1, 64)
		}
		if *report != "" {
			cmd += " --report " + *report
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			return err
		}
		if err := experiment.WriteReport(results, experiment.ReportOptions{Path: path, Command: cmd, Out: *out}); err != nil {
			return err
		}
		if !*quiet {
			fmt.Fprintf(stdout, "wrote %s (%s, %.1fs)\n", path, narrate.Count(int64(len(results)), "experiment", "experiments"), time.Since(start).Seconds())
		}
	}
	return nil
}

// experimentNames returns every name escalate experiment takes: all, the
// experiments' names and claimN.
func experimentNames() []string {
	names := append([]string{"all"}, experiment.Names()...)
	for _, e := range experiment.All() {
		names = append(names, fmt.Sprintf("claim%d", e.Claim))
	}
	return names
}

func listExperiments(w io.Writer) error {
	for _, e := range experiment.All() {
		plans, err := e.Plans(experiment.Options{})
		if err != nil {
			return err
		}
		runs := 0
		for _, p := range plans {
			runs += p.Runs()
		}
		fmt.Fprintf(w, "%-24s claim %d  %6d runs  %s\n", e.Name, e.Claim, runs, e.Title)
	}
	return nil
}
