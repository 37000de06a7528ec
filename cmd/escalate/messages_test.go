package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// flagsOf returns the flags that `escalate VERB --help` lists, name to
// kind (int, float, uint, string, ...; "" for a boolean).
func flagsOf(t *testing.T, verb string) map[string]string {
	t.Helper()
	code, out, stderr := call(t, verb, "--help")
	if code != 0 {
		t.Fatalf("%s --help: exit %d: %s", verb, code, stderr)
	}
	flags := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(line, "  --"); ok {
			name, kind, _ := strings.Cut(rest, " ")
			flags[name] = kind
		}
	}
	return flags
}

// badInput runs a command line that must be refused as bad input: exit
// status 2, one line on stderr holding every one of want, nothing on
// stdout. It returns the line.
func badInputLine(t *testing.T, args []string, want ...string) string {
	t.Helper()
	code, stdout, stderr := call(t, args...)
	if code != exitUsage || stdout != "" || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
		t.Errorf("%q: exit %d (want %d), stdout %q, stderr %q", args, code, exitUsage, stdout, stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("%q: stderr %q lacks %q", args, strings.TrimSpace(stderr), w)
		}
	}
	return stderr
}

// TestNumericFlagsNameTheirRange: every numeric flag of every verb refuses
// a malformed, infinite, NaN or out-of-range value with a message that
// names the flag, the value and the allowed range; a boolean flag refuses
// what is not true or false.
func TestNumericFlagsNameTheirRange(t *testing.T) {
	numeric := map[string]bool{"int": true, "int64": true, "uint": true, "uint64": true, "float": true, "duration": true}
	checked := 0
	for _, v := range verbs() {
		for name, kind := range flagsOf(t, v.name) {
			switch {
			case numeric[kind]:
				for _, bad := range []string{"abc", "1e12x", "1e999", "-99999999999999999999", "99999999999999999999", "NaN", "-Inf"} {
					badInputLine(t, []string{v.name, "--" + name, bad}, "--"+name+" "+bad+": ", "allowed ")
				}
				checked++
			case kind == "":
				badInputLine(t, []string{v.name, "--" + name + "=maybe"}, "--"+name+" maybe: ", "true or false")
			}
		}
	}
	if checked < 7 { // run's --seed and --ticks, three --workers, --scale, --cascade
		t.Errorf("only %d numeric flags found in the verbs' --help", checked)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--ticks", "1000000000000"}, "--ticks 1000000000000: out of range: allowed an integer from 1 to 100000000, or 0 for the scenario's length"},
		{[]string{"run", "--ticks", "1e12"}, "--ticks 1e12: not an integer: allowed an integer from 1 to 100000000, or 0 for the scenario's length"},
		{[]string{"sweep", "--workers", "0"}, "--workers 0: out of range: allowed an integer from 1 to 1024"},
		{[]string{"experiment", "claim1", "--scale", "0"}, "--scale 0: out of range: allowed a number above 0 and at most 1000"},
		{[]string{"experiment", "claim1", "--scale", "Inf"}, "--scale Inf: infinite values are not allowed: allowed a number above 0 and at most 1000"},
		{[]string{"story", "--cascade", "-4"}, "--cascade -4: out of range: allowed a cascade id: an integer from 0"},
		{[]string{"run", "--seed"}, "--seed needs a value: allowed an integer from 0 to 18446744073709551615"},
		{[]string{"run", "--set", "hotline=Inf"}, "hotline = Inf: infinite values are not allowed: allowed a number from 0 to 1"},
		{[]string{"run", "--set", "hotline=NaN"}, "hotline = NaN: NaN (not a number) is not allowed: allowed a number from 0 to 1"},
	} {
		badInputLine(t, c.args, c.want)
	}
}

