package sensitivity

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
	"github.com/escalation-model/escalation/sweep"
)

// Spec is a sensitivity analysis as written in TOML (docs/sensitivity.md):
// the world and runs as in a sweep spec (base, replicates, master_seed,
// ticks, [fixed]), the method and outputs in [sensitivity], and the inputs
// with their ranges in [ranges].
type Spec struct {
	Name   string // a shipped spec's name, or the file's name without .toml
	Source string // as errors name it: "sensitivity NAME" or the file's path
	// Sweep holds the world and the runs: base, replicates, master seed,
	// ticks and fixed parameters, validated as a sweep spec's are.
	Sweep        *sweep.Spec
	Description  string
	Method       string // MethodMorris or MethodSobol
	Outputs      []string
	Inputs       []Input
	Trajectories int // Morris: r
	Levels       int // Morris: p
	Samples      int // Sobol: N
	Bootstrap    int
}

// Input is a varied parameter (or several linked by "+", which take the
// same value) and its range.
type Input struct {
	Name     string
	From, To float64
	Type     string // "float" or "int"
}

// Methods.
const (
	MethodMorris = "morris"
	MethodSobol  = "sobol"
)

// Defaults and limits.
const (
	defaultTrajectories = 20
	defaultLevels       = 4
	defaultSamples      = 256
	defaultBootstrap    = 1000
	maxTrajectories     = 100_000
	maxLevels           = 20
	maxSamples          = 1 << 20
	maxBootstrap        = 100_000
	maxRuns             = 10_000_000
)

var topKeys = []string{"description", "base", "replicates", "master_seed", "ticks", "fixed", "sensitivity", "ranges"}
var sensitivityKeys = []string{"method", "outputs", "trajectories", "levels", "samples", "bootstrap"}

// specs are the shipped sensitivity specs, assets/sensitivity/NAME.toml.
var specs = shipped.Specs{Kind: "sensitivity", FS: assets.Sensitivity, Dir: "sensitivity"}

// Shipped returns the names of the shipped sensitivity specs
// (assets/sensitivity/NAME.toml), sorted.
func Shipped() []string { return specs.Names() }

// Load reads the shipped spec with the given name, or else the TOML file at
// that path.
func Load(nameOrFile string) (*Spec, error) {
	f, err := specs.Read(nameOrFile)
	if err != nil {
		return nil, err
	}
	s, err := Parse(f.Data, f.Source, f.Dir)
	if s != nil {
		s.Name = f.Name
		s.Sweep.Name = f.Name
	}
	return s, err
}

// Parse reads a spec from TOML text; source names it in errors. Every
// mistake is a *tomlpos.Error naming the source and line.
func Parse(data []byte, source, dir string) (*Spec, error) {
	s := &Spec{Source: source, Name: strings.TrimSuffix(filepath.Base(source), ".toml"),
		Trajectories: defaultTrajectories, Levels: defaultLevels, Samples: defaultSamples, Bootstrap: defaultBootstrap}
	var doc map[string]any
	pos, err := tomlpos.Decode(data, &doc, tomlpos.Rules{ArrayTables: "arrays of tables ([[...]]) are not used in sensitivity specs"})
	if e := (*tomlpos.Error)(nil); errors.As(err, &e) {
		return nil, &tomlpos.Error{Source: source, Line: e.Line, Msg: e.Msg}
	}
	lines, tables := pos.Keys, pos.Tables
	errorf := tomlpos.Locator(source, lines)
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return lines[keys[i]] < lines[keys[j]] })
	for _, k := range keys {
		if !slices.Contains(topKeys, k) {
			hint := ""
			switch k {
			case "vary", "sample":
				hint = " (the design comes from the method: give the inputs' ranges in [ranges])"
			case "outputs":
				hint = " (name the outputs in [sensitivity]: outputs = [...])"
			}
			return nil, errorf(k, "unknown key %q in a sensitivity spec%s: allowed %s", k, hint, strings.Join(topKeys, ", "))
		}
	}
	for _, t := range []string{"sensitivity", "ranges"} {
		if _, ok := doc[t]; !ok {
			return nil, &tomlpos.Error{Source: source, Msg: fmt.Sprintf("lacks the table [%s]", t)}
		}
		if _, ok := doc[t].(map[string]any); !ok || tables[t] == 0 {
			return nil, errorf(t, "must be a table: write [%s] on a line of its own, then its keys", t)
		}
	}
	// The world and the runs are a sweep spec's: hand sweep.Parse the text
	// without the two tables of ours, line numbers kept.
	text := tomlpos.BlankTables(data, tables, "sensitivity", "ranges")
	sw, err := sweep.Parse(text, source, dir)
	if err != nil {
		return nil, err
	}
	sw.Name = s.Name
	s.Sweep = sw
	s.Description = sw.Description
	if err := s.decodeSensitivity(doc["sensitivity"].(map[string]any), lines, errorf); err != nil {
		return nil, err
	}
	if err := s.decodeRanges(doc["ranges"].(map[string]any), lines, errorf); err != nil {
		return nil, err
	}
	if r := s.Runs(); r > maxRuns || r < 0 {
		return nil, errorf("sensitivity", "the design has %d runs: at most %d", r, maxRuns)
	}
	return s, nil
}

