package calibrate

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// normalMeanSim simulates n draws of Normal(theta[0], 1) and returns their
// mean. Each proposal's draws come from its (gen, batch, index), so the
// outputs do not depend on the order the proposals are simulated in.
func normalMeanSim(n int, parallel bool) Simulator {
	one := func(gen, batch, i int, theta []float64) []float64 {
		r := rand.New(rand.NewPCG(uint64(gen)<<40|uint64(batch)<<20|uint64(i), 11))
		s := 0.0
		for range n {
			s += theta[0] + r.NormFloat64()
		}
		return []float64{s / float64(n)}
	}
	return perTheta(one, parallel)
}

// perTheta makes a simulator of a function of one theta, run serially or
// with a goroutine per theta.
func perTheta(one func(gen, batch, i int, theta []float64) []float64, parallel bool) Simulator {
	return func(ctx context.Context, gen, batch int, thetas [][]float64) ([][]float64, error) {
		out := make([][]float64, len(thetas))
		if !parallel {
			for i, th := range thetas {
				out[i] = one(gen, batch, i, th)
			}
			return out, nil
		}
		var wg sync.WaitGroup
		for i, th := range thetas {
			wg.Go(func() { out[i] = one(gen, batch, i, th) })
		}
		wg.Wait()
		return out, nil
	}
}

// The normal mean with a flat prior: the posterior is Normal(xbar, 1/n).
// ABC with tolerance eps on |xbar_sim - xbar| / (1/sqrt n) adds a uniform
// error of half-width eps/sqrt(n), so its variance is (1 + eps^2/3)/n:
// at eps = 0.2 the SD is 0.2013 instead of 0.2. Over 12 seeds (N = 600,
// eps about 0.2) the weighted mean's error had an SD of 0.009 (no bias),
// the SD's 4% and the 90% interval's ends 0.018, so the checks allow 0.05
// on the mean, 15% on the SD and 0.08 on each end of the interval.
func TestNormalMeanPosterior(t *testing.T) {
	const n, mu = 25, 1.3
	r := rand.New(rand.NewPCG(5, 5))
	xbar := 0.0
	for range n {
		xbar += mu + r.NormFloat64()
	}
	xbar /= n
	sd := 1 / math.Sqrt(n)
	cfg := Config{Priors: []Prior{{Name: "mu", Kind: Uniform, Lo: -10, Hi: 10}}, Particles: 600, Generations: 10,
		Quantile: 0.5, Batch: 200, Seed: 1}
	target := Target{Names: []string{"mean"}, Observed: []float64{xbar}, Scale: []float64{sd}}
	res, err := Run(context.Background(), cfg, target, normalMeanSim(n, false), nil)
	if err != nil {
		t.Fatal(err)
	}
	g := res.Last()
	s := g.Summary()[0]
	t.Logf("xbar %.4f: posterior mean %.4f SD %.4f, 90%% [%.3f, %.3f], eps %.3g, ESS %.0f, %d simulations, stopped: %s",
		xbar, s.Mean, s.SD, s.Q05, s.Q95, g.Epsilon, g.ESS, res.Simulations, res.Stopped)
	if g.Epsilon > 0.25 {
		t.Errorf("final tolerance %g; the test needs one below 0.25", g.Epsilon)
	}
	if math.Abs(s.Mean-xbar) > 0.05 {
		t.Errorf("posterior mean %g, want %g ± 0.05", s.Mean, xbar)
	}
	if math.Abs(s.SD/sd-1) > 0.15 {
		t.Errorf("posterior SD %g, want %g ± 15%%", s.SD, sd)
	}
	for _, c := range []struct{ got, want float64 }{{s.Q05, xbar - 1.645*sd}, {s.Q95, xbar + 1.645*sd}} {
		if math.Abs(c.got-c.want) > 0.08 {
			t.Errorf("90%% interval end %g, want %g ± 0.08", c.got, c.want)
		}
	}
	if !(s.Q05 < mu && mu < s.Q95) {
		t.Errorf("90%% interval [%g, %g] misses the true mean %g (xbar %g)", s.Q05, s.Q95, mu, xbar)
	}
	for i, gg := range res.Generations[1:] {
		if !(gg.Epsilon <= res.Generations[i].Epsilon) {
			t.Errorf("tolerance rose from %g to %g at generation %d", res.Generations[i].Epsilon, gg.Epsilon, gg.Index)
		}
	}
}

// normalSim simulates n draws of Normal(theta[0], theta[1]) and returns
// their mean and the log of their SD.
func normalSim(n int) Simulator {
	return perTheta(func(gen, batch, i int, theta []float64) []float64 {
		r := rand.New(rand.NewPCG(uint64(gen)<<40|uint64(batch)<<20|uint64(i), 13))
		x := make([]float64, n)
		for j := range x {
			x[j] = theta[0] + theta[1]*r.NormFloat64()
		}
		m, s := meanSD(x)
		return []float64{m, math.Log(s)}
	}, false)
}

