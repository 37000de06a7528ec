package experiment

import (
	"fmt"
	"math"
	"strings"
)

var claim7 = Experiment{
	Name:       "claim7-phase-diagram",
	Claim:      7,
	Title:      "Deterrence by escalatory retaliation lowers first strikes but, when attribution is poor, pushes the cascade process toward criticality",
	Essays:     "Realist essay against the Rapid7 hack back paper (cyber road rage: Road rage essay)",
	Specs:      []string{"claim7-phase-diagram"},
	Thresholds: []string{"first_strike_margin", "offspring_margin", "runaway_drop", "critical_band", "critical_offspring"},
	analyse:    analyseClaim7,
}

// Claim 7's factors, and the smallest cascade size in the tail fit.
const (
	accuracy7 = "firm_skill+poor_skill+individual_skill+attribution_skill"
	share7    = "hack_back_share"
	tailMin   = 10
)

// Regimes of claim 7's cells.
const (
	subcritical = iota
	critical
	runaway
)

var regimeNames = [...]string{"subcritical", "critical", "runaway"}

// regimeName names the cell's regime, as the table, the phase diagram and
// the CCDF legends all write it.
func (cl *cell7) regimeName() string { return regimeNames[cl.regime] }

// cell7 is one condition of the phase diagram.
type cell7 struct {
	c      int
	m      Estimate   // answers decided per act (the mean offspring), pooled
	perRun []float64  // answers decided per act of each run
	drop   float64    // share of acts dropped at capacity, pooled
	slope  Estimate   // CCDF tail slope, with its bootstrap interval over runs
	tail   int64      // cascades in the tail
	first  Estimate   // first strikes per run
	regime int        // under the spec's thresholds: every text and figure reads it
	hist   [][2]int64 // pooled closed cascade sizes
}

// classify is the one classification of a cell: runaway when more than
// runaway_drop of its acts are dropped at capacity (growth limited by the
// actors' capacity, not by the answers); critical when not runaway, its
// mean offspring m is at least critical_offspring and its CCDF tail slope
// is within critical_band of -1/2 (a near-critical branching process with
// a heavy tail); subcritical otherwise.
func (cl *cell7) classify(th thresholds) int {
	switch {
	case cl.drop > th.get("runaway_drop"):
		return runaway
	case cl.m.Value >= th.get("critical_offspring") && !math.IsNaN(cl.slope.Value) && math.Abs(cl.slope.Value+0.5) <= th.get("critical_band"):
		return critical
	}
	return subcritical
}

// outcome7 is claim 7's verdict under one set of thresholds.
type outcome7 struct {
	verdicts
	fam         *family
	falls, diff []int // the tests of parts (a) and (b)
	vb          []Verdict
	regime      [][]int // [accuracy][propensity]
	onset       []int   // first runaway propensity per accuracy, or -1
	criticalAt  []int   // first critical or runaway propensity, or -1
	refShare    int     // the propensity part (b) quotes
}

