package experiment

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim4 = Experiment{
	Name:       "claim4-vigilante",
	Claim:      4,
	Title:      "A lone vigilante can drag states into a conflict",
	Essays:     "Road rage essay",
	Specs:      []string{"claim4-vigilante"},
	Thresholds: []string{"yearly_share"},
	analyse:    analyseClaim4,
}

// Claim 4's reference condition: the p4x preset's values.
const (
	claim4Temper = "3"
	claim4Blame  = "0.8"
)

// Claim 4's measures: years in which two states struck each other in acts
// descending from his strike (the essay's conflict), and the broad count,
// years in which a state struck across a border in a cascade of his.
const (
	exchange4 = "vigilante_exchange_cascades"
	broad4    = "vigilante_interstate_cascades"
)

// shareOfRuns returns the share of condition c's runs whose metric is
// above zero, with its Wilson interval.
func shareOfRuns(d *Data, c int, metric string) Effect {
	xs := d.Metric(c, metric)
	return Share(count(xs), len(xs))
}

func analyseClaim4(a *analysis) (*Finding, error) {
	d := a.data[0]
	tempers := levelsOf(d, "vigilante_temper")
	blames := levelsOf(d, "home_state_blame")
	ref, err := need(d.Find("vigilante_temper", claim4Temper, "home_state_blame", claim4Blame), "vigilante_temper", claim4Temper, "home_state_blame", claim4Blame)
	if err != nil {
		return nil, err
	}
	type cell struct {
		t, b string
		c    int
		test int
	}
	var cells []*cell
	for _, t := range tempers {
		for _, b := range blames {
			if c := d.Find("vigilante_temper", t, "home_state_blame", b); c >= 0 {
				cells = append(cells, &cell{t: t, b: b, c: c})
			}
		}
	}
	refTest := 0
	judge := func(th thresholds) (verdicts, *family) {
		fam := &family{}
		for _, cl := range cells {
			cl.test = fam.add(shareOfRuns(d, cl.c, exchange4), +1, th.get("yearly_share"))
			if cl.c == ref {
				refTest = cl.test
			}
		}
		fam.judge()
		return verdicts{claim: fam.verdict(refTest)}, fam
	}
	v, fam := judge(a.th)
	level := a.th.get("yearly_share")
	f := &Finding{Verdict: v.claim}
	f.Table = [][]string{{"temper", "home-state blame", "years with a vigilante strike", "years in which two states strike each other after it", "adjusted p", "years in which a state strikes across a border in his cascade (broad count)", "strikes per year"}}
	for _, cl := range cells {
		f.Table = append(f.Table, []string{cl.t, cl.b, ci(shareOfRuns(d, cl.c, "vigilante_cascades").Est(), pct), ci(shareOfRuns(d, cl.c, exchange4).Est(), pct), fam.p(cl.test), ci(shareOfRuns(d, cl.c, broad4).Est(), pct), num(mean(d.Metric(cl.c, "vigilante_strikes")))})
	}
	share := shareOfRuns(d, ref, exchange4).Est()
	f.Statement = fmt.Sprintf("In the P4x story (temper %s, home-state blame %s), the lone vigilante strikes in %s of years, and in %s of years his strike leads two states to strike each other (%d runs). The broad count, years in which a state strikes across a border in a cascade of his (at him, or at anyone or anything at home in another state), is %s.",
		claim4Temper, claim4Blame, ci(shareOfRuns(d, ref, "vigilante_cascades").Est(), pct), ci(share, pct), d.Replicates, ci(shareOfRuns(d, ref, broad4).Est(), pct))
	f.Rule = fmt.Sprintf("Two states are in conflict when, among the acts descending from his strike, a state strikes another state or one of its firms and the struck state later strikes the first or one of its firms (headline `%s`, ODD 7.20). The claim holds when the share of years in which that happens, at the preset's temper and blame, exceeds %s (`yearly_share`: more often than once in %s years) with 95%% confidence (Wilson score interval over runs), Holm-adjusted over the %d cells of the table; it does not hold when the share is below that level with the same confidence.", exchange4, pct(level), num(1/level), fam.size())
	f.Mechanism = "His anger grows with every hit his state does not answer and, at his temper, he strikes the suspect's whole country, the state first (ODD 7.13); the struck state blames a foreign private act on the actor's home state with probability `home_state_blame` (7.8) and may retaliate at that state (7.14), whose own state response may answer in turn (7.14)."
	a.robust(f, nil, func(th thresholds) verdicts { v, _ := judge(th); return v })
	// How the share moves with the blame, at the quickest temper.
	lo, hi := d.Find("vigilante_temper", tempers[0], "home_state_blame", blames[0]), d.Find("vigilante_temper", tempers[0], "home_state_blame", blames[len(blames)-1])
	if lo >= 0 && hi >= 0 && lo != hi {
		xs, ys := d.Metric(hi, exchange4), d.Metric(lo, exchange4)
		bx, by := d.Metric(hi, broad4), d.Metric(lo, broad4)
		f.Notes = append(f.Notes, fmt.Sprintf("At temper %s, raising the home-state blame from %s to %s changes the years in which two states strike each other by %s, and the broad count by %s: blaming his country redirects the struck state's answer from him to his state, which is what drags the states in.",
			tempers[0], blames[0], blames[len(blames)-1], ciPoints(ShareDiff(count(xs), len(xs), count(ys), len(ys)).Est()), ciPoints(ShareDiff(count(bx), len(bx), count(by), len(by)).Est())))
	}
	f.Assumptions = []string{
		"Two states; his home state answers attacks on individuals only from intensity `state_protects = 3` (it never answers the espionage that hits him), so each hit adds `anger_per_hit` + `inaction_anger` = 2 to his anger, which fades by `anger_decay = 0.01` a day (ODD 7.13).",
		"At his temper he strikes the suspect's whole country: `vigilante_burst = 8` acts at intensity 1, at the state and at random people in it.",
		"The struck state answers with probability 0.8 once its confidence reaches 0.5, and blames a foreign private act on the actor's home state with probability `home_state_blame` (ODD 7.8, 7.14).",
		"Conflict between states is measured by their acts at each other and each other's firms; a state's strike at the vigilante himself, or at a private person of his country, is not a state in conflict (it is in the broad count only).",
	}
	// Figure: the share of years against home-state blame, per temper.
	labels := make([]string, len(tempers))
	for i, t := range tempers {
		labels[i] = "temper " + t
	}
	var plots []*plot.Plot
	for _, m := range []struct{ metric, title string }{
		{exchange4, "Years in which two states strike each other after his strike"},
		{broad4, "Broad count: years in which a state strikes across a border"},
	} {
		p := panel(m.title, "chance a state blames a private act on its home state", "share of years (95% Wilson CI)")
		if err := addBands(p, bandsOver(d, "home_state_blame", blames, "vigilante_temper", tempers, labels, func(c int) Estimate { return shareOfRuns(d, c, m.metric).Est() })); err != nil {
			return nil, err
		}
		p.Y.Min = 0
		p.Y.Max = min(1, p.Y.Max*1.25)
		plots = append(plots, p)
	}
	if err := hline(plots[0], level, "yearly_share, "+pct(level)+" a year", 6); err != nil {
		return nil, err
	}
	err = a.figure("vigilante", fmt.Sprintf("Claim 4: share of years (of %d runs per point) in which, after the lone vigilante's strike, two states strike each other or each other's firms (left; the claim's measure), and in which a state strikes any target at home in another state in a cascade of his (right; the broad count, which includes strikes at him), against the chance that a state blames his home state, for three tempers; 95%% Wilson intervals.", d.Replicates), wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, plots)
	})
	return f, err
}
