// Package recipe describes a reproducible run of the model: a scenario, a
// seed, a length, parameter settings applied before the first tick and
// timed changes applied during the run. It is the one place that parses
// and writes a run's recipe — the command line's --scenario, --seed,
// --ticks, --set key=value and --at TICK:key=value, the page address's
// scenario=, seed=, ticks=, set= and at=, and the replay command every run
// and sweep row records — and the one loop (Driver) that steps a model
// through a run and applies its changes on their ticks, for escalate run,
// the page (live and its downloads) and sweeps.
//
// A timed change for tick T is applied after tick T−1 has run (for T = 0,
// before the first tick) and before tick T runs: row T of ticks.csv is the
// first row it can affect. Changes for the same tick apply in the order
// given. A change is never applied early or late: one whose tick has
// already run when a driver starts is taken as already applied.
package recipe
