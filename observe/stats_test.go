package observe

import (
	"math"
	"path/filepath"
	"testing"
)

// fixture reads the hand-written files of testdata, in DCID's columns:
// 8 fictional incidents in 4 dyads, 2001-2003, and 6 pairs.
func fixture(t *testing.T) *Record {
	t.Helper()
	r, err := ReadDCID(filepath.Join("testdata", "incidents.csv"), filepath.Join("testdata", "pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestStatisticsOfTheFixture checks every statistic of the fixture
// against its value worked out by hand from the files.
func TestStatisticsOfTheFixture(t *testing.T) {
	r := fixture(t)
	if r.FirstYear != 2001 || r.Years != 3 || r.Months != 36 {
		t.Fatalf("period %d, %v years, %d months; want 2001, 3, 36", r.FirstYear, r.Years, r.Months)
	}
	nan := math.NaN()
	want := map[string]float64{
		"incidents":    8,
		"active_dyads": 4, // 2365, 2710, 731732, 750770
		"initiators":   5, // 365, 2, 710, 731, 770
		// 8 / (4 dyads * 3 years)
		"incidents_per_dyad_year": 8.0 / 12,
		// 2365: January 2001 (two incidents) and June 2002; 2710: May
		// 2001, December 2003; 731732: February 2002 (two); 750770:
		// August 2003: 6 of 4 * 36 dyad-months.
		"dyad_month_share": 6.0 / 144,
		"both_sides_share": 0.25, // only in 2365 do both states initiate
		// 365, 710 and 731 initiate 2 each, then 2 or 770 one.
		"top4_initiators_share": 7.0 / 8,
		"top5_dyads_share":      1, // there are only 4 dyads
		"severity_mean":         (1 + 2*3 + 3 + 4 + 5 + 6) / 8.0,
		"severity_1_share":      1.0 / 8, "severity_2_share": 3.0 / 8, "severity_3_share": 1.0 / 8,
		"severity_4_share": 1.0 / 8, "severity_5_share": 1.0 / 8, "severity_6_share": 1.0 / 8,
		"severity_7_share": 0, "severity_8_share": 0, "severity_9_share": 0, "severity_10_share": 0,
		"objective_disruption_share":      4.0 / 8,
		"objective_espionage_share":       2.0 / 8,
		"objective_short_espionage_share": 1.0 / 8,
		"objective_long_espionage_share":  1.0 / 8,
		"objective_degradation_share":     2.0 / 8,
		"target_private_share":            3.0 / 8,
		"target_government_share":         5.0 / 8,
		"target_military_share":           1.0 / 8,
		"method_vandalism_share":          2.0 / 8, "method_denial_share": 2.0 / 8,
		"method_intrusion_share": 2.0 / 8, "method_infiltration_share": 2.0 / 8,
		"pairs": 6,
		// Pair 2's reply 35 days on and pair 5's the same day; pair 1's
		// comes 507 days on (past the window) and pair 4's a day before.
		"reply_share":           2.0 / 6,
		"reply_lag_median_days": 17.5,
		"coded_reply_share":     4.0 / 6,
		"replies_dated_before":  1,
		// Pairs 1 and 2 carry the flag (pair 1 on its second row only).
		"escalation_share":        2.0 / 6,
		"reply_more_severe_share": 1.0 / 6, // pair 2: 3 after 2
		"pairs_severity_1_2":      3, "escalation_share_severity_1_2": 1.0 / 3,
		"pairs_severity_3_4": 2, "escalation_share_severity_3_4": 0.5,
		"pairs_severity_5_6": 1, "escalation_share_severity_5_6": 0,
		"pairs_severity_7_10": 0, "escalation_share_severity_7_10": nan,
	}
	got := Compute(r, DefaultConfig().ReplyWindow)
	for i, st := range Statistics() {
		w, ok := want[st.Name]
		if !ok {
			t.Errorf("%s: no value worked out by hand", st.Name)
			continue
		}
		if g := got[i]; !(g == w || math.IsNaN(g) && math.IsNaN(w) || math.Abs(g-w) < 1e-12) {
			t.Errorf("%s = %v, want %v", st.Name, g, w)
		}
	}
	if len(want) != len(Statistics()) {
		t.Errorf("%d values worked out for %d statistics", len(want), len(Statistics()))
	}
}

// A shorter reply window leaves pair 2's reply (35 days) out; without the
// update sheet the pair statistics are undefined; a run's record leaves
// the espionage terms and military targets undefined.
func TestStatisticsFollowTheRecord(t *testing.T) {
	r := fixture(t)
	s := Compute(r, 30)
	if v, _ := s.Value("reply_share"); v != 1.0/6 {
		t.Errorf("reply_share with a 30-day window = %v, want 1/6", v)
	}
	r.HasPairs, r.Pairs = false, nil
	r.CodesMilitary, r.CodesEspionageTerm = false, false
	s = Compute(r, 365)
	for _, name := range []string{"pairs", "reply_share", "reply_lag_median_days", "escalation_share", "pairs_severity_1_2", "target_military_share", "objective_short_espionage_share"} {
		if v, _ := s.Value(name); !math.IsNaN(v) {
			t.Errorf("%s = %v, want undefined", name, v)
		}
	}
	if v, _ := s.Value("objective_espionage_share"); v != 0.25 {
		t.Errorf("objective_espionage_share = %v, want 0.25 when the terms are not told apart", v)
	}
	empty := Compute(&Record{Years: 1, Months: 12, HasPairs: true}, 365)
	if v, _ := empty.Value("incidents"); v != 0 {
		t.Errorf("incidents of an empty record = %v", v)
	}
	if v, _ := empty.Value("severity_mean"); !math.IsNaN(v) {
		t.Errorf("severity_mean of an empty record = %v, want undefined", v)
	}
}

// The bootstrap is reproducible from its seed, gives no interval where
// resampling within dyads cannot vary a statistic or only biases it, and
// brackets the statistics it can vary.
func TestBootstrap(t *testing.T) {
	r := fixture(t)
	b := Bootstrap{Replicates: 400, Seed: 7, Level: 0.95}
	a, c := Intervals(r, 365, b), Intervals(r, 365, b)
	s := Compute(r, 365)
	for i, st := range Statistics() {
		same := a[i] == c[i] || math.IsNaN(a[i].Lo) && math.IsNaN(c[i].Lo)
		if !same {
			t.Errorf("%s: intervals %v and %v from the same seed", st.Name, a[i], c[i])
		}
		switch {
		case st.NoInterval != "":
			if !math.IsNaN(a[i].Lo) || !math.IsNaN(a[i].Hi) {
				t.Errorf("%s: interval %v, want none (%s)", st.Name, a[i], st.NoInterval)
			}
		case !math.IsNaN(s[i]) && !(a[i].Lo <= s[i] && s[i] <= a[i].Hi) && st.Name != "reply_lag_median_days":
			t.Errorf("%s = %v outside its interval %v", st.Name, s[i], a[i])
		}
	}
	for _, name := range []string{"severity_mean", "top4_initiators_share", "escalation_share"} {
		i := index(name)
		if !(a[i].Lo < a[i].Hi) {
			t.Errorf("%s: interval %v has no width", name, a[i])
		}
	}
}

func index(name string) int {
	for i, st := range Statistics() {
		if st.Name == name {
			return i
		}
	}
	panic("no statistic " + name)
}

func TestQuantileAndMedian(t *testing.T) {
	v := []float64{1, 2, 3, 4}
	for _, c := range []struct{ q, want float64 }{{0, 1}, {1, 4}, {0.5, 2.5}, {0.25, 1.75}} {
		if got := quantile(v, c.q); got != c.want {
			t.Errorf("quantile(%v, %v) = %v, want %v", v, c.q, got, c.want)
		}
	}
	if !math.IsNaN(quantile(nil, 0.5)) || !math.IsNaN(median(nil)) {
		t.Error("quantile or median of nothing is not NaN")
	}
	if median([]int{5, 1, 3}) != 3 || median([]int{4, 1}) != 2.5 {
		t.Error("median is wrong")
	}
}

// TestScales: a statistic the bootstrap varies has the standard deviation
// of its replicates as its scale, the shares and rates it holds fixed
// their binomial or Poisson standard error, counts none.
func TestScales(t *testing.T) {
	r := fixture(t)
	s := Compute(r, 365)
	sc := Scales(r, 365, Bootstrap{Replicates: 400, Seed: 7, Level: 0.95})
	v := func(name string) float64 { return s[index(name)] }
	n, dyads := float64(len(r.Incidents)), v("active_dyads")
	binomial := func(x, over float64) float64 { return math.Sqrt(x * (1 - x) / over) }
	for _, c := range []struct {
		name string
		want float64
	}{
		{"incidents_per_dyad_year", math.Sqrt(n) / (dyads * r.Years)},
		{"dyad_month_share", binomial(v("dyad_month_share"), dyads*float64(r.Months))},
		{"both_sides_share", binomial(v("both_sides_share"), dyads)},
		{"top5_dyads_share", binomial(v("top5_dyads_share"), n)},
	} {
		if got := sc[index(c.name)]; math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: scale %v, want %v", c.name, got, c.want)
		}
	}
	for _, name := range []string{"incidents", "active_dyads", "initiators", "pairs"} {
		if got := sc[index(name)]; !math.IsNaN(got) {
			t.Errorf("%s: scale %v, want none (a count)", name, got)
		}
	}
	// A bootstrapped share: the SD of its replicates lies inside its 95%
	// interval's half-width times a factor near 1/1.96.
	iv := Intervals(r, 365, Bootstrap{Replicates: 400, Seed: 7, Level: 0.95})
	i := index("severity_mean")
	if half := (iv[i].Hi - iv[i].Lo) / 2; !(sc[i] > half/3 && sc[i] < half) {
		t.Errorf("severity_mean: scale %v against an interval of half-width %v", sc[i], half)
	}
}
