package main

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/observe"
	"github.com/escalation-model/escalation/recipe"
	"github.com/escalation-model/escalation/sweep"
)

// observedSweepSpec takes its conditions from a points file and keeps
// every run's observed statistics, with one observation setting changed.
const observedSweepSpec = `base = "status-quo"
replicates = 2
master_seed = 3
ticks = 160

[fixed]
firms = 50
citizens = 50

[design]
points = "points.csv"

[outputs]
plots = false
observed = true

[observe]
reply_window = 90
`

// TestSweepObservedReplays: escalate sweep with a points design and
// observed = true writes observed.csv, whose rows hold what escalate run
// with the row's replay command writes to observed.json.
func TestSweepObservedReplays(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "points.csv"), []byte("attribution_skill,hack_back\n0.2,licensed\n0.8,free\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := writeSpec(t, dir, observedSweepSpec)
	out := filepath.Join(dir, "sweep")
	if code, _, stderr := call(t, "sweep", "--spec", spec, "--out", out, "--workers", "2", "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	names, rows, err := sweep.ReadObserved(out)
	if err != nil {
		t.Fatal(err)
	}
	runs := readCSV(t, filepath.Join(out, "runs.csv"))
	if len(rows) != 4 || len(runs) != 5 {
		t.Fatalf("%d observed rows, %d runs.csv rows", len(rows), len(runs)-1)
	}
	for _, i := range []int{1, 2} {
		command := runs[i+1][len(runs[i+1])-1]
		words, err := recipe.Split(command)
		if err != nil || !strings.Contains(command, "--observe reply_window=90") {
			t.Fatalf("command %q: %v", command, err)
		}
		runOut := filepath.Join(dir, "replay"+strconv.Itoa(i))
		args := append(words[1:], "--out", runOut, "--plots=false", "--quiet")
		if code, _, stderr := call(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", command, code, stderr)
		}
		rep, err := observe.ReadReport(filepath.Join(runOut, "observed.json"))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Config.ReplyWindow != 90 || !strings.Contains(command, " --seed "+strconv.FormatUint(rows[i].Seed, 10)+" ") {
			t.Errorf("run %d: reply_window %d, seed %d, command %s", i, rep.Config.ReplyWindow, rows[i].Seed, command)
		}
		for k, name := range names {
			a, b := rows[i].Stats[k], rep.Stats[k]
			if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
				t.Errorf("run %d %s: observed.csv %v, escalate run's observed.json %v", i, name, a, b)
			}
		}
		if rep.Stats[0] == 0 {
			t.Errorf("run %d observed no incident: the comparison shows little", i)
		}
	}
}

// TestSweepBadPointsFile: a bad points file is exit status 2 with one
// message naming the file, line and column, and nothing is written.
func TestSweepBadPointsFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "points.csv"), []byte("attribution_skill,hack_back\n0.2,licensed\n1.8,free\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := writeSpec(t, dir, observedSweepSpec)
	out := filepath.Join(dir, "sweep")
	code, _, stderr := call(t, "sweep", "--spec", spec, "--out", out)
	if code != 2 || !strings.Contains(stderr, "points.csv:3: column 1 (attribution_skill): 1.8 is out of range") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was written despite the error", out)
	}
}
