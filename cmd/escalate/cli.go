package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // internal failure
	exitUsage = 2 // bad input
)

// usageError marks an error caused by the user's input (exit status 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func badInput(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

type verb struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func verbs() []verb {
	return []verb{
		{"run", "run one scenario and write its data files and plots", cmdRun},
		{"scenarios", "list the scenario presets", cmdScenarios},
		{"params", "list every parameter: value, default, range, unit, meaning, essay", cmdParams},
		{"story", "tell a cascade of a finished run in plain sentences", cmdStory},
		{"serve", "serve the web page: watch a run in the browser (http://127.0.0.1:8080/)", cmdServe},
		{"sweep", "run a batch experiment from a sweep spec: tables (CSV, Parquet) and figures", cmdSweep},
		{"merge", "combine the shards of a sweep into the output of the whole sweep", cmdMerge},
		{"experiment", "run the essays' claims as experiments: figures, and each claim's result with its confidence interval", cmdExperiment},
		{"sensitivity", "sensitivity analysis: Morris elementary effects or Sobol indices of chosen outputs, with ranked bar plots", cmdSensitivity},
	}
}

// version returns the program's version: the module version when built
// from a tagged module, else the VCS revision, else "devel".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel-" + rev
}

func topUsage(w io.Writer) {
	fmt.Fprintln(w, `escalate: an agent-based model of cyber attacks, misattribution, hack back and
retaliation between states, firms and individuals ("cyber road rage").

Usage:
  escalate <verb> [flags]

Verbs:`)
	for _, v := range verbs() {
		fmt.Fprintf(w, "  %-10s %s\n", v.name, v.summary)
	}
	fmt.Fprintln(w, `
Flags:
  --help     show this help (also: escalate <verb> --help)
  --version  print the program's version

With no flags, "escalate run" runs the default scenario (status-quo) with
seed 1 and writes ./out. Exit status: 0 success, 2 bad input, 1 failure.`)
}

// Main runs the command line and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		topUsage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		topUsage(stdout)
		return exitOK
	case "-version", "--version", "version":
		fmt.Fprintln(stdout, "escalate", version())
		return exitOK
	}
	for _, v := range verbs() {
		if v.name != args[0] {
			continue
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		err := v.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.As(err, new(usageError)):
			fmt.Fprintln(stderr, "escalate "+v.name+":", err)
			return exitUsage
		default:
			fmt.Fprintln(stderr, "escalate "+v.name+":", err)
			return exitError
		}
	}
	names := make([]string, 0, 4)
	for _, v := range verbs() {
		names = append(names, v.name)
	}
	fmt.Fprintf(stderr, "escalate: unknown verb %q: allowed %s (see escalate --help)\n", args[0], strings.Join(names, ", "))
	return exitUsage
}

// newFlags returns a flag set whose errors become usage errors and whose
// --help prints the verb's usage to stdout.
func newFlags(name, usage string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("escalate "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: escalate %s %s\n\nFlags:\n", name, usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors and
// rejecting stray arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return err
		}
		return usageError{fmt.Errorf("%v (see %s --help)", err, fs.Name())}
	}
	if fs.NArg() > 0 {
		return badInput("unexpected argument %q (see %s --help)", fs.Arg(0), fs.Name())
	}
	return nil
}

// multiFlag collects a repeated string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }
