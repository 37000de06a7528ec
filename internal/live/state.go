package live

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// MaxActors is the most actors a page will simulate; larger worlds are for
// the command line.
const MaxActors = 20_000

// Setting is one parameter override, as given to escalate run --set.
type Setting struct {
	Key, Value string
}

// Change is a parameter change made during a run: Value is set with
// model.SetParam before tick Tick runs, as escalate run --at TICK:key=value
// does.
type Change struct {
	Tick       int
	Key, Value string
}

// State is what a page's address holds: enough to reproduce the run a
// reader saw, tick for tick, and a few presentation hints.
//
// The zero value is not meaningful; start from DefaultState.
type State struct {
	Scenario string    // a preset name
	Seed     uint64    // the run's seed
	Sets     []Setting // overrides applied to the preset, in order (--set)
	At       []Change  // changes during the run, by tick, in the order made (--at)
	Tick     int       // the last tick shown; -1 when none has run

	// Presentation only: they do not change the numbers.
	Speed   float64 // ticks per second; 0 means the default, Fastest as fast as possible
	Lecture bool    // lecturer mode: large type, high contrast
	Play    bool    // start playing once loaded
}

// Fastest is the Speed that runs as many ticks per frame as time allows.
const Fastest = -1

// DefaultState returns the state of a page opened with no address
// parameters: the default scenario, seed 1, nothing run.
func DefaultState() State {
	return State{Scenario: scenario.Default, Seed: 1, Tick: -1}
}

// Notice is a problem with a page address, in words for the reader. The
// page shows it and carries on with the default for that part.
type Notice struct {
	Key  string // the address parameter: scenario, seed, set, at, tick, speed, ...
	Text string
}

func (n Notice) String() string { return n.Text }

// ParseQuery reads a page address's query (with or without its leading
// '?', or a whole URL) into a State. Every bad value falls back to its
// default with a Notice saying what was wrong and what was used instead;
// ParseQuery never fails.
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
	one := func(key string) (string, bool) {
		v, ok := values[key]
		if !ok || len(v) == 0 {
			return "", false
		}
		if len(v) > 1 {
			note(key, "the address gives %s %d times; the last one, %q, is used", key, len(v), v[len(v)-1])
		}
		return strings.TrimSpace(v[len(v)-1]), true
	}
	known := map[string]bool{"scenario": true, "seed": true, "set": true, "at": true, "tick": true, "speed": true, "lecture": true, "play": true}
	var unknown []string
	for k := range values {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		note(k, "the address parameter %q is not one the page knows (scenario, seed, set, at, tick, speed, lecture, play); it is ignored", k)
	}

	if v, ok := one("scenario"); ok {
		if scenario.IsPreset(v) {
			st.Scenario = v
		} else {
			note("scenario", "scenario %q is not a preset (%s); showing %s", v, strings.Join(scenario.Presets(), ", "), scenario.Default)
		}
	}
	if v, ok := one("seed"); ok {
		if s, err := strconv.ParseUint(v, 10, 64); err == nil {
			st.Seed = s
		} else {
			note("seed", "seed %q is not a whole number from 0 to 18446744073709551615; using seed 1", v)
		}
	}
	sc, err := scenario.Load(st.Scenario)
	if err != nil { // a shipped preset always loads; guard anyway
		note("scenario", "scenario %s could not be loaded (%v); showing %s", st.Scenario, err, scenario.Default)
		st.Scenario = scenario.Default
		sc, _ = scenario.Load(st.Scenario)
	}
	for _, kv := range values["set"] {
		k, v, ok := strings.Cut(kv, "=")
		s := Setting{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)}
		if !ok || s.Key == "" {
			note("set", "set=%s is not key=value (e.g. set=attribution_skill=0.9); it is ignored", kv)
			continue
		}
		if err := applySetting(&sc, s); err != nil {
			note("set", "set=%s was not applied: %v", kv, err)
			continue
		}
		st.Sets = append(st.Sets, s)
	}
	for _, at := range values["at"] {
		c, err := ParseChange(at, sc.Params)
		if err != nil {
			note("at", "at=%s was not applied: %v", at, err)
			continue
		}
		st.At = append(st.At, c)
	}
	sort.SliceStable(st.At, func(i, j int) bool { return st.At[i].Tick < st.At[j].Tick })
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

// applySetting applies one override to sc as escalate run --set does, and
// keeps the world small enough for a page.
func applySetting(sc *scenario.Scenario, s Setting) error {
	trial := *sc
	if err := trial.Set(s.Key + "=" + s.Value); err != nil {
		var se *scenario.Error
		if errors.As(err, &se) {
			if se.Key != "" {
				return fmt.Errorf("%s %s", se.Key, se.Msg)
			}
			return errors.New(se.Msg)
		}
		return err
	}
	if n := trial.Params.Actors(); n > MaxActors {
		return fmt.Errorf("the world would have %d actors; the page simulates at most %d (use the command line for larger worlds)", n, MaxActors)
	}
	*sc = trial
	return nil
}

