package recipe

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/escalation-model/escalation/scenario"
)

// KeyCompare is the address key of a page's second world: compare=key=value
// or compare=TICK:key=value, where key is a parameter, or the run's
// scenario or seed (compare=scenario=cyber-peace: the same seed in another
// preset; compare=seed=7: the same world with other luck).
const KeyCompare = "compare"

// Variant is a second run one change away from a recipe's: a setting from
// the start (key=value, as --set takes it; scenario=NAME and seed=N as
// --scenario and --seed take them) or, when Timed, a change before tick
// Tick (TICK:key=value, as --at takes it). The zero Variant is none.
type Variant struct {
	Timed bool
	Change
}

// String returns the variant as compare= takes it.
func (v Variant) String() string {
	if v.Timed {
		return v.Change.String()
	}
	return v.Setting().String()
}

// Setting returns the variant's key and value as a setting.
func (v Variant) Setting() Setting { return Setting{Key: v.Key, Value: v.Value} }

// None reports whether v is the zero Variant: no second run.
func (v Variant) None() bool { return v.Key == "" }

// ParseVariant parses a variant with the recipe's own parsers: TICK:key=value
// (ParseChange) when the text before its first '=' holds a ':', else
// key=value (ParseSetting). Errors quote the text as key's value in form f
// (compare=... in an address).
func ParseVariant(f Form, key, text string) (Variant, error) {
	k, _, _ := strings.Cut(text, "=")
	if strings.Contains(k, ":") {
		c, err := parseChange(f, text)
		if err != nil {
			return Variant{}, f.as(key, err)
		}
		return Variant{Timed: true, Change: c}, nil
	}
	s, err := parseSetting(f, text)
	if err != nil {
		return Variant{}, f.as(key, err)
	}
	return Variant{Change: Change{Key: s.Key, Value: s.Value}}, nil
}

// as quotes a setting's or a change's parse error as key's value, with
// its examples written for key.
func (f Form) as(key string, err *Error) *Error {
	e := *err
	e.Msg = strings.NewReplacer(f.example(KeySet), f.name(key, "attribution_skill=0.9"), f.example(KeyAt), f.name(key, "120:attribution_skill=0.9")).Replace(e.Msg)
	e.Key = key
	return &e
}

// With returns r with the variant v: a setting replaces r's settings of
// its key and comes last (--set key=value), a timed change replaces r's
// change of its key at its tick and comes last among that tick's changes
// (--at TICK:key=value), and scenario=NAME or seed=N replace r's scenario
// or seed, keeping its settings and changes. The result is resolved in
// form f to check it; an error says what is wrong with v, quoted as key's
// value. A variant cannot change the run's length: the two runs go day by
// day together.
func (r Recipe) With(f Form, key string, v Variant) (Recipe, error) {
	out := r.Clone()
	switch {
	case v.Key == KeyTicks:
		return r, f.errorf(key, v.String(), "the two runs must have the same length; compare another parameter")
	case v.Timed && (v.Key == KeyScenario || v.Key == KeySeed):
		return r, f.errorf(key, v.String(), "a run's %s is chosen before its first day; compare=%s=%s takes no day", v.Key, v.Key, v.Value)
	case v.Key == KeyScenario:
		out.Scenario = v.Value
	case v.Key == KeySeed:
		seed, err := parseSeed(f, v.Value)
		if err != nil {
			return r, f.errorf(key, v.String(), "%s", message(err))
		}
		out.Seed = seed
	case v.Timed:
		out.At = slices.DeleteFunc(out.At, func(c Change) bool { return c.Tick == v.Tick && c.Key == v.Key })
		i := len(out.At)
		for i > 0 && cmp.Compare(out.At[i-1].Tick, v.Tick) > 0 {
			i--
		}
		out.At = slices.Insert(out.At, i, v.Change)
	default:
		out.Sets = slices.DeleteFunc(out.Sets, func(s Setting) bool { return s.Key == v.Key })
		out.Sets = append(out.Sets, v.Setting())
	}
	if _, err := out.Resolve(f); err != nil {
		return r, f.errorf(key, v.String(), "%s", message(err))
	}
	return out, nil
}

// message is an error's text without its quotation of the input that
// caused it (a recipe's or a scenario's error), as setQuery words it.
func message(err error) string {
	var re *Error
	if errors.As(err, &re) {
		return re.Msg
	}
	var se *scenario.Error
	if errors.As(err, &se) {
		return strings.TrimPrefix(se.Key+" "+se.Msg, " ")
	}
	return err.Error()
}
