package live

import (
	"strings"
	"testing"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/scenario"
)

func TestLecturerKeysValues(t *testing.T) {
	for cur, next := range map[string]string{"illegal": "licensed", "licensed": "free", "free": "illegal"} {
		if got := NextHackBack(cur); got != next {
			t.Errorf("NextHackBack(%s) = %s, want %s", cur, got, next)
		}
	}
	for _, tc := range []struct {
		cur   string
		delta float64
		want  string
	}{{"0.5", 0.1, "0.6"}, {"0.5", -0.1, "0.4"}, {"0.95", 0.1, "1"}, {"0.05", -0.1, "0"}, {"0.1", 0.1, "0.2"}, {"0.7", 0.1, "0.8"}} {
		got, err := Nudged("attribution_skill", tc.cur, tc.delta)
		if err != nil || got != tc.want {
			t.Errorf("Nudged(attribution_skill, %s, %v) = %q, %v; want %q", tc.cur, tc.delta, got, err, tc.want)
		}
	}
	if _, err := Nudged("hack_back", "free", 0.1); err == nil || !strings.Contains(err.Error(), "hack_back") {
		t.Errorf("nudging a choice: %v", err)
	}
	if _, err := Nudged("attribution_skill", "x", 0.1); err == nil {
		t.Error("nudging a value that is not a number gives no error")
	}
}

// The latest alarm is the last alarming entry of the log with a cascade to
// tell.
func TestLatestAlarm(t *testing.T) {
	st, _ := ParseQuery("scenario=road-rage&seed=3")
	s, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.LatestAlarm(); ok {
		t.Error("an alarm before the first day")
	}
	for range 120 {
		s.Step()
	}
	e, ok := s.LatestAlarm()
	if !ok {
		t.Fatal("no alarm in 120 days of road rage")
	}
	for _, later := range s.Entries(e.Seq) {
		if later.Level >= narrate.Alarming && (later.Act != None || later.Actor != None) {
			t.Errorf("entry %+v is a later alarm than %+v", later, e)
		}
	}
}

// The sliders shown follow the world's parameters.
func TestApplies(t *testing.T) {
	show := func(name string) string {
		sc, err := scenario.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(Applying(sc.Params), " ")
	}
	for name, want := range map[string]string{
		"branching":           "collateral_mean answer_probability",
		"blue-security":       "attribution_skill proxy_use false_flag hack_back hack_back_share hack_back_confidence info_sharing collateral_mean",
		"status-quo":          "attribution_skill proxy_use false_flag hack_back hack_back_share hack_back_confidence vigilante_temper state_doctrine defend_forward hotline info_sharing hygiene_subsidy collateral_mean",
		"licensed-privateers": "attribution_skill proxy_use false_flag hack_back license_share hack_back_share hack_back_confidence vigilante_temper state_doctrine defend_forward hotline info_sharing hygiene_subsidy collateral_mean",
	} {
		if got := show(name); got != want {
			t.Errorf("%s shows\n %s\nwant\n %s", name, got, want)
		}
	}
	if Applies("ticks", scenario.Scenario{}.Params) {
		t.Error("a parameter that is not a control applies")
	}
}
