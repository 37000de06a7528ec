package csvfmt_test

import (
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// Choice reads an enumeration's name as its position; a name not in the
// list is an error naming the file, line, column, value and the names.
func TestChoice(t *testing.T) {
	r, err := csvfmt.NewReader(strings.NewReader("kind\ncrime\nhackback\ncrim\nscan\n"), "e.csv")
	if err != nil {
		t.Fatal(err)
	}
	var got []model.ActKind
	for r.Next() {
		got = append(got, model.ActKind(r.Choice("kind", model.ActKinds())))
	}
	if len(got) != 3 || got[0] != model.ActCrime || got[1] != model.ActHackBack {
		t.Errorf("read %v up to the bad row, want crime, hackback and the bad one", got)
	}
	want := `e.csv:4: column kind: "crim" is not one of ` + strings.Join(model.ActKinds(), ", ")
	if err := r.Err(); err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}
