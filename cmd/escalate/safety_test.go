package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/output"
)

// A run never deletes files it did not write: a folder holding an earlier
// run's tables and the user's notebook is refused (exit 2, the notebook
// named and kept); one holding only a run's files is replaced, with or
// without a marker.
func TestRunKeepsTheUsersFiles(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	if code, _, stderr := call(t, "run", "--out", out, "--ticks", "5", "--plots=false"); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	marker, err := os.ReadFile(filepath.Join(out, output.MarkerFile))
	if err != nil {
		t.Fatalf("the run wrote no marker: %v", err)
	}
	for _, f := range []string{"ticks.csv", "summary.json", "observed.json", "actors.csv", "cascades.csv"} {
		if !strings.Contains(string(marker), "\n"+f+"\n") {
			t.Errorf("the marker does not list %s:\n%s", f, marker)
		}
	}
	notebook := filepath.Join(out, "analysis.ipynb")
	os.WriteFile(notebook, []byte("{}"), 0o666)
	code, _, stderr := call(t, "run", "--out", out, "--ticks", "5", "--plots=false")
	if code != 2 || !strings.Contains(stderr, "analysis.ipynb") {
		t.Errorf("run over the user's notebook: exit %d, stderr %q; want 2 naming analysis.ipynb", code, stderr)
	}
	if b, err := os.ReadFile(notebook); err != nil || string(b) != "{}" {
		t.Fatalf("the notebook is gone or changed: %q, %v", b, err)
	}

	// An earlier version's output (no marker) holding only a run's files.
	old := filepath.Join(root, "old")
	os.MkdirAll(old, 0o777)
	for _, f := range []string{"ticks.csv", "summary.json", "ticks.png"} {
		os.WriteFile(filepath.Join(old, f), []byte("x"), 0o666)
	}
	if code, _, stderr := call(t, "run", "--out", old, "--ticks", "5", "--plots=false"); code != 0 {
		t.Errorf("run over an unmarked run's output: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(old, "ticks.png")); err == nil {
		t.Error("the old output's ticks.png survived the replacement")
	}
	// ... but not one holding anything else.
	os.WriteFile(filepath.Join(old, "notes.txt"), []byte("mine"), 0o666)
	os.Remove(filepath.Join(old, output.MarkerFile))
	if code, _, stderr := call(t, "run", "--out", old, "--ticks", "5"); code != 2 || !strings.Contains(stderr, "notes.txt") {
		t.Errorf("run over an unmarked directory with notes.txt: exit %d, %q", code, stderr)
	}
}

// A killed run's leftovers go with the next run anywhere in the same
// folder, or with escalate clean, which says what it removed.
func TestLeftoversOfKilledRunsAreRemoved(t *testing.T) {
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip("cannot start a process to get a dead pid:", err)
	}
	parent := t.TempDir()
	left := func(name string) string {
		p := filepath.Join(parent, fmt.Sprintf(".%s.tmp-%d-0123456789abcdef", name, gone.Process.Pid))
		os.MkdirAll(p, 0o777)
		os.WriteFile(filepath.Join(p, "ticks.csv"), make([]byte, 2000), 0o666)
		return p
	}
	a := left("a")
	if code, _, stderr := call(t, "run", "--out", filepath.Join(parent, "b"), "--ticks", "3", "--plots=false"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Errorf("a run into b left a killed run's %s", a)
	}

	sub := filepath.Join(parent, "results")
	os.MkdirAll(sub, 0o777)
	parent = sub
	c := left("c")
	code, stdout, stderr := call(t, "clean", filepath.Dir(sub))
	if code != 0 || !strings.Contains(stdout, "removed "+c+" (2 kB)") || !strings.Contains(stdout, "removed 1 leftover of killed runs") {
		t.Errorf("clean: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(c); !os.IsNotExist(err) {
		t.Errorf("clean left %s", c)
	}
	code, stdout, _ = call(t, "clean", filepath.Dir(sub))
	if code != 0 || !strings.Contains(stdout, "nothing to clean") {
		t.Errorf("second clean: exit %d, %q", code, stdout)
	}
	if code, _, stderr := call(t, "clean", filepath.Join(parent, "missing")); code != 2 || !strings.Contains(stderr, "missing") {
		t.Errorf("clean of a missing folder: exit %d, %q", code, stderr)
	}
	entries, _ := os.ReadDir(filepath.Dir(sub))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"b", "results"}) {
		t.Errorf("the folder holds %v, want [b results]", names)
	}
}

// A sweep rerun redraws its plots folder only while it holds nothing but
// the sweep's figures: a file of the user's there stops it (exit 2) and
// stays.
func TestSweepKeepsTheUsersFilesInPlots(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, strings.Replace(sweepSpec, "plots = false", "plots = true", 1))
	out := filepath.Join(dir, "out")
	if code, _, stderr := call(t, "sweep", "--spec", spec, "--out", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	mine := filepath.Join(out, "plots", "annotated.png")
	if err := os.WriteFile(mine, []byte("mine"), 0o666); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := call(t, "sweep", "--spec", spec, "--out", out, "--quiet")
	if code != 2 || !strings.Contains(stderr, "annotated.png") {
		t.Errorf("rerun over the user's figure: exit %d, %q; want 2 naming annotated.png", code, stderr)
	}
	if b, err := os.ReadFile(mine); err != nil || string(b) != "mine" {
		t.Errorf("the user's figure is gone or changed: %q, %v", b, err)
	}
}
