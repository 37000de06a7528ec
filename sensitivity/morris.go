package sensitivity

import (
	"math"
	"math/rand/v2"
	"slices"
)

// MorrisDesign returns r trajectories of Morris's elementary-effects design
// for k inputs on a grid of p levels in the unit cube (Morris 1991; the
// trajectories of Campolongo, Cariboni and Saltelli 2007). Each trajectory
// holds k+1 points: from a random start on the grid, each input in a random
// order moves once by ±Δ, with Δ = p / (2 (p - 1)) (2/3 for p = 4), so that
// consecutive points differ in exactly one input. p must be even and at
// least 2; the draws come from rng.
func MorrisDesign(r, k, p int, rng *rand.Rand) [][][]float64 {
	if p < 2 || p%2 != 0 || k < 1 || r < 1 {
		panic("sensitivity: MorrisDesign needs r >= 1, k >= 1 and an even p >= 2")
	}
	delta := MorrisDelta(p)
	// Start levels: 0, 1/(p-1), ..., 1-Δ (the first p/2 levels).
	starts := p / 2
	out := make([][][]float64, r)
	for t := range out {
		x := make([]float64, k)
		dir := make([]float64, k)
		for i := range x {
			x[i] = float64(rng.IntN(starts)) / float64(p-1)
			dir[i] = 1
			if rng.IntN(2) == 1 { // start at the upper end and step down
				dir[i] = -1
				x[i] += delta
			}
		}
		order := rng.Perm(k)
		traj := [][]float64{slices.Clone(x)}
		for _, i := range order {
			x[i] += dir[i] * delta
			// Snap to the grid: 1/(p-1) steps accumulate no error this way.
			x[i] = math.Round(x[i]*float64(p-1)) / float64(p-1)
			traj = append(traj, slices.Clone(x))
		}
		out[t] = traj
	}
	return out
}

// MorrisDelta returns the step of the Morris design on p levels,
// p / (2 (p - 1)).
func MorrisDelta(p int) float64 { return float64(p) / (2 * float64(p-1)) }

// Effects are the elementary effects of one input.
type Effects struct {
	// EE holds one elementary effect per trajectory: the change of the
	// output over the change of the input, the input measured in units of
	// its whole range (so effects of different inputs compare).
	EE []float64
}

// MorrisEffects returns each input's elementary effects from the design
// (as MorrisDesign returns it, but with the inputs as actually run: a
// rounded integer input moves by its actual step) and the output y[t][j]
// at point j of trajectory t. An input that does not change between two
// consecutive points (a step rounded away) gives no effect in that
// trajectory.
func MorrisEffects(design [][][]float64, y [][]float64) []Effects {
	if len(design) == 0 {
		return nil
	}
	k := len(design[0][0])
	out := make([]Effects, k)
	for t, traj := range design {
		for j := 1; j < len(traj); j++ {
			i := changed(traj[j-1], traj[j])
			if i < 0 {
				continue
			}
			d := traj[j][i] - traj[j-1][i]
			out[i].EE = append(out[i].EE, (y[t][j]-y[t][j-1])/d)
		}
	}
	return out
}

// changed returns the input that differs between a and b, or -1.
func changed(a, b []float64) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

// MorrisIndex summarises an input's elementary effects: their mean μ, the
// mean of their absolute values μ* (Campolongo et al. 2007: the measure of
// importance, which effects of opposite signs cannot cancel) and their
// standard deviation σ (non-linearity or interactions).
type MorrisIndex struct {
	Mu, MuStar, Sigma float64
	// MuStarLow and MuStarHigh are the 95% percentile-bootstrap interval of
	// μ* over trajectories (NaN without a bootstrap).
	MuStarLow, MuStarHigh float64
	N                     int // effects (trajectories that moved the input)
}

// Summarise returns the Morris indices of the effects, with a bootstrap
// interval of μ* from boot resamples of the effects (drawn from rng).
func Summarise(e Effects, boot int, rng *rand.Rand) MorrisIndex {
	n := len(e.EE)
	m := MorrisIndex{N: n, Mu: math.NaN(), MuStar: math.NaN(), Sigma: math.NaN(), MuStarLow: math.NaN(), MuStarHigh: math.NaN()}
	if n == 0 {
		return m
	}
	var s, sa float64
	for _, v := range e.EE {
		s += v
		sa += math.Abs(v)
	}
	m.Mu, m.MuStar = s/float64(n), sa/float64(n)
	if n > 1 {
		var ss float64
		for _, v := range e.EE {
			ss += (v - m.Mu) * (v - m.Mu)
		}
		m.Sigma = math.Sqrt(ss / float64(n-1))
	}
	if boot > 0 && n > 1 {
		res := make([]float64, boot)
		for b := range res {
			var sa float64
			for range n {
				sa += math.Abs(e.EE[rng.IntN(n)])
			}
			res[b] = sa / float64(n)
		}
		m.MuStarLow, m.MuStarHigh = percentile95(res)
	}
	return m
}

// percentile95 returns the 2.5% and 97.5% percentiles of xs (sorted in
// place).
func percentile95(xs []float64) (lo, hi float64) {
	slices.Sort(xs)
	n := float64(len(xs))
	return xs[int(math.Ceil(0.025*n))-1], xs[int(math.Ceil(0.975*n))-1]
}

// MorrisNoiseFloor returns the μ* that replicate noise alone would give: an
// input without effect has elementary effects (ε1 - ε0)/Δ, where each ε is
// the noise of a mean over replicates runs, of variance noiseVar /
// replicates; their mean absolute value is √(2 noiseVar / replicates) / Δ ·
// √(2/π). An input whose μ* interval does not lie above this floor is not
// distinguishable from noise.
func MorrisNoiseFloor(noiseVar float64, replicates int, delta float64) float64 {
	return math.Sqrt(2*noiseVar/float64(replicates)) / delta * math.Sqrt(2/math.Pi)
}
