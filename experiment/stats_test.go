package experiment

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestIntervals checks the intervals against published values.
func TestIntervals(t *testing.T) {
	// Wilson: 81 of 263 (the classic Agresti-Coull case): 0.3080,
	// interval 0.2553 to 0.3662.
	w := Share(81, 263).Est()
	if !near(w.Lo, 0.2553, 5e-4) || !near(w.Hi, 0.3662, 5e-4) {
		t.Errorf("Share(81, 263) = %+v, want 0.2553 to 0.3662", w)
	}
	if w := Share(0, 10).Est(); w.Lo != 0 || !near(w.Hi, 0.2775, 5e-4) {
		t.Errorf("Share(0, 10) = %+v, want 0 to 0.2775", w)
	}
	// Newcombe (1998) example: 56/70 - 48/80 = 0.2, hybrid score interval
	// 0.0524 to 0.3339.
	d := ShareDiff(56, 70, 48, 80).Est()
	if !near(d.Value, 0.2, 1e-12) || !near(d.Lo, 0.0524, 5e-4) || !near(d.Hi, 0.3339, 5e-4) {
		t.Errorf("ShareDiff = %+v, want 0.2 (0.0524 to 0.3339)", d)
	}
	// Student t: mean of 1..5 is 3, sd sqrt(2.5), t(0.975, 4) = 2.7764.
	m := Mean([]float64{1, 2, 3, 4, 5}).Est()
	h := 2.7764451 * math.Sqrt(2.5) / math.Sqrt(5)
	if !near(m.Lo, 3-h, 1e-6) || !near(m.Hi, 3+h, 1e-6) {
		t.Errorf("Mean = %+v, want 3 ± %v", m, h)
	}
	// Welch with equal sizes and variances: df = 2(n-1) = 8.
	e := Welch([]float64{2, 3, 4, 5, 6}, []float64{1, 2, 3, 4, 5}).Est()
	h = 2.3060041 * math.Sqrt(2.5/5+2.5/5)
	if !near(e.Value, 1, 1e-12) || !near(e.Lo, 1-h, 1e-6) || !near(e.Hi, 1+h, 1e-6) {
		t.Errorf("Welch = %+v, want 1 ± %v", e, h)
	}
	// A bootstrap interval holds its statistic, and is NaN when most
	// resamples give none.
	rng := rand.New(rand.NewPCG(5, 5))
	xs := make([]float64, 40)
	for i := range xs {
		xs[i] = 10 + rng.NormFloat64()
	}
	b := Bootstrap(rng, [][]int{seq(len(xs))}, func(g [][]int) float64 {
		s := 0.0
		for _, i := range g[0] {
			s += xs[i]
		}
		return s / float64(len(g[0]))
	}).Est()
	if !(b.Lo < b.Value && b.Value < b.Hi) || b.Hi-b.Lo > 1.2 {
		t.Errorf("bootstrap mean %+v: want a narrow interval around the mean", b)
	}
	if n := Bootstrap(rng, [][]int{seq(5)}, func([][]int) float64 { return math.NaN() }).Est(); !math.IsNaN(n.Lo) {
		t.Errorf("a statistic that is never defined has the interval %+v", n)
	}
}

