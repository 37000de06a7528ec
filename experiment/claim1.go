package experiment

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim1 = Experiment{
	Name:    "claim1-revictimization",
	Claim:   1,
	Title:   "Hack back with imperfect attribution re-victimizes innocents",
	Essays:  "Rapid7 hack back paper; Usman 2022",
	Specs:   []string{"claim1-revictimization"},
	analyse: analyseClaim1,
}

// skill1 is claim 1's linked factor: the hack-backers' attribution skill.
const skill1 = "firm_skill+poor_skill+individual_skill"

// claim1Reference is the skill level the statement quotes first: the
// default attribution skill of firms above the poverty line.
const claim1Reference = "0.5"

func analyseClaim1(a *analysis) (*Finding, error) {
	d := a.data[0]
	regimes := []string{"illegal", "licensed", "free"}
	names := map[string]string{"illegal": "illegal (today's law)", "licensed": "licensed (letters of marque)", "free": "free for all"}
	skills := levelsOf(d, skill1)
	f := &Finding{}
	f.Table = [][]string{{"regime", "attribution skill", "innocents harmed per year", "hack backs per year", "innocent harms per answer", "difference from illegal"}}
	verdicts := map[string][]Verdict{}
	var refDiff = map[string]Estimate{}
	for _, rg := range regimes {
		for _, s := range skills {
			c, err := need(d.Find("hack_back", rg, skill1, s), "hack_back", rg, skill1, s)
			if err != nil {
				return nil, err
			}
			base, err := need(d.Find("hack_back", "illegal", skill1, s), "hack_back", "illegal", skill1, s)
			if err != nil {
				return nil, err
			}
			inn := d.Metric(c, "innocents_harmed")
			diff := "—"
			if rg != "illegal" {
				e := WelchDiff(inn, d.Metric(base, "innocents_harmed"))
				verdicts[rg] = append(verdicts[rg], Judge(e, +1, 0))
				diff = ci(e, signed)
				if s == claim1Reference {
					refDiff[rg] = e
				}
			}
			f.Table = append(f.Table, []string{rg, s, ci(MeanCI(inn), num), num(mean(d.Metric(c, "hackbacks"))), num(mean(d.Metric(c, "innocents_per_answer"))), diff})
		}
	}
	// Extra innocents per hack back in the free-for-all at the reference skill.
	var perHB Estimate
	if c, b := d.Find("hack_back", "free", skill1, claim1Reference), d.Find("hack_back", "illegal", skill1, claim1Reference); c >= 0 && b >= 0 {
		perHB = excessPerHackBack(a, d, c, b)
	}
	if lo, hi := d.Find("hack_back", "free", skill1, skills[0]), d.Find("hack_back", "free", skill1, skills[len(skills)-1]); lo >= 0 && hi >= 0 && lo != hi {
		blo, bhi := d.Find("hack_back", "illegal", skill1, skills[0]), d.Find("hack_back", "illegal", skill1, skills[len(skills)-1])
		if blo >= 0 && bhi >= 0 {
			f.Notes = append(f.Notes, fmt.Sprintf("Better attribution does little for the harm done per hack back: in the free-for-all each hack back added %s innocent harms at skill %s and %s at skill %s, because routed and false-flagged attacks, answered scans and bystanders do not depend on the hack-backer's skill; better skill instead gives more hack-backers the confidence to strike.",
				ci(excessPerHackBack(a, d, lo, blo), num), skills[0], ci(excessPerHackBack(a, d, hi, bhi), num), skills[len(skills)-1]))
		}
	}
	lic, free := Combine(verdicts["licensed"]...), Combine(verdicts["free"]...)
	f.Verdict = Combine(lic, free)
	f.Parts = []Part{
		{"Licensed hack back harms more innocents than today's law", lic, partText(verdicts["licensed"], skills)},
		{"A free-for-all harms more innocents than today's law", free, partText(verdicts["free"], skills)},
	}
	f.Statement = fmt.Sprintf("At the hack-backers' attribution skill %s, letting licensed firms hack back changed the innocents harmed in a year by %s, and a free-for-all by %s, against today's law where hack back is illegal; in the free-for-all each hack back added %s innocent harms (innocent targets and bystanders).",
		claim1Reference, ci(refDiff["licensed"], signed), ci(refDiff["free"], signed), ci(perHB, num))
	f.Assumptions = []string{
		"Attackers route half their attacks through botnet hosts (`proxy_use = 0.5`) and flag 5% falsely (`false_flag = 0.05`); against these, a victim's skill is cut by `deception = 0.7` and its confidence does not know it (ODD 7.8), so even skill 1 misattributes.",
		"Hack-backers strike when their confidence reaches `hack_back_confidence = 0.5`; firms above the poverty line add `honeypot_bonus = 0.05` to their skill; every strike also harms Poisson(`collateral_mean = 0.3`) bystanders in the target's country (ODD 7.17).",
		"Researchers' benign scans are read as attacks with probability `scan_alarm = 0.2`, and a hack back at a scan always hits an innocent (ODD 7.4.4).",
		"Hack back is licensed to `license_share = 0.5` of the `hack_back_share = 0.3` inclined firms above the poverty line; in the free-for-all every inclined firm and citizen may strike back.",
	}
	f.Notes = []string{"Innocent harms count the targets of answers that had not launched the act being answered and their bystanders other than that act's author (ODD 2.2); under today's law they come from states' retaliations and attackers' counter-strikes only."}

	// Figure: innocents harmed, and innocents per answer, against skill.
	labels := make([]string, len(regimes))
	for i, r := range regimes {
		labels[i] = names[r]
	}
	left := panel("Innocents harmed in a year", "hack-backers' attribution skill (firms, poor firms, individuals)", "innocent harms per year (mean, 95% CI)")
	if err := addBands(left, bandsOver(d, skill1, skills, "hack_back", regimes, labels, func(c int) Estimate { return MeanCI(d.Metric(c, "innocents_harmed")) })); err != nil {
		return nil, err
	}
	fromZero(left)
	right := panel("Innocents harmed per hack back", "hack-backers' attribution skill (firms, poor firms, individuals)", "innocent harms beyond today's law, per hack back (95% CI)")
	excess := bandsOver(d, skill1, skills, "hack_back", regimes[1:], labels[1:], func(c int) Estimate {
		b := d.Find("hack_back", "illegal", skill1, d.Conditions[c][d.Factor(skill1)])
		if b < 0 {
			return Estimate{math.NaN(), math.NaN(), math.NaN()}
		}
		return excessPerHackBack(a, d, c, b)
	})
	for i, b := range excess { // the same colours as on the left
		b.Colour, b.Dashes = figure.Colour(i+1), dashes(i+1)
	}
	if err := addBands(right, excess); err != nil {
		return nil, err
	}
	right.Y.Min, right.Y.Max = 0, math.Max(1.2, right.Y.Max*1.1)
	if err := hline(right, 1, "one per hack back", 6); err != nil {
		return nil, err
	}
	plots := []*plot.Plot{left, right}
	err := a.figure("innocents", "Claim 1: innocents harmed in a year under each legal regime of hack back (left; means over runs with 95% intervals) and the innocent harms each hack back adds to today's law (right; pooled ratio with a 95% bootstrap interval), against the hack-backers' attribution skill.", wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, plots)
	})
	return f, err
}

