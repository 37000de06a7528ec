package calibrate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShippedSpec: the shipped spec loads, its target has a scale for
// every statistic it uses, and its priors lie in their parameters' ranges.
func TestShippedSpec(t *testing.T) {
	if got := Shipped(); len(got) == 0 || got[0] != "dcid" {
		t.Fatalf("shipped calibration specs %v, want dcid", got)
	}
	s, err := Load("dcid")
	if err != nil {
		t.Fatal(err)
	}
	tg := s.Target()
	if err := tg.Validate(); err != nil {
		t.Fatal(err)
	}
	for k, name := range tg.Names {
		if !(tg.Scale[k] > 0) {
			t.Errorf("%s: scale %v", name, tg.Scale[k])
		}
	}
	if s.Sweep.Ticks != 5475 || len(s.Priors) < 8 || s.Citation == "" {
		t.Errorf("ticks %d, %d priors, citation %q", s.Sweep.Ticks, len(s.Priors), s.Citation)
	}
}

// TestSpecErrors: every mistake is one message naming the file, the line
// and what is allowed.
func TestSpecErrors(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "tiny.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		old, new string
		want     string
	}{
		{`description =`, "replicates = 2\ndescription =", `unknown key "replicates" in a calibration spec`},
		{`particles = 12`, `particle = 12`, `unknown key "particle" in [calibration] (did you mean "particles"?)`},
		{`particles = 12`, `particles = 1`, `particles = 1: allowed an integer from 2 to 1000000`},
		{`quantile = 0.5`, `quantile = 1.5`, `quantile = 1.5: allowed a number above 0 and below 1`},
		{`"reply_share"]`, `"reply_shar"]`, `"reply_shar" is not a pattern statistic (did you mean "reply_share"?)`},
		{`"reply_share"]`, `"incidents"]`, `incidents has no observed value or scale`},
		{`"reply_share"]`, `"reply_share", "reply_share"]`, `lists reply_share twice`},
		{`target = "../../assets/calibration/dcid-2000-2014.json"`, `target = "nothere.json"`, `target = "nothere.json":`},
		{`state_disruption_share = {`, `states = {`, `states is also in [fixed]`},
		{`state_disruption_share = { kind = "uniform", from = 0, to = 0.8 }`, `hack_back = { kind = "uniform", from = 0, to = 1 }`, `hack_back is a choice: only numbers can be calibrated`},
		{`state_answer_lag = { kind = "uniform", from = 0, to = 50, integer = true }`, `state_answer_lag = { kind = "uniform", from = 0, to = 50 }`, `integer parameter: add integer = true`},
		{`to = 0.8 }`, `to = 1.8 }`, `from 0 to 1.8 leaves state_disruption_share's range: allowed a number from 0 to 1`},
		{`kind = "loguniform"`, `kind = "normal"`, `espionage_rate`},
		{`espionage_rate =`, `espionage_rat =`, `unknown parameter "espionage_rat" (did you mean "espionage_rate"?)`},
		{`kind = "uniform", from = 0, to = 0.8 }`, `kind = "uniform", from = 0, to = 0.8, mean = 1 }`, `unknown key "mean" in a prior`},
	}
	for _, c := range cases {
		text := strings.Replace(string(good), c.old, c.new, 1)
		if text == string(good) {
			t.Fatalf("%q not in tiny.toml", c.old)
		}
		path := filepath.Join(t.TempDir(), "bad.toml")
		target, _ := filepath.Abs(filepath.Join("..", "assets", "calibration", "dcid-2000-2014.json"))
		text = strings.Replace(text, `"../../assets/calibration/dcid-2000-2014.json"`, `"`+target+`"`, 1)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path+":") {
			t.Errorf("%s -> %s: error %v, want one naming %s:LINE and containing %q", c.old, c.new, err, path, c.want)
		}
	}
	if _, err := Load("dcdi"); err == nil || !strings.Contains(err.Error(), `(did you mean "dcid"?)`) {
		t.Errorf("unknown shipped spec: %v", err)
	}
}

// The preset's description says what the spec calibrated on, in its own
// words, and how many parameters; without a description, the target file.
func TestPresetDescription(t *testing.T) {
	s, err := Load("dcid")
	if err != nil {
		t.Fatal(err)
	}
	want := "the observed world: states' operations, power, rivalries and answers, calibrated on DCID 2.0 (2000-2014); 14 parameters at their posterior medians (docs/calibration.md), the rest as in status-quo"
	if got := presetDescription(s, s.Priors); got != want {
		t.Errorf("description\n %q\nwant\n %q", got, want)
	}
	preset, err := os.ReadFile(filepath.Join("..", "assets", "presets", "observed-world.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(preset), fmt.Sprintf("description = %q", want)) {
		t.Error("the shipped observed-world preset does not carry the description the calibration writes")
	}
	s.Description = ""
	if got := presetDescription(s, s.Priors[:2]); !strings.HasPrefix(got, "the observed world: calibrated on "+s.TargetFile+"; 2 parameters") {
		t.Errorf("without a description: %q", got)
	}
}