func analyseClaim7(a *analysis) (*Finding, error) {
	d := a.data[0]
	if d.Sizes == nil {
		return nil, fmt.Errorf("%w: the sweep keeps no cascade sizes", errNoData)
	}
	accs, shares := levelsOf(d, accuracy7), levelsOf(d, share7)
	if len(accs) < 2 || len(shares) < 2 {
		return nil, fmt.Errorf("%w: the phase diagram needs two levels of each factor", errNoData)
	}
	cells := make([][]*cell7, len(accs))
	for i, acc := range accs {
		for _, sh := range shares {
			c, err := need(d.Find(accuracy7, acc, share7, sh), accuracy7, acc, share7, sh)
			if err != nil {
				return nil, err
			}
			cells[i] = append(cells[i], newCell7(a, d, c))
		}
	}
	poor, good := 0, len(accs)-1
	lastShare := len(shares) - 1
	falls := make([]Effect, len(accs))
	for i := range accs {
		falls[i] = Relative(a.rng("first strikes "+accs[i]), d.Metric(cells[i][lastShare].c, "attacks"), d.Metric(cells[i][0].c, "attacks"))
	}
	diffs := make([]Effect, len(shares))
	for k := 1; k < len(shares); k++ {
		diffs[k] = Welch(cells[poor][k].perRun, cells[good][k].perRun)
	}
	judge := func(th thresholds) outcome7 {
		return judgeClaim7(th, cells, falls, diffs)
	}
	o := judge(a.th)
	for i := range cells {
		for k := range cells[i] {
			cells[i][k].regime = o.regime[i][k]
		}
	}
	f := &Finding{Verdict: o.claim}
	pa, pb, pc := o.parts[0], o.parts[1], o.parts[2]
	fam, refShare := o.fam, o.refShare
	f.Parts = []Part{
		{Label: "(a) Retaliation lowers first strikes", Verdict: pa, Text: fmt.Sprintf("Raising the share who strike back from %s to %s changed first strikes by %s at accuracy %s and by %s at accuracy %s; the fall clears the margin with 95%% confidence (Holm-adjusted) at %d of %d accuracies.",
			shares[0], shares[lastShare], ci(falls[poor].Est(), signedPct), accs[poor], ci(falls[good].Est(), signedPct), accs[good], countTests(fam, o.falls, Holds), len(accs))},
		{Label: "(b) Poor attribution pushes the cascade process toward criticality", Verdict: pb, Text: fmt.Sprintf("At propensity %s the branching ratio was %s at accuracy %s against %s at accuracy %s; the difference is %s, and it exceeds the margin with 95%% confidence (Holm-adjusted) at %d of %d propensities above zero.",
			shares[refShare], ci(cells[poor][refShare].m, num), accs[poor], ci(cells[good][refShare].m, num), accs[good], ci(diffs[refShare].Est(), signed), countVerdicts(o.vb, Holds), len(o.vb))},
		{Label: "(c) Heavy-tailed cascades at the critical boundary and runaway beyond", Verdict: pc, Text: boundaryText(accs, shares, cells, o.onset, o.criticalAt)},
	}
	f.Statement = fmt.Sprintf("In the free-for-all world, as the share who strike back rose from %s to %s, first strikes changed by %s with attribution accuracy %s and by %s with accuracy %s. %s; %s.",
		shares[0], shares[lastShare], ci(falls[poor].Est(), signedPct), accs[poor], ci(falls[good].Est(), signedPct), accs[good], criticalPlace(accs, shares, o.criticalAt, o.onset), accuracyEffect(pb, accs, shares, refShare, cells))
	f.Rule = fmt.Sprintf("(a) holds when, at every accuracy, first strikes fall by more than %s (`first_strike_margin`) from propensity %s to %s; (b) holds when the mean offspring m (answers decided per act) is higher at accuracy %s than at %s by more than %s (`offspring_margin`) at every propensity above zero; both with 95%% confidence, Holm-adjusted over the %d comparisons (bootstrap and Welch intervals over runs). (c) holds when, at every accuracy where escalation runs away on the grid, the cell just below the onset is critical; it does not hold when that cell's tail slope lies, with 95%% confidence, outside the band, or when nothing runs away, and is inconclusive otherwise (a cell below the onset that is not critical but whose slope the band does not exclude: the grid steps over the boundary). A cell is runaway when more than %s of its acts are dropped at capacity (`runaway_drop`), critical when not runaway, with m at least %s (`critical_offspring`) and a CCDF tail slope within %s of −1/2 (`critical_band`), subcritical otherwise; the table, the phase diagram and the CCDF legends use this one classification.",
		pct(a.th.get("first_strike_margin")), shares[0], shares[lastShare], accs[poor], accs[good], num(a.th.get("offspring_margin")), fam.size(), pct(a.th.get("runaway_drop")), num(a.th.get("critical_offspring")), num(a.th.get("critical_band")))
	f.Mechanism = "A hit that reaches the true author deters a profit-driven attacker or a state from first strikes for `deterrence_ticks` (ODD 7.12), so more answers mean fewer first strikes; every answer is an act that may be answered in turn by whoever it harms and blames the striker (7.7, 7.8, 7.17), so the mean offspring grows with the propensity; an actor launches at most `capacity` acts a day (3.4), which bounds runaway escalation."
	a.robust(f, []string{"(a)", "(b)", "(c)"}, func(th thresholds) verdicts { return judge(th).verdicts })
	f.Table = [][]string{{"accuracy", "propensity", "regime", "mean offspring m (answers decided per act)", "CCDF tail slope", "acts dropped", "largest cascade (mean)", "first strikes"}}
	for i := range accs {
		for k, sh := range shares {
			cl := cells[i][k]
			f.Table = append(f.Table, []string{accs[i], sh, cl.regimeName(), ci(cl.m, num), ci(cl.slope, num), pct(cl.drop), num(mean(d.Metric(cl.c, "max_cascade_size"))), num(cl.first.Value)})
		}
	}
	f.Assumptions = []string{
		"Attribution accuracy is the skill of every class of victim (firms, poor firms, individuals, states) linked to one value; attackers still route half their attacks through botnet hosts and a victim deceived loses 70% of its skill (ODD 7.8).",
		"Whoever is wronged and inclined strikes back on any evidence (`hack_back_confidence = 0`), one level harder half the time (escalatory doctrine), with 1.5 bystanders harmed per strike on average; states answer with probability 0.6 on confidence 0.5, from intensity 2, escalating; nobody is liable.",
		"An answer that hits the true author deters a profit-driven attacker (or a state) from first strikes for 30 days (ODD 7.12); answers are never deterred.",
		fmt.Sprintf("Each actor launches at most `capacity = 8` acts a day; the excess is dropped and counted (ODD 3.4). Tail slopes are maximum-likelihood fits over closed cascades of at least %d acts.", tailMin),
	}
	if pb == DoesNotHold {
		f.Notes = append(f.Notes, "Why poor attribution holds the process back here, as the rules imply (ODD 7.7, 7.8): an answer aimed at the right suspect hits the actor who has just answered, who is inclined to answer again, so accurate attribution sustains feuds between hack-backers; a misattributed answer hits a random actor, inclined only with probability equal to the propensity. Misattribution spreads the harm to innocents (claim 1) without raising the number of answers each act draws.")
	}
	f.Notes = append(f.Notes, "The branching ratio m is the mean offspring: answers decided per act, pooled over a cell's runs (headline `offspring_mean`). Every answer is decided while the act it answers is resolved, so m counts answers launched, still to come at the end of the year and dropped at capacity alike: it estimates the mean number of answers each act draws below criticality, reaches 1 at the critical boundary and exceeds 1 where escalation runs away, though capacity then holds the acts launched per day. Tail slopes are fitted to closed cascades only, so in runaway cells they describe the cascades that did close.")

	if err := drawPhase(a, accs, shares, cells); err != nil {
		return nil, err
	}
	if err := drawCCDF(a, accs, shares, cells); err != nil {
		return nil, err
	}
	if err := drawFirstStrikes(a, d, accs, shares, cells); err != nil {
		return nil, err
	}
	return f, nil
}

