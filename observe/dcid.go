// Reading DCID 2.0 (docs/ODD.md §11.1): the incident sheet and the update
// sheet of response pairs, checked strictly against the codebook's codes.
// Any mistake is an error naming the file, line, column and row.

package observe

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/escalation-model/escalation/internal/tomlpos"
)

// The columns the reader needs, as DCID names them.
var (
	incidentColumns = []string{"Dyadpair", "initiator", "interactionstartdate", "interactionenddate", "method", "targettype", "cyber_objective", "severity"}
	pairColumns     = []string{"Cyberincidentnum", "Dyadpair", "interactionstartdate", "method", "initiator", "severity", "Cyber_escalation"}
)

// ReadDCID reads DCID's incident sheet and, when pairsPath is not "", its
// update sheet of response pairs, into a record whose period runs from
// January of the year the earliest incident starts to December of the
// year the latest starts. Every error is a *tomlpos.Error naming the file
// (and, for a bad value, its line, column and row).
func ReadDCID(incidentsPath, pairsPath string) (*Record, error) {
	t, err := readTable(incidentsPath, incidentColumns)
	if err != nil {
		return nil, err
	}
	r := &Record{Source: "dcid", CodesMilitary: true, CodesEspionageTerm: true}
	if err := t.incidents(r); err != nil {
		return nil, err
	}
	if pairsPath == "" {
		return r, nil
	}
	p, err := readTable(pairsPath, pairColumns)
	if err != nil {
		return nil, err
	}
	r.HasPairs = true
	r.Pairs, err = p.pairs()
	return r, err
}

// table is a CSV file read whole: its rows, the line each starts on, and
// the index of each needed column.
type table struct {
	name  string
	rows  [][]string
	lines []int
	col   map[string]int
}

// readTable reads a CSV file with a header row holding every needed
// column and at least one row.
func readTable(path string, need []string) (*table, error) {
	fail := func(line int, key, format string, args ...any) error {
		return &tomlpos.Error{Source: path, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fail(0, "", "%v", errors.Unwrap(err))
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fail(0, "", "the file is empty: expected DCID's header row (with %s)", strings.Join(need, ", "))
	}
	if err != nil {
		return nil, fail(0, "", "not a CSV file: %v", err)
	}
	t := &table{name: path, col: map[string]int{}}
	for i, h := range header {
		if _, dup := t.col[h]; !dup {
			t.col[h] = i
		}
	}
	for _, c := range need {
		if _, ok := t.col[c]; !ok {
			return nil, fail(1, c, "missing column: the reader needs %s (DCID's own column names)", strings.Join(need, ", "))
		}
	}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fail(0, "", "not a CSV file: %v", err)
		}
		line, _ := cr.FieldPos(0)
		t.rows, t.lines = append(t.rows, row), append(t.lines, line)
	}
	if len(t.rows) == 0 {
		return nil, fail(0, "", "no rows after the header")
	}
	return t, nil
}

// cell returns row i's value in column c, and a function that makes an
// error about it.
func (t *table) cell(i int, c string) (string, func(format string, args ...any) error) {
	v := strings.TrimSpace(t.rows[i][t.col[c]])
	return v, func(format string, args ...any) error {
		return &tomlpos.Error{Source: t.name, Line: t.lines[i], Key: c, Msg: fmt.Sprintf("row %d: %q ", i+1, v) + fmt.Sprintf(format, args...)}
	}
}

// code parses row i's column c as an integer from lo to hi.
func (t *table) code(i int, c string, lo, hi int, what string) (int, error) {
	v, fail := t.cell(i, c)
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fail("is not %s: allowed an integer from %d to %d", what, lo, hi)
	}
	return n, nil
}

// method parses row i's method (codebook I): 1, 2, 3, 4, or 4.1 to 4.4;
// 0 (no cyber act) too when noCyber is true.
func (t *table) method(i int, noCyber bool) (Method, error) {
	v, fail := t.cell(i, "method")
	allowed := "1, 2, 3, 4, 4.1, 4.2, 4.3 or 4.4 (codebook I)"
	if noCyber {
		allowed = "0 (no cyber act) or " + allowed
	}
	whole, frac, dotted := strings.Cut(v, ".")
	tenths := -1
	if len(whole) == 1 && whole[0] >= '0' && whole[0] <= '9' && (!dotted || len(frac) == 1 && frac[0] >= '0' && frac[0] <= '9') {
		tenths = int(whole[0]-'0') * 10
		if dotted {
			tenths += int(frac[0] - '0')
		}
	}
	ok := tenths == 10 || tenths == 20 || tenths == 30 || tenths >= 40 && tenths <= 44 || noCyber && tenths == 0
	if !ok {
		return 0, fail("is not a method: allowed %s", allowed)
	}
	return Method(tenths), nil
}

// date parses row i's date in column c: a day, with or without a time of
// day (which DCID uses to order incidents of the same day, and which is
// ignored).
func (t *table) date(i int, c string) (time.Time, error) {
	v, fail := t.cell(i, c)
	day, _, _ := strings.Cut(v, " ")
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return time.Time{}, fail("is not a date: allowed YYYY-MM-DD, optionally followed by a time of day")
	}
	return d, nil
}

// states returns row i's initiator and target: the initiator (a
// Correlates of War code) is one of the two states whose codes Dyadpair
// concatenates, the lower code first.
func (t *table) states(i int) (initiator, target int32, err error) {
	d, failDyad := t.cell(i, "Dyadpair")
	v, fail := t.cell(i, "initiator")
	ini, err := strconv.Atoi(v)
	if err != nil || ini <= 0 || strconv.Itoa(ini) != v {
		return 0, 0, fail("is not a state: allowed a Correlates of War country code")
	}
	if _, err := strconv.Atoi(d); err != nil || d[0] == '0' || len(d) < 2 {
		return 0, 0, failDyad("is not a dyad: allowed the two states' Correlates of War codes, the lower first, written one after the other")
	}
	other := -1
	if rest, ok := strings.CutPrefix(d, v); ok && rest != "" && rest[0] != '0' {
		if n, _ := strconv.Atoi(rest); n > ini {
			other = n
		}
	}
	if rest, ok := strings.CutSuffix(d, v); other < 0 && ok && rest != "" {
		if n, _ := strconv.Atoi(rest); n < ini {
			other = n
		}
	}
	if other < 0 {
		return 0, 0, fail("is not one of the states of dyad %s (the lower code first)", d)
	}
	return int32(ini), int32(other), nil
}
