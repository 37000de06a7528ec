package recipe

import (
	"reflect"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/scenario"
)

// TestParseItems: the one parser of key=value, TICK:key=value and seeds,
// good and bad, with the exact messages in both forms.
func TestParseItems(t *testing.T) {
	tests := []struct {
		form Form
		kind string // set, at or seed
		text string
		want any    // Setting, Change or uint64 when good
		err  string // the exact message when bad
	}{
		{CommandLine, KeySet, "hotline=0.5", Setting{"hotline", "0.5"}, ""},
		{CommandLine, KeySet, " hotline = 0.5 ", Setting{"hotline", "0.5"}, ""},
		{CommandLine, KeySet, "hack_back=", Setting{"hack_back", ""}, ""},
		{CommandLine, KeySet, "description=a=b", Setting{"description", "a=b"}, ""},
		{CommandLine, KeySet, "hotline", nil, "--set hotline: expected key=value, e.g. --set attribution_skill=0.9"},
		{CommandLine, KeySet, "=3", nil, "--set =3: expected key=value, e.g. --set attribution_skill=0.9"},
		{CommandLine, KeySet, "a b", nil, "--set 'a b': expected key=value, e.g. --set attribution_skill=0.9"},
		{Address, KeySet, "hotline", nil, "set=hotline: expected key=value, e.g. set=attribution_skill=0.9"},
		{Address, KeySet, "a b", nil, "set=a+b: expected key=value, e.g. set=attribution_skill=0.9"},

		{CommandLine, KeyAt, "120:hotline=0.5", Change{120, "hotline", "0.5"}, ""},
		{CommandLine, KeyAt, " 7 : hack_back = free ", Change{7, "hack_back", "free"}, ""},
		{CommandLine, KeyAt, "-3:hotline=1", Change{-3, "hotline", "1"}, ""}, // outside the run: Resolve says so
		{CommandLine, KeyAt, "12key=3", nil, "--at 12key=3: expected TICK:key=value, e.g. --at 120:attribution_skill=0.9"},
		{CommandLine, KeyAt, "12:key", nil, "--at 12:key: expected TICK:key=value, e.g. --at 120:attribution_skill=0.9"},
		{CommandLine, KeyAt, "12:=3", nil, "--at 12:=3: expected TICK:key=value, e.g. --at 120:attribution_skill=0.9"},
		{CommandLine, KeyAt, "x:hotline=1", nil, `--at x:hotline=1: tick "x" is not an integer: allowed an integer from 0 to the run's last tick, e.g. --at 120:attribution_skill=0.9`},
		{CommandLine, KeyAt, "1.5:hotline=1", nil, `--at 1.5:hotline=1: tick "1.5" is not an integer: allowed an integer from 0 to the run's last tick, e.g. --at 120:attribution_skill=0.9`},
		{Address, KeyAt, "12key=3", nil, "at=12key=3: expected TICK:key=value, e.g. at=120:attribution_skill=0.9"},
		{Address, KeyAt, "x:hotline=1", nil, `at=x:hotline=1: tick "x" is not an integer: allowed an integer from 0 to the run's last tick, e.g. at=120:attribution_skill=0.9`},

		{CommandLine, KeySeed, "18446744073709551615", uint64(18446744073709551615), ""},
		{CommandLine, KeySeed, " 7 ", uint64(7), ""},
		{CommandLine, KeySeed, "-3", nil, "--seed -3: not an unsigned integer: allowed an integer from 0 to 18446744073709551615"},
		{CommandLine, KeySeed, "18446744073709551616", nil, "--seed 18446744073709551616: not an unsigned integer: allowed an integer from 0 to 18446744073709551615"},
		{Address, KeySeed, "abc", nil, "seed=abc: not an unsigned integer: allowed an integer from 0 to 18446744073709551615"},
	}
	for _, tc := range tests {
		var got any
		var err error
		switch tc.kind {
		case KeySet:
			got, err = ParseSetting(tc.form, tc.text)
		case KeyAt:
			got, err = ParseChange(tc.form, tc.text)
		default:
			got, err = ParseSeed(tc.form, tc.text)
		}
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%s %q: error %v, want %q", tc.kind, tc.text, err, tc.err)
			}
			if e, ok := err.(*Error); !ok || e.Key != tc.kind || e.Text != tc.text {
				t.Errorf("%s %q: error %#v does not name its key and text", tc.kind, tc.text, err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %q = %#v, %v; want %#v", tc.kind, tc.text, got, err, tc.want)
		}
	}
}

