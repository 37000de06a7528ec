package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureDir holds the hand-written files in DCID's columns.
var fixtureDir = filepath.Join("..", "..", "observe", "testdata")

// escalate run writes observed.json as the observer makes it (the golden
// of a three-year status-quo run); escalate observe --out prints it as a
// table, and with --json as written.
func TestObserveARun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "run")
	code, stdout, stderr := call(t, "run", "--out", out, "--ticks", "1095", "--plots=false")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, " observed.json ") {
		t.Errorf("run does not say it wrote observed.json: %s", stdout)
	}
	written := mustRead(t, filepath.Join(out, "observed.json"))
	if golden := mustRead(t, filepath.Join(fixtureDir, "observed_status_quo.golden.json")); string(written) != string(golden) {
		t.Errorf("observed.json of escalate run --ticks 1095 differs from the observer's golden:\n%s", written)
	}
	code, stdout, stderr = call(t, "observe", "--out", out)
	if code != 0 {
		t.Fatalf("observe --out: exit %d: %s", code, stderr)
	}
	for _, w := range []string{"observed: a run, 3 years (36 months)\n", "observation: gap=30 reporting_threshold=0.8 reply_window=365", "\nincidents  ", "\nescalation_share  ", "undefined"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("observe --out lacks %q:\n%s", w, stdout)
		}
	}
	if strings.Contains(stdout, "interval") {
		t.Errorf("a run's table has intervals:\n%s", stdout)
	}
	if code, stdout, _ = call(t, "observe", "--out", out, "--json"); code != 0 || stdout != string(written) {
		t.Errorf("observe --out --json: exit %d, printed\n%s\nwant the file", code, stdout)
	}
}

// escalate observe --data prints DCID-format files' statistics with
// bootstrap intervals, as a table or as JSON.
func TestObserveData(t *testing.T) {
	inc, pairs := filepath.Join(fixtureDir, "incidents.csv"), filepath.Join(fixtureDir, "pairs.csv")
	code, stdout, stderr := call(t, "observe", "--data", inc, "--pairs", pairs, "--bootstrap", "200", "--seed", "4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"observed: DCID 2.0: incidents.csv, pairs.csv, 2001-2003 (36 months)", "200 replicates resampling incidents and pairs within dyads, seed 4",
		"statistic  ", "interval", "\nincidents  ", "none", "\nreply_lag_median_days  "} {
		if !strings.Contains(stdout, w) {
			t.Errorf("observe --data lacks %q:\n%s", w, stdout)
		}
	}
	code, stdout, stderr = call(t, "observe", "--data", inc, "--pairs", pairs, "--json", "--observe", "reply_window=30")
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, stderr)
	}
	var v struct {
		Source      string                    `json:"source"`
		Files       []string                  `json:"files"`
		Observation map[string]any            `json:"observation"`
		Statistics  map[string]*float64       `json:"statistics"`
		Bootstrap   *struct{ Replicates int } `json:"bootstrap"`
		Intervals   map[string][2]*float64    `json:"intervals"`
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("--json printed no JSON: %v\n%s", err, stdout)
	}
	if v.Source != "dcid" || len(v.Files) != 2 || *v.Statistics["incidents"] != 8 || *v.Statistics["reply_share"] != 1.0/6 ||
		v.Observation["reply_window"] != float64(30) || v.Bootstrap == nil || v.Bootstrap.Replicates != 1000 || len(v.Intervals) != len(v.Statistics) {
		t.Errorf("--json: %+v", v)
	}
	if v.Intervals["active_dyads"][0] != nil || v.Intervals["severity_mean"][0] == nil {
		t.Errorf("intervals: active_dyads %v (want none), severity_mean %v", v.Intervals["active_dyads"], v.Intervals["severity_mean"])
	}
	if code, stdout, _ = call(t, "observe", "--data", inc, "--bootstrap", "0", "--json"); code != 0 || !strings.Contains(stdout, `"bootstrap": null`) || !strings.Contains(stdout, `"pairs": null`) {
		t.Errorf("--bootstrap 0 without --pairs: exit %d\n%s", code, stdout)
	}
}