// Points returns the number of design points.
func (s *Spec) Points() int {
	k := len(s.Inputs)
	if s.Method == MethodSobol {
		return s.Samples * (k + 2)
	}
	return s.Trajectories * (k + 1)
}

// Runs returns the number of runs: points times replicates.
func (s *Spec) Runs() int { return s.Points() * s.Sweep.Replicates }

func (s *Spec) decodeSensitivity(m map[string]any, lines map[string]int, errorf func(string, string, ...any) error) error {
	keys := tomlpos.SortedKeys(m, "sensitivity.", lines)
	for _, k := range keys {
		if !slices.Contains(sensitivityKeys, k) {
			return errorf("sensitivity."+k, "unknown key %q in [sensitivity]%s: allowed %s", k, nearest(k, sensitivityKeys), strings.Join(sensitivityKeys, ", "))
		}
	}
	v, ok := m["method"]
	if !ok {
		return errorf("sensitivity", "lacks method: write method = %q or %q", MethodMorris, MethodSobol)
	}
	if x, _ := v.(string); x != MethodMorris && x != MethodSobol {
		return errorf("sensitivity.method", "= %s: allowed %q (elementary effects) or %q (variance-based indices)", tomlpos.Text(v), MethodMorris, MethodSobol)
	}
	s.Method = v.(string)
	v, ok = m["outputs"]
	if !ok {
		return errorf("sensitivity", "lacks outputs: write outputs = [\"innocents_harmed\", ...], headline metrics")
	}
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return errorf("sensitivity.outputs", "= %s: give a list of headline metrics, e.g. [\"innocents_harmed\", \"damage\"]", tomlpos.Text(v))
	}
	heads := model.HeadlineNames()
	for _, x := range list {
		name, _ := x.(string)
		if !slices.Contains(heads, name) {
			return errorf("sensitivity.outputs", "%s is not a headline metric: allowed %s", tomlpos.Text(x), strings.Join(heads, ", "))
		}
		if slices.Contains(s.Outputs, name) {
			return errorf("sensitivity.outputs", "lists %s twice", name)
		}
		s.Outputs = append(s.Outputs, name)
	}
	intKey := func(name string, lo, hi int, dst *int) error {
		v, ok := m[name]
		if !ok {
			return nil
		}
		n, isInt := v.(int64)
		if !isInt {
			return errorf("sensitivity."+name, "= %s is not an integer: allowed an integer from %d to %d", tomlpos.Text(v), lo, hi)
		}
		if n < int64(lo) || n > int64(hi) {
			return errorf("sensitivity."+name, "= %d is out of range: allowed an integer from %d to %d", n, lo, hi)
		}
		*dst = int(n)
		return nil
	}
	if err := intKey("bootstrap", 0, maxBootstrap, &s.Bootstrap); err != nil {
		return err
	}
	for _, k := range []string{"trajectories", "levels", "samples"} {
		_, given := m[k]
		if !given {
			continue
		}
		if (k == "samples") != (s.Method == MethodSobol) {
			return errorf("sensitivity."+k, "applies to method %q, not %q", map[bool]string{true: MethodSobol, false: MethodMorris}[k == "samples"], s.Method)
		}
	}
	if err := intKey("trajectories", 2, maxTrajectories, &s.Trajectories); err != nil {
		return err
	}
	if err := intKey("levels", 2, maxLevels, &s.Levels); err != nil {
		return err
	}
	if s.Levels%2 != 0 {
		return errorf("sensitivity.levels", "= %d is odd: the Morris design needs an even number of levels (4 is usual), so that every step Δ = p/(2(p-1)) stays on the grid", s.Levels)
	}
	if err := intKey("samples", 4, maxSamples, &s.Samples); err != nil {
		return err
	}
	return nil
}

