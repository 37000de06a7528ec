package sweep

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/escalation-model/escalation/output/csvfmt"
)

// observed.csv and observed.parquet: one row per run, in run order, with
// the run's index, condition, replicate and seed, its condition's values
// (as runs.csv has them) and its pattern statistics (docs/sweeps.md).

// observedKeys are the leading columns of observed.csv, before the
// factors' values.
var observedKeys = []string{"index", "condition", "replicate", "seed"}

// openObserved creates observed.csv and observed.parquet when the plan
// keeps observed statistics, and writes observed.csv's header.
func (b *builder) openObserved(meta map[string]string) error {
	p := b.p
	if !p.Outputs.Observed {
		return nil
	}
	header := slices.Clone(observedKeys)
	cols := []pqColumn{{"index", pqInt64}, {"condition", pqInt64}, {"replicate", pqInt64}, {"seed", pqUint64}}
	for _, f := range p.Factors {
		header = append(header, f.Name)
		cols = append(cols, pqColumn{f.Name, factorKind(f)})
	}
	for _, name := range StatisticNames() {
		header = append(header, name)
		cols = append(cols, pqColumn{name, pqDouble})
	}
	f, err := b.create(ObservedCSV)
	if err != nil {
		return err
	}
	b.obsCSV = csv.NewWriter(f)
	if err := b.obsCSV.Write(header); err != nil {
		return err
	}
	if f, err = b.create(ObservedParquet); err != nil {
		return err
	}
	b.obsPQ = newPQTable(f, cols, meta)
	return nil
}

// addObserved writes a run's row of observed.csv and observed.parquet.
func (b *builder) addObserved(r RunInfo, values []string, res *Result) error {
	if b.obsCSV == nil {
		return nil
	}
	n := len(StatisticNames())
	if len(res.Observed) != n {
		return fmt.Errorf("run %d has %d observed statistics in the journal, but the observation model has %d (was the journal written by another version?)", r.Index, len(res.Observed), n)
	}
	row := runKeyRow(make([]string, 0, len(observedKeys)+len(values)+n), r, values)
	t := b.obsPQ
	if err := putRunKey(t, b.p, r, values); err != nil {
		return err
	}
	for _, v := range res.Observed {
		row = append(row, formatNum(v))
		t.float(v)
	}
	if err := t.end(); err != nil {
		return err
	}
	return b.obsCSV.Write(row)
}

// ObservedRow is one run's row of observed.csv.
type ObservedRow struct {
	Index     int
	Condition int
	Replicate int
	Seed      uint64
	Values    []string  // the condition's values, one per factor of the plan, as run
	Stats     []float64 // the pattern statistics, in the order of the names ReadObserved returns; NaN when undefined
}

// ReadObserved reads the observed.csv of a finished sweep in dir: the
// statistics' names (the columns after the factors, observe.Statistics
// when the file was written by this version) and every run's row, in run
// order. It needs the sweep's sweep.json, for the factors. A missing or
// malformed file is an error naming it and, for a bad row, its line.
func ReadObserved(dir string) (names []string, rows []ObservedRow, err error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, nil, err
	}
	path := filepath.Join(dir, ObservedCSV)
	r, err := csvfmt.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("%s: no such file: the sweep keeps no observed statistics (set observed = true in its spec's [outputs]) or its tables are not built yet", path)
	}
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	header := r.Header()
	nf := len(m.Plan.Factors)
	lead := slices.Clone(observedKeys)
	for _, f := range m.Plan.Factors {
		lead = append(lead, f.Name)
	}
	if len(header) < len(lead) || !slices.Equal(header[:len(lead)], lead) {
		return nil, nil, fmt.Errorf("%s:1: the header does not start with %v, the columns of the sweep's runs and factors", path, lead)
	}
	names = header[len(lead):]
	for r.Next() {
		rec := r.Record()
		if len(rec) != len(header) {
			return nil, nil, fmt.Errorf("%s:%d: %d values for %d columns", path, r.Line(), len(rec), len(header))
		}
		row := ObservedRow{Index: int(r.IntAt(0)), Condition: int(r.IntAt(1)), Replicate: int(r.IntAt(2)), Values: slices.Clone(rec[4 : 4+nf])}
		seed, perr := strconv.ParseUint(rec[3], 10, 64)
		if perr != nil {
			return nil, nil, fmt.Errorf("%s:%d: column seed: %q is not a seed", path, r.Line(), rec[3])
		}
		row.Seed = seed
		row.Stats = make([]float64, len(names))
		for k := range names {
			row.Stats[k] = r.FloatAt(len(lead) + k)
		}
		if err := r.Err(); err != nil {
			return nil, nil, err
		}
		if row.Index != len(rows) {
			return nil, nil, fmt.Errorf("%s:%d: run %d where run %d was expected: the rows must be every run once, in run order", path, r.Line(), row.Index, len(rows))
		}
		rows = append(rows, row)
	}
	if err := r.Err(); err != nil {
		return nil, nil, err
	}
	if len(rows) != m.Runs {
		return nil, nil, fmt.Errorf("%s: %d rows for the sweep's %d runs", path, len(rows), m.Runs)
	}
	return names, rows, nil
}
