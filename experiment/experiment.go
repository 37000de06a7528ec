package experiment

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
	"github.com/escalation-model/escalation/sweep"
)

// Experiment is one of the essays' claims as a ready experiment: the
// shipped sweep specs it runs and the analysis that states the result.
type Experiment struct {
	Name   string   // e.g. "claim1-revictimization"
	Claim  int      // its number among the seven claims of docs/references.md
	Title  string   // the claim, as docs/references.md states it
	Essays string   // the texts it comes from, by their short names in docs/references.md
	Specs  []string // shipped sweep specs, run in this order
	// Thresholds name the numbers the verdict rests on; the specs'
	// [verdict] tables give their values, meanings and robustness values.
	Thresholds []string
	// analyse states the result from the sweeps' data and draws the figures.
	analyse func(a *analysis) (*Finding, error)
}

// Finding is what an experiment concludes.
type Finding struct {
	Verdict Verdict
	// Statement says the result in a sentence or two, with the numbers and
	// their 95% confidence intervals, computed from the data.
	Statement string
	// Parts are the verdicts on the parts of a compound claim.
	Parts []Part
	// Rule says how the verdict follows from the data: the comparisons, the
	// bars they must pass (the thresholds, by name) and the family over
	// which Holm's adjustment is made.
	Rule string
	// Mechanism names the model's rules that produce the effect, by their
	// sections of docs/ODD.md.
	Mechanism string
	// Thresholds lists the thresholds (a header row, then name, value,
	// meaning and robustness values), and Robustness the verdict with each
	// changed in turn (a header row, then rows).
	Thresholds, Robustness [][]string
	// Assumptions are the settings the result rests on.
	Assumptions []string
	// Table holds key numbers: a header row, then rows.
	Table [][]string
	// Notes say how to read the result, and its limits.
	Notes []string
	// Figures are the figures drawn, relative to the experiment's directory.
	Figures []Figure
}

// Part is the verdict on one part of a claim. An aside is judged and
// reported but is not part of the claim's verdict (another text's version
// of the claim, say).
type Part struct {
	Label   string
	Verdict Verdict
	Text    string
	Aside   bool
}

// Figure is a figure an experiment drew: File is its path without
// extension (a .png and an .svg), relative to the experiment's directory.
type Figure struct {
	File    string
	Caption string
}

// All returns the experiments, in the order of the claims.
func All() []Experiment {
	return []Experiment{claim1, claim2, claim3, claim4, claim5, claim6, claim7}
}

// Names returns the experiments' names.
func Names() []string {
	var out []string
	for _, e := range All() {
		out = append(out, e.Name)
	}
	return out
}

// Lookup finds an experiment by its name, its claim number ("3") or the
// name's prefix "claimN".
func Lookup(name string) (Experiment, bool) {
	for _, e := range All() {
		if name == e.Name || name == strconv.Itoa(e.Claim) || name == fmt.Sprintf("claim%d", e.Claim) {
			return e, true
		}
	}
	return Experiment{}, false
}

// Options configure Run.
type Options struct {
	// Out is the directory of the experiments: each experiment writes into
	// Out/NAME (its sweeps, figures and result).
	Out string
	// Workers is the number of runs at once; 0 means GOMAXPROCS.
	Workers int
	// Scale multiplies every spec's replicates (at least 2 are kept); 0
	// means 1. Reduced sizes are for quick looks and tests: the intervals
	// widen, and verdicts may become inconclusive.
	Scale float64
	// Ticks, when positive, replaces every spec's ticks (for tests).
	Ticks int
	// Version is the program's version, recorded in the sweeps.
	Version string
	// Progress, when set, is called as sweep.Options.Progress is, with the
	// spec being run.
	Progress func(spec string, done, total int)
}

// Result is a finished experiment.
type Result struct {
	Experiment Experiment
	Dir        string // Out/NAME
	// Sweeps are the plans run, and SweepDirs their directories, in the
	// order of Experiment.Specs.
	Sweeps    []*sweep.Plan
	SweepDirs []string
	Runs      int
	Ran       int           // runs executed by this call (the others were resumed)
	Elapsed   time.Duration // running time of the sweeps and the analysis
	Finding   *Finding
	Scale     float64
	Ticks     int
}

// Plans returns the experiment's sweep plans at the options' scale: each
// shipped spec with its replicates scaled (at least 2) and its ticks
// replaced when opt.Ticks is set.
func (e Experiment) Plans(opt Options) ([]*sweep.Plan, error) {
	_, plans, err := e.load(opt)
	return plans, err
}

// load reads the experiment's specs and plans them at the options' scale.
func (e Experiment) load(opt Options) ([]*sweep.Spec, []*sweep.Plan, error) {
	var specs []*sweep.Spec
	var plans []*sweep.Plan
	for _, name := range e.Specs {
		s, err := sweep.Load(name)
		if err != nil {
			return nil, nil, err
		}
		specs = append(specs, s)
		if sc := opt.Scale; sc > 0 && sc != 1 {
			s.Replicates = max(2, int(math.Round(float64(s.Replicates)*sc)))
		}
		if opt.Ticks > 0 {
			s.Ticks = opt.Ticks
		}
		p, err := s.Plan()
		if err != nil {
			return nil, nil, err
		}
		plans = append(plans, p)
	}
	return specs, plans, nil
}

