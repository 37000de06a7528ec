// Posterior-predictive checks and validation (docs/calibration.md): the
// calibrated world simulated from posterior draws over a record's span,
// its statistics against the record's, pattern by pattern.

package calibrate

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/assets"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/observe"
)

// Patterns are the statistics a validation compares: shapes, not counts
// that grow with the period — the rate per active dyad, the
// concentration of initiators and dyads, reciprocity, the severity,
// objective and target mixes, the reply rate and lag, and escalation by
// severity.
var Patterns = []string{
	"incidents_per_dyad_year", "dyad_month_share", "both_sides_share",
	"top4_initiators_share", "top5_dyads_share",
	"severity_mean", "severity_1_share", "severity_2_share", "severity_3_share", "severity_4_share", "severity_5_share", "severity_6_share",
	"objective_disruption_share", "objective_espionage_share", "objective_degradation_share",
	"target_private_share",
	"reply_share", "reply_lag_median_days",
	"escalation_share", "escalation_share_severity_1_2", "escalation_share_severity_3_4", "escalation_share_severity_5_6",
}

// Level is the central interval of the model's predictive distribution a
// pattern's observed value must fall in.
const Level = 0.9

// Posterior is a set of weighted posterior draws.
type Posterior struct {
	Names     []string
	Particles [][]float64
	Weights   []float64
}

// Draw returns m particles drawn with replacement by weight, from a
// generator seeded by seed.
func (p Posterior) Draw(m int, seed uint64) [][]float64 {
	r := rand.New(rand.NewPCG(seed, 0x7072656469637473)) // "predicts"
	cum := make([]float64, len(p.Weights))
	sum := 0.0
	for i, w := range p.Weights {
		sum += w
		cum[i] = sum
	}
	out := make([][]float64, m)
	for k := range out {
		u := r.Float64() * sum
		i, _ := slices.BinarySearch(cum, u)
		out[k] = p.Particles[min(i, len(cum)-1)]
	}
	return out
}

// ReadPosterior reads a posterior.csv written by the calibration
// (particle, weight, distance, then one column per parameter); a name of
// the form "shipped:FILE" reads assets/calibration/FILE.
func ReadPosterior(path string) (Posterior, error) {
	var data []byte
	var err error
	if name, ok := strings.CutPrefix(path, "shipped:"); ok {
		data, err = fs.ReadFile(assets.Calibration, "calibration/"+name)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return Posterior{}, err
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return Posterior{}, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) < 2 || len(recs[0]) < 4 || recs[0][0] != "particle" || recs[0][1] != "weight" || recs[0][2] != "distance" {
		return Posterior{}, fmt.Errorf("%s: not a posterior.csv of escalate calibrate (header particle, weight, distance, then the parameters, and at least one row)", path)
	}
	p := Posterior{Names: recs[0][3:]}
	for _, name := range p.Names {
		if _, ok := model.Lookup(name); !ok {
			return Posterior{}, fmt.Errorf("%s: column %s is not a parameter of this version", path, name)
		}
	}
	for i, rec := range recs[1:] {
		if len(rec) != len(recs[0]) {
			return Posterior{}, fmt.Errorf("%s:%d: %d cells for %d columns", path, i+2, len(rec), len(recs[0]))
		}
		w, err := strconv.ParseFloat(rec[1], 64)
		if err != nil || !(w >= 0) {
			return Posterior{}, fmt.Errorf("%s:%d: weight %q is not a number at least 0", path, i+2, rec[1])
		}
		th := make([]float64, len(p.Names))
		for k, c := range rec[3:] {
			if th[k], err = strconv.ParseFloat(c, 64); err != nil {
				return Posterior{}, fmt.Errorf("%s:%d: %s = %q is not a number", path, i+2, p.Names[k], c)
			}
		}
		p.Particles, p.Weights = append(p.Particles, th), append(p.Weights, w)
	}
	return p, nil
}

// Predict simulates the spec's world once for each of m draws of the
// posterior, each with its own seed, over ticks days, as a sweep in dir;
// it returns every run's statistics in the order of observe.Statistics.
func (r *Runner) Predict(ctx context.Context, dir string, post Posterior, m int, seed uint64, ticks int) ([][]float64, error) {
	priors := make([]Prior, len(post.Names))
	for k, name := range post.Names {
		p, _ := model.Lookup(name)
		priors[k] = Prior{Name: name, Kind: Uniform, Integer: p.Type == "int"}
	}
	draws := post.Draw(m, seed)
	return r.Sweep(ctx, dir, fmt.Sprintf("%d posterior draws over %d days", m, ticks), priors, draws, SweepSeed(seed, 1), ticks)
}

// Compare returns one row per pattern: the record's value and bootstrap
// interval against the model's median and central interval of Level over
// the simulations sims (in the order of observe.Statistics).
func Compare(rep observe.Report, sims [][]float64, patterns []string) []PredictiveRow {
	obs, lo, hi := make([]float64, len(patterns)), make([]float64, len(patterns)), make([]float64, len(patterns))
	cols := make([][]float64, len(sims))
	for k, name := range patterns {
		i := observe.Index(name)
		obs[k] = rep.Stats[i]
		lo[k], hi[k] = math.NaN(), math.NaN()
		if i < len(rep.Intervals) {
			lo[k], hi[k] = rep.Intervals[i].Lo, rep.Intervals[i].Hi
		}
	}
	for j, v := range sims {
		cols[j] = make([]float64, len(patterns))
		for k, name := range patterns {
			cols[j][k] = v[observe.Index(name)]
		}
	}
	return PredictiveRows(patterns, obs, lo, hi, cols, Level)
}

// Inside counts the rows whose observed value is inside the model's
// interval.
func Inside(rows []PredictiveRow) int {
	n := 0
	for _, r := range rows {
		if r.Inside {
			n++
		}
	}
	return n
}
