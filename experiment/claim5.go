package experiment

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim5 = Experiment{
	Name:       "claim5-counterstrike",
	Claim:      5,
	Title:      "Counter-retaliation can destroy the hack-backer; ideological attackers are not deterred",
	Essays:     "Usman 2022",
	Specs:      []string{"claim5-counterstrike", "claim5-ideology"},
	Thresholds: []string{"ruin_margin", "deterrence_margin", "no_fall_margin"},
	analyse:    analyseClaim5,
}

// The Blue Security story's causes of ruin, as headlines, and the settings
// of the story itself (the spammer counter-strikes, liability is billed).
var (
	ruinCauses = []struct{ metric, label string }{
		{"destroyed_by_answers", "by answers (counter-strikes, retaliations)"},
		{"destroyed_by_liability", "by liability bills"},
		{"destroyed_by_attacks", "by other attacks"},
	}
	story5 = []string{"counter_probability", "0.9", "liability", "1"}
)

// blue5 finds a condition of the Blue Security sweep.
func blue5(d *Data, hackBack, counter, liability string) (int, error) {
	pairs := []string{"hack_back", hackBack, "counter_probability", counter, "liability", liability}
	return need(d.Find(pairs...), pairs...)
}

func analyseClaim5(a *analysis) (*Finding, error) {
	bs, ideo := a.data[0], a.data[1]
	bi, err := blue5(bs, "illegal", story5[1], story5[3])
	if err != nil {
		return nil, err
	}
	bf, err := blue5(bs, "free", story5[1], story5[3])
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
	ruin := func(metric string) Effect {
		f, i := bs.Metric(bf, metric), bs.Metric(bi, metric)
		return ShareDiff(count(f), len(f), count(i), len(i))
	}
	byAnswers, byLiability := ruin("destroyed_by_answers"), ruin("destroyed_by_liability")
	crimes := Relative(a.rng("crimes"), ideo.Metric(iff, "crimes"), ideo.Metric(ii, "crimes"))
	hact := Relative(a.rng("hacktivism"), ideo.Metric(iff, "hacktivist_attacks"), ideo.Metric(ii, "hacktivist_attacks"))
	var ta, tl, tb, tc int
	judge := func(th thresholds) (verdicts, *family) {
		fam := &family{}
		ta = fam.add(byAnswers, +1, th.get("ruin_margin"))
		tl = fam.add(byLiability, +1, th.get("ruin_margin"))
		tb = fam.add(crimes, -1, -th.get("deterrence_margin"))
		tc = fam.add(hact, +1, -th.get("no_fall_margin"))
		fam.judge()
		pa, pl, pb, pc := fam.verdict(ta), fam.verdict(tl), fam.verdict(tb), fam.verdict(tc)
		return verdicts{Combine(pa, pb, pc), []Verdict{pa, pb, pc, pl}}, fam
	}
	v, fam := judge(a.th)
	share := func(c int, metric string) Estimate { return shareOfRuns(bs, c, metric).Est() }
	f := &Finding{Verdict: v.claim}
	f.Parts = []Part{
		{Label: "(a) Counter-retaliation can destroy the hack-backer", Verdict: v.parts[0], Text: fmt.Sprintf("In the Blue Security story the firm was destroyed by answers to its own acts (the spammer's counter-strikes, a state's retaliation) in %s of years when it hacked back and in %s when it only reported, a difference of %s (Holm-adjusted %s against a rise of %s points); it was destroyed for any cause in %s of years.",
			ci(share(bf, "destroyed_by_answers"), pct), ci(share(bi, "destroyed_by_answers"), pct), ciPoints(byAnswers.Est()), fam.pIs(ta), num(100*a.th.get("ruin_margin")), ci(share(bf, "firms_destroyed"), pct))},
		{Label: "(b) Profit-driven attackers are deterred", Verdict: v.parts[1], Text: fmt.Sprintf("With everyone free to hack back, the attacks criminals launched changed by %s against today's law (Holm-adjusted %s against a fall of %s).", ci(crimes.Est(), signedPct), fam.pIs(tb), pct(a.th.get("deterrence_margin")))},
		{Label: "(c) Ideological attackers are not deterred", Verdict: v.parts[2], Text: fmt.Sprintf("The attacks hacktivists launched changed by %s (Holm-adjusted %s against a fall of %s).", ci(hact.Est(), signedPct), fam.pIs(tc), pct(a.th.get("no_fall_margin")))},
		{Label: "Liability bills ruin the hack-backer (the Rapid7 hack back paper's version)", Verdict: v.parts[3], Aside: true, Text: fmt.Sprintf("The firm was destroyed by liability bills for hack backs that hit an innocent in %s of years when it hacked back and in %s when it only reported, a difference of %s (Holm-adjusted %s against a rise of %s points).",
			ci(share(bf, "destroyed_by_liability"), pct), ci(share(bi, "destroyed_by_liability"), pct), ciPoints(byLiability.Est()), fam.pIs(tl), num(100*a.th.get("ruin_margin")))},
	}
	f.Statement = fmt.Sprintf("A firm that hacks back a strong spammer is destroyed in %s of years against %s when it only reports, but its ruin comes mostly from where the Rapid7 hack back paper puts it: liability bills after a hack back at the wrong target ruin it in %s of years, the spammer's counter-strikes (and states' retaliations) in %s. Letting everyone hack back changes criminals' attacks by %s and hacktivists' by %s.",
		pct(share(bf, "firms_destroyed").Value), pct(share(bi, "firms_destroyed").Value), pct(share(bf, "destroyed_by_liability").Value), pct(share(bf, "destroyed_by_answers").Value), ci(crimes.Est(), signedPct), ci(hact.Est(), signedPct))
	if share(bf, "destroyed_by_liability").Value <= share(bf, "destroyed_by_answers").Value {
		f.Statement = fmt.Sprintf("A firm that hacks back a strong spammer is destroyed in %s of years against %s when it only reports: by answers to its own acts (the spammer's counter-strikes, states' retaliations) in %s of years, by liability bills in %s. Letting everyone hack back changes criminals' attacks by %s and hacktivists' by %s.",
			pct(share(bf, "firms_destroyed").Value), pct(share(bi, "firms_destroyed").Value), pct(share(bf, "destroyed_by_answers").Value), pct(share(bf, "destroyed_by_liability").Value), ci(crimes.Est(), signedPct), ci(hact.Est(), signedPct))
	}
	f.Rule = fmt.Sprintf("Each version is judged on its own cause of ruin (ODD 7.3: a firm's destruction is put down to the cause of its largest outstanding loss). (a) holds when, in the Blue Security story, the share of years in which the firm is destroyed by answers to its own acts is higher when it hacks back than when it only reports by more than %s percentage points (`ruin_margin`); the aside judges ruin by liability bills the same way. (b) holds when criminals' attacks fall by more than %s (`deterrence_margin`) when everyone may hack back; (c) holds when hacktivists' attacks do not fall by more than %s (`no_fall_margin`). Each with 95%% confidence (Newcombe and bootstrap intervals), Holm-adjusted over the %d tests; the claim holds when (a), (b) and (c) hold.",
		num(100*a.th.get("ruin_margin")), pct(a.th.get("deterrence_margin")), pct(a.th.get("no_fall_margin")), fam.size())
	f.Mechanism = "A hit attacker notices it with its offence and strikes back one level harder with `counter_probability` (ODD 7.11); a hack back at the wrong target is billed `liability` times the damage it did (7.10), and a wrongly struck state may retaliate (7.14); a firm is destroyed when its outstanding losses reach its value (7.3). A hit that reaches its true author deters a profit-driven attacker for `deterrence_ticks`, never an ideological one (7.12), and criminals avoid targets that may hack back (7.4.2)."
	a.robust(f, []string{"(a)", "(b)", "(c)", "aside: liability"}, func(th thresholds) verdicts { v, _ := judge(th); return v })
	f.Table = claim5Table(bs, ideo, ii, iff)
	f.Assumptions = []string{
		"Blue Security: one state, one firm (value 1 to 3) and one spammer who notices every hit and strikes back one level harder with probability 0.9 (`criminal_offence = 1`, `counter_probability = 0.9`, `counter_escalation = 1`) and is never deterred; damage is repaired at 1% a day and the firm is destroyed when its outstanding losses, damage and liability bills, reach its value (ODD 7.3, 7.11).",
		"In the story a hack-backer that misattributes blames the one other actor, the state that is home to both (`state_value = 50`, against the firm's 1 to 3), and its bill is `liability = 1` times the damage it did to the state (ODD 7.8, 7.10); a state does not retaliate at its own firm (7.14).",
		"A hit that reaches the true author deters a criminal for `deterrence_ticks = 30` days and a hacktivist never (ODD 7.12); criminals also avoid targets that may hack back (`hack_back_fear = 1`), hacktivists do not choose by cost.",
		"In the default world every firm and citizen is inclined to hack back (`hack_back_share = 1`) when it is free; victims who hack back do not report, so prosecutions (which deter hacktivists too, ODD 7.16) change with the regime.",
	}
	f.Notes = []string{"The runs with counter-strikes or liability switched off show what each cause does alone: the table gives the share of years the hack-backing firm is destroyed, and by what, in each."}
	return f, drawClaim5(a, bs, crimes.Est(), hact.Est())
}

