package sensitivity

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/internal/tomlpos"
)

// TestMorrisDesign: every trajectory moves each input exactly once, by
// ±Δ, on the grid of p levels inside the unit cube.
func TestMorrisDesign(t *testing.T) {
	const r, k, p = 50, 5, 4
	delta := MorrisDelta(p)
	for ti, traj := range MorrisDesign(r, k, p, rand.New(rand.NewPCG(1, 1))) {
		if len(traj) != k+1 {
			t.Fatalf("trajectory %d has %d points, want %d", ti, len(traj), k+1)
		}
		moved := make([]int, k)
		for j, x := range traj {
			for i, v := range x {
				lv := v * (p - 1)
				if v < 0 || v > 1 || math.Abs(lv-math.Round(lv)) > 1e-12 {
					t.Fatalf("trajectory %d point %d input %d = %v: not on the grid", ti, j, i, v)
				}
			}
			if j == 0 {
				continue
			}
			i := changed(traj[j-1], x)
			if i < 0 || math.Abs(math.Abs(x[i]-traj[j-1][i])-delta) > 1e-12 {
				t.Fatalf("trajectory %d step %d: input %d moved by %v, want ±%v", ti, j, i, x[i]-traj[j-1][i], delta)
			}
			for i2 := range x {
				if i2 != i && x[i2] != traj[j-1][i2] {
					t.Fatalf("trajectory %d step %d moved two inputs", ti, j)
				}
			}
			moved[i]++
		}
		for i, n := range moved {
			if n != 1 {
				t.Fatalf("trajectory %d moved input %d %d times", ti, i, n)
			}
		}
	}
}

// evalMorris runs f on a Morris design and returns the indices.
func evalMorris(f func(x []float64) float64, r, k, p int) []MorrisIndex {
	rng := rand.New(rand.NewPCG(2, 2))
	design := MorrisDesign(r, k, p, rng)
	y := make([][]float64, r)
	for t, traj := range design {
		for _, x := range traj {
			y[t] = append(y[t], f(x))
		}
	}
	var out []MorrisIndex
	for _, e := range MorrisEffects(design, y) {
		out = append(out, Summarise(e, 500, rng))
	}
	return out
}

// TestMorrisAnalytic: for y = a + 2b + 0c every elementary effect is the
// coefficient, so μ* = μ = (1, 2, 0), σ = 0 and the ranking is b, a, c; for
// y = a·b the effects vary with the other input (σ > 0) and c still has
// none.
func TestMorrisAnalytic(t *testing.T) {
	lin := evalMorris(func(x []float64) float64 { return x[0] + 2*x[1] + 0*x[2] }, 20, 3, 4)
	want := []float64{1, 2, 0}
	for i, m := range lin {
		if math.Abs(m.MuStar-want[i]) > 1e-12 || math.Abs(m.Mu-want[i]) > 1e-12 || m.Sigma > 1e-12 {
			t.Errorf("linear: input %d: μ* %v μ %v σ %v, want %v, %v, 0", i, m.MuStar, m.Mu, m.Sigma, want[i], want[i])
		}
		if m.N != 20 {
			t.Errorf("linear: input %d has %d effects, want 20", i, m.N)
		}
	}
	if !(lin[1].MuStar > lin[0].MuStar && lin[0].MuStar > lin[2].MuStar) {
		t.Error("linear: ranking is not b, a, c")
	}
	prod := evalMorris(func(x []float64) float64 { return x[0] * x[1] }, 40, 3, 4)
	if prod[0].Sigma <= 0.1 || prod[1].Sigma <= 0.1 || prod[2].MuStar != 0 {
		t.Errorf("product: σ_a %v σ_b %v μ*_c %v: want interactions for a and b and nothing for c", prod[0].Sigma, prod[1].Sigma, prod[2].MuStar)
	}
	// A coefficient of -3 shows in μ as -3 and in μ* as 3.
	neg := evalMorris(func(x []float64) float64 { return -3 * x[0] }, 10, 2, 4)
	if math.Abs(neg[0].Mu+3) > 1e-12 || math.Abs(neg[0].MuStar-3) > 1e-12 {
		t.Errorf("negative effect: μ %v μ* %v, want -3 and 3", neg[0].Mu, neg[0].MuStar)
	}
}