// TestPValues: an effect's p-value is the one of the test its interval
// inverts, and agrees with its 95% interval.
func TestPValues(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5}
	// One-sample t test of mean 0: t = 3 / sqrt(2.5 / 5), 4 df.
	tt := 3 / math.Sqrt(2.5/5)
	want := 2 * (1 - distuv.StudentsT{Mu: 0, Sigma: 1, Nu: 4}.CDF(tt))
	if got := Mean(xs).P(0); !near(got, want, 1e-9) {
		t.Errorf("Mean.P(0) = %v, want the t test's %v", got, want)
	}
	// Score test of a share 81/263 against 0.25.
	z := (81.0/263 - 0.25) / math.Sqrt(0.25*0.75/263)
	want = 2 * (1 - distuv.UnitNormal.CDF(z))
	if got := Share(81, 263).P(0.25); !near(got, want, 1e-6) {
		t.Errorf("Share.P(0.25) = %v, want the score test's %v", got, want)
	}
	e := Welch([]float64{2, 3, 4, 5, 6, 7}, []float64{1, 2, 3, 4, 5, 4})
	ci := e.Est()
	for _, x := range []float64{ci.Lo - 0.01, ci.Lo + 0.01, ci.Hi - 0.01, ci.Hi + 0.01} {
		inside := x >= ci.Lo && x <= ci.Hi
		if p := e.P(x); (p > 0.05) != inside {
			t.Errorf("Welch.P(%v) = %v, but the 95%% interval %v to %v says inside = %v", x, p, ci.Lo, ci.Hi, inside)
		}
	}
	if p := e.P(e.Value); p != 1 {
		t.Errorf("the p-value of the estimate itself is %v, want 1", p)
	}
	if p := (Effect{Value: 1}).P(0); !math.IsNaN(p) {
		t.Errorf("an effect without interval has p = %v, want NaN", p)
	}
}

// TestHolm checks Holm's adjustment against a hand computation.
func TestHolm(t *testing.T) {
	got := Holm([]float64{0.01, 0.04, 0.03, 0.005, math.NaN()})
	// Sorted: 0.005 x 4 = 0.02; 0.01 x 3 = 0.03; 0.03 x 2 = 0.06; 0.04 x 1,
	// raised to the running maximum 0.06. The NaN does not count.
	want := []float64{0.03, 0.06, 0.06, 0.02, math.NaN()}
	for i := range want {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) || !math.IsNaN(want[i]) && !near(got[i], want[i], 1e-12) {
			t.Errorf("Holm = %v, want %v", got, want)
			break
		}
	}
	if got := Holm([]float64{0.5, 0.9}); got[0] != 1 || got[1] != 1 {
		t.Errorf("Holm caps at 1: %v", got)
	}
}

// TestTailSlope: sizes drawn from a discrete distribution whose CCDF falls
// as s^-1/2 (the critical branching process's) give a slope near -1/2; a
// geometric distribution (subcritical) gives a much steeper one.
func TestTailSlope(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	counts := map[int64]int64{}
	for range 200_000 {
		u := 1 - rng.Float64()
		counts[int64(math.Floor(1/(u*u)))]++ // P(S >= s) = s^-1/2
	}
	var hist [][2]int64
	for s, c := range counts {
		hist = append(hist, [2]int64{s, c})
	}
	slope, n := TailSlope(pool([][][2]int64{hist}), tailMin)
	if !near(slope, -0.5, 0.03) || n < 1000 {
		t.Errorf("power law: slope %v from %d cascades, want -0.5 ± 0.03", slope, n)
	}
	geo := map[int64]int64{}
	for range 200_000 {
		s := int64(1)
		for rng.Float64() < 0.8 {
			s++
		}
		geo[s]++
	}
	hist = hist[:0]
	for s, c := range geo {
		hist = append(hist, [2]int64{s, c})
	}
	if slope, _ := TailSlope(pool([][][2]int64{hist}), tailMin); slope > -1.5 {
		t.Errorf("geometric: slope %v, want steeper than -1.5", slope)
	}
	if slope, _ := TailSlope([][2]int64{{1, 1000}, {12, 3}}, tailMin); !math.IsNaN(slope) {
		t.Errorf("3 cascades in the tail: slope %v, want NaN", slope)
	}
}

// normal is a test effect with a normal interval: value ± z × se.
func normal(v, se float64) Effect {
	return Effect{v, func(level float64) (float64, float64) {
		h := zQuantile(level) * se
		return v - h, v + h
	}}
}

