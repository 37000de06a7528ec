package narrate

import (
	"fmt"
	"strings"

	"github.com/escalation-model/escalation/model"
)

// Act tells what act a did, in one or more sentences: who struck whom, at
// what intensity, and, for an answer whose parent act is known, why it hit
// whom it hit. parent is the act a answers, or nil (a root, or an answer
// to an act no longer known). The page's log tells acts so.
func (t *Teller) Act(a, parent *model.Act) string {
	return t.act(a, parent, false)
}

// Story tells act a as a line of a cascade's story: "Day 3: ", with the
// act's and its parent's ids when numbered (a branching cascade), then
// the act with the damage it did, and what its target made of it.
func (t *Teller) Story(a, parent *model.Act, numbered bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Day %d", a.Tick)
	if numbered {
		if a.Parent >= 0 {
			fmt.Fprintf(&b, " (act %d, answering act %d)", a.ID, a.Parent)
		} else {
			fmt.Fprintf(&b, " (act %d)", a.ID)
		}
	}
	b.WriteString(": ")
	b.WriteString(t.act(a, parent, true))
	b.WriteString(t.detection(a))
	return b.String()
}

func (t *Teller) act(a, parent *model.Act, withDamage bool) string {
	var b strings.Builder
	if a.Intensity >= model.ArmedAttack {
		b.WriteString("Armed-conflict threshold crossed: ")
	}
	origin := Capitalize(t.Name(a.Origin)) + t.role(a, parent)
	target := t.Name(a.Target)
	// how: the act's intensity, damage and routing.
	how := " " + AtLevel(int(a.Intensity))
	if withDamage {
		how = " " + atLevel(int(a.Intensity), a.Damage)
	}
	if a.Via >= 0 {
		how += ", routed through the hijacked machine of " + t.Name(a.Via)
	}
	if a.Flag >= 0 {
		how += ", under a false flag framing " + t.Name(a.Flag)
	}
	switch {
	case a.Kind == model.ActVigilante:
		fmt.Fprintf(&b, "%s, angry at attacks he blamed on %s and at his own state's inaction, struck %s%s", origin, t.countryOf(a.Target), target, how)
		if a.Innocent {
			b.WriteString(" — an innocent")
		}
		b.WriteString(".")
	case a.Innocent && parent != nil:
		b.WriteString(t.innocent(a, parent, origin, target, how))
	case a.Innocent:
		fmt.Fprintf(&b, "%s %s%s — an innocent: it had not launched the attack being answered.", origin, doTo(a.Kind, target), how)
	case a.Kind == model.ActPreemptive:
		fmt.Fprintf(&b, "%s struck %s pre-emptively (defend forward)%s.", origin, target, how)
	case a.Kind == model.ActCounterstrike:
		fmt.Fprintf(&b, "%s counter-struck %s, which had hit it,%s.", origin, target, how)
	case parent != nil && a.Target == parent.Origin:
		fmt.Fprintf(&b, "%s %s, the real attacker,%s.", origin, doTo(a.Kind, target), how)
	default:
		fmt.Fprintf(&b, "%s %s%s.", origin, doTo(a.Kind, target), how)
	}
	if a.Interstate {
		b.WriteString(" A state struck into another state's jurisdiction.")
	}
	switch {
	case a.Collateral == 1:
		b.WriteString(" A bystander was also harmed.")
	case a.Collateral > 1:
		fmt.Fprintf(&b, " %d bystanders were also harmed.", a.Collateral)
	}
	return b.String()
}

// role says why an answerer other than the answered act's target answered:
// a state answering for one of its own, or a harmed bystander.
func (t *Teller) role(a, parent *model.Act) string {
	if parent == nil || parent.Target == a.Origin || a.Kind == model.ActVigilante {
		return ""
	}
	if t.isState(a.Origin) {
		return ", answering for " + t.Short(parent.Target) + ","
	}
	return ", harmed as a bystander,"
}

// innocent tells an answer that hit an innocent, with why: a research
// scan read as an attack, a botnet host or a framed party blamed, a state
// blamed for one of its people, or a plain misattribution.
func (t *Teller) innocent(a, parent *model.Act, origin, target, how string) string {
	if parent.Kind == model.ActScan && parent.Origin == a.Target {
		return fmt.Sprintf("%s read a research scan by %s as an attack and %s%s — an innocent: scanning is not attacking.", origin, target, doTo(a.Kind, "it"), how)
	}
	what := article(Noun(parent.Kind))
	switch {
	case parent.Via == a.Target:
		return fmt.Sprintf("%s blamed %s for %s routed through its hijacked machine, and %s%s — an innocent botnet host. %s", origin, target, what, doTo(a.Kind, "it"), how, t.culprit(parent))
	case parent.Flag == a.Target:
		return fmt.Sprintf("%s fell for a false flag: it blamed %s for %s and %s%s — an innocent. %s", origin, target, what, doTo(a.Kind, "it"), how, t.culprit(parent))
	case t.isState(a.Target) && t.homeOf(parent.Origin) == a.Target:
		return fmt.Sprintf("%s blamed %s for %s by one of its people, %s, and %s%s.", origin, target, what, t.Name(parent.Origin), doTo(a.Kind, "the state itself"), how)
	}
	return fmt.Sprintf("%s wrongly blamed %s for %s and %s%s — an innocent. %s", origin, target, what, doTo(a.Kind, "it"), how, t.culprit(parent))
}

// culprit says who really launched parent.
func (t *Teller) culprit(parent *model.Act) string {
	if parent.Kind == model.ActScan {
		return "The scan came from " + t.Name(parent.Origin) + "."
	}
	return "The real attacker was " + t.Name(parent.Origin) + "."
}

// countryOf names an actor's home state, for a vigilante's grievance.
func (t *Teller) countryOf(id int32) string {
	if h := t.homeOf(id); h >= 0 {
		return t.stateName(h)
	}
	return "its target's state"
}

// detection tells what act a's target made of it: whether it detected
// the act and whom it blamed, how rightly, with what confidence.
func (t *Teller) detection(a *model.Act) string {
	target := Capitalize(t.Short(a.Target))
	switch {
	case !a.Detected:
		return " " + target + " did not detect it."
	case a.Suspect < 0:
		return " " + target + " detected it."
	}
	how := "rightly"
	if a.Misattributed {
		how = "wrongly"
	}
	s := fmt.Sprintf(" %s detected it and %s blamed %s", target, how, t.Name(a.Suspect))
	switch {
	case !a.Misattributed:
	case a.Suspect == a.Via:
		s += ", the botnet host"
	case a.Suspect == a.Flag:
		s += ", the framed party"
	case t.isState(a.Suspect) && !t.isState(a.Origin) && t.homeOf(a.Origin) == a.Suspect:
		s += ", the attacker's home state"
	}
	if a.Confidence > 0 {
		s += fmt.Sprintf(", with confidence %.2f", a.Confidence)
	}
	return s + "."
}
