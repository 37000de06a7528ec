package experiment

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/escalation-model/escalation/internal/figure"
)

var claim7 = Experiment{
	Name:    "claim7-phase-diagram",
	Claim:   7,
	Title:   "Deterrence by escalatory retaliation lowers first strikes but, when attribution is poor, pushes the cascade process toward criticality",
	Essays:  "Realist essay against the Rapid7 hack back paper (cyber road rage: Road rage essay)",
	Specs:   []string{"claim7-phase-diagram"},
	analyse: analyseClaim7,
}

// Claim 7's factors and the classification of its cells (the spec's
// comments state them).
const (
	accuracy7 = "firm_skill+poor_skill+individual_skill+attribution_skill"
	share7    = "hack_back_share"
	// tailMin is the smallest cascade size in the tail fit.
	tailMin = 10
	// runawayDrop is the share of acts dropped at capacity above which a
	// cell is runaway: beyond one act in twenty, growth is limited by the
	// actors' capacity rather than by the answers. Subcritical cells drop
	// up to a percent or two, when a vigilante's burst or a feud
	// momentarily exceeds one actor's capacity.
	runawayDrop = 0.05
	// criticalBand is how far from -1/2 a tail slope may be for a cell to
	// count as critical (heavy-tailed).
	criticalBand = 0.2
)

// Regimes of claim 7's cells.
const (
	subcritical = iota
	critical
	runaway
)

var regimeNames = [...]string{"subcritical", "critical", "runaway"}

