package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/escalation-model/escalation/model"
)

var update = flag.Bool("update", false, "rewrite docs/parameters.md from the registry")

// call runs the command line in-process and returns its status and output.
func call(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func TestRunWritesEveryFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := call(t, "run", "--out", out, "--ticks", "40", "--events")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"actors.csv", "ticks.csv", "cascades.csv", "events.csv", "summary.json", "observed.json", "ticks.png", "ticks.svg", "cascade_sizes.png", "cascade_sizes.svg"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	if ticks := readCSV(t, filepath.Join(out, "ticks.csv")); len(ticks) != 41 {
		t.Errorf("ticks.csv has %d rows, want header + 40", len(ticks))
	}
	p := model.DefaultParams()
	if actors := readCSV(t, filepath.Join(out, "actors.csv")); len(actors) != p.Actors()+1 {
		t.Errorf("actors.csv has %d rows, want header + %d", len(actors), p.Actors())
	}
	var sum struct {
		Scenario   string             `json:"scenario"`
		Seed       uint64             `json:"seed"`
		Command    string             `json:"command"`
		Parameters map[string]any     `json:"parameters"`
		Headlines  map[string]float64 `json:"headlines"`
	}
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &sum); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	if sum.Scenario != "status-quo" || sum.Seed != 1 || len(sum.Parameters) != len(model.Registry()) {
		t.Errorf("summary: scenario %q seed %d with %d parameters", sum.Scenario, sum.Seed, len(sum.Parameters))
	}
	if sum.Parameters["ticks"] != float64(40) {
		t.Errorf("summary ticks = %v, want 40", sum.Parameters["ticks"])
	}
	if !strings.Contains(stdout, "replay: escalate run --scenario status-quo --seed 1 --ticks 40") || sum.Command == "" {
		t.Errorf("no replay command in output: %s", stdout)
	}
	if _, ok := sum.Headlines["innocents_harmed"]; !ok {
		t.Error("summary lacks headline innocents_harmed")
	}
}

