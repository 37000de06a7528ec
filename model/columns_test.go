package model

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"testing"
)

// checkColumns checks a registry: names unique and non-empty, every column
// with exactly the accessor of its type.
func checkColumns[R any](t *testing.T, table string, cols Columns[R]) {
	t.Helper()
	if len(cols) == 0 {
		t.Fatalf("%s: no columns", table)
	}
	seen := map[string]bool{}
	for _, c := range cols {
		if c.Name == "" || seen[c.Name] {
			t.Errorf("%s: column name %q empty or repeated", table, c.Name)
		}
		seen[c.Name] = true
		set := []bool{c.Int != nil, c.Float != nil, c.Text != nil, c.Bool != nil}
		n := 0
		for _, s := range set {
			if s {
				n++
			}
		}
		if int(c.Type) >= len(set) || !set[c.Type] || n != 1 {
			t.Errorf("%s: column %s of type %s must have exactly the accessor of its type", table, c.Name, c.Type)
		}
	}
}

func TestColumnRegistries(t *testing.T) {
	checkColumns(t, "ticks", TickColumns())
	checkColumns(t, "cascades", CascadeColumns())
	checkColumns(t, "events", EventColumns())
	checkColumns(t, "actors", ActorColumns())
	checkColumns(t, "headlines", HeadlineColumns())
	for _, c := range HeadlineColumns() {
		if c.Type != ColumnFloat {
			t.Errorf("headline %s is a %s; headlines are floats (summary.json and runs.csv write them as numbers)", c.Name, c.Type)
		}
	}
	want := append([]string{"tick", "attacks", "answers"}, ActKinds()...)
	if got := TickColumns().Names(); !slices.Equal(got[:len(want)], want) {
		t.Errorf("ticks.csv starts %v, want %v", got[:len(want)], want)
	}
	if got := HeadlineNames(); !slices.Equal(got, HeadlineColumns().Names()) {
		t.Errorf("HeadlineNames %v", got)
	}
	// The registries are copies: changing one does not change the next.
	cols := TickColumns()
	cols[0].Name = "changed"
	if TickColumns()[0].Name != "tick" {
		t.Error("TickColumns returned the shared registry")
	}
}

// TestHeadlinesFromRegistry: Headlines reads each figure through its
// registry entry, in registry order.
func TestHeadlinesFromRegistry(t *testing.T) {
	tot := Totals{Acts: 10, Answers: 4, InnocentsHarmed: 2, Detected: 5, Misattributed: 1, TensionPeak: 0.5}
	hs := tot.Headlines()
	cols := HeadlineColumns()
	if len(hs) != len(cols) {
		t.Fatalf("%d headlines, %d columns", len(hs), len(cols))
	}
	for i, h := range hs {
		if h.Name != cols[i].Name || h.Meaning != cols[i].Meaning || h.Value != cols[i].Float(&tot) {
			t.Errorf("headline %d = %+v, column %s", i, h, cols[i].Name)
		}
	}
	for name, want := range map[string]float64{"acts": 10, "innocents_per_answer": 0.5, "misattributed_share": 0.2, "tension_peak": 0.5, "branching_ratio": 0} {
		c, ok := LookupHeadline(name)
		if !ok || c.Float(&tot) != want {
			t.Errorf("%s = %v, want %v", name, c.Float(&tot), want)
		}
	}
	if _, ok := LookupHeadline("nonsense"); ok {
		t.Error("LookupHeadline found nonsense")
	}
}

// TestColumnsCoverRecords: every exported field of the records streamed to
// the tables shows in some column (a new field needs its registry entry),
// except the fields listed, which the tables leave out on purpose.
func TestColumnsCoverRecords(t *testing.T) {
	if got := uncovered(TickColumns()); len(got) > 0 {
		t.Errorf("TickStats fields in no ticks.csv column: %v (add an entry to buildTickColumns)", got)
	}
	if got := uncovered(CascadeColumns()); len(got) > 0 {
		t.Errorf("CascadeRecord fields in no cascades.csv column: %v (add an entry to buildCascadeColumns)", got)
	}
	if got := uncovered(EventColumns()); len(got) > 0 {
		t.Errorf("Act fields in no events.csv column: %v (add an entry to buildEventColumns)", got)
	}
	// Ticks is summary.json's own key; the branching kinds, states'
	// sabotage and disruption operations (counted in ticks.csv;
	// observed.json gives the objectives' mix) and wrongful prosecutions
	// have no headline.
	want := []string{"Ticks", "ByKind[" + strconv.Itoa(int(ActAttack)) + "]", "ByKind[" + strconv.Itoa(int(ActAnswer)) + "]", "ByKind[" + strconv.Itoa(int(ActSabotage)) + "]", "ByKind[" + strconv.Itoa(int(ActDenial)) + "]", "Wrongful"}
	if got := uncovered(HeadlineColumns()); !slices.Equal(got, want) {
		t.Errorf("Totals fields in no headline: %v, want %v (add an entry to buildHeadlineColumns)", got, want)
	}
}

// uncovered returns the exported fields of R whose value no column reads:
// from a record with every field 1 (bools false), each field in turn is
// set to 3 (true), and some column must change.
func uncovered[R any](cols Columns[R]) []string {
	var base R
	leaves(reflect.ValueOf(&base).Elem(), "", func(_ string, v reflect.Value) { setLeaf(v, false) })
	want := columnValues(cols, &base)
	var out []string
	leaves(reflect.ValueOf(&base).Elem(), "", func(name string, v reflect.Value) {
		setLeaf(v, true)
		if slices.Equal(columnValues(cols, &base), want) {
			out = append(out, name)
		}
		setLeaf(v, false)
	})
	return out
}

// leaves calls f for every settable number or bool in v, by field name
// (array elements as Name[i]).
func leaves(v reflect.Value, name string, f func(string, reflect.Value)) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				leaves(v.Field(i), v.Type().Field(i).Name, f)
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			leaves(v.Index(i), name+"["+strconv.Itoa(i)+"]", f)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float64, reflect.Bool:
		f(name, v)
	}
}

func setLeaf(v reflect.Value, changed bool) {
	n := int64(1)
	if changed {
		n = 3
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(changed)
	case reflect.Float64:
		v.SetFloat(float64(n))
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(n))
	default:
		v.SetInt(n)
	}
}

func columnValues[R any](cols Columns[R], r *R) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		switch c.Type {
		case ColumnInt:
			out[i] = strconv.FormatInt(c.Int(r), 10)
		case ColumnFloat:
			out[i] = strconv.FormatFloat(c.Float(r), 'g', -1, 64)
		case ColumnString:
			out[i] = c.Text(r)
		case ColumnBool:
			out[i] = strconv.FormatBool(c.Bool(r))
		}
	}
	return out
}

// TestActorRecord: an actor's record holds the model's derived values.
func TestActorRecord(t *testing.T) {
	p := DefaultParams()
	p.Firms, p.Citizens, p.Ticks = 30, 30, 20
	m, err := New(p, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range p.Ticks {
		m.Step()
	}
	for i := range m.Actors() {
		id := int32(i)
		r := m.ActorRecord(id)
		if r.Actor != &m.Actors()[i] || r.Defence != m.Defence(id) || r.Skill != m.Skill(id) || r.Outstanding != m.OutstandingDamage(id) {
			t.Fatalf("actor %d: record %+v", i, r)
		}
	}
	names := fmt.Sprint(ActorColumns().Names())
	if names != "[id kind state enemy poor iot researcher inclined licensed value defence skill compromised destroyed hacked_back damage]" {
		t.Errorf("actors.csv columns %s", names)
	}
}
