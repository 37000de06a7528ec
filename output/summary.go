package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"

	"github.com/escalation-model/escalation/model"
)

// Summary is the content of summary.json.
type Summary struct {
	Scenario    string // preset name or scenario file
	Description string // the scenario's description
	Seed        uint64
	Version     string // program version
	Ticks       int    // ticks run
	Command     string // the command line that made the run
	// Params are every parameter's name and value as text, in registry
	// order (model.Params.Values).
	Params [][2]string
	// Names are the names the scenario gives actors ([names]), by actor
	// id (scenario.Names.ByID); nil when it names none.
	Names     map[int32]string
	Headlines []model.Headline
}

// WriteSummary writes summary.json to path: an object with the keys
// scenario, description, seed, version, ticks, command, parameters (name ->
// value in the order of s.Params; numbers as JSON numbers, choices as
// strings), names (actor id -> name, ids ascending), headlines (name ->
// value in the order of s.Headlines) and headline_meanings (name ->
// meaning). The bytes depend only on s.
func WriteSummary(path string, s Summary) error {
	return os.WriteFile(path, MarshalSummary(s), 0o666)
}

// MarshalSummary returns the bytes WriteSummary writes, indented by two
// spaces and ending in a newline.
func MarshalSummary(s Summary) []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	field := func(name string, last bool, value func()) {
		b.WriteString("  ")
		b.Write(jsonString(name))
		b.WriteString(": ")
		value()
		if !last {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	str := func(v string) func() { return func() { b.Write(jsonString(v)) } }
	object := func(n int, kv func(i int) (string, func())) func() {
		return func() {
			if n == 0 {
				b.WriteString("{}")
				return
			}
			b.WriteString("{\n")
			for i := range n {
				k, v := kv(i)
				b.WriteString("    ")
				b.Write(jsonString(k))
				b.WriteString(": ")
				v()
				if i < n-1 {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
			}
			b.WriteString("  }")
		}
	}
	field("scenario", false, str(s.Scenario))
	field("description", false, str(s.Description))
	field("seed", false, func() { b.WriteString(strconv.FormatUint(s.Seed, 10)) })
	field("version", false, str(s.Version))
	field("ticks", false, func() { b.WriteString(strconv.Itoa(s.Ticks)) })
	field("command", false, str(s.Command))
	field("parameters", false, object(len(s.Params), func(i int) (string, func()) {
		name, value := s.Params[i][0], s.Params[i][1]
		return name, func() { b.Write(paramJSON(name, value)) }
	}))
	ids := slices.Sorted(maps.Keys(s.Names))
	field("names", false, object(len(ids), func(i int) (string, func()) {
		return strconv.Itoa(int(ids[i])), str(s.Names[ids[i]])
	}))
	field("headlines", false, object(len(s.Headlines), func(i int) (string, func()) {
		h := s.Headlines[i]
		return h.Name, func() { b.Write(jsonNumber(h.Value)) }
	}))
	field("headline_meanings", true, object(len(s.Headlines), func(i int) (string, func()) {
		h := s.Headlines[i]
		return h.Name, str(h.Meaning)
	}))
	b.WriteString("}\n")
	return b.Bytes()
}

// jsonString returns v as a JSON string (HTML characters not escaped).
func jsonString(v string) []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	e.Encode(v) // cannot fail for a string
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'})
}

// jsonNumber formats v as a JSON number, or null when it is not finite.
func jsonNumber(v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null")
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64)
}

// paramJSON formats a parameter value: a JSON number for int and float
// parameters (and for unregistered names whose value is a number), a JSON
// string for choices and anything else.
func paramJSON(name, value string) []byte {
	typ := ""
	if p, ok := model.Lookup(name); ok {
		typ = p.Type
	}
	if typ != "choice" {
		if i, err := strconv.ParseInt(value, 10, 64); err == nil {
			return strconv.AppendInt(nil, i, 10)
		}
		if f, err := strconv.ParseFloat(value, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return jsonNumber(f)
		}
	}
	return jsonString(value)
}

// ReadNames returns the names of actors a run's summary.json records
// (WriteSummary's names), by actor id; a summary without names, or a
// missing file, gives none.
func ReadNames(path string) (map[int32]string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var v struct {
		Names map[string]string `json:"names"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make(map[int32]string, len(v.Names))
	for k, name := range v.Names {
		id, err := strconv.ParseInt(k, 10, 32)
		if err != nil || id < 0 {
			return nil, fmt.Errorf("%s: names: %q is not an actor id", path, k)
		}
		out[int32(id)] = name
	}
	return out, nil
}
