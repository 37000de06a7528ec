package live

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/recipe"
	"github.com/escalation-model/escalation/scenario"
)

// MaxActors is the most actors a page will simulate; larger worlds are for
// the command line.
const MaxActors = 20_000

// State is what a page's address holds: the run's recipe, enough to
// reproduce the run a reader saw tick for tick, and a few presentation
// hints.
//
// The zero value is not meaningful; start from DefaultState.
type State struct {
	// Recipe is the run: a preset, its seed, its length (0 for the
	// preset's), the overrides applied to the preset in order (set=, as
	// --set) and the changes during the run by tick, in the order made
	// (at=, as --at).
	recipe.Recipe
	Tick int // the last tick shown; -1 when none has run

	// Compare is a second world shown beside the first: the same run with
	// one change (compare=); none when zero.
	Compare recipe.Variant

	// Presentation only: they do not change the numbers.
	Speed   float64 // ticks per second; 0 means the default, Fastest as fast as possible
	Lecture bool    // lecturer mode: large type, high contrast
	Play    bool    // start playing once loaded
	Tour    string  // the guided tour's chapter open (tour=ID or tour=N), "" for none
	// AnswersOnly draws only the arcs of answers (hack backs,
	// retaliations, vigilante strikes, counter-strikes), pre-emptive
	// strikes and acts that hit an innocent: arcs=answers.
	AnswersOnly bool
}

// Arcs filters of the address (arcs=): every act, or answers and
// innocent hits only.
const (
	ArcsAll     = "all"
	ArcsAnswers = "answers"
)

// AnswersOnly reads an arcs filter (ArcsAll or ArcsAnswers): whether the
// maps draw answers, pre-emptive strikes and innocent hits only; any other
// value is an error naming the allowed ones.
func AnswersOnly(arcs string) (bool, error) {
	switch arcs {
	case ArcsAll, ArcsAnswers:
		return arcs == ArcsAnswers, nil
	}
	return false, fmt.Errorf("arcs %q: allowed %s or %s", arcs, ArcsAll, ArcsAnswers)
}

// Fastest is the Speed that runs as many ticks per frame as time allows.
const Fastest = -1

// DefaultState returns the state of a page opened with no address
// parameters: the default scenario at its seed, nothing run.
func DefaultState() State {
	return State{Recipe: recipe.Default(), Tick: -1}
}

// Notice is a problem with a page address, in words for the reader. The
// page shows it and carries on with the default for that part.
type Notice struct {
	Key  string // the address parameter: scenario, seed, set, at, tick, speed, ...
	Text string
}

func (n Notice) String() string { return n.Text }

// pageKeys are the address parameters the page reads besides the recipe's.
var pageKeys = []string{recipe.KeyCompare, "tick", "speed", "lecture", "play", "tour", "arcs"}

// fallback says what a page uses instead of a bad recipe value.
var fallback = map[string]string{
	recipe.KeyScenario: "showing " + scenario.Default,
	recipe.KeySeed:     "using the scenario's seed",
	recipe.KeyTicks:    "using the scenario's length",
	recipe.KeySet:      "it is ignored",
	recipe.KeyAt:       "it is ignored",
	recipe.KeyCompare:  "showing one world",
}

// ParseQuery reads a page address's query (with or without its leading
// '?', or a whole URL) into a State. Every bad value falls back to its
// default with a Notice saying what was wrong and what was used instead;
// ParseQuery never fails. The recipe is read by recipe.ParseQuery, with
// the page's limit on the world's size.
func ParseQuery(query string) (State, []Notice) {
	st := DefaultState()
	var notes []Notice
	note := func(key, format string, args ...any) {
		notes = append(notes, Notice{Key: key, Text: fmt.Sprintf(format, args...)})
	}
	if i := strings.IndexByte(query, '?'); i >= 0 {
		query = query[i+1:]
	}
	if i := strings.IndexByte(query, '#'); i >= 0 {
		query = query[:i]
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		note("", "part of the address could not be read (%v); the readable parts are used", err)
	}
	known := append(recipe.Keys(), pageKeys...)
	keys := slices.Sorted(maps.Keys(values))
	for _, k := range keys {
		switch {
		case !slices.Contains(known, k):
			note(k, "the address parameter %q is not one the page knows (%s); it is ignored", k, strings.Join(known, ", "))
		case k != recipe.KeySet && k != recipe.KeyAt && len(values[k]) > 1:
			v := values[k]
			note(k, "the address gives %s %d times; the last one, %q, is used", k, len(v), strings.TrimSpace(v[len(v)-1]))
		}
	}
	r, errs := recipe.ParseQuery(values, fits)
	for _, e := range errs {
		note(e.Key, "%v; %s", e, fallback[e.Key])
	}
	st.Recipe = r
	sc, err := st.Resolve()
	if err != nil { // ParseQuery's recipe resolves; guard anyway
		note("", "the run could not be set up (%v); showing %s", err, scenario.Default)
		st.Recipe = recipe.Default()
		sc, _ = st.Resolve()
	}
	one := func(key string) (string, bool) {
		v := values[key]
		if len(v) == 0 {
			return "", false
		}
		return strings.TrimSpace(v[len(v)-1]), true
	}
	if v, ok := one(recipe.KeyCompare); ok {
		st.Compare, notes = compareQuery(st, v, notes)
	}
	if v, ok := one("tick"); ok {
		t, err := strconv.Atoi(v)
		switch {
		case err != nil || t < -1:
			note("tick", "tick %q is not a tick of the run (0 to %d); starting at the beginning", v, sc.Params.Ticks-1)
		case t >= sc.Params.Ticks:
			note("tick", "tick %d is past the end of the run (it has %d ticks, 0 to %d); showing the last tick", t, sc.Params.Ticks, sc.Params.Ticks-1)
			st.Tick = sc.Params.Ticks - 1
		default:
			st.Tick = t
		}
	}
	if v, ok := one("speed"); ok {
		if v == "max" {
			st.Speed = Fastest
		} else if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 && s <= 10000 {
			st.Speed = s
		} else {
			note("speed", "speed %q is not a number of ticks per second from 0 to 10000, nor max; using the default", v)
		}
	}
	if v, ok := one("lecture"); ok {
		st.Lecture = parseFlag(v, "lecture", note)
	}
	if v, ok := one("play"); ok {
		st.Play = parseFlag(v, "play", note)
	}
	if v, ok := one("tour"); ok {
		st.Tour = v // the page checks it against the tour's chapters
	}
	if v, ok := one("arcs"); ok {
		only, err := AnswersOnly(v)
		if err != nil {
			note("arcs", "arcs=%s should be %s or %s; showing every act", v, ArcsAll, ArcsAnswers)
		}
		st.AnswersOnly = only
	}
	return st, notes
}

