package experiment

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim2 = Experiment{
	Name:    "claim2-displacement",
	Claim:   2,
	Title:   "Authorizing hack back for those who can afford it displaces attacks onto firms below the security poverty line",
	Essays:  "Rapid7 hack back paper",
	Specs:   []string{"claim2-displacement"},
	analyse: analyseClaim2,
}

// claim2Reference is the licence share the verdict is taken at: the
// licensed-privateers preset's.
const claim2Reference = "0.6"

func analyseClaim2(a *analysis) (*Finding, error) {
	d := a.data[0]
	shares := levelsOf(d, "license_share")
	f := &Finding{}
	f.Table = [][]string{{"licence share", "attacks below the line, illegal", "attacks below the line, licensed", "difference", "damage below the line, difference", "hack backs per year"}}
	var att, dmg Estimate
	for _, s := range shares {
		il, err := need(d.Find("hack_back", "illegal", "license_share", s), "hack_back", "illegal", "license_share", s)
		if err != nil {
			return nil, err
		}
		li, err := need(d.Find("hack_back", "licensed", "license_share", s), "hack_back", "licensed", "license_share", s)
		if err != nil {
			return nil, err
		}
		ea := WelchDiff(d.Metric(li, "attacks_below_poverty_share"), d.Metric(il, "attacks_below_poverty_share"))
		ed := WelchDiff(d.Metric(li, "damage_below_poverty_share"), d.Metric(il, "damage_below_poverty_share"))
		if s == claim2Reference {
			att, dmg = ea, ed
		}
		f.Table = append(f.Table, []string{s, ci(MeanCI(d.Metric(il, "attacks_below_poverty_share")), pct), ci(MeanCI(d.Metric(li, "attacks_below_poverty_share")), pct), ciPoints(ea), ciPoints(ed), num(mean(d.Metric(li, "hackbacks")))})
	}
	f.Verdict = Judge(att, +1, 0)
	f.Statement = fmt.Sprintf("Licensing %s of the inclined firms above the poverty line to hack back changed the share of attacks on firms that hit firms below the security poverty line by %s against today's law, and the share of firms' damage below the line by %s.",
		pct(mustFloat(claim2Reference)), ciPoints(att), ciPoints(dmg))
	if v := Judge(dmg, +1, 0); v != f.Verdict {
		f.Notes = append(f.Notes, fmt.Sprintf("On the share of damage rather than of attacks, the claim %s.", v.Predicate()))
	}
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
		{"attacks_below_poverty_share", "Attacks on firms below the poverty line", "share of attacks on firms (mean, 95% CI)"},
		{"damage_below_poverty_share", "Damage to firms below the poverty line", "share of firms' damage (mean, 95% CI)"},
	} {
		p := panel(m.title, "share of inclined firms holding a licence", m.ylabel)
		if err := addBands(p, bandsOver(d, "license_share", shares, "hack_back", regimes, labels, func(c int) Estimate { return MeanCI(d.Metric(c, m.metric)) })); err != nil {
			return nil, err
		}
		p.Y.Max += (p.Y.Max - p.Y.Min) * 0.3 // room for the legend
		plots = append(plots, p)
	}
	err := a.figure("poverty-line", "Claim 2: share of attacks on firms (left) and of firms' damage (right) that fell below the security poverty line, with hack back illegal or licensed, against the share of inclined firms holding a licence; means over runs with 95% intervals.", wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, plots)
	})
	return f, err
}