// cell7 is one condition of the phase diagram.
type cell7 struct {
	c      int
	m      Estimate  // answers decided per act (the mean offspring), pooled
	perRun []float64 // answers decided per act of each run
	drop   float64   // share of acts dropped at capacity, pooled
	slope  Estimate  // CCDF tail slope, with its bootstrap interval over runs
	tail   int64     // cascades in the tail
	first  Estimate  // first strikes per run
	regime int
	hist   [][2]int64 // pooled closed cascade sizes
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

	// (a) First strikes fall as the propensity rises, at every accuracy.
	var va []Verdict
	falls := make([]Estimate, len(accs))
	for i := range accs {
		falls[i] = RelativeChange(a.rng("first strikes "+accs[i]), d.Metric(cells[i][lastShare].c, "attacks"), d.Metric(cells[i][0].c, "attacks"))
		va = append(va, Judge(falls[i], -1, 0))
	}
	pa := Combine(va...)

	// (b) Poor attribution raises the branching ratio at equal propensity.
	var vb []Verdict
	var refShare int
	var refDiff Estimate
	for k := 1; k < len(shares); k++ {
		e := WelchDiff(cells[poor][k].perRun, cells[good][k].perRun)
		vb = append(vb, Judge(e, +1, 0))
		// Quote the propensity where the two differ most, relative to its
		// interval, below saturation.
		if cells[good][k].regime != runaway || k == 1 {
			if refShare == 0 || math.Abs(e.Value) > math.Abs(refDiff.Value) {
				refShare, refDiff = k, e
			}
		}
	}
	pb := Combine(vb...)

	// (c) Heavy tails at the boundary, runaway beyond.
	onset := make([]int, len(accs))      // first runaway propensity, or -1
	criticalAt := make([]int, len(accs)) // first critical or runaway propensity, or -1
	var vc []Verdict
	anyRunaway := false
	for i := range accs {
		onset[i], criticalAt[i] = -1, -1
		for k := range shares {
			if cells[i][k].regime != subcritical && criticalAt[i] < 0 {
				criticalAt[i] = k
			}
			if cells[i][k].regime == runaway && onset[i] < 0 {
				onset[i] = k
			}
		}
		if onset[i] > 0 {
			anyRunaway = true
			// The cell below the onset: critical, or at least consistent with
			// a slope of -1/2?
			b := cells[i][onset[i]-1]
			switch {
			case b.regime == critical:
				vc = append(vc, Holds)
			case math.IsNaN(b.slope.Lo):
				vc = append(vc, Inconclusive)
			case b.slope.Hi < -0.5-criticalBand || b.slope.Lo > -0.5+criticalBand:
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
	f := &Finding{Verdict: Combine(pa, pb, pc)}
	f.Parts = []Part{
		{"(a) Retaliation lowers first strikes", pa, fmt.Sprintf("Raising the share who strike back from %s to %s changed first strikes by %s at accuracy %s and by %s at accuracy %s.",
			shares[0], shares[lastShare], ci(falls[poor], signedPct), accs[poor], ci(falls[good], signedPct), accs[good])},
		{"(b) Poor attribution pushes the cascade process toward criticality", pb, fmt.Sprintf("At propensity %s the branching ratio was %s at accuracy %s against %s at accuracy %s; the difference is %s, and it is positive with 95%% confidence at %d of %d propensities above zero.",
			shares[refShare], ci(cells[poor][refShare].m, num), accs[poor], ci(cells[good][refShare].m, num), accs[good], ci(refDiff, signed), countVerdicts(vb, Holds), len(vb))},
		{"(c) Heavy-tailed cascades at the critical boundary and runaway beyond", pc, boundaryText(accs, shares, cells, onset, criticalAt)},
	}
	f.Statement = fmt.Sprintf("In the free-for-all world, as the share who strike back rose from %s to %s, first strikes changed by %s with attribution accuracy %s and by %s with accuracy %s. %s; %s.",
		shares[0], shares[lastShare], ci(falls[poor], signedPct), accs[poor], ci(falls[good], signedPct), accs[good], criticalPlace(accs, shares, criticalAt, onset), accuracyEffect(pb, accs, shares, refShare, cells))
	f.Table = [][]string{{"accuracy", "propensity", "regime", "mean offspring m (answers decided per act)", "CCDF tail slope", "acts dropped", "largest cascade (mean)", "first strikes"}}
	for i := range accs {
		for k, sh := range shares {
			cl := cells[i][k]
			f.Table = append(f.Table, []string{accs[i], sh, regimeNames[cl.regime], ci(cl.m, num), ci(cl.slope, num), pct(cl.drop), num(mean(d.Metric(cl.c, "max_cascade_size"))), num(cl.first.Value)})
		}
	}
	f.Assumptions = []string{
		"Attribution accuracy is the skill of every class of victim (firms, poor firms, individuals, states) linked to one value; attackers still route half their attacks through botnet hosts and a victim deceived loses 70% of its skill (ODD 7.8).",
		"Whoever is wronged and inclined strikes back on any evidence (`hack_back_confidence = 0`), one level harder half the time (escalatory doctrine), with 1.5 bystanders harmed per strike on average; states answer with probability 0.6 on confidence 0.5, from intensity 2, escalating; nobody is liable.",
		"An answer that hits the true author deters a profit-driven attacker (or a state) from first strikes for 30 days (ODD 7.12); answers are never deterred.",
		fmt.Sprintf("Each actor launches at most `capacity = 8` acts a day; the excess is dropped and counted (ODD 3.4). A cell is runaway when more than %s of acts are dropped, critical when not and its CCDF tail slope (maximum likelihood over closed cascades of at least %d acts) is within %s of −1/2, subcritical otherwise.", pct(runawayDrop), tailMin, num(criticalBand)),
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

func newCell7(a *analysis, d *Data, c int) *cell7 {
	acts, answers, dropped := d.Metric(c, "acts"), d.Metric(c, "answers_decided"), d.Metric(c, "dropped")
	cl := &cell7{c: c}
	tag := strings.Join(d.Conditions[c], " ")
	cl.m = RatioOfSums(a.rng("m "+tag), answers, acts)
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
		cl.slope = BootstrapGroups(a.rng("slope "+tag), [][]int{seq(len(runs))}, func(g [][]int) float64 {
			re := make([][][2]int64, len(g[0]))
			for j, r := range g[0] {
				re[j] = runs[r]
			}
			s, _ := TailSlope(pool(re), tailMin)
			return s
		})
	}
	cl.first = MeanCI(d.Metric(c, "attacks"))
	switch {
	case cl.drop > runawayDrop:
		cl.regime = runaway
	case !math.IsNaN(slope) && math.Abs(slope+0.5) <= criticalBand:
		cl.regime = critical
	}
	return cl
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
			parts = append(parts, fmt.Sprintf("at accuracy %s the runaway regime starts at propensity %s, below which (at %s) the tail slope is %s", acc, shares[onset[i]], shares[onset[i]-1], ci(b.slope, num)))
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

// drawPhase draws the phase diagram: the branching ratio as colour and
// number, the tail slope below it, and the regimes as borders.
func drawPhase(a *analysis, accs, shares []string, cells [][]*cell7) error {
	g := &cellGrid{cmap: branchingColours(), size: vg.Points(15)}
	for i := range accs {
		var vals []float64
		var txt, sub []string
		var border []int
		for k := range shares {
			cl := cells[i][k]
			vals = append(vals, cl.m.Value)
			txt = append(txt, fmt.Sprintf("%.2f", cl.m.Value))
			s := ""
			if !math.IsNaN(cl.slope.Value) {
				s = "slope " + strings.Replace(fmt.Sprintf("%.2f", cl.slope.Value), "-", "−", 1)
			}
			if cl.regime == runaway {
				s = "dropped " + pct(cl.drop)
			}
			sub = append(sub, s)
			border = append(border, []int{0, 1, 2}[cl.regime])
		}
		g.value = append(g.value, vals)
		g.text = append(g.text, txt)
		g.sub = append(g.sub, sub)
		g.border = append(g.border, border)
	}
	p := panel("Mean offspring m (colour, number); dashed border: critical, solid border: runaway", "attribution accuracy (skill of firms, poor firms, individuals and states)", "retaliation propensity (share who strike back)")
	p.Add(g)
	p.X.Tick.Marker = figure.LabelTicks(accs)
	p.Y.Tick.Marker = figure.LabelTicks(shares)
	p.X.Min, p.X.Max = -0.5, float64(len(accs))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(shares))-0.5
	p.Legend = plot.NewLegend()
	p.Title.Padding = vg.Points(10)
	bar := colourBar(g.cmap, "answers decided per act, m")
	caption := fmt.Sprintf("Claim 7: phase diagram of attribution accuracy against retaliation propensity (free-for-all world). Colour and number: the branching ratio m, answers decided per act pooled over %d runs (white at the critical m = 1, red beyond); small text: the CCDF tail slope of closed cascade sizes (−1/2 at criticality) or, in runaway cells, the share of acts dropped at capacity. Dashed border: critical (slope within %s of −1/2); solid border: runaway (more than %s of acts dropped).", a.data[0].Replicates, num(criticalBand), pct(runawayDrop))
	return a.figure("phase", caption, squareW, squareH, func(c draw.Canvas) {
		w := c.Max.X - c.Min.X
		main := draw.Crop(c, 0, -w*0.12, 0, 0)
		side := draw.Crop(c, w*0.9, -vg.Points(6), vg.Points(60), -vg.Points(60))
		p.Draw(main)
		bar.Draw(side)
	})
}

// drawCCDF draws the complementary distribution of closed cascade sizes for
// the poorest and the best accuracy, one line per propensity.
func drawCCDF(a *analysis, accs, shares []string, cells [][]*cell7) error {
	var plots []*plot.Plot
	for _, i := range []int{0, len(accs) - 1} {
		p := panel("Cascade sizes, accuracy "+accs[i], "closed cascade size s (acts)", "P(size ≥ s)")
		p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
		p.X.Tick.Marker, p.Y.Tick.Marker = figure.LogTicks{}, figure.LogTicks{}
		p.Legend.Top, p.Legend.Left = false, false
		n := 0
		smax := 1.0
		for k := range shares {
			if k%2 == 1 && k != len(shares)-1 {
				continue // every other propensity keeps the lines apart
			}
			cl := cells[i][k]
			pts := figure.CCDFPairs(cl.hist)
			label := fmt.Sprintf("propensity %s (%s)", shares[k], regimeNames[cl.regime])
			if !figure.EnoughForCCDF(len(pts), histTotal(cl.hist)) {
				p.Legend.Add(label + ": too few sizes to draw")
				continue
			}
			smax = math.Max(smax, pts[len(pts)-1].X)
			l, err := plotter.NewLine(pts)
			if err != nil {
				return err
			}
			l.Color = figure.Colour(n)
			l.Width = vg.Points(2)
			l.Dashes = dashes(n)
			p.Add(l)
			p.Legend.Add(label, l)
			n++
		}
		// The critical slope -1/2 through (1, 1).
		ref, err := plotter.NewLine(plotter.XYs{{X: 1, Y: 1}, {X: smax, Y: math.Pow(smax, -0.5)}})
		if err != nil {
			return err
		}
		ref.Color = figure.Colour(6)
		ref.Width = vg.Points(1.2)
		ref.Dashes = []vg.Length{vg.Points(2), vg.Points(3)}
		p.Add(ref)
		p.Legend.Add("slope −1/2 (critical)", ref)
		plots = append(plots, p)
	}
	caption := "Claim 7: complementary distribution of closed cascade sizes (log-log) at the poorest (left) and the best (right) attribution accuracy, for rising retaliation propensity; a critical branching process falls with slope −1/2 (dotted)."
	return a.figure("cascade-sizes", caption, wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, plots)
	})
}

// histTotal returns the cascades of a pooled histogram.
func histTotal(hist [][2]int64) int64 {
	var total int64
	for _, sc := range hist {
		total += sc[1]
	}
	return total
}

// drawFirstStrikes draws first strikes and the branching ratio against the
// propensity, one line per accuracy.
func drawFirstStrikes(a *analysis, d *Data, accs, shares []string, cells [][]*cell7) error {
	labels := make([]string, len(accs))
	for i, acc := range accs {
		labels[i] = "accuracy " + acc
	}
	left := panel("First strikes (root attacks)", "retaliation propensity (share who strike back)", "per year (mean, 95% CI)")
	if err := addBands(left, bandsOver(d, share7, shares, accuracy7, accs, labels, func(c int) Estimate { return MeanCI(d.Metric(c, "attacks")) })); err != nil {
		return err
	}
	fromZero(left)
	left.Legend.Top, left.Legend.Left = false, true
	right := panel("Mean offspring m (answers decided per act)", "retaliation propensity (share who strike back)", "m, pooled (95% bootstrap CI)")
	if err := addBands(right, bandsOver(d, share7, shares, accuracy7, accs, labels, func(c int) Estimate {
		for i := range cells {
			for k := range cells[i] {
				if cells[i][k].c == c {
					return cells[i][k].m
				}
			}
		}
		return Estimate{math.NaN(), math.NaN(), math.NaN()}
	})); err != nil {
		return err
	}
	right.Y.Min = 0
	right.Y.Max = 1.05
	for i := range cells {
		for k := range cells[i] {
			right.Y.Max = math.Max(right.Y.Max, 1.05*cells[i][k].m.Hi)
		}
	}
	if err := hline(right, 1, "m = 1", 6); err != nil {
		return err
	}
	caption := "Claim 7: first strikes launched in a year (left) and the mean offspring m, answers decided per act (right), against the retaliation propensity, one line per attribution accuracy; above m = 1 (dashed) escalation runs away."
	return a.figure("first-strikes", caption, wideW, wideH, func(c draw.Canvas) {
		figure.Tiles(c, 1, 2, []*plot.Plot{left, right})
	})
}
