// Package narrate tells the model's acts, actors and cascades in plain
// sentences, in the one vocabulary that both the command line's stories
// (escalate story, read back from a run's CSV files) and the page's log
// and stories (from the model's memory) speak.
//
// Callers fill small neutral descriptions: model.Act for an act and
// model.CascadeRecord for a cascade (the rows of events.csv and
// cascades.csv hold the same fields), Actor for an actor; a Teller looks
// the actors up in its Cast.
package narrate

import (
	"strconv"
	"strings"
)

// Count writes a count with its noun in the right number: "1 act",
// "0 acts", "2 bystanders were".
func Count(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}

// Capitalize returns s with its first letter in upper case.
func Capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