// Bad input to escalate observe is exit status 2 with a message naming
// the file, line, column and row, and nothing printed.
func TestObserveRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join(fixtureDir, "incidents.csv"))
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte(strings.Replace(string(b), ",4.2,1,731,", ",5,1,731,", 1)), 0o644)
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	noObserved := filepath.Join(dir, "old")
	os.MkdirAll(noObserved, 0o777)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"observe", "--data", bad}, bad + `:8: method: row 7: "5" is not a method: allowed 1, 2, 3, 4, 4.1, 4.2, 4.3 or 4.4 (codebook I)`},
		{[]string{"observe", "--data", empty}, empty + ": the file is empty"},
		{[]string{"observe", "--data", filepath.Join(fixtureDir, "incidents.csv"), "--pairs", filepath.Join(fixtureDir, "incidents.csv")}, "incidents.csv:1: Cyber_escalation: missing column"},
		{[]string{"observe"}, "give --out DIR (a run's observed.json) or --data INCIDENTS.csv"},
		{[]string{"observe", "--out", dir, "--data", bad}, "one of them"},
		{[]string{"observe", "--out", dir, "--pairs", bad}, "--pairs goes with --data"},
		{[]string{"observe", "--out", filepath.Join(dir, "missing")}, "the folder does not exist"},
		{[]string{"observe", "--out", noObserved}, "no observed.json: the run was made by a version of escalate that did not write it"},
		{[]string{"observe", "--data", bad, "--observe", "gap"}, "--observe gap: expected key=value"},
		{[]string{"observe", "--data", bad, "--observe", "reply_window=1", "--observe", "reply_window=2"}, "--observe reply_window=2: reply_window is also set by --observe reply_window=1"},
		{[]string{"run", "--out", filepath.Join(dir, "r"), "--observe", "reporting_treshold=0.9"}, `unknown observation setting "reporting_treshold" (did you mean "reporting_threshold"?)`},
		{[]string{"run", "--out", filepath.Join(dir, "r"), "--observe", "gap=0"}, "gap = 0 is out of range: allowed an integer from 1 to 3650"},
	} {
		code, stdout, stderr := call(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2, nothing printed, and %q", c.args, code, stdout, stderr, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "r")); err == nil {
		t.Error("a run refused for its --observe wrote its output")
	}
}

// escalate run --observe changes what observed.json records, says so in
// the file, and replays it.
func TestRunObserveSettings(t *testing.T) {
	out := filepath.Join(t.TempDir(), "run")
	code, stdout, stderr := call(t, "run", "--out", out, "--ticks", "400", "--plots=false", "--observe", "gap=90", "--observe", "reply_window=20")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "replay: escalate run --scenario status-quo --seed 1 --ticks 400 --observe gap=90 --observe reply_window=20\n") {
		t.Errorf("the replay line lacks the observation settings:\n%s", stdout)
	}
	written := string(mustRead(t, filepath.Join(out, "observed.json")))
	for _, w := range []string{`"gap": 90,`, `"reply_window": 20,`} {
		if !strings.Contains(written, w) {
			t.Errorf("observed.json lacks %s:\n%s", w, written)
		}
	}
	if sum := string(mustRead(t, filepath.Join(out, "summary.json"))); !strings.Contains(sum, "--observe gap=90 --observe reply_window=20") {
		t.Error("summary.json's command lacks the observation settings")
	}
}

// TestShippedDCIDTarget: assets/calibration/dcid-2000-2014.json, the
// calibration's target, is what escalate observe --json computes from
// DCID 2.0's files for 2000-2014 (kept outside the repository, in the
// folder ESCALATE_DCID names); -update rewrites it.
func TestShippedDCIDTarget(t *testing.T) {
	dir := os.Getenv("ESCALATE_DCID")
	if dir == "" {
		t.Skip("ESCALATE_DCID is not set: set it to the folder holding DCID 2.0's files for 2000-2014 to check the shipped calibration target")
	}
	code, got, stderr := call(t, "observe", "--data", filepath.Join(dir, "incidents-2000-2014.csv"), "--pairs", filepath.Join(dir, "response-pairs-2000-2014.csv"), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join("..", "..", "assets", "calibration", "dcid-2000-2014.json")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s is stale: regenerate it with ESCALATE_DCID=DIR go test ./cmd/escalate -run TestShippedDCIDTarget -update", path)
	}
}
