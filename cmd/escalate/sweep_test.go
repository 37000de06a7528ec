package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/escalation-model/escalation/recipe"
)

// sweepSpec is a small sweep for the command's tests: 2 x 2 conditions of
// a few hundred actors.
const sweepSpec = `description = "command test"
base = "status-quo"
replicates = 3
master_seed = 5
ticks = 40

[fixed]
firms = 80
citizens = 200

[vary]
attribution_skill = [0.2, 0.8]
hack_back = ["licensed", "free"]

[outputs]
plots = false
`

func writeSpec(t *testing.T, dir, text string) string {
	t.Helper()
	path := filepath.Join(dir, "spec.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSweepRejectsBadSpecs: a bad spec or flag is exit status 2 with one
// message naming file:line, and nothing is written.
func TestSweepRejectsBadSpecs(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		spec string
		args []string
		want []string
	}{
		{"out of range", strings.Replace(sweepSpec, "[0.2, 0.8]", "[0.2, 1.8]", 1), nil, []string{"spec.toml:12", "vary.attribution_skill = 1.8 is out of range", "from 0 to 1"}},
		{"unknown key", strings.Replace(sweepSpec, "replicates", "replicas", 1), nil, []string{"spec.toml:3", `unknown key "replicas"`, `did you mean "replicates"`}},
		{"unknown parameter", strings.Replace(sweepSpec, "firms = 80", "firm = 80", 1), nil, []string{"spec.toml:8", `unknown parameter "firm"`, `did you mean "firms"`}},
		{"bad shard", sweepSpec, []string{"--shard", "4/4"}, []string{"--shard", "K from 0 to N-1"}},
		{"bad workers", sweepSpec, []string{"--workers", "0"}, []string{"--workers 0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			spec := writeSpec(t, dir, c.spec)
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(c.name, " ", "-"))
			code, _, stderr := call(t, append([]string{"sweep", "--spec", spec, "--out", out}, c.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2: %s", code, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written despite the error", out)
			}
		})
	}
	if code, _, stderr := call(t, "sweep", "--spec", "utopia"); code != 2 || !strings.Contains(stderr, "demo") {
		t.Errorf("unknown spec name: exit %d: %s", code, stderr)
	}
	if code, stdout, _ := call(t, "sweep", "--list"); code != 0 || !strings.Contains(stdout, "phase-diagram") {
		t.Errorf("--list: exit %d: %s", code, stdout)
	}
}

// TestSweepRowReplays: the command in a row of runs.csv, run by escalate
// run, is the same model run: the same headline figures, to the last bit,
// and the same ticks.csv rows as the sweep kept in its series.
func TestSweepRowReplays(t *testing.T) {
	checkRowsReplay(t, strings.Replace(sweepSpec, "plots = false", "plots = false\nseries = true", 1), 40, 1, 8, 12)
}

// timedSweepSpec changes parameters during every run and varies a timed
// change's value: 3 conditions.
const timedSweepSpec = `base = "road-rage"
master_seed = 9
ticks = 60

[fixed]
firms = 80
citizens = 200

[at.0]
false_flag = 0.3

[at.15]
hotline = 0.4

[vary]
"at.15.hack_back_share" = [0.1, 0.5, 0.9]

[outputs]
plots = false
series = true
`

// TestSweepTimedAxisReplays: a sweep whose timed change is an axis gives,
// for each condition, the numbers of escalate run --at with that value;
// runs.csv records the value and the replay command every change.
func TestSweepTimedAxisReplays(t *testing.T) {
	rows := checkRowsReplay(t, timedSweepSpec, 60, 1, 2, 3)
	for i, v := range []string{"0.1", "0.5", "0.9"} {
		row := rows[i+1]
		if row[4] != v || !strings.Contains(row[len(row)-1], " --at 0:false_flag=0.3 --at 15:hotline=0.4 --at 15:hack_back_share="+v) {
			t.Errorf("row %d: value %s, command %s", i+1, row[4], row[len(row)-1])
		}
	}
	if strings.Join(rows[1][5:], ",") == strings.Join(rows[3][5:], ",") {
		t.Error("hack_back_share 0.1 and 0.9 from tick 15 gave the same numbers")
	}
}

