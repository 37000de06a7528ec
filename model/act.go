// Hostile acts (docs/ODD.md §2.2): the escalation ladder of intensities, the
// kinds of act, and the Act record passed to the Observer.

package model

import "strconv"

// Intensity levels of a hostile act, the escalation ladder.
const (
	Nuisance    = 0 // defacement, spam, a scan read as an attack
	Disruption  = 1 // outage, data theft
	Destruction = 2 // wiped systems
	Critical    = 3 // critical infrastructure or physical harm
	ArmedAttack = 4 // the armed-conflict threshold
)

// IntensityName names intensity level l (0 to 4): nuisance, disruption,
// destruction, critical, armed-conflict; "intensity l" outside the ladder.
func IntensityName(l int) string {
	switch l {
	case Nuisance:
		return "nuisance"
	case Disruption:
		return "disruption"
	case Destruction:
		return "destruction"
	case Critical:
		return "critical"
	case ArmedAttack:
		return "armed-conflict"
	}
	return "intensity " + strconv.Itoa(l)
}

// ActKind says what a hostile act is. Root kinds start cascades; answer kinds
// answer a parent act.
type ActKind uint8

// The kinds of hostile act.
const (
	ActAttack        ActKind = iota // branching mechanics: a root act
	ActCrime                        // a profit-driven criminal's attack
	ActEspionage                    // a state's intelligence operation
	ActHacktivism                   // an ideological hacktivist's attack
	ActScan                         // a researcher's scan that was answered
	ActPreemptive                   // a state's pre-emptive strike (defend forward)
	ActVigilante                    // a vigilante's strike at a suspect's country (an answer)
	ActHackBack                     // a firm's or citizen's answer
	ActRetaliation                  // a state's answer
	ActCounterstrike                // an attacker's answer to being hit
	ActAnswer                       // branching mechanics: an answer
	ActSabotage                     // a state's degradation operation (sabotage)
	ActDenial                       // a state's disruption operation (denial of service)
	numActKinds
)

var actKindNames = [numActKinds]string{"attack", "crime", "espionage", "hacktivism", "scan", "preemptive", "vigilante", "hackback", "retaliation", "counterstrike", "answer", "sabotage", "denial"}

func (k ActKind) String() string {
	if k < numActKinds {
		return actKindNames[k]
	}
	return "unknown"
}

// ActKinds returns every act kind's name, in code order.
func ActKinds() []string { return actKindNames[:] }

// None marks an absent actor or act reference.
const None = -1

// nobody is the true origin recorded for an answer to a benign act (a
// research scan): whoever it hits is innocent.
const nobody = -2

// Act is one hostile act. Acts are passed to the Observer when their effects
// at their tick are known; the pointer is valid only during the call.
type Act struct {
	ID               int64
	Parent           int64 // None for a root
	Cascade          int64
	Tick             int
	Kind             ActKind
	Origin           int32
	Target           int32
	Via              int32 // botnet host the act was routed through, or None
	Flag             int32 // party framed by a false flag, or None
	Suspect          int32 // whom the target blamed, or None when undetected
	Detected         bool
	Misattributed    bool    // detected and blamed on someone other than Origin
	Confidence       float64 // the target's confidence in its suspect (0 if undetected)
	Intensity        int8
	Generation       int32   // 0 for a root, parent's + 1 for an answer
	Collateral       int32   // bystanders also harmed, innocent or not
	CollateralDamage float64 // damage done to those bystanders
	Innocent         bool    // an answer (or pre-emptive strike) whose target did not launch the act it answers
	Interstate       bool    // a state's answer or pre-emptive strike at another state's jurisdiction
	Damage           float64 // damage done to the target
	// inVigilanteLine: a vigilante's strike, or an act descending from one
	// (for the cascades' exchanges between states, ODD 7.20).
	inVigilanteLine bool
}

// isRootKind reports whether acts of kind k start cascades.
func isRootKind(k ActKind) bool {
	switch k {
	case ActHackBack, ActRetaliation, ActCounterstrike, ActVigilante, ActAnswer:
		return false
	}
	return true
}
