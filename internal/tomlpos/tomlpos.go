package tomlpos

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Positions are the lines (from 1) of a TOML document's keys and tables.
type Positions struct {
	// Keys maps every key to its line: "table.key" inside a table,
	// "key.inner" for a key of an inline table value ({inner = 1}), and a
	// table's name to its header's line.
	Keys map[string]int
	// Tables maps the name of every table ([name]) to its header's line.
	Tables map[string]int
}

// Rules are the messages for the headers a document may not have; an
// empty message allows the header. An allowed array of tables ([[name]])
// is followed like a table: its keys are "name.key", at the lines of its
// last element.
type Rules struct {
	Tables      string // refuses tables ([name])
	ArrayTables string // refuses arrays of tables ([[name]])
}

// Error is a mistake in an input: a scenario file, a sweep spec or a
// sensitivity spec (or a flag standing for one of their keys), or a data
// file (a DCID sheet, whose Key is a column), located as precisely as the
// input allows. It reads "SOURCE:LINE: KEY: MSG", or
// "SOURCE:LINE: KEY = VALUE ..." when Msg starts with "= ", each part left
// out when unknown.
type Error struct {
	Source string // file name, "preset NAME", "sweep NAME", "--set k=v"; "" when unknown
	Line   int    // from 1; 0 when unknown
	Key    string // "" when not about one key; "vary.hotline" for nested keys
	Msg    string
}

func (e *Error) Error() string {
	loc := e.Source
	switch {
	case e.Line > 0 && loc != "":
		loc += ":" + strconv.Itoa(e.Line)
	case e.Line > 0:
		loc = "line " + strconv.Itoa(e.Line)
	}
	msg := e.Msg
	switch {
	case e.Key != "" && strings.HasPrefix(msg, "= "):
		msg = e.Key + " " + msg
	case e.Key != "":
		msg = e.Key + ": " + msg
	}
	if loc == "" {
		return msg
	}
	return loc + ": " + msg
}

// Decode decodes data into v, as toml.Unmarshal does, and returns the
// positions of its keys and tables. Every error is an *Error, without a
// Source for the caller to fill in: malformed TOML (the message starts
// "malformed TOML: ") or the first header that r refuses, at its line with
// r's message.
func Decode(data []byte, v any, r Rules) (Positions, error) {
	if err := toml.Unmarshal(data, v); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return Positions{}, &Error{Line: row, Msg: "malformed TOML: " + de.Error()}
		}
		return Positions{}, &Error{Msg: "malformed TOML: " + err.Error()}
	}
	return Read(data, r)
}

// Read returns the positions of data's keys and tables, refusing the
// headers r names (see Decode for the errors).
func Read(data []byte, r Rules) (Positions, error) {
	pos := Positions{Keys: map[string]int{}, Tables: map[string]int{}}
	var p unstable.Parser
	p.Reset(data)
	prefix := ""
	keyOf := func(it unstable.Iterator) (string, int) {
		var parts []string
		line := 0
		for it.Next() {
			n := it.Node()
			if line == 0 {
				line = p.Shape(n.Raw).Start.Line
			}
			parts = append(parts, string(n.Data))
		}
		return strings.Join(parts, "."), line
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			k, line := keyOf(e.Key())
			pos.Keys[prefix+k] = line
			if v := e.Value(); v != nil && v.Kind == unstable.InlineTable {
				it := v.Children()
				for it.Next() {
					kv := it.Node()
					if kv.Kind == unstable.KeyValue {
						ik, il := keyOf(kv.Key())
						pos.Keys[prefix+k+"."+ik] = il
					}
				}
			}
		case unstable.Table, unstable.ArrayTable:
			k, line := keyOf(e.Key())
			refusal := r.Tables
			if e.Kind == unstable.ArrayTable {
				refusal = r.ArrayTables
			}
			if refusal != "" {
				return Positions{}, &Error{Line: line, Msg: refusal}
			}
			pos.Keys[k] = line
			pos.Tables[k] = line
			prefix = k + "."
		}
	}
	if err := p.Error(); err != nil {
		return Positions{}, &Error{Msg: "malformed TOML: " + err.Error()}
	}
	return pos, nil
}

// Text writes a decoded TOML value back roughly as it was written, for
// error messages: strings quoted, numbers in their shortest form, arrays
// and inline tables (keys sorted) in TOML syntax.
func Text(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Text(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + " = " + Text(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

// BlankTables returns data with the named tables (from their header to
// the next header; tables gives every header's line, as Positions.Tables
// does) replaced by empty lines, so that the rest keeps its line numbers:
// a spec that embeds another spec's keys hands the rest to that spec's
// parser.
func BlankTables(data []byte, tables map[string]int, names ...string) []byte {
	var headers []int
	for _, l := range tables {
		headers = append(headers, l)
	}
	sort.Ints(headers)
	lines := strings.SplitAfter(string(data), "\n")
	blank := make([]bool, len(lines)+2)
	for _, name := range names {
		start, ok := tables[name]
		if !ok {
			continue // not in the file: nothing to blank
		}
		end := len(lines) + 1
		for _, h := range headers {
			if h > start {
				end = h
				break
			}
		}
		for l := start; l < end; l++ {
			blank[l] = true
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if blank[i+1] {
			if strings.HasSuffix(l, "\n") {
				b.WriteString("\n")
			}
			continue
		}
		b.WriteString(l)
	}
	return []byte(b.String())
}

// Locator returns the error maker of a spec read from source whose keys
// are at the lines given (Positions.Keys): the error names the source, the
// key and the line of the key, or of its nearest enclosing table when the
// key itself has no line.
func Locator(source string, lines map[string]int) func(key, format string, args ...any) error {
	return func(key, format string, args ...any) error {
		l := lines[key]
		for k := key; l == 0 && k != ""; {
			i := strings.LastIndexByte(k, '.')
			if i < 0 {
				break
			}
			k = k[:i]
			l = lines[k]
		}
		return &Error{Source: source, Line: l, Key: key, Msg: fmt.Sprintf(format, args...)}
	}
}

// SortedKeys returns the keys of table m (whose keys are prefix + key in
// lines) in file order, then by name.
func SortedKeys(m map[string]any, prefix string, lines map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := lines[prefix+keys[i]], lines[prefix+keys[j]]
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// Number returns v as a float64 when it is a finite TOML number.
func Number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	}
	return 0, false
}
