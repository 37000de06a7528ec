package recipe

import (
	"fmt"
	"net/url"
	"strings"
)

// Form is the way a recipe is written, which errors quote: escalate run's
// command line or a page address.
type Form int

// The forms of a recipe.
const (
	CommandLine Form = iota // --scenario NAME --seed N --ticks N --set key=value --at TICK:key=value
	Address                 // scenario=NAME&seed=N&ticks=N&set=key=value&at=TICK:key=value
)

// The keys of a recipe: its flags on the command line (--at), its
// parameters in an address (at=).
const (
	KeyScenario = "scenario"
	KeySeed     = "seed"
	KeyTicks    = "ticks"
	KeySet      = "set"
	KeyAt       = "at"
)

// Keys returns the keys of a recipe, in the order it is written.
func Keys() []string { return []string{KeyScenario, KeySeed, KeyTicks, KeySet, KeyAt} }

// name writes key and its text as the input wrote them: --at 12:hotline=1
// or at=12:hotline=1.
func (f Form) name(key, text string) string {
	if f == Address {
		return key + "=" + queryEscape(text)
	}
	return "--" + key + " " + Quote(text)
}

// Error is a mistake in a recipe's input, quoted as it was written, with
// what is wrong and what is allowed:
//
//	--at 12key=3: expected TICK:key=value, e.g. --at 120:attribution_skill=0.9
//	at=400:hotline=0.5: tick 400 is outside the run: allowed an integer from 0 to 364 (the run has 365 ticks)
type Error struct {
	Form Form
	Key  string // KeyScenario, KeySeed, KeyTicks, KeySet or KeyAt
	Text string // the value as given
	Msg  string
}

func (e *Error) Error() string { return e.Form.name(e.Key, e.Text) + ": " + e.Msg }

func (f Form) errorf(key, text, format string, args ...any) *Error {
	return &Error{Form: f, Key: key, Text: text, Msg: fmt.Sprintf(format, args...)}
}

// example is an input of key in the form, for messages.
func (f Form) example(key string) string {
	switch key {
	case KeySet:
		return f.name(key, "attribution_skill=0.9")
	case KeyAt:
		return f.name(key, "120:attribution_skill=0.9")
	}
	return f.name(key, "")
}

// queryEscape escapes an address value but leaves the characters of
// key=value and TICK:key=value readable.
func queryEscape(s string) string {
	e := url.QueryEscape(s)
	return strings.NewReplacer("%3A", ":", "%3D", "=", "%2C", ",").Replace(e)
}

// Quote quotes s for a POSIX shell when it needs it: a word of letters,
// digits and -_.=:/,+ stays as it is, anything else goes in single quotes.
func Quote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.=:/,+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
