package experiment

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim6 = Experiment{
	Name:       "claim6-cooperation",
	Claim:      6,
	Title:      "Cooperation reduces cascades more than retaliation does, or does not under the realist's assumptions",
	Essays:     "Usman 2022 against the Realist essay",
	Specs:      []string{"claim6-status-quo", "claim6-cooperation", "claim6-retaliation"},
	Thresholds: []string{"policy_margin"},
	analyse:    analyseClaim6,
}

// deception6 is claim 6's linked factor.
const deception6 = "deception+proxy_use"

// world6 is one assumption set of claim 6.
type world6 struct {
	label, short       string
	deception, deterry string
}

var worlds6 = []world6{
	{"liberal (deception 0.8, deterrence 10 days)", "liberal", "0.8", "10"},
	{"deception 0.8, deterrence 90 days", "mixed", "0.8", "90"},
	{"deception 0.2, deterrence 10 days", "mixed", "0.2", "10"},
	{"realist (deception 0.2, deterrence 90 days)", "realist", "0.2", "90"},
}

// outcomes6 are what both essays care about, on which the policies are
// compared: every one is a harm, so less is better.
var outcomes6 = []struct{ metric, label string }{
	{"attacks", "first strikes suffered"},
	{"damage", "damage"},
	{"innocents_harmed", "innocents harmed"},
	{"answered_cascades", "cascades of more than one act"},
	{"armed_conflict_acts", "armed-conflict acts"},
}

func analyseClaim6(a *analysis) (*Finding, error) {
	policies := []string{"today's law", "cooperation", "retaliation"}
	conds := make([][]int, len(policies))
	for p := range policies {
		for _, wd := range worlds6 {
			c, err := need(a.data[p].Find(deception6, wd.deception, "deterrence_ticks", wd.deterry), a.e.Specs[p], deception6, wd.deception, "deterrence_ticks", wd.deterry)
			if err != nil {
				return nil, err
			}
			conds[p] = append(conds[p], c)
		}
	}
	metric := func(p, w int, m string) []float64 { return a.data[p].Metric(conds[p][w], m) }
	// rel[w][o]: retaliation's outcome o relative to cooperation's, in world w.
	rel := make([][]Effect, len(worlds6))
	for w := range worlds6 {
		for _, o := range outcomes6 {
			rel[w] = append(rel[w], Relative(a.rng(fmt.Sprintf("%s %d", o.metric, w)), metric(2, w, o.metric), metric(1, w, o.metric)))
		}
	}
	lib, real := 0, len(worlds6)-1
	tests := make([][]int, len(worlds6))
	judge := func(th thresholds) (verdicts, *family) {
		fam := &family{}
		m := th.get("policy_margin")
		for _, w := range []int{lib, real} {
			tests[w] = tests[w][:0]
			for o := range outcomes6 {
				// Liberal: retaliation does more harm than cooperation;
				// realist: less.
				if w == lib {
					tests[w] = append(tests[w], fam.add(rel[w][o], +1, m))
				} else {
					tests[w] = append(tests[w], fam.add(rel[w][o], -1, -m))
				}
			}
		}
		fam.judge()
		var va, vb []Verdict
		for o := range outcomes6 {
			va = append(va, fam.verdict(tests[lib][o]))
			vb = append(vb, fam.verdict(tests[real][o]))
		}
		pa, pb := Combine(va...), Combine(vb...)
		return verdicts{Combine(pa, pb), []Verdict{pa, pb}}, fam
	}
	v, fam := judge(a.th)
	margin := a.th.get("policy_margin")
	f := &Finding{Verdict: v.claim}
	f.Parts = []Part{
		{Label: "(a) Under the liberal assumptions, cooperation does less harm than retaliation", Verdict: v.parts[0], Text: outcomeText(fam, tests[lib], rel[lib], "more")},
		{Label: "(b) Under the realist assumptions, retaliation does less harm than cooperation", Verdict: v.parts[1], Text: outcomeText(fam, tests[real], rel[real], "less")},
	}
	f.Statement = fmt.Sprintf("Against cooperation (the cyber-peace measures), retaliation (defend forward) changed, under the liberal assumptions, %s; under the realist assumptions, %s.", changes(rel[lib]), changes(rel[real]))
	f.Rule = fmt.Sprintf("The policies are compared on what both texts care about: %s in a year, as retaliation's mean relative to cooperation's (bootstrap over runs). (a) holds when, under the liberal assumptions, retaliation's is higher by more than %s (`policy_margin`) on every outcome; (b) holds when, under the realist assumptions, it is lower by more than %s on every outcome; each outcome with 95%% confidence, Holm-adjusted over the %d comparisons; a part whose outcomes disagree holds in part. Answers launched are not judged: the retaliation preset raises states' answers by definition.",
		outcomeList(), pct(margin), pct(margin), fam.size())
	f.Mechanism = "Cooperation: hotlines catch misattributions before a state answers, information sharing raises defence and skill, the pledge keeps firms from hacking back, hygiene subsidies raise poor firms' defence, and states forgive a first hit (ODD 7.2, 7.9, 7.10, 7.14). Retaliation: monitoring raises states' and IoT firms' defence, states strike remembered suspects pre-emptively and answer on thinner evidence, escalating (7.2, 7.9, 7.15), and a hit that reaches its true author deters first strikes for `deterrence_ticks` (7.12)."
	a.robust(f, []string{"(a) liberal", "(b) realist"}, func(th thresholds) verdicts { v, _ := judge(th); return v })
	f.Table = [][]string{{"world", "policy"}}
	for _, o := range outcomes6 {
		f.Table[0] = append(f.Table[0], o.label)
	}
	f.Table[0] = append(f.Table[0], "answers launched", "pre-emptive strikes")
	for w, wd := range worlds6 {
		for p, name := range policies {
			row := []string{wd.label, name}
			for _, o := range outcomes6 {
				row = append(row, num(mean(metric(p, w, o.metric))))
			}
			f.Table = append(f.Table, append(row, num(mean(metric(p, w, "answers"))), num(mean(metric(p, w, "preemptive_strikes")))))
		}
		row := []string{wd.label, "retaliation against cooperation"}
		for o := range outcomes6 {
			cell := ci(rel[w][o].Est(), signedPct)
			if tests[w] != nil && len(tests[w]) == len(outcomes6) && (w == lib || w == real) {
				cell += ", adjusted p " + fam.p(tests[w][o])
			}
			row = append(row, cell)
		}
		f.Table = append(f.Table, append(row, "—", "—"))
	}
	f.Assumptions = []string{
		"Cooperation is the cyber-peace preset: hotlines catch 80% of misattributions before a state answers, information sharing closes 30% of the gap to perfect defence and skill, firms pledge no offence, hygiene below the poverty line is subsidised (60%), states forgive a first hit with probability 0.3.",
		"Retaliation is the defend-forward preset: states strike remembered suspects pre-emptively (0.2 a day), monitor continuously (half the gap to perfect defence for states and IoT firms), answer with probability 0.8 on confidence 0.6, from intensity 2, escalating half the time.",
		"Liberal assumptions: `deception = proxy_use = 0.8` (attribution fails against most attacks), `deterrence_ticks = 10`; realist: `deception = proxy_use = 0.2`, `deterrence_ticks = 90`. Hack back stays illegal in all three policies.",
		"First strikes suffered are root acts, whoever launches them: states' pre-emptive strikes are first strikes their targets suffer, and are counted with the attackers'. A cascade of more than one act is a first strike answered at least once.",
	}
	f.Notes = []string{"The mixed worlds tell which assumption matters: the table shows all four, with the relative changes (not tested) in the mixed ones."}
	return f, drawClaim6(a, policies, metric)
}

