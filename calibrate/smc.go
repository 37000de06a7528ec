package calibrate

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
)

// Simulator simulates a batch of proposals of generation gen (batch batch
// within it) and returns one statistics vector per theta, in order, each
// as long as Target.Observed. It may run them in parallel or on a
// cluster, or serve outputs saved by an earlier run: the algorithm's
// result depends only on the vectors returned. It must not keep thetas.
type Simulator func(ctx context.Context, gen, batch int, thetas [][]float64) ([][]float64, error)

// Generation is one population of the algorithm.
type Generation struct {
	// Index is the generation's number, 0 for the prior's.
	Index int
	// Epsilon is the tolerance the particles met (+Inf for generation 0).
	Epsilon float64
	// Particles holds the N accepted parameter vectors, as the
	// simulator saw them (integer parameters rounded).
	Particles [][]float64
	// Latent holds the same particles in the transformed space the
	// kernel works in: log x for loguniform parameters, and integer
	// parameters unrounded (see Prior).
	Latent [][]float64
	// Weights holds the normalised importance weights (summing to 1).
	Weights []float64
	// Distances holds each particle's distance to the target.
	Distances []float64
	// Stats holds each particle's simulated statistics (for
	// posterior-predictive checks; pair them with Weights).
	Stats [][]float64
	// Simulations counts the proposals simulated in this generation,
	// including those of its last batch after the N-th acceptance.
	Simulations int
	// Acceptance is N / Simulations.
	Acceptance float64
	// ESS is the effective sample size, 1 / sum of squared weights.
	ESS float64
}

// Result is the outcome of Run: the complete generations, in order.
type Result struct {
	// Generations holds every complete generation; the last is the
	// posterior sample.
	Generations []Generation
	// Stopped says in words why the run stopped.
	Stopped string
	// Simulations counts every simulation run, including those of an
	// abandoned or interrupted generation.
	Simulations int
}

// Last returns the last complete generation (nil if none).
func (r *Result) Last() *Generation {
	if r == nil || len(r.Generations) == 0 {
		return nil
	}
	return &r.Generations[len(r.Generations)-1]
}

// Progress reports the state of a run after each batch, enough to print
// progress and estimate the time left.
type Progress struct {
	// Generation and Batch identify the batch just simulated.
	Generation, Batch int
	// BatchSize is the number of proposals in it.
	BatchSize int
	// Accepted counts the generation's accepted particles so far, out of
	// Particles (N).
	Accepted, Particles int
	// Simulated counts the generation's simulations so far.
	Simulated int
	// Total counts the run's simulations so far; Budget is
	// Config.MaxSimulations (0: none).
	Total, Budget int
	// Epsilon is the generation's tolerance (+Inf for generation 0).
	Epsilon float64
	// Generations is Config.Generations.
	Generations int
}

// runner holds the state of one call of Run.
type runner struct {
	cfg      Config
	target   Target
	sim      Simulator
	progress func(Progress)
	support  box
	res      *Result
}

// Run runs ABC-SMC (see the package doc) and returns the complete
// generations. An invalid config or target, a simulator error or a wrong
// number or length of statistics vectors gives an error; a cancelled ctx
// gives its error wrapped, with the generations completed so far in the
// Result. progress, if not nil, is called after every batch.
func Run(ctx context.Context, cfg Config, target Target, sim Simulator, progress func(Progress)) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := target.Validate(); err != nil {
		return nil, err
	}
	if sim == nil {
		return nil, fmt.Errorf("calibrate: no simulator")
	}
	r := &runner{cfg: cfg, target: target, sim: sim, progress: progress, support: newBox(cfg.Priors), res: &Result{}}
	for t := range cfg.Generations {
		g, stop, err := r.generation(ctx, t)
		if err != nil {
			return r.res, err
		}
		if g != nil {
			r.res.Generations = append(r.res.Generations, *g)
		}
		if stop != "" {
			r.res.Stopped = stop
			return r.res, nil
		}
	}
	r.res.Stopped = fmt.Sprintf("reached %d generations", cfg.Generations)
	return r.res, nil
}

// population collects a generation's accepted particles.
type population struct {
	latent, theta, stats [][]float64
	dist                 []float64
	simulated            int
}

