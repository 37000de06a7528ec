package csvfmt_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// Every row has exactly one field per header column.
func TestRowsMatchHeaders(t *testing.T) {
	p := model.DefaultParams()
	p.Firms, p.Citizens = 20, 20
	var events, cascades [][]byte
	m, err := model.New(p, 3, observer{
		act:     func(a *model.Act) { events = append(events, csvfmt.AppendEventRow(nil, a)) },
		cascade: func(c *model.CascadeRecord) { cascades = append(cascades, csvfmt.AppendCascadeRow(nil, c)) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var ticks [][]byte
	for range 60 {
		s := m.Step()
		ticks = append(ticks, csvfmt.AppendTickRow(nil, &s))
	}
	m.Finish()
	var actors [][]byte
	for i := range m.Actors() {
		actors = append(actors, csvfmt.AppendActorRow(nil, m, int32(i)))
	}
	for _, tc := range []struct {
		name string
		cols []string
		rows [][]byte
	}{
		{"ticks", csvfmt.TickColumns(), ticks},
		{"events", csvfmt.EventColumns(), events},
		{"cascades", csvfmt.CascadeColumns(), cascades},
		{"actors", csvfmt.ActorColumns(), actors},
	} {
		if len(tc.rows) == 0 {
			t.Errorf("%s: no rows", tc.name)
		}
		for _, r := range tc.rows {
			if got, want := strings.Count(string(r), ",")+1, len(tc.cols); got != want {
				t.Fatalf("%s row %q has %d fields, header has %d", tc.name, r, got, want)
			}
		}
	}
}

type observer struct {
	act     func(*model.Act)
	cascade func(*model.CascadeRecord)
}

func (o observer) Act(a *model.Act)               { o.act(a) }
func (o observer) Cascade(c *model.CascadeRecord) { o.cascade(c) }

func ExampleAppendTickRow() {
	s := model.TickStats{Tick: 7, Attacks: 3, TensionMean: 0.25}
	row := csvfmt.AppendTickRow(nil, &s)
	cols := csvfmt.TickColumns()
	fields := strings.Split(string(row), ",")
	for i, c := range cols {
		if c == "tick" || c == "attacks" || c == "tension_mean" {
			fmt.Printf("%s=%s\n", c, fields[i])
		}
	}
	// Output:
	// tick=7
	// attacks=3
	// tension_mean=0.25
}
