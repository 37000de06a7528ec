package sweep

import (
	"fmt"
	"io"
	"reflect"

	"github.com/parquet-go/parquet-go"

	"github.com/escalation-model/escalation/model"
)

// pqKind is a Parquet column's type.
type pqKind int

const (
	pqInt64 pqKind = iota
	pqUint64
	pqDouble
	pqString
	pqBool
)

// pqColumn is one column of a Parquet table.
type pqColumn struct {
	Name string
	Kind pqKind
}

// pqKindOf returns the Parquet type that holds a registry column's values.
func pqKindOf(t model.ColumnType) pqKind {
	switch t {
	case model.ColumnInt:
		return pqInt64
	case model.ColumnFloat:
		return pqDouble
	case model.ColumnBool:
		return pqBool
	}
	return pqString
}

// pqColumnsOf returns the Parquet columns of a table's registry, in order.
func pqColumnsOf[R any](cols model.Columns[R]) []pqColumn {
	out := make([]pqColumn, len(cols))
	for i, c := range cols {
		out[i] = pqColumn{c.Name, pqKindOf(c.Type)}
	}
	return out
}

// pqRowGroup is the number of rows per row group: it bounds the writer's
// memory however many rows a table has.
const pqRowGroup = 1 << 16

// pqCreatedBy is the created_by field of every Parquet file the sweep
// writes: fixed, so that the bytes depend only on the data (parquet-go's
// default names its own version and build).
const pqCreatedBy = "escalation sweep (github.com/parquet-go/parquet-go)"

// pqTable streams rows into a Parquet file whose columns keep the order
// given (a Go struct built at run time carries the schema: parquet-go
// orders the fields of a parquet.Group by name), through parquet-go's
// generic writer with that schema.
type pqTable struct {
	w    *parquet.GenericWriter[any]
	cols []pqColumn
	row  parquet.Row
	rows []parquet.Row
	n    int
}

func newPQTable(out io.Writer, cols []pqColumn, meta map[string]string) *pqTable {
	fields := make([]reflect.StructField, len(cols))
	for i, c := range cols {
		var t reflect.Type
		switch c.Kind {
		case pqInt64:
			t = reflect.TypeFor[int64]()
		case pqUint64:
			t = reflect.TypeFor[uint64]()
		case pqDouble:
			t = reflect.TypeFor[float64]()
		case pqBool:
			t = reflect.TypeFor[bool]()
		default:
			t = reflect.TypeFor[string]()
		}
		fields[i] = reflect.StructField{Name: fmt.Sprintf("F%d", i), Type: t, Tag: reflect.StructTag(fmt.Sprintf(`parquet:%q`, c.Name))}
	}
	schema := parquet.SchemaOf(reflect.New(reflect.StructOf(fields)).Elem().Interface())
	// Pages of 64 KiB (not 256): the writer holds one per column.
	opts := []parquet.WriterOption{schema, &parquet.WriterConfig{CreatedBy: pqCreatedBy}, parquet.Compression(&parquet.Snappy), parquet.PageBufferSize(64 << 10)}
	for _, k := range sortedKeys(meta) {
		opts = append(opts, parquet.KeyValueMetadata(k, meta[k]))
	}
	return &pqTable{w: parquet.NewGenericWriter[any](out, opts...), cols: cols, rows: make([]parquet.Row, 1)}
}

func (t *pqTable) put(v parquet.Value) {
	t.row = append(t.row, v.Level(0, 0, len(t.row)))
}

func (t *pqTable) int(v int64)     { t.put(parquet.Int64Value(v)) }
func (t *pqTable) uint(v uint64)   { t.put(parquet.Int64Value(int64(v))) }
func (t *pqTable) float(v float64) { t.put(parquet.DoubleValue(v)) }
func (t *pqTable) str(v string)    { t.put(parquet.ByteArrayValue([]byte(v))) }
func (t *pqTable) bool(v bool)     { t.put(parquet.BooleanValue(v)) }

// end writes the row built since the last end.
func (t *pqTable) end() error {
	if len(t.row) != len(t.cols) {
		return fmt.Errorf("sweep: parquet row has %d values for %d columns", len(t.row), len(t.cols))
	}
	t.rows[0] = t.row
	if _, err := t.w.WriteRows(t.rows); err != nil {
		return err
	}
	t.row = t.row[:0]
	t.n++
	if t.n%pqRowGroup == 0 {
		return t.w.Flush()
	}
	return nil
}

func (t *pqTable) close() error { return t.w.Close() }

// WriteNumbers writes a Parquet table of float64 columns with the given
// names, one row per element of rows, with the key-value metadata given
// (written in key order), as the sweep's own tables are written: for the
// tables of a command built on sweeps (the calibration's posterior).
func WriteNumbers(out io.Writer, names []string, rows [][]float64, meta map[string]string) error {
	cols := make([]pqColumn, len(names))
	for i, n := range names {
		cols[i] = pqColumn{n, pqDouble}
	}
	t := newPQTable(out, cols, meta)
	for _, r := range rows {
		for _, v := range r {
			t.float(v)
		}
		if err := t.end(); err != nil {
			return err
		}
	}
	return t.close()
}
