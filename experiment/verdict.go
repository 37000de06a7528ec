package experiment

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Verdict is what the data say of a claim, or of one part of it.
type Verdict int

// The verdicts. A claim of several parts holds in part when some parts hold
// and others do not.
const (
	Inconclusive Verdict = iota // the interval does not decide at this size
	Holds
	DoesNotHold
	HoldsInPart
)

func (v Verdict) String() string {
	switch v {
	case Holds:
		return "holds"
	case DoesNotHold:
		return "does not hold"
	case HoldsInPart:
		return "holds in part"
	}
	return "inconclusive at this size"
}

// Predicate returns the verdict as it follows "the claim": "holds", "does
// not hold", "holds in part" or "is inconclusive at this size".
func (v Verdict) Predicate() string {
	if v == Inconclusive {
		return "is " + v.String()
	}
	return v.String()
}

// alpha is the level of every test: verdicts are stated with 95%
// confidence.
const alpha = 0.05

// Test is one comparison a verdict rests on: an effect, the direction the
// claim predicts, and the bar the effect must pass to matter (the margin
// of practical relevance, or the level a share must exceed), in the
// effect's units. The claim says Sign × (Effect − Bar) > 0.
type Test struct {
	Effect Effect
	Sign   int // +1: the claim predicts an effect above Bar; -1: below
	Bar    float64
}

// Judgement is the outcome of a test within its family.
type Judgement struct {
	Verdict Verdict
	// P is the Holm-adjusted two-sided p-value of "the effect equals the
	// bar"; NaN when the data give no interval.
	P float64
}

// JudgeAll decides a family of tests together, with Holm's adjustment for
// their number. Each test
//
//   - holds when its effect is beyond the bar on the predicted side with
//     95% confidence after the adjustment (with one test: the 95%
//     interval lies wholly beyond the bar);
//   - does not hold when its effect falls short of the bar with that
//     confidence (the interval lies wholly on the other side of the bar:
//     the effect is absent, reversed, or too small to matter);
//   - is inconclusive otherwise (the interval straddles the bar, or the
//     data give no interval).
func JudgeAll(tests []Test) []Judgement {
	ps := make([]float64, len(tests))
	for i, t := range tests {
		ps[i] = t.Effect.P(t.Bar)
	}
	adj := Holm(ps)
	out := make([]Judgement, len(tests))
	for i, t := range tests {
		out[i] = Judgement{Verdict: Inconclusive, P: adj[i]}
		if math.IsNaN(adj[i]) || adj[i] > alpha {
			continue
		}
		switch side := float64(t.Sign) * (t.Effect.Value - t.Bar); {
		case side > 0:
			out[i].Verdict = Holds
		case side < 0:
			out[i].Verdict = DoesNotHold
		}
	}
	return out
}

// Judge decides one test alone (a family of one).
func Judge(t Test) Verdict { return JudgeAll([]Test{t})[0].Verdict }

// family collects the tests of an experiment's verdict, so that they are
// judged together.
type family struct {
	tests []Test
	out   []Judgement
}

// add adds a test and returns its index.
func (f *family) add(e Effect, sign int, bar float64) int {
	f.tests = append(f.tests, Test{e, sign, bar})
	return len(f.tests) - 1
}

// judge decides the family's tests; verdict and p then read them.
func (f *family) judge() { f.out = JudgeAll(f.tests) }

func (f *family) verdict(i int) Verdict { return f.out[i].Verdict }

// p writes test i's Holm-adjusted p-value, as a table shows it.
func (f *family) p(i int) string { return pValue(f.out[i].P) }

// pIs writes test i's Holm-adjusted p-value in a sentence: "p = 0.012" or
// "p < 0.001".
func (f *family) pIs(i int) string {
	v := pValue(f.out[i].P)
	if strings.HasPrefix(v, "<") {
		return "p " + v
	}
	return "p = " + v
}

// size is the number of tests in the family.
func (f *family) size() int { return len(f.tests) }

// Combine returns the verdict on a claim made of parts: it holds when every
// part holds and does not hold when none does; when some parts hold and
// others do not it holds in part; when no part fails but some are
// inconclusive, the claim is inconclusive.
func Combine(parts ...Verdict) Verdict {
	holds, fails, open := 0, 0, 0
	for _, v := range parts {
		switch v {
		case Holds:
			holds++
		case DoesNotHold:
			fails++
		case HoldsInPart:
			holds++
			fails++
		default:
			open++
		}
	}
	switch {
	case fails == 0 && open == 0:
		return Holds
	case holds == 0 && fails > 0:
		return DoesNotHold
	case holds > 0 && fails > 0:
		return HoldsInPart
	}
	return Inconclusive
}

// num writes a number with about three significant digits, without
// exponent for ordinary magnitudes and without trailing zeros.
func num(v float64) string {
	switch {
	case math.IsNaN(v):
		return "n/a"
	case math.IsInf(v, 0):
		return strconv.FormatFloat(v, 'f', -1, 64)
	case v == 0:
		return "0"
	}
	a := math.Abs(v)
	var s string
	switch {
	case a >= 1e6:
		s = strconv.FormatFloat(v, 'g', 3, 64)
	case a >= 100:
		s = strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	default:
		digits := 2 - int(math.Floor(math.Log10(a)))
		s = strconv.FormatFloat(v, 'f', max(0, digits), 64)
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
	}
	if s == "-0" {
		s = "0"
	}
	return strings.Replace(s, "-", "−", 1)
}

// pValue writes a p-value: three decimals, or "< 0.001".
func pValue(p float64) string {
	switch {
	case math.IsNaN(p):
		return "n/a"
	case p < 0.001:
		return "< 0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

// pct writes a share as a percentage with about two significant digits.
func pct(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return num(100*v) + "%"
}

// ci writes an estimate as "v (95% CI lo to hi)" with the formatter f.
func ci(e Estimate, f func(float64) string) string {
	if math.IsNaN(e.Value) {
		return "n/a"
	}
	if math.IsNaN(e.Lo) || math.IsNaN(e.Hi) {
		return f(e.Value) + " (no interval)"
	}
	return fmt.Sprintf("%s (95%% CI %s to %s)", f(e.Value), f(e.Lo), f(e.Hi))
}

// ciUnit writes an estimate as "v unit (95% CI lo to hi)".
func ciUnit(e Estimate, f func(float64) string, unit string) string {
	if math.IsNaN(e.Lo) || math.IsNaN(e.Hi) {
		return f(e.Value) + unit + " (no interval)"
	}
	return fmt.Sprintf("%s%s (95%% CI %s to %s)", f(e.Value), unit, f(e.Lo), f(e.Hi))
}

// signed writes a difference with its sign.
func signed(v float64) string {
	if v > 0 {
		return "+" + num(v)
	}
	return num(v)
}

// signedPct writes a relative change with its sign, as a percentage.
func signedPct(v float64) string {
	if v > 0 {
		return "+" + pct(v)
	}
	return pct(v)
}

// points writes a difference of shares in percentage points (without the
// unit: see ciPoints).
func points(v float64) string { return signed(100 * v) }

// ciPoints writes a difference of shares with its interval, in percentage
// points.
func ciPoints(e Estimate) string { return ciUnit(e, points, " percentage points") }
