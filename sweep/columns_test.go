package sweep

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// TestOneEntryAddsAColumn: a column added to a table's registry, one
// entry, reaches the CSV header and rows, the reader, the Parquet schema
// and the codebook, at the same place; so do the registries' own columns.
func TestOneEntryAddsAColumn(t *testing.T) {
	ticks := []model.TickStats{{Tick: 0, Attacks: 3, Damage: 0.1}, {Tick: 1, Answers: 2, DamageFirms: 1, DamagePoor: 0.25}, {Tick: 2, TensionMax: 1e-7}}
	cols := model.TickColumns()
	extra := []model.Column[model.TickStats]{
		{Name: "half_tick", Type: model.ColumnFloat, Unit: "ticks", Meaning: "half the tick",
			Float: func(s *model.TickStats) float64 { return float64(s.Tick) / 2 }},
		{Name: "odd_tick", Type: model.ColumnBool, Meaning: "the tick is odd",
			Bool: func(s *model.TickStats) bool { return s.Tick%2 == 1 }},
	}
	at := cols.Index("scans")
	cols = slices.Insert(cols, at, extra...)
	fields := checkDerived(t, cols, ticks)
	if fields[1][at] != "0.5" || fields[1][at+1] != "true" {
		t.Errorf("tick 1: half_tick %s, odd_tick %s", fields[1][at], fields[1][at+1])
	}

	// The registries themselves, on a small run's records.
	p := model.DefaultParams()
	p.Firms, p.Citizens, p.Ticks = 40, 40, 60
	var acts []model.Act
	var cascades []model.CascadeRecord
	m, err := model.New(p, 2, collector{&acts, &cascades})
	if err != nil {
		t.Fatal(err)
	}
	ticks = ticks[:0]
	for range p.Ticks {
		ticks = append(ticks, m.Step())
	}
	m.Finish()
	var actors []model.ActorRecord
	for i := range m.Actors() {
		actors = append(actors, m.ActorRecord(int32(i)))
	}
	checkDerived(t, model.TickColumns(), ticks)
	checkDerived(t, model.CascadeColumns(), cascades)
	checkDerived(t, model.EventColumns(), acts)
	checkDerived(t, model.ActorColumns(), actors)
}

type collector struct {
	acts     *[]model.Act
	cascades *[]model.CascadeRecord
}

func (c collector) Act(a *model.Act)               { *c.acts = append(*c.acts, *a) }
func (c collector) Cascade(r *model.CascadeRecord) { *c.cascades = append(*c.cascades, *r) }

// checkDerived writes recs as CSV and Parquet and documents cols, all from
// the registry cols, and checks that they agree on the columns' names,
// number, order and values. It returns the CSV rows' fields.
func checkDerived[R any](t *testing.T, cols model.Columns[R], recs []R) [][]string {
	t.Helper()
	if len(recs) == 0 {
		t.Fatal("no records")
	}
	names := cols.Names()
	tab := csvfmt.NewTable(cols)
	if !slices.Equal(tab.Columns(), names) {
		t.Fatalf("table columns %v, registry %v", tab.Columns(), names)
	}
	text := append(tab.AppendHeader(nil), '\n')
	for i := range recs {
		text = append(tab.AppendRow(text, &recs[i]), '\n')
	}

	// The reader finds every column where the registry puts it.
	r, err := csvfmt.NewReader(bytes.NewReader(text), "table")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Header(), names) {
		t.Fatalf("header %v, registry %v", r.Header(), names)
	}
	pos, err := r.Columns(names...)
	if err != nil || !slices.Equal(pos, seq(len(names))) {
		t.Fatalf("reader positions %v, %v", pos, err)
	}
	var fields [][]string
	for r.Next() {
		if len(r.Record()) != len(names) {
			t.Fatalf("row of %d fields for %d columns", len(r.Record()), len(names))
		}
		for j, c := range cols {
			switch c.Type {
			case model.ColumnInt:
				r.IntAt(j)
			case model.ColumnFloat:
				r.FloatAt(j)
			case model.ColumnBool:
				r.BoolAt(j)
			}
		}
		fields = append(fields, slices.Clone(r.Record()))
	}
	if err := r.Err(); err != nil || len(fields) != len(recs) {
		t.Fatalf("read %d rows of %d: %v", len(fields), len(recs), err)
	}

	// The Parquet file has the registry's columns, typed, in order, and
	// the CSV's values.
	path := filepath.Join(t.TempDir(), "t.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	pq := newPQTable(f, pqColumnsOf(cols), nil)
	for _, row := range fields {
		for j, v := range row {
			if err := putText(pq, pqKindOf(cols[j].Type), v); err != nil {
				t.Fatalf("column %s = %q: %v", names[j], v, err)
			}
		}
		if err := pq.end(); err != nil {
			t.Fatal(err)
		}
	}
	if err := pq.close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if got := parquetText(t, path, cols); !slices.EqualFunc(got, fields, slices.Equal) {
		t.Errorf("parquet rows differ from the CSV rows:\n%v\n%v", got[:1], fields[:1])
	}

	// The codebook documents every column, in order.
	lines := strings.Split(strings.TrimSuffix(output.ColumnsMarkdown(cols), "\n"), "\n")[2:]
	if len(lines) != len(names) {
		t.Fatalf("codebook has %d rows for %d columns", len(lines), len(names))
	}
	for j, l := range lines {
		if want := "| `" + names[j] + "` | " + cols[j].Type.String() + " |"; !strings.HasPrefix(l, want) {
			t.Errorf("codebook row %d is %q, want it to start %q", j, l, want)
		}
	}
	return fields
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// parquetText reads a Parquet file back, checking its schema against
// cols, and returns its rows formatted as the CSV tables write them.
func parquetText[R any](t *testing.T, path string, cols model.Columns[R]) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[model.ColumnType]parquet.Kind{model.ColumnInt: parquet.Int64, model.ColumnFloat: parquet.Double,
		model.ColumnString: parquet.ByteArray, model.ColumnBool: parquet.Boolean}
	schema := pf.Schema().Fields()
	if len(schema) != len(cols) {
		t.Fatalf("parquet has %d columns, the registry %d", len(schema), len(cols))
	}
	for j, fl := range schema {
		if fl.Name() != cols[j].Name || fl.Type().Kind() != kinds[cols[j].Type] {
			t.Errorf("parquet column %d is %s %v, registry %s %s", j, fl.Name(), fl.Type().Kind(), cols[j].Name, cols[j].Type)
		}
	}
	var out [][]string
	buf := make([]parquet.Row, 16)
	for _, rg := range pf.RowGroups() {
		rows := rg.Rows()
		for {
			n, err := rows.ReadRows(buf)
			for _, row := range buf[:n] {
				text := make([]string, len(row))
				for j, v := range row {
					switch v.Kind() {
					case parquet.Int64:
						text[j] = strconv.FormatInt(v.Int64(), 10)
					case parquet.Double:
						text[j] = formatFloat(v.Double())
					case parquet.Boolean:
						text[j] = strconv.FormatBool(v.Boolean())
					default:
						text[j] = string(v.ByteArray())
					}
				}
				out = append(out, text)
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		rows.Close()
	}
	return out
}
