package output

import (
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// File names of a run's output directory.
const (
	TicksFile    = "ticks.csv"
	CascadesFile = "cascades.csv"
	EventsFile   = "events.csv"
	ActorsFile   = "actors.csv"
	SummaryFile  = "summary.json"
	ObservedFile = "observed.json"
)

// TickColumns returns the header of ticks.csv: tick, attacks, answers, one
// column per act kind (named as model.ActKinds), then the other counts.
// Every table's columns are defined once, in the registries of package
// model (model.TickColumns and the like); package csvfmt, which the web
// page shares, formats the rows from them.
func TickColumns() []string { return csvfmt.TickColumns() }

// CascadeColumns returns the header of cascades.csv.
func CascadeColumns() []string { return csvfmt.CascadeColumns() }

// EventColumns returns the header of events.csv.
func EventColumns() []string { return csvfmt.EventColumns() }

// ActorColumns returns the header of actors.csv.
func ActorColumns() []string { return csvfmt.ActorColumns() }

// AppendTickRow appends the ticks.csv row of s to dst, without a newline,
// in the order of TickColumns. It does not allocate when dst has capacity
// for the row (a few hundred bytes).
func AppendTickRow(dst []byte, s *model.TickStats) []byte { return csvfmt.AppendTickRow(dst, s) }
