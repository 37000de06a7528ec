package sweep

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/internal/tomlpos"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// A design given as a list of points ([design] points = "FILE.csv"): a
// CSV file whose header names parameters (as [vary] names them) and whose
// rows are the conditions, in order, one value per parameter as text, as
// escalate run --set takes it (docs/sweeps.md, "Designs").

// Points is a design read from a CSV file: the parameters of its header
// and one row of values per condition.
type Points struct {
	File  string     // the file, as errors name it (relative to the spec's directory when given so)
	Names []string   // the header's parameters, in order
	Rows  [][]string // the conditions' values, as text, checked and normalised
	Lines []int      // each row's line in the file
}

// designKeys are the keys of [design].
var designKeys = []string{"points"}

// maxPointRows bounds a points file's conditions, as the grid's are bounded.
const maxPointRows = maxRuns

func (s *Spec) decodeDesign(doc map[string]any, dir string) error {
	m, err := s.table(doc, "design", `points = "points.csv"`)
	if err != nil || m == nil {
		return err
	}
	for _, k := range s.sortedKeys("design.", m) {
		if !slices.Contains(designKeys, k) {
			return s.unknown("design."+k, k, designKeys, "[design]")
		}
	}
	v, ok := m["points"]
	if !ok {
		return s.errorf("design", `lacks points: write points = "FILE.csv", a CSV file of one condition per row`)
	}
	name, ok := v.(string)
	if !ok || strings.TrimSpace(name) == "" {
		return s.errorf("design.points", `= %s: give the name of a CSV file, e.g. "points.csv"`, tomlpos.Text(v))
	}
	for _, other := range []string{"vary", "sample"} {
		if _, ok := doc[other]; ok {
			return s.errorf("design.points", "cannot be combined with [%s] (line %d): a design is either a list of points or a grid and a sample", other, s.line(other))
		}
	}
	path := name
	if dir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	pts, err := s.readPoints(path)
	if err != nil {
		return err
	}
	s.Points = pts
	return nil
}

// readPoints reads and checks a points file.
func (s *Spec) readPoints(path string) (*Points, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, s.errorf("design.points", "cannot read %s: %v", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	fail := func(line int, format string, args ...any) error {
		return &SpecError{Source: path, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fail(1, "empty: the first line names the parameters, e.g. attribution_skill,hack_back, and each further line is one condition")
	}
	if err != nil {
		return nil, csvError(path, err)
	}
	pts := &Points{File: path}
	params, err := s.pointColumns(path, header, pts)
	if err != nil {
		return nil, err
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			return nil, fail(line, "%s for the %d columns of the header (%s)", narrate.Count(int64(len(rec)), "value", "values"), len(header), strings.Join(pts.Names, ", "))
		}
		if len(pts.Rows) == maxPointRows {
			return nil, fail(line, "more than %d conditions", maxPointRows)
		}
		row := make([]string, len(rec))
		for j, cell := range rec {
			if row[j], err = pointValue(params[j], strings.TrimSpace(cell)); err != nil {
				return nil, fail(line, "column %d (%s): %v", j+1, pts.Names[j], err)
			}
		}
		pts.Rows = append(pts.Rows, row)
		pts.Lines = append(pts.Lines, line)
	}
	if len(pts.Rows) == 0 {
		return nil, fail(1, "has a header but no conditions: give one condition per line after it")
	}
	return pts, nil
}

// csvError locates a malformed CSV file's error.
func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &SpecError{Source: path, Line: pe.Line, Msg: fmt.Sprintf("byte %d: %v: not a CSV file", pe.Column, pe.Err)}
	}
	return &SpecError{Source: path, Msg: err.Error()}
}

// pointColumns checks the header of a points file: parameters named as
// [vary] names them, each once, none fixed by the spec.
func (s *Spec) pointColumns(path string, header []string, pts *Points) ([]model.Param, error) {
	params := make([]model.Param, len(header))
	claimed := map[string]int{}
	for j, h := range header {
		name := strings.TrimSpace(h)
		if j == 0 {
			name = strings.TrimPrefix(name, "\ufeff") // a byte-order mark, as spreadsheets write
		}
		bad := func(format string, args ...any) error {
			col := fmt.Sprintf("column %d (%s): ", j+1, name)
			if name == "" {
				col = fmt.Sprintf("column %d: ", j+1)
			}
			return &SpecError{Source: path, Line: 1, Msg: col + fmt.Sprintf(format, args...)}
		}
		if name == "" {
			return nil, bad("an empty column name: the first line names a parameter of escalate params in every column")
		}
		p, err := factorParam(name)
		if err != nil {
			return nil, bad("%v", err)
		}
		for _, n := range claims(name) {
			if k, ok := claimed[n]; ok {
				return nil, bad("%s is also in column %d: name each parameter once", n, k+1)
			}
			claimed[n] = j
			if key := s.fixedKey(n); key != "" {
				return nil, bad("%s is also given as %s (%s line %d): name each parameter once", n, key, s.Source, s.line(key))
			}
			if n == "ticks" && s.Ticks > 0 {
				return nil, bad("ticks is also given as ticks (%s line %d): name each parameter once", s.Source, s.line("ticks"))
			}
		}
		params[j] = p
		pts.Names = append(pts.Names, name)
	}
	return params, nil
}

// pointValue checks a value of a points file as escalate run --set checks
// it and returns it as a grid's level would be written: a number in its
// shortest form (0.30 as 0.3, 1e3 as 1000), so that the same conditions
// read the same in the tables whichever design gave them.
func pointValue(p model.Param, text string) (string, error) {
	if text == "" {
		return "", fmt.Errorf("an empty value: allowed %s", p.Allowed())
	}
	var q model.Params
	if err := setLinked(&q, p.Name, text); err != nil {
		var re *model.RangeError
		if errors.As(err, &re) {
			return "", fmt.Errorf("%s is out of range: allowed %s", text, p.Allowed())
		}
		return "", err
	}
	switch p.Type {
	case "float":
		if v, err := strconv.ParseFloat(text, 64); err == nil {
			return formatFloat(v), nil
		}
	case "int":
		if v, err := strconv.ParseInt(text, 10, 64); err == nil {
			return strconv.FormatInt(v, 10), nil
		}
	}
	return text, nil
}

// pointsPlan returns the plan of a spec whose design is a list of points:
// its conditions are the file's rows, in order. A row whose parameters do
// not fit together is reported at its line of the file.
func (s *Spec) pointsPlan() (*Plan, error) {
	pts := s.Points
	p := s.planHead()
	p.Points = filepath.Base(pts.File)
	for _, name := range pts.Names {
		p.Factors = append(p.Factors, Column{Name: name, Type: paramType(name), Design: DesignPoints})
	}
	p.Custom = pts.Rows
	for c := range p.Custom {
		if _, err := p.Params(c); err != nil {
			if se := (*scenario.Error)(nil); errors.As(err, &se) {
				err = errors.New(se.Msg)
			}
			var vals []string
			for j, f := range p.Factors {
				vals = append(vals, f.Name+" = "+p.Custom[c][j])
			}
			return nil, &SpecError{Source: pts.File, Line: pts.Lines[c], Msg: fmt.Sprintf("condition %d (%s): %v", c, strings.Join(vals, ", "), err)}
		}
	}
	if err := p.check(s); err != nil {
		return nil, err
	}
	return p, nil
}

// DesignPoints is the design of the factors of a list of points.
const DesignPoints = "points"
