package experiment

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/sweep"
)

// thresholds are the numbers an experiment's verdict rests on, by name:
// the [verdict] tables of its specs give them (margins of practical
// relevance, levels, bands), and the robustness table varies them.
type thresholds map[string]float64

// get returns a threshold; the experiment's loading has checked that every
// name its analysis uses is given, so a missing one is a programming error.
func (t thresholds) get(name string) float64 {
	v, ok := t[name]
	if !ok {
		panic("experiment: no threshold " + name)
	}
	return v
}

// with returns a copy of t with one threshold changed.
func (t thresholds) with(name string, v float64) thresholds {
	out := maps.Clone(t)
	out[name] = v
	return out
}

// loadThresholds gathers the [verdict] thresholds of the experiment's
// specs, in spec then file order. Every threshold the experiment uses must
// be given exactly once, and no other.
func (e Experiment) loadThresholds(specs []*sweep.Spec) ([]sweep.Threshold, error) {
	var out []sweep.Threshold
	where := map[string]string{}
	for _, s := range specs {
		for _, t := range s.Verdict {
			if prev, ok := where[t.Name]; ok {
				return nil, fmt.Errorf("%s: threshold %s is given in %s and again in %s: give it once", e.Name, t.Name, prev, s.Source)
			}
			if !slices.Contains(e.Thresholds, t.Name) {
				return nil, fmt.Errorf("%s: [verdict] %s is not a threshold of this experiment: allowed %s", s.Source, t.Name, strings.Join(e.Thresholds, ", "))
			}
			where[t.Name] = s.Source
			out = append(out, t)
		}
	}
	for _, name := range e.Thresholds {
		if _, ok := where[name]; !ok {
			var srcs []string
			for _, s := range specs {
				srcs = append(srcs, s.Source)
			}
			return nil, fmt.Errorf("%s: no [verdict] table of its specs (%s) gives the threshold %s: give it as %s = %s", e.Name, strings.Join(srcs, ", "), name, name, `{ value = ..., robustness = [...], meaning = "..." }`)
		}
	}
	return out, nil
}

// verdicts are a claim's verdict and its parts' under one set of
// thresholds.
type verdicts struct {
	claim Verdict
	parts []Verdict
}

// thresholdTable lists the thresholds: name, value, meaning.
func thresholdTable(ts []sweep.Threshold) [][]string {
	t := [][]string{{"threshold", "value", "meaning", "robustness values"}}
	for _, th := range ts {
		var alt []string
		for _, v := range th.Robustness {
			alt = append(alt, formatValue(v))
		}
		t = append(t, []string{"`" + th.Name + "`", formatValue(th.Value), th.Meaning, strings.Join(alt, ", ")})
	}
	return t
}

func formatValue(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// robustness states the verdict again with each threshold at each of its
// robustness values, the others at the spec's: the first row is the
// verdict as stated, and a verdict that differs from it is in bold.
func robustness(ts []sweep.Threshold, base thresholds, partLabels []string, judge func(thresholds) verdicts) [][]string {
	head := append([]string{"threshold changed", "value", "verdict"}, partLabels...)
	ref := judge(base)
	row := func(name, value string, v verdicts) []string {
		r := []string{name, value, mark(v.claim, ref.claim)}
		for i := range partLabels {
			r = append(r, mark(v.parts[i], ref.parts[i]))
		}
		return r
	}
	t := [][]string{head, row("none (the spec's values)", "—", ref)}
	for _, th := range ts {
		for _, v := range th.Robustness {
			t = append(t, row("`"+th.Name+"`", formatValue(v), judge(base.with(th.Name, v))))
		}
	}
	return t
}

// mark writes a verdict, in bold when it differs from the reference.
func mark(v, ref Verdict) string {
	if v != ref {
		return "**" + v.String() + "**"
	}
	return v.String()
}
