package sweep

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output"
	"github.com/escalation-model/escalation/recipe"
)

// timedSpec has timed changes in every run and a timed change's value on
// each axis, one quoted and one written as dotted keys.
const timedSpec = `
base = "road-rage"
replicates = 2
master_seed = 3
ticks = 40

[fixed]
firms = 60
citizens = 150

[at.20]
hotline = 0.5
"firm_skill+poor_skill" = 0.9

[at.5]
proxy_use = 0.2

[vary]
"at.20.hack_back" = ["illegal", "free"]
at.10.hack_back_share = [0.2, 0.8]

[outputs]
series = true
plots = false
`

func parsePlan(t *testing.T, text string) *Plan {
	t.Helper()
	s, err := Parse([]byte(text), "spec.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTimedSpec: [at.TICK] changes and timed factors become each run's
// changes, in the order the driver makes them, and its replay command.
func TestTimedSpec(t *testing.T) {
	p := parsePlan(t, timedSpec)
	wantAt := []Timed{{5, "proxy_use", "0.2"}, {20, "hotline", "0.5"}, {20, "firm_skill+poor_skill", "0.9"}}
	if !reflect.DeepEqual(p.At, wantAt) {
		t.Errorf("At = %v, want %v", p.At, wantAt)
	}
	want := []Column{{"at.20.hack_back", "choice", "grid", []string{"illegal", "free"}}, {"at.10.hack_back_share", "float", "grid", []string{"0.2", "0.8"}}}
	if !reflect.DeepEqual(p.Factors, want) {
		t.Errorf("Factors = %v, want %v", p.Factors, want)
	}
	// Condition 3 is hack_back free at 20, hack_back_share 0.8 at 10.
	wantChanges := []recipe.Change{{Tick: 5, Key: "proxy_use", Value: "0.2"}, {Tick: 10, Key: "hack_back_share", Value: "0.8"}, {Tick: 20, Key: "hotline", Value: "0.5"}, {Tick: 20, Key: "firm_skill", Value: "0.9"}, {Tick: 20, Key: "poor_skill", Value: "0.9"}, {Tick: 20, Key: "hack_back", Value: "free"}}
	if got := p.Changes(3); !reflect.DeepEqual(got, wantChanges) {
		t.Errorf("Changes(3) = %v, want %v", got, wantChanges)
	}
	wantCommand := "escalate run --scenario road-rage --seed " + p.Command(7)[strings.Index(p.Command(7), "--seed ")+7:strings.Index(p.Command(7), " --ticks")] +
		" --ticks 40 --set firms=60 --set citizens=150 --at 5:proxy_use=0.2 --at 10:hack_back_share=0.8 --at 20:hotline=0.5 --at 20:firm_skill=0.9 --at 20:poor_skill=0.9 --at 20:hack_back=free"
	if got := p.Command(7); got != wantCommand {
		t.Errorf("Command(7) =\n%s\nwant\n%s", got, wantCommand)
	}
	r, err := recipe.ParseCommand(p.Command(7))
	if err != nil || !reflect.DeepEqual(r, p.Recipe(7)) {
		t.Errorf("the replay command reads back as %+v, %v; want %+v", r, err, p.Recipe(7))
	}
	params, err := p.Params(3)
	if err != nil || params.Firms != 60 || params.HackBackShare != 0.6 || params.Ticks != 40 {
		t.Errorf("Params(3): firms %d, hack_back_share %v (road-rage's 0.6: the timed change is not a setting), ticks %d, %v", params.Firms, params.HackBackShare, params.Ticks, err)
	}

	// The same spec with both timed factors quoted, or both dotted, is the
	// same plan.
	for _, edit := range [][2]string{{`at.10.hack_back_share`, `"at.10.hack_back_share"`}, {`"at.20.hack_back"`, `at.20.hack_back`}} {
		q := parsePlan(t, strings.Replace(timedSpec, edit[0], edit[1], 1))
		if q.Hash() != p.Hash() {
			t.Errorf("writing %s as %s changed the plan", edit[0], edit[1])
		}
	}
}

// TestTimedRunsAsDriven: a sweep's run with timed changes is the recipe's
// run, tick for tick, as any driver of the recipe runs it.
func TestTimedRunsAsDriven(t *testing.T) {
	p := parsePlan(t, timedSpec)
	for _, i := range []int{1, 6} {
		res, err := p.Execute(context.Background(), i)
		if err != nil {
			t.Fatal(err)
		}
		d, err := p.Recipe(i).Driver(recipe.CommandLine)
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		d.Run(context.Background(), func(s *model.TickStats) { rows = append(rows, string(output.AppendTickRow(nil, s))) })
		if !reflect.DeepEqual(rows, res.Ticks) {
			t.Errorf("run %d: the sweep's series differs from the recipe's run", i)
		}
	}
	plain := parsePlan(t, strings.Replace(timedSpec, "[at.5]\nproxy_use = 0.2\n", "", 1))
	a, _ := p.Execute(context.Background(), 0)
	b, _ := plain.Execute(context.Background(), 0)
	if !reflect.DeepEqual(a.Ticks[:5], b.Ticks[:5]) || reflect.DeepEqual(a.Ticks[5:], b.Ticks[5:]) {
		t.Error("a change at tick 5 should change the run from tick 5 on, and not before")
	}
}

// TestTimedSpecErrors: mistakes in timed changes, with their exact messages.
func TestTimedSpecErrors(t *testing.T) {
	cases := []struct{ spec, want string }{
		{"ticks = 50\n[at.60]\nhotline = 0.5\n", "spec.toml:3: at.60.hotline: tick 60 is outside the run: allowed an integer from 0 to 49 (the run has 50 ticks)"},
		{"ticks = 50\n[vary]\n\"at.60.hotline\" = [0.1, 0.5]\n", "spec.toml:3: condition 0 (at.60.hotline = 0.1): vary.at.60.hotline: tick 60 is outside the run: allowed an integer from 0 to 49 (the run has 50 ticks)"},
		{"[at.5]\nfirms = 3\n", "spec.toml:2: at.5.firms: firms fixes the world's structure and cannot change during a run"},
		{"[at.5]\nticks = 3\n", "spec.toml:2: at.5.ticks: ticks is the length of the run and cannot change during it"},
		{"[at.5]\nhotline = [0.1, 0.2]\n", `spec.toml:2: at.5.hotline: is a list: a timed change takes one value; to vary it, write "at.5.hotline" = [...] in [vary]`},
		{"[at.05]\nhotline = 0.1\n", `spec.toml:1: at.05: the tick "05" is not a whole number written without sign or leading zeros: allowed an integer from 0 to the run's last tick, e.g. [at.100]`},
		{"at = 3\n", `spec.toml:1: at: must be tables of changes by tick, e.g. [at.100] followed by hack_back = "free"`},
		{"[at.5]\nhotline = 0.1\n[vary]\nat.5.hotline = [0.2, 0.3]\n", "spec.toml:4: vary.at.5.hotline: at.5.hotline is also given on line 2: name each parameter once"},
		{"[at.5]\nhotline = 7\n", "spec.toml:2: at.5.hotline = 7 is out of range: allowed a number from 0 to 1"},
		{"[at.5]\nhotlin = 0.3\n", `spec.toml:2: at.5.hotlin: unknown parameter "hotlin" (did you mean "hotline"?)`},
		{"[vary]\n\"at.5.firms\" = [3, 4]\n", "spec.toml:2: vary.at.5.firms: firms fixes the world's structure and cannot change during a run"},
		{"[vary]\n\"at.5\" = [3, 4]\n", `spec.toml:2: vary.at.5: "at.5" is not the name of a timed change: write at.TICK.key, e.g. "at.100.hack_back"`},
		{"[at.5]\nanswer_delay = 20\n", "spec.toml:2: at.5.answer_delay: answer_delay = 20 is larger than answer_window = 14: an answer must come within the window"},
	}
	for _, c := range cases {
		s, err := Parse([]byte(c.spec), "spec.toml", "")
		if err == nil {
			_, err = s.Plan()
		}
		if err == nil || err.Error() != c.want {
			t.Errorf("%q:\n%v\nwant\n%s", c.spec, err, c.want)
		}
	}
	// A parameter fixed from the start may also change during the run, and
	// be changed at several ticks.
	parsePlan(t, "[fixed]\nhotline = 0.2\n[at.5]\nhotline = 0.3\n[at.6]\nhotline = 0.4\n[vary]\n\"at.7.hotline\" = [0.1]\n")
}

// TestHashWithoutTimedChanges: a spec without [at] has the hash it had
// before timed changes existed, so sweeps started then still resume. The
// pinned value changes with what else decides the runs and their tables:
// it was last updated when the plan came to hold the description of its
// conditions (the factors' levels, the sample's generator) instead of
// their list (hash format 2), which sweep.json of format 1 cannot match;
// and when parameters were added (states' power, rivalries, operations,
// their breadth and answer lag), which changed the defaults every plan records.
func TestHashWithoutTimedChanges(t *testing.T) {
	if got := tinyPlan(t, false).Hash(); got != "2f42c7d69bea488baf8c6ce1963c5b47a7038837ac56a6b7cbb7e3c4faaac8e0" {
		t.Errorf("hash %s", got)
	}
}

// TestSettingsCheckedAsEscalateRun: a condition's settings are checked as
// its replay command checks them, the rules that tie parameters together
// once for all of them, so their order in the spec does not matter.
func TestSettingsCheckedAsEscalateRun(t *testing.T) {
	p := parsePlan(t, "[fixed]\nanswer_delay = 20\n[vary]\nanswer_window = [30, 40]\n")
	params, err := p.Params(1)
	if err != nil || params.AnswerDelay != 20 || params.AnswerWindow != 40 {
		t.Errorf("Params(1) = delay %d, window %d, %v", params.AnswerDelay, params.AnswerWindow, err)
	}
}
