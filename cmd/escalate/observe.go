package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/escalation-model/escalation/observe"
	"github.com/escalation-model/escalation/output"
	"github.com/escalation-model/escalation/recipe"
)

// settingsFlag collects --observe key=value, repeatable.
type settingsFlag []string

func (s *settingsFlag) String() string     { return strings.Join(*s, " ") }
func (s *settingsFlag) Set(v string) error { *s = append(*s, v); return nil }

// Kind names the flag's type in a usage line.
func (s *settingsFlag) Kind() string { return "key=value" }

// defineObserve defines --observe on a verb's flags.
func defineObserve(fs *flagSet) *settingsFlag {
	s := &settingsFlag{}
	fs.Var(s, "observe", "an observation setting, repeatable (names, defaults and ranges: docs/ODD.md section 11.1): "+strings.Join(observe.Names(), ", "))
	return s
}

// config returns the default observation settings changed by the flags,
// in order; a setting given twice is bad input.
func (s settingsFlag) config() (observe.Config, error) {
	c := observe.DefaultConfig()
	seen := map[string]string{}
	for _, kv := range s {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		if !ok {
			return c, badInput("--observe %s: expected key=value, a setting and its value", kv)
		}
		if prev, twice := seen[k]; twice {
			return c, badInput("--observe %s: %s is also set by --observe %s", kv, k, prev)
		}
		seen[k] = kv
		if err := c.Set(k, v); err != nil {
			return c, badInput("--observe %s: %v", kv, err)
		}
	}
	return c, nil
}

// args returns the flags as a command line writes them.
func (s settingsFlag) args() string {
	out := ""
	for _, kv := range s {
		out += " --observe " + recipe.Quote(kv)
	}
	return out
}

func cmdObserve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("observe", "--out DIR | --data INCIDENTS.csv [--pairs PAIRS.csv] [--bootstrap N] [--seed N] [--observe key=value]... [--json]", stdout)
	out := fs.String("out", "", "directory of a run: print its observed.json")
	data := fs.String("data", "", "DCID 2.0's incident sheet (CSV, DCID's columns): compute the statistics from it")
	pairs := fs.String("pairs", "", "DCID 2.0's update sheet of response pairs (CSV), with --data: the reply and escalation statistics")
	reps := intVar(fs, "bootstrap", 1000, 0, 1_000_000, "", "bootstrap replicates of the data's statistics (0: no intervals)")
	seed := intVar(fs, "seed", 1, 0, math.MaxInt64, "", "seed of the bootstrap's generator")
	asJSON := fs.Bool("json", false, "print observed.json instead of a table")
	settings := defineObserve(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var rep observe.Report
	var err error
	switch {
	case (*out == "") == (*data == ""):
		return badInput("give --out DIR (a run's observed.json) or --data INCIDENTS.csv (DCID's incident sheet), one of them")
	case *out != "":
		for _, f := range []string{"pairs", "bootstrap", "seed", "observe"} {
			if given[f] {
				return badInput("--%s goes with --data: a run's observed.json is printed as written (its settings are given to escalate run)", f)
			}
		}
		rep, err = readRunReport(*out)
	default:
		rep, err = dataReport(*data, *pairs, *settings, &observe.Bootstrap{Replicates: *reps, Seed: uint64(*seed), Level: 0.95})
	}
	if err != nil {
		return err
	}
	if *asJSON {
		_, err = stdout.Write(rep.Marshal())
		return err
	}
	return rep.WriteTable(stdout)
}

// readRunReport reads DIR/observed.json.
func readRunReport(dir string) (observe.Report, error) {
	path := filepath.Join(dir, output.ObservedFile)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		what := "it is a file, not a folder"
		if errors.Is(err, os.ErrNotExist) {
			what = "the folder does not exist"
		} else if err != nil {
			what = "cannot be read: " + unwrapPath(err)
		}
		return observe.Report{}, badInput("--out %s: %s: give the folder of a run made with escalate run", dir, what)
	}
	rep, err := observe.ReadReport(path)
	if errors.Is(err, os.ErrNotExist) {
		return rep, badInput("--out %s: no %s: the run was made by a version of escalate that did not write it; run it again", dir, output.ObservedFile)
	}
	if err != nil {
		return rep, usageError{err}
	}
	return rep, nil
}

// dataReport reads DCID's files and computes their statistics, with
// bootstrap intervals unless b asks for no replicates.
func dataReport(incidents, pairs string, settings settingsFlag, b *observe.Bootstrap) (observe.Report, error) {
	cfg, err := settings.config()
	if err != nil {
		return observe.Report{}, err
	}
	r, err := observe.ReadDCID(incidents, pairs)
	if err != nil {
		return observe.Report{}, usageError{err} // a *tomlpos.Error naming the file
	}
	files := []string{filepath.Base(incidents)}
	if pairs != "" {
		files = append(files, filepath.Base(pairs))
	}
	if b.Replicates == 0 {
		b = nil
	}
	return observe.NewReport(r, cfg, files, b), nil
}