// claim5Table lists the Blue Security conditions with the shares of years
// the firm is destroyed, by cause, and the default world's attacks.
func claim5Table(bs, ideo *Data, ii, iff int) [][]string {
	t := [][]string{{"world", "hack back", "counter-strikes", "liability", "firm destroyed (share of years)", "by answers", "by liability", "by other attacks", "crimes per year", "hacktivist attacks per year", "hack backs per year"}}
	for c, vals := range bs.Conditions {
		row := []string{"Blue Security", vals[bs.Factor("hack_back")], vals[bs.Factor("counter_probability")], vals[bs.Factor("liability")], ci(shareOfRuns(bs, c, "firms_destroyed").Est(), pct)}
		for _, rc := range ruinCauses {
			row = append(row, pct(shareOfRuns(bs, c, rc.metric).Value))
		}
		t = append(t, append(row, num(mean(bs.Metric(c, "crimes"))), "—", num(mean(bs.Metric(c, "hackbacks")))))
	}
	for _, c := range []int{ii, iff} {
		t = append(t, []string{"default world", ideo.Conditions[c][ideo.Factor("hack_back")], "default", "default", "—", "—", "—", "—",
			ci(Mean(ideo.Metric(c, "crimes")).Est(), num), ci(Mean(ideo.Metric(c, "hacktivist_attacks")).Est(), num), num(mean(ideo.Metric(c, "hackbacks")))})
	}
	return t
}