// TestResolve: a recipe's world, and the exact message of each thing it
// refuses.
func TestResolve(t *testing.T) {
	base := Recipe{Scenario: "status-quo", Seed: 1}
	with := func(edit func(r *Recipe)) Recipe {
		r := base.Clone()
		edit(&r)
		return r
	}
	tests := []struct {
		name string
		r    Recipe
		form Form
		err  string
	}{
		{"plain", base, CommandLine, ""},
		{"changes in any order", with(func(r *Recipe) {
			r.At = []Change{{300, "hotline", "0.5"}, {0, "hack_back", "free"}, {364, "hotline", "0.1"}}
		}), CommandLine, ""},
		{"together, not one by one", with(func(r *Recipe) {
			r.Sets = []Setting{{"answer_delay", "20"}, {"answer_window", "30"}}
		}), CommandLine, ""},
		{"tick past the end", with(func(r *Recipe) { r.At = []Change{{365, "hotline", "0.5"}} }), CommandLine,
			"--at 365:hotline=0.5: tick 365 is outside the run: allowed an integer from 0 to 364 (the run has 365 ticks)"},
		{"tick before the start", with(func(r *Recipe) { r.At = []Change{{-1, "hotline", "0.5"}} }), Address,
			"at=-1:hotline=0.5: tick -1 is outside the run: allowed an integer from 0 to 364 (the run has 365 ticks)"},
		{"tick past --ticks", with(func(r *Recipe) { r.Ticks = 10; r.At = []Change{{10, "hotline", "0.5"}} }), CommandLine,
			"--at 10:hotline=0.5: tick 10 is outside the run: allowed an integer from 0 to 9 (the run has 10 ticks)"},
		{"tick past set ticks", with(func(r *Recipe) {
			r.Sets = []Setting{{"ticks", "20"}}
			r.At = []Change{{25, "hotline", "0.5"}}
		}), CommandLine, "--at 25:hotline=0.5: tick 25 is outside the run: allowed an integer from 0 to 19 (the run has 20 ticks)"},
		{"structural", with(func(r *Recipe) { r.At = []Change{{5, "firms", "3"}} }), CommandLine,
			"--at 5:firms=3: firms fixes the world's structure and cannot change during a run"},
		{"run length", with(func(r *Recipe) { r.At = []Change{{5, "ticks", "30"}} }), CommandLine,
			"--at 5:ticks=30: ticks is the length of the run and cannot change during it"},
		{"unknown", with(func(r *Recipe) { r.At = []Change{{5, "hotlines", "0.5"}} }), CommandLine,
			`--at 5:hotlines=0.5: unknown parameter "hotlines" (did you mean "hotline"?)`},
		{"out of range", with(func(r *Recipe) { r.At = []Change{{5, "hotline", "7"}} }), CommandLine,
			"--at 5:hotline=7: hotline = 7 is out of range: allowed a number from 0 to 1"},
		{"bad choice", with(func(r *Recipe) { r.At = []Change{{5, "hack_back", "legal"}} }), Address,
			"at=5:hack_back=legal: hack_back = legal is out of range: allowed one of illegal, licensed, free"},
		{"tied to another", with(func(r *Recipe) { r.At = []Change{{5, "answer_delay", "20"}} }), CommandLine,
			"--at 5:answer_delay=20: answer_delay = 20 is larger than answer_window = 14: an answer must come within the window"},
		{"negative ticks", with(func(r *Recipe) { r.Ticks = -5 }), CommandLine,
			"--ticks -5: out of range: allowed an integer from 1 to 100000000, or 0 for the scenario's length"},
		{"too many ticks", with(func(r *Recipe) { r.Ticks = 200_000_000 }), CommandLine,
			"--ticks 200000000: out of range: allowed an integer from 1 to 100000000, or 0 for the scenario's length"},
		{"bad setting", with(func(r *Recipe) { r.Sets = []Setting{{"hotline", "1.5"}} }), CommandLine,
			"--set hotline=1.5: hotline = 1.5 is out of range: allowed a number from 0 to 1"},
		{"settings that do not fit", with(func(r *Recipe) { r.Sets = []Setting{{"answer_delay", "20"}} }), CommandLine,
			"--set answer_delay=20: answer_delay = 20 is larger than answer_window = 14: an answer must come within the window"},
		{"unknown scenario", with(func(r *Recipe) { r.Scenario = "utopia" }), CommandLine,
			`scenario: unknown scenario "utopia": not a preset (status-quo, licensed-privateers, road-rage, defend-forward, cyber-peace, p4x, blue-security, branching, observed-world) nor a file`},
		{"misspelt scenario", with(func(r *Recipe) { r.Scenario = "road-rag" }), CommandLine,
			`scenario: unknown scenario "road-rag" (did you mean "road-rage"?): not a preset (status-quo, licensed-privateers, road-rage, defend-forward, cyber-peace, p4x, blue-security, branching, observed-world) nor a file`},
	}
	for _, tc := range tests {
		sc, err := tc.r.Resolve(tc.form)
		if tc.err == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			if tc.r.Ticks == 0 && sc.Params.Ticks != 365 {
				t.Errorf("%s: %d ticks", tc.name, sc.Params.Ticks)
			}
			continue
		}
		if err == nil || err.Error() != tc.err {
			t.Errorf("%s: error\n%v\nwant\n%s", tc.name, err, tc.err)
		}
	}
}

