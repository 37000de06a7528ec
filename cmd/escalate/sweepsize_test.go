package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/sweep"
)

// hugeSpec writes a spec of 100,001 short runs (one condition).
func hugeSpec(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "huge.toml")
	if err := os.WriteFile(path, []byte("replicates = 100001\nticks = 5\n[fixed]\nfirms = 50\ncitizens = 50\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSweepStatesSize: a sweep states its runs, conditions × replicates
// and workers, and its estimated time and disk use from a pilot, before it
// starts.
func TestSweepStatesSize(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	code, _, stderr := call(t, "sweep", "--spec", "demo", "--out", out, "--workers", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	re := regexp.MustCompile(`(?m)^sweep demo: 45 runs \(9 conditions × 5 replicates\) on 2 workers: about [0-9.]+ s and [0-9.]+ kB \(from a pilot of 5 runs\)$`)
	if !re.MatchString(stderr) {
		t.Errorf("no size line in stderr:\n%s", stderr)
	}
	// Resumed, it is neither estimated nor asked again.
	if code, _, stderr = call(t, "sweep", "--spec", "demo", "--out", out); code != 0 || strings.Contains(stderr, "pilot") {
		t.Errorf("resume: exit %d, stderr %q", code, stderr)
	}
}

// TestSweepAsksForYes: a sweep of more than 100,000 runs does not start
// without --yes, --quiet or not: it exits 2 saying its size and estimate
// and writes nothing.
func TestSweepAsksForYes(t *testing.T) {
	spec := hugeSpec(t)
	out := filepath.Join(t.TempDir(), "huge")
	for _, args := range [][]string{{}, {"--quiet"}} {
		code, stdout, stderr := call(t, append([]string{"sweep", "--spec", spec, "--out", out, "--workers", "2"}, args...)...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, "100001 runs (1 condition × 100001 replicates) on 2 workers: about") ||
			!strings.Contains(stderr, "rerun with --yes") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%q: %s written (%v)", args, out, err)
		}
	}
}

// TestSweepYesStarts: with --yes the gate lets a large sweep start; and a
// directory that holds the sweep's manifest already is resumed without it.
func TestSweepYesStarts(t *testing.T) {
	s, err := sweep.Load(hugeSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "huge")
	var stderr bytes.Buffer
	if err := checkSize(context.Background(), plan, sweep.Shard{}, out, 2, true, false, &stderr); err != nil || !strings.Contains(stderr.String(), "100001 runs") {
		t.Fatalf("--yes: %v, stderr %q", err, stderr.String())
	}
	if err := checkSize(context.Background(), plan, sweep.Shard{}, out, 2, false, true, &stderr); err == nil {
		t.Fatal("without --yes: no error")
	}
	// Start it and interrupt it at once: its manifest is written.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sweep.Run(ctx, plan, sweep.Options{Dir: out, Workers: 1}); err == nil {
		t.Fatal("interrupted sweep: no error")
	}
	if err := checkSize(context.Background(), plan, sweep.Shard{}, out, 2, false, true, &stderr); err != nil {
		t.Errorf("resume without --yes: %v", err)
	}
}
