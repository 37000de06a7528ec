package recipe

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// Resolve returns the recipe's world: its scenario (scenario.Load), its
// settings applied as escalate run applies --set (scenario.SetAll: in
// order, each checked for its name, type and range as it is set, the rules
// that tie parameters together checked once at the end), then its length;
// and it checks every timed change against it (CheckChanges). Errors from
// the scenario and the settings are the scenario package's; the others
// are *Error in form f.
func (r Recipe) Resolve(f Form) (scenario.Scenario, error) {
	sc, err := scenario.Load(r.Scenario)
	if err != nil {
		return sc, err
	}
	return r.Apply(f, sc)
}

// Apply is Resolve with the recipe's scenario already loaded: sc, whose
// name the caller vouches is r.Scenario (a sweep loads its base once for
// all its runs).
func (r Recipe) Apply(f Form, sc scenario.Scenario) (scenario.Scenario, error) {
	if len(r.Sets) > 0 {
		kvs := make([]string, len(r.Sets))
		for i, s := range r.Sets {
			kvs[i] = s.String()
		}
		if err := sc.SetAll(kvs); err != nil {
			return sc, err
		}
	}
	if err := checkTicks(f, r.Ticks); err != nil {
		return sc, err
	}
	if r.Ticks > 0 {
		q := sc.Params
		if err := q.Set(KeyTicks, strconv.Itoa(r.Ticks)); err != nil {
			return sc, f.errorf(KeyTicks, strconv.Itoa(r.Ticks), "%v", err)
		}
		sc.Params = q
	}
	return sc, CheckChanges(f, r.At, sc.Params)
}

// CheckChanges checks timed changes against a run's parameters p (its
// settings applied): every tick is a tick of the run, every key a
// parameter that may change during a run (Changeable), and every value
// allowed where it applies: the changes are made in the driver's order,
// each checked against the parameters in force at its tick, as
// model.Model.SetParam will check it.
func CheckChanges(f Form, at []Change, p model.Params) error {
	order := slices.Clone(at)
	slices.SortStableFunc(order, func(a, b Change) int { return cmp.Compare(a.Tick, b.Tick) })
	for _, c := range order {
		if err := checkChange(f, c, &p); err != nil {
			return err
		}
	}
	return nil
}

// CheckChange checks one timed change against the run's parameters p, as
// CheckChanges does.
func CheckChange(f Form, c Change, p model.Params) error {
	if err := checkChange(f, c, &p); err != nil {
		return err
	}
	return nil
}

// checkChange checks c against p and makes it in p.
func checkChange(f Form, c Change, p *model.Params) *Error {
	if c.Tick < 0 || c.Tick >= p.Ticks {
		return f.errorf(KeyAt, c.String(), "tick %d is outside the run: allowed an integer from 0 to %d (the run has %d ticks)", c.Tick, p.Ticks-1, p.Ticks)
	}
	if err := apply(p, c.Key, c.Value); err != nil {
		return f.errorf(KeyAt, c.String(), "%v", err)
	}
	return nil
}

// apply makes a change in p as model.Model.SetParam makes it in a running
// model: the key is a parameter that may change during a run, the value is
// allowed, and the parameters stay valid together.
func apply(p *model.Params, key, value string) error {
	d, ok := model.Lookup(key)
	if !ok {
		return scenario.UnknownParam(key)
	}
	q := *p
	if err := q.Set(key, value); err != nil {
		return err
	}
	if err := changeable(d); err != nil {
		return err
	}
	if err := q.Validate(); err != nil {
		return err
	}
	*p = q
	return nil
}

// Changeable reports why a parameter cannot change during a run, or nil
// when it can: it must exist, not fix the world's structure, and not be
// the run's length.
func Changeable(key string) error {
	d, ok := model.Lookup(key)
	if !ok {
		return scenario.UnknownParam(key)
	}
	return changeable(d)
}

func changeable(d model.Param) error {
	if d.Name == KeyTicks {
		return errors.New("ticks is the length of the run and cannot change during it")
	}
	if d.Structural {
		return fmt.Errorf("%s fixes the world's structure and cannot change during a run", d.Name)
	}
	return nil
}