// checkRowsReplay runs a sweep of the spec with series kept and replays
// the given rows of its runs.csv with escalate run; it returns the rows.
func checkRowsReplay(t *testing.T, specText string, length int, which ...int) [][]string {
	t.Helper()
	dir := t.TempDir()
	spec := writeSpec(t, dir, specText)
	out := filepath.Join(dir, "sweep")
	if code, _, stderr := call(t, "sweep", "--spec", spec, "--out", out, "--workers", "2", "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSV(t, filepath.Join(out, "runs.csv"))
	header := rows[0]
	for _, i := range which {
		row := rows[i]
		command := row[len(row)-1]
		r, err := recipe.ParseCommand(command)
		if err != nil {
			t.Fatalf("row %d: command %q: %v", i, command, err)
		}
		runOut := filepath.Join(dir, "replay")
		args := append(append([]string{"run"}, r.Args()...), "--out", runOut, "--plots=false", "--quiet")
		if code, _, stderr := call(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", command, code, stderr)
		}
		var sum struct {
			Seed      uint64                     `json:"seed"`
			Headlines map[string]json.RawMessage `json:"headlines"`
		}
		if err := json.Unmarshal(mustRead(t, filepath.Join(runOut, "summary.json")), &sum); err != nil {
			t.Fatal(err)
		}
		checked := 0
		for j, name := range header {
			v, ok := sum.Headlines[name]
			if !ok {
				continue
			}
			checked++
			if string(v) != row[j] {
				t.Errorf("row %d %s: sweep %s, replay %s", i, name, row[j], v)
			}
		}
		if checked < 20 {
			t.Errorf("only %d headline columns compared", checked)
		}
		// The sweep's journal kept the run's ticks.csv rows.
		index := row[0]
		var ticks []string
		for _, line := range bytes.Split(mustRead(t, filepath.Join(out, "journal.jsonl")), []byte{'\n'}) {
			if bytes.HasPrefix(line, []byte(`{"index":`+index+`,`)) {
				var res struct{ Ticks []string }
				if err := json.Unmarshal(line, &res); err != nil {
					t.Fatal(err)
				}
				ticks = res.Ticks
			}
		}
		replay := strings.Split(strings.TrimSpace(string(mustRead(t, filepath.Join(runOut, "ticks.csv")))), "\n")[1:]
		if len(ticks) != length || strings.Join(ticks, "\n") != strings.Join(replay, "\n") {
			t.Errorf("run %s: the replay's ticks.csv differs from the sweep's series (%d and %d rows)", index, len(replay), len(ticks))
		}
	}
	return rows
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// escalateBinary builds the program once per test binary.
func escalateBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "escalate-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "escalate")
		if out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput(); err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
	return builtBin
}

// killSpec is slow enough to stop mid-way: 200 runs of a year's third in
// the default world, one worker.
const killSpec = `base = "road-rage"
replicates = 50
master_seed = 3
ticks = 120

[vary]
hack_back_share = [0.3, 0.6]
attribution_skill = [0.4, 0.8]

[outputs]
plots = false
series = true
`

// startSweep starts the built program on a spec and waits until its
// journal holds at least n lines.
func startSweep(t *testing.T, bin, spec, out string, n int, stderr *bytes.Buffer) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "sweep", "--spec", spec, "--out", out, "--workers", "1")
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		data, _ := os.ReadFile(filepath.Join(out, "journal.jsonl"))
		if bytes.Count(data, []byte{'\n'}) >= n {
			return cmd
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the sweep never wrote %d journal lines: %s", n, stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestSweepSurvivesKill9: a sweep killed with SIGKILL mid-way and run again
// with the same command finishes with every run once and the same bytes
// as an uninterrupted sweep; Ctrl-C (SIGINT) stops it cleanly with a
// message saying how to resume.
func TestSweepSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	bin := escalateBinary(t)
	dir := t.TempDir()
	spec := writeSpec(t, dir, killSpec)
	whole := filepath.Join(dir, "whole")
	if code, _, stderr := call(t, "sweep", "--spec", spec, "--out", whole, "--workers", "2", "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}

	out := filepath.Join(dir, "killed")
	var stderr bytes.Buffer
	cmd := startSweep(t, bin, spec, out, 20, &stderr)
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the sweep was not killed mid-way (%v): make killSpec slower", err)
	}
	lines := bytes.Count(mustRead(t, filepath.Join(out, "journal.jsonl")), []byte{'\n'})
	if lines >= 200 {
		t.Fatalf("the sweep had finished (%d runs) when killed", lines)
	}

	// Interrupt the resumed sweep with Ctrl-C.
	stderr.Reset()
	cmd = startSweep(t, bin, spec, out, lines+20, &stderr)
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Errorf("after SIGINT: %v, want exit status %d", err, exitInterrupted)
	}
	if msg := stderr.String(); !strings.Contains(msg, "interrupted") || !strings.Contains(msg, "rerun the same command to resume") {
		t.Errorf("after SIGINT, stderr: %s", msg)
	}

	// The same command finishes the sweep.
	run := exec.Command(bin, "sweep", "--spec", spec, "--out", out, "--workers", "2")
	var outb bytes.Buffer
	run.Stdout, run.Stderr = &outb, &outb
	if err := run.Run(); err != nil {
		t.Fatalf("resume: %v: %s", err, outb.String())
	}
	if !strings.Contains(outb.String(), "resum") {
		t.Errorf("the resumed sweep did not say it resumed: %s", outb.String())
	}
	journal := mustRead(t, filepath.Join(out, "journal.jsonl"))
	seen := map[int]bool{}
	for _, line := range bytes.Split(bytes.TrimSuffix(journal, []byte{'\n'}), []byte{'\n'}) {
		var head struct {
			Index *int `json:"index"`
		}
		if err := json.Unmarshal(line, &head); err != nil || head.Index == nil {
			t.Fatalf("journal line %.80q: %v", line, err)
		}
		if seen[*head.Index] {
			t.Errorf("run %d is in the journal twice", *head.Index)
		}
		seen[*head.Index] = true
	}
	if len(seen) != 200 {
		t.Errorf("the journal holds %d runs, want 200", len(seen))
	}
	for _, f := range []string{"runs.csv", "runs.parquet", "conditions.csv", "cascade_sizes.csv", "series.parquet"} {
		if !bytes.Equal(mustRead(t, filepath.Join(whole, f)), mustRead(t, filepath.Join(out, f))) {
			t.Errorf("%s differs between the killed-and-resumed sweep and the uninterrupted one", f)
		}
	}
}