// judgeClaim7 states claim 7's verdict under a set of thresholds.
func judgeClaim7(th thresholds, cells [][]*cell7, falls, diffs []Effect) outcome7 {
	nAcc, nShare := len(cells), len(cells[0])
	good := nAcc - 1
	o := outcome7{fam: &family{}, regime: make([][]int, nAcc), onset: make([]int, nAcc), criticalAt: make([]int, nAcc)}
	for i := range falls {
		o.falls = append(o.falls, o.fam.add(falls[i], -1, -th.get("first_strike_margin")))
	}
	o.diff = make([]int, nShare)
	for k := 1; k < nShare; k++ {
		o.diff[k] = o.fam.add(diffs[k], +1, th.get("offspring_margin"))
	}
	o.fam.judge()
	var va []Verdict
	for _, t := range o.falls {
		va = append(va, o.fam.verdict(t))
	}
	for k := 1; k < nShare; k++ {
		o.vb = append(o.vb, o.fam.verdict(o.diff[k]))
		// Quote the propensity where the two differ most, below saturation.
		if cells[good][k].classify(th) != runaway || k == 1 {
			if o.refShare == 0 || math.Abs(diffs[k].Value) > math.Abs(diffs[o.refShare].Value) {
				o.refShare = k
			}
		}
	}
	// (c) Heavy tails at the boundary, runaway beyond.
	var vc []Verdict
	anyRunaway := false
	band := th.get("critical_band")
	for i := range cells {
		o.regime[i] = make([]int, nShare)
		o.onset[i], o.criticalAt[i] = -1, -1
		for k, cl := range cells[i] {
			r := cl.classify(th)
			o.regime[i][k] = r
			if r != subcritical && o.criticalAt[i] < 0 {
				o.criticalAt[i] = k
			}
			if r == runaway && o.onset[i] < 0 {
				o.onset[i] = k
			}
		}
		if o.onset[i] > 0 {
			anyRunaway = true
			b := cells[i][o.onset[i]-1]
			switch {
			case o.regime[i][o.onset[i]-1] == critical:
				vc = append(vc, Holds)
			case math.IsNaN(b.slope.Lo):
				vc = append(vc, Inconclusive)
			case b.slope.Hi < -0.5-band || b.slope.Lo > -0.5+band:
				vc = append(vc, DoesNotHold)
			default:
				vc = append(vc, Inconclusive)
			}
		}
	}
	pc := Combine(vc...)
	if !anyRunaway {
		pc = DoesNotHold
	}
	pa, pb := Combine(va...), Combine(o.vb...)
	o.verdicts = verdicts{Combine(pa, pb, pc), []Verdict{pa, pb, pc}}
	return o
}

