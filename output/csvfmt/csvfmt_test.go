package csvfmt_test

import (
	"fmt"
	"strconv"
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

// Every field is written as docs/data.md says: integers by
// strconv.FormatInt (base 10), floats by strconv.FormatFloat(v, 'g', -1, 64),
// booleans by strconv.FormatBool, text as it is. Checked on the rows of a
// run and on records whose integers cross the one-digit boundary and go
// negative (None is -1).
func TestFieldsAsDocumented(t *testing.T) {
	p := model.DefaultParams()
	p.Firms, p.Citizens, p.HackBack, p.HackBackShare = 40, 60, model.HackBackFree, 0.6
	var acts []model.Act
	var cascades []model.CascadeRecord
	m, err := model.New(p, 5, observer{
		act:     func(a *model.Act) { acts = append(acts, *a) },
		cascade: func(c *model.CascadeRecord) { cascades = append(cascades, *c) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var ticks []model.TickStats
	for range 80 {
		ticks = append(ticks, m.Step())
	}
	m.Finish()
	for _, v := range []int64{-12345, -10, -9, -1, 0, 1, 9, 10, 11, 99, 100, 1 << 40} {
		acts = append(acts, model.Act{ID: v, Parent: v, Cascade: v, Tick: int(v), Origin: int32(v), Target: int32(v), Via: int32(v),
			Flag: int32(v), Suspect: int32(v), Intensity: int8(v), Generation: int32(v), Collateral: int32(v), Detected: v%2 == 0, Misattributed: v < 0, Innocent: v > 0})
		cascades = append(cascades, model.CascadeRecord{ID: v, RootAct: v, RootTick: int(v), LastTick: int(v), Size: v, Depth: int(v),
			Actors: int(v), Innocents: v, PeakIntensity: int(v), Interstate: v > 0, Vigilante: v < 0, Closed: v%2 == 0})
		ticks = append(ticks, model.TickStats{Tick: int(v), Attacks: v, Answers: -v, Detected: v, Dropped: v})
	}
	checkFields(t, "events", csvfmt.Events(), model.EventColumns(), acts)
	checkFields(t, "cascades", csvfmt.Cascades(), model.CascadeColumns(), cascades)
	checkFields(t, "ticks", csvfmt.Ticks(), model.TickColumns(), ticks)
}

func checkFields[R any](t *testing.T, name string, table *csvfmt.Table[R], cols model.Columns[R], recs []R) {
	t.Helper()
	for i := range recs {
		r := &recs[i]
		want := make([]string, len(cols))
		for j, c := range cols {
			switch c.Type {
			case model.ColumnInt:
				want[j] = strconv.FormatInt(c.Int(r), 10)
			case model.ColumnFloat:
				want[j] = strconv.FormatFloat(c.Float(r), 'g', -1, 64)
			case model.ColumnString:
				want[j] = c.Text(r)
			case model.ColumnBool:
				want[j] = strconv.FormatBool(c.Bool(r))
			}
		}
		if got := string(table.AppendRow(nil, r)); got != strings.Join(want, ",") {
			t.Fatalf("%s row %d:\n got  %s\n want %s", name, i, got, strings.Join(want, ","))
		}
	}
}