// TestSweepShardsAndMerge: the command line's shards, merged, give the
// unsharded sweep's tables.
func TestSweepShardsAndMerge(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, sweepSpec)
	whole := filepath.Join(dir, "whole")
	if code, _, stderr := call(t, "sweep", "--spec", spec, "--out", whole, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var shards []string
	for _, k := range []string{"0", "1"} {
		d := filepath.Join(dir, "shard"+k)
		code, stdout, stderr := call(t, "sweep", "--spec", spec, "--out", d, "--shard", k+"/2")
		if code != 0 || !strings.Contains(stdout, "escalate merge") {
			t.Fatalf("shard %s: exit %d: %s %s", k, code, stdout, stderr)
		}
		shards = append(shards, d)
	}
	merged := filepath.Join(dir, "merged")
	// Flags may follow the directories.
	if code, stdout, stderr := call(t, "merge", shards[0], shards[1], "--out", merged); code != 0 || !strings.Contains(stdout, "runs.csv") {
		t.Fatalf("merge: exit %d: %s %s", code, stdout, stderr)
	}
	for _, f := range []string{"runs.csv", "runs.parquet", "conditions.csv", "cascade_sizes.csv"} {
		if !bytes.Equal(mustRead(t, filepath.Join(whole, f)), mustRead(t, filepath.Join(merged, f))) {
			t.Errorf("%s differs between the merge and the unsharded sweep", f)
		}
	}
	code, _, stderr := call(t, "merge", shards[0], "--out", filepath.Join(dir, "half"))
	if code != 2 || !strings.Contains(stderr, "shard 1/2") {
		t.Errorf("merging one of two shards: exit %d: %s", code, stderr)
	}
}
