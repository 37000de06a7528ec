// Package jsarg reads the arguments of the page's JavaScript API
// (window.escalate, docs/web.md) as the text the command line takes:
// escalate.set('attribution_skill', 0.1) is --set attribution_skill=0.1.
// Text, for a js.Value, is built for the browser (GOOS=js GOARCH=wasm);
// Format, what it writes, is plain Go and tested natively.
package jsarg

import "strconv"

// Kind is the type of an argument, as js.Value.Type tells it.
type Kind int

// The kinds of argument.
const (
	Absent Kind = iota // undefined or null
	String
	Number
	Bool
	Other // an object, a function, a symbol: as JavaScript writes it
)

// Format is an argument as the text the command line would take: a string
// as it is, a number as Go writes a float64 (0.1, 365, 1e-07), a boolean
// as true or false, nothing for undefined or null, and anything else as
// its text, which the parameter then refuses by name. text is the value's
// text for a string or anything else, num its value for a number, b for a
// boolean.
func Format(kind Kind, text string, num float64, b bool) string {
	switch kind {
	case Absent:
		return ""
	case Number:
		return strconv.FormatFloat(num, 'g', -1, 64)
	case Bool:
		return strconv.FormatBool(b)
	}
	return text
}
