package sweep

import (
	"slices"
	"strings"

	"github.com/escalation-model/escalation/internal/tomlpos"
	"github.com/escalation-model/escalation/model"
)

// Outputs says what a sweep keeps and draws.
type Outputs struct {
	// Series keeps every run's per-tick series (series.parquet).
	Series bool `json:"series"`
	// CascadeSizes keeps every run's distribution of closed cascade sizes
	// (cascade_sizes.csv, the quantile columns of conditions.csv and the
	// CCDF figure).
	CascadeSizes bool `json:"cascade_sizes"`
	// Plots draws the figures.
	Plots bool `json:"plots"`
	// Metrics are the headline metrics the effect figures show.
	Metrics []string `json:"metrics"`
	// Heatmap is the metric the phase diagram colours (a headline, or
	// cascade_size_median, cascade_size_p90, cascade_size_p99).
	Heatmap string `json:"heatmap"`
	// Bootstrap is the number of bootstrap resamples behind the intervals
	// of the cascade-size quantiles (0: no intervals).
	Bootstrap int `json:"bootstrap"`
	// Observed runs the observation model in every run and keeps its
	// pattern statistics (observed.csv, observed.parquet).
	Observed bool `json:"observed,omitempty"`
}

// DefaultMetrics returns the metrics the figures draw when a spec names none.
func DefaultMetrics() []string {
	return []string{
		"innocents_harmed", "misattributed_share", "hackbacks", "retaliations",
		"damage", "damage_below_poverty_share", "interstate_cascades", "max_cascade_size",
	}
}

// Cascade-size quantile metrics, the columns of conditions.csv that a
// heatmap may also show.
var quantileMetrics = []string{"cascade_size_median", "cascade_size_p90", "cascade_size_p99"}

// outputKeys are the keys of [outputs].
var outputKeys = []string{"series", "cascade_sizes", "plots", "metrics", "heatmap", "bootstrap", "observed"}

func (s *Spec) decodeOutputs(doc map[string]any) error {
	m, err := s.table(doc, "outputs", "series = true")
	if err != nil || m == nil {
		return err
	}
	o := &s.Outputs
	for _, k := range s.sortedKeys("outputs.", m) {
		key := "outputs." + k
		v := m[k]
		switch k {
		case "series", "cascade_sizes", "plots", "observed":
			b, ok := v.(bool)
			if !ok {
				return s.errorf(key, "= %s: allowed true or false", tomlpos.Text(v))
			}
			switch k {
			case "series":
				o.Series = b
			case "cascade_sizes":
				o.CascadeSizes = b
			case "observed":
				o.Observed = b
			default:
				o.Plots = b
			}
		case "metrics":
			list, ok := v.([]any)
			if !ok || len(list) == 0 {
				return s.errorf(key, "= %s: give a list of headline metrics, e.g. [\"innocents_harmed\", \"damage\"]", tomlpos.Text(v))
			}
			o.Metrics = nil
			for _, x := range list {
				name, _ := x.(string)
				if !isHeadline(name) {
					return s.errorf(key, "%s is not a headline metric: allowed %s", tomlpos.Text(x), strings.Join(headlineNames(), ", "))
				}
				if slices.Contains(o.Metrics, name) {
					return s.errorf(key, "lists %s twice", name)
				}
				o.Metrics = append(o.Metrics, name)
			}
		case "heatmap":
			name, _ := v.(string)
			if !isHeadline(name) && !slices.Contains(quantileMetrics, name) {
				return s.errorf(key, "= %s: allowed a headline metric (%s) or %s", tomlpos.Text(v), strings.Join(headlineNames(), ", "), strings.Join(quantileMetrics, ", "))
			}
			o.Heatmap = name
		case "bootstrap":
			n, _, err := s.intKeyIn(m, k, key, 0, maxBootstrap)
			if err != nil {
				return err
			}
			o.Bootstrap = n
		default:
			return s.unknown(key, k, outputKeys, "[outputs]")
		}
	}
	if slices.Contains(quantileMetrics, o.Heatmap) && !o.CascadeSizes {
		return s.errorf("outputs.heatmap", "= %q needs cascade_sizes = true", o.Heatmap)
	}
	return nil
}

// headlineNames returns the names of the model's headline metrics.
func headlineNames() []string {
	var t model.Totals
	hs := t.Headlines()
	names := make([]string, len(hs))
	for i, h := range hs {
		names[i] = h.Name
	}
	return names
}

func isHeadline(name string) bool { return slices.Contains(headlineNames(), name) }