// meanSD returns the mean and the sample SD (n-1) of x.
func meanSD(x []float64) (float64, float64) {
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	v := 0.0
	for _, xi := range x {
		v += (xi - m) * (xi - m)
	}
	return m, math.Sqrt(v / float64(len(x)-1))
}

// Mean and SD of a normal, with priors flat in m and in log sigma
// (loguniform): the posterior is the textbook one. m is Student t with
// n-1 degrees of freedom, centre xbar and scale S/sqrt(n), so its SD is
// S/sqrt(n) sqrt((n-1)/(n-3)); (n-1)S^2/sigma^2 is chi-squared with k = n-1
// degrees, so log sigma has mean log S + (log k - log 2 - digamma(k/2))/2
// and SD sqrt(trigamma(k/2))/2. The checks allow a third of a posterior SD
// on the means and 15% on the SDs (Monte Carlo error with ESS ~ 300 is
// about 6% of an SD and 4% of the SD; the tolerance adds ~1%).
func TestNormalMeanAndSDPosterior(t *testing.T) {
	const n = 50
	r := rand.New(rand.NewPCG(9, 9))
	data := make([]float64, n)
	for i := range data {
		data[i] = -0.7 + 2.5*r.NormFloat64()
	}
	xbar, sdev := meanSD(data)
	k := float64(n - 1)
	mSD := sdev / math.Sqrt(n) * math.Sqrt(k/(k-2))
	lsMean := math.Log(sdev) + (math.Log(k)-math.Log(2)-digamma(k/2))/2
	lsSD := math.Sqrt(trigamma(k/2)) / 2
	cfg := Config{Priors: []Prior{{Name: "m", Kind: Uniform, Lo: -5, Hi: 5}, {Name: "sigma", Kind: LogUniform, Lo: 0.1, Hi: 10}},
		Particles: 500, Generations: 14, Quantile: 0.5, Batch: 250, Seed: 2, MinAcceptance: 0.02}
	target := Target{Names: []string{"mean", "log sd"}, Observed: []float64{xbar, math.Log(sdev)},
		Scale: []float64{sdev / math.Sqrt(n), 1 / math.Sqrt(2*k)}}
	res, err := Run(context.Background(), cfg, target, normalSim(n), nil)
	if err != nil {
		t.Fatal(err)
	}
	g := res.Last()
	s := g.Summary()
	ls := column(g.Latent, 1)
	lm := weightedMean(ls, g.Weights)
	lsd := math.Sqrt(weightedMean(sq(ls, lm), g.Weights))
	t.Logf("m: mean %.4f SD %.4f (want %.4f, %.4f); log sigma: mean %.4f SD %.4f (want %.4f, %.4f); eps %.3g, ESS %.0f, %d generations, %d simulations; %s",
		s[0].Mean, s[0].SD, xbar, mSD, lm, lsd, lsMean, lsSD, g.Epsilon, g.ESS, len(res.Generations), res.Simulations, res.Stopped)
	check := func(what string, got, want, tol float64) {
		if math.Abs(got-want) > tol {
			t.Errorf("%s %g, want %g ± %g", what, got, want, tol)
		}
	}
	check("mean of m", s[0].Mean, xbar, mSD/3)
	check("SD of m", s[0].SD, mSD, 0.15*mSD)
	check("mean of log sigma", lm, lsMean, lsSD/3)
	check("SD of log sigma", lsd, lsSD, 0.15*lsSD)
	if c := g.Correlations()[0][1]; math.Abs(c) > 0.2 {
		t.Errorf("correlation of m and log sigma %g; their posterior is uncorrelated", c)
	}
}

func weightedMean(x, w []float64) float64 {
	s := 0.0
	for i := range x {
		s += w[i] * x[i]
	}
	return s
}

func sq(x []float64, m float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = (v - m) * (v - m)
	}
	return y
}

// digamma and trigamma by recurrence to x >= 6 and their asymptotic series.
func digamma(x float64) float64 {
	s := 0.0
	for ; x < 6; x++ {
		s -= 1 / x
	}
	return s + math.Log(x) - 1/(2*x) - 1/(12*x*x) + 1/(120*math.Pow(x, 4)) - 1/(252*math.Pow(x, 6))
}

func trigamma(x float64) float64 {
	s := 0.0
	for ; x < 6; x++ {
		s += 1 / (x * x)
	}
	return s + 1/x + 1/(2*x*x) + 1/(6*math.Pow(x, 3)) - 1/(30*math.Pow(x, 5)) + 1/(42*math.Pow(x, 7))
}

