package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/calibrate"
)

// tinyPosterior writes a hand-made posterior of the tiny test calibration.
func tinyPosterior(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "posterior.csv")
	text := "particle,weight,distance,espionage_rate,state_disruption_share,state_answer_lag\n" +
		"0,0.5,1.2,0.05,0.3,10\n1,0.3,1.5,0.08,0.2,20\n2,0.2,1.9,0.03,0.5,0\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestValidate: escalate validate compares a record in DCID's columns
// with the calibrated world, pattern by pattern, as a table or as JSON,
// and refuses bad data with exit status 2, writing nothing.
func TestValidate(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join("..", "..", "calibrate", "testdata", "tiny.toml")
	post := tinyPosterior(t, dir)
	inc, pairs := filepath.Join(fixtureDir, "incidents.csv"), filepath.Join(fixtureDir, "pairs.csv")
	out := filepath.Join(dir, "v")
	args := []string{"validate", "--data", inc, "--pairs", pairs, "--spec", spec, "--posterior", post, "--draws", "12", "--out", out}
	code, stdout, stderr := call(t, append(args, "--json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var v struct {
		Patterns []struct {
			Name             string      `json:"name"`
			Observed         *float64    `json:"observed"`
			ObservedInterval [2]*float64 `json:"observed_interval"`
			ModelMedian      *float64    `json:"model_median"`
			ModelInterval    [2]*float64 `json:"model_interval"`
			Inside           *bool       `json:"inside"`
		} `json:"patterns"`
		Inside int `json:"inside"`
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("--json printed no JSON: %v\n%s", err, stdout)
	}
	if len(v.Patterns) != len(calibrate.Patterns) || len(v.Patterns) < 12 {
		t.Fatalf("%d patterns, want the %d of calibrate.Patterns (at least 12)", len(v.Patterns), len(calibrate.Patterns))
	}
	inside := 0
	for i, p := range v.Patterns {
		if p.Name != calibrate.Patterns[i] || p.Inside == nil {
			t.Errorf("pattern %d: %+v", i, p)
			continue
		}
		if *p.Inside {
			inside++
		}
		if p.Name == "reply_share" && (p.Observed == nil || p.ObservedInterval[0] == nil || p.ModelMedian == nil) {
			t.Errorf("reply_share: %+v, want the fixture's value, its interval and the model's median", p)
		}
	}
	if inside != v.Inside {
		t.Errorf("inside %d, patterns say %d", v.Inside, inside)
	}
	if _, err := os.Stat(filepath.Join(out, "validate.png")); err != nil {
		t.Error(err)
	}
	// The table resumes from the runs already made.
	code, stdout, stderr = call(t, args...)
	if code != 0 || !strings.Contains(stdout, "patterns inside the model's interval") || !strings.Contains(stdout, "12 posterior draws over 1095 days") {
		t.Errorf("table: exit %d\n%s\n%s", code, stdout, stderr)
	}
	b, _ := os.ReadFile(inc)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte(strings.Replace(string(b), ",2,1,365,1,1,1,0,0,2,", ",2,1,365,1,1,1,0,0,12,", 1)), 0o644)
	noCol := filepath.Join(dir, "nocol.csv")
	os.WriteFile(noCol, []byte(strings.Replace(string(b), "severity,", "sev,", 1)), 0o644)
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	never := filepath.Join(dir, "never")
	for _, c := range []struct{ data, want string }{
		{bad, bad + ":3: severity: row 2"},
		{noCol, "severity: missing column"},
		{empty, empty + ": the file is empty"},
	} {
		code, stdout, stderr := call(t, "validate", "--data", c.data, "--spec", spec, "--posterior", post, "--out", never)
		if code != 2 || !strings.Contains(stderr, c.want) || stdout != "" {
			t.Errorf("validate --data %s: exit %d, stderr %q, want 2 and %q", c.data, code, stderr, c.want)
		}
		if _, err := os.Stat(never); err == nil {
			t.Fatalf("validate --data %s wrote %s", c.data, never)
		}
	}
	if code, _, stderr := call(t, "validate", "--data", inc, "--spec", spec, "--posterior", inc); code != 2 || !strings.Contains(stderr, "not a posterior.csv") {
		t.Errorf("a bad posterior: exit %d, %s", code, stderr)
	}
}
