// Package csvfmt writes and reads the rows of a run's tables (ticks.csv,
// cascades.csv, events.csv, actors.csv) exactly as the output package
// writes them, without any plot or font code. It exists so that the web
// page, compiled to WebAssembly, shows and downloads the very bytes the
// command line writes while staying small: package output delegates every
// row it writes to this package.
//
// Every header and row derives from the tables' column registries in
// package model (model.TickColumns and the like): a column added there is
// written, read and documented everywhere. The formats are documented
// column by column in docs/data.md: integers in decimal, booleans as
// true/false, floats with strconv.FormatFloat(v, 'g', -1, 64), no quoting.
package csvfmt

import (
	"strconv"
	"sync"

	"github.com/escalation-model/escalation/model"
)

// Table formats the rows of one output table from its column registry.
// Each record is copied into the Table's own scratch record before its
// columns are read, so that the caller's record does not escape to the
// heap: a row costs no allocation when dst has room for it. A Table is not
// safe for concurrent use; make one per goroutine.
type Table[R any] struct {
	cols model.Columns[R]
	rec  R
}

// NewTable returns a Table writing the given columns. It panics if a
// column lacks the accessor of its type (a mistake in the registry).
func NewTable[R any](cols model.Columns[R]) *Table[R] {
	for _, c := range cols {
		ok := false
		switch c.Type {
		case model.ColumnInt:
			ok = c.Int != nil
		case model.ColumnFloat:
			ok = c.Float != nil
		case model.ColumnString:
			ok = c.Text != nil
		case model.ColumnBool:
			ok = c.Bool != nil
		}
		if !ok {
			panic("csvfmt: column " + c.Name + " of type " + c.Type.String() + " has no accessor of its type")
		}
	}
	return &Table[R]{cols: cols}
}

// Ticks returns a Table for ticks.csv.
func Ticks() *Table[model.TickStats] { return NewTable(model.TickColumns()) }

// Cascades returns a Table for cascades.csv.
func Cascades() *Table[model.CascadeRecord] { return NewTable(model.CascadeColumns()) }

// Events returns a Table for events.csv.
func Events() *Table[model.Act] { return NewTable(model.EventColumns()) }

// Actors returns a Table for actors.csv.
func Actors() *Table[model.ActorRecord] { return NewTable(model.ActorColumns()) }

// Columns returns the table's header: its column names, in order.
func (t *Table[R]) Columns() []string { return t.cols.Names() }

// AppendHeader appends the table's header row, without a newline.
func (t *Table[R]) AppendHeader(dst []byte) []byte {
	for i := range t.cols {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, t.cols[i].Name...)
	}
	return dst
}

// AppendRow appends the row of record r, without a newline.
func (t *Table[R]) AppendRow(dst []byte, r *R) []byte {
	t.rec = *r
	for i := range t.cols {
		if i > 0 {
			dst = append(dst, ',')
		}
		c := &t.cols[i]
		switch c.Type {
		case model.ColumnInt:
			// A single digit, most of a cascade's columns, is written
			// directly: the bytes strconv.AppendInt writes, without its
			// call and copy.
			if v := c.Int(&t.rec); uint64(v) < 10 {
				dst = append(dst, byte('0'+v))
			} else {
				dst = strconv.AppendInt(dst, v, 10)
			}
		case model.ColumnFloat:
			dst = strconv.AppendFloat(dst, c.Float(&t.rec), 'g', -1, 64)
		case model.ColumnString:
			dst = append(dst, c.Text(&t.rec)...)
		case model.ColumnBool:
			if c.Bool(&t.rec) { // strconv.AppendBool's bytes, written directly
				dst = append(dst, 't', 'r', 'u', 'e')
			} else {
				dst = append(dst, 'f', 'a', 'l', 's', 'e')
			}
		}
	}
	return dst
}

// pool keeps Tables for the package-level row functions, which may be
// called from several goroutines at once (a sweep's workers).
type pool[R any] struct {
	p sync.Pool
}

func newPool[R any](cols func() model.Columns[R]) *pool[R] {
	return &pool[R]{p: sync.Pool{New: func() any { return NewTable(cols()) }}}
}

func (p *pool[R]) appendRow(dst []byte, r *R) []byte {
	t := p.p.Get().(*Table[R])
	dst = t.AppendRow(dst, r)
	p.p.Put(t)
	return dst
}

var (
	tickPool    = newPool(model.TickColumns)
	cascadePool = newPool(model.CascadeColumns)
	eventPool   = newPool(model.EventColumns)
	actorPool   = newPool(model.ActorColumns)
)

// TickColumns returns the header of ticks.csv: tick, attacks, answers, one
// column per act kind (named as model.ActKinds), then the other counts.
func TickColumns() []string { return model.TickColumns().Names() }

// CascadeColumns returns the header of cascades.csv.
func CascadeColumns() []string { return model.CascadeColumns().Names() }

// EventColumns returns the header of events.csv.
func EventColumns() []string { return model.EventColumns().Names() }

// ActorColumns returns the header of actors.csv.
func ActorColumns() []string { return model.ActorColumns().Names() }

// AppendHeader appends a header row, without a newline.
func AppendHeader(dst []byte, cols []string) []byte {
	for i, c := range cols {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, c...)
	}
	return dst
}

// AppendTickRow appends the ticks.csv row of s to dst, without a newline,
// in the order of TickColumns. It does not allocate when dst has capacity
// for the row (a few hundred bytes).
func AppendTickRow(dst []byte, s *model.TickStats) []byte { return tickPool.appendRow(dst, s) }

// AppendCascadeRow appends the cascades.csv row of c, without a newline.
func AppendCascadeRow(dst []byte, c *model.CascadeRecord) []byte {
	return cascadePool.appendRow(dst, c)
}

// AppendEventRow appends the events.csv row of a, without a newline.
func AppendEventRow(dst []byte, a *model.Act) []byte { return eventPool.appendRow(dst, a) }

// AppendActorRow appends the actors.csv row of actor id of m, without a
// newline. The dynamic columns (inclined, licensed, defence, skill,
// compromised, destroyed, hacked_back, damage) are their values now.
func AppendActorRow(dst []byte, m *model.Model, id int32) []byte {
	r := m.ActorRecord(id)
	return actorPool.appendRow(dst, &r)
}
