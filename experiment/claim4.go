package experiment

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim4 = Experiment{
	Name:    "claim4-vigilante",
	Claim:   4,
	Title:   "A lone vigilante can drag states into a conflict",
	Essays:  "Road rage essay",
	Specs:   []string{"claim4-vigilante"},
	analyse: analyseClaim4,
}

// Claim 4's reference condition (the p4x preset's values) and the share of
// years above which "can" is more than a curiosity (once a century).
const (
	claim4Temper    = "3"
	claim4Blame     = "0.8"
	claim4Threshold = 0.01
)

// shareOfRuns returns the share of condition c's runs whose metric is
// above zero, with its Wilson interval.
func shareOfRuns(d *Data, c int, metric string) Estimate {
	xs := d.Metric(c, metric)
	return Wilson(count(xs), len(xs))
}

func analyseClaim4(a *analysis) (*Finding, error) {
	d := a.data[0]
	tempers := levelsOf(d, "vigilante_temper")
	blames := levelsOf(d, "home_state_blame")
	ref, err := need(d.Find("vigilante_temper", claim4Temper, "home_state_blame", claim4Blame), "vigilante_temper", claim4Temper, "home_state_blame", claim4Blame)
	if err != nil {
		return nil, err
	}
	f := &Finding{}
	f.Table = [][]string{{"temper", "home-state blame", "years with a vigilante strike", "years in which it draws a state across a border", "strikes per year"}}
	for _, t := range tempers {
		for _, b := range blames {
			c := d.Find("vigilante_temper", t, "home_state_blame", b)
			if c < 0 {
				continue
			}
			f.Table = append(f.Table, []string{t, b, ci(shareOfRuns(d, c, "vigilante_cascades"), pct), ci(shareOfRuns(d, c, "vigilante_interstate_cascades"), pct), num(mean(d.Metric(c, "vigilante_strikes")))})
		}
	}
	share := shareOfRuns(d, ref, "vigilante_interstate_cascades")
	strike := shareOfRuns(d, ref, "vigilante_cascades")
	f.Verdict = JudgeAbove(share, claim4Threshold)
	f.Statement = fmt.Sprintf("In the P4x story (temper %s, home-state blame %s), the lone vigilante strikes in %s of years, and his strike draws a state's strike across a border in %s of years (%d runs; the claim holds when this share is above %s a year with 95%% confidence).",
		claim4Temper, claim4Blame, ci(strike, pct), ci(share, pct), d.Replicates, pct(claim4Threshold))
	// How the share moves with the temper, at the reference blame.
	lo, hi := d.Find("vigilante_temper", tempers[0], "home_state_blame", claim4Blame), d.Find("vigilante_temper", tempers[len(tempers)-1], "home_state_blame", claim4Blame)
	if lo >= 0 && hi >= 0 && lo != hi {
		xs, ys := d.Metric(lo, "vigilante_interstate_cascades"), d.Metric(hi, "vigilante_interstate_cascades")
		diff := NewcombeDiff(count(xs), len(xs), count(ys), len(ys))
		f.Notes = append(f.Notes, fmt.Sprintf("A quicker temper (%s rather than %s) changes that share by %s.", tempers[0], tempers[len(tempers)-1], ciPoints(diff)))
	}
	f.Assumptions = []string{
		"Two states; his home state answers attacks on individuals only from intensity `state_protects = 3` (it never answers the espionage that hits him), so each hit adds `anger_per_hit` + `inaction_anger` = 2 to his anger, which fades by `anger_decay = 0.01` a day (ODD 7.13).",
		"At his temper he strikes the suspect's whole country: `vigilante_burst = 8` acts at intensity 1, at the state and at random people in it.",
		"The struck state answers with probability 0.8 once its confidence reaches 0.5, and blames a foreign private act on the actor's home state with probability `home_state_blame` (ODD 7.8, 7.14); every state's answer at a foreign target counts as crossing a border.",
		"Crossing a border is the model's measure of being dragged in: a state's retaliation or pre-emptive strike at a target at home in another state, in the same cascade as his strike (it may be at him, or at his state).",
	}
	// Figure: the share of years against home-state blame, per temper.
	labels := make([]string, len(tempers))
	for i, t := range tempers {
		labels[i] = "temper " + t
	}
	var plots []*plot.Plot
	for _, m := range []struct{ metric, title string }{
		{"vigilante_cascades", "Years in which he strikes"},
		{"vigilante_interstate_cascades", "Years in which his strike draws a state across a border"},
	} {
		p := panel(m.title, "chance a state blames a private act on its home state", "share of years (95% Wilson CI)")
		if err := addBands(p, bandsOver(d, "home_state_blame", blames, "vigilante_temper", tempers, labels, func(c int) Estimate { return shareOfRuns(d, c, m.metric) })); err != nil {
			return nil, err
		}
		p.Y.Min = 0
		p.Y.Max = min(1, p.Y.Max*1.25)
		plots = append(plots, p)
	}
	if err := hline(plots[1], claim4Threshold, "1% a year", 6); err != nil {
		return nil, err
	}
	err = a.figure("vigilante", fmt.Sprintf("Claim 4: share of years (of %d runs per point) in which the lone vigilante strikes (left) and in which his strike draws a state's strike across a border (right), against the chance that a state blames his home state, for three tempers; 95%% Wilson intervals.", d.Replicates), wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, plots)
	})
	return f, err
}