// TestRunIsReproducible: the same seed and parameters give byte-identical
// files; another seed does not.
func TestRunIsReproducible(t *testing.T) {
	dir := t.TempDir()
	run := func(name, seed string) string {
		out := filepath.Join(dir, name)
		if code, _, stderr := call(t, "run", "--scenario", "road-rage", "--seed", seed, "--out", out, "--ticks", "60", "--events", "--quiet", "--set", "citizens=300"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		return out
	}
	a, b, c := run("a", "5"), run("b", "5"), run("c", "6")
	for _, f := range []string{"actors.csv", "ticks.csv", "cascades.csv", "events.csv", "summary.json", "observed.json", "ticks.png", "ticks.svg", "cascade_sizes.png"} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", f)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, "events.csv"))
	y, _ := os.ReadFile(filepath.Join(c, "events.csv"))
	if bytes.Equal(x, y) {
		t.Error("events.csv is the same for seeds 5 and 6")
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("base = \"status-quo\"\n# comment\nproxy_use = 2\n"), 0o644)
	typo := filepath.Join(dir, "typo.toml")
	os.WriteFile(typo, []byte("atribution_skill = 0.5\n"), 0o644)
	broken := filepath.Join(dir, "broken.toml")
	os.WriteFile(broken, []byte("ticks = [\n"), 0o644)
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown scenario", []string{"--scenario", "utopia"}, []string{`unknown scenario "utopia"`, "status-quo", "road-rage"}},
		{"missing file", []string{"--scenario", filepath.Join(dir, "nope.toml")}, []string{"nope.toml", "cannot read"}},
		{"out of range in file", []string{"--scenario", bad}, []string{"bad.toml:3", "proxy_use = 2", "from 0 to 1"}},
		{"typo in file", []string{"--scenario", typo}, []string{"typo.toml:1", `did you mean "attribution_skill"`}},
		{"malformed file", []string{"--scenario", broken}, []string{"broken.toml", "malformed TOML"}},
		{"unknown --set", []string{"--set", "hotlines=0.5"}, []string{"--set hotlines=0.5", `did you mean "hotline"`}},
		{"out of range --set", []string{"--set", "hotline=1.5"}, []string{"--set hotline=1.5", "hotline = 1.5", "from 0 to 1"}},
		{"bad choice --set", []string{"--set", "hack_back=legal"}, []string{"hack_back = legal", "illegal, licensed, free"}},
		{"not integer --set", []string{"--set", "states=2.5"}, []string{"states = 2.5", "not an integer"}},
		{"malformed --set", []string{"--set", "hotline"}, []string{"--set hotline", "key=value"}},
		{"inconsistent", []string{"--set", "answer_delay=20"}, []string{"answer_delay = 20", "answer_window = 14"}},
		{"bad seed", []string{"--seed", "-3"}, []string{"--seed", "unsigned"}},
		{"bad ticks", []string{"--ticks", "-5"}, []string{"--ticks -5"}},
		{"unknown flag", []string{"--sead", "3"}, []string{"sead"}},
		{"stray argument", []string{"extra"}, []string{`unexpected argument "extra"`}},
		{"--at tick out of range", []string{"--ticks", "10", "--at", "10:hotline=0.5"}, []string{"--at 10:hotline=0.5", "from 0 to 9"}},
		{"--at structural", []string{"--at", "5:firms=3"}, []string{"--at 5:firms=3", "structure"}},
		{"--at malformed", []string{"--at", "5hotline"}, []string{"TICK:key=value"}},
		{"--at out of range", []string{"--at", "5:hotline=7"}, []string{"--at 5:hotline=7", "from 0 to 1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(c.name, " ", "-"))
			code, stdout, stderr := call(t, append([]string{"run", "--out", out}, c.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr: %s", code, stderr)
			}
			if stdout != "" || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("bad input should give one line on stderr and nothing on stdout; stdout %q, stderr %q", stdout, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written despite the error", out)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".out-*")); len(left) > 0 {
				t.Errorf("temporary directories left behind: %v", left)
			}
		})
	}
}

// TestFailedRunKeepsOldOutput: a run that fails leaves an existing output
// directory exactly as it was.
func TestFailedRunKeepsOldOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := call(t, "run", "--out", out, "--ticks", "5", "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "ticks.csv"))
	if code, _, _ := call(t, "run", "--out", out, "--set", "hotline=9"); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	after, _ := os.ReadFile(filepath.Join(out, "ticks.csv"))
	if !bytes.Equal(before, after) {
		t.Error("a failed run changed the existing output")
	}
}

// TestInterventions: --at changes the run from its tick on, and not before.
func TestInterventions(t *testing.T) {
	dir := t.TempDir()
	run := func(name string, extra ...string) [][]string {
		out := filepath.Join(dir, name)
		args := append([]string{"run", "--out", out, "--ticks", "80", "--quiet", "--plots=false"}, extra...)
		if code, _, stderr := call(t, args...); code != 0 {
			t.Fatal(stderr)
		}
		return readCSV(t, filepath.Join(out, "ticks.csv"))
	}
	plain := run("plain")
	changed := run("changed", "--at", "40:hack_back=free", "--at", "40:hack_back_share=0.8")
	for i := 1; i <= 40; i++ {
		if strings.Join(plain[i], ",") != strings.Join(changed[i], ",") {
			t.Fatalf("tick %d differs before the intervention", i-1)
		}
	}
	col := -1
	for i, h := range plain[0] {
		if h == "hackback" {
			col = i
		}
	}
	if col < 0 {
		t.Fatal("ticks.csv has no hackback column")
	}
	total := 0
	for _, r := range changed[41:] {
		n, _ := strconv.Atoi(r[col])
		total += n
	}
	if total == 0 {
		t.Error("no hack backs after hack_back became free at tick 40")
	}
}

func TestScenariosListsEveryPreset(t *testing.T) {
	code, out, _ := call(t, "scenarios")
	if code != 0 {
		t.Fatal(code)
	}
	for _, n := range []string{"status-quo", "licensed-privateers", "road-rage", "defend-forward", "cyber-peace", "p4x", "blue-security", "branching", "observed-world"} {
		if !strings.Contains(out, n+" ") {
			t.Errorf("scenarios lacks %s", n)
		}
	}
	if got := strings.Count(strings.TrimSpace(out), "\n") + 1; got != 9 {
		t.Errorf("%d lines, want one per preset (9)", got)
	}
}

func TestParams(t *testing.T) {
	code, out, _ := call(t, "params", "--scenario", "road-rage")
	if code != 0 || !strings.Contains(out, "hack_back") || !strings.Contains(out, "free*") {
		t.Errorf("params text: exit %d\n%s", code, out)
	}
	code, out, _ = call(t, "params", "--json")
	var doc struct {
		Parameters []struct {
			Name  string `json:"name"`
			Essay string `json:"essay"`
			Unit  string `json:"unit"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 {
		t.Fatalf("params --json: exit %d, %v", code, err)
	}
	if len(doc.Parameters) != len(model.Registry()) {
		t.Errorf("%d parameters in JSON, registry has %d", len(doc.Parameters), len(model.Registry()))
	}
	for _, p := range doc.Parameters {
		if p.Essay == "" || p.Unit == "" {
			t.Errorf("parameter %s lacks essay or unit", p.Name)
		}
	}
	if code, _, stderr := call(t, "params", "--scenario", "nowhere"); code != 2 || !strings.Contains(stderr, "nowhere") {
		t.Errorf("params with a bad scenario: exit %d %s", code, stderr)
	}
}

// TestParametersDocIsCurrent keeps docs/parameters.md equal to the registry.
func TestParametersDocIsCurrent(t *testing.T) {
	_, out, _ := call(t, "params", "--markdown")
	path := filepath.Join("..", "..", "docs", "parameters.md")
	if *update {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != out {
		t.Error("docs/parameters.md is stale: run go test ./cmd/escalate -run TestParametersDocIsCurrent -update")
	}
}

func TestStory(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := call(t, "run", "--scenario", "road-rage", "--out", out, "--ticks", "120", "--events", "--quiet", "--plots=false"); code != 0 {
		t.Fatal(stderr)
	}
	// The largest cascade.
	rows := readCSV(t, filepath.Join(out, "cascades.csv"))
	idCol, sizeCol := -1, -1
	for i, h := range rows[0] {
		switch h {
		case "id":
			idCol = i
		case "size":
			sizeCol = i
		}
	}
	best, bestSize := "", 0
	for _, r := range rows[1:] {
		if n, _ := strconv.Atoi(r[sizeCol]); n > bestSize {
			best, bestSize = r[idCol], n
		}
	}
	code, story, stderr := call(t, "story", "--out", out, "--cascade", best)
	if code != 0 {
		t.Fatalf("story: exit %d: %s", code, stderr)
	}
	if got := strings.Count(story, "Day "); got < bestSize {
		t.Errorf("story of a cascade of %d acts has %d day sentences:\n%s", bestSize, got, story)
	}
	if code, _, stderr := call(t, "story", "--out", out, "--cascade", "99999999"); code != 2 || stderr == "" {
		t.Errorf("story of a missing cascade: exit %d", code)
	}
	noEvents := filepath.Join(t.TempDir(), "plain")
	call(t, "run", "--out", noEvents, "--ticks", "5", "--quiet", "--plots=false")
	if code, _, stderr := call(t, "story", "--out", noEvents, "--cascade", "0"); code != 2 || !strings.Contains(stderr, "--events") {
		t.Errorf("story without events.csv: exit %d, %s", code, stderr)
	}
	if code, _, _ := call(t, "story", "--out", out); code != 2 {
		t.Error("story without --cascade should be bad input")
	}
}

func TestHelpVersionAndUnknownVerb(t *testing.T) {
	if code, out, _ := call(t, "--help"); code != 0 || !strings.Contains(out, "run") || !strings.Contains(out, "story") {
		t.Errorf("--help: %d %s", code, out)
	}
	for _, v := range verbs() {
		code, out, _ := call(t, v.name, "--help")
		if code != 0 || strings.Count(out, "Usage: escalate "+v.name) != 1 {
			t.Errorf("%s --help: exit %d, want the usage once: %s", v.name, code, out)
		}
		if strings.Contains(out, "\n  -") && !strings.Contains(out, "\n  --") {
			t.Errorf("%s --help lists flags with one dash: %s", v.name, out)
		}
	}
	if code, _, stderr := call(t, "--bogus"); code != 2 || !strings.Contains(stderr, "unknown flag --bogus") {
		t.Errorf("unknown top-level flag: %d %s", code, stderr)
	}
	if code, out, _ := call(t, "--version"); code != 0 || !strings.HasPrefix(out, "escalate ") {
		t.Errorf("--version: %d %q", code, out)
	}
	if code, _, stderr := call(t, "fly"); code != 2 || !strings.Contains(stderr, "unknown verb") {
		t.Errorf("unknown verb: %d %s", code, stderr)
	}
	if code, _, _ := call(t); code != 2 {
		t.Error("no arguments should be bad input")
	}
}

// TestInterruptedRunWritesNothing builds the program, interrupts a long run
// with Ctrl-C (SIGINT) and with SIGTERM, and checks that it exits with
// status 130 and leaves neither the output nor a temporary directory.
func TestInterruptedRunWritesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "escalate")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			work := filepath.Join(dir, strings.ReplaceAll(sig.String(), " ", "-"))
			os.Mkdir(work, 0o755)
			interruptRun(t, bin, work, sig)
		})
	}
}

func interruptRun(t *testing.T, bin, dir string, sig syscall.Signal) {
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "run", "--out", out, "--ticks", "100000000", "--set", "citizens=20000")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the run has started writing into its temporary directory.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m, _ := filepath.Glob(filepath.Join(dir, ".out.tmp-*")); len(m) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the run never started")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(sig)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Errorf("an interrupted run: %v, want exit status %d", err, exitInterrupted)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an interrupted run left its output directory")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".out*")); len(m) > 0 {
		t.Errorf("an interrupted run left %v", m)
	}
}

// The program's release is the one CITATION.cff cites.
func TestReleaseMatchesCitation(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "CITATION.cff"))
	if err != nil {
		t.Fatal(err)
	}
	var cited string
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "version: "); ok {
			cited = strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	if cited != release {
		t.Errorf("CITATION.cff cites version %q, the program says %q", cited, release)
	}
	if code, out, _ := call(t, "--version"); code != 0 || !strings.HasPrefix(out, "escalate "+release) {
		t.Errorf("--version: %d %q", code, out)
	}
}
