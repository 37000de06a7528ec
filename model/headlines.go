package model

import (
	"slices"
	"sync"
)

// Headline is one named figure of a run's summary.
type Headline struct {
	Name    string
	Value   float64
	Meaning string
}

// headlineColumns is the registry of headline figures, built once.
var headlineColumns = sync.OnceValue(buildHeadlineColumns)

// HeadlineColumns returns the registry of the run's headline figures (the
// headlines of summary.json and the metric columns of a sweep's runs.csv),
// in their fixed order, each read from the run's Totals as a float. The
// slice is a copy.
func HeadlineColumns() Columns[Totals] { return slices.Clone(headlineColumns()) }

// HeadlineNames returns the headline figures' names, in order.
func HeadlineNames() []string { return headlineColumns().Names() }

// LookupHeadline returns the named headline figure's column.
func LookupHeadline(name string) (Column[Totals], bool) { return headlineColumns().Lookup(name) }

// Headlines returns the run's headline figures, in the order of
// HeadlineColumns.
func (t *Totals) Headlines() []Headline {
	cols := headlineColumns()
	out := make([]Headline, len(cols))
	for i := range cols {
		out[i] = Headline{Name: cols[i].Name, Value: cols[i].Float(t), Meaning: cols[i].Meaning}
	}
	return out
}

