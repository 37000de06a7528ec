package csvfmt

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// Reader reads a table with a header row, as this program writes them (a
// run's ticks.csv, cascades.csv, events.csv and actors.csv, a sweep's
// runs.csv, conditions.csv and cascade_sizes.csv), row by row, its columns
// found by name. The typed accessors parse the current row's fields, by
// column name (Int, Float, Bool, Text) or, in loops over many rows, by the
// position Columns returns (IntAt, ...); the first field that does not
// parse is kept as the Reader's error, naming the file, line, column and
// value, and stops Next.
//
//	r, err := csvfmt.Open(path)
//	...
//	defer r.Close()
//	if _, err := r.Columns("tick", "damage"); err != nil { ... }
//	for r.Next() {
//		tick, damage := r.Int("tick"), r.Float("damage")
//		...
//	}
//	if err := r.Err(); err != nil { ... }
type Reader struct {
	name   string // the file, in messages
	r      *csv.Reader
	header []string
	index  map[string]int
	line   int
	rec    []string
	err    error
	closer io.Closer
}

// NewReader reads the header row of a table from src; name says where the
// table comes from (a path) in error messages.
func NewReader(src io.Reader, name string) (*Reader, error) {
	r := csv.NewReader(src)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty, no header row", name)
		}
		return nil, fmt.Errorf("%s: reading the header: %w", name, err)
	}
	header = append([]string(nil), header...)
	t := &Reader{name: name, r: r, header: header, index: make(map[string]int, len(header)), line: 1}
	for i, h := range header {
		if _, dup := t.index[h]; !dup {
			t.index[h] = i
		}
	}
	return t, nil
}

// Open opens the table at path and reads its header row. Close the Reader
// when done.
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r, err := NewReader(bufio.NewReaderSize(f, 1<<16), path)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.closer = f
	return r, nil
}

// Close closes the file Open opened; it does nothing for a Reader made by
// NewReader.
func (r *Reader) Close() error {
	if r.closer == nil {
		return nil
	}
	return r.closer.Close()
}

// Header returns the table's column names, in order.
func (r *Reader) Header() []string { return append([]string(nil), r.header...) }

// Has reports whether the table has the named column.
func (r *Reader) Has(name string) bool {
	_, ok := r.index[name]
	return ok
}

// Columns returns the positions of the named columns, or an error naming
// the file and the first column it lacks.
func (r *Reader) Columns(names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, n := range names {
		j, ok := r.index[n]
		if !ok {
			return nil, fmt.Errorf("%s: no column %q (its columns: %s)", r.name, n, abbreviate(r.header))
		}
		out[i] = j
	}
	return out, nil
}

// abbreviate lists up to ten names.
func abbreviate(names []string) string {
	if len(names) <= 10 {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:10], ", ") + fmt.Sprintf(" and %d more", len(names)-10)
}

// Next reads the next row. It returns false at the end of the table or
// on an error (see Err).
func (r *Reader) Next() bool {
	if r.err != nil {
		return false
	}
	rec, err := r.r.Read()
	if errors.Is(err, io.EOF) {
		return false
	}
	r.line++
	if err != nil {
		r.err = fmt.Errorf("%s: %w", r.name, err)
		return false
	}
	r.rec = rec
	return true
}

// Err returns the first error met reading or parsing, or nil.
func (r *Reader) Err() error { return r.err }

// Line returns the line number of the current row (the header is line 1).
func (r *Reader) Line() int { return r.line }

// Record returns the current row's fields; the slice is reused by Next.
func (r *Reader) Record() []string { return r.rec }

// TextAt returns field col of the current row.
func (r *Reader) TextAt(col int) string { return r.rec[col] }

// fail keeps the first parse error.
func (r *Reader) fail(col int, what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%s:%d: column %s: %q is not %s", r.name, r.line, r.header[col], r.rec[col], what)
	}
}

// IntAt returns field col of the current row as an integer.
func (r *Reader) IntAt(col int) int64 {
	v, err := strconv.ParseInt(r.rec[col], 10, 64)
	if err != nil {
		r.fail(col, "an integer")
	}
	return v
}

// FloatAt returns field col of the current row as a float; NA, which a
// sweep's tables write for an undefined value, reads as NaN.
func (r *Reader) FloatAt(col int) float64 {
	if r.rec[col] == "NA" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(r.rec[col], 64)
	if err != nil {
		r.fail(col, "a number")
	}
	return v
}

// BoolAt returns field col of the current row as a boolean.
func (r *Reader) BoolAt(col int) bool {
	v, err := strconv.ParseBool(r.rec[col])
	if err != nil {
		r.fail(col, "true or false")
	}
	return v
}

// ChoiceAt returns the position of field col of the current row in
// allowed (the names of an enumeration, such as model.ActKinds()); a value
// not among them is the Reader's error, naming the allowed values, and 0
// is returned.
func (r *Reader) ChoiceAt(col int, allowed []string) int {
	for i, a := range allowed {
		if r.rec[col] == a {
			return i
		}
	}
	r.fail(col, "one of "+strings.Join(allowed, ", "))
	return 0
}

// col returns the position of the named column; a missing one is kept as
// the Reader's error, and -1 returned.
func (r *Reader) col(name string) int {
	j, ok := r.index[name]
	if !ok {
		if r.err == nil {
			_, r.err = r.Columns(name)
		}
		return -1
	}
	return j
}

// Text returns the named field of the current row ("" if the table lacks
// the column, which Err then reports).
func (r *Reader) Text(name string) string {
	if j := r.col(name); j >= 0 {
		return r.TextAt(j)
	}
	return ""
}

// Int returns the named field of the current row as an integer (0 if the
// table lacks the column, which Err then reports).
func (r *Reader) Int(name string) int64 {
	if j := r.col(name); j >= 0 {
		return r.IntAt(j)
	}
	return 0
}

// Float returns the named field of the current row as a float, NA as NaN
// (NaN if the table lacks the column, which Err then reports).
func (r *Reader) Float(name string) float64 {
	if j := r.col(name); j >= 0 {
		return r.FloatAt(j)
	}
	return math.NaN()
}

// Choice returns the position of the named field of the current row in
// allowed (see ChoiceAt; 0 if the table lacks the column, which Err then
// reports).
func (r *Reader) Choice(name string, allowed []string) int {
	if j := r.col(name); j >= 0 {
		return r.ChoiceAt(j, allowed)
	}
	return 0
}

// Bool returns the named field of the current row as a boolean (false if
// the table lacks the column, which Err then reports).
func (r *Reader) Bool(name string) bool {
	if j := r.col(name); j >= 0 {
		return r.BoolAt(j)
	}
	return false
}
