package sensitivity

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/escalation-model/escalation/sweep"
)

// Options configure Run.
type Options struct {
	Dir     string // output directory; the runs go to Dir/sweep
	Workers int    // runs at once; 0 means GOMAXPROCS
	Version string // program version recorded in the sweep
	// Progress, when set, is called as sweep.Options.Progress is.
	Progress func(done, total int)
	// Command is the command line that reproduces the analysis, written in
	// its report.
	Command string
}

// Result is a finished sensitivity analysis.
type Result struct {
	Spec    *Spec
	Dir     string
	Plan    *sweep.Plan
	Outputs []OutputResult
	Runs    int
	Ran     int // runs executed by this call (the others were resumed)
	Elapsed time.Duration
	Files   []string // written, relative to Dir
}

// OutputResult holds the indices of every input for one output.
type OutputResult struct {
	Output string
	Morris []MorrisIndex // Morris: one per input, in the spec's order
	Sobol  []SobolIndex  // Sobol: one per input, in the spec's order
	// NoiseVar is the replicate noise: the mean over design points of the
	// variance between a point's replicates (NaN with one replicate).
	NoiseVar float64
	// OutputVar is the variance of the design points' means.
	OutputVar float64
	// Floor is the level replicate noise alone would reach: Morris μ*'s
	// noise floor (output units per input range), or, for Sobol, the share
	// of the output variance due to replicate noise, which inflates every
	// total index.
	Floor float64
	// Distinct says, per input, whether its index stands out from noise:
	// the lower end of μ*'s interval (Morris) or of the total index's
	// interval (Sobol) above the floor (and above zero).
	Distinct []bool
}

// Sweep directory within an analysis's directory.
const sweepDir = "sweep"

// rng returns the generator of a purpose, keyed by the master seed.
func (s *Spec) rng(purpose string) *rand.Rand {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:8], s.Sweep.MasterSeed)
	copy(key[8:], "sensitivity/"+purpose)
	return rand.New(rand.NewChaCha8(key))
}

// Design returns the inputs' names and the conditions to run, one value
// per input as --set takes it: for Morris, trajectory after trajectory,
// k+1 points each; for Sobol, the n rows of A, then of B, then of each
// AB_i. The design depends only on the spec (its master seed draws the
// Morris trajectories).
func (s *Spec) Design() (names []string, conditions [][]string) {
	k := len(s.Inputs)
	for _, in := range s.Inputs {
		names = append(names, in.Name)
	}
	row := func(u []float64) []string {
		out := make([]string, k)
		for i, in := range s.Inputs {
			out[i] = in.Value(u[i])
		}
		return out
	}
	if s.Method == MethodMorris {
		for _, traj := range MorrisDesign(s.Trajectories, k, s.Levels, s.rng("morris/v1")) {
			for _, u := range traj {
				conditions = append(conditions, row(u))
			}
		}
		return names, conditions
	}
	a, b := SaltelliDesign(s.Samples, k)
	for _, m := range [][][]float64{a, b} {
		for _, u := range m {
			conditions = append(conditions, row(u))
		}
	}
	for i := range k {
		for _, u := range Mix(a, b, i) {
			conditions = append(conditions, row(u))
		}
	}
	return names, conditions
}

// Plan returns the sweep plan that runs the design.
func (s *Spec) Plan() (*sweep.Plan, error) {
	names, conds := s.Design()
	sw := *s.Sweep
	sw.Outputs = sweep.Outputs{Metrics: s.Outputs, Heatmap: s.Outputs[0]}
	return sweep.NewPlan(&sw, names, conds)
}

// Run runs the analysis's design with the sweep engine into opt.Dir/sweep
// (resuming an interrupted run), computes the indices of every output and
// writes indices.csv, report.md and one figure per output into opt.Dir.
func Run(ctx context.Context, s *Spec, opt Options) (*Result, error) {
	start := time.Now()
	p, err := s.Plan()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opt.Dir, 0o777); err != nil {
		return nil, err
	}
	dir := filepath.Join(opt.Dir, sweepDir)
	rep, err := sweep.Run(ctx, p, sweep.Options{Dir: dir, Workers: opt.Workers, Version: opt.Version, Progress: opt.Progress})
	if err != nil {
		return nil, err
	}
	conds, err := sweep.ReadConditions(dir)
	if err != nil {
		return nil, err
	}
	if len(conds.Rows) != p.NumConditions() {
		return nil, fmt.Errorf("%s: %d conditions, the design %d", dir, len(conds.Rows), p.NumConditions())
	}
	res := &Result{Spec: s, Dir: opt.Dir, Plan: p, Runs: p.Runs(), Ran: rep.Ran}
	for _, out := range s.Outputs {
		res.Outputs = append(res.Outputs, s.analyse(out, conds))
	}
	if err := res.write(opt.Command); err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// analyse computes one output's indices from the conditions' means.
func (s *Spec) analyse(out string, conds *sweep.Conditions) OutputResult {
	k := len(s.Inputs)
	r := OutputResult{Output: out}
	y := make([]float64, len(conds.Rows))
	var noise float64
	nNoise := 0
	for c, row := range conds.Rows {
		e := row.Metrics[out]
		y[c] = e.Mean
		if !math.IsNaN(e.SD) {
			noise += e.SD * e.SD
			nNoise++
		}
	}
	r.NoiseVar = math.NaN()
	if nNoise > 0 {
		r.NoiseVar = noise / float64(nNoise)
	}
	r.OutputVar = variance(y)
	reps := s.Sweep.Replicates
	r.Distinct = make([]bool, k)
	if s.Method == MethodMorris {
		// The design as run: each input's unit value from its text.
		design := make([][][]float64, s.Trajectories)
		ys := make([][]float64, s.Trajectories)
		for t := range design {
			for j := 0; j <= k; j++ {
				c := t*(k+1) + j
				u := make([]float64, k)
				for i, in := range s.Inputs {
					u[i] = in.Unit(conds.Rows[c].Values[i])
				}
				design[t] = append(design[t], u)
				ys[t] = append(ys[t], y[c])
			}
		}
		effects := MorrisEffects(design, ys)
		r.Floor = MorrisNoiseFloor(r.NoiseVar, reps, MorrisDelta(s.Levels))
		for i, e := range effects {
			m := Summarise(e, s.Bootstrap, s.rng(fmt.Sprintf("boot/%s/%d", out, i)))
			r.Morris = append(r.Morris, m)
			r.Distinct[i] = m.MuStarLow > r.Floor || math.IsNaN(r.Floor) && m.MuStarLow > 0
		}
		return r
	}
	n := s.Samples
	yA, yB := y[:n], y[n:2*n]
	yAB := make([][]float64, k)
	for i := range k {
		yAB[i] = y[(2+i)*n : (3+i)*n]
	}
	r.Sobol = SobolIndices(yA, yB, yAB, s.Bootstrap, s.rng("boot/"+out))
	vAB := variance(append(append([]float64(nil), yA...), yB...))
	r.Floor = (r.NoiseVar / float64(reps)) / vAB
	for i, x := range r.Sobol {
		r.Distinct[i] = x.STLow > r.Floor && x.STLow > 0 || math.IsNaN(r.Floor) && x.STLow > 0
	}
	return r
}

func variance(xs []float64) float64 {
	if len(xs) < 2 {
		return math.NaN()
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	m := s / float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return ss / float64(len(xs)-1)
}
