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

// Judge decides a directional claim from the estimate of an effect whose
// sign the claim predicts (sign +1: the claim says the effect is positive;
// -1: negative):
//
//   - holds when the 95% interval lies entirely on the predicted side of
//     zero and the estimate is beyond the negligible margin;
//   - does not hold when the interval lies entirely on the other side of
//     zero, or entirely within [-margin, margin] (an effect too small to
//     matter, when margin > 0);
//   - is inconclusive otherwise (the interval straddles zero, or the data
//     give no interval).
func Judge(e Estimate, sign int, margin float64) Verdict {
	if math.IsNaN(e.Lo) || math.IsNaN(e.Hi) || math.IsNaN(e.Value) {
		return Inconclusive
	}
	s := float64(sign)
	lo, hi := e.Lo*s, e.Hi*s
	if lo > hi {
		lo, hi = hi, lo
	}
	switch {
	case lo > 0 && e.Value*s > margin:
		return Holds
	case hi < 0:
		return DoesNotHold
	case margin > 0 && lo >= -margin && hi <= margin:
		return DoesNotHold
	}
	return Inconclusive
}

// JudgeAbove decides a claim that a quantity exceeds a threshold: holds
// when the whole interval is above it, does not hold when the whole
// interval is below it, inconclusive otherwise.
func JudgeAbove(e Estimate, threshold float64) Verdict {
	return Judge(Estimate{e.Value - threshold, e.Lo - threshold, e.Hi - threshold}, 1, 0)
}

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
