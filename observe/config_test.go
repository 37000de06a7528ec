package observe

import (
	"strings"
	"testing"
)

// Every setting's default is in its range, documented, and read back by
// Values; a bad value or name is refused with what is allowed.
func TestSettings(t *testing.T) {
	c := DefaultConfig()
	for i, s := range Settings() {
		if s.Meaning == "" || s.Basis == "" || s.Unit == "" {
			t.Errorf("%s: meaning, basis and unit are required", s.Name)
		}
		if strings.ContainsAny(s.Meaning+s.Basis+s.Unit, "|\n") {
			t.Errorf("%s: a | or a newline would break the documentation's table", s.Name)
		}
		if v := c.Values()[i]; v[0] != s.Name || v[1] != s.Default {
			t.Errorf("Values()[%d] = %v, want %s = %s", i, v, s.Name, s.Default)
		}
	}
	want := Config{Gap: 30, ReportingThreshold: 0.8, ReplyWindow: 365, PrivateTargets: PrivateCritical, WidespreadVictims: 2,
		SeverityNuisance: 2, SeverityOutage: 2, SeverityTheft: 3, SeverityWidespreadTheft: 4, SeverityDestruction: 5,
		SeverityDestroyed: 6, SeverityCritical: 7, SeverityArmed: 9}
	if c != want {
		t.Errorf("DefaultConfig() = %+v, want %+v", c, want)
	}
	for _, bad := range []struct{ name, value, want string }{
		{"gap", "0", "gap = 0 is out of range: allowed an integer from 1 to 3650"},
		{"gap", "2.5", "gap = 2.5 is not an integer: allowed an integer from 1 to 3650"},
		{"reporting_threshold", "1.5", "reporting_threshold = 1.5 is out of range: allowed a number from 0 to 1"},
		{"reporting_threshold", "NaN", "reporting_threshold = NaN is not a number"},
		{"reporting_threshold", "high", "reporting_threshold = high is not a number"},
		{"severity_theft", "11", "severity_theft = 11 is out of range: allowed an integer from 1 to 10"},
		{"widespread_victims", "9", "allowed an integer from 2 to 8"},
		{"private_targets", "all", "private_targets = all is not a choice: allowed one of critical, firms"},
		{"reply_windw", "3", `unknown observation setting "reply_windw" (did you mean "reply_window"?)`},
	} {
		err := c.Set(bad.name, bad.value)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Set(%s, %s) = %v, want %q", bad.name, bad.value, err, bad.want)
		}
	}
	if c != want {
		t.Error("a refused value changed the settings")
	}
	if err := c.Set("reply_window", " 180 "); err != nil || c.ReplyWindow != 180 {
		t.Errorf("Set(reply_window, 180): %v, %d", err, c.ReplyWindow)
	}
}

// observed.json reads back to the same bytes, with its statistics,
// intervals and settings.
func TestReportRoundTrip(t *testing.T) {
	cfg := DefaultConfig()
	cfg.ReplyWindow, cfg.PrivateTargets = 200, PrivateFirms
	rep := NewReport(fixture(t), cfg, []string{"incidents.csv", "pairs.csv"}, &Bootstrap{Replicates: 50, Seed: 3, Level: 0.95})
	path := t.TempDir() + "/observed.json"
	if err := rep.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadReport(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(back.Marshal()), string(rep.Marshal()); got != want {
		t.Errorf("read back:\n%s\nwant\n%s", got, want)
	}
	if back.Config != cfg || back.FirstYear != 2001 || len(back.Intervals) != len(Statistics()) {
		t.Errorf("read back %+v", back)
	}
	var b strings.Builder
	if err := back.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"observed: DCID 2.0: incidents.csv, pairs.csv, 2001-2003 (36 months)", "reply_window=200", "95% bootstrap percentile intervals, 50 replicates",
		"\nincidents  ", "\nreply_lag_median_days  ", "none", "undefined"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("table lacks %q:\n%s", w, b.String())
		}
	}
}
