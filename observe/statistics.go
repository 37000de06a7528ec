// The registry of pattern statistics (docs/ODD.md §11.1): each statistic's
// name, unit, definition from DCID's codebook, and how it is computed.
// observed.json, the table of escalate observe, the bootstrap and the
// documentation's tables all derive from it, in its order.

package observe

import (
	"strconv"
	"sync"
)

// Statistics returns the pattern statistics in order.
func Statistics() []Statistic { return statistics() }

var statistics = sync.OnceValue(func() []Statistic {
	var out []Statistic
	add := func(name, unit, meaning string, value func(t *tally) float64) {
		out = append(out, Statistic{Name: name, Unit: unit, Meaning: meaning, value: value})
	}
	share := "share, 0 to 1"
	add("incidents", "incidents", "incidents in the record", func(t *tally) float64 { return float64(t.n) })
	add("active_dyads", "dyads", "unordered pairs of states with at least one incident", func(t *tally) float64 { return float64(t.active) })
	add("initiators", "states", "states that initiated at least one incident", func(t *tally) float64 { return float64(t.initiators) })
	add("incidents_per_dyad_year", "incidents per dyad-year", "`incidents` / (`active_dyads` × the period's years)", func(t *tally) float64 {
		return ratio(float64(t.n), float64(t.active)*t.r.Years)
	})
	add("dyad_month_share", share, "distinct (dyad, month an incident started) / (`active_dyads` × the period's months): the share of active dyad-months with an incident", func(t *tally) float64 {
		return ratio(float64(t.dyadMonths), float64(t.active*t.r.Months))
	})
	add("both_sides_share", share, "share of active dyads in which each of the two states initiated at least one incident", func(t *tally) float64 {
		return ratio(float64(t.bothSides), float64(t.active))
	})
	add("top4_initiators_share", share, "share of incidents initiated by the 4 states that initiated most", func(t *tally) float64 { return t.share(t.top4) })
	add("top5_dyads_share", share, "share of incidents in the 5 dyads with most", func(t *tally) float64 { return t.share(t.top5) })
	add("severity_mean", "DCID severity", "mean severity, 1 to 10 (codebook VII)", func(t *tally) float64 {
		sum := 0
		for s, c := range t.severity {
			sum += s * c
		}
		return t.share(sum)
	})
	for s := 1; s <= 10; s++ {
		add("severity_"+strconv.Itoa(s)+"_share", share, "share of incidents at severity "+strconv.Itoa(s)+" ("+severityNames[s]+")", func(t *tally) float64 { return t.share(t.severity[s]) })
	}
	addObjectives(add, share)
	addTargetsAndMethods(add, share)
	addPairs(add, share)
	fixed := "none: resampling within dyads keeps it fixed"
	distinct := "none: resampling with replacement repeats incidents, so it undercounts distinct initiators, sides and months"
	none := map[string]string{"incidents": fixed, "active_dyads": fixed, "incidents_per_dyad_year": fixed, "top5_dyads_share": fixed, "pairs": fixed,
		"initiators": distinct, "dyad_month_share": distinct, "both_sides_share": distinct}
	for i := range out {
		out[i].NoInterval = none[out[i].Name]
	}
	return out
})

// adder adds a statistic to the registry.
type adder func(name, unit, meaning string, value func(t *tally) float64)

func addObjectives(add adder, share string) {
	add("objective_disruption_share", share, "share of incidents whose objective is disruption (cyber_objective 1)", func(t *tally) float64 { return t.share(t.objective[ObjDisruption]) })
	add("objective_espionage_share", share, "share of incidents whose objective is espionage, short- or long-term (cyber_objective 2 or 3)", func(t *tally) float64 {
		return t.share(t.objective[ObjShortEspionage] + t.objective[ObjLongEspionage] + t.objective[ObjEspionage])
	})
	add("objective_short_espionage_share", share, "share of incidents whose objective is short-term espionage (cyber_objective 2); null when the record does not tell the terms apart (a run)", func(t *tally) float64 {
		return coded(t.r.CodesEspionageTerm, t.share(t.objective[ObjShortEspionage]))
	})
	add("objective_long_espionage_share", share, "share of incidents whose objective is long-term espionage (cyber_objective 3); null when the record does not tell the terms apart", func(t *tally) float64 {
		return coded(t.r.CodesEspionageTerm, t.share(t.objective[ObjLongEspionage]))
	})
	add("objective_degradation_share", share, "share of incidents whose objective is degradation (cyber_objective 4)", func(t *tally) float64 { return t.share(t.objective[ObjDegradation]) })
}

func addTargetsAndMethods(add adder, share string) {
	add("target_private_share", share, "share of incidents against a private target: a firm critical to the target state (targettype 1)", func(t *tally) float64 { return t.share(t.target[TargetPrivate]) })
	add("target_government_share", share, "share of incidents against the government, military or not (targettype 2 or 3)", func(t *tally) float64 {
		return t.share(t.target[TargetGovernment] + t.target[TargetMilitary])
	})
	add("target_military_share", share, "share of incidents against the military (targettype 3); null when the record does not tell military targets apart (a run)", func(t *tally) float64 {
		return coded(t.r.CodesMilitary, t.share(t.target[TargetMilitary]))
	})
	for i, m := range []string{"vandalism (method 1)", "denial of service (method 2)", "intrusion (method 3)", "infiltration (method 4, 4.1 to 4.4)"} {
		name := [...]string{"vandalism", "denial", "intrusion", "infiltration"}[i]
		add("method_"+name+"_share", share, "share of incidents by "+m, func(t *tally) float64 { return t.share(t.method[i+1]) })
	}
}

func addPairs(add adder, share string) {
	add("pairs", "pairs", "initiating incidents paired with the target state's next act, a cyber reply or none (DCID's update sheet); null without it", func(t *tally) float64 {
		return t.ofPairs(float64(len(t.pairs)))
	})
	add("reply_share", share, "share of pairs whose target replied with a cyber incident that started 0 to `reply_window` days after the initiating incident", func(t *tally) float64 { return t.pairShare(len(t.lags)) })
	add("reply_lag_median_days", "days", "median days from an initiating incident's start to its reply's, over the replies of `reply_share`", func(t *tally) float64 { return t.ofPairs(median(t.lags)) })
	add("coded_reply_share", share, "share of pairs with a cyber reply, whatever its date", func(t *tally) float64 { return t.pairShare(t.coded) })
	add("replies_dated_before", "pairs", "cyber replies dated before their initiating incident (dates of the update sheet); left out of `reply_share`", func(t *tally) float64 { return t.ofPairs(float64(t.before)) })
	add("escalation_share", share, "share of pairs the record marks as an escalation, once per initiating incident: DCID's `Cyber_escalation` on either row of the pair; in a run, a reply more severe than the initiating incident", func(t *tally) float64 {
		return t.pairShare(t.escalated)
	})
	add("reply_more_severe_share", share, "share of pairs whose reply (as in `reply_share`) is more severe than the initiating incident", func(t *tally) float64 { return t.pairShare(t.more) })
	for i := range bands {
		b := bandName(i)
		levels := strconv.Itoa(int(bands[i][0])) + " to " + strconv.Itoa(int(bands[i][1]))
		add("pairs_severity_"+b, "pairs", "pairs whose initiating incident has severity "+levels, func(t *tally) float64 { return t.ofPairs(float64(t.band[i][0])) })
		add("escalation_share_severity_"+b, share, "`escalation_share` among the pairs whose initiating incident has severity "+levels, func(t *tally) float64 {
			return t.ofPairs(ratio(float64(t.band[i][1]), float64(t.band[i][0])))
		})
	}
}
