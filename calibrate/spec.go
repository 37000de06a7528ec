// The calibration spec (docs/calibration.md): a TOML file holding the
// world and its runs as a sweep spec does (base, master_seed, ticks,
// [fixed]), the algorithm's settings and the target in [calibration], and
// one prior per calibrated parameter in [prior].

package calibrate

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/assets"
	"github.com/escalation-model/escalation/internal/shipped"
	"github.com/escalation-model/escalation/internal/spelling"
	"github.com/escalation-model/escalation/internal/tomlpos"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/observe"
	"github.com/escalation-model/escalation/sweep"
)

// Spec is a calibration as written in TOML.
type Spec struct {
	Name   string // a shipped spec's name, or the file's name without .toml
	Source string // as errors name it: "calibration NAME" or the file's path
	// Sweep holds the world and the runs (base, master_seed, ticks,
	// [fixed]), validated as a sweep spec's are; every simulation is one
	// run of it with the particle's values set.
	Sweep       *sweep.Spec
	Description string
	// TargetFile is the observed.json the calibration is fitted to
	// (escalate observe --json of the data), TargetReport its content.
	TargetFile   string
	TargetReport observe.Report
	Citation     string
	Statistics   []string // the statistics of the distance, in order
	Priors       []Prior
	Config       Config // the algorithm's settings; Priors filled in
	// BudgetParticles is the population of a reduced run (--budget).
	BudgetParticles int
	// Text is the spec's TOML, which the calibration's directory records.
	Text []byte
}

var (
	topKeys         = []string{"description", "base", "master_seed", "ticks", "fixed", "calibration", "prior"}
	calibrationKeys = []string{"target", "citation", "statistics", "particles", "generations", "quantile", "min_acceptance", "batch", "seed", "budget_particles"}
	priorKeys       = []string{"kind", "from", "to", "integer"}
)

// specs are the shipped calibration specs, assets/calibration/NAME.toml.
var specs = shipped.Specs{Kind: "calibration", FS: assets.Calibration, Dir: "calibration"}

// Shipped returns the names of the shipped calibration specs
// (assets/calibration/NAME.toml), sorted.
func Shipped() []string { return specs.Names() }

// Load reads the shipped spec with the given name, or else the TOML file
// at that path. Every mistake is a *tomlpos.Error naming the source and
// line.
func Load(nameOrFile string) (*Spec, error) {
	f, err := specs.Read(nameOrFile)
	if err != nil {
		return nil, err
	}
	if f.Shipped {
		return parse(f.Data, f.Source, f.Name, f.Dir, shippedFile)
	}
	return parse(f.Data, f.Source, f.Name, f.Dir, func(p string) (observe.Report, error) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(f.Dir, p)
		}
		return observe.ReadReport(p)
	})
}

// shippedFile reads a target shipped beside the shipped specs.
func shippedFile(p string) (observe.Report, error) {
	data, err := fs.ReadFile(assets.Calibration, path.Join("calibration", p))
	if err != nil {
		return observe.Report{}, fmt.Errorf("no shipped target %s", p)
	}
	return observe.ParseReport(data, p)
}

// parse reads a spec from TOML text; dir is the directory relative paths
// of a file's base are taken from; readTarget reads the file the target
// key names.
func parse(data []byte, source, name, dir string, readTarget func(string) (observe.Report, error)) (*Spec, error) {
	s := &Spec{Source: source, Name: name, Text: data}
	var doc map[string]any
	pos, err := tomlpos.Decode(data, &doc, tomlpos.Rules{ArrayTables: "arrays of tables ([[...]]) are not used in calibration specs"})
	if e := (*tomlpos.Error)(nil); errors.As(err, &e) {
		return nil, &tomlpos.Error{Source: source, Line: e.Line, Msg: e.Msg}
	}
	lines, tables := pos.Keys, pos.Tables
	errorf := tomlpos.Locator(source, lines)
	for _, k := range tomlpos.SortedKeys(doc, "", lines) {
		if !slices.Contains(topKeys, k) {
			hint := ""
			switch k {
			case "vary", "sample", "design", "replicates":
				hint = " (the calibration proposes the runs: give the parameters' priors in [prior])"
			case "outputs", "observe", "at":
				hint = " (a calibration keeps each run's observed statistics under the default observation settings, with no timed changes)"
			}
			return nil, errorf(k, "unknown key %q in a calibration spec%s%s: allowed %s", k, spelling.Suggest(k, topKeys), hint, strings.Join(topKeys, ", "))
		}
	}
	for _, t := range []string{"calibration", "prior"} {
		if _, ok := doc[t]; !ok {
			return nil, &tomlpos.Error{Source: source, Msg: fmt.Sprintf("lacks the table [%s]", t)}
		}
		if _, ok := doc[t].(map[string]any); !ok || tables[t] == 0 {
			return nil, errorf(t, "must be a table: write [%s] on a line of its own, then its keys", t)
		}
	}
	// The world and the runs are a sweep spec's: hand sweep.Parse the text
	// without the two tables of ours, line numbers kept.
	sw, err := sweep.Parse(tomlpos.BlankTables(data, tables, "calibration", "prior"), source, dir)
	if err != nil {
		return nil, err
	}
	sw.Name = name
	s.Sweep, s.Description = sw, sw.Description
	if err := s.decodeCalibration(doc["calibration"].(map[string]any), lines, errorf, readTarget); err != nil {
		return nil, err
	}
	if err := s.decodePriors(doc["prior"].(map[string]any), lines, errorf); err != nil {
		return nil, err
	}
	s.Config.Priors = s.Priors
	if err := s.Config.Validate(); err != nil {
		return nil, errorf("calibration", "%s", strings.TrimPrefix(err.Error(), "calibrate: config: "))
	}
	return s, nil
}

