package live

import (
	"context"
	"fmt"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
	"github.com/escalation-model/escalation/recipe"
)

// Files are the tables of a run, as escalate run writes them.
type Files struct {
	Ticks, Cascades, Events, Actors []byte
}

// Export replays the first ticks ticks of the run st describes and returns
// its tables: byte for byte the ticks.csv, cascades.csv, events.csv and
// actors.csv that st.CommandTicks(ticks) writes with --events. (Cascades
// still open after the last tick are listed with closed = false, as the
// command does at the end of a run.)
func Export(st State, ticks int) (Files, error) {
	sc, err := st.Resolve()
	if err != nil {
		return Files{}, err
	}
	if ticks < 1 || ticks > sc.Params.Ticks {
		return Files{}, fmt.Errorf("cannot export %d ticks: the run has %d", ticks, sc.Params.Ticks)
	}
	run := State{Recipe: st.runOf(ticks)}
	if sc, err = run.Resolve(); err != nil {
		return Files{}, err
	}
	rec := &tables{}
	rec.events = csvfmt.AppendHeader(rec.events, csvfmt.EventColumns())
	rec.events = append(rec.events, '\n')
	rec.cascades = csvfmt.AppendHeader(rec.cascades, csvfmt.CascadeColumns())
	rec.cascades = append(rec.cascades, '\n')
	m, err := model.New(sc.Params, run.Seed, rec)
	if err != nil {
		return Files{}, err
	}
	f := Files{Ticks: append(csvfmt.AppendHeader(nil, csvfmt.TickColumns()), '\n')}
	d, err := recipe.NewDriver(m, ticks, run.At)
	if err != nil {
		return Files{}, err
	}
	err = d.Run(context.Background(), func(s *model.TickStats) {
		f.Ticks = append(csvfmt.AppendTickRow(f.Ticks, s), '\n')
	})
	if err != nil {
		return Files{}, err
	}
	m.Finish()
	f.Events, f.Cascades = rec.events, rec.cascades
	f.Actors = append(csvfmt.AppendHeader(nil, csvfmt.ActorColumns()), '\n')
	for i := range m.Actors() {
		f.Actors = append(csvfmt.AppendActorRow(f.Actors, m, int32(i)), '\n')
	}
	return f, nil
}

// tables records events and cascades as CSV in memory.
type tables struct {
	events, cascades []byte
}

func (t *tables) Act(a *model.Act) {
	t.events = append(csvfmt.AppendEventRow(t.events, a), '\n')
}

func (t *tables) Cascade(c *model.CascadeRecord) {
	t.cascades = append(csvfmt.AppendCascadeRow(t.cascades, c), '\n')
}
