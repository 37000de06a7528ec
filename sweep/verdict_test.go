package sweep

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestVerdictTable: a spec's [verdict] thresholds are read in file order,
// leave the plan (and its hash) as they are, and every mistake names the
// file, the line, the key and what is allowed.
func TestVerdictTable(t *testing.T) {
	base := "replicates = 2\n[vary]\nhotline = [0, 1]\n"
	plain, err := Parse([]byte(base), "spec.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse([]byte(base+"[verdict]\n"+
		"margin = { value = 0.1, robustness = [0.05, 0.2], meaning = \"the smallest rise that matters\" }\n"+
		"level = { value = 1, robustness = [-0.5], meaning = \"a level\" }\n"), "spec.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []Threshold{
		{Name: "margin", Value: 0.1, Robustness: []float64{0.05, 0.2}, Meaning: "the smallest rise that matters"},
		{Name: "level", Value: 1, Robustness: []float64{-0.5}, Meaning: "a level"},
	}
	if len(s.Verdict) != len(want) {
		t.Fatalf("thresholds %+v, want %+v", s.Verdict, want)
	}
	for i, w := range want {
		g := s.Verdict[i]
		if g.Name != w.Name || g.Value != w.Value || !slices.Equal(g.Robustness, w.Robustness) || g.Meaning != w.Meaning {
			t.Errorf("threshold %d = %+v, want %+v", i, g, w)
		}
	}
	if th, err := s.ThresholdValue("level"); err != nil || th.Value != 1 {
		t.Errorf("ThresholdValue(level) = %+v, %v", th, err)
	}
	if _, err := s.ThresholdValue("band"); err == nil || !strings.Contains(err.Error(), "lacks band (it has margin, level)") {
		t.Errorf("ThresholdValue(band) = %v, want an error naming the thresholds there are", err)
	}
	p1, err := plain.Plan()
	if err != nil {
		t.Fatal(err)
	}
	p2, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if p1.Hash() != p2.Hash() {
		t.Error("a [verdict] table changed the plan's hash: the sweep does not use it")
	}

	dir := t.TempDir()
	cases := []struct {
		name, spec string
		want       []string
	}{
		{"not inline", "[verdict]\nmargin = 0.1\n", []string{"spec.toml:2", "verdict.margin", "write margin = { value ="}},
		{"no value", "[verdict]\nmargin = { robustness = [1], meaning = \"m\" }\n", []string{"spec.toml:2", `lacks "value"`}},
		{"no robustness", "[verdict]\nmargin = { value = 0.1, meaning = \"m\" }\n", []string{"spec.toml:2", `lacks "robustness"`}},
		{"no meaning", "[verdict]\nmargin = { value = 0.1, robustness = [1] }\n", []string{"spec.toml:2", `lacks "meaning"`}},
		{"typo", "[verdict]\nmargin = { value = 0.1, robustnes = [1], meaning = \"m\" }\n", []string{"spec.toml:2", `unknown key "robustnes"`, `did you mean "robustness"`}},
		{"value text", "[verdict]\nmargin = { value = \"ten\", robustness = [1], meaning = \"m\" }\n", []string{"spec.toml:2", "value = \"ten\": allowed a finite number"}},
		{"value infinite", "[verdict]\nmargin = { value = inf, robustness = [1], meaning = \"m\" }\n", []string{"spec.toml:2", "allowed a finite number"}},
		{"empty robustness", "[verdict]\nmargin = { value = 0.1, robustness = [], meaning = \"m\" }\n", []string{"spec.toml:2", "one or more other values"}},
		{"robustness repeats value", "[verdict]\nmargin = { value = 0.1, robustness = [0.1], meaning = \"m\" }\n", []string{"spec.toml:2", "lists 0.1 twice"}},
		{"blank meaning", "[verdict]\nmargin = { value = 0.1, robustness = [1], meaning = \" \" }\n", []string{"spec.toml:2", "give a phrase"}},
		{"bad name", "[verdict]\nMargin = { value = 0.1, robustness = [1], meaning = \"m\" }\n", []string{"spec.toml:2", `"Margin" is not a threshold name`}},
		{"not a table", "verdict = 3\n", []string{"spec.toml:1", "must be a table"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "spec.toml")
			if err := os.WriteFile(path, []byte(c.spec), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("got %v (%T), want a *SpecError", err, err)
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