func (s *Spec) decodeCalibration(m map[string]any, lines map[string]int, errorf func(string, string, ...any) error, readTarget func(string) (observe.Report, error)) error {
	for _, k := range tomlpos.SortedKeys(m, "calibration.", lines) {
		if !slices.Contains(calibrationKeys, k) {
			return errorf("calibration."+k, "unknown key %q in [calibration]%s: allowed %s", k, spelling.Suggest(k, calibrationKeys), strings.Join(calibrationKeys, ", "))
		}
	}
	str := func(k string, required bool) (string, error) {
		v, ok := m[k]
		if !ok {
			if required {
				return "", errorf("calibration", "lacks %s", k)
			}
			return "", nil
		}
		x, isStr := v.(string)
		if !isStr || x == "" {
			return "", errorf("calibration."+k, "= %s: give a string", tomlpos.Text(v))
		}
		return x, nil
	}
	var err error
	if s.TargetFile, err = str("target", true); err != nil {
		return err
	}
	if s.TargetReport, err = readTarget(s.TargetFile); err != nil {
		return errorf("calibration.target", "= %q: %v", s.TargetFile, err)
	}
	if s.TargetReport.Scales == nil {
		return errorf("calibration.target", "= %q has no scales: write it with escalate observe --data ... --json (with a bootstrap)", s.TargetFile)
	}
	if s.Citation, err = str("citation", false); err != nil {
		return err
	}
	if err := s.decodeStatistics(m, errorf); err != nil {
		return err
	}
	c := &s.Config
	*c = Config{Particles: 200, Generations: 8, Quantile: 0.5, MinAcceptance: 0.02, Batch: 100, Seed: 1}
	s.BudgetParticles = 50
	for _, k := range []struct {
		name   string
		lo, hi int
		dst    *int
	}{{"particles", 2, 1_000_000, &c.Particles}, {"generations", 1, 1000, &c.Generations}, {"batch", 1, 1_000_000, &c.Batch}, {"budget_particles", 2, 1_000_000, &s.BudgetParticles}} {
		if err := intKey(m, k.name, k.lo, k.hi, k.dst, errorf); err != nil {
			return err
		}
	}
	var seed int
	if err := intKey(m, "seed", 0, math.MaxInt64, &seed, errorf); err != nil {
		return err
	}
	if _, ok := m["seed"]; ok {
		c.Seed = uint64(seed)
	}
	for _, k := range []struct {
		name   string
		lo, hi float64
		open   bool
		dst    *float64
	}{{"quantile", 0, 1, true, &c.Quantile}, {"min_acceptance", 0, 1, false, &c.MinAcceptance}} {
		v, ok := m[k.name]
		if !ok {
			continue
		}
		x, isNum := tomlpos.Number(v)
		if !isNum || !(x > k.lo || !k.open && x == k.lo) || !(x < k.hi) {
			return errorf("calibration."+k.name, "= %s: allowed a number above %s and below %s", tomlpos.Text(v), formatFloat(k.lo), formatFloat(k.hi))
		}
		*k.dst = x
	}
	return nil
}

