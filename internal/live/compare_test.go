package live

import (
	"strings"
	"testing"
)

func TestCompareQuery(t *testing.T) {
	st, notes := ParseQuery("scenario=licensed-privateers&seed=3&set=hotline=0.5&compare=30:hack_back=free&tick=40")
	if len(notes) > 0 {
		t.Fatalf("notices for a good address: %v", notes)
	}
	if got, want := st.Query(), "scenario=licensed-privateers&seed=3&set=hotline=0.5&compare=30:hack_back=free&tick=40"; got != want {
		t.Errorf("Query() = %s, want %s", got, want)
	}
	b, err := st.Other()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Command(), st.Command()+" --at 30:hack_back=free"; got != want {
		t.Errorf("B's command = %s, want %s", got, want)
	}
	if !b.Compare.None() || b.Tick != 40 {
		t.Errorf("B's state = %+v, want no variant of its own and tick 40", b)
	}
	st, _ = ParseQuery("scenario=licensed-privateers&seed=3&set=hack_back=illegal&compare=hack_back=free")
	if b, _ := st.Other(); b.Command() != "escalate run --scenario licensed-privateers --seed 3 --set hack_back=free" {
		t.Errorf("B's command = %s: B's setting should replace A's", b.Command())
	}
	for query, want := range map[string]string{
		"compare=hack_back":                 "compare=hack_back: expected key=value, e.g. compare=attribution_skill=0.9; showing one world",
		"compare=hack_back=sometimes":       "compare=hack_back=sometimes: hack_back = sometimes is out of range",
		"compare=400:hotline=0.5":           "compare=400:hotline=0.5: tick 400 is outside the run",
		"compare=ticks=20":                  "the two runs must have the same length",
		"compare=citizens=10000000":         "at most 20000",
		"compare=5:firms=10":                "firms fixes the world's structure",
		"compare=hotline=0.5&compare=x=1=2": "the address gives compare 2 times",
	} {
		st, notes := ParseQuery(query)
		if len(notes) == 0 || !strings.Contains(notes[len(notes)-1].Text+notes[0].Text, want) {
			t.Errorf("ParseQuery(%s) notices %v, want one containing %q", query, notes, want)
		}
		if query != "compare=hotline=0.5&compare=x=1=2" && !st.Compare.None() {
			t.Errorf("ParseQuery(%s) kept the bad variant %v", query, st.Compare)
		}
	}
}

// Two sessions one change apart are the same day for day until the
// change, and the difference sums each world's own rows from it on.
func TestDifference(t *testing.T) {
	st, _ := ParseQuery("scenario=licensed-privateers&seed=3&compare=30:hack_back=free")
	bst, err := st.Other()
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(bst)
	if err != nil {
		t.Fatal(err)
	}
	d := Difference{From: 30}
	if got := d.Sentence(); !strings.Contains(got, "changes before day 30") {
		t.Errorf("before the change: %q", got)
	}
	var want Sums
	var wantB Sums
	for day := range 90 {
		ra, _ := a.Step()
		rb, _ := b.Step()
		if day < 30 && string(a.Row(nil)) != string(b.Row(nil)) {
			t.Fatalf("day %d differs before the change:\n%s\n%s", day, a.Row(nil), b.Row(nil))
		}
		d.Add(&ra, &rb)
		if day >= 30 {
			want.add(&ra)
			wantB.add(&rb)
		}
	}
	if d.Days != 60 || d.A != want || d.B != wantB {
		t.Errorf("difference %+v, want 60 days of %+v and %+v", d, want, wantB)
	}
	if d.A == d.B {
		t.Errorf("hack back set free made no difference in 60 days: %+v", d.A)
	}
	s := (&Difference{From: 30, Days: 31, A: Sums{Innocents: 9, Damage: 120.4}, B: Sums{Innocents: 1, Damage: 80.25, Armed: 2}}).Sentence()
	if want := "Since the change before day 30 (31 days): innocents hit A 9, B 1; acts blamed on the wrong party A 0, B 0; harm A 120, B 80.2; acts at the armed-conflict threshold A 0, B 2."; s != want {
		t.Errorf("Sentence =\n%s\nwant\n%s", s, want)
	}
}
