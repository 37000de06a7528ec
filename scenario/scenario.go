// Package scenario turns preset names, TOML parameter files and
// --set key=value overrides into validated model parameters, with errors
// that name the key, the value, the allowed values and where they came from.
package scenario

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/assets"
	"github.com/escalation-model/escalation/internal/shipped"
	"github.com/escalation-model/escalation/internal/spelling"
	"github.com/escalation-model/escalation/internal/tomlpos"
	"github.com/escalation-model/escalation/model"
)

// Default is the scenario a run uses when none is named.
const Default = "status-quo"

// order lists the presets as `escalate scenarios` shows them.
var order = []string{"status-quo", "licensed-privateers", "road-rage", "defend-forward", "cyber-peace", "p4x", "blue-security", "branching", "observed-world"}

// DefaultSeed is the seed of a run that gives none, in a scenario that
// names none (seed = N).
const DefaultSeed = 1

// Scenario is a named, validated set of parameters, with the seed a run
// uses when it is given none and the names of actors it names.
type Scenario struct {
	Name        string // preset name, or the file's path
	Description string
	Params      model.Params
	Seed        uint64 // seed = N; DefaultSeed when no file of its base chain sets one
	OwnSeed     bool   // a file of its base chain sets seed = N (a story preset's)
	Names       Names  // [names]; nil when it names no actor
}

// Error is a problem with a scenario's input, located as precisely as the
// input allows: a file and line (Source a file name or "preset NAME"), or
// a command-line flag (Source "--set k=v"). It is the one located error of
// every TOML input, tomlpos.Error.
type Error = tomlpos.Error

// Presets returns the names of the shipped presets in display order.
func Presets() []string { return append([]string(nil), order...) }

// IsPreset reports whether name is a shipped preset.
func IsPreset(name string) bool {
	for _, n := range order {
		if n == name {
			return true
		}
	}
	return false
}

// Load returns the preset with the given name, or else the TOML file at that path.
func Load(nameOrFile string) (Scenario, error) {
	return load(nameOrFile, "", nil)
}

// maxDepth is the longest chain of base files a scenario may have.
const maxDepth = 8

// link is a scenario file's base key: one step of a chain of base files,
// which errors about the chain name.
type link struct {
	source string // the file as errors name it
	id     string // which file it is: its absolute path, or "preset NAME"
	line   int    // the line of its base key
	base   string // its base as written
}

func (l link) String() string {
	return fmt.Sprintf("%s:%d base = %q", l.source, l.line, l.base)
}

// chainText writes a chain of base files: a.toml:1 base = "b.toml" →
// b.toml:1 base = "a.toml".
func chainText(chain []link) string {
	parts := make([]string, len(chain))
	for i, l := range chain {
		parts[i] = l.String()
	}
	return strings.Join(parts, " → ")
}

// checkChain refuses to load id as the base of the chain's last file when
// it is already in the chain (a cycle) or the chain is too long.
func checkChain(id string, chain []link) error {
	if len(chain) == 0 {
		return nil
	}
	last := chain[len(chain)-1]
	for i, l := range chain {
		if l.id == id {
			return &Error{Source: last.source, Line: last.line, Key: "base", Msg: fmt.Sprintf("= %q closes a cycle of base files: %s", last.base, chainText(chain[i:]))}
		}
	}
	if len(chain) > maxDepth {
		return &Error{Source: last.source, Line: last.line, Key: "base", Msg: fmt.Sprintf("= %q makes the chain of base files longer than %d: %s", last.base, maxDepth, chainText(chain))}
	}
	return nil
}