// TestMorrisNoiseFloor: an input without effect on a noisy output has μ*
// near the floor, an input with a large effect far above it.
func TestMorrisNoiseFloor(t *testing.T) {
	const reps, sd = 4, 1.0
	rng := rand.New(rand.NewPCG(3, 3))
	f := func(x []float64) float64 {
		s := 0.0
		for range reps {
			s += 10*x[0] + sd*rng.NormFloat64()
		}
		return s / reps
	}
	m := evalMorris(f, 400, 2, 4)
	floor := MorrisNoiseFloor(sd*sd, reps, MorrisDelta(4))
	if math.Abs(m[1].MuStar-floor) > 0.15*floor {
		t.Errorf("no effect: μ* %v, want the noise floor %v within 15%%", m[1].MuStar, floor)
	}
	if m[0].MuStarLow <= floor {
		t.Errorf("effect 10: μ* interval from %v, not above the floor %v", m[0].MuStarLow, floor)
	}
}

func ishigami(x []float64) float64 {
	// Inputs from the unit cube to [-π, π].
	a, b, c := (2*x[0]-1)*math.Pi, (2*x[1]-1)*math.Pi, (2*x[2]-1)*math.Pi
	return math.Sin(a) + 7*math.Sin(b)*math.Sin(b) + 0.1*math.Pow(c, 4)*math.Sin(a)
}

func evalSobol(f func([]float64) float64, n, k int, boot int) []SobolIndex {
	a, b := SaltelliDesign(n, k)
	run := func(m [][]float64) []float64 {
		out := make([]float64, len(m))
		for j, x := range m {
			out[j] = f(x)
		}
		return out
	}
	yAB := make([][]float64, k)
	for i := range k {
		yAB[i] = run(Mix(a, b, i))
	}
	return SobolIndices(run(a), run(b), yAB, boot, rand.New(rand.NewPCG(4, 4)))
}

// TestSobolIshigami: the Ishigami function's indices (a = 7, b = 0.1) are
// known: S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437) (Saltelli
// et al. 2008, Global Sensitivity Analysis: The Primer, section 4.8). With
// N = 8192 the estimates are within 0.02 and the intervals cover them.
func TestSobolIshigami(t *testing.T) {
	s := evalSobol(ishigami, 8192, 3, 300)
	s1 := []float64{0.3139, 0.4424, 0}
	st := []float64{0.5576, 0.4424, 0.2437}
	for i := range s {
		if math.Abs(s[i].S1-s1[i]) > 0.02 || math.Abs(s[i].ST-st[i]) > 0.02 {
			t.Errorf("x%d: S1 %.4f ST %.4f, want %.4f and %.4f within 0.02", i+1, s[i].S1, s[i].ST, s1[i], st[i])
		}
		if s1[i] < s[i].S1Low-0.01 || s1[i] > s[i].S1High+0.01 || st[i] < s[i].STLow-0.01 || st[i] > s[i].STHigh+0.01 {
			t.Errorf("x%d: intervals S1 [%.4f, %.4f] ST [%.4f, %.4f] miss the true values", i+1, s[i].S1Low, s[i].S1High, s[i].STLow, s[i].STHigh)
		}
	}
}