// equalResults reports the first difference between two results, every
// float compared bit for bit.
func equalResults(a, b *Result) error {
	if a.Stopped != b.Stopped || a.Simulations != b.Simulations || len(a.Generations) != len(b.Generations) {
		return fmt.Errorf("stopped %q / %q, simulations %d / %d, generations %d / %d", a.Stopped, b.Stopped, a.Simulations, b.Simulations, len(a.Generations), len(b.Generations))
	}
	for t := range a.Generations {
		x, y := a.Generations[t], b.Generations[t]
		if x.Index != y.Index || x.Simulations != y.Simulations {
			return fmt.Errorf("generation %d: index or simulations differ", t)
		}
		flat := func(g Generation) []float64 {
			v := []float64{g.Epsilon, g.Acceptance, g.ESS}
			v = append(v, g.Weights...)
			v = append(v, g.Distances...)
			for _, m := range [][][]float64{g.Particles, g.Latent, g.Stats} {
				for _, row := range m {
					v = append(v, row...)
				}
			}
			return v
		}
		fx, fy := flat(x), flat(y)
		if len(fx) != len(fy) {
			return fmt.Errorf("generation %d: %d numbers / %d", t, len(fx), len(fy))
		}
		for i := range fx {
			if math.Float64bits(fx[i]) != math.Float64bits(fy[i]) {
				return fmt.Errorf("generation %d: number %d is %v / %v", t, i, fx[i], fy[i])
			}
		}
	}
	return nil
}

func smallConfig(seed uint64) Config {
	return Config{Priors: []Prior{{Name: "mu", Kind: Uniform, Lo: -10, Hi: 10}, {Name: "k", Kind: LogUniform, Lo: 1, Hi: 100, Integer: true}},
		Particles: 100, Generations: 5, Quantile: 0.5, Batch: 37, Seed: seed}
}

// twoSim is a 2-parameter simulator whose second statistic uses the
// integer parameter.
func twoSim(parallel bool) Simulator { return perTheta(twoSimOne, parallel) }

func twoSimOne(gen, batch, i int, theta []float64) []float64 {
	r := rand.New(rand.NewPCG(uint64(gen)<<40|uint64(batch)<<20|uint64(i), 17))
	return []float64{theta[0] + r.NormFloat64()/5, math.Log(theta[1]) + r.NormFloat64()/10}
}

var twoTarget = Target{Names: []string{"a", "b"}, Observed: []float64{1.5, math.Log(20)}, Scale: []float64{0.2, 0.1}}

