package live

import (
	"fmt"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
)

// The map's tooltip names actors with their attributes, acts as the log
// does, and the tension between two states both ways.
func TestDescribe(t *testing.T) {
	st, _ := ParseQuery("scenario=road-rage&seed=3")
	s, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	var last *model.Act
	s.OnAct = func(a, parent *model.Act) { c := *a; last = &c }
	for s.Ran() < 30 {
		s.Step()
	}
	actors := s.Model().Actors()
	poor := int32(-1)
	for i := range actors {
		if actors[i].Kind == model.KindFirm && actors[i].Poor && !actors[i].Destroyed && !actors[i].Compromised {
			poor = actors[i].ID
			break
		}
	}
	if poor < 0 {
		t.Fatal("road-rage has no firm below the poverty line")
	}
	want := fmt.Sprintf("Firm %d in State %c (below the security poverty line)", poor, 'A'+actors[poor].State)
	if got := s.DescribeActor(poor); got != want {
		t.Errorf("DescribeActor(%d) = %q, want %q", poor, got, want)
	}
	if got := s.DescribeActor(1); got != "State B" {
		t.Errorf("DescribeActor(1) = %q, want State B", got)
	}
	if got := s.DescribeActor(-1) + s.DescribeActor(int32(len(actors))); got != "" {
		t.Errorf("DescribeActor of no actor = %q", got)
	}
	m := s.Model()
	want = fmt.Sprintf("State A → State B: tension %.2f; State B → State A: %.2f (states escalate at %.2f)", m.Tension(0, 1), m.Tension(1, 0), m.Params().TensionEscalation)
	if got := s.DescribeTension(0, 1); got != want {
		t.Errorf("DescribeTension(0, 1) = %q, want %q", got, want)
	}
	if got := s.DescribeTension(0, 0) + s.DescribeTension(0, 99); got != "" {
		t.Errorf("DescribeTension of no pair = %q", got)
	}
	if last == nil {
		t.Fatal("no act in 30 days")
	}
	if got := s.DescribeAct(last.ID); !strings.HasPrefix(got, fmt.Sprintf("Day %d: ", last.Tick)) || !strings.Contains(got, s.Name(last.Target)) {
		t.Errorf("DescribeAct(%d) = %q: want its day and its target", last.ID, got)
	}
}
