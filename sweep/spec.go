package sweep

import (
	"errors"
	"fmt"
	"math"
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
	"github.com/escalation-model/escalation/scenario"
)

// Spec is a sweep as written in a TOML file (docs/sweeps.md describes every
// key). Load or Parse one; Plan expands it into runs.
type Spec struct {
	Name        string // a shipped spec's name, or the file's name without .toml
	Source      string // where it came from, as errors name it: "sweep NAME" or the file's path
	Description string
	Base        string // preset name or scenario file, as --scenario takes it
	Replicates  int
	MasterSeed  uint64
	Ticks       int       // ticks of every run; 0 keeps the base scenario's
	Fixed       []Setting // parameters set for every run, in file order
	At          []Timed   // parameters changed during every run ([at.TICK]), by tick, then file order
	Vary        []Factor  // parameters varied on a grid, in file order
	Sample      *Sample   // parameters sampled over ranges; nil when none
	// Points is a design given as a list of points ([design] points =
	// "FILE.csv"), exclusive with Vary and Sample; nil when none.
	Points  *Points
	Outputs Outputs
	// Observe are the observation settings of [observe], in file order:
	// the defaults they change when Outputs.Observed.
	Observe []Setting
	// Verdict holds the thresholds of the experiment that runs the spec
	// ([verdict], in file order); the sweep does not use them.
	Verdict []Threshold

	lines map[string]int // "table.key" -> line
}

// Setting is one parameter's value as text, as --set takes it.
type Setting struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Factor is a parameter varied on a grid: every value is crossed with every
// value of the other factors.
type Factor struct {
	Name   string
	Values []string
}

// Sample is a space-filling design over parameter ranges: Points points of
// a Sobol sequence or a Latin hypercube, crossed with the grid of Vary.
type Sample struct {
	Method string  `json:"method"` // "sobol" or "lhs"
	Points int     `json:"points"`
	Ranges []Range `json:"ranges"`
}

// Range is one sampled parameter's interval [From, To].
type Range struct {
	Name string  `json:"name"`
	From float64 `json:"from"`
	To   float64 `json:"to"`
}

// Sampling methods.
const (
	MethodSobol = "sobol"
	MethodLHS   = "lhs"
)

// Limits on a spec's size.
const (
	maxReplicates = 1_000_000
	maxPoints     = 1 << 20
	maxValues     = 100_000
	maxRuns       = 100_000_000
	maxBootstrap  = 100_000
)

// SpecError is a mistake in a sweep spec, located as precisely as the
// input allows (Source a file name, or "sweep NAME" for a shipped spec).
// It is the one located error of every TOML input, tomlpos.Error.
type SpecError = tomlpos.Error

// specs are the shipped sweep specs, assets/sweeps/NAME.toml.
var specs = shipped.Specs{Kind: "sweep", FS: assets.Sweeps, Dir: "sweeps"}

// Shipped returns the names of the shipped specs (assets/sweeps/NAME.toml), sorted.
func Shipped() []string { return specs.Names() }

// Load reads the shipped spec with the given name, or else the TOML file at
// that path. A base scenario file named in it is looked up from the spec
// file's directory.
func Load(nameOrFile string) (*Spec, error) {
	f, err := specs.Read(nameOrFile)
	if err != nil {
		return nil, err
	}
	s, err := Parse(f.Data, f.Source, f.Dir)
	if s != nil {
		s.Name = f.Name
	}
	return s, err
}

// Parse reads a spec from TOML text. source names it in errors and gives
// its Name; a relative base scenario file is looked up from dir.
func Parse(data []byte, source, dir string) (*Spec, error) {
	s := &Spec{
		Source: source, Base: scenario.Default, Replicates: 1, MasterSeed: 1,
		Outputs: Outputs{CascadeSizes: true, Plots: true, Heatmap: "max_cascade_size", Bootstrap: 1000},
	}
	s.Name = strings.TrimSuffix(filepath.Base(source), ".toml")
	var doc map[string]any
	pos, err := tomlpos.Decode(data, &doc, tomlpos.Rules{ArrayTables: "arrays of tables ([[...]]) are not used in sweep specs"})
	if e := (*tomlpos.Error)(nil); errors.As(err, &e) {
		return nil, &SpecError{Source: source, Line: e.Line, Msg: e.Msg}
	}
	s.lines = pos.Keys
	if err := s.decode(doc, dir); err != nil {
		return nil, err
	}
	return s, nil
}

