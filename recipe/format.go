package recipe

import (
	"strconv"
	"strings"
)

// Args returns the recipe as escalate run's flags, unquoted: --scenario,
// --seed, --ticks when not 0, then every --set and every --at in order.
// ParseArgs reads them back.
func (r Recipe) Args() []string {
	args := make([]string, 0, 6+2*(len(r.Sets)+len(r.At)))
	args = append(args, "--"+KeyScenario, r.Scenario, "--"+KeySeed, strconv.FormatUint(r.Seed, 10))
	if r.Ticks > 0 {
		args = append(args, "--"+KeyTicks, strconv.Itoa(r.Ticks))
	}
	for _, s := range r.Sets {
		args = append(args, "--"+KeySet, s.String())
	}
	for _, c := range r.At {
		args = append(args, "--"+KeyAt, c.String())
	}
	return args
}

// Command returns the escalate run command that replays the recipe, each
// word quoted for a POSIX shell when it needs it (ParseCommand reads it).
func (r Recipe) Command() string {
	var b strings.Builder
	b.WriteString("escalate run")
	for _, a := range r.Args() {
		b.WriteByte(' ')
		b.WriteString(Quote(a))
	}
	return b.String()
}

// Query returns the recipe as a page address's query (without '?'):
// scenario, seed, ticks when not 0, then every set and every at, in order,
// escaped but with the characters of key=value and TICK:key=value kept
// readable. ParseQuery reads it back.
func (r Recipe) Query() string {
	var b strings.Builder
	AppendQuery(&b, KeyScenario, r.Scenario)
	AppendQuery(&b, KeySeed, strconv.FormatUint(r.Seed, 10))
	if r.Ticks > 0 {
		AppendQuery(&b, KeyTicks, strconv.Itoa(r.Ticks))
	}
	for _, s := range r.Sets {
		AppendQuery(&b, KeySet, s.String())
	}
	for _, c := range r.At {
		AppendQuery(&b, KeyAt, c.String())
	}
	return b.String()
}

// AppendQuery appends key=value to an address query, after a '&' when it
// is not the first, escaping value as Query does.
func AppendQuery(b *strings.Builder, key, value string) {
	if b.Len() > 0 {
		b.WriteByte('&')
	}
	b.WriteString(key)
	b.WriteByte('=')
	b.WriteString(queryEscape(value))
}