// generation runs generation t. It returns the generation if complete
// (nil if not) and, if the run must stop, why.
func (r *runner) generation(ctx context.Context, t int) (*Generation, string, error) {
	n := r.cfg.Particles
	eps := math.Inf(1)
	var k *kernel
	if t > 0 {
		prev := r.res.Last()
		var err error
		if k, err = newKernel(prev, r.support); err != nil {
			return nil, "", err
		}
		eps = weightedQuantile(prev.Distances, prev.Weights, r.cfg.Quantile)
	}
	var pop population
	for b := 0; len(pop.dist) < n; b++ {
		size := r.cfg.Batch
		if t == 0 {
			size = min(size, n-pop.simulated)
		}
		if err := ctx.Err(); err != nil {
			return nil, "", fmt.Errorf("calibrate: generation %d, before batch %d: %w", t, b, err)
		}
		if m := r.cfg.MaxSimulations; m > 0 && r.res.Simulations+size > m {
			return nil, fmt.Sprintf("budget: the next batch of %d would take the simulations from %d past the budget of %d; generation %d left incomplete (%d of %d accepted)",
				size, r.res.Simulations, m, t, len(pop.dist), n), nil
		}
		if err := r.batch(ctx, t, b, size, k, eps, &pop); err != nil {
			return nil, "", err
		}
		if len(pop.dist) < n && r.cfg.MinAcceptance > 0 && float64(pop.simulated)*r.cfg.MinAcceptance >= float64(n) {
			return nil, fmt.Sprintf("generation %d abandoned: %d simulations accepted %d of %d particles, so its acceptance rate must end below %g",
				t, pop.simulated, len(pop.dist), n, r.cfg.MinAcceptance), nil
		}
	}
	g := r.complete(t, eps, k, &pop)
	if t > 0 && g.Acceptance < r.cfg.MinAcceptance {
		return g, fmt.Sprintf("generation %d's acceptance rate %.4g fell below %g", t, g.Acceptance, r.cfg.MinAcceptance), nil
	}
	return g, "", nil
}

// batch draws, simulates and screens batch b of generation t.
func (r *runner) batch(ctx context.Context, t, b, size int, k *kernel, eps float64, pop *population) error {
	rng := batchRand(r.cfg.Seed, t, b)
	nr := &normals{r: rng}
	latent := make([][]float64, size)
	thetas := make([][]float64, size)
	sent := make([][]float64, size)
	for i := range latent {
		if k == nil {
			latent[i] = r.fromPrior(rng)
		} else {
			z, err := k.propose(rng, nr)
			if err != nil {
				return fmt.Errorf("%w (generation %d, batch %d)", err, t, b)
			}
			latent[i] = z
		}
		thetas[i] = values(r.cfg.Priors, latent[i])
		sent[i] = append([]float64(nil), thetas[i]...)
	}
	out, err := r.sim(ctx, t, b, sent)
	r.res.Simulations += size
	pop.simulated += size
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("calibrate: generation %d, batch %d: %w (simulator: %v)", t, b, ctx.Err(), err)
		}
		return fmt.Errorf("calibrate: simulator, generation %d, batch %d: %w", t, b, err)
	}
	if len(out) != size {
		return fmt.Errorf("calibrate: simulator, generation %d, batch %d: returned %d statistics vectors for %d thetas", t, b, len(out), size)
	}
	for i, s := range out {
		if len(s) != len(r.target.Observed) {
			return fmt.Errorf("calibrate: simulator, generation %d, batch %d, theta %d: returned %d statistics; the target has %d", t, b, i, len(s), len(r.target.Observed))
		}
	}
	for i, s := range out {
		if len(pop.dist) == r.cfg.Particles {
			break
		}
		if d := Distance(r.target, s); d <= eps {
			pop.latent = append(pop.latent, latent[i])
			pop.theta = append(pop.theta, thetas[i])
			pop.stats = append(pop.stats, append([]float64(nil), s...))
			pop.dist = append(pop.dist, d)
		}
	}
	if r.progress != nil {
		r.progress(Progress{Generation: t, Batch: b, BatchSize: size, Accepted: len(pop.dist), Particles: r.cfg.Particles,
			Simulated: pop.simulated, Total: r.res.Simulations, Budget: r.cfg.MaxSimulations, Epsilon: eps, Generations: r.cfg.Generations})
	}
	return nil
}

// fromPrior draws a latent point from the prior, flat on the support.
func (r *runner) fromPrior(rng *rand.Rand) []float64 {
	z := make([]float64, len(r.support.lo))
	for a := range z {
		z[a] = r.support.lo[a] + float64(rng.Float64()*r.support.width(a))
	}
	return z
}

// complete turns an accepted population into a generation with its
// weights.
func (r *runner) complete(t int, eps float64, k *kernel, pop *population) *Generation {
	n := len(pop.dist)
	var w []float64
	if k == nil {
		w = make([]float64, n)
		for i := range w {
			w[i] = 1 / float64(n)
		}
	} else {
		w = k.importanceWeights(pop.latent)
	}
	ss := 0.0
	for _, v := range w {
		ss += float64(v * v)
	}
	return &Generation{Index: t, Epsilon: eps, Particles: pop.theta, Latent: pop.latent, Weights: w, Distances: pop.dist,
		Stats: pop.stats, Simulations: pop.simulated, Acceptance: float64(n) / float64(pop.simulated), ESS: 1 / ss}
}

// batchRand returns the random source of batch b of generation t: ChaCha8
// seeded from (seed, t, b), so a batch's draws do not depend on how the
// simulator ran earlier batches.
func batchRand(seed uint64, t, b int) *rand.Rand {
	var s [32]byte
	copy(s[:8], "abc-smc1")
	binary.LittleEndian.PutUint64(s[8:], seed)
	binary.LittleEndian.PutUint64(s[16:], uint64(t))
	binary.LittleEndian.PutUint64(s[24:], uint64(b))
	return rand.New(rand.NewChaCha8(s))
}