// Verdict returns the thresholds of the experiment's verdict, from its
// specs' [verdict] tables.
func (e Experiment) Verdict() ([]sweep.Threshold, error) {
	specs, _, err := e.load(Options{})
	if err != nil {
		return nil, err
	}
	return e.loadThresholds(specs)
}

// Run runs the experiment's sweeps (resuming any that were interrupted),
// reads their tables, states the result and draws the figures into
// opt.Out/NAME.
func Run(ctx context.Context, e Experiment, opt Options) (*Result, error) {
	start := time.Now()
	specs, plans, err := e.load(opt)
	if err != nil {
		return nil, err
	}
	ts, err := e.loadThresholds(specs)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(opt.Out, e.Name)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	res := &Result{Experiment: e, Dir: dir, Sweeps: plans, Scale: opt.Scale, Ticks: opt.Ticks}
	if res.Scale == 0 {
		res.Scale = 1
	}
	a := &analysis{e: &e, dir: dir, plans: plans, spec: ts, th: thresholds{}}
	for _, t := range ts {
		a.th[t.Name] = t.Value
	}
	for i, p := range plans {
		sdir := filepath.Join(dir, "sweep-"+e.Specs[i])
		so := sweep.Options{Dir: sdir, Workers: opt.Workers, Version: opt.Version}
		if opt.Progress != nil {
			spec := e.Specs[i]
			so.Progress = func(done, total int) { opt.Progress(spec, done, total) }
		}
		rep, err := sweep.Run(ctx, p, so)
		if err != nil {
			return nil, err
		}
		res.SweepDirs = append(res.SweepDirs, sdir)
		res.Runs += p.Runs()
		res.Ran += rep.Ran
		d, err := readData(sdir, p)
		if err != nil {
			return nil, err
		}
		a.data = append(a.data, d)
	}
	f, err := e.analyse(a)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.Name, err)
	}
	f.Figures = a.figures
	f.Thresholds = thresholdTable(ts)
	res.Finding = f
	res.Elapsed = time.Since(start)
	if err := writeResult(res); err != nil {
		return nil, err
	}
	return res, nil
}

// analysis is what an experiment's analysis works with.
type analysis struct {
	e       *Experiment
	dir     string // where figures go
	plans   []*sweep.Plan
	data    []*Data // one per spec
	figures []Figure
	spec    []sweep.Threshold // the thresholds as the specs give them
	th      thresholds        // their values
}

// robust fills the finding's robustness table: judge states the verdicts
// under a set of thresholds; parts labels the parts' columns.
func (a *analysis) robust(f *Finding, parts []string, judge func(thresholds) verdicts) {
	f.Robustness = robustness(a.spec, a.th, parts, judge)
}

// rng returns the analysis's generator for a purpose (bootstrap intervals).
func (a *analysis) rng(purpose string) *rand.Rand {
	return newRNG("experiment", a.e.Name, purpose)
}

// figure draws a figure of w x h pixels as NAME.png and NAME.svg in the
// experiment's directory.
func (a *analysis) figure(name, caption string, w, h int, drawFn func(draw.Canvas)) error {
	if err := figure.Save(filepath.Join(a.dir, name), w, h, drawFn); err != nil {
		return err
	}
	a.figures = append(a.figures, Figure{File: name, Caption: caption})
	return nil
}

// fixedText describes a plan's world: its base and fixed parameters.
func fixedText(p *sweep.Plan) string {
	parts := []string{"base `" + p.Base + "`"}
	for _, f := range p.Fixed {
		parts = append(parts, "`"+f.Name+" = "+f.Value+"`")
	}
	if p.Ticks > 0 {
		parts = append(parts, fmt.Sprintf("`ticks = %d`", p.Ticks))
	}
	return strings.Join(parts, ", ")
}

// errNoData is returned when an analysis misses a condition it needs.
var errNoData = errors.New("the sweep lacks a condition the analysis needs")

// need returns condition c, or errNoData naming the values when it is -1.
func need(c int, pairs ...string) (int, error) {
	if c < 0 {
		return 0, fmt.Errorf("%w: %s", errNoData, strings.Join(pairs, " "))
	}
	return c, nil
}

// levelsOf returns a numeric factor's levels sorted by value.
func levelsOf(d *Data, name string) []string {
	lv := d.Levels(name)
	slices.SortFunc(lv, func(a, b string) int {
		x, _ := strconv.ParseFloat(a, 64)
		y, _ := strconv.ParseFloat(b, 64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	return lv
}

// mustFloat parses a number written in a spec (a programming error if not).
func mustFloat(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic("experiment: not a number: " + s)
	}
	return v
}
