package sweep

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/internal/tomlpos"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/recipe"
)

// Timed changes. A spec's [at.TICK] tables change parameters during every
// run, before tick TICK runs, as escalate run --at TICK:key=value does:
//
//	[at.100]
//	hack_back = "free"
//
// and a timed change's value can be varied or sampled like a parameter's,
// under the name at.TICK.key (quoted or not):
//
//	[vary]
//	"at.100.hack_back" = ["illegal", "free"]
//
// (docs/sweeps.md, "Timed changes").

// Timed is a timed change made in every run of a sweep: parameter Name (or
// linked parameters) set to Value before tick Tick runs.
type Timed struct {
	Tick  int    `json:"tick"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

// atPrefix starts the name of a timed change's value: at.TICK.key.
const atPrefix = "at."

// timedName splits the name of a timed change's value, at.TICK.key, into
// its tick and key; ok is false for any other name.
func timedName(name string) (tick int, key string, ok bool) {
	rest, ok := strings.CutPrefix(name, atPrefix)
	if !ok {
		return 0, "", false
	}
	tickText, key, ok := strings.Cut(rest, ".")
	if !ok {
		return 0, "", false
	}
	tick, err := parseTick(tickText)
	return tick, key, err == nil
}

// timedKey is the name of the value of a change of key at tick.
func timedKey(tick int, key string) string { return atPrefix + strconv.Itoa(tick) + "." + key }

// parseTick reads a tick written as a TOML key: a whole number without
// sign or leading zeros, so that it is named one way.
func parseTick(text string) (int, error) {
	n, err := strconv.Atoi(text)
	if err != nil || n < 0 || strconv.Itoa(n) != text {
		return 0, fmt.Errorf("the tick %q is not a whole number written without sign or leading zeros: allowed an integer from 0 to the run's last tick, e.g. [at.100]", text)
	}
	return n, nil
}

// factorParam returns the parameter a factor name stands for: a parameter,
// linked parameters (link.go), or the value of a timed change, at.TICK.key,
// whose key must be allowed to change during a run. The parameter's Name
// is what setLinked sets: the name, or a timed change's key.
func factorParam(name string) (model.Param, error) {
	if !strings.HasPrefix(name, atPrefix) {
		return linkedParam(name)
	}
	rest := strings.TrimPrefix(name, atPrefix)
	tickText, key, ok := strings.Cut(rest, ".")
	if !ok {
		return model.Param{}, fmt.Errorf("%q is not the name of a timed change: write at.TICK.key, e.g. \"at.100.hack_back\"", name)
	}
	if _, err := parseTick(tickText); err != nil {
		return model.Param{}, fmt.Errorf("%s: %w", name, err)
	}
	p, err := linkedParam(key)
	if err != nil {
		return p, err
	}
	for _, n := range linkedNames(key) {
		if err := recipe.Changeable(n); err != nil {
			return p, err
		}
	}
	return p, nil
}

// claims returns the names a fixed or varied name sets, each of which a
// spec may give once: its parameters, or for a timed change's value
// at.TICK.parameter for each of its parameters.
func claims(name string) []string {
	tick, key, ok := timedName(name)
	if !ok {
		return linkedNames(name)
	}
	var out []string
	for _, n := range linkedNames(key) {
		out = append(out, timedKey(tick, n))
	}
	return out
}

// decodeAt reads the [at.TICK] tables: the timed changes of every run, by
// tick, each tick's in file order.
func (s *Spec) decodeAt(doc map[string]any) error {
	v, ok := doc["at"]
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return s.errorf("at", "must be tables of changes by tick, e.g. [at.100] followed by hack_back = \"free\"")
	}
	for _, tickText := range s.sortedKeys("at.", m) {
		key := "at." + tickText
		tick, err := parseTick(tickText)
		if err != nil {
			return s.errorf(key, "%v", err)
		}
		changes, ok := m[tickText].(map[string]any)
		if !ok {
			return s.errorf(key, "= %s: give the changes before tick %d as a table, e.g. [at.%d] followed by hack_back = \"free\"", tomlpos.Text(m[tickText]), tick, tick)
		}
		for _, k := range s.sortedKeys(key+".", changes) {
			name := key + "." + k
			p, err := s.param(name, name)
			if err != nil {
				return err
			}
			if _, isList := changes[k].([]any); isList {
				return s.errorf(name, "is a list: a timed change takes one value; to vary it, write %q = [...] in [vary]", name)
			}
			text, err := s.value(name, p, changes[k])
			if err != nil {
				return err
			}
			s.At = append(s.At, Timed{Tick: tick, Name: k, Value: text})
		}
	}
	slices.SortStableFunc(s.At, func(a, b Timed) int { return cmp.Compare(a.Tick, b.Tick) })
	return nil
}

// flattenAt returns a [vary] or [sample] table with its timed changes'
// values named at.TICK.key, however they were written: quoted, or as
// dotted keys (at.100.hack_back = [...]), which TOML nests.
func (s *Spec) flattenAt(table string, m map[string]any) (map[string]any, error) {
	at, ok := m["at"].(map[string]any)
	if !ok {
		return m, nil
	}
	out := make(map[string]any, len(m)+len(at))
	for k, v := range m {
		if k != "at" {
			out[k] = v
		}
	}
	for tickText, v := range at {
		changes, ok := v.(map[string]any)
		if !ok {
			return nil, s.errorf(table+".at."+tickText, "is not a timed change's value: write at.TICK.key, e.g. \"at.100.hack_back\"")
		}
		for k, x := range changes {
			name := "at." + tickText + "." + k
			if _, dup := out[name]; dup {
				return nil, s.errorf(table+"."+name, "is given twice (quoted and as dotted keys)")
			}
			out[name] = x
		}
	}
	return out, nil
}

// nameOnce checks that the spec names every parameter, and every timed
// change's parameter at each tick, once.
func (s *Spec) nameOnce() error {
	seen := map[string]string{}
	claim := func(name, key string) error {
		for _, n := range claims(name) {
			if prev, ok := seen[n]; ok && prev == n {
				return s.errorf(key, "%s is also given on line %d: name each parameter once", n, s.line(prev))
			} else if ok {
				return s.errorf(key, "%s is also given as %s (line %d): name each parameter once", n, prev, s.line(prev))
			}
			seen[n] = key
		}
		return nil
	}
	if s.Ticks > 0 {
		seen["ticks"] = "ticks"
	}
	var keys []string // the spec's keys that name parameters, in order
	for _, f := range s.Fixed {
		keys = append(keys, "fixed."+f.Name)
	}
	for _, t := range s.At {
		keys = append(keys, timedKey(t.Tick, t.Name))
	}
	for _, f := range s.Vary {
		keys = append(keys, "vary."+f.Name)
	}
	if s.Sample != nil {
		for _, r := range s.Sample.Ranges {
			keys = append(keys, "sample."+r.Name)
		}
	}
	for _, key := range keys {
		name := key
		if !strings.HasPrefix(key, atPrefix) {
			_, name, _ = strings.Cut(key, ".")
		}
		if err := claim(name, key); err != nil {
			return err
		}
	}
	return nil
}

// Changes returns the timed changes of a condition's runs: the spec's
// [at] changes, then the varied ones, in the order the driver makes them
// (by tick; within a tick, [at] in file order, then the factors in order).
func (p *Plan) Changes(condition int) []recipe.Change {
	var at []recipe.Change
	for _, t := range p.At {
		for _, n := range linkedNames(t.Name) {
			at = append(at, recipe.Change{Tick: t.Tick, Key: n, Value: t.Value})
		}
	}
	var values []string
	for j, c := range p.Factors {
		if tick, key, ok := timedName(c.Name); ok {
			if values == nil {
				values = p.Condition(condition)
			}
			for _, n := range linkedNames(key) {
				at = append(at, recipe.Change{Tick: tick, Key: n, Value: values[j]})
			}
		}
	}
	slices.SortStableFunc(at, func(a, b recipe.Change) int { return cmp.Compare(a.Tick, b.Tick) })
	return at
}

// timedSpecKey returns the spec key of a plan's timed change of key at
// tick: at.TICK.name for an [at] change, vary.at.TICK.name or
// sample.at.TICK.name for a varied one; "" when there is none.
func (p *Plan) timedSpecKey(s *Spec, tick int, key string) string {
	for _, t := range p.At {
		if t.Tick == tick && slices.Contains(linkedNames(t.Name), key) {
			return timedKey(t.Tick, t.Name)
		}
	}
	for _, f := range p.Factors {
		if t, k, ok := timedName(f.Name); ok && t == tick && slices.Contains(linkedNames(k), key) {
			if _, ok := s.lines["vary."+f.Name]; ok {
				return "vary." + f.Name
			}
			return "sample." + f.Name
		}
	}
	return ""
}

// fixedKey returns the spec key that fixes a claimed name (claims): its
// [fixed] parameter, or its [at] change; "" when none does.
func (s *Spec) fixedKey(name string) string {
	for _, f := range s.Fixed {
		if slices.Contains(claims(f.Name), name) {
			return "fixed." + f.Name
		}
	}
	for _, t := range s.At {
		if key := timedKey(t.Tick, t.Name); slices.Contains(claims(key), name) {
			return key
		}
	}
	return ""
}