// partText lists the verdicts of a part at each level.
func partText(vs []Verdict, levels []string) string {
	if len(vs) == 0 {
		return "no data"
	}
	holds := 0
	for _, v := range vs {
		if v == Holds {
			holds++
		}
	}
	return fmt.Sprintf("The difference is positive with 95%% confidence at %d of %d skill levels (%s to %s).", holds, len(vs), levels[0], levels[len(levels)-1])
}

// excessPerHackBack returns the innocent harms that condition c adds to
// today's law (condition base), per hack back of c: (mean innocents of c -
// mean innocents of base) / mean hack backs of c, with a bootstrap
// interval over both conditions' runs.
func excessPerHackBack(a *analysis, d *Data, c, base int) Estimate {
	fi, bi, hb := d.Metric(c, "innocents_harmed"), d.Metric(base, "innocents_harmed"), d.Metric(c, "hackbacks")
	return BootstrapGroups(a.rng(fmt.Sprintf("per-hackback %d %d", c, base)), [][]int{seq(len(fi)), seq(len(bi))}, func(g [][]int) float64 {
		var sf, sb, sh float64
		for _, i := range g[0] {
			sf += fi[i]
			sh += hb[i]
		}
		for _, i := range g[1] {
			sb += bi[i]
		}
		if sh == 0 {
			return math.NaN()
		}
		nf, nb := float64(len(g[0])), float64(len(g[1]))
		return (sf/nf - sb/nb) / (sh / nf)
	})
}
