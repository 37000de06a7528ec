package experiment

import (
	"math"
	"math/rand/v2"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestIntervals checks the intervals against published values.
func TestIntervals(t *testing.T) {
	// Wilson: 81 of 263 (Newcombe 1998, table I, example c... the classic
	// Agresti-Coull case): 0.3080, interval 0.2553 to 0.3662.
	w := Wilson(81, 263)
	if !near(w.Lo, 0.2553, 5e-4) || !near(w.Hi, 0.3662, 5e-4) {
		t.Errorf("Wilson(81, 263) = %+v, want 0.2553 to 0.3662", w)
	}
	if w := Wilson(0, 10); w.Lo != 0 || !near(w.Hi, 0.2775, 5e-4) {
		t.Errorf("Wilson(0, 10) = %+v, want 0 to 0.2775", w)
	}
	// Newcombe (1998) example: 56/70 - 48/80 = 0.2, hybrid score interval
	// 0.0524 to 0.3339.
	d := NewcombeDiff(56, 70, 48, 80)
	if !near(d.Value, 0.2, 1e-12) || !near(d.Lo, 0.0524, 5e-4) || !near(d.Hi, 0.3339, 5e-4) {
		t.Errorf("NewcombeDiff = %+v, want 0.2 (0.0524 to 0.3339)", d)
	}
	// Student t: mean of 1..5 is 3, sd sqrt(2.5), t(0.975, 4) = 2.7764.
	m := MeanCI([]float64{1, 2, 3, 4, 5})
	h := 2.7764451 * math.Sqrt(2.5) / math.Sqrt(5)
	if !near(m.Lo, 3-h, 1e-6) || !near(m.Hi, 3+h, 1e-6) {
		t.Errorf("MeanCI = %+v, want 3 ± %v", m, h)
	}
	// Welch with equal sizes and variances: df = 2(n-1) = 8.
	e := WelchDiff([]float64{2, 3, 4, 5, 6}, []float64{1, 2, 3, 4, 5})
	h = 2.3060041 * math.Sqrt(2.5/5+2.5/5)
	if !near(e.Value, 1, 1e-12) || !near(e.Lo, 1-h, 1e-6) || !near(e.Hi, 1+h, 1e-6) {
		t.Errorf("WelchDiff = %+v, want 1 ± %v", e, h)
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

// TestJudge: the verdict follows the interval, never the hope.
func TestJudge(t *testing.T) {
	cases := []struct {
		name   string
		e      Estimate
		sign   int
		margin float64
		want   Verdict
	}{
		{"above zero", Estimate{2, 1, 3}, +1, 0, Holds},
		{"below zero", Estimate{-2, -3, -1}, +1, 0, DoesNotHold},
		{"straddles", Estimate{0.5, -1, 2}, +1, 0, Inconclusive},
		{"predicted fall", Estimate{-2, -3, -1}, -1, 0, Holds},
		{"predicted fall, rise", Estimate{2, 1, 3}, -1, 0, DoesNotHold},
		{"negligible", Estimate{0.01, -0.02, 0.03}, +1, 0.05, DoesNotHold},
		{"significant but negligible", Estimate{0.01, 0.005, 0.015}, +1, 0.05, DoesNotHold},
		{"beyond zero, not beyond the margin", Estimate{0.04, 0.01, 0.07}, +1, 0.05, Inconclusive},
		{"no interval", Estimate{1, math.NaN(), math.NaN()}, +1, 0, Inconclusive},
	}
	for _, c := range cases {
		if got := Judge(c.e, c.sign, c.margin); got != c.want {
			t.Errorf("%s: Judge(%+v, %d, %v) = %v, want %v", c.name, c.e, c.sign, c.margin, got, c.want)
		}
	}
	if got := JudgeAbove(Estimate{0.3, 0.2, 0.4}, 0.5); got != DoesNotHold {
		t.Errorf("JudgeAbove below the threshold = %v", got)
	}
	if got := JudgeNoFall(Estimate{-0.02, -0.04, -0.01}, 0.05); got != DoesNotHold {
		t.Errorf("JudgeNoFall of a significant fall = %v", got)
	}
	if got := JudgeNoFall(Estimate{0.01, -0.03, 0.04}, 0.05); got != Holds {
		t.Errorf("JudgeNoFall within the margin = %v", got)
	}
	if got := JudgeNoFall(Estimate{0.01, -0.09, 0.1}, 0.05); got != Inconclusive {
		t.Errorf("JudgeNoFall of a wide interval = %v", got)
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
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
