package sweep

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/recipe"
	"github.com/escalation-model/escalation/scenario"
)

// Plan is a sweep expanded into runs. Run i is replicate i mod Replicates
// of condition i / Replicates; its seed is model.RunSeed(MasterSeed, i). A
// Plan is saved in a sweep's directory as sweep.json, and everything the
// tables need comes from it and the journal.
type Plan struct {
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Base        string    `json:"base"` // preset name or scenario file, as --scenario takes it
	MasterSeed  uint64    `json:"master_seed"`
	Replicates  int       `json:"replicates"`
	Ticks       int       `json:"ticks"` // 0 keeps the base scenario's
	Fixed       []Setting `json:"fixed"`
	// At are the timed changes of every run, by tick ([at.TICK]).
	At []Timed `json:"at,omitempty"`
	// Factors are the varied parameters, the columns of a condition (see
	// Condition): a parameter, linked parameters, or a timed change's
	// value (at.TICK.key). A grid factor holds its levels.
	Factors []Column `json:"factors"`
	// Sample is the generator of the sampled factors' values (method,
	// points, ranges; a Latin hypercube is seeded by MasterSeed); nil when
	// nothing is sampled.
	Sample *Sample `json:"sample,omitempty"`
	// Custom holds the conditions of a design given as a list (NewPlan),
	// one value per factor, as text; nil for a spec's grid and sample,
	// whose conditions are computed from the factors' levels and Sample.
	Custom [][]string `json:"conditions,omitempty"`
	// Points names the file a design given as a list of points was read
	// from ([design] points), for the record; its rows are Custom.
	Points  string  `json:"points,omitempty"`
	Outputs Outputs `json:"outputs"`
	// Observe are the observation settings that [observe] changes, in its
	// order (see ObserveConfig); used when Outputs.Observed.
	Observe []Setting `json:"observe,omitempty"`
	// Headlines are the names of the model's headline metrics, in the
	// order of model.Totals.Headlines: the metric columns of every table.
	Headlines []string `json:"headlines"`
	// BaseParams are the base scenario's parameters (name, value), which
	// the hash covers so that a changed preset is noticed on resume.
	BaseParams [][2]string `json:"base_parameters"`

	base scenario.Scenario // loaded base; zero when read from sweep.json
	lhs  [][]float64       // the Latin hypercube's points, made on first use
}

// Column describes a varied parameter.
type Column struct {
	Name   string `json:"name"`
	Type   string `json:"type"`   // "float", "int" or "choice" (model.Param.Type)
	Design string `json:"design"` // "grid", "sobol", "lhs", "points" or "custom"
	// Values are a grid factor's levels, in the spec's order.
	Values []string `json:"values,omitempty"`
}

// Runs returns the number of runs.
func (p *Plan) Runs() int { return p.NumConditions() * p.Replicates }

// RunInfo describes one run of a plan.
type RunInfo struct {
	Index     int
	Condition int
	Replicate int
	Seed      uint64
}

// Run returns run number i.
func (p *Plan) Run(i int) RunInfo {
	return RunInfo{Index: i, Condition: i / p.Replicates, Replicate: i % p.Replicates, Seed: model.RunSeed(p.MasterSeed, uint64(i))}
}

// Sets returns the settings of a condition's runs (--set key=value): the
// fixed parameters, then the varied ones, in the spec's order.
func (p *Plan) Sets(condition int) []recipe.Setting {
	out := make([]recipe.Setting, 0, len(p.Fixed)+len(p.Factors))
	values := p.Condition(condition)
	for _, f := range p.Fixed {
		for _, n := range linkedNames(f.Name) {
			out = append(out, recipe.Setting{Key: n, Value: f.Value})
		}
	}
	for j, c := range p.Factors {
		if _, _, timed := timedName(c.Name); timed {
			continue
		}
		for _, n := range linkedNames(c.Name) {
			out = append(out, recipe.Setting{Key: n, Value: values[j]})
		}
	}
	return out
}

// Recipe returns run i's recipe: the base, the run's seed, the plan's
// ticks, its condition's settings (Sets) and timed changes (Changes).
func (p *Plan) Recipe(i int) recipe.Recipe {
	r := p.Run(i)
	return recipe.Recipe{Scenario: p.Base, Seed: r.Seed, Ticks: p.Ticks, Sets: p.Sets(r.Condition), At: p.Changes(r.Condition)}
}

// Command returns the `escalate run` command line that replays run i: the
// same model run, byte for byte (write --out to keep its files apart).
func (p *Plan) Command(i int) string {
	return p.Recipe(i).Command() + p.observeArgs()
}

