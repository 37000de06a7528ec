package sweep

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPointsEqualTheGrid: a points file listing a grid's conditions in
// the grid's order gives the grid sweep's runs: the same conditions, the
// same seeds (a run's seed depends on the master seed and its index
// only), byte-identical runs.csv, conditions.csv, cascade_sizes.csv and
// observed.csv.
func TestPointsEqualTheGrid(t *testing.T) {
	root := t.TempDir()
	gdir, pdir := filepath.Join(root, "grid"), filepath.Join(root, "points")
	os.MkdirAll(gdir, 0o755)
	os.MkdirAll(pdir, 0o755)
	grid := writeObsSpec(t, gdir, obsGrid, "")
	pts := writeObsSpec(t, pdir, `[design]
points = "points.csv"`, obsPoints)
	if got, want := strings.Join(flat(pts.Conditions()), ";"), strings.Join(flat(grid.Conditions()), ";"); got != want {
		t.Fatalf("points' conditions %s, the grid's %s", got, want)
	}
	if pts.Factors[0].Design != DesignPoints || pts.Points != "points.csv" {
		t.Errorf("factor design %q, points file %q", pts.Factors[0].Design, pts.Points)
	}
	runSweep(t, grid, filepath.Join(gdir, "out"), 2, Shard{})
	runSweep(t, pts, filepath.Join(pdir, "out"), 2, Shard{})
	for _, name := range []string{RunsCSV, ConditionsCSV, CascadeSizesCSV, ObservedCSV} {
		a := must(os.ReadFile(filepath.Join(gdir, "out", name)))
		b := must(os.ReadFile(filepath.Join(pdir, "out", name)))
		if string(a) != string(b) {
			t.Errorf("%s differs between the grid and the points", name)
		}
	}
}

func flat(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r, ",")
	}
	return out
}

// TestPointsFileChangeRefused: the hash covers the points, so a sweep
// resumed with a points file that gives other conditions is refused; one
// written differently but giving the same conditions resumes.
func TestPointsFileChangeRefused(t *testing.T) {
	dir := t.TempDir()
	design := "[design]\npoints = \"points.csv\""
	p := writeObsSpec(t, dir, design, obsPoints)
	out := filepath.Join(dir, "out")
	runSweep(t, p, out, 2, Shard{})
	same := writeObsSpec(t, dir, design, strings.ReplaceAll(obsPoints, "0.30", "0.3"))
	if same.Hash() != p.Hash() {
		t.Error("the same conditions written differently changed the hash")
	}
	if _, err := Run(context.Background(), same, Options{Dir: out}); err != nil {
		t.Errorf("resuming with the same conditions: %v", err)
	}
	other := writeObsSpec(t, dir, design, strings.Replace(obsPoints, ".9,illegal", ".8,illegal", 1))
	var de *DirError
	_, err := Run(context.Background(), other, Options{Dir: out})
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "the spec changed") || !strings.Contains(err.Error(), "their values") {
		t.Errorf("resuming with other points: %v", err)
	}
}