func (s *Spec) decodeRanges(m map[string]any, lines map[string]int, errorf func(string, string, ...any) error) error {
	fixed := map[string]string{}
	for _, f := range s.Sweep.Fixed {
		for _, n := range strings.Split(f.Name, "+") {
			fixed[n] = f.Name
		}
	}
	seen := map[string]string{}
	for _, k := range tomlpos.SortedKeys(m, "ranges.", lines) {
		key := "ranges." + k
		parts := strings.Split(k, "+")
		in := Input{Name: k, From: math.Inf(-1), To: math.Inf(1)}
		lo, hi := math.Inf(-1), math.Inf(1)
		for _, n := range parts {
			p, ok := model.Lookup(n)
			if !ok {
				return errorf(key, "%v", scenario.UnknownParam(n))
			}
			if p.Type == "choice" {
				return errorf(key, "%s is a choice: only numbers can be varied over a range (fix it in [fixed], or compare its values in a sweep)", n)
			}
			if in.Type != "" && p.Type != in.Type {
				return errorf(key, "links parameters of different types (%s is %s): linked parameters take the same value", n, p.Type)
			}
			in.Type = p.Type
			lo, hi = math.Max(lo, p.Min), math.Min(hi, p.Max)
			if prev, ok := seen[n]; ok {
				return errorf(key, "%s is also varied as ranges.%s (line %d): name each parameter once", n, prev, lines["ranges."+prev])
			}
			if f, ok := fixed[n]; ok {
				return errorf(key, "%s is also fixed (fixed.%s, line %d): a parameter is either fixed or varied", n, f, lines["fixed."+f])
			}
			seen[n] = k
		}
		r, ok := m[k].(map[string]any)
		if !ok {
			return errorf(key, "= %s: give a range, e.g. {from = 0, to = 1}", tomlpos.Text(m[k]))
		}
		for _, rk := range tomlpos.SortedKeys(r, key+".", lines) {
			if rk != "from" && rk != "to" {
				return errorf(key, "unknown key %q in the range: write {from = 0, to = 1}", rk)
			}
		}
		get := func(name string) (float64, error) {
			v, ok := r[name]
			if !ok {
				return 0, errorf(key, "the range lacks %q: write {from = 0, to = 1}", name)
			}
			var x float64
			switch t := v.(type) {
			case int64:
				x = float64(t)
			case float64:
				x = t
			default:
				return 0, errorf(key, "%s = %s is not a number", name, tomlpos.Text(v))
			}
			if model.NotFinite(x) != "" {
				return 0, errorf(key, "%s = %s: %s: allowed %s to %s", name, tomlpos.Text(v), model.NotFinite(x), formatFloat(lo), formatFloat(hi))
			}
			if in.Type == "int" && x != math.Trunc(x) {
				return 0, errorf(key, "%s = %s is not an integer: %s is an integer parameter", name, tomlpos.Text(v), k)
			}
			if x < lo || x > hi {
				return 0, errorf(key, "%s = %s is out of range: allowed %s to %s", name, tomlpos.Text(v), formatFloat(lo), formatFloat(hi))
			}
			return x, nil
		}
		var err error
		if in.From, err = get("from"); err != nil {
			return err
		}
		if in.To, err = get("to"); err != nil {
			return err
		}
		if !(in.From < in.To) {
			return errorf(key, "from = %s is not below to = %s: a range must have a width", formatFloat(in.From), formatFloat(in.To))
		}
		s.Inputs = append(s.Inputs, in)
	}
	if len(s.Inputs) < 2 {
		return errorf("ranges", "varies %d parameter(s): a sensitivity analysis compares at least two, e.g. attribution_skill = {from = 0.1, to = 0.9}", len(s.Inputs))
	}
	if s.Method == MethodSobol && 2*len(s.Inputs) > sweep.SobolMaxDim {
		return errorf("ranges", "varies %d parameters: Saltelli's design draws 2k-dimensional Sobol points, so at most %d", len(s.Inputs), sweep.SobolMaxDim/2)
	}
	return nil
}

// Value returns the text of input in's value at u in [0, 1], as --set takes
// it: a float from + u (to - from), written with 12 significant digits; an
// integer rounded to the nearest.
func (in Input) Value(u float64) string {
	v := in.From + u*(in.To-in.From)
	if in.Type == "int" {
		return strconv.FormatInt(int64(math.Round(v)), 10)
	}
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	return formatFloat(math.Min(math.Max(v, in.From), in.To))
}

// Unit returns where a value written by Value lies in [0, 1].
func (in Input) Unit(text string) float64 {
	v, _ := strconv.ParseFloat(text, 64)
	return (v - in.From) / (in.To - in.From)
}

// nearest suggests the allowed key nearest to a misspelt one.
func nearest(key string, allowed []string) string {
	if best := spelling.Nearest(key, allowed, 1); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