// outcomeText says how retaliation's outcomes compare with cooperation's.
func outcomeText(fam *family, tests []int, rel []Effect, want string) string {
	var parts []string
	for o, t := range tests {
		parts = append(parts, fmt.Sprintf("%s %s (%s)", outcomes6[o].label, ci(rel[o].Est(), signedPct), fam.verdict(t)))
	}
	return fmt.Sprintf("Retaliation against cooperation, by outcome (the part predicts %s harm under retaliation): %s.", want, strings.Join(parts, "; "))
}

// changes lists the relative changes of the outcomes.
func changes(rel []Effect) string {
	var parts []string
	for o := range outcomes6 {
		parts = append(parts, fmt.Sprintf("%s by %s", outcomes6[o].label, ci(rel[o].Est(), signedPct)))
	}
	return strings.Join(parts, ", ")
}

// outcomeList names the outcomes.
func outcomeList() string {
	var names []string
	for _, o := range outcomes6 {
		names = append(names, o.label)
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// drawClaim6 draws the outcomes in the four worlds, the policies as points.
func drawClaim6(a *analysis, policies []string, metric func(p, w int, m string) []float64) error {
	cats := []string{"liberal", "deception 0.8\ndeterrence 90", "deception 0.2\ndeterrence 10", "realist"}
	var plots []*plot.Plot
	for _, o := range outcomes6 {
		p := panel(capitalise(o.label), "", "per year (mean, 95% CI)")
		if err := categoryPoints(p, cats, policies, func(w, pol int) Estimate { return Mean(metric(pol, w, o.metric)).Est() }); err != nil {
			return err
		}
		if o.metric != "attacks" {
			fromZero(p)
		}
		p.Y.Max += (p.Y.Max - p.Y.Min) * 0.25
		plots = append(plots, p)
	}
	answers := panel("Answers launched (not judged)", "", "per year (mean, 95% CI)")
	if err := categoryPoints(answers, cats, policies, func(w, pol int) Estimate { return Mean(metric(pol, w, "answers")).Est() }); err != nil {
		return err
	}
	fromZero(answers)
	answers.Y.Max += (answers.Y.Max - answers.Y.Min) * 0.25
	plots = append(plots, answers)
	return a.figure("policies", "Claim 6: first strikes suffered, damage, innocents harmed, cascades of more than one act, armed-conflict acts and (not judged) answers launched in a year under today's law, cooperation (cyber peace) and retaliation (defend forward), in four worlds from the liberal assumptions (attribution fails, short deterrence) to the realist ones (attribution works, long deterrence); means over runs with 95% intervals.", squareW, squareH*3/2, func(c draw.Canvas) {
		figure.Tiles(c, 3, 2, plots)
	})
}
