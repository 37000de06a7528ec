package calibrate

import (
	"fmt"
	"math"
)

// Config is the spec of a run of the algorithm.
type Config struct {
	// Priors holds one prior per parameter, in the order of the thetas
	// the simulator receives.
	Priors []Prior
	// Particles is the population size N (at least 2).
	Particles int
	// Generations is the most generations run, counting generation 0,
	// which samples the prior (at least 1).
	Generations int
	// Quantile sets each tolerance: epsilon_t is this weighted quantile
	// of generation t-1's distances (the smallest distance whose
	// cumulative importance weight, distances ascending, reaches it), in
	// (0, 1); 0.5 halves the population's weight inside the tolerance.
	Quantile float64
	// MinAcceptance stops the run once a generation's acceptance rate
	// (accepted / simulated) falls below it, in [0, 1); 0 never stops.
	// A generation that completes below it is kept and is the last. A
	// generation that has simulated N/MinAcceptance proposals without
	// accepting N is abandoned (its rate can only end below), and the
	// previous generation is the last.
	MinAcceptance float64
	// MaxSimulations is the budget of simulations over the run: the run
	// stops, keeping the last complete generation, when the next batch
	// would exceed it. 0 means no budget; otherwise it must be at least
	// Particles (generation 0 simulates N).
	MaxSimulations int
	// Batch is the number of proposals simulated in one call of the
	// simulator (at least 1). Generation 0's last batch may be smaller.
	Batch int
	// Seed is the master seed: every random draw of the algorithm
	// derives from it, the generation and the batch.
	Seed uint64
}

// Validate reports a config the algorithm cannot run, naming the field.
func (c Config) Validate() error {
	if len(c.Priors) == 0 {
		return fmt.Errorf("calibrate: config: no priors (give at least one parameter to calibrate)")
	}
	seen := map[string]bool{}
	for _, p := range c.Priors {
		if err := p.Validate(); err != nil {
			return err
		}
		if seen[p.Name] {
			return fmt.Errorf("calibrate: config: prior %q is given twice", p.Name)
		}
		seen[p.Name] = true
	}
	switch {
	case c.Particles < 2:
		return fmt.Errorf("calibrate: config: Particles is %d; it must be at least 2", c.Particles)
	case c.Generations < 1:
		return fmt.Errorf("calibrate: config: Generations is %d; it must be at least 1 (generation 0 samples the prior)", c.Generations)
	case !(c.Quantile > 0 && c.Quantile < 1):
		return fmt.Errorf("calibrate: config: Quantile is %g; it must be in (0, 1), e.g. 0.5", c.Quantile)
	case !(c.MinAcceptance >= 0 && c.MinAcceptance < 1):
		return fmt.Errorf("calibrate: config: MinAcceptance is %g; it must be in [0, 1) (0: no minimum)", c.MinAcceptance)
	case c.MaxSimulations < 0 || (c.MaxSimulations > 0 && c.MaxSimulations < c.Particles):
		return fmt.Errorf("calibrate: config: MaxSimulations is %d; it must be 0 (no budget) or at least Particles (%d)", c.MaxSimulations, c.Particles)
	case c.Batch < 1:
		return fmt.Errorf("calibrate: config: Batch is %d; it must be at least 1", c.Batch)
	}
	return nil
}

// Target holds the observed statistics and their scales (standard
// deviations, e.g. from a bootstrap of the data). A statistic with a NaN
// observed value, or a zero or NaN scale, is left out of the distance.
type Target struct {
	// Names names the statistics, in the order of the vectors.
	Names []string
	// Observed holds the statistics computed from the data (NaN:
	// undefined in the data).
	Observed []float64
	// Scale holds each statistic's scale (its standard deviation).
	Scale []float64
}

// used reports whether statistic k enters the distance.
func (t Target) used(k int) bool {
	return !math.IsNaN(t.Observed[k]) && !math.IsNaN(t.Scale[k]) && t.Scale[k] != 0
}

// Validate reports a target that gives no distance, naming the statistic.
func (t Target) Validate() error {
	if len(t.Observed) != len(t.Names) || len(t.Scale) != len(t.Names) {
		return fmt.Errorf("calibrate: target: %d names, %d observed values and %d scales; the three must match", len(t.Names), len(t.Observed), len(t.Scale))
	}
	n := 0
	for k, name := range t.Names {
		if math.IsInf(t.Observed[k], 0) {
			return fmt.Errorf("calibrate: target: statistic %q has an infinite observed value", name)
		}
		if t.Scale[k] < 0 || math.IsInf(t.Scale[k], 0) {
			return fmt.Errorf("calibrate: target: statistic %q has scale %g; a scale is a standard deviation (> 0 and finite; 0 or NaN leaves the statistic out)", name, t.Scale[k])
		}
		if t.used(k) {
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("calibrate: target: none of the %d statistics has both an observed value and a positive scale, so there is no distance", len(t.Names))
	}
	return nil
}

// Distance returns the weighted Euclidean distance between simulated
// statistics sim and the target: the square root of the mean, over the
// used statistics (see Target), of ((sim - observed) / scale)^2. A used
// statistic that is NaN in sim (undefined in the run while defined in the
// data) gives +Inf: such a run never falls inside a finite tolerance. A
// sim of the wrong length also gives +Inf (Run reports it as an error).
func Distance(t Target, sim []float64) float64 {
	if len(sim) != len(t.Observed) || len(t.Scale) != len(t.Observed) {
		return math.Inf(1)
	}
	sum, n := 0.0, 0
	for k, obs := range t.Observed {
		if !t.used(k) {
			continue
		}
		if math.IsNaN(sim[k]) {
			return math.Inf(1)
		}
		d := (sim[k] - obs) / t.Scale[k]
		sum += float64(d * d)
		n++
	}
	if n == 0 {
		return math.Inf(1)
	}
	return math.Sqrt(sum / float64(n))
}