// TestNewKeysErrors: mistakes in [design], the points file, [outputs]
// observed and [observe] are one *SpecError naming the file and line (the
// spec's, or the points file's and its column).
func TestNewKeysErrors(t *testing.T) {
	dir := t.TempDir()
	const design = "[design]\npoints = \"p.csv\"\n"
	cases := []struct {
		name, spec, points string
		want               []string // substrings of the message, the first being file:line
	}{
		{"observed type", "[outputs]\nobserved = 1\n", "", []string{"spec.toml:2", "outputs.observed = 1", "true or false"}},
		{"observe without observed", "[outputs]\nplots = false\n\n[observe]\ngap = 10\n", "", []string{"spec.toml:4", "observe", "observed = true"}},
		{"observe unknown", "[outputs]\nobserved = true\n[observe]\nreply_windw = 60\n", "", []string{"spec.toml:4", `unknown observation setting "reply_windw"`, `did you mean "reply_window"`}},
		{"observe range", "[outputs]\nobserved = true\n[observe]\ngap = 0\n", "", []string{"spec.toml:4", "gap = 0 is out of range", "from 1 to 3650"}},
		{"observe choice", "[outputs]\nobserved = true\n[observe]\nprivate_targets = \"all\"\n", "", []string{"spec.toml:4", "private_targets = all is not a choice", "critical, firms"}},
		{"observe type", "[outputs]\nobserved = true\n[observe]\ngap = true\n", "", []string{"spec.toml:4", "observe.gap = true has the wrong type"}},
		{"observe not a table", "observe = 3\n", "", []string{"spec.toml:1", "must be a table"}},
		{"design typo", "[design]\npoint = \"p.csv\"\n", "", []string{"spec.toml:2", `unknown key "point"`, `did you mean "points"`}},
		{"design empty", "[design]\n", "", []string{"spec.toml:1", "lacks points"}},
		{"design not a string", "[design]\npoints = 3\n", "", []string{"spec.toml:2", "design.points = 3", "CSV file"}},
		{"design and vary", design + "[vary]\nhotline = [0.1, 0.2]\n", "hotline\n0.1\n", []string{"spec.toml:2", "cannot be combined with [vary] (line 3)"}},
		{"design and sample", "[sample]\nmethod = \"lhs\"\npoints = 4\nhotline = {from = 0, to = 1}\n" + design, "hotline\n0.1\n", []string{"spec.toml:6", "cannot be combined with [sample] (line 1)"}},
		{"points missing", "[design]\npoints = \"none.csv\"\n", "", []string{"spec.toml:2", "cannot read", "none.csv", "no such file"}},
		{"points empty", design, "\n", []string{"p.csv:1", "empty"}},
		{"points header only", design, "hotline\n", []string{"p.csv:1", "no conditions"}},
		{"points unknown column", design, "hotline,hack_bak\n0.1,free\n", []string{"p.csv:1", "column 2 (hack_bak)", `unknown parameter "hack_bak"`, `did you mean "hack_back"`}},
		{"points empty column", design, "hotline,\n0.1,free\n", []string{"p.csv:1", "column 2", "empty column name"}},
		{"points column twice", design, "hotline,hotline\n0.1,0.2\n", []string{"p.csv:1", "column 2 (hotline)", "also in column 1"}},
		{"points column fixed", "[fixed]\nhotline = 0.5\n" + design, "hotline\n0.1\n", []string{"p.csv:1", "column 1 (hotline)", "also given as fixed.hotline", "spec.toml line 2"}},
		{"points cells", design, "hotline,hack_back\n0.1,free\n0.2\n", []string{"p.csv:3", "1 value for the 2 columns"}},
		{"points range", design, "hotline,hack_back\n0.1,free\n1.5,free\n", []string{"p.csv:3", "column 1 (hotline)", "1.5 is out of range", "from 0 to 1"}},
		{"points choice", design, "hotline,hack_back\n0.1,legal\n", []string{"p.csv:2", "column 2 (hack_back)", "illegal, licensed, free"}},
		{"points not a number", design, "hotline\nhigh\n", []string{"p.csv:2", "column 1 (hotline)", "high"}},
		{"points empty value", design, "hotline,hack_back\n,free\n", []string{"p.csv:2", "column 1 (hotline)", "empty value"}},
		{"points integer", design, "states\n2.5\n", []string{"p.csv:2", "column 1 (states)", "2.5"}},
		{"points inconsistent", "[fixed]\nanswer_window = 5\n" + design, "answer_delay\n2\n8\n", []string{"p.csv:3", "condition 1 (answer_delay = 8)", "answer_window = 5"}},
		{"points malformed", design, "hotline\n\"0.1\n", []string{"p.csv:2", "not a CSV file"}},
		{"points timed tick", "ticks = 50\n" + design, "at.80.hotline\n0.1\n", []string{"p.csv:", "tick 80"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			os.Remove(filepath.Join(dir, "p.csv"))
			if c.points != "" {
				if err := os.WriteFile(filepath.Join(dir, "p.csv"), []byte(c.points), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, "spec.toml")
			if err := os.WriteFile(path, []byte(c.spec), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Load(path)
			if err == nil {
				_, err = s.Plan()
			}
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("got %v (%T), want a *SpecError", err, err)
			}
			msg := err.Error()
			t.Log(msg)
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
