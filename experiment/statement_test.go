package experiment

import (
	"fmt"
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
	ts, err := e.Verdict()
	if err != nil {
		t.Fatal(err)
	}
	a := &analysis{e: &e, dir: t.TempDir(), data: data, spec: ts, th: thresholds{}}
	for _, th := range ts {
		a.th[th.Name] = th.Value
	}
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

// TestClaim1NetHarm: claim 1 reports damage and crimes beside innocents,
// and a rise in innocents smaller than the spec's margin is not enough.
func TestClaim1NetHarm(t *testing.T) {
	conds := grid([]string{"illegal", "licensed", "free"}, []string{"0.2", "0.5", "0.8", "1"})
	for _, c := range []struct {
		name string
		rise float64 // relative rise in innocents under hack back
		want Verdict
	}{
		{"eightfold", 7, Holds},
		{"a rise within the margin", 0.04, DoesNotHold},
	} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(11, 11))
			d := synth([]string{"hack_back", skill1}, conds, 30, func(cond, r int, m string) float64 {
				noise := 1 + 0.01*rng.NormFloat64()
				switch m {
				case "innocents_harmed":
					if conds[cond][0] != "illegal" {
						return 100 * (1 + c.rise) * noise
					}
					return 100 * noise
				case "damage":
					return 500 * noise
				case "crimes":
					return 4000 * noise
				case "hackbacks":
					return 50
				}
				return 1
			})
			f := analyseSynthetic(t, claim1, d)
			if f.Verdict != c.want {
				t.Errorf("verdict %v, want %v: %s", f.Verdict, c.want, f.Statement)
			}
			if !strings.Contains(f.Statement, "total damage changed by") || !strings.Contains(f.Statement, "criminals' attacks by") {
				t.Errorf("statement %q does not report the net harm", f.Statement)
			}
			if h := strings.Join(f.Table[0], "|"); !strings.Contains(h, "damage change") || !strings.Contains(h, "crimes change") || !strings.Contains(h, "adjusted p") {
				t.Errorf("table header %q lacks damage, crimes or adjusted p", h)
			}
			checkRuleAndRobustness(t, f, "innocents_margin")
		})
	}
}

// checkRuleAndRobustness: a finding states its verdict rule, naming its
// thresholds, the model rules behind the effect, and a robustness table
// with a row for each robustness value of each threshold.
func checkRuleAndRobustness(t *testing.T, f *Finding, names ...string) {
	t.Helper()
	if f.Rule == "" || !strings.Contains(f.Mechanism, "ODD") {
		t.Errorf("no verdict rule (%q) or no model rule with its ODD section (%q)", f.Rule, f.Mechanism)
	}
	for _, n := range names {
		if !strings.Contains(f.Rule, "`"+n+"`") {
			t.Errorf("the rule %q does not name the threshold %s", f.Rule, n)
		}
		rows := 0
		for _, r := range f.Robustness[1:] {
			if r[0] == "`"+n+"`" {
				rows++
			}
		}
		if rows < 1 {
			t.Errorf("the robustness table varies no %s: %v", n, f.Robustness)
		}
	}
	if len(f.Robustness) < 2 || f.Robustness[1][2] != f.Verdict.String() {
		t.Errorf("the robustness table's first row %v does not restate the verdict %v", f.Robustness, f.Verdict)
	}
}

// TestClaim2Statement: the displacement verdict leads with the share of
// damage below the poverty line and needs a shift beyond the spec's margin.
func TestClaim2Statement(t *testing.T) {
	conds := grid([]string{"illegal", "licensed"}, []string{"0", "0.3", "0.6", "1"})
	cases := []struct {
		name        string
		effect, sd  float64 // shift per unit of licence share
		reps        int
		want        Verdict
		wantPhrases []string
	}{
		{"displaced", 0.1, 0.005, 20, Holds, []string{"share of firms' damage that fell below the security poverty line by +6"}},
		{"drawn away", -0.05, 0.005, 20, DoesNotHold, []string{"by −2.9"}},
		{"significant but small", 0.015, 0.002, 40, DoesNotHold, []string{"by +0.9"}},
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
			// The sentence quotes the interval the data give, damage first.
			il, li := d.Find("hack_back", "illegal", "license_share", "0.6"), d.Find("hack_back", "licensed", "license_share", "0.6")
			want := ciPoints(Welch(d.Metric(li, "damage_below_poverty_share"), d.Metric(il, "damage_below_poverty_share")).Est())
			if i := strings.Index(f.Statement, want); i < 0 || i > strings.Index(f.Statement, "share of attacks") {
				t.Errorf("statement %q does not lead with the damage share's interval %q", f.Statement, want)
			}
			checkRuleAndRobustness(t, f, "share_margin")
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
			checkRuleAndRobustness(t, f, "incident_probability")
			p := atLeastOne(100)(c.rate)
			if !strings.Contains(f.Statement, "with probability "+pct(p)) {
				t.Errorf("statement %q lacks the probability %s", f.Statement, pct(p))
			}
		})
	}
}

