package recipe

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// ParseSetting parses key=value, as --set and set= take it. Key and value
// are trimmed; whether the key is a parameter and the value allowed is
// checked when the recipe is resolved.
func ParseSetting(f Form, text string) (Setting, error) {
	s, err := parseSetting(f, text)
	if err != nil {
		return s, err
	}
	return s, nil
}

func parseSetting(f Form, text string) (Setting, *Error) {
	k, v, ok := strings.Cut(text, "=")
	s := Setting{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)}
	if !ok || s.Key == "" {
		return Setting{}, f.errorf(KeySet, text, "expected key=value, e.g. %s", f.example(KeySet))
	}
	return s, nil
}

// ParseChange parses TICK:key=value, as --at and at= take it. Tick, key
// and value are trimmed; whether the tick is in the run, the key a
// parameter that may change during a run and the value allowed is checked
// when the recipe is resolved (CheckChanges).
func ParseChange(f Form, text string) (Change, error) {
	c, err := parseChange(f, text)
	if err != nil {
		return c, err
	}
	return c, nil
}

func parseChange(f Form, text string) (Change, *Error) {
	tickText, kv, ok := strings.Cut(text, ":")
	k, v, ok2 := strings.Cut(kv, "=")
	k = strings.TrimSpace(k)
	if !ok || !ok2 || k == "" {
		return Change{}, f.errorf(KeyAt, text, "expected TICK:key=value, e.g. %s", f.example(KeyAt))
	}
	tickText = strings.TrimSpace(tickText)
	tick, err := strconv.Atoi(tickText)
	if err != nil {
		return Change{}, f.errorf(KeyAt, text, "tick %q is not an integer: allowed an integer from 0 to the run's last tick, e.g. %s", tickText, f.example(KeyAt))
	}
	return Change{Tick: tick, Key: k, Value: strings.TrimSpace(v)}, nil
}

// ParseSeed parses a seed: an unsigned 64-bit integer.
func ParseSeed(f Form, text string) (uint64, error) {
	seed, err := parseSeed(f, text)
	if err != nil {
		return seed, err
	}
	return seed, nil
}

func parseSeed(f Form, text string) (uint64, *Error) {
	seed, err := strconv.ParseUint(strings.TrimSpace(text), 10, 64)
	if err != nil {
		return 0, f.errorf(KeySeed, text, "not an unsigned integer: allowed an integer from 0 to 18446744073709551615")
	}
	return seed, nil
}

// ParseTicks parses a run's length, as --ticks and ticks= take it: an
// integer from 1 to the model's limit, or 0 for the scenario's length.
func ParseTicks(f Form, text string) (int, error) {
	n, err := parseTicks(f, text)
	if err != nil {
		return n, err
	}
	return n, nil
}

func parseTicks(f Form, text string) (int, *Error) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	switch {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return 0, f.errorf(KeyTicks, text, "not an integer: allowed %s", ticksAllowed())
	case err != nil || n < 0 || n > maxTicks():
		return 0, f.errorf(KeyTicks, text, "out of range: allowed %s", ticksAllowed())
	}
	return n, nil
}

// maxTicks is the longest run the model allows.
func maxTicks() int {
	d, _ := model.Lookup(KeyTicks)
	return int(d.Max)
}

// ticksAllowed describes a recipe's allowed lengths in words.
func ticksAllowed() string {
	return fmt.Sprintf("an integer from 1 to %d, or 0 for the scenario's length", maxTicks())
}

// checkTicks checks a recipe's length: 0 (the scenario's) or more, up to
// the model's limit.
func checkTicks(f Form, ticks int) error {
	if ticks < 0 || ticks > maxTicks() {
		return f.errorf(KeyTicks, strconv.Itoa(ticks), "out of range: allowed %s", ticksAllowed())
	}
	return nil
}

// Flags are a recipe's flags on a command line, as given: Define them on a
// flag.FlagSet, parse it, and Recipe reads them.
type Flags struct {
	scenario    string
	seed, ticks textFlag
	sets, ats   texts
}

// textFlag is a flag whose text Recipe parses once every flag is read, so
// that its errors name it as the other recipe errors do; it remembers
// whether it was given.
type textFlag struct {
	text, kind, allowed string
	given               bool
}

func (t *textFlag) String() string     { return t.text }
func (t *textFlag) Set(v string) error { t.text, t.given = v, true; return nil }

// Kind names the flag's type in a usage line: --seed uint.
func (t *textFlag) Kind() string { return t.kind }

// Allowed describes the flag's allowed values in words.
func (t *textFlag) Allowed() string { return t.allowed }

// texts is a repeatable flag's values, in order.
type texts []string

func (t *texts) String() string     { return strings.Join(*t, " ") }
func (t *texts) Set(v string) error { *t = append(*t, v); return nil }