func (s *Spec) decodeStatistics(m map[string]any, errorf func(string, string, ...any) error) error {
	v, ok := m["statistics"]
	if !ok {
		return errorf("calibration", "lacks statistics: name the pattern statistics of the distance, e.g. [\"top4_initiators_share\", \"reply_share\"]")
	}
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return errorf("calibration.statistics", "= %s: give a list of pattern statistics", tomlpos.Text(v))
	}
	var names []string
	for _, st := range observe.Statistics() {
		names = append(names, st.Name)
	}
	for _, x := range list {
		name, _ := x.(string)
		i := slices.Index(names, name)
		if i < 0 {
			return errorf("calibration.statistics", "%s is not a pattern statistic%s: allowed %s", tomlpos.Text(x), spelling.Suggest(name, names), strings.Join(names, ", "))
		}
		if slices.Contains(s.Statistics, name) {
			return errorf("calibration.statistics", "lists %s twice", name)
		}
		if sc := s.TargetReport.Scales[i]; math.IsNaN(s.TargetReport.Stats[i]) || math.IsNaN(sc) || sc <= 0 {
			return errorf("calibration.statistics", "%s has no observed value or scale in %s (a count, or undefined in the data): it cannot enter the distance", name, s.TargetFile)
		}
		s.Statistics = append(s.Statistics, name)
	}
	return nil
}

func (s *Spec) decodePriors(m map[string]any, lines map[string]int, errorf func(string, string, ...any) error) error {
	fixed := map[string]bool{}
	for _, f := range s.Sweep.Fixed {
		fixed[f.Name] = true
	}
	for _, name := range tomlpos.SortedKeys(m, "prior.", lines) {
		key := "prior." + name
		param, ok := model.Lookup(name)
		if !ok {
			return errorf(key, "unknown parameter %q%s: allowed the numeric parameters of escalate params", name, spelling.Suggest(name, model.Names()))
		}
		if param.Type != "float" && param.Type != "int" {
			return errorf(key, "%s is a %s: only numbers can be calibrated", name, param.Type)
		}
		if fixed[name] {
			return errorf(key, "%s is also in [fixed]: a parameter is either fixed or calibrated", name)
		}
		t, ok := m[name].(map[string]any)
		if !ok {
			return errorf(key, "= %s: give { kind = \"uniform\" or \"loguniform\", from = LOW, to = HIGH }", tomlpos.Text(m[name]))
		}
		for k := range t {
			if !slices.Contains(priorKeys, k) {
				return errorf(key, "unknown key %q in a prior%s: allowed %s", k, spelling.Suggest(k, priorKeys), strings.Join(priorKeys, ", "))
			}
		}
		kind, _ := t["kind"].(string)
		lo, okLo := tomlpos.Number(t["from"])
		hi, okHi := tomlpos.Number(t["to"])
		integer, _ := t["integer"].(bool)
		if _, given := t["integer"]; given {
			if _, isBool := t["integer"].(bool); !isBool {
				return errorf(key, "integer = %s: give true or false", tomlpos.Text(t["integer"]))
			}
		}
		if !okLo || !okHi {
			return errorf(key, "= %s: give from and to, numbers", tomlpos.Text(t))
		}
		if param.Type == "int" && !integer {
			return errorf(key, "%s is an integer parameter: add integer = true", name)
		}
		if lo < param.Min || hi > param.Max {
			return errorf(key, "from %s to %s leaves %s's range: allowed %s", formatFloat(lo), formatFloat(hi), name, param.Allowed())
		}
		p := Prior{Name: name, Kind: kind, Lo: lo, Hi: hi, Integer: integer}
		if err := p.Validate(); err != nil {
			return errorf(key, "%s", strings.TrimPrefix(err.Error(), "calibrate: "))
		}
		s.Priors = append(s.Priors, p)
	}
	if len(s.Priors) == 0 {
		return errorf("prior", "is empty: give at least one parameter's prior")
	}
	return nil
}

// intKey reads an optional integer key of m into dst.
func intKey(m map[string]any, name string, lo, hi int, dst *int, errorf func(string, string, ...any) error) error {
	v, ok := m[name]
	if !ok {
		return nil
	}
	n, isInt := v.(int64)
	if !isInt || n < int64(lo) || n > int64(hi) {
		return errorf("calibration."+name, "= %s: allowed an integer from %d to %d", tomlpos.Text(v), lo, hi)
	}
	*dst = int(n)
	return nil
}

// Target returns the calibration's target: the spec's statistics, their
// observed values and scales.
func (s *Spec) Target() Target {
	t := Target{Names: s.Statistics}
	for _, name := range s.Statistics {
		i := observe.Index(name)
		t.Observed = append(t.Observed, s.TargetReport.Stats[i])
		t.Scale = append(t.Scale, s.TargetReport.Scales[i])
	}
	return t
}

func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
