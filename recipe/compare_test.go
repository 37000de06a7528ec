package recipe

import (
	"strings"
	"testing"
)

func TestParseVariant(t *testing.T) {
	for _, tc := range []struct {
		text, want string
		timed      bool
		err        string
	}{
		{"hack_back=free", "hack_back=free", false, ""},
		{" hotline = 0.8 ", "hotline=0.8", false, ""},
		{"30:hack_back=free", "30:hack_back=free", true, ""},
		{"hack_back", "", false, "compare=hack_back: expected key=value"},
		{"x:hack_back=free", "", false, `compare=x:hack_back=free: tick "x" is not an integer`},
		{"30:=1", "", false, "compare=30:=1: expected TICK:key=value"},
	} {
		v, err := ParseVariant(Address, KeyCompare, tc.text)
		if tc.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Errorf("ParseVariant(%q) error = %v, want %q…", tc.text, err, tc.err)
			}
			continue
		}
		if err != nil || v.String() != tc.want || v.Timed != tc.timed {
			t.Errorf("ParseVariant(%q) = %q timed %v, %v; want %q timed %v", tc.text, v, v.Timed, err, tc.want, tc.timed)
		}
	}
}

func TestWith(t *testing.T) {
	r := Recipe{Scenario: "licensed-privateers", Seed: 3, Sets: []Setting{{"hack_back", "illegal"}, {"firms", "150"}},
		At: []Change{{10, "hotline", "0.5"}, {30, "hack_back", "licensed"}, {40, "hotline", "0.9"}}}
	set, _ := ParseVariant(Address, KeyCompare, "hack_back=free")
	b, err := r.With(Address, KeyCompare, set)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Command(), "escalate run --scenario licensed-privateers --seed 3 --set firms=150 --set hack_back=free --at 10:hotline=0.5 --at 30:hack_back=licensed --at 40:hotline=0.9"; got != want {
		t.Errorf("with a setting:\n got %s\nwant %s", got, want)
	}
	at, _ := ParseVariant(Address, KeyCompare, "30:hack_back=free")
	b, err = r.With(Address, KeyCompare, at)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Command(), "escalate run --scenario licensed-privateers --seed 3 --set hack_back=illegal --set firms=150 --at 10:hotline=0.5 --at 30:hack_back=free --at 40:hotline=0.9"; got != want {
		t.Errorf("with a change:\n got %s\nwant %s", got, want)
	}
	for text, want := range map[string]string{
		"scenario=road-rage": "escalate run --scenario road-rage --seed 3 --set hack_back=illegal --set firms=150 --at 10:hotline=0.5 --at 30:hack_back=licensed --at 40:hotline=0.9",
		"seed=7":             "escalate run --scenario licensed-privateers --seed 7 --set hack_back=illegal --set firms=150 --at 10:hotline=0.5 --at 30:hack_back=licensed --at 40:hotline=0.9",
	} {
		v, _ := ParseVariant(Address, KeyCompare, text)
		b, err := r.With(Address, KeyCompare, v)
		if err != nil {
			t.Fatalf("With(%s): %v", text, err)
		}
		if got := b.Command(); got != want {
			t.Errorf("with %s:\n got %s\nwant %s", text, got, want)
		}
	}
	if len(r.Sets) != 2 || len(r.At) != 3 || r.At[1].Value != "licensed" {
		t.Errorf("With changed its recipe: %+v", r)
	}
	for text, want := range map[string]string{
		"hack_back=sometimes": "compare=hack_back=sometimes: ",
		"400:hotline=0.5":     "compare=400:hotline=0.5: tick 400 is outside the run",
		"ticks=100":           "compare=ticks=100: the two runs must have the same length",
		"nonsense=1":          "compare=nonsense=1: ",
		"scenario=road-rgae":  "compare=scenario=road-rgae: ",
		"30:scenario=p4x":     "compare=30:scenario=p4x: a run's scenario is chosen before its first day",
		"30:seed=2":           "compare=30:seed=2: a run's seed is chosen before its first day",
		"seed=-1":             "compare=seed=-1: not an unsigned integer",
	} {
		v, err := ParseVariant(Address, KeyCompare, text)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.With(Address, KeyCompare, v); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("With(%s) error = %v, want %q…", text, err, want)
		}
	}
}

func TestWithNamesTheMistake(t *testing.T) {
	r := Recipe{Scenario: "status-quo", Seed: 1}
	v, _ := ParseVariant(Address, KeyCompare, "scenario=road-rgae")
	_, err := r.With(Address, KeyCompare, v)
	if err == nil || !strings.Contains(err.Error(), "road-rage") {
		t.Errorf("an unknown scenario: %v, want the preset it may mean", err)
	}
}
