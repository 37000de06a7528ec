package csvfmt_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
)

func TestReader(t *testing.T) {
	r, err := csvfmt.NewReader(strings.NewReader("id,share,ok,kind\n1,0.5,true,crime\n2,NA,false,scan\n"), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	cols, err := r.Columns("kind", "id")
	if err != nil || cols[0] != 3 || cols[1] != 0 {
		t.Fatalf("Columns = %v, %v", cols, err)
	}
	if !r.Has("ok") || r.Has("nope") {
		t.Error("Has")
	}
	var ids []int64
	var shares []float64
	for r.Next() {
		ids = append(ids, r.Int("id"))
		shares = append(shares, r.Float("share"))
		if r.Bool("ok") != (r.Text("kind") == "crime") || r.Line() != int(ids[len(ids)-1])+1 {
			t.Errorf("line %d: ok %v kind %s", r.Line(), r.Bool("ok"), r.Text("kind"))
		}
	}
	if err := r.Err(); err != nil || len(ids) != 2 || shares[0] != 0.5 || !math.IsNaN(shares[1]) {
		t.Errorf("ids %v shares %v err %v", ids, shares, err)
	}
}

// Errors name the file, line, column and value.
func TestReaderErrors(t *testing.T) {
	for _, c := range []struct{ text, read, want string }{
		{"", "", "t.csv: empty, no header row"},
		{"a,b\n1,x\n", "b", `t.csv:2: column b: "x" is not an integer`},
		{"a,b\n1,2\n3,4,5\n", "a", "t.csv: record on line 3: wrong number of fields"},
		{"a\n1\n", "zzz", `t.csv: no column "zzz" (its columns: a)`},
	} {
		r, err := csvfmt.NewReader(strings.NewReader(c.text), "t.csv")
		if err == nil {
			for r.Next() {
				r.Int(c.read)
			}
			err = r.Err()
		}
		if err == nil || err.Error() != c.want {
			t.Errorf("%q reading %s: error %v, want %s", c.text, c.read, err, c.want)
		}
	}
	r, _ := csvfmt.NewReader(strings.NewReader("a,b\n1,maybe\n"), "t.csv")
	for r.Next() {
		r.Bool("b")
		r.Float("a")
	}
	if err := r.Err(); err == nil || !strings.Contains(err.Error(), `"maybe" is not true or false`) {
		t.Errorf("bool: %v", err)
	}
	if _, err := csvfmt.Open(filepath.Join(t.TempDir(), "missing.csv")); !os.IsNotExist(err) {
		t.Errorf("Open of a missing file: %v", err)
	}
}

// A ticks.csv written by a Table reads back, column by column, as the
// registry's accessors give it.
func TestTableReadsBack(t *testing.T) {
	stats := []model.TickStats{{Tick: 0, Attacks: 4, AttacksOnFirms: 3, AttacksOnPoor: 1, Damage: 0.1}, {Tick: 1, TensionMean: 1.0 / 3}}
	tab := csvfmt.Ticks()
	text := append(tab.AppendHeader(nil), '\n')
	for i := range stats {
		text = append(tab.AppendRow(text, &stats[i]), '\n')
	}
	path := filepath.Join(t.TempDir(), "ticks.csv")
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := csvfmt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cols := model.TickColumns()
	for i := 0; r.Next(); i++ {
		for _, c := range cols {
			switch c.Type {
			case model.ColumnInt:
				if got, want := r.Int(c.Name), c.Int(&stats[i]); got != want {
					t.Errorf("row %d %s = %d, want %d", i, c.Name, got, want)
				}
			case model.ColumnFloat:
				if got, want := r.Float(c.Name), c.Float(&stats[i]); got != want {
					t.Errorf("row %d %s = %v, want %v", i, c.Name, got, want)
				}
			}
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// A registry entry whose accessor does not match its type is refused.
func TestNewTableRefusesBadColumn(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewTable accepted an int column with a float accessor")
		}
	}()
	csvfmt.NewTable(model.Columns[model.TickStats]{{Name: "x", Type: model.ColumnInt, Float: func(*model.TickStats) float64 { return 0 }}})
}
