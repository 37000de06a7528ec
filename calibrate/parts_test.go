package calibrate

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func TestValidationErrors(t *testing.T) {
	good := smallConfig(1)
	with := func(f func(*Config)) Config {
		c := good
		c.Priors = append([]Prior(nil), good.Priors...)
		f(&c)
		return c
	}
	cases := []struct {
		cfg  Config
		want string
	}{
		{with(func(c *Config) { c.Priors[0].Lo = 10 }), `prior "mu": Lo 10 must be below Hi 10`},
		{with(func(c *Config) { c.Priors[0].Kind = "normal" }), `prior "mu": kind "normal" is unknown (allowed: "uniform", "loguniform")`},
		{with(func(c *Config) { c.Priors[1] = Prior{Name: "k", Kind: LogUniform, Lo: 0, Hi: 5} }), `prior "k": a loguniform prior needs Lo > 0, not 0`},
		{with(func(c *Config) { c.Priors[1].Lo = 1.5 }), `prior "k": an integer prior needs integer bounds`},
		{with(func(c *Config) { c.Priors[0].Hi = math.Inf(1) }), `prior "mu": bounds [-10, +Inf] must be finite`},
		{with(func(c *Config) { c.Priors[0].Name = "" }), `a prior has no name`},
		{with(func(c *Config) { c.Priors[1].Name = "mu" }), `prior "mu" is given twice`},
		{with(func(c *Config) { c.Priors = nil }), `no priors`},
		{with(func(c *Config) { c.Particles = 1 }), `Particles is 1; it must be at least 2`},
		{with(func(c *Config) { c.Quantile = 1 }), `Quantile is 1; it must be in (0, 1)`},
		{with(func(c *Config) { c.Quantile = 0 }), `Quantile is 0; it must be in (0, 1)`},
		{with(func(c *Config) { c.Generations = 0 }), `Generations is 0`},
		{with(func(c *Config) { c.Batch = 0 }), `Batch is 0`},
		{with(func(c *Config) { c.MinAcceptance = 1 }), `MinAcceptance is 1`},
		{with(func(c *Config) { c.MaxSimulations = 50 }), `MaxSimulations is 50; it must be 0 (no budget) or at least Particles (100)`},
	}
	for _, c := range cases {
		_, err := Run(context.Background(), c.cfg, twoTarget, twoSim(false), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
	targets := []struct {
		target Target
		want   string
	}{
		{Target{Names: []string{"a", "b"}, Observed: []float64{1}, Scale: []float64{1, 1}}, "2 names, 1 observed values and 2 scales"},
		{Target{Names: []string{"a"}, Observed: []float64{math.NaN()}, Scale: []float64{1}}, "none of the 1 statistics"},
		{Target{Names: []string{"a"}, Observed: []float64{1}, Scale: []float64{-1}}, `statistic "a" has scale -1`},
		{Target{Names: []string{"a"}, Observed: []float64{math.Inf(1)}, Scale: []float64{1}}, `statistic "a" has an infinite observed value`},
	}
	for _, c := range targets {
		_, err := Run(context.Background(), good, c.target, twoSim(false), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
	sims := []struct {
		sim  Simulator
		want string
	}{
		{func(ctx context.Context, gen, batch int, th [][]float64) ([][]float64, error) {
			return make([][]float64, len(th)-1), nil
		},
			"generation 0, batch 0: returned 36 statistics vectors for 37 thetas"},
		{func(ctx context.Context, gen, batch int, th [][]float64) ([][]float64, error) {
			out := make([][]float64, len(th))
			for i := range out {
				out[i] = []float64{1}
			}
			return out, nil
		}, "generation 0, batch 0, theta 0: returned 1 statistics; the target has 2"},
		{func(ctx context.Context, gen, batch int, th [][]float64) ([][]float64, error) {
			return nil, context.DeadlineExceeded
		},
			"simulator, generation 0, batch 0: context deadline exceeded"},
	}
	for _, c := range sims {
		_, err := Run(context.Background(), good, twoTarget, c.sim, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}

func TestDistance(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name            string
		obs, scale, sim []float64
		want            float64
	}{
		{"exact", []float64{1, 2}, []float64{1, 1}, []float64{1, 2}, 0},
		{"one off by a scale", []float64{0, 0}, []float64{2, 1}, []float64{2, 0}, math.Sqrt(0.5)},
		{"scales weigh", []float64{0, 0}, []float64{0.5, 4}, []float64{1, 4}, math.Sqrt((4 + 1) / 2.0)},
		{"NaN observed left out", []float64{nan, 0}, []float64{1, 1}, []float64{100, 3}, 3},
		{"zero scale left out", []float64{0, 0}, []float64{0, 1}, []float64{100, 3}, 3},
		{"NaN scale left out", []float64{0, 0}, []float64{nan, 1}, []float64{100, 3}, 3},
		{"NaN in run, used", []float64{0, 0}, []float64{1, 1}, []float64{nan, 0}, inf},
		{"NaN in run, unused", []float64{nan, 0}, []float64{1, 1}, []float64{nan, 0}, 0},
		{"wrong length", []float64{0, 0}, []float64{1, 1}, []float64{0}, inf},
		{"nothing used", []float64{nan}, []float64{1}, []float64{0}, inf},
	}
	for _, c := range cases {
		got := Distance(Target{Names: make([]string, len(c.obs)), Observed: c.obs, Scale: c.scale}, c.sim)
		if math.Abs(got-c.want) > 1e-15 && got != c.want {
			t.Errorf("%s: distance %g, want %g", c.name, got, c.want)
		}
	}
}

func TestPortableMath(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		x := (r.Float64() - 0.5) * 1400
		if got, want := pexp(x), math.Exp(x); math.Abs(got-want) > 4e-16*want {
			t.Fatalf("pexp(%v) = %v, math.Exp %v", x, got, want)
		}
		y := math.Exp((r.Float64() - 0.5) * 1400)
		if got, want := plog(y), math.Log(y); math.Abs(got-want) > 4e-16*math.Max(1, math.Abs(want)) {
			t.Fatalf("plog(%v) = %v, math.Log %v", y, got, want)
		}
	}
	if pexp(800) != math.Inf(1) || pexp(-800) != 0 || plog(0) != math.Inf(-1) || !math.IsNaN(plog(-1)) || pexp(0) != 1 || plog(1) != 0 {
		t.Error("pexp or plog wrong at the edges")
	}
	// Polar-method normals: mean 0, variance 1, 5% beyond ±1.96.
	nr := &normals{r: r}
	const n = 200000
	s, ss, tails := 0.0, 0.0, 0
	for range n {
		v := nr.next()
		s += v
		ss += v * v
		if math.Abs(v) > 1.96 {
			tails++
		}
	}
	if m, v, p := s/n, ss/n, float64(tails)/n; math.Abs(m) > 0.01 || math.Abs(v-1) > 0.015 || math.Abs(p-0.05) > 0.003 {
		t.Errorf("normals: mean %g, variance %g, share beyond 1.96 %g", m, v, p)
	}
}

func TestCholeskyMatchesGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, d := range []int{1, 2, 5, 9} {
		x := make([][]float64, 50)
		for i := range x {
			x[i] = make([]float64, d)
			for k := range x[i] {
				x[i][k] = r.NormFloat64() * float64(k+1)
				if k > 0 {
					x[i][k] += x[i][k-1]
				}
			}
		}
		w := make([]float64, len(x))
		for i := range w {
			w[i] = 1 / float64(len(x))
		}
		a := weightedCov(x, w)
		l, ok := cholesky(a)
		if !ok {
			t.Fatalf("d=%d: not positive definite", d)
		}
		sym := mat.NewSymDense(d, nil)
		for i := range d {
			for j := range d {
				sym.SetSym(i, j, a[i][j])
			}
		}
		var ch mat.Cholesky
		if !ch.Factorize(sym) {
			t.Fatalf("d=%d: gonum says not positive definite", d)
		}
		var lg mat.TriDense
		ch.LTo(&lg)
		for i := range d {
			for j := range d {
				if math.Abs(l[i][j]-lg.At(i, j)) > 1e-10*math.Sqrt(a[i][i]) {
					t.Errorf("d=%d: L[%d][%d] = %g, gonum %g", d, i, j, l[i][j], lg.At(i, j))
				}
			}
		}
		y := forward(l, x[0])
		for i := range d {
			s := 0.0
			for j := range d {
				s += l[i][j] * y[j]
			}
			if math.Abs(s-x[0][i]) > 1e-9*math.Max(1, math.Abs(x[0][i])) {
				t.Errorf("d=%d: forward solve: L y = %g at %d, want %g", d, s, i, x[0][i])
			}
		}
	}
	if _, ok := cholesky([][]float64{{1, 2}, {2, 1}}); ok {
		t.Error("an indefinite matrix was factored")
	}
}

// A population collapsed in one dimension still gives a kernel.
func TestDegenerateDimension(t *testing.T) {
	priors := []Prior{{Name: "a", Kind: Uniform, Lo: 0, Hi: 1}, {Name: "b", Kind: Uniform, Lo: 0, Hi: 1}}
	g := &Generation{Weights: []float64{0.5, 0.5}, Latent: [][]float64{{0.2, 0.5}, {0.4, 0.5}}}
	k, err := newKernel(g, newBox(priors))
	if err != nil {
		t.Fatal(err)
	}
	z, err := k.propose(rand.New(rand.NewPCG(1, 1)), &normals{r: rand.New(rand.NewPCG(2, 2))})
	if err != nil || math.Abs(z[1]-0.5) > 1e-3 {
		t.Errorf("proposal %v, %v; want b near 0.5", z, err)
	}
	if w := k.importanceWeights([][]float64{z, {0.3, 0.5}}); math.IsNaN(w[0]) || math.IsNaN(w[1]) {
		t.Errorf("weights %v", w)
	}
}

func TestWeightedQuantileMatchesGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	x := make([]float64, 101)
	w := make([]float64, len(x))
	for i := range x {
		x[i], w[i] = math.Round(r.NormFloat64()*5), r.Float64()
	}
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	xs, ws := make([]float64, len(x)), make([]float64, len(x))
	for i, j := range idx {
		xs[i], ws[i] = x[j], w[j]
	}
	for _, q := range []float64{0.01, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999} {
		if got, want := weightedQuantile(x, w, q), stat.Quantile(q, stat.Empirical, xs, ws); got != want {
			t.Errorf("quantile %g: %g, gonum %g", q, got, want)
		}
	}
}

// Summary, Correlations and CentralPoint on a hand-made generation.
func TestSummaries(t *testing.T) {
	g := Generation{
		Particles: [][]float64{{1, 10}, {2, 100}, {3, 1000}, {4, 10000}},
		Latent:    [][]float64{{1, math.Log(10)}, {2, math.Log(100)}, {3, math.Log(1000)}, {4, math.Log(10000)}},
		Weights:   []float64{0.1, 0.2, 0.3, 0.4},
	}
	s := g.SummaryOf([]Prior{{Name: "a"}, {Name: "b"}})
	if s[0].Name != "a" || math.Abs(s[0].Mean-3) > 1e-12 || math.Abs(s[0].SD-1) > 1e-12 || s[0].Median != 3 || s[0].Q05 != 1 || s[0].Q95 != 4 {
		t.Errorf("summary %+v, want mean 3, SD 1, median 3, 5%% 1, 95%% 4", s[0])
	}
	if c := g.Correlations(); math.Abs(c[0][1]-1) > 1e-12 || c[1][0] != c[0][1] || c[0][0] != 1 {
		t.Errorf("correlations %v, want 1 (a and log b are linear)", c)
	}
	if cp := g.CentralPoint(); cp[0] != 3 || cp[1] != 1000 {
		t.Errorf("central point %v, want [3 1000]", cp)
	}
}
