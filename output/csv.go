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
)

// The tables' headers, shared with the rest of the package.
var (
	cascadeColumns = csvfmt.CascadeColumns()
	eventColumns   = csvfmt.EventColumns()
	actorColumns   = csvfmt.ActorColumns()
)

// TickColumns returns the header of ticks.csv: tick, attacks, answers, one
// column per act kind (named as model.ActKinds), then the other counts.
// The rows are formatted by package csvfmt, which the web page shares.
func TickColumns() []string { return csvfmt.TickColumns() }

// CascadeColumns returns the header of cascades.csv.
func CascadeColumns() []string { return csvfmt.CascadeColumns() }

// EventColumns returns the header of events.csv.
func EventColumns() []string { return csvfmt.EventColumns() }

// ActorColumns returns the header of actors.csv.
func ActorColumns() []string { return csvfmt.ActorColumns() }

// appendHeader appends a header row, without newline.
func appendHeader(dst []byte, cols []string) []byte { return csvfmt.AppendHeader(dst, cols) }

// AppendTickRow appends the ticks.csv row of s to dst, without a newline,
// in the order of TickColumns. It does not allocate when dst has capacity
// for the row (a few hundred bytes).
func AppendTickRow(dst []byte, s *model.TickStats) []byte { return csvfmt.AppendTickRow(dst, s) }

// appendCascadeRow appends the cascades.csv row of c, without newline.
func appendCascadeRow(dst []byte, c *model.CascadeRecord) []byte {
	return csvfmt.AppendCascadeRow(dst, c)
}

// appendEventRow appends the events.csv row of a, without newline.
func appendEventRow(dst []byte, a *model.Act) []byte { return csvfmt.AppendEventRow(dst, a) }
