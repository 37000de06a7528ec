package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/internal/spelling"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/recipe"
)

// intFlag is an integer flag with an allowed range: a malformed or
// out-of-range value is refused with the flag, the value and the range.
type intFlag struct {
	p        *int
	min, max int
	allowed  string // the range in words, when more is to be said than "from min to max"
}

// intVar defines an integer flag with the allowed range [min, max]; allowed,
// when not "", describes the range in words.
func intVar(fs *flagSet, name string, def, min, max int, allowed, usage string) *int {
	p := new(int)
	*p = def
	if allowed == "" {
		allowed = fmt.Sprintf("an integer from %d to %d", min, max)
	}
	fs.Var(&intFlag{p: p, min: min, max: max, allowed: allowed}, name, usage)
	return p
}

func (f *intFlag) String() string {
	if f.p == nil {
		return "0"
	}
	return strconv.Itoa(*f.p)
}

func (f *intFlag) Set(text string) error {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	switch {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return fmt.Errorf("not an integer: allowed %s", f.allowed)
	case err != nil || n < f.min || n > f.max:
		return fmt.Errorf("out of range: allowed %s", f.allowed)
	}
	*f.p = n
	return nil
}

// Kind names the flag's type in a usage line.
func (f *intFlag) Kind() string { return "int" }

// Allowed describes the flag's allowed values in words.
func (f *intFlag) Allowed() string { return f.allowed }

// floatFlag is a number flag with an allowed range, above min (or from min
// when min is allowed) and up to max: a malformed, infinite, NaN or
// out-of-range value is refused with the flag, the value and the range.
type floatFlag struct {
	p           *float64
	min, max    float64
	minIncluded bool
	allowed     string
}

// floatVar defines a number flag whose values are above min (from min
// when minIncluded) and at most max.
func floatVar(fs *flagSet, name string, def, min, max float64, minIncluded bool, usage string) *float64 {
	p := new(float64)
	*p = def
	allowed := fmt.Sprintf("a number above %s and at most %s", formatNumber(min), formatNumber(max))
	if minIncluded {
		allowed = fmt.Sprintf("a number from %s to %s", formatNumber(min), formatNumber(max))
	}
	fs.Var(&floatFlag{p: p, min: min, max: max, minIncluded: minIncluded, allowed: allowed}, name, usage)
	return p
}

func formatNumber(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func (f *floatFlag) String() string {
	if f.p == nil {
		return "0"
	}
	return formatNumber(*f.p)
}

func (f *floatFlag) Set(text string) error {
	x, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	switch {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return fmt.Errorf("not a number: allowed %s", f.allowed)
	case err == nil && model.NotFinite(x) != "":
		return fmt.Errorf("%s: allowed %s", model.NotFinite(x), f.allowed)
	case x < f.min || x == f.min && !f.minIncluded || x > f.max:
		return fmt.Errorf("out of range: allowed %s", f.allowed)
	}
	*f.p = x
	return nil
}

// Kind names the flag's type in a usage line.
func (f *floatFlag) Kind() string { return "float" }

// Allowed describes the flag's allowed values in words.
func (f *floatFlag) Allowed() string { return f.allowed }

// flagError rewrites an error of the flag package in the words of the
// program's other messages, with flags written with two dashes: the flag,
// the value and what is allowed, or the nearest flag to an unknown one.
func flagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	see := " (see " + fs.Name() + " --help)"
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		hint := ""
		if n := spelling.Near(name, names); n != "" {
			hint = fmt.Sprintf(" (did you mean --%s?)", n)
		}
		return usageError{fmt.Errorf("unknown flag --%s%s%s", name, hint, see)}
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return usageError{fmt.Errorf("--%s needs a value%s%s", name, allowedOf(fs, name), see)}
	}
	if value, name, rest, ok := cutInvalid(msg); ok {
		if rest == "parse error" { // a bool flag
			rest = "not true or false: allowed --" + name + ", --" + name + "=true or --" + name + "=false"
		}
		return usageError{fmt.Errorf("--%s %s: %s", name, recipe.Quote(value), rest)}
	}
	return usageError{fmt.Errorf("%s%s", strings.ReplaceAll(msg, " -", " --"), see)}
}

// allowedOf is "; allowed ..." for a flag that describes its allowed
// values, else "".
func allowedOf(fs *flag.FlagSet, name string) string {
	if f := fs.Lookup(name); f != nil {
		if a, ok := f.Value.(interface{ Allowed() string }); ok {
			return ": allowed " + a.Allowed()
		}
	}
	return ""
}

// cutInvalid takes apart the flag package's message for a value a flag
// refused: invalid value "V" for flag -NAME: REST, or, for a bool flag,
// invalid boolean value "V" for -NAME: REST.
func cutInvalid(msg string) (value, name, rest string, ok bool) {
	after, found := strings.CutPrefix(msg, "invalid value ")
	if !found {
		if after, found = strings.CutPrefix(msg, "invalid boolean value "); !found {
			return "", "", "", false
		}
	}
	q, err := strconv.QuotedPrefix(after)
	if err != nil {
		return "", "", "", false
	}
	value, _ = strconv.Unquote(q)
	after = strings.TrimPrefix(after[len(q):], " for flag -")
	after = strings.TrimPrefix(after, " for -")
	name, rest, ok = strings.Cut(after, ": ")
	return value, name, rest, ok
}

// maxWorkers is the most runs at once a batch verb takes (--workers).
const maxWorkers = 1024
