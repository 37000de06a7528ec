package experiment

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
)

// synth builds a sweep's data from a generator: gen(c, r, metric) is the
// value of a headline metric in replicate r of condition c (0 for metrics
// it does not know).
func synth(factors []string, conds [][]string, reps int, gen func(c, r int, metric string) float64) *Data {
	var t model.Totals
	hs := t.Headlines()
	d := &Data{Factors: factors, Conditions: conds, Replicates: reps, metric: map[string]int{}}
	for i, h := range hs {
		d.metric[h.Name] = i
	}
	for c := range conds {
		for r := range reps {
			row := make([]float64, len(hs))
			for i, h := range hs {
				row[i] = gen(c, r, h.Name)
			}
			d.Runs = append(d.Runs, row)
		}
	}
	return d
}

// grid returns the conditions of a full grid, the first factor slowest.
func grid(levels ...[]string) [][]string {
	out := [][]string{{}}
	for _, lv := range levels {
		var next [][]string
		for _, g := range out {
			for _, v := range lv {
				next = append(next, append(append([]string(nil), g...), v))
			}
		}
		out = next
	}
	return out
}

func analyseSynthetic(t *testing.T, e Experiment, data ...*Data) *Finding {
	t.Helper()
	a := &analysis{e: &e, dir: t.TempDir(), data: data}
	f, err := e.analyse(a)
	if err != nil {
		t.Fatal(err)
	}
	f.Figures = a.figures
	for _, fig := range f.Figures {
		checkPNG(t, a.dir+"/"+fig.File+".png")
	}
	return f
}

// TestClaim2Statement: the displacement verdict and sentence follow the
// synthetic data, whichever way they point.
func TestClaim2Statement(t *testing.T) {
	conds := grid([]string{"illegal", "licensed"}, []string{"0", "0.3", "0.6", "1"})
	cases := []struct {
		name        string
		effect, sd  float64
		reps        int
		want        Verdict
		wantPhrases []string
	}{
		{"displaced", 0.03, 0.005, 20, Holds, []string{"changed the share of attacks", "by +1."}},
		{"drawn away", -0.03, 0.005, 20, DoesNotHold, []string{"by −1."}},
		{"noise", 0, 0.05, 3, Inconclusive, []string{"95% CI −"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, 7))
			d := synth([]string{"hack_back", "license_share"}, conds, c.reps, func(cond, r int, m string) float64 {
				if m != "attacks_below_poverty_share" && m != "damage_below_poverty_share" {
					return 1
				}
				v := 0.5 + c.sd*rng.NormFloat64()
				if conds[cond][0] == "licensed" {
					v += c.effect * mustFloat(conds[cond][1])
				}
				return v
			})
			f := analyseSynthetic(t, claim2, d)
			if f.Verdict != c.want {
				t.Errorf("verdict %v, want %v: %s", f.Verdict, c.want, f.Statement)
			}
			for _, p := range c.wantPhrases {
				if !strings.Contains(f.Statement, p) {
					t.Errorf("statement %q lacks %q", f.Statement, p)
				}
			}
			// The sentence quotes the interval the data give.
			il, li := d.Find("hack_back", "illegal", "license_share", "0.6"), d.Find("hack_back", "licensed", "license_share", "0.6")
			want := ciPoints(WelchDiff(d.Metric(li, "attacks_below_poverty_share"), d.Metric(il, "attacks_below_poverty_share")))
			if !strings.Contains(f.Statement, want) {
				t.Errorf("statement %q does not quote the data's interval %q", f.Statement, want)
			}
		})
	}
}

