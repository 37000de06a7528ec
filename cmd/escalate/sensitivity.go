package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/sensitivity"
)

// sensitivityRoot is the directory under which analyses write by default.
const sensitivityRoot = "sensitivity-analyses"

func cmdSensitivity(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sensitivity", "--spec FILE|NAME [--out DIR] [--workers N]", stdout)
	specName := fs.String("spec", "", "sensitivity spec: a TOML file, or a shipped spec's name (see --list)")
	out := fs.String("out", "", "output directory (default "+sensitivityRoot+"/NAME); rerunning into it resumes")
	workers := intVar(fs, "workers", runtime.NumCPU(), 1, maxWorkers, "", "runs at once (the output does not depend on it)")
	list := fs.Bool("list", false, "list the shipped sensitivity specs and exit")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *list {
		for _, n := range sensitivity.Shipped() {
			s, err := sensitivity.Load(n)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%-20s %-6s %6d runs  %s\n", n, s.Method, s.Runs(), s.Description)
		}
		return nil
	}
	if *specName == "" {
		return badInput("--spec is required: a sensitivity spec file or a shipped spec's name (%s; see escalate sensitivity --help)", strings.Join(sensitivity.Shipped(), ", "))
	}
	spec, err := sensitivity.Load(*specName)
	if err != nil {
		return usageError{err}
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join(sensitivityRoot, spec.Name)
	}
	cmd := "escalate sensitivity --spec " + *specName
	if *out != "" {
		cmd += " --out " + *out
	}
	b := &batch{stderr: stderr, quiet: *quiet}
	opt := sensitivity.Options{Dir: dir, Workers: *workers, Version: version(), Command: cmd, Progress: b.progress("sensitivity " + spec.Name)}
	res, err := sensitivity.Run(ctx, spec, opt)
	b.finish()
	if err != nil {
		return batchError(err) // a spec's conditions are checked before anything is written
	}
	if *quiet {
		return nil
	}
	fmt.Fprintf(stdout, "sensitivity %s (%s): %s (%d run now) in %.1fs\n", spec.Name, spec.Method, narrate.Count(int64(res.Runs), "run", "runs"), res.Ran, res.Elapsed.Seconds())
	for _, o := range res.Outputs {
		var parts []string
		for i, in := range spec.Inputs {
			v := 0.0
			if o.Morris != nil {
				v = o.Morris[i].MuStar
			} else {
				v = o.Sobol[i].ST
			}
			mark := ""
			if !o.Distinct[i] {
				mark = " (noise)"
			}
			parts = append(parts, fmt.Sprintf("%s %.3g%s", in.Name, v, mark))
		}
		what := "μ*"
		if o.Sobol != nil {
			what = "ST"
		}
		fmt.Fprintf(stdout, "  %s, %s: %s\n", o.Output, what, strings.Join(parts, ", "))
	}
	fmt.Fprintf(stdout, "wrote %s: %s\n", dir, strings.Join(res.Files, " "))
	return nil
}
