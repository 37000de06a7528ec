package experiment

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim1 = Experiment{
	Name:       "claim1-revictimization",
	Claim:      1,
	Title:      "Hack back with imperfect attribution re-victimizes innocents",
	Essays:     "Rapid7 hack back paper; Usman 2022",
	Specs:      []string{"claim1-revictimization"},
	Thresholds: []string{"innocents_margin"},
	analyse:    analyseClaim1,
}

// skill1 is claim 1's linked factor: the hack-backers' attribution skill.
const skill1 = "firm_skill+poor_skill+individual_skill"

// claim1Reference is the skill level the statement quotes first: the
// default attribution skill of firms above the poverty line.
const claim1Reference = "0.5"

// cell1 is one comparison of claim 1: a regime that allows hack back
// against today's law at one skill level.
type cell1 struct {
	regime, skill string
	c, base       int
	test          int // index of the innocents test in the family
	innocents     Effect
	damage, crime Estimate // relative changes against today's law
}

func analyseClaim1(a *analysis) (*Finding, error) {
	d := a.data[0]
	regimes := []string{"illegal", "licensed", "free"}
	names := map[string]string{"illegal": "illegal (today's law)", "licensed": "licensed (letters of marque)", "free": "free for all"}
	skills := levelsOf(d, skill1)
	var cells []*cell1
	for _, rg := range regimes[1:] {
		for _, s := range skills {
			c, err := need(d.Find("hack_back", rg, skill1, s), "hack_back", rg, skill1, s)
			if err != nil {
				return nil, err
			}
			base, err := need(d.Find("hack_back", "illegal", skill1, s), "hack_back", "illegal", skill1, s)
			if err != nil {
				return nil, err
			}
			tag := rg + " " + s
			cells = append(cells, &cell1{regime: rg, skill: s, c: c, base: base,
				innocents: Relative(a.rng("innocents "+tag), d.Metric(c, "innocents_harmed"), d.Metric(base, "innocents_harmed")),
				damage:    Relative(a.rng("damage "+tag), d.Metric(c, "damage"), d.Metric(base, "damage")).Est(),
				crime:     Relative(a.rng("crimes "+tag), d.Metric(c, "crimes"), d.Metric(base, "crimes")).Est(),
			})
		}
	}
	judge := func(th thresholds) (verdicts, *family) {
		fam := &family{}
		for _, cl := range cells {
			cl.test = fam.add(cl.innocents, +1, th.get("innocents_margin"))
		}
		fam.judge()
		var lic, free []Verdict
		for _, cl := range cells {
			if cl.regime == "licensed" {
				lic = append(lic, fam.verdict(cl.test))
			} else {
				free = append(free, fam.verdict(cl.test))
			}
		}
		pl, pf := Combine(lic...), Combine(free...)
		return verdicts{Combine(pl, pf), []Verdict{pl, pf}}, fam
	}
	v, fam := judge(a.th)
	margin := a.th.get("innocents_margin")
	f := &Finding{Verdict: v.claim}
	f.Parts = []Part{
		{Label: "Licensed hack back harms more innocents than today's law", Verdict: v.parts[0], Text: partText(cells, fam, "licensed", skills)},
		{Label: "A free-for-all harms more innocents than today's law", Verdict: v.parts[1], Text: partText(cells, fam, "free", skills)},
	}
	f.Rule = fmt.Sprintf("Each regime that allows hack back is compared with today's law at each of the %d skill levels: the claim holds for a regime when its innocents harmed in a year exceed today's law's by more than %s (`innocents_margin`) at every skill level, with 95%% confidence after Holm's adjustment over the %d comparisons (relative change of means, bootstrap over runs), and holds when it holds for both regimes.", len(skills), pct(margin), fam.size())
	f.Mechanism = "A hack back strikes whoever its striker blames (ODD 7.7, 7.10); attribution names a wrong suspect when the attack was routed through a botnet host or carried a false flag, or by the striker's own error (7.5, 7.8), and every strike harms Poisson(`collateral_mean`) bystanders (7.17). Innocent harms are defined in ODD 2.2 and counted in ODD 11."
	a.robust(f, []string{"licensed", "free for all"}, func(th thresholds) verdicts { v, _ := judge(th); return v })

	ref := func(rg string) *cell1 {
		for _, cl := range cells {
			if cl.regime == rg && cl.skill == claim1Reference {
				return cl
			}
		}
		return nil
	}
	if rl, rf := ref("licensed"), ref("free"); rl != nil && rf != nil {
		perHB := excessPerHackBack(a, d, rf.c, rf.base)
		f.Statement = fmt.Sprintf("At the hack-backers' attribution skill %s, letting licensed firms hack back changed the innocents harmed in a year by %s against today's law, where hack back is illegal (%s a year against %s), and a free-for-all by %s (%s a year); in the free-for-all each hack back added %s innocent harms. Beside it, the net harm: total damage changed by %s under licensing and by %s in the free-for-all, and criminals' attacks by %s and %s.",
			claim1Reference, ci(rl.innocents.Est(), signedPct), num(mean(d.Metric(rl.c, "innocents_harmed"))), num(mean(d.Metric(rl.base, "innocents_harmed"))),
			ci(rf.innocents.Est(), signedPct), num(mean(d.Metric(rf.c, "innocents_harmed"))), ci(perHB.Est(), num),
			ci(rl.damage, signedPct), ci(rf.damage, signedPct), ci(rl.crime, signedPct), ci(rf.crime, signedPct))
	}
	f.Table = [][]string{{"regime", "attribution skill", "innocents harmed per year", "change from illegal", "adjusted p", "damage per year", "damage change", "crimes per year", "crimes change", "hack backs per year"}}
	for _, rg := range regimes {
		for _, s := range skills {
			c := d.Find("hack_back", rg, skill1, s)
			row := []string{rg, s, ci(Mean(d.Metric(c, "innocents_harmed")).Est(), num), "—", "—", num(mean(d.Metric(c, "damage"))), "—", num(mean(d.Metric(c, "crimes"))), "—", num(mean(d.Metric(c, "hackbacks")))}
			for _, cl := range cells {
				if cl.c == c {
					row[3], row[4], row[6], row[8] = ci(cl.innocents.Est(), signedPct), fam.p(cl.test), ci(cl.damage, signedPct), ci(cl.crime, signedPct)
				}
			}
			f.Table = append(f.Table, row)
		}
	}
	if lo, hi := d.Find("hack_back", "free", skill1, skills[0]), d.Find("hack_back", "free", skill1, skills[len(skills)-1]); lo >= 0 && hi >= 0 && lo != hi {
		blo, bhi := d.Find("hack_back", "illegal", skill1, skills[0]), d.Find("hack_back", "illegal", skill1, skills[len(skills)-1])
		if blo >= 0 && bhi >= 0 {
			f.Notes = append(f.Notes, fmt.Sprintf("Better attribution does little for the harm done per hack back: in the free-for-all each hack back added %s innocent harms at skill %s and %s at skill %s, because routed and false-flagged attacks, answered scans and bystanders do not depend on the hack-backer's skill; better skill instead gives more hack-backers the confidence to strike.",
				ci(excessPerHackBack(a, d, lo, blo).Est(), num), skills[0], ci(excessPerHackBack(a, d, hi, bhi).Est(), num), skills[len(skills)-1]))
		}
	}
	f.Assumptions = []string{
		"Attackers route half their attacks through botnet hosts (`proxy_use = 0.5`) and flag 5% falsely (`false_flag = 0.05`); against these, a victim's skill is cut by `deception = 0.7` and its confidence does not know it (ODD 7.8), so even skill 1 misattributes.",
		"Hack-backers strike when their confidence reaches `hack_back_confidence = 0.5`; firms above the poverty line add `honeypot_bonus = 0.05` to their skill; every strike also harms Poisson(`collateral_mean = 0.3`) bystanders in the target's country (ODD 7.17).",
		"Researchers' benign scans are read as attacks with probability `scan_alarm = 0.2`, and a hack back at a scan always hits an innocent (ODD 7.4.4).",
		"Hack back is licensed to `license_share = 0.5` of the `hack_back_share = 0.3` inclined firms above the poverty line; in the free-for-all every inclined firm and citizen may strike back.",
	}
	f.Notes = append(f.Notes, "Innocent harms count the targets of answers that had not launched the act being answered and their bystanders other than that act's author (ODD 2.2); under today's law they come from states' retaliations and attackers' counter-strikes only. Damage is all damage done by acts to their targets and bystanders (liability bills are transfers and are not counted); crimes are criminals' attacks launched, which hack back deters (ODD 7.12) and displaces (7.4.2).")

	// Figure: innocents harmed, and innocents per answer, against skill.
	labels := make([]string, len(regimes))
	for i, r := range regimes {
		labels[i] = names[r]
	}
	left := panel("Innocents harmed in a year", "hack-backers' attribution skill (firms, poor firms, individuals)", "innocent harms per year (mean, 95% CI)")
	if err := addBands(left, bandsOver(d, skill1, skills, "hack_back", regimes, labels, func(c int) Estimate { return Mean(d.Metric(c, "innocents_harmed")).Est() })); err != nil {
		return nil, err
	}
	fromZero(left)
	right := panel("Innocents harmed per hack back", "hack-backers' attribution skill (firms, poor firms, individuals)", "innocent harms beyond today's law, per hack back (95% CI)")
	excess := bandsOver(d, skill1, skills, "hack_back", regimes[1:], labels[1:], func(c int) Estimate {
		b := d.Find("hack_back", "illegal", skill1, d.Conditions[c][d.Factor(skill1)])
		if b < 0 {
			return Estimate{math.NaN(), math.NaN(), math.NaN()}
		}
		return excessPerHackBack(a, d, c, b).Est()
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

// partText says at how many skill levels a regime's rise in innocents
// clears the margin.
func partText(cells []*cell1, fam *family, regime string, levels []string) string {
	holds, n := 0, 0
	for _, cl := range cells {
		if cl.regime == regime {
			n++
			if fam.verdict(cl.test) == Holds {
				holds++
			}
		}
	}
	if n == 0 {
		return "no data"
	}
	return fmt.Sprintf("The rise clears the margin with 95%% confidence (Holm-adjusted) at %d of %d skill levels (%s to %s).", holds, n, levels[0], levels[len(levels)-1])
}

// excessPerHackBack returns the innocent harms that condition c adds to
// today's law (condition base), per hack back of c: (mean innocents of c -
// mean innocents of base) / mean hack backs of c, with a bootstrap
// interval over both conditions' runs.
func excessPerHackBack(a *analysis, d *Data, c, base int) Effect {
	fi, bi, hb := d.Metric(c, "innocents_harmed"), d.Metric(base, "innocents_harmed"), d.Metric(c, "hackbacks")
	return Bootstrap(a.rng(fmt.Sprintf("per-hackback %d %d", c, base)), [][]int{seq(len(fi)), seq(len(bi))}, func(g [][]int) float64 {
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
