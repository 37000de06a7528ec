package recipe

import (
	"cmp"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/internal/spelling"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// ParseQuery reads a recipe from a page address's values (url.ParseQuery
// of what Query writes): scenario, which must be a preset (an address
// cannot name a file), seed (without one, or with a bad one, the
// scenario's seed), ticks, and every set and at. It is lenient,
// as a page must be: a bad value is left out, or the default of Default
// kept, and reported as an *Error in the Address form, so the recipe it
// returns always resolves. When a key that takes one value is given
// several times, the last counts; so does the last setting of a parameter
// (set=) and the last change of a parameter at a tick (at=), and ticks=
// over set=ticks=N: each one dropped is reported.
//
// Settings are applied in order, each checked as it is set (so that a bad
// one can be left out alone), then fit, when not nil, which may refuse a
// world (a page's limit on its size). Changes are ordered by tick, keeping
// the order given within a tick, and each is checked against the
// parameters in force at its tick.
func ParseQuery(values url.Values, fit func(*model.Params) error) (Recipe, []*Error) {
	r := Default()
	var errs []*Error
	if v, ok := last(values, KeyScenario); ok {
		if scenario.IsPreset(v) {
			r.Scenario = v
		} else {
			errs = append(errs, Address.errorf(KeyScenario, v, "not a preset%s: allowed %s", spelling.Suggest(v, scenario.Presets()), strings.Join(scenario.Presets(), ", ")))
		}
	}
	sc, err := scenario.Load(r.Scenario)
	if err != nil { // a shipped preset always loads
		errs = append(errs, Address.errorf(KeyScenario, r.Scenario, "%v", err))
		r.Scenario = Default().Scenario
		sc, _ = scenario.Load(r.Scenario)
	}
	r.Seed = sc.Seed
	if v, ok := last(values, KeySeed); ok {
		if seed, err := parseSeed(Address, v); err != nil {
			errs = append(errs, err)
		} else {
			r.Seed = seed
		}
	}
	ticksText, ticksGiven := last(values, KeyTicks)
	for _, text := range values[KeySet] {
		if s, err := parseSetting(Address, text); err == nil && s.Key == KeyTicks && ticksGiven {
			errs = append(errs, Address.errorf(KeySet, text, "the run's length is also given by %s, which is used", Address.name(KeyTicks, ticksText)))
			continue
		}
		if err := setQuery(&sc, &r, text, fit); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := dropEarlierSet(&r); err != nil {
			errs = append(errs, err)
		}
	}
	if ticksGiven {
		if err := ticksQuery(&sc, &r, ticksText); err != nil {
			errs = append(errs, err)
		}
	}
	var at []Change
	for _, text := range values[KeyAt] {
		c, err := parseChange(Address, text)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		at = append(at, c)
	}
	slices.SortStableFunc(at, func(a, b Change) int { return cmp.Compare(a.Tick, b.Tick) })
	p := sc.Params
	for _, c := range at {
		if err := checkChange(Address, c, &p); err != nil {
			errs = append(errs, err)
			continue
		}
		if i := slices.IndexFunc(r.At, func(x Change) bool { return x.Tick == c.Tick && x.Key == c.Key }); i >= 0 {
			errs = append(errs, Address.errorf(KeyAt, r.At[i].String(), "%s is changed again at tick %d by %s, which is used", c.Key, c.Tick, Address.name(KeyAt, c.String())))
			r.At = slices.Delete(r.At, i, i+1)
		}
		r.At = append(r.At, c)
	}
	return r, errs
}

// dropEarlierSet removes an earlier setting of the key r's last setting
// sets, and says so: in an address the last setting of a parameter counts.
func dropEarlierSet(r *Recipe) *Error {
	n := len(r.Sets) - 1
	s := r.Sets[n]
	i := slices.IndexFunc(r.Sets[:n], func(x Setting) bool { return x.Key == s.Key })
	if i < 0 {
		return nil
	}
	err := Address.errorf(KeySet, r.Sets[i].String(), "%s is set again by %s, which is used", s.Key, Address.name(KeySet, s.String()))
	r.Sets = slices.Delete(r.Sets, i, i+1)
	return err
}

// last returns the last value of key, trimmed.
func last(values url.Values, key string) (string, bool) {
	v := values[key]
	if len(v) == 0 {
		return "", false
	}
	return strings.TrimSpace(v[len(v)-1]), true
}

// setQuery applies set=key=value to sc and records it in r, or says why
// not.
func setQuery(sc *scenario.Scenario, r *Recipe, text string, fit func(*model.Params) error) *Error {
	s, err := parseSetting(Address, text)
	if err != nil {
		return err
	}
	trial := *sc
	if err := trial.Set(s.String()); err != nil {
		var se *scenario.Error
		msg := err.Error()
		if errors.As(err, &se) {
			msg = strings.TrimPrefix(se.Key+" "+se.Msg, " ")
		}
		return Address.errorf(KeySet, text, "%s", msg)
	}
	if fit != nil {
		if err := fit(&trial.Params); err != nil {
			return Address.errorf(KeySet, text, "%v", err)
		}
	}
	*sc = trial
	r.Sets = append(r.Sets, s)
	return nil
}

// ticksQuery applies ticks=N to sc and records it in r, or says why not.
func ticksQuery(sc *scenario.Scenario, r *Recipe, text string) *Error {
	n, err := parseTicks(Address, text)
	if err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	q := sc.Params
	if err := q.Set(KeyTicks, strconv.Itoa(n)); err != nil {
		return Address.errorf(KeyTicks, text, "%v", err)
	}
	sc.Params, r.Ticks = q, n
	return nil
}
