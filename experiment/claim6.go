package experiment

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim6 = Experiment{
	Name:    "claim6-cooperation",
	Claim:   6,
	Title:   "Cooperation reduces cascades more than retaliation does, or does not under the realist's assumptions",
	Essays:  "Usman 2022 against the Realist essay",
	Specs:   []string{"claim6-status-quo", "claim6-cooperation", "claim6-retaliation"},
	analyse: analyseClaim6,
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

func analyseClaim6(a *analysis) (*Finding, error) {
	policies := []string{"today's law", "cooperation", "retaliation"}
	cond := func(p, w int) (int, error) {
		wd := worlds6[w]
		return need(a.data[p].Find(deception6, wd.deception, "deterrence_ticks", wd.deterry), a.e.Specs[p], deception6, wd.deception, "deterrence_ticks", wd.deterry)
	}
	conds := make([][]int, len(policies))
	for p := range policies {
		for w := range worlds6 {
			c, err := cond(p, w)
			if err != nil {
				return nil, err
			}
			conds[p] = append(conds[p], c)
		}
	}
	metric := func(p, w int, m string) []float64 { return a.data[p].Metric(conds[p][w], m) }
	// The comparison: retaliation's answers minus cooperation's, per world.
	diffs := make([]Estimate, len(worlds6))
	for w := range worlds6 {
		diffs[w] = WelchDiff(metric(2, w, "answers"), metric(1, w, "answers"))
	}
	lib, real := 0, len(worlds6)-1
	pa := Judge(diffs[lib], +1, 0)  // cooperation has fewer answers: liberal claim
	pb := Judge(diffs[real], -1, 0) // retaliation has fewer answers: the realist's
	f := &Finding{Verdict: Combine(pa, pb)}
	first := WelchDiff(metric(2, real, "attacks"), metric(1, real, "attacks"))
	dmg := WelchDiff(metric(2, real, "damage"), metric(1, real, "damage"))
	f.Parts = []Part{
		{"(a) Under the liberal assumptions, cooperation reduces cascades more than retaliation", pa, fmt.Sprintf("Retaliation launched %s answers a year more than cooperation.", ci(diffs[lib], signed))},
		{"(b) Under the realist assumptions, retaliation reduces cascades more than cooperation", pb, fmt.Sprintf("Retaliation launched %s answers a year more than cooperation.", ci(diffs[real], signed))},
	}
	f.Statement = fmt.Sprintf("Against cooperation (the cyber-peace measures), retaliation (defend forward) changed the answers launched in a year by %s under the liberal assumptions and by %s under the realist ones; under the realist assumptions it changed first strikes by %s and damage by %s.",
		ci(diffs[lib], signed), ci(diffs[real], signed), ci(first, signed), ci(dmg, signed))
	f.Table = [][]string{{"world", "policy", "answers", "mean cascade size", "innocents harmed", "armed-conflict acts", "damage", "first strikes"}}
	for w, wd := range worlds6 {
		for p, name := range policies {
			f.Table = append(f.Table, []string{wd.label, name,
				ci(MeanCI(metric(p, w, "answers")), num), num(mean(metric(p, w, "mean_cascade_size"))), num(mean(metric(p, w, "innocents_harmed"))),
				num(mean(metric(p, w, "armed_conflict_acts"))), num(mean(metric(p, w, "damage"))), num(mean(metric(p, w, "attacks")))})
		}
	}
	f.Assumptions = []string{
		"Cooperation is the cyber-peace preset: hotlines catch 80% of misattributions before a state answers, information sharing closes 30% of the gap to perfect defence and skill, firms pledge no offence, hygiene below the poverty line is subsidised (60%), states forgive a first hit with probability 0.3.",
		"Retaliation is the defend-forward preset: states strike remembered suspects pre-emptively (0.2 a day), monitor continuously (half the gap to perfect defence for states and IoT firms), answer with probability 0.8 on confidence 0.6, from intensity 2, escalating half the time.",
		"Liberal assumptions: `deception = proxy_use = 0.8` (attribution fails against most attacks), `deterrence_ticks = 10`; realist: `deception = proxy_use = 0.2`, `deterrence_ticks = 90`. Hack back stays illegal in all three policies.",
		"Answers (hack backs, retaliations, counter-strikes, vigilante strikes) are the acts of cascades beyond their first strikes; pre-emptive strikes are first strikes (root acts) of their own cascades.",
	}
	f.Notes = []string{"The mixed worlds tell which assumption matters: the table shows all four."}

	// Figure: four panels, the worlds on the x axis, the policies as points.
	cats := []string{"liberal", "deception 0.8\ndeterrence 90", "deception 0.2\ndeterrence 10", "realist"}
	var plots []*plot.Plot
	for _, m := range []struct{ metric, title string }{
		{"answers", "Answers (cascade acts beyond first strikes)"},
		{"innocents_harmed", "Innocents harmed"},
		{"damage", "Damage (value units)"},
		{"attacks", "First strikes (root acts)"},
	} {
		p := panel(m.title, "", "per year (mean, 95% CI)")
		if err := categoryPoints(p, cats, policies, func(w, pol int) Estimate { return MeanCI(metric(pol, w, m.metric)) }); err != nil {
			return nil, err
		}
		if m.metric != "attacks" {
			fromZero(p)
		}
		p.Y.Max += (p.Y.Max - p.Y.Min) * 0.25
		plots = append(plots, p)
	}
	err := a.figure("policies", "Claim 6: answers launched, innocents harmed, damage and first strikes in a year under today's law, cooperation (cyber peace) and retaliation (defend forward), in four worlds from the liberal assumptions (attribution fails, short deterrence) to the realist ones (attribution works, long deterrence); means over runs with 95% intervals.", squareW, squareH, func(c draw.Canvas) {
		figure.Tiles(c, 2, 2, plots)
	})
	return f, err
}