// TestClaim3Statement: the chance of at least one wrong target in 100 hack
// backs is computed from the measured error rate.
func TestClaim3Statement(t *testing.T) {
	conds := grid([]string{"0.95", "0.97", "0.98", "0.99"}, []string{"0", "0.3"})
	cases := []struct {
		name string
		rate float64
		want Verdict
	}{
		{"two percent", 0.02, Holds},              // 1 - 0.98^100 = 0.87
		{"one in a thousand", 0.001, DoesNotHold}, // 1 - 0.999^100 = 0.095
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := synth([]string{"firm_skill", "collateral_mean"}, conds, 40, func(cond, r int, m string) float64 {
				switch m {
				case "hackbacks":
					return 1000
				case "innocents_harmed":
					return 1000 * (c.rate + 0.0005*float64(2*(r%2)-1))
				case "licences_revoked":
					return 1000 * c.rate / 2
				}
				return 0
			})
			f := analyseSynthetic(t, claim3, d)
			if f.Verdict != c.want {
				t.Errorf("verdict %v, want %v: %s", f.Verdict, c.want, f.Statement)
			}
			p := atLeastOne(100)(c.rate)
			if !strings.Contains(f.Statement, "with probability "+pct(p)) {
				t.Errorf("statement %q lacks the probability %s", f.Statement, pct(p))
			}
		})
	}
}

// TestClaim4Statement: the vigilante verdict follows the share of years.
func TestClaim4Statement(t *testing.T) {
	conds := grid([]string{"1.5", "3", "6"}, []string{"0", "0.4", "0.8"})
	cases := []struct {
		name  string
		k, n  int
		want  Verdict
		share string
	}{
		{"one year in ten", 30, 300, Holds, "10% (95% CI"},
		{"never", 0, 1000, DoesNotHold, "0% (95% CI 0% to"},
		{"rare", 3, 300, Inconclusive, "1% (95% CI"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := synth([]string{"vigilante_temper", "home_state_blame"}, conds, c.n, func(cond, r int, m string) float64 {
				if m == "vigilante_interstate_cascades" && r < c.k {
					return 1
				}
				if m == "vigilante_cascades" {
					return 1
				}
				return 0
			})
			f := analyseSynthetic(t, claim4, d)
			if f.Verdict != c.want {
				t.Errorf("verdict %v, want %v: %s", f.Verdict, c.want, f.Statement)
			}
			if !strings.Contains(f.Statement, "across a border in "+c.share) {
				t.Errorf("statement %q lacks %q", f.Statement, c.share)
			}
		})
	}
}

// TestClaim5Statement: a claim of three parts holds in part when one fails.
func TestClaim5Statement(t *testing.T) {
	hb := [][]string{{"illegal"}, {"free"}}
	blue := synth([]string{"hack_back"}, hb, 100, func(c, r int, m string) float64 {
		if m == "firms_destroyed" && c == 1 && r < 80 {
			return 1
		}
		return 0
	})
	for _, c := range []struct {
		name        string
		hacktivists float64 // relative change under free hack back
		want        Verdict
	}{
		{"ideologues undeterred", 0, Holds},
		{"ideologues deterred", -0.2, HoldsInPart},
	} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 3))
			world := synth([]string{"hack_back"}, hb, 40, func(cond, r int, m string) float64 {
				switch m {
				case "crimes":
					return 4000 * (1 - 0.25*float64(cond)) * (1 + 0.01*rng.NormFloat64())
				case "hacktivist_attacks":
					return 700 * (1 + c.hacktivists*float64(cond)) * (1 + 0.01*rng.NormFloat64())
				}
				return 0
			})
			f := analyseSynthetic(t, claim5, blue, world)
			if f.Verdict != c.want {
				t.Errorf("verdict %v, want %v: %s", f.Verdict, c.want, f.Statement)
			}
			if len(f.Parts) != 3 || f.Parts[0].Verdict != Holds || f.Parts[1].Verdict != Holds {
				t.Errorf("parts %+v: want (a) and (b) to hold", f.Parts)
			}
			if !strings.Contains(f.Statement, "destroyed in 80% of years") {
				t.Errorf("statement %q lacks the share destroyed", f.Statement)
			}
		})
	}
}