// TestClaim4Statement: the vigilante verdict follows the years in which
// two states strike each other after his strike, not the broad count of
// states' strikes across a border (which counts strikes at him).
func TestClaim4Statement(t *testing.T) {
	conds := grid([]string{"1.5", "3", "6"}, []string{"0", "0.4", "0.8"})
	cases := []struct {
		name           string
		k, broad, n    int // runs with an exchange, with a broad crossing, of n
		want           Verdict
		share, broadly string
	}{
		{"one year in ten", 30, 60, 300, Holds, "10% (95% CI", "20% (95% CI"},
		{"never, though states strike him", 0, 200, 1000, DoesNotHold, "0% (95% CI 0% to", "20% (95% CI"},
		{"rare", 3, 3, 300, Inconclusive, "1% (95% CI", "1% (95% CI"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := synth([]string{"vigilante_temper", "home_state_blame"}, conds, c.n, func(cond, r int, m string) float64 {
				switch {
				case m == exchange4 && r < c.k, m == broad4 && r < c.broad, m == "vigilante_cascades":
					return 1
				}
				return 0
			})
			f := analyseSynthetic(t, claim4, d)
			if f.Verdict != c.want {
				t.Errorf("verdict %v, want %v: %s", f.Verdict, c.want, f.Statement)
			}
			if !strings.Contains(f.Statement, "in "+c.share) || !strings.Contains(f.Statement, "his strike leads two states to strike each other") {
				t.Errorf("statement %q lacks the share %q of years with an exchange", f.Statement, c.share)
			}
			if !strings.Contains(f.Statement, "is "+c.broadly) {
				t.Errorf("statement %q lacks the broad count %q", f.Statement, c.broadly)
			}
			checkRuleAndRobustness(t, f, "yearly_share")
		})
	}
}

// TestClaim5Statement: each version of the claim is judged on its own
// cause of ruin: a firm ruined by liability bills does not show that
// counter-retaliation destroys the hack-backer.
func TestClaim5Statement(t *testing.T) {
	bconds := grid([]string{"illegal", "free"}, []string{"0.9", "0"}, []string{"1", "0"})
	hb := [][]string{{"illegal"}, {"free"}}
	for _, c := range []struct {
		name                string
		byAnswers, byBills  int // of 100 years, when it hacks back in the story
		hacktivists         float64
		want, wantA, wantAs Verdict
	}{
		{"ruined by counter-strikes", 80, 0, 0, Holds, Holds, DoesNotHold},
		{"ruined by liability", 0, 80, 0, HoldsInPart, DoesNotHold, Holds},
		{"ideologues deterred", 80, 0, -0.2, HoldsInPart, Holds, DoesNotHold},
	} {
		t.Run(c.name, func(t *testing.T) {
			blue := synth([]string{"hack_back", "counter_probability", "liability"}, bconds, 100, func(cond, r int, m string) float64 {
				story := bconds[cond][0] == "free" && bconds[cond][1] == "0.9" && bconds[cond][2] == "1"
				switch {
				case !story:
					return 0
				case m == "destroyed_by_answers" && r < c.byAnswers, m == "destroyed_by_liability" && r >= 100-c.byBills:
					return 1
				case m == "firms_destroyed" && (r < c.byAnswers || r >= 100-c.byBills):
					return 1
				}
				return 0
			})
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
			if len(f.Parts) != 4 || f.Parts[0].Verdict != c.wantA || f.Parts[1].Verdict != Holds || !f.Parts[3].Aside || f.Parts[3].Verdict != c.wantAs {
				t.Errorf("parts %+v: want (a) %v, (b) holds, and the aside on liability %v", f.Parts, c.wantA, c.wantAs)
			}
			total := c.byAnswers + c.byBills
			if !strings.Contains(f.Statement, fmt.Sprintf("destroyed in %d%% of years", total)) {
				t.Errorf("statement %q lacks the share destroyed, %d%%", f.Statement, total)
			}
			checkRuleAndRobustness(t, f, "ruin_margin", "deterrence_margin", "no_fall_margin")
		})
	}
}

