package recipe

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/escalation-model/escalation/model"
)

// Driver steps a model through a run and makes the run's timed changes on
// their ticks: a change for tick T is made after tick T−1 has run (for
// T = 0, when the driver starts) and before tick T runs, so that between
// ticks the model holds the parameters of the tick to come. Changes for
// the same tick are made in the order given; a change for a tick the model
// has already run when the driver starts counts as made, and one for a
// tick past the run's end is never made.
//
// Stepping allocates nothing: a tick runs the model's Step, whose numbers
// the driver keeps (Last), and SetParam only on a change's tick. The zero
// Driver is ready for Reset.
type Driver struct {
	m     *model.Model
	ticks int
	at    []Change // by tick; the same tick in the order given
	next  int      // at[:next] are made
	last  model.TickStats
}

// NewDriver returns a driver of m for a run of ticks ticks with the
// timed changes at (see Reset).
func NewDriver(m *model.Model, ticks int, at []Change) (*Driver, error) {
	d := new(Driver)
	return d, d.Reset(m, ticks, at)
}

// Driver resolves r in form f and returns a driver of a new model of its
// run, with its changes during the run and no observer: the run `escalate
// run` makes of the same recipe, tick for tick.
func (r Recipe) Driver(f Form) (*Driver, error) {
	sc, err := r.Resolve(f)
	if err != nil {
		return nil, err
	}
	m, err := model.New(sc.Params, r.Seed, nil)
	if err != nil {
		return nil, err
	}
	return NewDriver(m, sc.Params.Ticks, r.At)
}

// Reset makes d drive m for a run of ticks ticks with the timed changes at,
// given in any order (they are copied, and ordered by tick keeping the
// order given within a tick), reusing d's memory. The changes for m's next
// tick are made at once.
func (d *Driver) Reset(m *model.Model, ticks int, at []Change) error {
	d.m, d.ticks = m, ticks
	d.at = append(d.at[:0], at...)
	slices.SortStableFunc(d.at, func(a, b Change) int { return cmp.Compare(a.Tick, b.Tick) })
	d.next = 0
	d.last = model.TickStats{}
	return d.makeDue()
}

// makeDue makes the changes for the model's next tick, skipping those
// whose tick has run.
func (d *Driver) makeDue() error {
	t := d.m.Tick()
	if t >= d.ticks {
		return nil
	}
	for d.next < len(d.at) && d.at[d.next].Tick <= t {
		c := d.at[d.next]
		d.next++
		if c.Tick < t {
			continue
		}
		if err := Changeable(c.Key); err != nil {
			return fmt.Errorf("timed change %s: %w", c, err)
		}
		if err := d.m.SetParam(c.Key, c.Value); err != nil {
			return fmt.Errorf("timed change %s: %w", c, err)
		}
	}
	return nil
}

// Model returns the model driven.
func (d *Driver) Model() *model.Model { return d.m }

// Ticks returns the length of the run.
func (d *Driver) Ticks() int { return d.ticks }

// Done reports whether every tick of the run has run.
func (d *Driver) Done() bool { return d.m.Tick() >= d.ticks }

// Last returns the numbers of the last tick run (zero before the first):
// valid until the next step.
func (d *Driver) Last() *model.TickStats { return &d.last }

// Step runs the next tick and then makes the changes for the tick after
// it. It runs nothing and returns false when the run is over; an error
// says a change could not be made (the tick has run).
func (d *Driver) Step() (bool, error) {
	if d.Done() {
		return false, nil
	}
	d.last = d.m.Step()
	return true, d.makeDue()
}

// Run runs the rest of the run, calling each (when not nil) after every
// tick with its numbers, which are valid until the next tick. It checks
// ctx after every 64th tick (ticks 63, 127, ...) and returns ctx's error
// when it is done; the model has then run up to that tick.
func (d *Driver) Run(ctx context.Context, each func(s *model.TickStats)) error {
	for !d.Done() {
		if _, err := d.Step(); err != nil {
			return err
		}
		if each != nil {
			each(&d.last)
		}
		if d.m.Tick()&63 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}

// Change makes key = value now, before the model's next tick, and records
// it as a change at that tick (a reader's change on the page). It replaces
// a change of the same key already made at that tick: the last one wins
// either way, and the recipe stays short.
func (d *Driver) Change(key, value string) error {
	t := d.m.Tick()
	if t >= d.ticks {
		return fmt.Errorf("the run is over (it has %d ticks): a change cannot apply to it", d.ticks)
	}
	p := d.m.Params()
	if err := apply(&p, key, value); err != nil {
		return err
	}
	if err := d.m.SetParam(key, value); err != nil {
		return err
	}
	if i := slices.IndexFunc(d.at[:d.next], func(c Change) bool { return c.Tick == t && c.Key == key }); i >= 0 {
		d.at = slices.Delete(d.at, i, i+1)
		d.next--
	}
	d.at = slices.Insert(d.at, d.next, Change{Tick: t, Key: key, Value: strings.TrimSpace(value)})
	d.next++
	return nil
}

// Changes returns the run's timed changes in the order they are made: the
// recipe's, and those Change recorded.
func (d *Driver) Changes() []Change { return slices.Clone(d.at) }
