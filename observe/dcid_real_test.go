package observe

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestRealDCID checks the statistics of DCID 2.0's files for 2000-2014,
// kept outside the repository in the folder ESCALATE_DCID names, against
// the facts measured from them by hand.
func TestRealDCID(t *testing.T) {
	dir := os.Getenv("ESCALATE_DCID")
	if dir == "" {
		t.Skip("ESCALATE_DCID is not set: set it to the folder holding DCID 2.0's incidents-2000-2014.csv and response-pairs-2000-2014.csv to check their statistics")
	}
	r, err := ReadDCID(filepath.Join(dir, "incidents-2000-2014.csv"), filepath.Join(dir, "response-pairs-2000-2014.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if r.FirstYear != 2000 || r.Years != 15 || r.Months != 180 {
		t.Errorf("period %d, %v years, %d months; want 2000-2014, 180 months", r.FirstYear, r.Years, r.Months)
	}
	s := Compute(r, DefaultConfig().ReplyWindow)
	n := 213.0
	for _, c := range []struct {
		name      string
		want, tol float64
	}{
		{"incidents", 213, 0}, {"active_dyads", 27, 0}, {"initiators", 14, 0},
		{"severity_1_share", 9 / n, 1e-12}, {"severity_2_share", 80 / n, 1e-12}, {"severity_3_share", 73 / n, 1e-12},
		{"severity_4_share", 43 / n, 1e-12}, {"severity_5_share", 4 / n, 1e-12}, {"severity_6_share", 4 / n, 1e-12},
		{"severity_7_share", 0, 0}, {"severity_10_share", 0, 0}, {"severity_mean", 2.84, 0.005},
		{"top4_initiators_share", 0.76, 0.005}, {"top5_dyads_share", 0.54, 0.005}, {"both_sides_share", 0.41, 0.005},
		{"incidents_per_dyad_year", 0.53, 0.005}, {"dyad_month_share", 0.037, 0.0005},
		{"objective_disruption_share", 0.34, 0.005}, {"objective_short_espionage_share", 0.31, 0.005},
		{"objective_long_espionage_share", 0.24, 0.005}, {"objective_degradation_share", 0.11, 0.005},
		{"target_private_share", 0.29, 0.005}, {"target_government_share", 0.71, 0.005}, {"target_military_share", 0.16, 0.005},
		// 212 pairs; 37 cyber replies, 25 of them 0 to 365 days on (lag
		// median 13 days), 5 dated before their incident; 11 pairs flagged.
		{"pairs", 212, 0}, {"coded_reply_share", 37.0 / 212, 1e-12}, {"reply_share", 25.0 / 212, 1e-12},
		{"reply_lag_median_days", 13, 0}, {"replies_dated_before", 5, 0}, {"escalation_share", 11.0 / 212, 1e-12},
	} {
		got, _ := s.Value(c.name)
		if math.Abs(got-c.want) > c.tol || math.IsNaN(got) {
			t.Errorf("%s = %v, want %v (±%v)", c.name, got, c.want, c.tol)
		}
	}
}
