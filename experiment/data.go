package experiment

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/escalation-model/escalation/output/csvfmt"
	"github.com/escalation-model/escalation/sweep"
)

// Data is a finished sweep as the analyses read it: one row per run with
// its condition's factor values and its headline figures, and, when the
// sweep kept them, each run's closed cascade sizes.
type Data struct {
	Spec    string   // the sweep spec's name
	Dir     string   // the sweep's directory
	Factors []string // varied parameters, in the plan's order
	// Conditions are the factor values of each condition, in plan order.
	Conditions [][]string
	Replicates int
	metric     map[string]int // headline name -> column in Runs
	// Runs[i] are run i's headline figures (plan order: condition i /
	// Replicates), in the order of the plan's headlines.
	Runs [][]float64
	// Sizes[i] is run i's closed cascade sizes as (size, count), by
	// increasing size; nil when the sweep kept no cascade sizes.
	Sizes [][][2]int64
}

// readData reads a finished sweep's runs.csv (and cascade_sizes.csv when
// the plan keeps cascade sizes) for the plan p.
func readData(dir string, p *sweep.Plan) (*Data, error) {
	d := &Data{Spec: p.Name, Dir: dir, Conditions: p.Conditions(), Replicates: p.Replicates, metric: map[string]int{}}
	for _, f := range p.Factors {
		d.Factors = append(d.Factors, f.Name)
	}
	for i, h := range p.Headlines {
		d.metric[h] = i
	}
	path := filepath.Join(dir, sweep.RunsCSV)
	r, err := csvfmt.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	col, err := r.Columns(p.Headlines...) // headline -> column of runs.csv
	if err != nil {
		return nil, err
	}
	d.Runs = make([][]float64, 0, p.Runs())
	for r.Next() {
		row := make([]float64, len(col))
		for i, c := range col {
			row[i] = r.FloatAt(c)
		}
		d.Runs = append(d.Runs, row)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	if len(d.Runs) != p.Runs() {
		return nil, fmt.Errorf("%s holds %d runs, the plan %d", path, len(d.Runs), p.Runs())
	}
	if p.Outputs.CascadeSizes {
		if err := d.readSizes(filepath.Join(dir, sweep.CascadeSizesCSV)); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (d *Data) readSizes(path string) error {
	r, err := csvfmt.Open(path)
	if err != nil {
		return err
	}
	defer r.Close()
	col, err := r.Columns("index", "size", "cascades")
	if err != nil {
		return err
	}
	d.Sizes = make([][][2]int64, len(d.Runs))
	for r.Next() {
		run, size, n := r.IntAt(col[0]), r.IntAt(col[1]), r.IntAt(col[2])
		if r.Err() != nil {
			break
		}
		if run < 0 || run >= int64(len(d.Runs)) {
			return fmt.Errorf("%s:%d: run %d out of range (the sweep has runs 0 to %d)", path, r.Line(), run, len(d.Runs)-1)
		}
		d.Sizes[run] = append(d.Sizes[run], [2]int64{size, n})
	}
	return r.Err()
}

// Factor returns the index of a factor, or -1.
func (d *Data) Factor(name string) int { return slices.Index(d.Factors, name) }

// Find returns the condition whose factors have the given values (name,
// value pairs; factors not named may take any value: the first match is
// returned), or -1.
func (d *Data) Find(pairs ...string) int {
	for c, vals := range d.Conditions {
		ok := true
		for i := 0; i+1 < len(pairs); i += 2 {
			j := d.Factor(pairs[i])
			if j < 0 || vals[j] != pairs[i+1] {
				ok = false
				break
			}
		}
		if ok {
			return c
		}
	}
	return -1
}

// Levels returns a factor's distinct values in order of first appearance.
func (d *Data) Levels(name string) []string {
	j := d.Factor(name)
	var out []string
	for _, vals := range d.Conditions {
		if j >= 0 && !slices.Contains(out, vals[j]) {
			out = append(out, vals[j])
		}
	}
	return out
}

// Metric returns the runs of condition c's values of a headline metric.
// It panics on an unknown metric (a programming error in an analysis).
func (d *Data) Metric(c int, name string) []float64 {
	k, ok := d.metric[name]
	if !ok {
		panic("experiment: unknown headline " + name)
	}
	out := make([]float64, d.Replicates)
	for r := range out {
		out[r] = d.Runs[c*d.Replicates+r][k]
	}
	return out
}

// CondSizes returns the cascade-size histograms of condition c's runs.
func (d *Data) CondSizes(c int) [][][2]int64 {
	if d.Sizes == nil {
		return nil
	}
	return d.Sizes[c*d.Replicates : (c+1)*d.Replicates]
}

// Value returns condition c's value of a numeric factor (NaN if not a number).
func (d *Data) Value(c int, name string) float64 {
	j := d.Factor(name)
	if j < 0 {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(d.Conditions[c][j], 64)
	if err != nil {
		return math.NaN()
	}
	return v
}