func load(nameOrFile, dir string, chain []link) (Scenario, error) {
	if IsPreset(nameOrFile) {
		if err := checkChain("preset "+nameOrFile, chain); err != nil {
			return Scenario{}, err
		}
		data, err := fs.ReadFile(assets.Presets, "presets/"+nameOrFile+".toml")
		if err != nil {
			return Scenario{}, fmt.Errorf("preset %s: %w", nameOrFile, err)
		}
		sc, err := parse(data, "preset "+nameOrFile, "", "preset "+nameOrFile, chain)
		sc.Name = nameOrFile
		return sc, err
	}
	path := nameOrFile
	if dir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	id, err := filepath.Abs(path)
	if err != nil {
		id = path
	}
	if err := checkChain(id, chain); err != nil {
		return Scenario{}, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(nameOrFile, "/.") {
			return Scenario{}, &Error{Source: "scenario", Msg: fmt.Sprintf("unknown scenario %q%s: not a preset (%s) nor a file", nameOrFile, spelling.Suggest(nameOrFile, order), strings.Join(order, ", "))}
		}
		return Scenario{}, shipped.ReadError(path, err)
	}
	sc, err := parse(data, path, filepath.Dir(path), id, chain)
	sc.Name = path
	return sc, err
}

// Parse reads a scenario from TOML text. source names it in errors. A
// relative base file is looked up from dir.
func Parse(data []byte, source, dir string) (Scenario, error) {
	id, err := filepath.Abs(source)
	if err != nil {
		id = source
	}
	sc, err := parse(data, source, dir, id, nil)
	if sc.Name == "" {
		sc.Name = source
	}
	return sc, err
}

// parse reads a scenario file: source names it in errors, dir is where its
// base file is looked up, id says which file it is, and chain is the chain
// of files whose base it is.
func parse(data []byte, source, dir, id string, chain []link) (Scenario, error) {
	var values map[string]any
	pos, err := tomlpos.Decode(data, &values, tomlpos.Rules{ArrayTables: noTables})
	if e := (*tomlpos.Error)(nil); errors.As(err, &e) {
		return Scenario{}, &Error{Source: source, Line: e.Line, Msg: e.Msg}
	}
	if line := otherTable(pos.Tables); line > 0 {
		return Scenario{}, &Error{Source: source, Line: line, Msg: noTables}
	}
	lines := pos.Keys
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return lines[keys[i]] < lines[keys[j]] })

	sc := Scenario{Params: model.DefaultParams(), Seed: DefaultSeed}
	if b, ok := values["base"]; ok {
		name, ok := b.(string)
		if !ok {
			return Scenario{}, &Error{Source: source, Line: lines["base"], Key: "base", Msg: fmt.Sprintf("must be a string naming a preset (%s) or a file", strings.Join(order, ", "))}
		}
		base, err := load(name, dir, append(slices.Clip(chain), link{source: source, id: id, line: lines["base"], base: name}))
		if err != nil {
			var se *Error
			if errors.As(err, &se) && se.Source == "scenario" {
				return Scenario{}, &Error{Source: source, Line: lines["base"], Key: "base", Msg: se.Msg}
			}
			return Scenario{}, err
		}
		sc.Params, sc.Description, sc.Seed, sc.OwnSeed, sc.Names = base.Params, base.Description, base.Seed, base.OwnSeed, base.Names
	}
	var named []string // the kinds this file names
	for _, k := range keys {
		v := values[k]
		line := lines[k]
		var err error
		switch k {
		case "base":
			continue
		case "description":
			s, ok := v.(string)
			if !ok {
				return Scenario{}, &Error{Source: source, Line: line, Key: k, Msg: "must be a string"}
			}
			sc.Description = s
		case "seed":
			sc.Seed, err = parseSeed(v)
			sc.OwnSeed = true
		case "names":
			if sc.Names, named, err = parseNames(v, sc.Names, lines, source); err != nil {
				return Scenario{}, err
			}
		default:
			err = setValue(&sc.Params, k, v)
		}
		if err != nil {
			return Scenario{}, &Error{Source: source, Line: line, Key: k, Msg: err.Error()}
		}
	}
	if err := sc.Params.Validate(); err != nil {
		return Scenario{}, &Error{Source: source, Line: lineOf(err.Error(), lines), Msg: err.Error()}
	}
	if err := checkNames(sc.Names, named, &sc.Params, lines, source); err != nil {
		return Scenario{}, err
	}
	return sc, nil
}

// noTables refuses a table other than [names].
const noTables = "the only table of a parameter file is [names] (the names of actors): write every parameter as key = value at the top level, above it"

// otherTable returns the line of the first table other than [names], or
// 0 when there is none.
func otherTable(tables map[string]int) int {
	first := 0
	for name, line := range tables {
		if name != "names" && (first == 0 || line < first) {
			first = line
		}
	}
	return first
}

