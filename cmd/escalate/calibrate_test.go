package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCalibrateCommand: escalate calibrate lists the shipped specs, runs
// a reduced calibration of the tiny test spec with its report, and
// refuses a bad spec or a directory of another calibration with exit
// status 2.
func TestCalibrateCommand(t *testing.T) {
	if code, stdout, _ := call(t, "calibrate", "--list"); code != 0 || !strings.Contains(stdout, "dcid ") {
		t.Errorf("--list: exit %d\n%s", code, stdout)
	}
	dir := t.TempDir()
	spec := filepath.Join("..", "..", "calibrate", "testdata", "tiny.toml")
	out, report := filepath.Join(dir, "c"), filepath.Join(dir, "report.md")
	code, stdout, stderr := call(t, "calibrate", "--spec", spec, "--budget", "20", "--out", out, "--report", report, "--workers", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"calibrate tiny: ", "espionage_rate", "median", "wrote " + out} {
		if !strings.Contains(stdout, w) {
			t.Errorf("stdout lacks %q:\n%s", w, stdout)
		}
	}
	if !strings.Contains(stderr, "generation 0/2 (prior)") {
		t.Errorf("no progress on stderr:\n%s", stderr)
	}
	if b, err := os.ReadFile(report); err != nil || !strings.Contains(string(b), "a reduced run: at most 20 simulations") {
		t.Errorf("report: %v\n%s", err, b)
	}
	if code, _, stderr := call(t, "calibrate", "--spec", spec, "--out", out); code != 2 || !strings.Contains(stderr, "holds another calibration") {
		t.Errorf("the full run into the budget run's directory: exit %d, %s", code, stderr)
	}
	if code, _, stderr := call(t, "calibrate", "--spec", "dcdi"); code != 2 || !strings.Contains(stderr, `did you mean "dcid"`) {
		t.Errorf("unknown spec: exit %d, %s", code, stderr)
	}
	if code, _, stderr := call(t, "calibrate", "--spec", spec, "--slurm-tasks", "2", "--slurm-script", filepath.Join(dir, "none.sbatch")); code != 2 || !strings.Contains(stderr, "--slurm-script") {
		t.Errorf("a missing job script: exit %d, %s", code, stderr)
	}
}