func parseFlag(v, key string, note func(key, format string, args ...any)) bool {
	switch strings.ToLower(v) {
	case "1", "true", "yes", "on", "":
		return true
	case "0", "false", "no", "off":
		return false
	}
	note(key, "%s=%s should be 1 or 0; it is off", key, v)
	return false
}

// compareQuery reads compare=text against the run st holds: the variant,
// or none with a notice of what is wrong.
func compareQuery(st State, text string, notes []Notice) (recipe.Variant, []Notice) {
	v, err := recipe.ParseVariant(recipe.Address, recipe.KeyCompare, text)
	if err == nil {
		st.Compare = v
		_, err = st.Other()
	}
	if err != nil {
		return recipe.Variant{}, append(notes, Notice{Key: recipe.KeyCompare, Text: err.Error() + "; " + fallback[recipe.KeyCompare]})
	}
	return v, notes
}

// Other returns the state of the second world, st's run with its Compare
// variant (recipe.Recipe.With), at st's tick and without a variant of its
// own; an error says why the variant cannot apply (in the address's words)
// or that the second world does not fit a page.
func (st State) Other() (State, error) {
	if st.Compare.None() {
		return st, fmt.Errorf("the run compares no second world")
	}
	r, err := st.Recipe.With(recipe.Address, recipe.KeyCompare, st.Compare)
	if err != nil {
		return st, err
	}
	b := st
	b.Recipe, b.Compare = r, recipe.Variant{}
	if _, err := b.Resolve(); err != nil {
		return st, fmt.Errorf("%s: %v", "compare="+st.Compare.String(), err)
	}
	return b, nil
}

// fits refuses a world too large for a page.
func fits(p *model.Params) error {
	if n := p.Actors(); n > MaxActors {
		return fmt.Errorf("the world would have %d actors; the page simulates at most %d (use the command line for larger worlds)", n, MaxActors)
	}
	return nil
}

// Resolve loads the state's scenario and applies its overrides and length
// (recipe.Recipe.Resolve), and checks that the world fits a page. The
// state is assumed to come from ParseQuery or a Session, whose recipe is
// valid; an invalid one is an error.
func (st State) Resolve() (scenario.Scenario, error) {
	sc, err := st.Recipe.Resolve(recipe.Address)
	if err != nil {
		return sc, err
	}
	return sc, fits(&sc.Params)
}

// Query returns the address query (without '?') that reproduces the state:
// its recipe (recipe.Recipe.Query), the tick, and the presentation hints
// that differ from the defaults.
func (st State) Query() string {
	var b strings.Builder
	b.WriteString(st.Recipe.Query())
	if !st.Compare.None() {
		recipe.AppendQuery(&b, recipe.KeyCompare, st.Compare.String())
	}
	if st.Tick >= 0 {
		recipe.AppendQuery(&b, "tick", strconv.Itoa(st.Tick))
	}
	switch {
	case st.Speed == Fastest:
		recipe.AppendQuery(&b, "speed", "max")
	case st.Speed > 0:
		recipe.AppendQuery(&b, "speed", strconv.FormatFloat(st.Speed, 'g', -1, 64))
	}
	if st.Lecture {
		recipe.AppendQuery(&b, "lecture", "1")
	}
	if st.Play {
		recipe.AppendQuery(&b, "play", "1")
	}
	if st.Tour != "" {
		recipe.AppendQuery(&b, "tour", st.Tour)
	}
	if st.AnswersOnly {
		recipe.AppendQuery(&b, "arcs", ArcsAnswers)
	}
	return b.String()
}

// Command returns the escalate run command line that replays the state's
// run: its ticks.csv row T holds the numbers the page shows at tick T.
func (st State) Command() string {
	return st.Recipe.Command()
}

// CommandTicks is Command limited to the first ticks ticks (--ticks), with
// only the changes made before then: the command whose output files equal
// the page's downloads after that many ticks.
func (st State) CommandTicks(ticks int) string {
	return st.runOf(ticks).Command()
}

// runOf returns the recipe of the state's first ticks ticks (its whole run
// when ticks is 0).
func (st State) runOf(ticks int) recipe.Recipe {
	r := st.Recipe.Clone()
	if ticks > 0 {
		r.Ticks, r.At = ticks, r.Before(ticks)
	}
	return r
}
