package narrate

import (
	"fmt"
	"strings"

	"github.com/escalation-model/escalation/model"
)

// Verb returns how an act of kind k is told: "hacked back", "retaliated
// against", "spied on", ...
func Verb(k model.ActKind) string {
	switch k {
	case model.ActHackBack:
		return "hacked back"
	case model.ActRetaliation:
		return "retaliated against"
	case model.ActCounterstrike:
		return "counter-struck"
	case model.ActVigilante, model.ActPreemptive:
		return "struck"
	case model.ActEspionage:
		return "spied on"
	case model.ActSabotage:
		return "sabotaged"
	case model.ActDenial:
		return "disrupted"
	case model.ActScan:
		return "scanned"
	case model.ActAnswer:
		return "struck back at"
	}
	return "attacked"
}

// doTo tells an act of kind k done to obj: "hacked back firm 3", "hacked
// it back", "retaliated against it".
func doTo(k model.ActKind, obj string) string {
	if k == model.ActHackBack && obj == "it" {
		return "hacked it back"
	}
	return Verb(k) + " " + obj
}

// Noun names an act of kind k: "criminal attack", "espionage operation",
// "hack back", ...
func Noun(k model.ActKind) string {
	switch k {
	case model.ActCrime:
		return "criminal attack"
	case model.ActEspionage:
		return "espionage operation"
	case model.ActSabotage:
		return "sabotage operation"
	case model.ActDenial:
		return "disruption operation"
	case model.ActHacktivism:
		return "hacktivist attack"
	case model.ActScan:
		return "research scan"
	case model.ActPreemptive:
		return "pre-emptive strike"
	case model.ActVigilante:
		return "vigilante strike"
	case model.ActHackBack:
		return "hack back"
	case model.ActRetaliation:
		return "retaliation"
	case model.ActCounterstrike:
		return "counter-strike"
	}
	return "attack"
}

// article puts "a" or "an" before a noun.
func article(noun string) string {
	if noun != "" && (noun[0] == 'a' || noun[0] == 'e' || noun[0] == 'i' || noun[0] == 'o' || noun[0] == 'u') {
		return "an " + noun
	}
	return "a " + noun
}

// rootNoun names a cascade's root act after its actor's name: "criminal
// 3's attack", "State B's espionage".
func rootNoun(k model.ActKind) string {
	switch k {
	case model.ActEspionage:
		return "espionage"
	case model.ActSabotage:
		return "sabotage"
	case model.ActDenial:
		return "disruption operation"
	case model.ActScan:
		return "research scan"
	case model.ActPreemptive:
		return "pre-emptive strike"
	}
	return "attack"
}

// IntensityName names intensity level l: nuisance, disruption,
// destruction, critical, armed-conflict (the model's names).
func IntensityName(l int) string { return model.IntensityName(l) }

// AtLevel tells an act's intensity: "at the disruption level", "at the
// critical level (critical infrastructure or physical harm)".
func AtLevel(l int) string { return atLevel(l, 0) }

// atLevel is AtLevel with the damage the act did, when positive: "at the
// disruption level (damage 0.0123)", "at the critical level (critical
// infrastructure or physical harm; damage 0.5)".
func atLevel(l int, damage float64) string {
	var notes []string
	if l == model.Critical {
		notes = append(notes, "critical infrastructure or physical harm")
	}
	if damage > 0 {
		notes = append(notes, fmt.Sprintf("damage %.3g", damage))
	}
	s := "at the " + IntensityName(l) + " level"
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}