// TestClaim6Statement: claim 6 is judged on the harms both texts care
// about, not on the answers the retaliation preset raises by definition.
func TestClaim6Statement(t *testing.T) {
	conds := grid([]string{"0.8", "0.2"}, []string{"10", "90"})
	// harm(policy, world) multiplies every judged outcome; answers are
	// always four times as many under retaliation.
	for _, c := range []struct {
		name  string
		harm  func(policy int, liberal bool) float64
		want  Verdict
		parts [2]Verdict
	}{
		{"the essays each right in their world", func(p int, lib bool) float64 {
			switch {
			case p == 2 && lib:
				return 1.5
			case p == 2:
				return 0.6
			}
			return 1
		}, Holds, [2]Verdict{Holds, Holds}},
		{"more answers, the same harm", func(int, bool) float64 { return 1 }, DoesNotHold, [2]Verdict{DoesNotHold, DoesNotHold}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(9, 9))
			var data []*Data
			for p := range 3 {
				data = append(data, synth([]string{deception6, "deterrence_ticks"}, conds, 40, func(cond, r int, m string) float64 {
					lib := conds[cond][0] == "0.8" && conds[cond][1] == "10"
					noise := 1 + 0.02*rng.NormFloat64()
					if m == "answers" {
						return 50 * float64(1+3*(p/2)) * noise
					}
					return 100 * c.harm(p, lib) * noise
				}))
			}
			f := analyseSynthetic(t, claim6, data...)
			if f.Verdict != c.want || f.Parts[0].Verdict != c.parts[0] || f.Parts[1].Verdict != c.parts[1] {
				t.Errorf("verdict %v, parts %v %v; want %v, %v: %s", f.Verdict, f.Parts[0].Verdict, f.Parts[1].Verdict, c.want, c.parts, f.Statement)
			}
			for _, o := range outcomes6 {
				if !strings.Contains(f.Statement, o.label) {
					t.Errorf("statement %q does not report %s", f.Statement, o.label)
				}
			}
			checkRuleAndRobustness(t, f, "policy_margin")
		})
	}
}

// TestClaim7Classification: one classification of the cells, from the
// spec's thresholds: a cell with a heavy tail but a mean offspring well
// below 1 is subcritical, and the robustness table shows what a lower
// critical_offspring makes of it.
func TestClaim7Classification(t *testing.T) {
	ts, err := claim7.Verdict()
	if err != nil {
		t.Fatal(err)
	}
	th := thresholds{}
	for _, x := range ts {
		th[x.Name] = x.Value
	}
	cell := func(m, slope, drop float64) *cell7 {
		return &cell7{m: Estimate{m, m - 0.01, m + 0.01}, slope: Estimate{slope, slope - 0.02, slope + 0.02}, drop: drop}
	}
	heavy := cell(0.81, -0.625, 0.0099) // accuracy 0.9, propensity 0.4 of the full experiment
	cells := [][]*cell7{
		{cell(0.1, -3, 0), cell(0.5, -1.2, 0), cell(0.8, -0.9, 0.001)},
		{cell(0.1, -2.5, 0), heavy, cell(1.2, -0.5, 0.2)},
	}
	want := []int{subcritical, critical, runaway}
	for i, c := range []*cell7{cells[0][0], heavy, cells[1][2]} {
		if got := c.classify(th); got != []int{subcritical, subcritical, runaway}[i] {
			t.Errorf("cell %d classified %s, want %s", i, regimeNames[got], regimeNames[want[i]])
		}
	}
	if got := heavy.classify(th.with("critical_offspring", 0.8)); got != critical {
		t.Errorf("with critical_offspring 0.8 the heavy-tailed cell is %s, want critical", regimeNames[got])
	}
	falls := []Effect{normal(-0.3, 0.01), normal(-0.8, 0.01)}
	diffs := []Effect{{}, normal(-0.4, 0.02), normal(-0.4, 0.02)}
	o := judgeClaim7(th, cells, falls, diffs)
	if o.regime[1][1] != subcritical || o.parts[2] != Inconclusive {
		t.Errorf("at the spec's thresholds: regime %s, (c) %v; want subcritical and inconclusive (the grid skips the boundary)", regimeNames[o.regime[1][1]], o.parts[2])
	}
	if o := judgeClaim7(th.with("critical_offspring", 0.8), cells, falls, diffs); o.regime[1][1] != critical || o.parts[2] != Holds {
		t.Errorf("with critical_offspring 0.8: regime %s, (c) %v; want critical and holds", regimeNames[o.regime[1][1]], o.parts[2])
	}
	rob := robustness(ts, th, []string{"(a)", "(b)", "(c)"}, func(th thresholds) verdicts { return judgeClaim7(th, cells, falls, diffs).verdicts })
	found := false
	for _, r := range rob[1:] {
		if r[0] == "`critical_offspring`" && r[1] == "0.8" {
			found = r[5] == "**holds**"
		}
	}
	if !found {
		t.Errorf("the robustness table does not show (c) holding, in bold, at critical_offspring 0.8: %v", rob)
	}
}
