package tour

import "github.com/escalation-model/escalation/model"

// Event is a kind of moment in a run that a beat waits for. Each is a
// property of one act, seen as the model resolves it (with its cascade's
// size so far and the actors' state after it): a beat fires at the first
// act of the run that matches.
type Event uint8

// The events a beat can wait for.
const (
	HackBack          Event = iota // a firm or citizen hacks back
	InnocentHackBack               // a hack back hits someone who had not launched the act it answers
	InnocentHit                    // any answer (hack back, retaliation, counter-strike, vigilante strike) hits an innocent
	VigilanteStrike                // a vigilante strikes a suspect's country
	Counterstrike                  // an attacker strikes back at whoever hit it
	FirmDestroyed                  // an act after which its origin or target, a firm, is destroyed
	BorderRetaliation              // a state answers across a border
	PreemptiveStrike               // a state strikes a remembered suspect first (defend forward)
	Cascade                        // an act that makes its cascade Size acts long
	ArmedConflict                  // an act at the armed-conflict threshold
	numEvents
)

var eventNames = [numEvents]string{
	"hack-back", "innocent-hack-back", "innocent-hit", "vigilante-strike", "counterstrike",
	"firm-destroyed", "border-retaliation", "preemptive-strike", "cascade", "armed-conflict",
}

// String returns the event's name as the tour file writes it.
func (e Event) String() string {
	if e < numEvents {
		return eventNames[e]
	}
	return "unknown"
}

// Events returns every event's name, in code order.
func Events() []string { return eventNames[:] }

// eventNamed returns the event called name.
func eventNamed(name string) (Event, bool) {
	for i, n := range eventNames {
		if n == name {
			return Event(i), true
		}
	}
	return 0, false
}

// isAnswer reports whether kind answers an earlier act.
func isAnswer(k model.ActKind) bool {
	switch k {
	case model.ActHackBack, model.ActRetaliation, model.ActCounterstrike, model.ActVigilante, model.ActAnswer:
		return true
	}
	return false
}

// Match reports whether act a is an instance of e. size is the number of
// acts of a's cascade so far, a included; actors are the model's actors
// after a; min is a Cascade beat's length.
func (e Event) Match(a *model.Act, size int64, actors []model.Actor, min int) bool {
	switch e {
	case HackBack:
		return a.Kind == model.ActHackBack
	case InnocentHackBack:
		return a.Kind == model.ActHackBack && a.Innocent
	case InnocentHit:
		return isAnswer(a.Kind) && a.Innocent
	case VigilanteStrike:
		return a.Kind == model.ActVigilante
	case Counterstrike:
		return a.Kind == model.ActCounterstrike
	case FirmDestroyed:
		return destroyedFirm(a.Origin, actors) || destroyedFirm(a.Target, actors)
	case BorderRetaliation:
		return a.Kind == model.ActRetaliation && a.Interstate
	case PreemptiveStrike:
		return a.Kind == model.ActPreemptive
	case Cascade:
		return size >= int64(min)
	case ArmedConflict:
		return a.Intensity >= model.ArmedAttack
	}
	return false
}

// destroyedFirm reports whether actor id is a destroyed firm.
func destroyedFirm(id int32, actors []model.Actor) bool {
	return id >= 0 && int(id) < len(actors) && actors[id].Kind == model.KindFirm && actors[id].Destroyed
}
