// The calibration's outputs (docs/calibration.md): the posterior draws
// (CSV and Parquet), the generations, the posterior's summary and
// correlations, the pair and marginal figures, the posterior-predictive
// check, and the preset of the posterior's central point.

package calibrate

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/sweep"
)

// Output files, in the calibration's directory.
const (
	PosteriorFile    = "posterior.csv"
	PosteriorParquet = "posterior.parquet"
	GenerationsFile  = "generations.csv"
	SummaryFile      = "summary.csv"
	CorrelationsFile = "correlations.csv"
	PredictiveFile   = "predictive.csv"
	PairsFigure      = "pairs.png"
	MarginalsFigure  = "marginals.png"
	PredictiveFigure = "predictive.png"
	PresetFile       = "observed-world.toml"
	ReportFile       = "report.md"
)

// WriteOutputs writes the outcome's files into dir and returns their
// names. Each file is written whole to a temporary name, then renamed.
func WriteOutputs(dir string, out *Outcome) ([]string, error) {
	last := out.Result.Last()
	if last == nil {
		return nil, fmt.Errorf("calibrate: no complete generation (%s): nothing to write", out.Result.Stopped)
	}
	priors := out.Config.Priors
	names := make([]string, len(priors))
	for i, p := range priors {
		names[i] = p.Name
	}
	var files []string
	put := func(name string, data []byte) error {
		files = append(files, name)
		return writeAtomic(filepath.Join(dir, name), data)
	}
	rows := make([][]float64, len(last.Particles))
	for i, th := range last.Particles {
		rows[i] = append([]float64{float64(i), last.Weights[i], last.Distances[i]}, th...)
	}
	cols := append([]string{"particle", "weight", "distance"}, names...)
	if err := put(PosteriorFile, csvOf(cols, rows)); err != nil {
		return nil, err
	}
	var pq bytes.Buffer
	if err := sweep.WriteNumbers(&pq, cols, rows, map[string]string{"calibration": out.Spec.Source, "generation": strconv.Itoa(last.Index)}); err != nil {
		return nil, err
	}
	if err := put(PosteriorParquet, pq.Bytes()); err != nil {
		return nil, err
	}
	if err := put(GenerationsFile, generationsCSV(out.Result)); err != nil {
		return nil, err
	}
	if err := put(SummaryFile, summaryCSV(last, priors)); err != nil {
		return nil, err
	}
	if err := put(CorrelationsFile, correlationsCSV(last, names)); err != nil {
		return nil, err
	}
	if err := put(PresetFile, []byte(Preset(out.Spec, priors, last.CentralPoint()))); err != nil {
		return nil, err
	}
	if err := put(PredictiveFile, PredictiveCSV(out.Predictive)); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		draw func(string) error
	}{
		{PairsFigure, func(p string) error { return PairPlot(*last, priors, nil, p) }},
		{MarginalsFigure, func(p string) error { return MarginalsPlot(out.Result.Generations, priors, p) }},
		{PredictiveFigure, func(p string) error { return PredictivePlot(out.Predictive, p) }},
	} {
		tmp := filepath.Join(dir, ".tmp-"+f.name)
		if err := f.draw(tmp); err != nil {
			return nil, err
		}
		if err := os.Rename(tmp, filepath.Join(dir, f.name)); err != nil {
			return nil, err
		}
		files = append(files, f.name)
	}
	return files, nil
}

// writeAtomic writes data to path through a temporary file.
func writeAtomic(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err := os.WriteFile(tmp, data, 0o666); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// csvOf writes a table of numbers (integers without a decimal point, NaN
// as NA).
func csvOf(head []string, rows [][]float64) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(head)
	for _, r := range rows {
		rec := make([]string, len(r))
		for i, v := range r {
			rec[i] = cell(v)
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// cell formats a number for a CSV cell: NA when not finite.
func cell(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "NA"
	}
	return formatFloat(v)
}

func generationsCSV(res *Result) []byte {
	head := []string{"generation", "epsilon", "simulations", "acceptance", "ess"}
	var rows [][]float64
	for _, g := range res.Generations {
		rows = append(rows, []float64{float64(g.Index), g.Epsilon, float64(g.Simulations), g.Acceptance, g.ESS})
	}
	return csvOf(head, rows)
}

func summaryCSV(g *Generation, priors []Prior) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"parameter", "prior", "from", "to", "mean", "sd", "median", "q05", "q95", "narrowing"})
	for k, s := range g.SummaryOf(priors) {
		p := priors[k]
		w.Write([]string{s.Name, p.Kind, formatFloat(p.Lo), formatFloat(p.Hi), cell(s.Mean), cell(s.SD), cell(s.Median), cell(s.Q05), cell(s.Q95), cell(Narrowing(p, s))})
	}
	w.Flush()
	return b.Bytes()
}