// Define defines --scenario, --seed, --ticks, --set and --at on fs, with
// the defaults of Default; without --seed a run takes its scenario's seed.
func (fl *Flags) Define(fs *flag.FlagSet) {
	def := Default()
	fl.seed = textFlag{kind: "uint", allowed: "an integer from 0 to 18446744073709551615"} // default: the scenario's
	fl.ticks = textFlag{text: strconv.Itoa(def.Ticks), kind: "int", allowed: ticksAllowed()}
	fs.StringVar(&fl.scenario, KeyScenario, def.Scenario, "scenario preset name (see escalate scenarios) or TOML file")
	fs.Var(&fl.seed, KeySeed, "random seed; the same seed and parameters give byte-identical output (default: the scenario's seed, 1 unless it sets seed = N)")
	fs.Var(&fl.ticks, KeyTicks, "number of ticks (days) to run")
	fs.Var(&fl.sets, KeySet, "override one parameter, key=value (repeatable; see escalate params)")
	fs.Var(&fl.ats, KeyAt, "change a parameter during the run, TICK:key=value, before that tick runs (repeatable)")
}

// Recipe returns the recipe the flags give, its syntax checked: the seed
// is an unsigned integer, the ticks an allowed length, every --set
// key=value and every --at TICK:key=value, and nothing is given twice: a
// parameter set twice, the run's length given by --ticks and by --set
// ticks=N, or a parameter changed twice at the same tick. Resolve checks
// the rest. Without --seed it loads the scenario for its seed (an error
// is then the scenario's).
func (fl *Flags) Recipe() (Recipe, error) {
	r := Recipe{Scenario: fl.scenario}
	var err error
	if !fl.seed.given {
		sc, err := scenario.Load(r.Scenario)
		if err != nil {
			return Recipe{}, err
		}
		r.Seed = sc.Seed
	} else if r.Seed, err = ParseSeed(CommandLine, fl.seed.text); err != nil {
		return Recipe{}, err
	}
	if r.Ticks, err = ParseTicks(CommandLine, fl.ticks.text); err != nil {
		return Recipe{}, err
	}
	for _, t := range fl.sets {
		s, err := ParseSetting(CommandLine, t)
		if err != nil {
			return Recipe{}, err
		}
		r.Sets = append(r.Sets, s)
	}
	for _, t := range fl.ats {
		c, err := ParseChange(CommandLine, t)
		if err != nil {
			return Recipe{}, err
		}
		r.At = append(r.At, c)
	}
	if err := fl.once(r); err != nil {
		return Recipe{}, err
	}
	return r, nil
}

// once refuses a setting given twice on the command line: a parameter set
// twice (--set), the run's length by --ticks and --set ticks=N, or a
// parameter changed twice at the same tick (--at).
func (fl *Flags) once(r Recipe) error {
	for i, s := range r.Sets {
		if j := slices.IndexFunc(r.Sets[:i], func(x Setting) bool { return x.Key == s.Key }); j >= 0 {
			return CommandLine.errorf(KeySet, s.String(), "%s is also set by %s: set each parameter once", s.Key, CommandLine.name(KeySet, r.Sets[j].String()))
		}
		if s.Key == KeyTicks && fl.ticks.given {
			return CommandLine.errorf(KeySet, s.String(), "the run's length is also given by %s: give it once", CommandLine.name(KeyTicks, fl.ticks.text))
		}
	}
	for i, c := range r.At {
		if j := slices.IndexFunc(r.At[:i], func(x Change) bool { return x.Tick == c.Tick && x.Key == c.Key }); j >= 0 {
			return CommandLine.errorf(KeyAt, c.String(), "%s is also changed at tick %d by %s: change a parameter once per tick", c.Key, c.Tick, CommandLine.name(KeyAt, r.At[j].String()))
		}
	}
	return nil
}

// ParseArgs parses a recipe's flags (Args writes them): --scenario,
// --seed, --ticks, --set and --at, and nothing else.
func ParseArgs(args []string) (Recipe, error) {
	fs := flag.NewFlagSet("escalate run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var fl Flags
	fl.Define(fs)
	if err := fs.Parse(args); err != nil {
		return Recipe{}, err
	}
	if fs.NArg() > 0 {
		return Recipe{}, errors.New("unexpected argument " + strconv.Quote(fs.Arg(0)) + ": a recipe has only --scenario, --seed, --ticks, --set and --at")
	}
	return fl.Recipe()
}

// ParseCommand parses a replay command that Command wrote: escalate run
// and the recipe's flags, quoted for a POSIX shell.
func ParseCommand(line string) (Recipe, error) {
	words, err := Split(line)
	if err != nil {
		return Recipe{}, err
	}
	if len(words) < 2 || words[0] != "escalate" || words[1] != "run" {
		return Recipe{}, errors.New("not an escalate run command: " + line)
	}
	return ParseArgs(words[2:])
}

// Split splits a command line into its words as a POSIX shell does for
// what Quote writes: words separated by blanks, single quotes, and a
// backslash escaping the next character outside quotes.
func Split(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	in, quoted := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quoted && c == '\'':
			quoted = false
		case quoted:
			cur.WriteByte(c)
		case c == '\'':
			quoted, in = true, true
		case c == '\\' && i+1 < len(line):
			i++
			cur.WriteByte(line[i])
			in = true
		case c == ' ' || c == '\t' || c == '\n':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if quoted {
		return nil, errors.New("unterminated quote in " + line)
	}
	if in {
		words = append(words, cur.String())
	}
	return words, nil
}
