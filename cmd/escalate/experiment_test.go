package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExperimentCommand: listing, a reduced-size run that states its
// result and writes it, and bad input (exit 2, nothing written).
func TestExperimentCommand(t *testing.T) {
	code, stdout, _ := call(t, "experiment", "--list")
	if code != 0 || strings.Count(stdout, "claim") < 14 {
		t.Errorf("--list: exit %d:\n%s", code, stdout)
	}
	out := filepath.Join(t.TempDir(), "exp")
	code, stdout, stderr := call(t, "experiment", "claim4", "--out", out, "--scale", "0.01", "--workers", "2", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "Claim 4 (claim4-vigilante): the claim ") || !strings.Contains(stdout, "95% CI") {
		t.Errorf("statement: %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "claim4-vigilante", "result.md")); err != nil {
		t.Error(err)
	}
	// The name may follow the flags; --report writes a report of one.
	report := filepath.Join(t.TempDir(), "one.md")
	if code, _, stderr := call(t, "experiment", "--out", out, "--scale", "0.01", "--quiet", "--report", report, "4"); code != 0 {
		t.Fatalf("flags first: exit %d: %s", code, stderr)
	}
	if md, err := os.ReadFile(report); err != nil || !strings.Contains(string(md), "--report "+report) {
		t.Errorf("report: %v\n%s", err, md)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"experiment"}, "name an experiment or all"},
		{[]string{"experiment", "claim9"}, `unknown experiment "claim9"`},
		{[]string{"experiment", "2", "--scale", "0"}, "--scale 0"},
		{[]string{"experiment", "2", "--workers", "0"}, "--workers 0"},
		{[]string{"experiment", "2", "extra"}, `unexpected argument "extra"`},
	} {
		dir := filepath.Join(t.TempDir(), "never")
		code, _, stderr := call(t, append(c.args, "--out", dir)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%v wrote %s", c.args, dir)
		}
	}
}

const sensitivitySpec = `description = "command test"
base = "status-quo"
replicates = 2
master_seed = 4
ticks = 30

[fixed]
firms = 60
citizens = 100

[sensitivity]
method = "morris"
trajectories = 3
outputs = ["crimes"]

[ranges]
attribution_skill = { from = 0.1, to = 0.9 }
criminals = { from = 5, to = 40 }
`

// TestSensitivityCommand: a small analysis runs and writes its files; bad
// specs exit 2 naming file:line and write nothing.
func TestSensitivityCommand(t *testing.T) {
	dir := t.TempDir()
	if code, stdout, _ := call(t, "sensitivity", "--list"); code != 0 || !strings.Contains(stdout, "sensitivity-demo") {
		t.Errorf("--list: exit %d: %s", code, stdout)
	}
	spec := writeSpec(t, dir, sensitivitySpec)
	out := filepath.Join(dir, "out")
	code, stdout, stderr := call(t, "sensitivity", "--spec", spec, "--out", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("--quiet printed %q", stdout)
	}
	for _, f := range []string{"indices.csv", "report.md", "morris_crimes.png", "morris_crimes.svg", "sweep/runs.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	for _, c := range []struct {
		old, new string
		want     []string
	}{
		{`method = "morris"`, `method = "morriss"`, []string{"spec.toml:12", `"morriss"`}},
		{`criminals = { from = 5, to = 40 }`, `criminals = { from = 5, to = 4e6 }`, []string{"spec.toml:18", "out of range"}},
		{`replicates = 2`, `replicates = "two"`, []string{"spec.toml:3", "not an integer"}},
	} {
		spec := writeSpec(t, dir, strings.Replace(sensitivitySpec, c.old, c.new, 1))
		never := filepath.Join(dir, "never")
		code, _, stderr := call(t, "sensitivity", "--spec", spec, "--out", never)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2: %s", c.new, code, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr %q lacks %q", c.new, stderr, w)
			}
		}
		if _, err := os.Stat(never); err == nil {
			t.Errorf("%s: wrote %s", c.new, never)
		}
	}
}
