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

	"github.com/escalation-model/escalation/internal/spelling"
	"github.com/escalation-model/escalation/output"
)

// Exit statuses (escalate --help and the README list them).
const (
	exitOK          = 0
	exitError       = 1   // internal failure
	exitUsage       = 2   // bad input
	exitInterrupted = 130 // stopped by Ctrl-C (SIGINT) or SIGTERM, as a shell reports a program killed by SIGINT
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
		{"observe", "what a dataset like DCID would record of a run, or DCID's own statistics: pattern statistics", cmdObserve},
		{"serve", "serve the web page: watch a run in the browser (http://127.0.0.1:8080/)", cmdServe},
		{"sweep", "run a batch experiment from a sweep spec: tables (CSV, Parquet) and figures", cmdSweep},
		{"merge", "combine the shards of a sweep into the output of the whole sweep", cmdMerge},
		{"experiment", "run the essays' claims as experiments: figures, and each claim's result with its confidence interval", cmdExperiment},
		{"sensitivity", "sensitivity analysis: Morris elementary effects or Sobol indices of chosen outputs, with ranked bar plots", cmdSensitivity},
		{"calibrate", "calibrate the model against the observed record (DCID 2.0): ABC-SMC over the sweep engine, posterior draws, figures, the observed-world preset", cmdCalibrate},
		{"validate", "compare the calibrated world with a record in DCID's columns, pattern by pattern, against the model's 90% predictive intervals", cmdValidate},
		{"clean", "remove the hidden temporary files that killed runs left (outputs are untouched)", cmdClean},
		{"version", "print the program's version (also: escalate --version)", cmdVersion},
	}
}

// release is the program's version, as CITATION.cff gives it; a build
// can stamp another with -ldflags "-X main.release=0.2.0".
var release = "0.1.0"

// version returns the program's version: the module version when built
// as a tagged module, else the release with the commit it was built from
// when Go recorded one (go build in a clone: 0.1.0+abc123def456, with
// -dirty for uncommitted changes), else the release alone.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return release
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
		return release
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return release + "+" + rev
}

func cmdVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("version", "", stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "escalate", version())
	return nil
}

func topUsage(w io.Writer) {
	fmt.Fprintln(w, `escalate: an agent-based model of cyber attacks, misattribution, hack back and
retaliation between states, firms and individuals ("cyber road rage").

Usage:
  escalate <verb> [flags]

Verbs:`)
	for _, v := range verbs() {
		fmt.Fprintf(w, "  %-12s %s\n", v.name, v.summary)
	}
	fmt.Fprintln(w, `
Flags:
  --help     show this help (also: escalate <verb> --help)
  --version  print the program's version

With no flags, "escalate run" runs the default scenario (status-quo) with
seed 1 and writes ./out.

Exit status:
  0    success
  1    internal failure (a bug, or the system refused: disk full, ...)
  2    bad input (a flag, a value, a file): the message names it
  130  interrupted (Ctrl-C, SIGINT or SIGTERM); a sweep or experiment
       resumes when the same command is run again`)
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
	case "-version", "--version":
		fmt.Fprintln(stdout, "escalate", version())
		return exitOK
	}
	for _, v := range verbs() {
		if v.name == args[0] {
			return runVerb(v, args[1:], stdout, stderr)
		}
	}
	unknown(args[0], stderr)
	return exitUsage
}

// runVerb runs a verb until it ends or a signal (Ctrl-C, SIGTERM) stops
// it, says why it failed, and returns the exit status.
func runVerb(v verb, args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := v.run(ctx, args, stdout, stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stderr, "escalate "+v.name+":", err)
	}
	switch {
	case ctx.Err() != nil: // a signal came: whatever the verb made of it
		return exitInterrupted
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, new(usageError)), errors.As(err, new(*output.ForeignError)):
		return exitUsage
	}
	return exitError
}

// unknown says that arg is neither a verb nor a flag allowed before one,
// suggesting the nearest.
func unknown(arg string, stderr io.Writer) {
	if strings.HasPrefix(arg, "-") {
		hint := ""
		if n := spelling.Near(strings.TrimLeft(arg, "-"), []string{"help", "version"}); n != "" {
			hint = " (did you mean --" + n + "?)"
		}
		fmt.Fprintf(stderr, "escalate: unknown flag %s%s: before the verb only --help and --version (see escalate --help)\n", arg, hint)
		return
	}
	names := make([]string, 0, len(verbs()))
	for _, v := range verbs() {
		names = append(names, v.name)
	}
	fmt.Fprintf(stderr, "escalate: unknown verb %q%s: allowed %s (see escalate --help)\n", arg, spelling.Suggest(arg, names), strings.Join(names, ", "))
}

// flagSet is a verb's flags and the usage that --help prints.
type flagSet struct {
	*flag.FlagSet
	usage func() // prints the verb's usage and flags to stdout
}

// newFlags returns a flag set whose errors become usage errors (one line,
// no usage dump) and whose --help prints the verb's usage to stdout.
func newFlags(name, usage string, stdout io.Writer) *flagSet {
	fs := flag.NewFlagSet("escalate "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {} // the flag package calls it on every error too
	return &flagSet{fs, func() {
		fmt.Fprintln(stdout, strings.TrimSpace("Usage: escalate "+name+" "+usage))
		printFlags(stdout, fs)
	}}
}

// printFlags lists the flags as the usage line writes them (--name), with
// their defaults; nothing for a verb without flags.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprintln(w, "\nFlags:")
			first = false
		}
		kind, text := flag.UnquoteUsage(f)
		if k, ok := f.Value.(interface{ Kind() string }); ok {
			kind = k.Kind()
		}
		if a, ok := f.Value.(interface{ Allowed() string }); ok {
			text += "; allowed " + a.Allowed()
		}
		line := "  --" + f.Name
		if kind != "" {
			line += " " + kind
		}
		switch f.DefValue {
		case "", "0", "false", "[]":
		default:
			text += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, strings.ReplaceAll(text, "\n", "\n    \t"))
	})
}

// parse parses args once: --help prints the usage (and returns
// flag.ErrHelp), a bad flag becomes a usage error.
func (fs *flagSet) parse(args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.usage()
			return err
		}
		return flagError(fs.FlagSet, err)
	}
	return nil
}

// parseFlags parses args, turning flag errors into usage errors and
// rejecting stray arguments.
func parseFlags(fs *flagSet, args []string) error {
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return badInput("unexpected argument %q (see %s --help)", fs.Arg(0), fs.Name())
	}
	return nil
}
