package recipe

import (
	"cmp"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// ParseQuery reads a recipe from a page address's values (url.ParseQuery
// of what Query writes): scenario, which must be a preset (an address
// cannot name a file), seed, ticks, and every set and at. It is lenient,
// as a page must be: a bad value is left out, or the default of Default
// kept, and reported as an *Error in the Address form, so the recipe it
// returns always resolves. When a key that takes one value is given
// several times, the last counts.
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
			errs = append(errs, Address.errorf(KeyScenario, v, "not a preset: allowed %s", strings.Join(scenario.Presets(), ", ")))
		}
	}
	if v, ok := last(values, KeySeed); ok {
		if seed, err := parseSeed(Address, v); err != nil {
			errs = append(errs, err)
		} else {
			r.Seed = seed
		}
	}
	sc, err := scenario.Load(r.Scenario)
	if err != nil { // a shipped preset always loads
		errs = append(errs, Address.errorf(KeyScenario, r.Scenario, "%v", err))
		r.Scenario = Default().Scenario
		sc, _ = scenario.Load(r.Scenario)
	}
	for _, text := range values[KeySet] {
		if err := setQuery(&sc, &r, text, fit); err != nil {
			errs = append(errs, err)
		}
	}
	if v, ok := last(values, KeyTicks); ok {
		if err := ticksQuery(&sc, &r, v); err != nil {
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
		r.At = append(r.At, c)
	}
	return r, errs
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
	n, err := strconv.Atoi(text)
	if err != nil || n < 0 {
		return Address.errorf(KeyTicks, text, "%s", badTicks)
	}
	if n == 0 {
		return nil
	}
	q := sc.Params
	if err := q.Set(KeyTicks, text); err != nil {
		return Address.errorf(KeyTicks, text, "%v", err)
	}
	sc.Params, r.Ticks = q, n
	return nil
}
