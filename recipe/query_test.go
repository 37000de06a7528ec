package recipe

import (
	"errors"
	"net/url"
	"reflect"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// TestParseQuery: a page address's recipe, with every bad value left out
// and said why, exactly.
func TestParseQuery(t *testing.T) {
	p4x, err := scenario.Load("p4x") // a story preset: a seed of its own
	if err != nil || !p4x.OwnSeed || p4x.Seed == 1 {
		t.Fatalf("p4x: %v, seed %d", err, p4x.Seed)
	}
	small := func(p *model.Params) error {
		if p.Firms > 500 {
			return errors.New("too many firms for this test")
		}
		return nil
	}
	tests := []struct {
		query string
		want  Recipe
		errs  []string
	}{
		{"", Default(), nil},
		{"scenario=road-rage&seed=7&ticks=40&set=firms=100&at=30:hotline=0.5&at=3:hack_back=free&at=3:hotline=0.2",
			Recipe{Scenario: "road-rage", Seed: 7, Ticks: 40, Sets: []Setting{{"firms", "100"}},
				At: []Change{{3, "hack_back", "free"}, {3, "hotline", "0.2"}, {30, "hotline", "0.5"}}}, nil},
		{"scenario=road-rage&scenario=p4x", Recipe{Scenario: "p4x", Seed: p4x.Seed}, nil},
		{"scenario=p4x&seed=x", Recipe{Scenario: "p4x", Seed: p4x.Seed}, []string{"seed=x: not an unsigned integer: allowed an integer from 0 to 18446744073709551615"}},
		{"scenario=p4x&seed=3", Recipe{Scenario: "p4x", Seed: 3}, nil},
		{"scenario=my.toml", Default(), []string{"scenario=my.toml: not a preset: allowed status-quo, licensed-privateers, road-rage, defend-forward, cyber-peace, p4x, blue-security, branching, observed-world"}},
		{"seed=-1", Default(), []string{"seed=-1: not an unsigned integer: allowed an integer from 0 to 18446744073709551615"}},
		{"ticks=x", Default(), []string{"ticks=x: not an integer: allowed an integer from 1 to 100000000, or 0 for the scenario's length"}},
		{"ticks=1e12", Default(), []string{"ticks=1e12: not an integer: allowed an integer from 1 to 100000000, or 0 for the scenario's length"}},
		{"ticks=1000000000000", Default(), []string{"ticks=1000000000000: out of range: allowed an integer from 1 to 100000000, or 0 for the scenario's length"}},
		{"scenario=road-rag", Default(), []string{`scenario=road-rag: not a preset (did you mean "road-rage"?): allowed status-quo, licensed-privateers, road-rage, defend-forward, cyber-peace, p4x, blue-security, branching, observed-world`}},
		// Given twice: the last counts, and the one dropped is reported.
		{"set=firms=10&set=hotline=0.5&set=firms=20", Recipe{Scenario: "status-quo", Seed: 1, Sets: []Setting{{"hotline", "0.5"}, {"firms", "20"}}},
			[]string{"set=firms=10: firms is set again by set=firms=20, which is used"}},
		{"set=firms=10&set=firms=900", Recipe{Scenario: "status-quo", Seed: 1, Sets: []Setting{{"firms", "10"}}},
			[]string{"set=firms=900: too many firms for this test"}},
		{"set=ticks=10&ticks=20", Recipe{Scenario: "status-quo", Seed: 1, Ticks: 20},
			[]string{"set=ticks=10: the run's length is also given by ticks=20, which is used"}},
		{"set=ticks=10&ticks=0", Default(),
			[]string{"set=ticks=10: the run's length is also given by ticks=0, which is used"}},
		{"at=5:hotline=0.1&at=6:hotline=0.3&at=5:hotline=0.2", Recipe{Scenario: "status-quo", Seed: 1, At: []Change{{5, "hotline", "0.2"}, {6, "hotline", "0.3"}}},
			[]string{"at=5:hotline=0.1: hotline is changed again at tick 5 by at=5:hotline=0.2, which is used"}},
		{"ticks=0", Default(), nil},
		{"set=firms=900&set=hotline=0.2", Recipe{Scenario: "status-quo", Seed: 1, Sets: []Setting{{"hotline", "0.2"}}},
			[]string{"set=firms=900: too many firms for this test"}},
		{"set=answer_delay=20&set=answer_window=30&set=answer_delay=20",
			Recipe{Scenario: "status-quo", Seed: 1, Sets: []Setting{{"answer_window", "30"}, {"answer_delay", "20"}}},
			[]string{"set=answer_delay=20: answer_delay = 20 is larger than answer_window = 14: an answer must come within the window"}},
		{"set=hotline=2&set=x", Default(), []string{
			"set=hotline=2: hotline = 2 is out of range: allowed a number from 0 to 1",
			"set=x: expected key=value, e.g. set=attribution_skill=0.9"}},
		{"ticks=10&at=10:hotline=1&at=9:hotline=1", Recipe{Scenario: "status-quo", Seed: 1, Ticks: 10, At: []Change{{9, "hotline", "1"}}},
			[]string{"at=10:hotline=1: tick 10 is outside the run: allowed an integer from 0 to 9 (the run has 10 ticks)"}},
		{"at=5:firms=3&at=5hotline", Default(), []string{
			"at=5hotline: expected TICK:key=value, e.g. at=120:attribution_skill=0.9",
			"at=5:firms=3: firms fixes the world's structure and cannot change during a run"}},
	}
	for _, tc := range tests {
		values, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		got, errs := ParseQuery(values, small)
		var texts []string
		for _, e := range errs {
			texts = append(texts, e.Error())
			if e.Form != Address {
				t.Errorf("%q: %v is not in the address form", tc.query, e)
			}
		}
		if !reflect.DeepEqual(got, tc.want) || !reflect.DeepEqual(texts, tc.errs) {
			t.Errorf("%q:\ngot  %+v %q\nwant %+v %q", tc.query, got, texts, tc.want, tc.errs)
		}
		if _, err := got.Resolve(Address); err != nil {
			t.Errorf("%q: the recipe read does not resolve: %v", tc.query, err)
		}
	}
}