// The result is a function of the simulator's outputs only: serial and
// goroutine-per-theta simulators give the same bits; another seed does not.
func TestDeterministicWhateverTheParallelism(t *testing.T) {
	a, err := Run(context.Background(), smallConfig(3), twoTarget, twoSim(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), smallConfig(3), twoTarget, twoSim(true), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := equalResults(a, b); err != nil {
		t.Errorf("serial and parallel simulators differ: %v", err)
	}
	c, err := Run(context.Background(), smallConfig(4), twoTarget, twoSim(true), nil)
	if err != nil {
		t.Fatal(err)
	}
	if equalResults(a, c) == nil {
		t.Error("seeds 3 and 4 gave the same result")
	}
	for _, g := range a.Generations {
		for _, p := range g.Particles {
			if p[1] != math.Round(p[1]) || p[1] < 1 || p[1] > 100 {
				t.Fatalf("generation %d: integer parameter %g", g.Index, p[1])
			}
		}
	}
	if cp := a.Last().CentralPoint(); cp[1] != math.Round(cp[1]) {
		t.Errorf("central point %v: k not an integer", cp)
	}
}

type key struct{ gen, batch int }

// A run cancelled mid-generation and rerun with the outputs it recorded
// served from a cache gives the uninterrupted run's result, and asks the
// simulator only for the batches not yet recorded.
func TestResumeAfterCancel(t *testing.T) {
	whole, err := Run(context.Background(), smallConfig(5), twoTarget, twoSim(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	cache := map[key][][]float64{}
	inner := twoSim(true)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	recording := func(ctx context.Context, gen, batch int, thetas [][]float64) ([][]float64, error) {
		if gen == 3 && batch == 1 {
			cancel() // the cluster job is killed mid-generation
			return nil, ctx.Err()
		}
		out, err := inner(ctx, gen, batch, thetas)
		cache[key{gen, batch}] = out
		calls++
		return out, err
	}
	part, err := Run(ctx, smallConfig(5), twoTarget, recording, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled wrapped", err)
	}
	if len(part.Generations) != 3 {
		t.Fatalf("%d generations kept after cancelling in generation 3, want 3", len(part.Generations))
	}
	fresh := 0
	replay := func(ctx context.Context, gen, batch int, thetas [][]float64) ([][]float64, error) {
		if out, ok := cache[key{gen, batch}]; ok {
			return out, nil
		}
		fresh++
		return inner(ctx, gen, batch, thetas)
	}
	resumed, err := Run(context.Background(), smallConfig(5), twoTarget, replay, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := equalResults(whole, resumed); err != nil {
		t.Errorf("resumed run differs from the uninterrupted one: %v", err)
	}
	total := 0
	for _, g := range whole.Generations {
		total += (g.Simulations + 36) / 37
	}
	if fresh+calls != total+1 && fresh+calls != total {
		t.Errorf("%d recorded + %d fresh batches, the whole run has %d", calls, fresh, total)
	}
}

// The stop rules: budget, acceptance, generations; progress is reported
// after every batch.
func TestStopRules(t *testing.T) {
	cfg := smallConfig(6)
	cfg.MaxSimulations = 400
	var last Progress
	batches := 0
	res, err := Run(context.Background(), cfg, twoTarget, twoSim(false), func(p Progress) { last = p; batches++ })
	if err != nil {
		t.Fatal(err)
	}
	if res.Simulations > 400 || last.Total != res.Simulations || last.Budget != 400 {
		t.Errorf("simulations %d, progress total %d budget %d; want at most 400", res.Simulations, last.Total, last.Budget)
	}
	if want := "budget"; len(res.Stopped) < len(want) || res.Stopped[:len(want)] != want {
		t.Errorf("stopped %q, want a budget stop", res.Stopped)
	}
	cfg = smallConfig(6)
	cfg.Generations, cfg.MinAcceptance = 30, 0.2
	res, err = Run(context.Background(), cfg, twoTarget, twoSim(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	g := res.Last()
	if len(res.Generations) == 30 || g.Index > 0 && g.Acceptance >= 0.2 && !contains(res.Stopped, "abandoned") {
		t.Errorf("stopped %q after %d generations, last acceptance %g", res.Stopped, len(res.Generations), g.Acceptance)
	}
	t.Logf("%s", res.Stopped)
	cfg = smallConfig(6)
	res, err = Run(context.Background(), cfg, twoTarget, twoSim(false), nil)
	if err != nil || res.Stopped != "reached 5 generations" || len(res.Generations) != 5 {
		t.Errorf("err %v, stopped %q with %d generations", err, res.Stopped, len(res.Generations))
	}
	for _, g := range res.Generations {
		s := 0.0
		for _, w := range g.Weights {
			s += w
		}
		if math.Abs(s-1) > 1e-12 || len(g.Particles) != cfg.Particles || g.ESS > float64(cfg.Particles)+1e-9 {
			t.Errorf("generation %d: weights sum to %g, %d particles, ESS %g", g.Index, s, len(g.Particles), g.ESS)
		}
		for _, d := range g.Distances {
			if d > g.Epsilon {
				t.Errorf("generation %d: distance %g above tolerance %g", g.Index, d, g.Epsilon)
			}
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// pinnedDigest is the SHA-256 of TestPinnedResult's run, taken on amd64;
// make test-arm64 checks that arm64, where Go fuses multiply-adds, gives
// the same bits.
const pinnedDigest = "340496bd57bffc44c632ad2a1ac05d958cd00c04249aced2f194bbf3888c9fe8"

// A run whose simulator uses exact arithmetic only gives the same bits on
// every platform.
func TestPinnedResult(t *testing.T) {
	sim := perTheta(func(gen, batch, i int, th []float64) []float64 {
		r := rand.New(rand.NewPCG(uint64(gen)<<40|uint64(batch)<<20|uint64(i), 19))
		return []float64{th[0] + (r.Float64()-0.5)/2, plog(th[1]) + (r.Float64()-0.5)/4}
	}, true)
	res, err := Run(context.Background(), smallConfig(9), twoTarget, sim, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, g := range res.Generations {
		for _, v := range [][]float64{{g.Epsilon, g.ESS}, g.Weights, g.Distances} {
			for _, x := range v {
				binary.Write(h, binary.LittleEndian, math.Float64bits(x))
			}
		}
		for _, m := range [][][]float64{g.Particles, g.Latent, g.Stats} {
			for _, row := range m {
				for _, x := range row {
					binary.Write(h, binary.LittleEndian, math.Float64bits(x))
				}
			}
		}
	}
	if got := fmt.Sprintf("%x", h.Sum(nil)); got != pinnedDigest {
		t.Errorf("digest %s, want %s (%s)", got, pinnedDigest, res.Stopped)
	}
}