// ratio returns a/b, or 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func buildHeadlineColumns() Columns[Totals] {
	type T = Totals
	return Columns[T]{
		floatCol("acts", "acts", "hostile acts launched", func(t *T) float64 { return float64(t.Acts) }),
		floatCol("attacks", "acts", "root acts (cascades started)", func(t *T) float64 { return float64(t.Attacks) }),
		floatCol("answers", "acts", "answers launched (hack backs, retaliations, counter-strikes, vigilante strikes)", func(t *T) float64 { return float64(t.Answers) }),
		floatCol("crimes", "acts", "criminals' attacks launched", func(t *T) float64 { return float64(t.ByKind[ActCrime]) }),
		floatCol("espionage_ops", "acts", "states' espionage operations launched", func(t *T) float64 { return float64(t.ByKind[ActEspionage]) }),
		floatCol("hacktivist_attacks", "acts", "hacktivists' attacks launched", func(t *T) float64 { return float64(t.ByKind[ActHacktivism]) }),
		floatCol("scans_answered", "acts", "research scans read as attacks and answered", func(t *T) float64 { return float64(t.ByKind[ActScan]) }),
		floatCol("preemptive_strikes", "acts", "states' pre-emptive strikes (defend forward)", func(t *T) float64 { return float64(t.ByKind[ActPreemptive]) }),
		floatCol("hackbacks", "acts", "hack backs launched", func(t *T) float64 { return float64(t.ByKind[ActHackBack]) }),
		floatCol("retaliations", "acts", "state retaliations launched", func(t *T) float64 { return float64(t.ByKind[ActRetaliation]) }),
		floatCol("counterstrikes", "acts", "attackers' counter-strikes launched", func(t *T) float64 { return float64(t.ByKind[ActCounterstrike]) }),
		floatCol("vigilante_strikes", "acts", "vigilantes' strikes launched", func(t *T) float64 { return float64(t.ByKind[ActVigilante]) }),
		floatCol("misattributed_share", "share, 0 to 1", "share of detected acts blamed on the wrong actor", func(t *T) float64 { return ratio(float64(t.Misattributed), float64(t.Detected)) }),
		floatCol("innocents_harmed", "harms", "harms to actors who had not launched the act being answered", func(t *T) float64 { return float64(t.InnocentsHarmed) }),
		floatCol("innocents_per_answer", "harms per answer", "innocent harms per answer", func(t *T) float64 { return ratio(float64(t.InnocentsHarmed), float64(t.Answers)) }),
		floatCol("damage", "value units", "total damage (value units)", func(t *T) float64 { return t.Damage }),
		floatCol("damage_below_poverty_share", "share, 0 to 1", "share of firms' damage on firms below the poverty line", func(t *T) float64 { return ratio(t.DamagePoor, t.DamageFirms) }),
		floatCol("attacks_below_poverty_share", "share, 0 to 1", "share of attacks on firms that hit firms below the poverty line", func(t *T) float64 { return ratio(float64(t.AttacksOnPoor), float64(t.AttacksOnFirms)) }),
		floatCol("firms_destroyed", "firms", "firms whose damage reached their value", func(t *T) float64 { return float64(t.FirmsDestroyed) }),
		floatCol("hackbackers_destroyed", "firms", "firms destroyed after hacking back", func(t *T) float64 { return float64(t.HackBackersLost) }),
		floatCol("hackbackers_struck_down", "firms", "hack-backers destroyed by a counter-strike or a state's retaliation", func(t *T) float64 { return float64(t.StruckBackDestroyed) }),
		floatCol("destroyed_by_answers", "firms", "firms destroyed whose largest outstanding loss was damage from answers that hit them as the true author of the act answered (counter-strikes, retaliations, hack backs at a hack-backer)", func(t *T) float64 { return float64(t.DestroyedBy[LossAnswers]) }),
		floatCol("destroyed_by_liability", "firms", "firms destroyed whose largest outstanding loss was liability bills for hack backs that hit innocents", func(t *T) float64 { return float64(t.DestroyedBy[LossLiability]) }),
		floatCol("destroyed_by_attacks", "firms", "firms destroyed whose largest outstanding loss was any other damage (attacks, answers that hit them by mistake, harm as a bystander)", func(t *T) float64 { return float64(t.DestroyedBy[LossAttacks]) }),
		floatCol("tension_peak", "tension", "highest tension between two states", func(t *T) float64 { return t.TensionPeak }),
		floatCol("interstate_crossings", "acts", "states' strikes at another state's jurisdiction", func(t *T) float64 { return float64(t.Interstate) }),
		floatCol("armed_conflict_acts", "acts", "acts at the armed-conflict threshold", func(t *T) float64 { return float64(t.ArmedConflict) }),
		floatCol("cascades", "cascades", "cascades started", func(t *T) float64 { return float64(t.Cascades) }),
		floatCol("cascades_closed", "cascades", "cascades closed by the end", func(t *T) float64 { return float64(t.CascadesClosed) }),
		floatCol("answered_cascades", "cascades", "cascades of more than one act (a first strike answered at least once)", func(t *T) float64 { return float64(t.AnsweredCascades) }),
		floatCol("mean_cascade_size", "acts per cascade", "mean size of closed cascades", func(t *T) float64 { return ratio(float64(t.ActsOfClosed), float64(t.CascadesClosed)) }),
		floatCol("branching_ratio", "answers per act", "answers per act in closed cascades (mean offspring of cascades that ended: below 1)", func(t *T) float64 { return ratio(float64(t.ChildrenOfClosed), float64(t.ActsOfClosed)) }),
		floatCol("answers_decided", "answers", "answers decided: launched, still to come at the end, or dropped over capacity (not those made void because the striker or the target was destroyed first)", func(t *T) float64 { return float64(t.AnswersDecided) }),
		floatCol("offspring_mean", "answers per act", "answers decided per act launched: the mean offspring m, above 1 when escalation runs away", func(t *T) float64 { return ratio(float64(t.AnswersDecided), float64(t.Acts)) }),
		floatCol("max_cascade_size", "acts", "largest cascade", func(t *T) float64 { return float64(t.MaxSize) }),
		floatCol("max_cascade_depth", "generations", "deepest cascade", func(t *T) float64 { return float64(t.MaxDepth) }),
		floatCol("interstate_cascades", "cascades", "cascades that crossed into state-against-state conflict", func(t *T) float64 { return float64(t.InterstateCascades) }),
		floatCol("exchange_cascades", "cascades", "cascades in which two states struck each other: a state's act at another state or its firms, then a later act of the struck state at the first or its firms", func(t *T) float64 { return float64(t.Exchanges) }),
		floatCol("vigilante_cascades", "cascades", "cascades with a vigilante strike", func(t *T) float64 { return float64(t.VigilanteCascades) }),
		floatCol("vigilante_interstate_cascades", "cascades", "cascades with a vigilante strike in which a state struck at a target at home in another state (any target: the vigilante himself, or a firm or person of his country, counts)", func(t *T) float64 { return float64(t.VigilanteWars) }),
		floatCol("vigilante_exchange_cascades", "cascades", "cascades in which two states struck each other (see exchange_cascades) in acts descending from a vigilante's strike: a lone vigilante dragged two states into conflict", func(t *T) float64 { return float64(t.VigilanteExchanges) }),
		floatCol("deterred", "attacks", "attacks not launched by deterred attackers", func(t *T) float64 { return float64(t.Deterred) }),
		floatCol("prosecutions", "prosecutions", "prosecutions of true attackers", func(t *T) float64 { return float64(t.Prosecutions) }),
		floatCol("recoveries", "acts", "hack backs that recovered stolen data", func(t *T) float64 { return float64(t.Recoveries) }),
		floatCol("recovery_attempts", "acts", "hack backs after a data theft", func(t *T) float64 { return float64(t.RecoveryAttempts) }),
		floatCol("hotline_catches", "cases", "misattributions caught by a hotline", func(t *T) float64 { return float64(t.HotlineCatches) }),
		floatCol("spoiled_operations", "operations", "state intelligence operations spoiled by a private hack back or vigilante strike", func(t *T) float64 { return float64(t.Spoiled) }),
		floatCol("licences_revoked", "licences", "hack-back licences revoked by oversight", func(t *T) float64 { return float64(t.Revoked) }),
		floatCol("dropped", "acts", "acts dropped over capacity", func(t *T) float64 { return float64(t.Dropped) }),
	}
}
