// Actors (docs/ODD.md §2.1): the kinds of actor and an actor's state
// variables.

package model

// Kind is an actor's kind.
type Kind uint8

// The kinds of actor.
const (
	KindState Kind = iota
	KindFirm
	KindCitizen
	KindCriminal
	KindHacktivist
	KindVigilante
	numKinds
)

var kindNames = [numKinds]string{"state", "firm", "citizen", "criminal", "hacktivist", "vigilante"}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "unknown"
}

// Kinds returns the kinds of actor in the order their actors' ids run:
// states first, then firms, citizens, criminals, hacktivists, vigilantes.
func Kinds() []Kind {
	out := make([]Kind, numKinds)
	for k := range numKinds {
		out[k] = k
	}
	return out
}

// ideological reports whether actors of kind k are undeterred by cost.
func (k Kind) ideological() bool { return k == KindHacktivist || k == KindVigilante }

// Actor is one agent. Fixed attributes are set at initialisation; the rest
// change as the run goes. It is 128 bytes, two cache lines, with what
// choosing a target reads in the first.
type Actor struct {
	ID         int32
	Kind       Kind
	State      int32 // home state's actor id (a state's own id for a state)
	Enemy      int32 // hacktivists: the foreign state they attack; else None
	Poor       bool  // firm below the security poverty line
	IoT        bool  // firm whose systems can cause physical harm
	Researcher bool  // firm that scans the internet
	Licensed   bool  // may hack back under the licensed regime
	Inclined   bool  // would hack back if allowed
	Value      float64
	Strength   float64 // states: capability factor from state_gradient (1 for others)

	// Dynamic state.
	Compromised    bool    // a botnet host
	Destroyed      bool    // a firm whose cumulative damage reached its value
	HackedBack     bool    // has launched at least one hack back
	answeredJudged bool    // states: whether they answered the act they judged last (judged)
	Damage         float64 // outstanding damage (repaired at repair_rate per tick), as of its last loss
	damageTick     int
	Anger          float64
	angerTick      int
	deterredUntil  int
	lastSuspect    int32 // forgiving doctrine: who hit it last
	lastHitTick    int
	hostIndex      int32 // position in the host list, or None
	revoked        bool  // licence revoked by oversight; never re-issued
	trackedBy      int32 // state whose intelligence operation follows this actor, or None
	judged         int64 // states: the last act they judged (a state judges an act once)
}

// canHackBack reports whether the actor may hack back under regime.
func (a *Actor) canHackBack(regime string) bool {
	if a.Destroyed || !a.Inclined {
		return false
	}
	switch regime {
	case HackBackFree:
		return a.Kind == KindFirm || a.Kind == KindCitizen
	case HackBackLicensed:
		return a.Kind == KindFirm && a.Licensed
	}
	return false
}
