package scenario

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/escalation-model/escalation/model"
)

// Names are the names a scenario gives some of its actors, by kind: the
// [names] table of a scenario file, whose keys are actor kinds and whose
// values list the names of the first actors of that kind in id order
// (firm = ["Blue Security"] names the first firm). Stories and the page
// call a named actor by its name instead of "firm 1".
type Names map[model.Kind][]string

// ByID returns the name of every named actor of a world whose actors are
// actors, by actor id. Names beyond the actors of their kind (a --set that
// leaves fewer firms than the file names) are ignored.
func (n Names) ByID(actors []model.Actor) map[int32]string {
	if len(n) == 0 {
		return nil
	}
	out := map[int32]string{}
	var seen [8]int // actors of each kind so far
	for i := range actors {
		k := actors[i].Kind
		if int(k) >= len(seen) {
			continue
		}
		if list := n[k]; seen[k] < len(list) {
			out[actors[i].ID] = list[seen[k]]
		}
		seen[k]++
	}
	return out
}

// clone returns a copy of n that shares no slice with it.
func (n Names) clone() Names {
	if n == nil {
		return nil
	}
	out := make(Names, len(n))
	for k, v := range n {
		out[k] = slices.Clone(v)
	}
	return out
}

// kindNames lists the actor kinds as [names] takes them.
func kindNames() []string {
	var out []string
	for _, k := range model.Kinds() {
		out = append(out, k.String())
	}
	return out
}

// parseNames reads a decoded [names] table over names (the base's): a
// kind the table lists replaces the base's names of that kind. It returns
// the names and the kinds the table lists; lines are the file's key
// lines. The world's size is checked later (checkNames), once the file's
// parameters are known.
func parseNames(v any, names Names, lines map[string]int, source string) (Names, []string, error) {
	table, ok := v.(map[string]any)
	if !ok {
		return nil, nil, &Error{Source: source, Line: lines["names"], Key: "names", Msg: `must be a table of actor kinds, each with a list of names: [names] then firm = ["Blue Security"]`}
	}
	kinds := make([]string, 0, len(table))
	for k := range table {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(a, b string) int { return lines["names."+a] - lines["names."+b] })
	out := names.clone()
	if out == nil {
		out = Names{}
	}
	for _, kind := range kinds {
		key := "names." + kind
		fail := func(format string, args ...any) error {
			return &Error{Source: source, Line: lines[key], Key: key, Msg: fmt.Sprintf(format, args...)}
		}
		k := slices.Index(kindNames(), kind)
		if k < 0 {
			return nil, nil, fail("%q is not an actor kind: allowed %s (keys after [names] belong to it: write parameters above it)", kind, strings.Join(kindNames(), ", "))
		}
		list, ok := table[kind].([]any)
		if !ok {
			return nil, nil, fail(`must be a list of names, e.g. %s = ["%s"]`, kind, exampleName)
		}
		var given []string
		for _, e := range list {
			s, ok := e.(string)
			if !ok || !goodName(s) {
				return nil, nil, fail("%v is not a name: allowed a non-empty string without line breaks or control characters, at most %d characters", e, maxName)
			}
			given = append(given, s)
		}
		out[model.Kind(k)] = given
	}
	return out, kinds, nil
}

// exampleName is the name error messages show.
const exampleName = "Blue Security"

// maxName bounds a name's length in characters.
const maxName = 60

// goodName reports whether s can name an actor: not blank, not too long,
// no control characters, no spaces at its ends.
func goodName(s string) bool {
	if strings.TrimSpace(s) != s || s == "" || len([]rune(s)) > maxName {
		return false
	}
	return !strings.ContainsFunc(s, unicode.IsControl)
}

// checkNames checks a file's names against its world: no kind the file
// names (own) names more actors than the world has, and no name is given
// twice. Names inherited from a base for more actors than the world has
// are ignored, as ByID ignores them.
func checkNames(names Names, own []string, p *model.Params, lines map[string]int, source string) error {
	seen := map[string]model.Kind{}
	for _, k := range model.Kinds() {
		key := "names." + k.String()
		param := k.String() + "s" // states, firms, citizens, ...
		if n, have := len(names[k]), p.Count(k); n > have && slices.Contains(own, k.String()) {
			return &Error{Source: source, Line: lines[key], Key: key, Msg: fmt.Sprintf("names %d %s but the world has %d (%s = %d)", n, param, have, param, have)}
		}
		for _, s := range names[k][:min(len(names[k]), p.Count(k))] {
			if other, dup := seen[s]; dup {
				return &Error{Source: source, Line: lines[key], Key: key, Msg: fmt.Sprintf("%q is given twice (also to a %s): every name must be unique", s, other)}
			}
			seen[s] = k
		}
	}
	return nil
}
