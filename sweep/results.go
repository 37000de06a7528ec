package sweep

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/escalation-model/escalation/output/csvfmt"
)

// Estimate is a metric's summary over a condition's runs: the mean (or, for
// a cascade-size quantile, the quantile), the standard deviation (NaN for
// quantiles) and the 95% interval. Undefined values are NaN.
type Estimate struct {
	Mean, SD, Low, High float64
}

// ConditionRow is one row of conditions.csv.
type ConditionRow struct {
	Condition int
	Values    []string // one per factor of the plan, as run
	N         int      // runs
	// Metrics holds every headline metric and, when cascade sizes were
	// kept, cascade_size_median, cascade_size_p90 and cascade_size_p99.
	Metrics        map[string]Estimate
	ClosedCascades int64 // -1 when cascade sizes were not kept
	MaxCascadeSize int64 // -1 when cascade sizes were not kept
}

// Conditions is conditions.csv read back, with the plan it summarises.
type Conditions struct {
	Plan *Plan
	Rows []ConditionRow
}

// ReadConditions reads the conditions.csv of a finished sweep in dir.
func ReadConditions(dir string) (*Conditions, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, ConditionsCSV)
	r, err := csvfmt.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	nf := len(m.Plan.Factors)
	if len(r.Header()) < 2+nf {
		return nil, fmt.Errorf("%s: %d columns, but the plan has %d factors besides condition and n", path, len(r.Header()), nf)
	}
	// num reads a column the table may lack (NaN then).
	num := func(name string) float64 {
		if !r.Has(name) {
			return math.NaN()
		}
		return r.Float(name)
	}
	sizes := r.Has("closed_cascades")
	out := &Conditions{Plan: m.Plan}
	for r.Next() {
		c := ConditionRow{Values: slices.Clone(r.Record()[1 : 1+nf]), Metrics: map[string]Estimate{}, ClosedCascades: -1, MaxCascadeSize: -1}
		c.Condition = int(r.IntAt(0))
		c.N = int(num("n"))
		for _, h := range m.Plan.Headlines {
			c.Metrics[h] = Estimate{num(h + "_mean"), num(h + "_sd"), num(h + "_ci_low"), num(h + "_ci_high")}
		}
		if sizes {
			c.ClosedCascades = int64(num("closed_cascades"))
			c.MaxCascadeSize = int64(num("cascade_size_max"))
			for _, q := range quantileMetrics {
				c.Metrics[q] = Estimate{num(q), math.NaN(), num(q + "_ci_low"), num(q + "_ci_high")}
			}
		}
		out.Rows = append(out.Rows, c)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Label writes a condition's values as "a = 1, b = free".
func (c *Conditions) Label(row ConditionRow) string {
	parts := make([]string, len(row.Values))
	for j, v := range row.Values {
		parts[j] = c.Plan.Factors[j].Name + " = " + v
	}
	return strings.Join(parts, ", ")
}
