package calibrate

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// ParamSummary summarises one parameter's weighted marginal in a
// generation.
type ParamSummary struct {
	// Name is the parameter's name, when the summary knows the priors
	// (SummaryOf); Summary leaves it empty.
	Name string
	// Mean and SD are the weighted mean and standard deviation
	// (sum_i w_i (x_i - mean)^2, weights summing to one).
	Mean, SD float64
	// Median, Q05 and Q95 are weighted quantiles (the inverse of the
	// weighted empirical distribution function).
	Median, Q05, Q95 float64
}

// Summary returns each parameter's weighted mean, SD, median and 5% and
// 95% quantiles, on the parameter's own scale (as the simulator saw it).
func (g Generation) Summary() []ParamSummary {
	if len(g.Particles) == 0 {
		return nil
	}
	out := make([]ParamSummary, len(g.Particles[0]))
	for k := range out {
		x := column(g.Particles, k)
		m := stat.Mean(x, g.Weights)
		v := 0.0
		for i, xi := range x {
			v += g.Weights[i] * (xi - m) * (xi - m)
		}
		out[k] = ParamSummary{Mean: m, SD: math.Sqrt(v), Median: weightedQuantile(x, g.Weights, 0.5),
			Q05: weightedQuantile(x, g.Weights, 0.05), Q95: weightedQuantile(x, g.Weights, 0.95)}
	}
	return out
}

// SummaryOf is Summary with each parameter named after its prior.
func (g Generation) SummaryOf(priors []Prior) []ParamSummary {
	s := g.Summary()
	for k := range s {
		if k < len(priors) {
			s[k].Name = priors[k].Name
		}
	}
	return s
}

// Correlations returns the weighted correlation matrix of the parameters,
// in the transformed space the algorithm works in (log x for loguniform
// parameters, the figures' axes). A parameter with no spread has NaN
// correlations with the others and 1 with itself.
func (g Generation) Correlations() [][]float64 {
	if len(g.Latent) == 0 {
		return nil
	}
	cov := weightedCov(g.Latent, g.Weights)
	d := len(cov)
	c := make([][]float64, d)
	for a := range c {
		c[a] = make([]float64, d)
		for b := range c[a] {
			switch {
			case a == b:
				c[a][b] = 1
			case cov[a][a] > 0 && cov[b][b] > 0:
				c[a][b] = max(-1, min(1, cov[a][b]/math.Sqrt(cov[a][a]*cov[b][b])))
			default:
				c[a][b] = math.NaN()
			}
		}
	}
	return c
}

// CentralPoint returns one parameter vector to run the calibrated model
// at: each parameter's weighted median. The importance weights are not a
// density, so the particle of highest weight is not the posterior's mode
// (it is where the proposal was thin), while the median is robust to the
// weights' noise, unchanged by the log transform and, for an integer
// parameter, itself an integer. With strongly curved joint posteriors the
// vector of medians can sit off the ridge: check it with Correlations and
// the pair plot.
func (g Generation) CentralPoint() []float64 {
	if len(g.Particles) == 0 {
		return nil
	}
	x := make([]float64, len(g.Particles[0]))
	for k := range x {
		x[k] = weightedQuantile(column(g.Particles, k), g.Weights, 0.5)
	}
	return x
}

// column returns coordinate k of each point.
func column(x [][]float64, k int) []float64 {
	c := make([]float64, len(x))
	for i, xi := range x {
		c[i] = xi[k]
	}
	return c
}