// parseSeed reads seed = N: a TOML integer, not negative.
func parseSeed(v any) (uint64, error) {
	n, ok := v.(int64)
	if !ok || n < 0 {
		return 0, fmt.Errorf("= %s is not a seed: allowed an integer from 0 to 9223372036854775807 (the seed a run uses when none is given)", tomlpos.Text(v))
	}
	return uint64(n), nil
}

// lineOf locates a rule that ties parameters together ("answer_delay = 20
// is larger than answer_window = 14") at the line of the first key it
// names that the file sets; 0 when the file sets none of them.
func lineOf(msg string, lines map[string]int) int {
	words := strings.Fields(msg)
	for i := 0; i+1 < len(words); i++ {
		if words[i+1] == "=" && lines[words[i]] > 0 {
			return lines[words[i]]
		}
	}
	return 0
}

// UnknownParam is the error for a parameter name that does not exist. It
// suggests the registered name closest to name in edit distance (the first
// in alphabetical order of equally close ones), if one is reasonably close.
func UnknownParam(name string) *model.UnknownError {
	return &model.UnknownError{Name: name, Nearest: spelling.Nearest(name, model.Names(), 2)}
}

// setValue sets a parameter from a decoded TOML value, checking its type.
func setValue(p *model.Params, key string, v any) error {
	d, ok := model.Lookup(key)
	if !ok {
		return UnknownParam(key)
	}
	var text string
	switch x := v.(type) {
	case string:
		if d.Type != "choice" {
			return fmt.Errorf("= %q is a string: allowed %s", x, d.Allowed())
		}
		text = x
	case int64:
		if d.Type == "choice" {
			return fmt.Errorf("= %d is a number: allowed %s (quoted)", x, d.Allowed())
		}
		text = strconv.FormatInt(x, 10)
	case float64:
		if d.Type == "choice" {
			return fmt.Errorf("= %v is a number: allowed %s (quoted)", x, d.Allowed())
		}
		if d.Type == "int" {
			return fmt.Errorf("= %v is not an integer: allowed %s", x, d.Allowed())
		}
		text = strconv.FormatFloat(x, 'g', -1, 64)
	default:
		return fmt.Errorf("= %v has the wrong type (%T): allowed %s", v, v, d.Allowed())
	}
	if err := p.Set(key, text); err != nil {
		var re *model.RangeError
		if errors.As(err, &re) {
			return fmt.Errorf("= %s is out of range: allowed %s", re.Value, d.Allowed())
		}
		return err
	}
	return nil
}

// SetAll applies key=value overrides, as given to --set, in order, then
// checks the rules that tie parameters together once, so that overrides
// which only make sense together (answer_window and answer_delay) work in
// any order.
func (sc *Scenario) SetAll(kvs []string) error {
	for _, kv := range kvs {
		if err := sc.set(kv); err != nil {
			return err
		}
	}
	if err := sc.Params.Validate(); err != nil {
		return &Error{Source: "--set " + strings.Join(kvs, " --set "), Msg: err.Error()}
	}
	return nil
}

// Set applies one key=value override, as given to --set, to sc.
func (sc *Scenario) Set(kv string) error {
	if err := sc.set(kv); err != nil {
		return err
	}
	if err := sc.Params.Validate(); err != nil {
		return &Error{Source: "--set " + kv, Msg: err.Error()}
	}
	return nil
}

func (sc *Scenario) set(kv string) error {
	src := "--set " + kv
	k, v, ok := strings.Cut(kv, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return &Error{Source: src, Msg: "expected key=value"}
	}
	if _, ok := model.Lookup(k); !ok {
		return &Error{Source: src, Msg: UnknownParam(k).Error()}
	}
	if err := sc.Params.Set(k, v); err != nil {
		var re *model.RangeError
		if errors.As(err, &re) {
			return &Error{Source: src, Key: k, Msg: fmt.Sprintf("= %s is out of range: allowed %s", re.Value, re.Param.Allowed())}
		}
		return &Error{Source: src, Msg: err.Error()}
	}
	return nil
}