// Params returns the parameters of a condition, set exactly as escalate run
// sets them from the replay command (recipe.Recipe.Resolve): the base
// scenario, then the settings in order, then the ticks; and it checks the
// condition's timed changes against them.
//
// A plan read from sweep.json loads its base on the first call, so call it
// once before calling it from several goroutines.
func (p *Plan) Params(condition int) (model.Params, error) {
	if p.base.Name == "" {
		sc, err := scenario.Load(p.Base)
		if err != nil {
			return model.Params{}, err
		}
		p.base = sc
	}
	p.prepare()
	r := recipe.Recipe{Scenario: p.Base, Ticks: p.Ticks, Sets: p.Sets(condition), At: p.Changes(condition)}
	sc, err := r.Apply(recipe.CommandLine, p.base)
	return sc.Params, err
}

// Plan expands the spec: the grid of Vary (the first factor varying
// slowest) crossed with the sample's points, and checks that every
// condition's parameters are valid together. A condition that is not is a
// *SpecError naming the spec's line.
func (s *Spec) Plan() (*Plan, error) {
	if s.Points != nil {
		return s.pointsPlan()
	}
	p := s.planHead()
	for _, f := range s.Vary {
		p.Factors = append(p.Factors, Column{Name: f.Name, Type: paramType(f.Name), Design: "grid", Values: slices.Clone(f.Values)})
	}
	if smp := s.Sample; smp != nil {
		for _, r := range smp.Ranges {
			p.Factors = append(p.Factors, Column{Name: r.Name, Type: paramType(r.Name), Design: smp.Method})
		}
		p.Sample = &Sample{Method: smp.Method, Points: smp.Points, Ranges: slices.Clone(smp.Ranges)}
	}
	if err := p.check(s); err != nil {
		return nil, err
	}
	return p, nil
}

// planHead returns a plan with the spec's settings and no conditions.
func (s *Spec) planHead() *Plan {
	p := &Plan{
		Name: s.Name, Description: s.Description, Base: s.Base, MasterSeed: s.MasterSeed,
		Replicates: s.Replicates, Ticks: s.Ticks, Fixed: slices.Clone(s.Fixed), At: slices.Clone(s.At), Outputs: s.Outputs, Observe: slices.Clone(s.Observe),
		Headlines: headlineNames(),
	}
	if p.Outputs.Metrics == nil {
		p.Outputs.Metrics = DefaultMetrics()
	}
	if p.Fixed == nil {
		p.Fixed = []Setting{}
	}
	return p
}

// NewPlan returns a plan that runs the spec's base, fixed parameters,
// replicates, seed, ticks and outputs over the given conditions of the
// named parameters instead of the spec's own design (for designs such as
// Morris trajectories). Each condition holds one value per parameter, as
// text; conditions may repeat.
func NewPlan(s *Spec, params []string, conditions [][]string) (*Plan, error) {
	p := s.planHead()
	for _, name := range params {
		if _, err := factorParam(name); err != nil {
			return nil, &SpecError{Source: s.Source, Msg: err.Error()}
		}
		for _, n := range claims(name) {
			if key := s.fixedKey(n); key != "" {
				return nil, &SpecError{Source: s.Source, Line: s.line(key), Key: key, Msg: n + " is fixed and also varied by the design"}
			}
		}
		p.Factors = append(p.Factors, Column{Name: name, Type: paramType(name), Design: "custom"})
	}
	for i, c := range conditions {
		if len(c) != len(params) {
			return nil, fmt.Errorf("sweep: condition %d has %d values for %d parameters", i, len(c), len(params))
		}
	}
	p.Custom = conditions
	if p.Custom == nil {
		p.Custom = [][]string{}
	}
	if err := p.check(s); err != nil {
		return nil, err
	}
	return p, nil
}

func paramType(name string) string {
	d, _ := lookupFactor(name)
	return d.Type
}

// check loads the base and builds every condition's parameters, as the
// replay command would; a failure names the spec's line.
func (p *Plan) check(s *Spec) error {
	sc, err := scenario.Load(p.Base)
	if err != nil {
		return &SpecError{Source: s.Source, Line: s.line("base"), Key: "base", Msg: err.Error()}
	}
	p.base = sc
	p.BaseParams = sc.Params.Values()
	n := p.NumConditions()
	if n == 0 {
		return &SpecError{Source: s.Source, Msg: "the sweep has no conditions"}
	}
	if n > maxRuns || p.Runs() > maxRuns {
		return &SpecError{Source: s.Source, Line: s.line("replicates"), Msg: fmt.Sprintf("%d conditions × %d replicates is more than %d runs", n, p.Replicates, maxRuns)}
	}
	for c := range n {
		if _, err := p.Params(c); err != nil {
			return p.conditionError(s, c, err)
		}
	}
	return nil
}

