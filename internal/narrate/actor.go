package narrate

import (
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/model"
)

// Actor is what a narration knows of an actor: its fixed attributes, and
// the name its scenario gives it, if any.
type Actor struct {
	ID         int32
	Kind       model.Kind
	State      int32  // home state's actor id (a state's own id for a state)
	Enemy      int32  // a hacktivist's foreign target state, else model.None
	Poor       bool   // a firm below the security poverty line
	IoT        bool   // a firm whose systems can cause physical harm
	Researcher bool   // a firm that scans the internet
	Given      string // its name in the scenario ([names]: "Blue Security"), or ""
}

// ActorOf describes a model's actor.
func ActorOf(a *model.Actor) Actor {
	return Actor{ID: a.ID, Kind: a.Kind, State: a.State, Enemy: a.Enemy, Poor: a.Poor, IoT: a.IoT, Researcher: a.Researcher}
}

// Cast looks up the actors a narration mentions; ok is false for an
// actor it does not know (named then by its id only: "actor 12").
type Cast func(id int32) (a Actor, ok bool)

// StateName names state i (the actor with id i) for readers: State A,
// State B, ..., State Z, then State 27, State 28, ...
func StateName(i int32) string {
	if i >= 0 && i < 26 {
		return "State " + string(rune('A'+i))
	}
	return "State " + strconv.Itoa(int(i)+1)
}

// Name names an actor in full: "State B", "firm 12 in State A", "IoT firm
// 30 in State C", "research firm 7 in State D", "citizen 800 in State E";
// an actor its scenario names by its name ("Blue Security"). States are
// named by letter here; a Teller uses the names its cast gives them.
func Name(a Actor) string { return (&Teller{}).full(a) }

// Short names an actor by kind and id alone: "firm 12", "State B"; an
// actor its scenario names by its name.
func Short(a Actor) string { return (&Teller{}).short(a) }

// Describe lists the fixed attributes an actor's name does not carry:
// "campaigning against State C", "below the security poverty line".
func Describe(a Actor) []string { return (&Teller{}).describe(a) }

// stateName names state i by its given name, when the cast knows one,
// else by letter (StateName).
func (t *Teller) stateName(i int32) string {
	if a, ok := t.actor(i); ok && a.Given != "" {
		return a.Given
	}
	return StateName(i)
}

// full names a in full (see Name), its home state by the cast's name.
func (t *Teller) full(a Actor) string {
	switch {
	case a.Given != "":
		return a.Given
	case a.Kind == model.KindState:
		return StateName(a.ID)
	}
	kind := a.Kind.String()
	switch {
	case a.Kind == model.KindFirm && a.IoT:
		kind = "IoT firm"
	case a.Kind == model.KindFirm && a.Researcher:
		kind = "research firm"
	}
	return kind + " " + strconv.Itoa(int(a.ID)) + " in " + t.stateName(a.State)
}

// short names a by kind and id (see Short).
func (t *Teller) short(a Actor) string {
	switch {
	case a.Given != "":
		return a.Given
	case a.Kind == model.KindState:
		return StateName(a.ID)
	}
	return a.Kind.String() + " " + strconv.Itoa(int(a.ID))
}

// describe lists a's fixed attributes (see Describe), states by the
// cast's names.
func (t *Teller) describe(a Actor) []string {
	var attrs []string
	if a.Kind == model.KindHacktivist && a.Enemy >= 0 {
		attrs = append(attrs, "campaigning against "+t.stateName(a.Enemy))
	}
	if a.Poor {
		attrs = append(attrs, "below the security poverty line")
	}
	return attrs
}

// introduction is a's first mention in a story: its full name with what
// it is, "State B (actor 1)", "firm 57 in State B (below the security
// poverty line)", "Blue Security (firm 1 in State A)".
func (t *Teller) introduction(a Actor) string {
	var attrs []string
	switch {
	case a.Given != "" && a.Kind == model.KindState:
		attrs = append(attrs, StateName(a.ID))
	case a.Given != "":
		attrs = append(attrs, t.full(Actor{ID: a.ID, Kind: a.Kind, State: a.State, IoT: a.IoT, Researcher: a.Researcher}))
	}
	if a.Kind == model.KindState {
		attrs = append(attrs, "actor "+strconv.Itoa(int(a.ID)))
	}
	attrs = append(attrs, t.describe(a)...)
	if len(attrs) == 0 {
		return t.full(a)
	}
	return t.full(a) + " (" + strings.Join(attrs, ", ") + ")"
}

// Describe lists the fixed attributes of actor id its name does not
// carry, as Describe does, states by the cast's names; nil for an actor
// the cast does not know.
func (t *Teller) Describe(id int32) []string {
	a, ok := t.actor(id)
	if !ok {
		return nil
	}
	return t.describe(a)
}

// Teller tells acts and cascades, naming actors from its Cast.
type Teller struct {
	Cast Cast
	// Introduce describes each actor at its first mention, "firm 57 in
	// State B (below the security poverty line)", "Blue Security (firm 1
	// in State A)", and names it by kind and id (or its given name) after,
	// "firm 57": for a story read from top to bottom. Without it, every
	// mention is the full name.
	Introduce bool
	seen      map[int32]bool
}

func (t *Teller) actor(id int32) (Actor, bool) {
	if t.Cast == nil || id < 0 {
		return Actor{}, false
	}
	return t.Cast(id)
}

// Name names actor id as the teller does (see Introduce); an actor the
// cast does not know is "actor ID".
func (t *Teller) Name(id int32) string {
	a, ok := t.actor(id)
	if !ok {
		return "actor " + strconv.Itoa(int(id))
	}
	if !t.Introduce {
		return t.full(a)
	}
	if t.seen[id] {
		return t.short(a)
	}
	if t.seen == nil {
		t.seen = map[int32]bool{}
	}
	t.seen[id] = true
	return t.introduction(a)
}

// Short names actor id by kind and id: "firm 12", "State B", "actor 12";
// by its name when its scenario names it.
func (t *Teller) Short(id int32) string {
	a, ok := t.actor(id)
	if !ok {
		return "actor " + strconv.Itoa(int(id))
	}
	return t.short(a)
}

// isState reports whether actor id is a state.
func (t *Teller) isState(id int32) bool {
	a, ok := t.actor(id)
	return ok && a.Kind == model.KindState
}

// homeOf returns an actor's home state, or model.None when unknown.
func (t *Teller) homeOf(id int32) int32 {
	a, ok := t.actor(id)
	if !ok {
		return model.None
	}
	return a.State
}

// Label names actor id for a tooltip: its full name, capitalized, with its
// fixed attributes, "Firm 57 in State B (below the security poverty
// line)", "Hacktivist 9 in State A (campaigning against State C)".
func (t *Teller) Label(id int32) string {
	a, ok := t.actor(id)
	if !ok {
		return "Actor " + strconv.Itoa(int(id))
	}
	s := Capitalize(t.full(a))
	if attrs := t.describe(a); len(attrs) > 0 {
		s += " (" + strings.Join(attrs, ", ") + ")"
	}
	return s
}