// TestSobolLinear: for y = Σ c_i x_i with independent uniform inputs,
// S_i = ST_i = c_i² / Σ c_j²; a large constant added to y changes nothing
// (the first-order estimator is centred).
func TestSobolLinear(t *testing.T) {
	c := []float64{1, 2, 0, 3}
	var sum float64
	for _, v := range c {
		sum += v * v
	}
	s := evalSobol(func(x []float64) float64 {
		y := 1000.0
		for i, v := range c {
			y += v * x[i]
		}
		return y
	}, 4096, len(c), 0)
	for i := range s {
		want := c[i] * c[i] / sum
		if math.Abs(s[i].S1-want) > 0.01 || math.Abs(s[i].ST-want) > 0.01 {
			t.Errorf("x%d: S1 %.4f ST %.4f, want %.4f", i+1, s[i].S1, s[i].ST, want)
		}
	}
}

const testSpec = `description = "test"
base = "status-quo"
replicates = 2
master_seed = 3
ticks = 30

[fixed]
firms = 60
citizens = 100

[sensitivity]
method = "morris"
trajectories = 4
levels = 4
outputs = ["innocents_harmed", "crimes"]
bootstrap = 100

[ranges]
attribution_skill = { from = 0.1, to = 0.9 }
"firm_skill+poor_skill" = { from = 0.1, to = 0.9 }
criminals = { from = 5, to = 40 }
`