// conditionError locates the failure of a condition's parameters at the
// line of the spec's key that gave the failing setting or timed change.
func (p *Plan) conditionError(s *Spec, c int, err error) error {
	key := ""
	var se *scenario.Error
	var re *recipe.Error
	switch {
	case errors.As(err, &se):
		key = p.settingSpecKey(s, se)
		err = errors.New(se.Msg)
	case errors.As(err, &re) && re.Key == recipe.KeyAt:
		if ch, perr := recipe.ParseChange(recipe.CommandLine, re.Text); perr == nil {
			key = p.timedSpecKey(s, ch.Tick, ch.Key)
		}
		if key != "" {
			err = fmt.Errorf("%s: %s", key, re.Msg)
		}
	}
	var vals []string
	values := p.Condition(c)
	for j, f := range p.Factors {
		vals = append(vals, f.Name+" = "+values[j])
	}
	msg := err.Error()
	if len(vals) > 0 {
		msg = fmt.Sprintf("condition %d (%s): %v", c, strings.Join(vals, ", "), err)
	}
	return &SpecError{Source: s.Source, Line: s.line(key), Msg: msg}
}

// settingSpecKey returns the spec key of the setting a scenario error is
// about: the --set it names, or for a rule that ties several together the
// first parameter its message names that the spec sets.
func (p *Plan) settingSpecKey(s *Spec, se *scenario.Error) string {
	kv := strings.TrimPrefix(se.Source, "--set ")
	name, _, _ := strings.Cut(kv, "=")
	names := []string{name}
	if strings.Contains(kv, " --set ") {
		names = nil
		words := strings.Fields(se.Msg)
		for i := 0; i+1 < len(words); i++ {
			if words[i+1] == "=" {
				names = append(names, words[i])
			}
		}
	}
	for _, name := range names {
		if key := s.fixedKey(name); strings.HasPrefix(key, "fixed.") {
			return key
		}
		if i := slices.IndexFunc(p.Factors, func(f Column) bool { return slices.Contains(linkedNames(f.Name), name) }); i >= 0 {
			if key := "vary." + p.Factors[i].Name; s.lines[key] > 0 {
				return key
			}
			return "sample." + p.Factors[i].Name
		}
		if name == "ticks" && s.Ticks > 0 {
			return "ticks"
		}
	}
	return ""
}

// Hash returns the SHA-256 of everything that decides the runs and what
// the journal holds: the base scenario's parameters, the fixed ones, the
// timed changes (left out when there are none), the factors with their
// levels, the sample's generator, a custom design's conditions (a points
// file's rows), replicates, master seed, ticks, the outputs kept, the
// headline metrics and, when the runs keep observed statistics, every
// observation setting's value (left out otherwise). It covers
// the description from which the conditions are computed, not the
// conditions one by one, so it costs the same for any number of runs; its
// format number changes whenever the computation of the conditions from
// the description does (a generator, the order of the grid). Names,
// descriptions and figure options are left out, so a sweep resumes or
// merges under a renamed spec.
func (p *Plan) Hash() string {
	v := struct {
		Format     int         `json:"format"`
		Base       string      `json:"base"`
		BaseParams [][2]string `json:"base_parameters"`
		MasterSeed uint64      `json:"master_seed"`
		Replicates int         `json:"replicates"`
		Ticks      int         `json:"ticks"`
		Fixed      []Setting   `json:"fixed"`
		At         []Timed     `json:"at,omitempty"`
		Factors    []Column    `json:"factors"`
		Sample     *Sample     `json:"sample,omitempty"`
		Custom     [][]string  `json:"conditions,omitempty"`
		Series     bool        `json:"series"`
		Sizes      bool        `json:"cascade_sizes"`
		Headlines  []string    `json:"headlines"`
		Observed   bool        `json:"observed,omitempty"`
		Observe    [][2]string `json:"observation,omitempty"`
	}{hashFormat, p.Base, p.BaseParams, p.MasterSeed, p.Replicates, p.Ticks, p.Fixed, p.At, p.Factors, p.Sample, p.Custom,
		p.Outputs.Series, p.Outputs.CascadeSizes, p.Headlines, p.Outputs.Observed, p.observation()}
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// hashFormat is the format of what Hash covers: 2 since the plan holds
// the description of its conditions rather than their list (format 1).
const hashFormat = 2

// Execute runs run i to the end and returns its result. It checks ctx
// every 64 ticks and returns ctx's error when it is done.
func (p *Plan) Execute(ctx context.Context, i int) (*Result, error) {
	r := p.Run(i)
	params, err := p.Params(r.Condition)
	if err != nil {
		return nil, err
	}
	return new(runner).execute(ctx, p, r, params, p.Changes(r.Condition))
}