// line returns the line of a key, or of the nearest enclosing key known.
func (s *Spec) line(key string) int {
	for key != "" {
		if l, ok := s.lines[key]; ok {
			return l
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

func (s *Spec) errorf(key, format string, args ...any) *SpecError {
	return &SpecError{Source: s.Source, Line: s.line(key), Key: key, Msg: fmt.Sprintf(format, args...)}
}

// topKeys are the keys a spec may hold at the top level.
var topKeys = []string{"description", "base", "replicates", "master_seed", "ticks", "fixed", "at", "vary", "sample", "design", "outputs", "observe", "verdict"}

// sortedKeys returns a table's keys in the order of their lines.
func (s *Spec) sortedKeys(prefix string, m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := s.line(prefix+keys[i]), s.line(prefix+keys[j])
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

func (s *Spec) decode(doc map[string]any, dir string) error {
	for _, k := range s.sortedKeys("", doc) {
		if !slices.Contains(topKeys, k) {
			return s.unknown(k, k, topKeys, "a sweep spec")
		}
	}
	if v, ok := doc["description"]; ok {
		d, ok := v.(string)
		if !ok {
			return s.errorf("description", "must be a string")
		}
		s.Description = d
	}
	if v, ok := doc["base"]; ok {
		b, ok := v.(string)
		if !ok || strings.TrimSpace(b) == "" {
			return s.errorf("base", "must be a string naming a preset (%s) or a scenario file", strings.Join(scenario.Presets(), ", "))
		}
		s.Base = b
		if !scenario.IsPreset(b) && strings.ContainsAny(b, "/.") && dir != "" && !filepath.IsAbs(b) {
			s.Base = filepath.Join(dir, b)
		}
	}
	if _, err := scenario.Load(s.Base); err != nil {
		var se *scenario.Error
		if errors.As(err, &se) && se.Source == "scenario" {
			return s.errorf("base", "%s", se.Msg)
		}
		return s.errorf("base", "%v", err)
	}
	var ok bool
	var err error
	if s.Replicates, ok, err = s.intKey(doc, "replicates", 1, maxReplicates); err != nil {
		return err
	} else if !ok {
		s.Replicates = 1
	}
	if v, ok := doc["master_seed"]; ok {
		n, isInt := v.(int64)
		if !isInt || n < 0 {
			return s.errorf("master_seed", "= %v must be an integer from 0 to %d", tomlpos.Text(v), int64(math.MaxInt64))
		}
		s.MasterSeed = uint64(n)
	}
	if s.Ticks, _, err = s.intKey(doc, "ticks", 1, 100_000_000); err != nil {
		return err
	}
	if err := s.decodeFixed(doc); err != nil {
		return err
	}
	if err := s.decodeAt(doc); err != nil {
		return err
	}
	if err := s.decodeVary(doc); err != nil {
		return err
	}
	if err := s.decodeSample(doc); err != nil {
		return err
	}
	if err := s.decodeDesign(doc, dir); err != nil {
		return err
	}
	if err := s.decodeOutputs(doc); err != nil {
		return err
	}
	if err := s.decodeObserve(doc); err != nil {
		return err
	}
	if err := s.decodeVerdict(doc); err != nil {
		return err
	}
	if err := s.nameOnce(); err != nil {
		return err
	}
	// Structural parameters may be varied; no check needed. The combined
	// size must stay reasonable.
	conds := 1
	for _, f := range s.Vary {
		conds *= len(f.Values)
		if conds > maxRuns {
			return s.errorf("vary", "the grid has more than %d conditions", maxRuns)
		}
	}
	if s.Sample != nil {
		conds *= s.Sample.Points
	}
	if s.Points != nil {
		conds = len(s.Points.Rows)
	}
	if conds > maxRuns || conds*s.Replicates > maxRuns || conds*s.Replicates < 0 {
		return s.errorf("replicates", "= %d gives more than %d runs (%d conditions × %d replicates)", s.Replicates, maxRuns, conds, s.Replicates)
	}
	return nil
}

// unknown reports an unknown key with the nearest allowed one.
func (s *Spec) unknown(key, name string, allowed []string, where string) error {
	msg := fmt.Sprintf("unknown key %q in %s: allowed %s", name, where, strings.Join(allowed, ", "))
	if best := spelling.Nearest(name, allowed, 2); best != "" {
		msg = fmt.Sprintf("unknown key %q in %s (did you mean %q?): allowed %s", name, where, best, strings.Join(allowed, ", "))
	}
	return &SpecError{Source: s.Source, Line: s.line(key), Msg: msg}
}

// intKey reads an optional integer key in [lo, hi].
func (s *Spec) intKey(m map[string]any, key string, lo, hi int64) (int, bool, error) {
	return s.intKeyIn(m, key, key, lo, hi)
}

func (s *Spec) intKeyIn(m map[string]any, name, key string, lo, hi int64) (int, bool, error) {
	v, ok := m[name]
	if !ok {
		return 0, false, nil
	}
	n, isInt := v.(int64)
	if !isInt {
		return 0, false, s.errorf(key, "= %s is not an integer: allowed an integer from %d to %d", tomlpos.Text(v), lo, hi)
	}
	if n < lo || n > hi {
		return 0, false, s.errorf(key, "= %d is out of range: allowed an integer from %d to %d", n, lo, hi)
	}
	return int(n), true, nil
}

// table returns a sub-table, or an error naming the key when it is not one.
func (s *Spec) table(doc map[string]any, key, example string) (map[string]any, error) {
	v, ok := doc[key]
	if !ok {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, s.errorf(key, "must be a table, e.g. [%s] followed by %s", key, example)
	}
	return m, nil
}

func (s *Spec) decodeFixed(doc map[string]any) error {
	m, err := s.table(doc, "fixed", "firms = 200")
	if err != nil || m == nil {
		return err
	}
	for _, k := range s.sortedKeys("fixed.", m) {
		key := "fixed." + k
		p, err := s.param(key, k)
		if err != nil {
			return err
		}
		text, err := s.value(key, p, m[k])
		if err != nil {
			return err
		}
		s.Fixed = append(s.Fixed, Setting{Name: k, Value: text})
	}
	return nil
}

// param looks up a parameter named in the spec.
func (s *Spec) param(key, name string) (model.Param, error) {
	p, err := factorParam(name) // a parameter, several linked by "+" (link.go), or a timed change's (at.go)
	if err != nil {
		return p, &SpecError{Source: s.Source, Line: s.line(key), Key: key, Msg: err.Error()}
	}
	return p, nil
}

// value checks one TOML value against a parameter and returns it as text.
func (s *Spec) value(key string, p model.Param, v any) (string, error) {
	var text string
	switch x := v.(type) {
	case string:
		if p.Type != "choice" {
			return "", s.errorf(key, "= %q is a string: allowed %s", x, p.Allowed())
		}
		text = x
	case int64:
		if p.Type == "choice" {
			return "", s.errorf(key, "= %d is a number: allowed %s (quoted)", x, p.Allowed())
		}
		text = strconv.FormatInt(x, 10)
	case float64:
		if p.Type == "choice" {
			return "", s.errorf(key, "= %v is a number: allowed %s (quoted)", x, p.Allowed())
		}
		if p.Type == "int" {
			return "", s.errorf(key, "= %v is not an integer: allowed %s", x, p.Allowed())
		}
		text = formatFloat(x)
	default:
		return "", s.errorf(key, "= %s has the wrong type (%s): allowed %s", tomlpos.Text(v), tomlType(v), p.Allowed())
	}
	var q model.Params
	if err := setLinked(&q, p.Name, text); err != nil {
		var re *model.RangeError
		if errors.As(err, &re) {
			return "", s.errorf(key, "= %s is out of range: allowed %s", re.Value, p.Allowed())
		}
		return "", s.errorf(key, "%v", err)
	}
	return text, nil
}

func (s *Spec) decodeVary(doc map[string]any) error {
	m, err := s.table(doc, "vary", "attribution_skill = [0.3, 0.6, 0.9]")
	if err != nil || m == nil {
		return err
	}
	if m, err = s.flattenAt("vary", m); err != nil {
		return err
	}
	for _, k := range s.sortedKeys("vary.", m) {
		key := "vary." + k
		p, err := s.param(key, k)
		if err != nil {
			return err
		}
		var values []string
		switch x := m[k].(type) {
		case []any:
			if len(x) == 0 {
				return s.errorf(key, "is an empty list: give at least one value")
			}
			if len(x) > maxValues {
				return s.errorf(key, "has %d values: at most %d", len(x), maxValues)
			}
			for _, v := range x {
				text, err := s.value(key, p, v)
				if err != nil {
					return err
				}
				values = append(values, text)
			}
		case map[string]any:
			if p.Type == "choice" {
				return s.errorf(key, "is a choice: list its values, e.g. %s = [%q]", k, p.Choices[0])
			}
			values, err = s.steps(key, p, x)
			if err != nil {
				return err
			}
		default:
			if p.Type == "choice" {
				return s.errorf(key, "= %s: give a list of values, e.g. [%s]", tomlpos.Text(m[k]), `"`+strings.Join(p.Choices, `", "`)+`"`)
			}
			return s.errorf(key, "= %s: give a list of values, e.g. [0.2, 0.5], or a range, e.g. {from = 0, to = 1, step = 0.25}", tomlpos.Text(m[k]))
		}
		for i, v := range values {
			if j := slices.Index(values[:i], v); j >= 0 {
				return s.errorf(key, "lists the value %s twice: each value makes one condition", v)
			}
		}
		s.Vary = append(s.Vary, Factor{Name: k, Values: values})
	}
	return nil
}

// bounds reads {from, to} (and the allowed extra keys) of a range table.
func (s *Spec) bounds(key string, p model.Param, m map[string]any, extra ...string) (from, to float64, err error) {
	allowed := append([]string{"from", "to"}, extra...)
	for _, k := range s.sortedKeys(key+".", m) {
		if !slices.Contains(allowed, k) {
			return 0, 0, s.unknown(key, k, allowed, key)
		}
	}
	get := func(name string) (float64, error) {
		v, ok := m[name]
		if !ok {
			return 0, s.errorf(key, "the range lacks %q: write {%s}", name, strings.Join(rangeExample(allowed), ", "))
		}
		x, ok := tomlpos.Number(v)
		if f, isFloat := v.(float64); isFloat && model.NotFinite(f) != "" {
			return 0, s.errorf(key, "%s = %s: %s: allowed %s", name, tomlpos.Text(v), model.NotFinite(f), p.Allowed())
		}
		if !ok {
			return 0, s.errorf(key, "%s = %s is not a number", name, tomlpos.Text(v))
		}
		if p.Type == "int" && name != "step" && x != math.Trunc(x) {
			return 0, s.errorf(key, "%s = %s is not an integer: allowed %s", name, tomlpos.Text(v), p.Allowed())
		}
		if name != "step" && (x < p.Min || x > p.Max) {
			return 0, s.errorf(key, "%s = %s is out of range: allowed %s", name, tomlpos.Text(v), p.Allowed())
		}
		return x, nil
	}
	if from, err = get("from"); err != nil {
		return
	}
	if to, err = get("to"); err != nil {
		return
	}
	if from > to {
		err = s.errorf(key, "from = %s is above to = %s", formatFloat(from), formatFloat(to))
	}
	return
}

func rangeExample(keys []string) []string {
	ex := map[string]string{"from": "from = 0", "to": "to = 1", "step": "step = 0.25"}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = ex[k]
	}
	return out
}

// steps expands {from, to, step} into values from, from+step, ... <= to.
func (s *Spec) steps(key string, p model.Param, m map[string]any) ([]string, error) {
	from, to, err := s.bounds(key, p, m, "step")
	if err != nil {
		return nil, err
	}
	sv, ok := m["step"]
	if !ok {
		return nil, s.errorf(key, "the range lacks \"step\": write {from = 0, to = 1, step = 0.25} (a sample over ranges goes in [sample])")
	}
	step, ok := tomlpos.Number(sv)
	if !ok || step <= 0 {
		return nil, s.errorf(key, "step = %s must be a positive number", tomlpos.Text(sv))
	}
	if p.Type == "int" && step != math.Trunc(step) {
		return nil, s.errorf(key, "step = %s is not an integer: %s is an integer parameter", tomlpos.Text(sv), p.Name)
	}
	n := int(math.Floor((to-from)/step+1e-9)) + 1
	if n > maxValues {
		return nil, s.errorf(key, "the range has %d values: at most %d", n, maxValues)
	}
	values := make([]string, 0, n)
	for i := range n {
		v := from + float64(i)*step
		if p.Type == "int" {
			values = append(values, strconv.FormatInt(int64(math.Round(v)), 10))
			continue
		}
		// 12 significant digits: 0.1 steps give 0.3, not 0.30000000000000004.
		v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
		values = append(values, formatFloat(min(v, to)))
	}
	return values, nil
}

// tomlType names a decoded TOML value's type in TOML's words.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return "a date or time"
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
