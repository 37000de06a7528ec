package experiment

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim5 = Experiment{
	Name:    "claim5-counterstrike",
	Claim:   5,
	Title:   "Counter-retaliation can destroy the hack-backer; ideological attackers are not deterred",
	Essays:  "Usman 2022",
	Specs:   []string{"claim5-counterstrike", "claim5-ideology"},
	analyse: analyseClaim5,
}

// claim5Margin is the relative fall in hacktivists' attacks below which it
// counts as negligible.
const claim5Margin = 0.05

// JudgeNoFall decides a claim that a quantity does not fall, from the
// estimate of its relative change: it does not hold when the whole 95%
// interval is below zero (a fall, however small), holds when the interval
// stays above -margin (no fall beyond the negligible margin), and is
// inconclusive otherwise.
func JudgeNoFall(e Estimate, margin float64) Verdict {
	switch {
	case math.IsNaN(e.Lo) || math.IsNaN(e.Hi):
		return Inconclusive
	case e.Hi < 0:
		return DoesNotHold
	case e.Lo > -margin:
		return Holds
	}
	return Inconclusive
}

func analyseClaim5(a *analysis) (*Finding, error) {
	bs, ideo := a.data[0], a.data[1]
	bi, err := need(bs.Find("hack_back", "illegal"), "hack_back", "illegal")
	if err != nil {
		return nil, err
	}
	bf, err := need(bs.Find("hack_back", "free"), "hack_back", "free")
	if err != nil {
		return nil, err
	}
	ii, err := need(ideo.Find("hack_back", "illegal"), "hack_back", "illegal")
	if err != nil {
		return nil, err
	}
	iff, err := need(ideo.Find("hack_back", "free"), "hack_back", "free")
	if err != nil {
		return nil, err
	}
	df, di := bs.Metric(bf, "firms_destroyed"), bs.Metric(bi, "firms_destroyed")
	destroyedFree, destroyedIllegal := Wilson(count(df), len(df)), Wilson(count(di), len(di))
	diff := NewcombeDiff(count(df), len(df), count(di), len(di))
	struck := shareOfRuns(bs, bf, "hackbackers_struck_down")
	crimes := RelativeChange(a.rng("crimes"), ideo.Metric(iff, "crimes"), ideo.Metric(ii, "crimes"))
	hact := RelativeChange(a.rng("hacktivism"), ideo.Metric(iff, "hacktivist_attacks"), ideo.Metric(ii, "hacktivist_attacks"))
	pa := Judge(diff, +1, 0)
	pb := Judge(crimes, -1, 0)
	pc := JudgeNoFall(hact, claim5Margin)
	f := &Finding{Verdict: Combine(pa, pb, pc)}
	f.Parts = []Part{
		{"(a) Counter-retaliation can destroy the hack-backer", pa, fmt.Sprintf("In the Blue Security story the firm was destroyed in %s of years when it hacked back and in %s when it only reported, a difference of %s; in %s of years it was destroyed by a counter-strike or a state's retaliation.",
			ci(destroyedFree, pct), ci(destroyedIllegal, pct), ciPoints(diff), ci(struck, pct))},
		{"(b) Profit-driven attackers are deterred", pb, fmt.Sprintf("With everyone free to hack back, the attacks criminals launched changed by %s against today's law.", ci(crimes, signedPct))},
		{"(c) Ideological attackers are not deterred", pc, fmt.Sprintf("The attacks hacktivists launched changed by %s (the part holds when the interval stays above %s).", ci(hact, signedPct), signedPct(-claim5Margin))},
	}
	f.Statement = fmt.Sprintf("A firm that hacks back a strong spammer is destroyed in %s of years against %s when it only reports; letting everyone hack back changes criminals' attacks by %s and hacktivists' by %s.",
		pct(destroyedFree.Value), pct(destroyedIllegal.Value), ci(crimes, signedPct), ci(hact, signedPct))
	f.Table = [][]string{
		{"world", "hack back", "firm destroyed (share of years)", "crimes per year", "hacktivist attacks per year", "attacks deterred per year", "hack backs per year"},
		{"Blue Security", "illegal", ci(destroyedIllegal, pct), num(mean(bs.Metric(bi, "crimes"))), "—", "—", num(mean(bs.Metric(bi, "hackbacks")))},
		{"Blue Security", "free", ci(destroyedFree, pct), num(mean(bs.Metric(bf, "crimes"))), "—", "—", num(mean(bs.Metric(bf, "hackbacks")))},
		{"default world", "illegal", "—", ci(MeanCI(ideo.Metric(ii, "crimes")), num), ci(MeanCI(ideo.Metric(ii, "hacktivist_attacks")), num), num(mean(ideo.Metric(ii, "deterred"))), num(mean(ideo.Metric(ii, "hackbacks")))},
		{"default world", "free", "—", ci(MeanCI(ideo.Metric(iff, "crimes")), num), ci(MeanCI(ideo.Metric(iff, "hacktivist_attacks")), num), num(mean(ideo.Metric(iff, "deterred"))), num(mean(ideo.Metric(iff, "hackbacks")))},
	}
	f.Assumptions = []string{
		"Blue Security: one firm (value 1 to 3) and one spammer who notices every hit and strikes back one level harder with probability 0.9 (`criminal_offence = 1`, `counter_probability = 0.9`, `counter_escalation = 1`) and is never deterred; damage is repaired at 1% a day and the firm is destroyed when its outstanding damage reaches its value (ODD 7.3, 7.11).",
		"A hit that reaches the true author deters a criminal for `deterrence_ticks = 30` days and a hacktivist never (ODD 7.12); criminals also avoid targets that may hack back (`hack_back_fear = 1`), hacktivists do not choose by cost.",
		"In the default world every firm and citizen is inclined to hack back (`hack_back_share = 1`) when it is free; victims who hack back do not report, so prosecutions (which deter hacktivists too, ODD 7.16) change with the regime.",
	}
	// Figure: left, the share of years the firm is destroyed; right, the
	// relative change of crimes and hacktivism.
	left := panel("Blue Security: is the firm destroyed?", "", "share of years (95% Wilson CI)")
	if err := categoryPoints(left, []string{"reports (illegal)", "hacks back (free)"}, []string{"firm destroyed", "destroyed by a counter-strike or a retaliation"}, func(cat, s int) Estimate {
		c := []int{bi, bf}[cat]
		if s == 0 {
			return shareOfRuns(bs, c, "firms_destroyed")
		}
		return shareOfRuns(bs, c, "hackbackers_struck_down")
	}); err != nil {
		return nil, err
	}
	left.Y.Min, left.Y.Max = 0, 1.1
	right := panel("Attacks launched: free hack back against today's law", "", "relative change (95% bootstrap CI)")
	if err := categoryPoints(right, []string{"criminals (profit)", "hacktivists (ideology)"}, []string{"attacks launched"}, func(cat, _ int) Estimate {
		return []Estimate{crimes, hact}[cat]
	}); err != nil {
		return nil, err
	}
	right.Y.Min = math.Min(right.Y.Min, -0.05)
	right.Y.Max = math.Max(right.Y.Max, 0.05)
	span := right.Y.Max - right.Y.Min
	right.Y.Max += span * 0.2
	right.Y.Min -= span * 0.05
	if err := hline(right, 0, "", 6); err != nil {
		return nil, err
	}
	err = a.figure("deterrence", fmt.Sprintf("Claim 5: share of years (of %d) in which the Blue Security firm is destroyed when it only reports or hacks back (left); relative change in the attacks launched by criminals and by hacktivists when everyone may hack back, against today's law (right).", bs.Replicates), wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, []*plot.Plot{left, right})
	})
	return f, err
}