// TestFormats: the replay command, its flags and the address query, and
// what reads each back.
func TestFormats(t *testing.T) {
	r := Recipe{
		Scenario: "my world.toml", Seed: 42, Ticks: 90,
		Sets: []Setting{{"hack_back", "free"}, {"attribution_skill", "0.9"}},
		At:   []Change{{30, "hotline", "0.5"}, {10, "proxy_use", "0.2"}},
	}
	wantCommand := "escalate run --scenario 'my world.toml' --seed 42 --ticks 90 --set hack_back=free --set attribution_skill=0.9 --at 30:hotline=0.5 --at 10:proxy_use=0.2"
	if got := r.Command(); got != wantCommand {
		t.Errorf("Command() =\n%s\nwant\n%s", got, wantCommand)
	}
	wantQuery := "scenario=my+world.toml&seed=42&ticks=90&set=hack_back=free&set=attribution_skill=0.9&at=30:hotline=0.5&at=10:proxy_use=0.2"
	if got := r.Query(); got != wantQuery {
		t.Errorf("Query() =\n%s\nwant\n%s", got, wantQuery)
	}
	back, err := ParseCommand(wantCommand)
	if err != nil || !reflect.DeepEqual(back, r) {
		t.Errorf("ParseCommand(Command()) = %+v, %v; want %+v", back, err, r)
	}
	if got := Default().Command(); got != "escalate run --scenario status-quo --seed 1" {
		t.Errorf("Default().Command() = %s", got)
	}
	if got := Quote("it's"); got != `'it'\''s'` {
		t.Errorf("Quote = %s", got)
	}
	for _, bad := range []string{"escalate sweep --spec demo", "escalate run --out x", "escalate run extra", "escalate run --scenario 'open"} {
		if _, err := ParseCommand(bad); err == nil {
			t.Errorf("ParseCommand(%q) accepted", bad)
		}
	}
	if got := r.Before(30); !reflect.DeepEqual(got, []Change{{10, "proxy_use", "0.2"}}) {
		t.Errorf("Before(30) = %v", got)
	}
}