// TestJudge: the verdict follows the interval and the bar, never the hope.
func TestJudge(t *testing.T) {
	cases := []struct {
		name string
		e    Effect
		sign int
		bar  float64
		want Verdict
	}{
		{"above zero", normal(2, 0.5), +1, 0, Holds},
		{"below zero", normal(-2, 0.5), +1, 0, DoesNotHold},
		{"straddles", normal(0.5, 0.75), +1, 0, Inconclusive},
		{"predicted fall", normal(-2, 0.5), -1, 0, Holds},
		{"predicted fall, rise", normal(2, 0.5), -1, 0, DoesNotHold},
		{"negligible", normal(0.01, 0.012), +1, 0.05, DoesNotHold},
		{"significant but too small", normal(0.01, 0.0025), +1, 0.05, DoesNotHold},
		{"beyond zero, straddling the margin", normal(0.04, 0.015), +1, 0.05, Inconclusive},
		{"beyond the margin", normal(0.1, 0.01), +1, 0.05, Holds},
		{"a share above a level", normal(0.3, 0.05), +1, 0.5, DoesNotHold},
		{"no fall beyond the margin", normal(0.01, 0.02), +1, -0.05, Holds},
		{"a fall beyond the margin", normal(-0.2, 0.02), +1, -0.05, DoesNotHold},
		{"a fall within the margin, wide", normal(0.01, 0.05), +1, -0.05, Inconclusive},
		{"no interval", Effect{Value: 1}, +1, 0, Inconclusive},
	}
	for _, c := range cases {
		if got := Judge(Test{c.e, c.sign, c.bar}); got != c.want {
			t.Errorf("%s: Judge(%+v, %d, %v) = %v, want %v", c.name, c.e.Est(), c.sign, c.bar, got, c.want)
		}
	}
	// Holm: a test that clears the bar alone (p about 0.02) does not among
	// five, where the smallest p-value needs 0.05/5.
	alone := normal(1, 1/2.326) // z = 2.326: two-sided p = 0.02
	if Judge(Test{alone, +1, 0}) != Holds {
		t.Fatal("the single test does not hold")
	}
	fam := []Test{{alone, +1, 0}, {normal(0.1, 1), +1, 0}, {normal(0.1, 1), +1, 0}, {normal(0.1, 1), +1, 0}, {normal(0.1, 1), +1, 0}}
	if got := JudgeAll(fam); got[0].Verdict != Inconclusive || !near(got[0].P, 0.1, 2e-3) {
		t.Errorf("among five, the test gives %+v, want inconclusive at adjusted p 0.1", got[0])
	}
	combos := []struct {
		in   []Verdict
		want Verdict
	}{
		{[]Verdict{Holds, Holds}, Holds},
		{[]Verdict{DoesNotHold, DoesNotHold}, DoesNotHold},
		{[]Verdict{Holds, DoesNotHold}, HoldsInPart},
		{[]Verdict{Holds, Inconclusive}, Inconclusive},
		{[]Verdict{DoesNotHold, Inconclusive}, DoesNotHold},
		{[]Verdict{HoldsInPart, Holds}, HoldsInPart},
	}
	for _, c := range combos {
		if got := Combine(c.in...); got != c.want {
			t.Errorf("Combine(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestNumberFormats pins the way numbers are written in statements.
func TestNumberFormats(t *testing.T) {
	cases := []struct {
		got, want string
	}{
		{num(0.012345), "0.0123"},
		{num(1234.5), "1235"},
		{num(-26.44), "−26.4"},
		{num(2.5e6), "2.5e+06"},
		{pct(0.0567), "5.67%"},
		{signed(3), "+3"},
		{ci(Estimate{0.5, 0.4, 0.6}, pct), "50% (95% CI 40% to 60%)"},
		{ciPoints(Estimate{0.0195, 0.0157, 0.0234}), "+1.95 percentage points (95% CI +1.57 to +2.34)"},
		{pValue(0.0004), "< 0.001"},
		{pValue(0.0456), "0.046"},
		{pValue(math.NaN()), "n/a"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