// drawClaim5 draws the shares of years the firm is destroyed, by cause, in
// the story and with each cause switched off (left), and the relative
// change in criminals' and hacktivists' attacks (right).
func drawClaim5(a *analysis, bs *Data, crimes, hact Estimate) error {
	type setting struct{ label, hb, counter, liability string }
	settings := []setting{
		{"reports\n(illegal)", "illegal", "0.9", "1"},
		{"hacks back\n(the story)", "free", "0.9", "1"},
		{"hacks back,\nno counter-strikes", "free", "0", "1"},
		{"hacks back,\nno liability", "free", "0.9", "0"},
	}
	var labels, causes []string
	for _, s := range settings {
		labels = append(labels, s.label)
	}
	for _, rc := range ruinCauses {
		causes = append(causes, rc.label)
	}
	left := panel("Blue Security: why is the firm destroyed?", "", "share of years (95% Wilson CI)")
	if err := categoryPoints(left, labels, causes, func(cat, s int) Estimate {
		st := settings[cat]
		c, err := blue5(bs, st.hb, st.counter, st.liability)
		if err != nil {
			return Estimate{math.NaN(), math.NaN(), math.NaN()}
		}
		return shareOfRuns(bs, c, ruinCauses[s].metric).Est()
	}); err != nil {
		return err
	}
	left.Y.Min, left.Y.Max = 0, 1.15
	right := panel("Attacks launched: free hack back against today's law", "", "relative change (95% bootstrap CI)")
	if err := categoryPoints(right, []string{"criminals (profit)", "hacktivists (ideology)"}, []string{"attacks launched"}, func(cat, _ int) Estimate {
		return []Estimate{crimes, hact}[cat]
	}); err != nil {
		return err
	}
	right.Y.Min = math.Min(right.Y.Min, -0.05)
	right.Y.Max = math.Max(right.Y.Max, 0.05)
	span := right.Y.Max - right.Y.Min
	right.Y.Max += span * 0.2
	right.Y.Min -= span * 0.05
	if err := hline(right, 0, "", 6); err != nil {
		return err
	}
	return a.figure("deterrence", fmt.Sprintf("Claim 5: share of years (of %d) in which the Blue Security firm is destroyed, by the cause of its largest outstanding loss, when it only reports, when it hacks back, and when it hacks back with the spammer's counter-strikes or liability switched off (left); relative change in the attacks launched by criminals and by hacktivists when everyone may hack back, against today's law (right).", bs.Replicates), wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, []*plot.Plot{left, right})
	})
}
