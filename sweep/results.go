package sweep

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	col := map[string]int{}
	for j, h := range rows[0] {
		col[h] = j
	}
	num := func(row []string, name string) float64 {
		j, ok := col[name]
		if !ok || row[j] == "NA" {
			return math.NaN()
		}
		v, err := strconv.ParseFloat(row[j], 64)
		if err != nil {
			return math.NaN()
		}
		return v
	}
	out := &Conditions{Plan: m.Plan}
	nf := len(m.Plan.Factors)
	for i, row := range rows[1:] {
		if len(row) != len(rows[0]) || len(row) < 2+nf {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", path, i+2, len(row), len(rows[0]))
		}
		c := ConditionRow{Values: row[1 : 1+nf], Metrics: map[string]Estimate{}, ClosedCascades: -1, MaxCascadeSize: -1}
		c.Condition, _ = strconv.Atoi(row[0])
		c.N = int(num(row, "n"))
		for _, h := range m.Plan.Headlines {
			c.Metrics[h] = Estimate{num(row, h+"_mean"), num(row, h+"_sd"), num(row, h+"_ci_low"), num(row, h+"_ci_high")}
		}
		if _, ok := col["closed_cascades"]; ok {
			c.ClosedCascades = int64(num(row, "closed_cascades"))
			c.MaxCascadeSize = int64(num(row, "cascade_size_max"))
			for _, q := range quantileMetrics {
				c.Metrics[q] = Estimate{num(row, q), math.NaN(), num(row, q+"_ci_low"), num(row, q+"_ci_high")}
			}
		}
		out.Rows = append(out.Rows, c)
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
