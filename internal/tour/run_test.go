package tour

import (
	"flag"
	"fmt"
	"testing"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/model"
)

// budget is the last day a chapter's beat may happen on: 50 seconds at
// the page's default 5 days a second.
const budget = 250

var search = flag.Bool("search", false, "TestBeatsComeEarly: list, for seeds 1 to 40, the day of each chapter's last beat")

// beatDays runs st for at most limit days, watching for beats, and
// returns the day each beat fired on (-1 if it did not) and its act.
func beatDays(t testing.TB, st live.State, beats []Beat, limit int) ([]int, []model.Act) {
	t.Helper()
	s, err := live.New(st)
	if err != nil {
		t.Fatal(err)
	}
	w := NewWatch(beats)
	days := make([]int, len(beats))
	acts := make([]model.Act, len(beats))
	for i := range days {
		days[i] = -1
	}
	s.OnAct = func(a, parent *model.Act) {
		size := int64(0)
		if c := s.Cascade(a.Cascade); c != nil {
			size = c.Size
		}
		for _, i := range w.Act(a, size, s.Model().Actors()) {
			days[i], acts[i] = a.Tick, *a
		}
	}
	for s.Ran() < limit && !w.Done() {
		if _, ok := s.Step(); !ok {
			break
		}
	}
	return days, acts
}

func TestBeatsComeEarly(t *testing.T) {
	chapters, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chapters {
		if *search {
			for seed := uint64(1); seed <= 40; seed++ {
				st := c.Run
				st.Seed = seed
				days, _ := beatDays(t, st, c.Beats, budget+1)
				fmt.Printf("%s seed %d: %v\n", c.ID, seed, days)
			}
			continue
		}
		days, _ := beatDays(t, c.Run, c.Beats, budget+1)
		t.Logf("%s (seed %d): beats on days %v", c.ID, c.Run.Seed, days)
		for i, d := range days {
			if d < 0 || d > budget {
				t.Errorf("%s at seed %d: beat %s (%s) does not happen by day %d; pick another seed (go test ./internal/tour -run TestBeatsComeEarly -search)", c.ID, c.Run.Seed, c.Beats[i].Name, c.Beats[i].Event, budget)
			}
		}
	}
}
