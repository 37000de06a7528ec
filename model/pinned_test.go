package model_test

import (
	"testing"

	"github.com/escalation-model/escalation/model"
)

// The pinned runs digest, like TestGoldenRuns, every act, cascade record
// and tick of runs in regimes the golden runs' small worlds do not reach.
// Their digests were computed before the model's act path was optimised
// (dense capacity counters, remembered Poisson sums, the direct ChaCha8
// draws, packed cascade slots and actor sets); they must not change when
// the model is made faster. branching-big's digest was computed again when
// innocent harms stopped counting the bystanders of root acts and of the
// author of the act answered (docs/ODD.md 2.2); nothing else of it changed.
// Both were computed again when records gained fields (the cascades'
// exchanges between states, the causes of firms' destruction): with those
// fields left out, the digests are the ones before. And again when the
// ticks gained counts of new act kinds (states' sabotage and disruption
// operations), always 0 in these runs: every act, cascade and other tick
// field is as before.
var pinnedRuns = []struct {
	name   string
	set    [][2]string
	seed   uint64
	digest string
}{
	// The branching limit case with 10,001 actors, 500 root acts a day
	// (Poisson means far above a chunk of 8) and mean offspring 0.6: about
	// a thousand cascades open at once, the largest involving dozens of
	// actors (actor sets outgrow their inline cells into hash tables that
	// grow).
	{"branching-big", [][2]string{
		{"mechanics", "branching"}, {"states", "1"}, {"firms", "0"}, {"citizens", "10000"}, {"criminals", "0"},
		{"hacktivists", "0"}, {"vigilantes", "0"}, {"capacity", "20"}, {"answer_window", "1"}, {"answer_delay", "1"},
		{"root_rate", "500"}, {"answer_probability", "0.3"}, {"collateral_mean", "1"}, {"ticks", "60"},
	}, 3, "bf5884f20646091f37c7f9c423060ca1dbbb9c3136a164f6c27e6c5d00ca845f"},
	// The cyber rules in a larger, hotter world than the golden ones: free
	// hack back, escalatory states, defend forward and vigilantes, so that
	// answers are delayed up to answer_delay ticks, capacity binds and every
	// Poisson place draws with means that change from tick to tick.
	{"cyber-big", [][2]string{
		{"states", "8"}, {"firms", "1500"}, {"citizens", "4000"}, {"criminals", "150"}, {"hacktivists", "40"},
		{"vigilantes", "20"}, {"hack_back", "free"}, {"hack_back_share", "0.6"}, {"state_doctrine", "escalatory"},
		{"defend_forward", "0.2"}, {"capacity", "2"}, {"ticks", "200"},
	}, 5, "6453c096bbcb3c533ee0bce610183003245f33c41f8b9ba9cc919722ea3c37b4"},
}

func TestPinnedRuns(t *testing.T) {
	for _, r := range pinnedRuns {
		p := model.DefaultParams()
		for _, kv := range r.set {
			if err := p.Set(kv[0], kv[1]); err != nil {
				t.Fatalf("%s: %s = %s: %v", r.name, kv[0], kv[1], err)
			}
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		d := newGoldenDigest()
		m, err := model.New(p, r.seed, d)
		if err != nil {
			t.Fatal(err)
		}
		for range p.Ticks {
			d.Tick(m.Step())
		}
		tot := m.Finish()
		d.record("F", tot)
		if got := d.Sum(); got != r.digest {
			t.Errorf("%s: digest of %d acts and %d cascades (largest %d acts, %d dropped) is %s, pinned %s",
				r.name, d.acts, d.cascades, tot.MaxSize, tot.Dropped, got, r.digest)
		}
	}
}