func newCell7(a *analysis, d *Data, c int) *cell7 {
	acts, answers, dropped := d.Metric(c, "acts"), d.Metric(c, "answers_decided"), d.Metric(c, "dropped")
	cl := &cell7{c: c}
	tag := strings.Join(d.Conditions[c], " ")
	cl.m = Ratio(a.rng("m "+tag), answers, acts).Est()
	for r := range acts {
		cl.perRun = append(cl.perRun, answers[r]/math.Max(acts[r], 1))
	}
	if s := sum(acts); s > 0 {
		cl.drop = sum(dropped) / s
	}
	runs := d.CondSizes(c)
	cl.hist = pool(runs)
	slope, n := TailSlope(cl.hist, tailMin)
	cl.tail = n
	cl.slope = Estimate{slope, math.NaN(), math.NaN()}
	if !math.IsNaN(slope) {
		cl.slope = Bootstrap(a.rng("slope "+tag), [][]int{seq(len(runs))}, func(g [][]int) float64 {
			re := make([][][2]int64, len(g[0]))
			for j, r := range g[0] {
				re[j] = runs[r]
			}
			s, _ := TailSlope(pool(re), tailMin)
			return s
		}).Est()
	}
	cl.first = Mean(d.Metric(c, "attacks")).Est()
	return cl
}

// countTests counts the tests of a family with the given verdict.
func countTests(fam *family, tests []int, want Verdict) int {
	n := 0
	for _, t := range tests {
		if fam.verdict(t) == want {
			n++
		}
	}
	return n
}

func countVerdicts(vs []Verdict, want Verdict) int {
	n := 0
	for _, v := range vs {
		if v == want {
			n++
		}
	}
	return n
}

// boundaryText says, for each accuracy, where the cells turn critical and
// run away.
func boundaryText(accs, shares []string, cells [][]*cell7, onset, criticalAt []int) string {
	var parts []string
	for i, acc := range accs {
		switch {
		case onset[i] > 0:
			b := cells[i][onset[i]-1]
			parts = append(parts, fmt.Sprintf("at accuracy %s the runaway regime starts at propensity %s, below which (at %s, %s) m is %s and the tail slope %s", acc, shares[onset[i]], shares[onset[i]-1], b.regimeName(), num(b.m.Value), ci(b.slope, num)))
		case onset[i] == 0:
			parts = append(parts, fmt.Sprintf("at accuracy %s every propensity runs away", acc))
		case criticalAt[i] >= 0:
			parts = append(parts, fmt.Sprintf("at accuracy %s the cascades turn heavy-tailed at propensity %s (slope %s) without running away", acc, shares[criticalAt[i]], ci(cells[i][criticalAt[i]].slope, num)))
		default:
			parts = append(parts, fmt.Sprintf("at accuracy %s the process stays subcritical", acc))
		}
	}
	return capitalise(strings.Join(parts, "; ")) + "."
}

// criticalPlace says at which propensity the poorest and the best accuracy
// turn critical, and run away.
func criticalPlace(accs, shares []string, criticalAt, onset []int) string {
	say := func(i int) string {
		s := fmt.Sprintf("with accuracy %s it ", accs[i])
		if i == 0 {
			s = fmt.Sprintf("with accuracy %s the cascade process ", accs[i])
		}
		switch {
		case criticalAt[i] < 0:
			return s + "does not turn critical within the grid"
		case onset[i] < 0:
			return s + fmt.Sprintf("turns critical at propensity %s without running away", shares[criticalAt[i]])
		case onset[i] == criticalAt[i]:
			return s + fmt.Sprintf("runs away from propensity %s", shares[onset[i]])
		}
		return s + fmt.Sprintf("turns critical at propensity %s and runs away from %s", shares[criticalAt[i]], shares[onset[i]])
	}
	return capitalise(say(0)) + "; " + say(len(accs)-1)
}

// accuracyEffect says the verdict on poor attribution in words.
func accuracyEffect(v Verdict, accs, shares []string, k int, cells [][]*cell7) string {
	poor, good := cells[0][k], cells[len(accs)-1][k]
	switch v {
	case Holds:
		return fmt.Sprintf("poor attribution pushes the process toward criticality: at propensity %s, m = %s with accuracy %s against %s with accuracy %s", shares[k], num(poor.m.Value), accs[0], num(good.m.Value), accs[len(accs)-1])
	case DoesNotHold:
		return fmt.Sprintf("poor attribution does not push the process toward criticality here but holds it back: at propensity %s, m = %s with accuracy %s against %s with accuracy %s", shares[k], num(poor.m.Value), accs[0], num(good.m.Value), accs[len(accs)-1])
	case HoldsInPart:
		return fmt.Sprintf("whether poor attribution raises m depends on the propensity (at %s: %s with accuracy %s against %s with accuracy %s)", shares[k], num(poor.m.Value), accs[0], num(good.m.Value), accs[len(accs)-1])
	}
	return fmt.Sprintf("the data do not tell whether poor attribution raises m (at propensity %s: %s with accuracy %s against %s with accuracy %s)", shares[k], num(poor.m.Value), accs[0], num(good.m.Value), accs[len(accs)-1])
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