// TestMisspeltNamesSuggest: scenario, sweep spec, sensitivity spec and
// experiment names, flags and verbs get "did you mean", as parameters do.
func TestMisspeltNamesSuggest(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--scenario", "road-rag"}, `unknown scenario "road-rag" (did you mean "road-rage"?)`},
		{[]string{"params", "--scenario", "defend-froward"}, `unknown scenario "defend-froward" (did you mean "defend-forward"?)`},
		{[]string{"sweep", "--spec", "dmo"}, `unknown sweep spec "dmo" (did you mean "demo"?)`},
		{[]string{"sensitivity", "--spec", "sensitivity-dem"}, `unknown sensitivity spec "sensitivity-dem" (did you mean "sensitivity-demo"?)`},
		{[]string{"experiment", "clam3"}, `unknown experiment "clam3" (did you mean "claim3"?)`},
		{[]string{"run", "--sed", "3"}, "unknown flag --sed (did you mean --seed?)"},
		{[]string{"sweep", "--worker", "3"}, "unknown flag --worker (did you mean --workers?)"},
		{[]string{"rnu"}, `unknown verb "rnu" (did you mean "run"?)`},
		{[]string{"--verison"}, "unknown flag --verison (did you mean --version?)"},
	} {
		badInputLine(t, c.args, c.want)
	}
	// Nothing near: no suggestion.
	for _, args := range [][]string{{"run", "--scenario", "utopia"}, {"run", "--zzzzzz", "1"}, {"fly"}} {
		if line := badInputLine(t, args); strings.Contains(line, "did you mean") {
			t.Errorf("%q: suggests something far: %s", args, line)
		}
	}
}

// TestGivenTwice: a parameter set twice, or the run's length given by
// --ticks and --set ticks=N, is bad input, as a key given twice in a file.
func TestGivenTwice(t *testing.T) {
	badInputLine(t, []string{"run", "--set", "firms=10", "--set", "firms=20"}, "--set firms=20: firms is also set by --set firms=10")
	badInputLine(t, []string{"run", "--set", "ticks=10", "--ticks", "20"}, "--set ticks=10: the run's length is also given by --ticks 20")
	badInputLine(t, []string{"run", "--at", "5:hotline=0.1", "--at", "5:hotline=0.2"}, "--at 5:hotline=0.2: hotline is also changed at tick 5 by --at 5:hotline=0.1")
}

// TestStoryNamesTheProblem: story's --cascade and --out say what is wrong
// with the value given.
func TestStoryNamesTheProblem(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nosuchdir")
	badInputLine(t, []string{"story", "--out", missing, "--cascade", "3"}, "--out "+missing+": the folder does not exist")
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	badInputLine(t, []string{"story", "--out", file, "--cascade", "3"}, "--out "+file+": it is a file, not a folder")
	badInputLine(t, []string{"story", "--out", dir}, "--cascade ID is required: a cascade id from 0")
	badInputLine(t, []string{"story", "--cascade", "-4"}, "--cascade -4: ", "from 0")
}

// TestHelpListsVersionAndExitStatuses: escalate --help lists every verb,
// version among them, and the exit statuses; escalate version works as
// a verb.
func TestHelpListsVersionAndExitStatuses(t *testing.T) {
	_, out, _ := call(t, "--help")
	for _, v := range verbs() {
		if !regexp.MustCompile(`(?m)^  ` + v.name + ` `).MatchString(out) {
			t.Errorf("--help does not list %s", v.name)
		}
	}
	for _, w := range []string{"  version ", "Exit status:", "  0 ", "  1 ", "  2 ", "  130 "} {
		if !strings.Contains(out, w) {
			t.Errorf("--help lacks %q:\n%s", w, out)
		}
	}
	if code, out, _ := call(t, "version"); code != 0 || !strings.HasPrefix(out, "escalate "+release) {
		t.Errorf("escalate version: exit %d, %q", code, out)
	}
	if code, out, _ := call(t, "version", "--help"); code != 0 || !strings.Contains(out, "Usage: escalate version") {
		t.Errorf("escalate version --help: exit %d, %q", code, out)
	}
}

// TestNoBarePlurals: no message of the program writes a count before a
// plural noun without choosing the noun by the count ("1 cascades"):
// counts go through narrate.Count.
func TestNoBarePlurals(t *testing.T) {
	bare := regexp.MustCompile(`%(d|v|\.0f) [a-z][a-z-]*s\b[^/]`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := bare.FindString(line); m != "" && strings.Contains(line, `"`) {
				t.Errorf("%s:%d: %q writes a count before a plural whatever the count: use narrate.Count", f, i+1, m)
			}
		}
	}
}
