package sweep

import (
	"fmt"
	"slices"
	"strings"

	"github.com/escalation-model/escalation/internal/tomlpos"
)

// Threshold is one number an experiment's verdict rests on, named in the
// [verdict] table of its spec: a margin of practical relevance, a level a
// share must pass, a band around a critical value. The sweep itself does
// not use it (it is not part of the plan, nor of the sweep's hash); the
// experiment that runs the spec judges with Value and states its verdict
// again with each of the Robustness values in turn.
type Threshold struct {
	Name       string
	Value      float64
	Robustness []float64 // other values the robustness table tries
	Meaning    string    // what the number is, in a phrase
}

// thresholdKeys are the keys of one threshold's inline table.
var thresholdKeys = []string{"value", "robustness", "meaning"}

// thresholdExample is how a threshold is written.
const thresholdExample = `{ value = 0.1, robustness = [0.05, 0.2], meaning = "the smallest rise that matters" }`

func (s *Spec) decodeVerdict(doc map[string]any) error {
	m, err := s.table(doc, "verdict", "margin = "+thresholdExample)
	if err != nil || m == nil {
		return err
	}
	for _, k := range s.sortedKeys("verdict.", m) {
		key := "verdict." + k
		if !isIdentifier(k) {
			return s.errorf(key, "%q is not a threshold name: allowed lower-case letters, digits and underscores, starting with a letter", k)
		}
		t, err := s.threshold(key, k, m[k])
		if err != nil {
			return err
		}
		s.Verdict = append(s.Verdict, t)
	}
	return nil
}

// threshold reads one threshold's inline table.
func (s *Spec) threshold(key, name string, v any) (Threshold, error) {
	t := Threshold{Name: name}
	tab, ok := v.(map[string]any)
	if !ok {
		return t, s.errorf(key, "= %s: write %s = %s", tomlpos.Text(v), name, thresholdExample)
	}
	for _, k := range s.sortedKeys(key+".", tab) {
		if !slices.Contains(thresholdKeys, k) {
			return t, s.unknown(key+"."+k, k, thresholdKeys, key)
		}
	}
	for _, k := range thresholdKeys {
		if _, ok := tab[k]; !ok {
			return t, s.errorf(key, "lacks %q: write %s = %s", k, name, thresholdExample)
		}
	}
	if t.Value, ok = tomlpos.Number(tab["value"]); !ok {
		return t, s.errorf(key, "value = %s: allowed a finite number", tomlpos.Text(tab["value"]))
	}
	list, ok := tab["robustness"].([]any)
	if !ok || len(list) == 0 {
		return t, s.errorf(key, "robustness = %s: give a list of one or more other values, e.g. [0.05, 0.2]", tomlpos.Text(tab["robustness"]))
	}
	for _, x := range list {
		f, ok := tomlpos.Number(x)
		if !ok {
			return t, s.errorf(key, "robustness lists %s: allowed finite numbers", tomlpos.Text(x))
		}
		if f == t.Value || slices.Contains(t.Robustness, f) {
			return t, s.errorf(key, "robustness lists %s twice (or the value itself): each value is one row of the robustness table", formatFloat(f))
		}
		t.Robustness = append(t.Robustness, f)
	}
	if t.Meaning, ok = tab["meaning"].(string); !ok || strings.TrimSpace(t.Meaning) == "" {
		return t, s.errorf(key, "meaning = %s: give a phrase saying what the number is", tomlpos.Text(tab["meaning"]))
	}
	return t, nil
}

// isIdentifier reports whether name is lower-case letters, digits and
// underscores, starting with a letter.
func isIdentifier(name string) bool {
	for i, c := range name {
		switch {
		case c >= 'a' && c <= 'z':
		case i > 0 && (c >= '0' && c <= '9' || c == '_'):
		default:
			return false
		}
	}
	return name != ""
}

// ThresholdValue returns the named threshold of the spec's [verdict] table.
func (s *Spec) ThresholdValue(name string) (Threshold, error) {
	for _, t := range s.Verdict {
		if t.Name == name {
			return t, nil
		}
	}
	var names []string
	for _, t := range s.Verdict {
		names = append(names, t.Name)
	}
	have := "it has none"
	if len(names) > 0 {
		have = "it has " + strings.Join(names, ", ")
	}
	return Threshold{}, &SpecError{Source: s.Source, Line: s.line("verdict"), Key: "verdict." + name, Msg: fmt.Sprintf("the [verdict] table lacks %s (%s)", name, have)}
}
