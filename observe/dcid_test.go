package observe

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/internal/tomlpos"
)

// edited writes a copy of testdata's file with one change (old replaced
// by new, once, which must be there) and returns its path.
func edited(t *testing.T, name, old, new string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("testdata/%s holds no %q", name, old)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReadDCIDRefusesBadInput: every mistake is a located error naming
// the file, its line, the column, the row and what is allowed.
func TestReadDCIDRefusesBadInput(t *testing.T) {
	inc, pairs := filepath.Join("testdata", "incidents.csv"), filepath.Join("testdata", "pairs.csv")
	empty := filepath.Join(t.TempDir(), "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	headerOnly := filepath.Join(t.TempDir(), "header.csv")
	os.WriteFile(headerOnly, []byte(strings.Join(incidentColumns, ",")+"\n"), 0o644)
	row5 := "5,2710,US,China,Fixture defacement E,2003-12-31 00:14:24,2003-12-31 00:14:24,1,2,710,1,1,1,0,0,2,"
	for _, c := range []struct {
		name                   string
		incidents, pairs, want string
	}{
		{"missing file", filepath.Join(t.TempDir(), "nope.csv"), "", "nope.csv: no such file or directory"},
		{"empty file", empty, "", "empty.csv: the file is empty: expected DCID's header row (with Dyadpair, initiator,"},
		{"no rows", headerOnly, "", "header.csv: no rows after the header"},
		{"missing column", edited(t, "incidents.csv", ",severity,", ",severity_score,"), "", "incidents.csv:1: severity: missing column: the reader needs Dyadpair"},
		{"unknown severity", edited(t, "incidents.csv", row5, strings.Replace(row5, ",0,2,", ",0,11,", 1)), "",
			`incidents.csv:6: severity: row 5: "11" is not an incident's severity (codebook VII; 0, no cyber activity, is no incident): allowed an integer from 1 to 10`},
		{"fractional severity", edited(t, "incidents.csv", row5, strings.Replace(row5, ",0,2,", ",0,2.5,", 1)), "", `incidents.csv:6: severity: row 5: "2.5" is not`},
		{"severity 0", edited(t, "incidents.csv", row5, strings.Replace(row5, ",0,2,", ",0,0,", 1)), "", `row 5: "0" is not an incident's severity`},
		{"unknown target type", edited(t, "incidents.csv", row5, strings.Replace(row5, ",1,2,710,", ",1,4,710,", 1)), "",
			`incidents.csv:6: targettype: row 5: "4" is not a target type (codebook II: 1 private, 2 government non-military, 3 government military): allowed an integer from 1 to 3`},
		{"unknown method", edited(t, "incidents.csv", row5, strings.Replace(row5, ",1,2,710,", ",4.5,2,710,", 1)), "",
			`incidents.csv:6: method: row 5: "4.5" is not a method: allowed 1, 2, 3, 4, 4.1, 4.2, 4.3 or 4.4 (codebook I)`},
		{"method 0 is no incident", edited(t, "incidents.csv", row5, strings.Replace(row5, ",1,2,710,", ",0,2,710,", 1)), "", `method: row 5: "0" is not a method`},
		{"unknown objective", edited(t, "incidents.csv", row5, strings.Replace(row5, ",710,1,", ",710,5,", 1)), "", `cyber_objective: row 5: "5" is not an objective`},
		{"initiator outside the dyad", edited(t, "incidents.csv", row5, strings.Replace(row5, ",710,1,", ",365,1,", 1)), "",
			`incidents.csv:6: initiator: row 5: "365" is not one of the states of dyad 2710 (the lower code first)`},
		{"bad date", edited(t, "incidents.csv", row5, strings.Replace(row5, "2003-12-31 00:14:24,2003", "2003-13-31 00:14:24,2003", 1)), "",
			`interactionstartdate: row 5: "2003-13-31 00:14:24" is not a date`},
		{"ends before it starts", edited(t, "incidents.csv", "2002-06-30 00:00:00", "2002-05-30 00:00:00"), "", `interactionenddate: row 3: "2002-05-30 00:00:00" is before the incident's start date`},
		{"pairs: missing column", inc, edited(t, "pairs.csv", "Cyber_escalation", "escalation"), "pairs.csv:1: Cyber_escalation: missing column"},
		{"pairs: a row without its pair", inc, edited(t, "pairs.csv", "6,750770,India,Pakistan,No Cyber", "7,750770,India,Pakistan,No Cyber"), `pairs.csv:13: Cyberincidentnum: row 12: "7" differs from the row before ("6")`},
		{"pairs: unknown escalation flag", inc, edited(t, "pairs.csv", "Fixture reply,2001-03-01 00:00:00,3,2,2,365,2,0,1,0,1,3,1", "Fixture reply,2001-03-01 00:00:00,3,2,2,365,2,0,1,0,1,3,2"),
			`pairs.csv:5: Cyber_escalation: row 4: "2" is not an escalation flag: allowed an integer from 0 to 1`},
		{"pairs: a reply by the initiator", inc, edited(t, "pairs.csv", "Fixture reply,2001-03-01 00:00:00,3,2,2,365", "Fixture reply,2001-03-01 00:00:00,3,2,365,2"),
			`pairs.csv:5: initiator: row 4: "365" is not the target of the incident it replies to (2)`},
		{"pairs: no cyber act with a severity", inc, edited(t, "pairs.csv", "No Cyber,2002-07-01 00:00:00,0,0,365,2,0,0,1,0,1,0,0", "No Cyber,2002-07-01 00:00:00,0,0,365,2,0,0,1,0,1,3,0"),
			`pairs.csv:7: severity: row 6: "3" is not the severity of no cyber act (method 0): allowed an integer from 0 to 0`},
		{"pairs: an initiating row that is no incident", inc, edited(t, "pairs.csv", "Fixture DDoS F,2002-02-02 00:00:00,2,", "Fixture DDoS F,2002-02-02 00:00:00,0,"),
			`pairs.csv:10: method: row 9: "0" is not a method`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := c.pairs
			if c.name[:6] != "pairs:" {
				p = pairs
			}
			r, err := ReadDCID(c.incidents, p)
			if err == nil {
				t.Fatalf("read %d incidents without an error", len(r.Incidents))
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q\nwant it to contain %q", err, c.want)
			}
			var te *tomlpos.Error
			if !errors.As(err, &te) {
				t.Errorf("error %T is not a located *tomlpos.Error", err)
			}
		})
	}
}

// The states of a dyad: the initiator is one of the two codes Dyadpair
// concatenates, the lower first, even when its digits appear on both
// sides ("2652": the United States, 2, against Syria, 652).
func TestStatesOfADyad(t *testing.T) {
	for _, c := range []struct {
		dyad, ini   string
		wantI, want int32
	}{
		{"2652", "2", 2, 652}, {"2652", "652", 652, 2}, {"2365", "365", 365, 2}, {"200365", "200", 200, 365},
		{"20365", "20", 20, 365}, {"731732", "732", 732, 731}, {"365366", "365", 365, 366},
	} {
		tb := &table{name: "x.csv", rows: [][]string{{c.dyad, c.ini}}, lines: []int{2}, col: map[string]int{"Dyadpair": 0, "initiator": 1}}
		i, o, err := tb.states(0)
		if err != nil || i != c.wantI || o != c.want {
			t.Errorf("dyad %s initiator %s: %d against %d, %v; want %d against %d", c.dyad, c.ini, i, o, err, c.wantI, c.want)
		}
	}
	for _, c := range [][2]string{{"2365", "36"}, {"2365", "2365"}, {"3652", "2"}, {"0365", "365"}, {"x", "2"}, {"2365", "02"}} {
		tb := &table{name: "x.csv", rows: [][]string{{c[0], c[1]}}, lines: []int{2}, col: map[string]int{"Dyadpair": 0, "initiator": 1}}
		if i, o, err := tb.states(0); err == nil {
			t.Errorf("dyad %s initiator %s: %d against %d, want an error", c[0], c[1], i, o)
		}
	}
}
