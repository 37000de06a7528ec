package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/recipe"
	"github.com/escalation-model/escalation/sweep"
)

// TestOneRecipeThreeWays: one recipe with timed changes — several on one
// tick, one on the first tick, one on the last — gives the same ticks,
// byte for byte, from escalate run, from the page (its session, step by
// step, and its download) and from a sweep.
func TestOneRecipeThreeWays(t *testing.T) {
	const spec = `base = "road-rage"
master_seed = 4
ticks = 50

[fixed]
firms = 80
citizens = 200

[at.0]
false_flag = 0.3

[at.20]
hotline = 0.4
hack_back = "licensed"

[at.49]
proxy_use = 0.9

[vary]
"at.20.license_share" = [0.9]
`
	s, err := sweep.Parse([]byte(spec), "three.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	plan.Outputs.Series = true
	r := plan.Recipe(0)
	want := []recipe.Change{{Tick: 0, Key: "false_flag", Value: "0.3"}, {Tick: 20, Key: "hotline", Value: "0.4"}, {Tick: 20, Key: "hack_back", Value: "licensed"}, {Tick: 20, Key: "license_share", Value: "0.9"}, {Tick: 49, Key: "proxy_use", Value: "0.9"}}
	if !reflect.DeepEqual(r.At, want) {
		t.Fatalf("the sweep's run has changes %v, want %v", r.At, want)
	}

	// The sweep.
	res, err := plan.Execute(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	swept := strings.Join(res.Ticks, "\n")

	// The command line.
	out := filepath.Join(t.TempDir(), "run")
	if code, _, stderr := call(t, append(append([]string{"run"}, r.Args()...), "--out", out, "--plots=false", "--quiet")...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	file, err := os.ReadFile(filepath.Join(out, "ticks.csv"))
	if err != nil {
		t.Fatal(err)
	}
	header, body, _ := bytes.Cut(file, []byte("\n"))
	command := strings.TrimSuffix(string(body), "\n")

	// The page, from the address of the same recipe.
	st, notes := live.ParseQuery(r.Query())
	if len(notes) > 0 {
		t.Fatal(notes)
	}
	sess, err := live.New(st)
	if err != nil {
		t.Fatal(err)
	}
	var page []string
	for {
		if _, ok := sess.Step(); !ok {
			break
		}
		page = append(page, string(sess.Row(nil)))
	}
	exp, err := live.Export(st, 50)
	if err != nil {
		t.Fatal(err)
	}

	if len(res.Ticks) != 50 || command != swept {
		t.Errorf("escalate run and the sweep differ (%d rows in the sweep)", len(res.Ticks))
	}
	if strings.Join(page, "\n") != swept {
		t.Errorf("the page and the sweep differ (%d rows on the page)", len(page))
	}
	if !bytes.Equal(exp.Ticks, file) || !bytes.HasPrefix(exp.Ticks, append(header, '\n')) {
		t.Error("the page's download differs from escalate run's ticks.csv")
	}
	if got := sess.State().Command(); got != r.Command() || got != plan.Command(0) {
		t.Errorf("replay commands differ:\npage  %s\nsweep %s\nrun   %s", got, plan.Command(0), r.Command())
	}

	// The changes matter: without them the run is another.
	st.At = nil
	plain, err := live.Export(st, 50)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(plain.Ticks, file) {
		t.Error("the timed changes changed nothing")
	}
}