// Narrowing returns the width of a parameter's posterior 90% interval
// over that of its prior (on the prior's scale: log for loguniform): near
// 1 the data left the parameter where the prior had it; well below 1 they
// identify it.
func Narrowing(p Prior, s ParamSummary) float64 {
	lo, hi, plo, phi := s.Q05, s.Q95, p.Lo, p.Hi
	if p.Kind == LogUniform {
		lo, hi, plo, phi = math.Log(lo), math.Log(hi), math.Log(plo), math.Log(phi)
	}
	// The prior's own 90% interval is 0.9 of its width.
	return (hi - lo) / (0.9 * (phi - plo))
}

func correlationsCSV(g *Generation, names []string) []byte {
	c := g.Correlations()
	rows := make([][]string, len(c))
	for i := range c {
		rows[i] = append([]string{names[i]}, make([]string, len(c[i]))...)
		for j, v := range c[i] {
			rows[i][j+1] = cell(v)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(append([]string{"parameter"}, names...))
	w.WriteAll(rows)
	return b.Bytes()
}

// presetDescription describes the preset of a calibration's central point
// in words for the page and escalate scenarios: the spec's own description
// and how many parameters it calibrated; the parameters are listed in the
// file and in the report.
func presetDescription(s *Spec, priors []Prior) string {
	what := s.Description
	if what == "" {
		what = "calibrated on " + s.TargetFile
	}
	return fmt.Sprintf("the observed world: %s; %d parameters at their posterior medians (docs/calibration.md), the rest as in %s", what, len(priors), s.Sweep.Base)
}

// Preset returns the scenario file of the posterior's central point: the
// spec's world with the calibrated parameters at the given values.
func Preset(s *Spec, priors []Prior, point []float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# The observed world: the model's world at the central point (the weighted\n")
	fmt.Fprintf(&b, "# medians) of the posterior of the calibration %s against %s\n", s.Name, s.TargetFile)
	fmt.Fprintf(&b, "# (docs/calibration.md). Generated by escalate calibrate; do not edit by hand.\n")
	fmt.Fprintf(&b, "# The parameters below the world's are calibrated; every other parameter keeps\n")
	fmt.Fprintf(&b, "# the %s preset's value, a scenario assumption the record cannot inform.\n", s.Sweep.Base)
	fmt.Fprintf(&b, "description = %q\n", presetDescription(s, priors))
	fmt.Fprintf(&b, "base = %q\n", s.Sweep.Base)
	if s.Sweep.Ticks > 0 {
		fmt.Fprintf(&b, "ticks = %d\n", s.Sweep.Ticks)
	}
	writeFixed(&b, s)
	b.WriteString("\n# calibrated\n")
	th := formatTheta(priors, point)
	for k, p := range priors {
		v := th[k]
		if !p.Integer {
			v = formatFloat(round(point[k], 3))
		}
		fmt.Fprintf(&b, "%s = %s\n", p.Name, v)
	}
	return b.String()
}

// round rounds x to the given number of significant digits.
func round(x float64, digits int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', digits, 64), 64)
	return v
}

func paramNames(priors []Prior) []string {
	out := make([]string, len(priors))
	for i, p := range priors {
		out[i] = p.Name
	}
	return out
}

// PredictiveCSV writes predictive rows as a table: the pattern, the
// record's value and bootstrap interval, the model's median and interval,
// the share of runs where the pattern is undefined, and whether the
// record falls inside.
func PredictiveCSV(rows []PredictiveRow) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"pattern", "observed", "observed_lo", "observed_hi", "model_median", "model_lo", "model_hi", "model_undefined_share", "inside"})
	for _, r := range rows {
		w.Write([]string{r.Name, cell(r.Observed), cell(r.ObservedLo), cell(r.ObservedHi), cell(r.ModelMedian), cell(r.ModelLo), cell(r.ModelHi), cell(r.Undefined), strconv.FormatBool(r.Inside)})
	}
	w.Flush()
	return b.Bytes()
}
