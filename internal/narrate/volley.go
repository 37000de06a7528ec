package narrate

import (
	"fmt"
	"strings"

	"github.com/escalation-model/escalation/model"
)

// Volley tells in one sentence the acts of one kind that one actor
// launched on one day at several targets (a vigilante's strike, a state's
// retaliation against many suspects), for a log where one line each would
// bury the rest: "P4x, angry at attacks he blamed on North Korea and at
// his own state's inaction, struck 8 targets in North Korea at the
// disruption level, 6 of them innocent." When the acts' intensities
// differ, the sentence names the strongest: "..., the strongest at the
// destruction level". acts must share their origin and kind; it returns
// "" for none.
func (t *Teller) Volley(acts []model.Act) string {
	if len(acts) == 0 {
		return ""
	}
	first := &acts[0]
	peak, low := first.Intensity, first.Intensity
	innocents, bystanders, interstate := 0, 0, false
	homes := map[int32]bool{}
	for i := range acts {
		a := &acts[i]
		peak, low = max(peak, a.Intensity), min(low, a.Intensity)
		if a.Innocent {
			innocents++
		}
		bystanders += int(a.Collateral)
		interstate = interstate || a.Interstate
		homes[t.homeOf(a.Target)] = true
	}
	targets := Count(int64(len(acts)), "target", "targets")
	if len(homes) == 1 {
		targets += " in " + t.countryOf(first.Target)
	} else {
		targets += " in " + Count(int64(len(homes)), "state", "states")
	}
	var b strings.Builder
	if peak >= model.ArmedAttack {
		b.WriteString("Armed-conflict threshold crossed: ")
	}
	origin := Capitalize(t.Name(first.Origin))
	if first.Kind == model.ActVigilante {
		fmt.Fprintf(&b, "%s, angry at attacks he blamed on %s and at his own state's inaction, struck %s", origin, t.countryOf(first.Target), targets)
	} else {
		fmt.Fprintf(&b, "%s %s", origin, doTo(first.Kind, targets))
	}
	if peak == low {
		b.WriteString(" " + AtLevel(int(peak)))
	}
	switch {
	case innocents == len(acts):
		b.WriteString(", every one of them innocent")
	case innocents > 0:
		fmt.Fprintf(&b, ", %d of them innocent", innocents)
	}
	if peak != low {
		b.WriteString(", the strongest " + AtLevel(int(peak)))
	}
	b.WriteString(".")
	if interstate {
		b.WriteString(" A state struck into another state's jurisdiction.")
	}
	switch {
	case bystanders == 1:
		b.WriteString(" A bystander was also harmed.")
	case bystanders > 1:
		fmt.Fprintf(&b, " %d bystanders were also harmed.", bystanders)
	}
	return b.String()
}