// TestFlags: escalate run's recipe flags.
func TestFlags(t *testing.T) {
	r, err := ParseArgs([]string{"--seed", "9", "--at", "5:hotline=0.5", "--set", "firms=10", "--at", "2:hack_back=free"})
	want := Recipe{Scenario: "status-quo", Seed: 9, Sets: []Setting{{"firms", "10"}}, At: []Change{{5, "hotline", "0.5"}, {2, "hack_back", "free"}}}
	if err != nil || !reflect.DeepEqual(r, want) {
		t.Errorf("ParseArgs = %+v, %v; want %+v", r, err, want)
	}
	// Without --seed, the scenario's seed.
	for scen, seed := range map[string]uint64{"status-quo": 1, "p4x": storySeed(t, "p4x"), "blue-security": storySeed(t, "blue-security")} {
		if r, err := ParseArgs([]string{"--scenario", scen}); err != nil || r.Seed != seed {
			t.Errorf("--scenario %s without --seed: seed %d, %v; want %d", scen, r.Seed, err, seed)
		}
	}
	if _, err := ParseArgs([]string{"--scenario", "utopia"}); err == nil || !strings.Contains(err.Error(), `unknown scenario "utopia"`) {
		t.Errorf("an unknown scenario without --seed: %v", err)
	}
	for args, msg := range map[string]string{
		"--ticks -1":                   "--ticks -1: out of range: allowed an integer from 1 to 100000000, or 0 for the scenario's length",
		"--ticks 1e12":                 "--ticks 1e12: not an integer: allowed an integer from 1 to 100000000, or 0 for the scenario's length",
		"--ticks 1000000000000":        "--ticks 1000000000000: out of range: allowed an integer from 1 to 100000000, or 0 for the scenario's length",
		"--ticks 99999999999999999999": "--ticks 99999999999999999999: out of range: allowed an integer from 1 to 100000000, or 0 for the scenario's length",
		"--set firms=10 --set hotline=0.5 --set firms=20":          "--set firms=20: firms is also set by --set firms=10: set each parameter once",
		"--ticks 20 --set ticks=10":                                "--set ticks=10: the run's length is also given by --ticks 20: give it once",
		"--set ticks=10 --ticks 0":                                 "--set ticks=10: the run's length is also given by --ticks 0: give it once",
		"--at 5:hotline=0.1 --at 6:hotline=0.5 --at 5:hotline=0.2": "--at 5:hotline=0.2: hotline is also changed at tick 5 by --at 5:hotline=0.1: change a parameter once per tick",
		"--seed x":       "--seed x: not an unsigned integer: allowed an integer from 0 to 18446744073709551615",
		"--at 5hotline":  "--at 5hotline: expected TICK:key=value, e.g. --at 120:attribution_skill=0.9",
		"--set hotline":  "--set hotline: expected key=value, e.g. --set attribution_skill=0.9",
		"--out x":        "flag provided but not defined: -out",
		"--seed 1 extra": `unexpected argument "extra": a recipe has only --scenario, --seed, --ticks, --set and --at`,
	} {
		_, err := ParseArgs(strings.Fields(args))
		if err == nil || err.Error() != msg {
			t.Errorf("ParseArgs(%s): %v, want %q", args, err, msg)
		}
	}
	// The same parameter at different ticks, or set once and changed
	// later, is not given twice.
	for _, args := range []string{"--at 5:hotline=0.1 --at 6:hotline=0.2", "--set ticks=10 --at 0:hotline=0.5", "--set hotline=0.1 --at 0:hotline=0.2", "--ticks 10"} {
		if _, err := ParseArgs(strings.Fields(args)); err != nil {
			t.Errorf("ParseArgs(%s): %v", args, err)
		}
	}
}

// storySeed returns a story preset's own seed.
func storySeed(t *testing.T, name string) uint64 {
	t.Helper()
	sc, err := scenario.Load(name)
	if err != nil || !sc.OwnSeed {
		t.Fatalf("%s: %v (own seed %v)", name, err, sc.OwnSeed)
	}
	return sc.Seed
}
