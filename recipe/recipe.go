package recipe

import (
	"slices"
	"strconv"

	"github.com/escalation-model/escalation/scenario"
)

// Recipe is everything that decides a run's numbers: the same recipe gives
// the same ticks, byte for byte, from escalate run, the page and a sweep.
type Recipe struct {
	Scenario string    // a preset name or a scenario file (--scenario)
	Seed     uint64    // the run's seed (--seed; when not given, the scenario's seed)
	Ticks    int       // the run's length; 0 keeps the scenario's (--ticks)
	Sets     []Setting // parameters set before the first tick, in order (--set)
	At       []Change  // parameters changed during the run, in the order given (--at)
}

// Default returns the recipe of a run given nothing: the default
// scenario, its seed, its own length, nothing set or changed.
func Default() Recipe {
	return Recipe{Scenario: scenario.Default, Seed: scenario.DefaultSeed}
}

// Clone returns a copy of r that shares no slice with it.
func (r Recipe) Clone() Recipe {
	r.Sets = slices.Clone(r.Sets)
	r.At = slices.Clone(r.At)
	return r
}

// Setting is a parameter set before the first tick, as --set key=value
// sets it.
type Setting struct {
	Key, Value string
}

// String returns the setting as --set takes it: key=value.
func (s Setting) String() string { return s.Key + "=" + s.Value }

// Change is a parameter changed during a run, as --at TICK:key=value
// changes it: Value is set before tick Tick runs.
type Change struct {
	Tick       int
	Key, Value string
}

// String returns the change as --at takes it: TICK:key=value.
func (c Change) String() string { return strconv.Itoa(c.Tick) + ":" + c.Key + "=" + c.Value }

// Before returns r's changes for ticks before ticks, in order: the changes
// of the run's first ticks ticks.
func (r Recipe) Before(ticks int) []Change {
	var out []Change
	for _, c := range r.At {
		if c.Tick < ticks {
			out = append(out, c)
		}
	}
	return out
}
