package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/calibrate"
	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/observe"
)

// validationRoot is the directory under which validations write by
// default.
const validationRoot = "validations"

func cmdValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("validate", "--data INCIDENTS.csv [--pairs PAIRS.csv] [--spec NAME|FILE] [--posterior FILE] [--draws N] [--level X] [--out DIR] [--json]", stdout)
	data := fs.String("data", "", "a record in DCID 2.0's incident columns (CSV): the patterns to compare (required)")
	pairs := fs.String("pairs", "", "its update sheet of response pairs (CSV): the reply and escalation patterns")
	specName := fs.String("spec", "dcid", "the calibration whose world is simulated (its world and observation); a shipped name or a file")
	posterior := fs.String("posterior", "", "posterior draws (posterior.csv of escalate calibrate); default: the shipped calibration's")
	draws := intVar(fs, "draws", 400, 10, 100_000, "", "runs of the calibrated world, each from a posterior draw with its own seed (a few hundred give stable 5% and 95% quantiles)")
	seed := intVar(fs, "seed", 1, 0, math.MaxInt64, "", "seed of the draws, the runs and the bootstrap")
	level := floatVar(fs, "level", 1, 0, 100, false, "the record's volume relative to the calibration's period: multiplies every draw's espionage_rate (a level parameter for a period whose volume changed)")
	workers := intVar(fs, "workers", runtime.NumCPU(), 1, maxWorkers, "", "runs at once (the output does not depend on it)")
	out := fs.String("out", "", "directory of the runs and the figure (default "+validationRoot+"/NAME of the data file); rerunning into it resumes")
	asJSON := fs.Bool("json", false, "print the comparison as JSON instead of a table")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return badInput("--data is required: a record in DCID 2.0's incident columns (CSV)")
	}
	spec, err := calibrate.Load(*specName)
	if err != nil {
		return usageError{err}
	}
	postPath := *posterior
	if postPath == "" {
		postPath = "shipped:" + spec.Name + "-posterior.csv"
	}
	post, err := calibrate.ReadPosterior(postPath)
	if err != nil {
		if *posterior == "" {
			return fmt.Errorf("the calibration %s ships no posterior draws (%v): give --posterior FILE, a posterior.csv of escalate calibrate", spec.Name, err)
		}
		return badInput("--posterior %s: %v", postPath, err)
	}
	if *level != 1 {
		if err := scaleRate(&post, *level); err != nil {
			return err
		}
	}
	rep, err := dataReport(*data, *pairs, nil, &observe.Bootstrap{Replicates: 1000, Seed: uint64(*seed), Level: 0.95})
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join(validationRoot, strings.TrimSuffix(filepath.Base(*data), filepath.Ext(*data)))
	}
	ticks := int(math.Round(rep.Years * 365))
	r := &calibrate.Runner{Spec: spec, Dir: dir, Workers: *workers, Version: version()}
	b := &batch{stderr: stderr, quiet: *asJSON}
	r.BatchProgress = b.progress("validate " + spec.Name)
	sims, err := r.Predict(ctx, filepath.Join(dir, "runs"), post, *draws, uint64(*seed), ticks)
	b.finish()
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("validate: interrupted; the runs so far are kept in %s: rerun the same command to resume", dir)
		}
		return batchError(err)
	}
	rows := calibrate.Compare(rep, sims, calibrate.Patterns)
	fig := filepath.Join(dir, "validate.png")
	if err := calibrate.PredictivePlot(rows, fig); err != nil {
		return err
	}
	if *asJSON {
		_, err := stdout.Write(validationJSON(rows))
		return err
	}
	fmt.Fprintf(stdout, "%s against the calibrated world (%s, %s over %s%s):\n\n", filepath.Base(*data), spec.Name, narrate.Count(int64(*draws), "posterior draw", "posterior draws"), narrate.Count(int64(ticks), "day", "days"), levelText(*level))
	fmt.Fprint(stdout, calibrate.MarkdownRows(rows))
	fmt.Fprintf(stdout, "figure: %s\n", fig)
	return nil
}

// scaleRate multiplies every draw's espionage_rate by f; it is refused
// when the posterior does not calibrate espionage_rate.
func scaleRate(p *calibrate.Posterior, f float64) error {
	k := slices.Index(p.Names, "espionage_rate")
	if k < 0 {
		return badInput("--level needs a posterior that calibrates espionage_rate; this one calibrates %s", strings.Join(p.Names, ", "))
	}
	for i := range p.Particles {
		th := append([]float64(nil), p.Particles[i]...)
		th[k] = min(th[k]*f, 100)
		p.Particles[i] = th
	}
	return nil
}

func levelText(level float64) string {
	if level == 1 {
		return ""
	}
	return fmt.Sprintf(", volume level %s", strconv.FormatFloat(level, 'g', -1, 64))
}

// validationJSON writes the comparison as {"patterns": [{"name",
// "observed", "observed_interval", "model_median", "model_interval",
// "inside"}, ...]}, null for an undefined value.
func validationJSON(rows []calibrate.PredictiveRow) []byte {
	var b bytes.Buffer
	n := func(x float64) string {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "null"
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	b.WriteString("{\n  \"patterns\": [\n")
	for i, r := range rows {
		fmt.Fprintf(&b, "    {\"name\": %q, \"observed\": %s, \"observed_interval\": [%s, %s], \"model_median\": %s, \"model_interval\": [%s, %s], \"inside\": %t}",
			r.Name, n(r.Observed), n(r.ObservedLo), n(r.ObservedHi), n(r.ModelMedian), n(r.ModelLo), n(r.ModelHi), r.Inside)
		if i < len(rows)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "  ],\n  \"inside\": %d,\n  \"patterns_compared\": %d\n}\n", calibrate.Inside(rows), len(rows))
	return b.Bytes()
}