// TestSpecErrors: every mistake is a *tomlpos.Error naming file:line,
// including those in the parts a sweep spec shares.
func TestSpecErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, old, new string
		want           []string
	}{
		{"no method", `method = "morris"`, ``, []string{"spec.toml:11", "lacks method"}},
		{"bad method", `method = "morris"`, `method = "fast"`, []string{"spec.toml:12", `"fast"`, `"morris"`, `"sobol"`}},
		{"typo", `levels = 4`, `level = 4`, []string{"spec.toml:14", `unknown key "level"`, `did you mean "levels"`}},
		{"odd levels", `levels = 4`, `levels = 5`, []string{"spec.toml:14", "levels = 5 is odd"}},
		{"samples for morris", `levels = 4`, `samples = 64`, []string{"spec.toml:14", `applies to method "sobol"`}},
		{"few trajectories", `trajectories = 4`, `trajectories = 1`, []string{"spec.toml:13", "trajectories = 1 is out of range"}},
		{"unknown output", `"crimes"]`, `"crime"]`, []string{"spec.toml:15", `"crime" is not a headline metric`}},
		{"unknown input", `attribution_skill = {`, `attribution_skil = {`, []string{"spec.toml:19", `unknown parameter "attribution_skil"`, `did you mean "attribution_skill"`}},
		{"choice input", `criminals = { from = 5, to = 40 }`, `hack_back = { from = 0, to = 1 }`, []string{"spec.toml:21", "hack_back is a choice"}},
		{"empty range", `{ from = 5, to = 40 }`, `{ from = 5, to = 5 }`, []string{"spec.toml:21", "from = 5 is not below to = 5"}},
		{"range beyond", `{ from = 0.1, to = 0.9 }`, `{ from = 0.1, to = 1.9 }`, []string{"spec.toml:19", "to = 1.9 is out of range", "0 to 1"}},
		{"range infinite", `{ from = 0.1, to = 0.9 }`, `{ from = 0.1, to = inf }`, []string{"spec.toml:19", "to = +Inf: infinite values are not allowed: allowed 0 to 1"}},
		{"int range", `{ from = 5, to = 40 }`, `{ from = 5.5, to = 40 }`, []string{"spec.toml:21", "from = 5.5 is not an integer"}},
		{"fixed and varied", `citizens = 100`, "citizens = 100\nattribution_skill = 0.5", []string{"spec.toml:20", "attribution_skill is also fixed", "line 10"}},
		{"one input", "\"firm_skill+poor_skill\" = { from = 0.1, to = 0.9 }\ncriminals = { from = 5, to = 40 }\n", "", []string{"spec.toml:18", "varies 1 parameter"}},
		{"a sweep key", `ticks = 30`, "ticks = 30\n[vary]\nhotline = [0.1]", []string{"spec.toml:6", `unknown key "vary"`, "[ranges]"}},
		{"sweep part: replicates", `replicates = 2`, `replicates = 0`, []string{"spec.toml:3", "replicates = 0 is out of range"}},
		{"sweep part: fixed", `firms = 60`, `firms = -1`, []string{"spec.toml:8", "fixed.firms = -1 is out of range"}},
		{"sweep part: base", `base = "status-quo"`, `base = "utopia"`, []string{"spec.toml:2", `unknown scenario "utopia"`}},
		{"no ranges", "[ranges]", "[rangez]", []string{"spec.toml:18", `unknown key "rangez"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(testSpec, c.old, c.new, 1)
			if text == testSpec {
				t.Fatalf("the case changes nothing")
			}
			path := filepath.Join(dir, "spec.toml")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			var se *tomlpos.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v (%T), want a *tomlpos.Error", err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, filepath.Join(dir, c.want[0])) {
				t.Errorf("message %q does not start with %q", msg, c.want[0])
			}
			for _, w := range c.want[1:] {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
		})
	}
}

// TestShippedSpecs: the shipped specs are valid and laptop-sized.
func TestShippedSpecs(t *testing.T) {
	names := Shipped()
	if !slices.Contains(names, "sensitivity-demo") {
		t.Fatalf("shipped specs %v lack sensitivity-demo", names)
	}
	for _, n := range names {
		s, err := Load(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Plan(); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if s.Runs() > 10_000 || s.Description == "" {
			t.Errorf("%s: %d runs, description %q", n, s.Runs(), s.Description)
		}
	}
}

// TestRunSmall runs a tiny Morris and a tiny Sobol analysis of the model
// and checks their files; the indices do not depend on the workers.
func TestRunSmall(t *testing.T) {
	sobol := strings.NewReplacer(`method = "morris"`, `method = "sobol"`, "trajectories = 4\nlevels = 4", "samples = 8").Replace(testSpec)
	for _, c := range []struct{ name, text string }{{"morris", testSpec}, {"sobol", sobol}} {
		t.Run(c.name, func(t *testing.T) {
			var csvs []string
			for _, w := range []int{1, 2} {
				s, err := Parse([]byte(c.text), "spec.toml", "")
				if err != nil {
					t.Fatal(err)
				}
				dir := t.TempDir()
				res, err := Run(context.Background(), s, Options{Dir: dir, Workers: w, Command: "escalate sensitivity --spec spec.toml"})
				if err != nil {
					t.Fatal(err)
				}
				if res.Runs != s.Runs() || len(res.Outputs) != 2 {
					t.Errorf("%d runs, %d outputs", res.Runs, len(res.Outputs))
				}
				data, err := os.ReadFile(filepath.Join(dir, IndicesCSV))
				if err != nil {
					t.Fatal(err)
				}
				if n := strings.Count(string(data), "\n"); n != 1+2*3 {
					t.Errorf("%s has %d lines, want 7", IndicesCSV, n)
				}
				csvs = append(csvs, string(data))
				md, err := os.ReadFile(filepath.Join(dir, ReportMD))
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range s.Outputs {
					name := figureName(s.Method, o)
					if !strings.Contains(string(md), "]("+name+".png)") {
						t.Errorf("report does not link %s", name)
					}
					checkPNG(t, filepath.Join(dir, name+".png"))
				}
			}
			if csvs[0] != csvs[1] {
				t.Error("1 and 2 workers give different indices")
			}
		})
	}
}

// checkPNG decodes a figure and checks that it is not blank.
func checkPNG(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b := img.Bounds()
	inked, colours := 0, map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
			}
			colours[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
		}
	}
	if total := (b.Dx() / 2) * (b.Dy() / 2); inked*100 < total || len(colours) < 3 {
		t.Errorf("%s looks blank: %d of %d sampled pixels inked, %d colours", path, inked, total, len(colours))
	}
}