// ParseChange parses TICK:key=value and checks it against the run's
// parameters with the rules of escalate run --at: the tick is in the run,
// the key exists and is not structural, and the value is allowed.
func ParseChange(s string, p model.Params) (Change, error) {
	tickText, kv, ok := strings.Cut(s, ":")
	k, v, ok2 := strings.Cut(kv, "=")
	k = strings.TrimSpace(k)
	if !ok || !ok2 || k == "" {
		return Change{}, errors.New("expected TICK:key=value, e.g. 120:attribution_skill=0.9")
	}
	tick, err := strconv.Atoi(strings.TrimSpace(tickText))
	if err != nil || tick < 0 || tick >= p.Ticks {
		return Change{}, fmt.Errorf("tick %q must be a whole number from 0 to %d (the run has %d ticks)", tickText, p.Ticks-1, p.Ticks)
	}
	c := Change{Tick: tick, Key: k, Value: strings.TrimSpace(v)}
	return c, checkChange(c.Key, c.Value, p)
}

// checkChange reports whether key may change to value during a run.
func checkChange(key, value string, p model.Params) error {
	d, ok := model.Lookup(key)
	if !ok {
		return scenario.UnknownParam(key)
	}
	trial := p
	if err := trial.Set(key, value); err != nil {
		return err
	}
	if d.Structural {
		return fmt.Errorf("%s fixes the world's structure and cannot change during a run", key)
	}
	return trial.Validate()
}

// Resolve loads the state's scenario and applies its overrides. The state
// is assumed to come from ParseQuery or a Session, whose overrides are
// valid; an invalid one is an error.
func (st State) Resolve() (scenario.Scenario, error) {
	sc, err := scenario.Load(st.Scenario)
	if err != nil {
		return sc, err
	}
	for _, s := range st.Sets {
		if err := applySetting(&sc, s); err != nil {
			return sc, fmt.Errorf("set %s=%s: %w", s.Key, s.Value, err)
		}
	}
	return sc, nil
}

// queryEscape escapes a query value but leaves the characters of
// key=value and TICK:key=value readable.
func queryEscape(s string) string {
	e := url.QueryEscape(s)
	return strings.NewReplacer("%3A", ":", "%3D", "=", "%2C", ",").Replace(e)
}

// Query returns the address query (without '?') that reproduces the state:
// scenario, seed, every override and change, the tick, and the
// presentation hints that differ from the defaults.
func (st State) Query() string {
	var b strings.Builder
	add := func(k, v string) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(queryEscape(v))
	}
	add("scenario", st.Scenario)
	add("seed", strconv.FormatUint(st.Seed, 10))
	for _, s := range st.Sets {
		add("set", s.Key+"="+s.Value)
	}
	for _, c := range st.At {
		add("at", strconv.Itoa(c.Tick)+":"+c.Key+"="+c.Value)
	}
	if st.Tick >= 0 {
		add("tick", strconv.Itoa(st.Tick))
	}
	switch {
	case st.Speed == Fastest:
		add("speed", "max")
	case st.Speed > 0:
		add("speed", strconv.FormatFloat(st.Speed, 'g', -1, 64))
	}
	if st.Lecture {
		add("lecture", "1")
	}
	if st.Play {
		add("play", "1")
	}
	return b.String()
}

// Command returns the escalate run command line that replays the state's
// run: its ticks.csv row T holds the numbers the page shows at tick T.
func (st State) Command() string {
	return st.command(0)
}

// CommandTicks is Command limited to the first ticks ticks (--ticks), with
// only the changes made before then: the command whose output files equal
// the page's downloads after that many ticks.
func (st State) CommandTicks(ticks int) string {
	return st.command(ticks)
}

func (st State) command(ticks int) string {
	parts := []string{"escalate", "run", "--scenario", shellQuote(st.Scenario), "--seed", strconv.FormatUint(st.Seed, 10)}
	if ticks > 0 {
		parts = append(parts, "--ticks", strconv.Itoa(ticks))
	}
	for _, s := range st.Sets {
		parts = append(parts, "--set", shellQuote(s.Key+"="+s.Value))
	}
	for _, c := range st.At {
		if ticks > 0 && c.Tick >= ticks {
			continue
		}
		parts = append(parts, "--at", shellQuote(strconv.Itoa(c.Tick)+":"+c.Key+"="+c.Value))
	}
	return strings.Join(parts, " ")
}

// shellQuote quotes s for a POSIX shell when it needs it, as the command
// line's replay line does.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.=:/,+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
