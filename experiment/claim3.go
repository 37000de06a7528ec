package experiment

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim3 = Experiment{
	Name:       "claim3-error-rate",
	Claim:      3,
	Title:      "Even a small error rate (2% over 100 hack backs a year) produces costly incidents",
	Essays:     "Rapid7 hack back paper",
	Specs:      []string{"claim3-error-rate"},
	Thresholds: []string{"incident_probability"},
	analyse:    analyseClaim3,
}

// Claim 3's reference: the essay's bank, 100 hack backs a year at a 2%
// error rate (skill 0.98).
const (
	claim3Skill     = "0.98"
	claim3HackBacks = 100
)

// atLeastOne returns the probability of at least one event in n trials of
// probability p.
func atLeastOne(n int) func(float64) float64 {
	return func(p float64) float64 {
		if math.IsNaN(p) {
			return p
		}
		return 1 - math.Pow(1-p, float64(n))
	}
}

func analyseClaim3(a *analysis) (*Finding, error) {
	d := a.data[0]
	skills := levelsOf(d, "firm_skill")
	f := &Finding{}
	f.Table = [][]string{{"firm skill", "hack backs per year", "wrong targets per hack back", "P(≥1 wrong target in 100 hack backs)", "adjusted p", "P(licence revoked within 100)", "innocent harms per hack back, with bystanders"}}
	type row struct {
		x         float64
		e, p      Effect
		rev, h    Estimate
		test      int
		skill     string
		hackbacks float64
	}
	var rows []*row
	var ref *row
	for _, s := range skills {
		c0, err := need(d.Find("firm_skill", s, "collateral_mean", "0"), "firm_skill", s, "collateral_mean", "0")
		if err != nil {
			return nil, err
		}
		c3, err := need(d.Find("firm_skill", s, "collateral_mean", "0.3"), "firm_skill", s, "collateral_mean", "0.3")
		if err != nil {
			return nil, err
		}
		hb := d.Metric(c0, "hackbacks")
		e := Ratio(a.rng("errors "+s), d.Metric(c0, "innocents_harmed"), hb)
		q := Ratio(a.rng("revoked "+s), d.Metric(c0, "licences_revoked"), hb)
		h := Ratio(a.rng("bystanders "+s), d.Metric(c3, "innocents_harmed"), d.Metric(c3, "hackbacks"))
		r := &row{x: mustFloat(s), e: e, p: e.Map(atLeastOne(claim3HackBacks)), rev: q.Map(atLeastOne(claim3HackBacks)).Est(), h: h.Est(), skill: s, hackbacks: mean(hb)}
		rows = append(rows, r)
		if s == claim3Skill {
			ref = r
		}
	}
	if ref == nil {
		return nil, fmt.Errorf("%w: firm_skill %s", errNoData, claim3Skill)
	}
	judge := func(th thresholds) (verdicts, *family) {
		fam := &family{}
		for _, r := range rows {
			r.test = fam.add(r.p, +1, th.get("incident_probability"))
		}
		fam.judge()
		return verdicts{claim: fam.verdict(ref.test)}, fam
	}
	v, fam := judge(a.th)
	level := a.th.get("incident_probability")
	f.Verdict = v.claim
	for _, r := range rows {
		f.Table = append(f.Table, []string{r.skill, num(r.hackbacks), ci(r.e.Est(), pct), ci(r.p.Est(), pct), fam.p(r.test), ci(r.rev, pct), ci(r.h, num)})
	}
	f.Statement = fmt.Sprintf("Licensed firms that name the true attacker of a direct attack %s of the time hit the wrong target in %s of their hack backs, so a bank making %d hack backs a year hits at least one innocent with probability %s; oversight then revokes its licence within those %d hack backs with probability %s, and with the default collateral each hack back harms %s innocents in all.",
		pct(ref.x), ci(ref.e.Est(), pct), claim3HackBacks, ci(ref.p.Est(), pct), claim3HackBacks, ci(ref.rev, pct), ci(ref.h, num))
	f.Rule = fmt.Sprintf("The claim holds when, at skill %s (the essay's 2%% error rate), the chance of at least one wrong target in %d hack backs, 1 − (1 − e)^%d with e the measured wrong targets per hack back, exceeds %s (`incident_probability`: the incident is more likely than not within the bank's year) with 95%% confidence (bootstrap over runs), Holm-adjusted over the %d skill levels tested; it does not hold when that chance is below the level with the same confidence.", claim3Skill, claim3HackBacks, claim3HackBacks, pct(level), fam.size())
	f.Mechanism = "A hack-backer names the true author of a direct attack with probability equal to its skill, otherwise a random actor (ODD 7.8), and strikes whoever it names (7.7, 7.10); a hack back that hits an innocent is billed `liability` times the damage done and may cost the licence (`oversight`, 7.10)."
	a.robust(f, nil, func(th thresholds) verdicts { v, _ := judge(th); return v })
	f.Assumptions = []string{
		"Attacks are direct: no botnet proxies and no false flags, so errors come only from the hack-backer's own skill (the essay's best case); a wrong suspect is a random actor (ODD 7.8).",
		"Hack-backers strike when their confidence reaches 0.5; with a prior of 0.98 nearly every attribution, right or wrong, passes (ODD 7.8), so the error rate is close to 1 − skill.",
		"Oversight revokes a licence after a hack back that hit an innocent with probability `oversight = 0.5`, and the hack-backer is billed `liability = 1` times the damage it did to the innocent target (ODD 7.10): each error is an incident with a cost.",
		"The wrong-target rate is measured with `collateral_mean = 0` and every other kind of answer switched off (states' restraint, no counter-strikes, vigilantes or research scans), so every innocent harm is a hack back at the wrong target; the last column restores the default 0.3 bystanders per strike.",
		"The chance over 100 hack backs treats them as independent trials at the measured rate (the essay's arithmetic); one firm of the model makes fewer than 100 a year.",
	}
	f.Notes = []string{"The model does not yet report the damage done to innocents by hack backs nor the liability billed as headline figures, so the cost of an incident is stated as its consequences (a liability bill, a revoked licence) rather than in value units."}

	// Figure: error rate per hack back, and the chances over 100 hack backs.
	left := panel("Wrong targets per hack back", "hack-backers' attribution skill", "innocent harms per hack back (pooled, 95% CI)")
	right := panel(fmt.Sprintf("Chance over %d hack backs", claim3HackBacks), "hack-backers' attribution skill", "probability (95% CI)")
	band := func(label string, i int, get func(r *row) Estimate) *figure.Band {
		b := &figure.Band{Label: label, Colour: figure.Colour(i), Dashes: dashes(i)}
		for _, r := range rows {
			e := get(r)
			b.X = append(b.X, r.x)
			b.Mean = append(b.Mean, e.Value)
			b.Lo = append(b.Lo, e.Lo)
			b.Hi = append(b.Hi, e.Hi)
		}
		return b
	}
	if err := addBands(left, []*figure.Band{band("wrong target (no bystanders)", 0, func(r *row) Estimate { return r.e.Est() })}); err != nil {
		return nil, err
	}
	nominal, err := plotter.NewLine(plotter.XYs{{X: rows[0].x, Y: 1 - rows[0].x}, {X: rows[len(rows)-1].x, Y: 1 - rows[len(rows)-1].x}})
	if err != nil {
		return nil, err
	}
	nominal.Color = figure.Colour(6)
	nominal.Dashes = []vg.Length{vg.Points(5), vg.Points(4)}
	nominal.Width = vg.Points(1.2)
	left.Add(nominal)
	left.Legend.Add("1 − skill", nominal)
	fromZero(left)
	left.Y.Max *= 1.12 // room for the legend
	if err := addBands(right, []*figure.Band{
		band("at least one wrong target", 1, func(r *row) Estimate { return r.p.Est() }),
		band("licence revoked", 2, func(r *row) Estimate { return r.rev }),
	}); err != nil {
		return nil, err
	}
	right.Y.Min, right.Y.Max = 0, 1.05
	if err := hline(right, level, "incident_probability, "+pct(level), 6); err != nil {
		return nil, err
	}
	right.Legend.Top, right.Legend.Left = false, true
	err = a.figure("error-rate", fmt.Sprintf("Claim 3: hack backs that hit the wrong target, per hack back (left), and the chance of at least one such incident, and of losing the licence, over %d hack backs (right), against the hack-backers' skill; direct attacks only; 95%% bootstrap intervals over runs.", claim3HackBacks), wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, []*plot.Plot{left, right})
	})
	return f, err
}
