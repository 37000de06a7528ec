package experiment

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim2 = Experiment{
	Name:       "claim2-displacement",
	Claim:      2,
	Title:      "Authorizing hack back for those who can afford it displaces attacks onto firms below the security poverty line",
	Essays:     "Rapid7 hack back paper",
	Specs:      []string{"claim2-displacement"},
	Thresholds: []string{"share_margin"},
	analyse:    analyseClaim2,
}

// claim2Reference is the licence share the verdict is taken at: the
// licensed-privateers preset's.
const claim2Reference = "0.6"

// claim2Metrics are the shares compared, the essay's concern first.
var claim2Metrics = []string{"damage_below_poverty_share", "attacks_below_poverty_share"}

func analyseClaim2(a *analysis) (*Finding, error) {
	d := a.data[0]
	shares := levelsOf(d, "license_share")
	type row struct {
		share    string
		il, li   int
		diffs    [2]Effect // licensed - illegal, per metric
		tests    [2]int
		inFamily bool
	}
	var rows []*row
	for _, s := range shares {
		il, err := need(d.Find("hack_back", "illegal", "license_share", s), "hack_back", "illegal", "license_share", s)
		if err != nil {
			return nil, err
		}
		li, err := need(d.Find("hack_back", "licensed", "license_share", s), "hack_back", "licensed", "license_share", s)
		if err != nil {
			return nil, err
		}
		r := &row{share: s, il: il, li: li, inFamily: mustFloat(s) > 0}
		for k, m := range claim2Metrics {
			r.diffs[k] = Welch(d.Metric(li, m), d.Metric(il, m))
		}
		rows = append(rows, r)
	}
	var ref *row
	for _, r := range rows {
		if r.share == claim2Reference {
			ref = r
		}
	}
	if ref == nil {
		return nil, fmt.Errorf("%w: license_share %s", errNoData, claim2Reference)
	}
	judge := func(th thresholds) (verdicts, *family) {
		fam := &family{}
		for _, r := range rows {
			if r.inFamily {
				for k := range claim2Metrics {
					r.tests[k] = fam.add(r.diffs[k], +1, th.get("share_margin"))
				}
			}
		}
		fam.judge()
		pd, pa := fam.verdict(ref.tests[0]), fam.verdict(ref.tests[1])
		return verdicts{Combine(pd, pa), []Verdict{pd, pa}}, fam
	}
	v, fam := judge(a.th)
	margin := a.th.get("share_margin")
	f := &Finding{Verdict: v.claim}
	f.Statement = fmt.Sprintf("Licensing %s of the inclined firms above the poverty line to hack back changed the share of firms' damage that fell below the security poverty line by %s against today's law (%s against %s), and the share of attacks on firms that hit firms below the line by %s; a shift matters here when it exceeds %s percentage points.",
		pct(mustFloat(claim2Reference)), ciPoints(ref.diffs[0].Est()), pct(mean(d.Metric(ref.li, claim2Metrics[0]))), pct(mean(d.Metric(ref.il, claim2Metrics[0]))), ciPoints(ref.diffs[1].Est()), num(100*margin))
	f.Parts = []Part{
		{Label: "(a) Damage shifts below the poverty line", Verdict: v.parts[0], Text: fmt.Sprintf("The share of firms' damage below the line changed by %s (Holm-adjusted %s against a shift of %s percentage points).", ciPoints(ref.diffs[0].Est()), fam.pIs(ref.tests[0]), num(100*margin))},
		{Label: "(b) Attacks shift below the poverty line", Verdict: v.parts[1], Text: fmt.Sprintf("The share of attacks on firms below the line changed by %s (Holm-adjusted %s against a shift of %s percentage points).", ciPoints(ref.diffs[1].Est()), fam.pIs(ref.tests[1]), num(100*margin))},
	}
	f.Rule = fmt.Sprintf("At the preset's licence share %s, the licensed regime is compared with today's law on the share of firms' damage below the poverty line (the essay's concern: who bears the harm) and on the share of attacks on firms that hit firms below it (where criminals turn): each part holds when the rise exceeds %s percentage points (`share_margin`) with 95%% confidence, Welch intervals of the difference, Holm-adjusted over the %d comparisons at the licence shares above zero; the claim holds when both parts hold.", claim2Reference, num(100*margin), fam.size())
	f.Mechanism = "Criminals choose among `crime_choice` candidate targets the one with the best expected gain against expected cost, and expect to lose `hack_back_fear` to a target that may hack back (ODD 7.4.2); licences go only to firms above the poverty line (7.10), whose defence also prevents more damage (7.2, 7.3)."
	a.robust(f, []string{"(a) damage", "(b) attacks"}, func(th thresholds) verdicts { v, _ := judge(th); return v })
	f.Table = [][]string{{"licence share", "damage below the line, illegal", "damage below the line, licensed", "difference", "adjusted p", "attacks below the line, difference", "adjusted p", "hack backs per year"}}
	for _, r := range rows {
		pd, pa := "—", "—"
		if r.inFamily {
			pd, pa = fam.p(r.tests[0]), fam.p(r.tests[1])
		}
		f.Table = append(f.Table, []string{r.share, ci(Mean(d.Metric(r.il, claim2Metrics[0])).Est(), pct), ci(Mean(d.Metric(r.li, claim2Metrics[0])).Est(), pct), ciPoints(r.diffs[0].Est()), pd, ciPoints(r.diffs[1].Est()), pa, num(mean(d.Metric(r.li, "hackbacks")))})
	}
	f.Notes = append(f.Notes, "At licence share 0 nobody holds a licence, so the two regimes are the same world: that row is a placebo, not tested.")
	f.Assumptions = []string{
		"Criminals choose, among `crime_choice = 4` random candidate targets, the one with the best expected gain against expected cost, and expect to lose `hack_back_fear = 1` value unit to a target that may hack back (ODD 7.4.2); they know each candidate's defence, skill and licence.",
		"40% of firms are below the poverty line (`poverty_share = 0.4`), defended at 0.15 against 0.6 above it, and can never obtain a licence.",
		"Half the firms above the line are inclined to hack back (`hack_back_share = 0.5`); oversight revokes a licence after an innocent is hit with probability 0.5.",
		"Only criminals choose their targets; states' espionage, hacktivism and research scans do not move (ODD 13).",
	}
	// Figure: the two shares against the licence share.
	labels := []string{"hack back illegal (today's law)", "hack back licensed"}
	regimes := []string{"illegal", "licensed"}
	var plots []*plot.Plot
	for _, m := range []struct{ metric, title, ylabel string }{
		{"damage_below_poverty_share", "Damage to firms below the poverty line", "share of firms' damage (mean, 95% CI)"},
		{"attacks_below_poverty_share", "Attacks on firms below the poverty line", "share of attacks on firms (mean, 95% CI)"},
	} {
		p := panel(m.title, "share of inclined firms holding a licence", m.ylabel)
		if err := addBands(p, bandsOver(d, "license_share", shares, "hack_back", regimes, labels, func(c int) Estimate { return Mean(d.Metric(c, m.metric)).Est() })); err != nil {
			return nil, err
		}
		p.Y.Max += (p.Y.Max - p.Y.Min) * 0.3 // room for the legend
		plots = append(plots, p)
	}
	err := a.figure("poverty-line", "Claim 2: share of firms' damage (left) and of attacks on firms (right) that fell below the security poverty line, with hack back illegal or licensed, against the share of inclined firms holding a licence; means over runs with 95% intervals.", wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, plots)
	})
	return f, err
}
