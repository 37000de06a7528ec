package live

import (
	"fmt"

	"github.com/escalation-model/escalation/model"
)

// DescribeActor names actor id for a tooltip: who it is, with its fixed
// attributes (narrate's Label), then what has become of it: "a hijacked
// botnet host", "destroyed", a vigilante's anger against his temper.
func (s *Session) DescribeActor(id int32) string {
	actors := s.m.Actors()
	if id < 0 || int(id) >= len(actors) {
		return ""
	}
	text := s.teller().Label(id)
	a := &actors[id]
	switch {
	case a.Destroyed:
		text += "; destroyed"
	case a.Compromised:
		text += "; its machine is a hijacked botnet host"
	}
	if temper := s.m.Params().VigilanteTemper; a.Anger > 0 && temper > 0 {
		text += fmt.Sprintf("; anger %.2f of a temper of %.2f", a.Anger, temper)
	}
	return text
}

// DescribeAct tells act id for a tooltip, as the log tells acts; "" when
// the session no longer remembers it.
func (s *Session) DescribeAct(id int64) string {
	a := s.recent.get(id)
	if a == nil {
		return ""
	}
	var parent *model.Act
	if a.Parent >= 0 {
		parent = s.recent.get(a.Parent)
	}
	return fmt.Sprintf("Day %d: %s", a.Tick, s.teller().Act(a, parent))
}

// DescribeTension tells the tension between states i and j for a tooltip,
// "State A → State B: tension 0.31; State B → State A: 0.12 (states
// escalate at 0.50)", by the states' given names.
func (s *Session) DescribeTension(i, j int) string {
	n := s.m.Params().States
	if i < 0 || j < 0 || i >= n || j >= n || i == j {
		return ""
	}
	a, b := s.Short(int32(i)), s.Short(int32(j))
	return fmt.Sprintf("%s → %s: tension %.2f; %s → %s: %.2f (states escalate at %.2f)",
		a, b, s.m.Tension(i, j), b, a, s.m.Tension(j, i), s.m.Params().TensionEscalation)
}
