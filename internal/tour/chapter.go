package tour

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/recipe"
)

// Chapter is one stop of the tour: a run, what the reader is told before
// it, the question asked, the beats at which the run pauses and the
// experiment's answer.
type Chapter struct {
	ID    string // the chapter's name in the address (tour=ID)
	Title string
	// Run is the chapter's run exactly as the page's address gives it
	// (scenario, seed, set=, at=, compare=), read by live.ParseQuery.
	Run      live.State
	Premise  string   // two to four sentences shown on the map before the run
	Question string   // what the reader predicts before running
	Choices  []string // the answers offered
	Expected int      // the choice (from 0) the experiment supports
	Beats    []Beat   // in the file's order; each fires once
	Result   Result
}

// Query returns the address query of the chapter's run, with tour=ID.
func (c *Chapter) Query() string {
	st := c.Run
	st.Tour = c.ID
	return st.Query()
}

// Beat is a pause at a moment of the run: the first act matching Event
// (with Size, a Cascade's length), told by Caption.
type Beat struct {
	Name    string
	Event   Event
	Size    int    // the cascade length a Cascade beat waits for; 0 otherwise
	Caption string // with {origin}, {target}, {suspect}, {day}, {size}, {what} filled in by Caption
}

// Result is what the claim's experiment found, as docs/experiments.md
// reports it.
type Result struct {
	Claim   int      // 1 to 7
	Section string   // the claim's section's anchor in docs/experiments.md
	Link    string   // docs/experiments.md on the web, with the anchor
	Verdict string   // "holds", "does not hold", "holds in part" or "is inconclusive at this size"
	Quotes  []string // figures quoted from the claim's section, each with its 95% interval
	Text    string   // the answer in words, quoting them
}

// Verdicts are the verdicts docs/experiments.md gives, as its result
// sentences write them ("the claim holds").
var Verdicts = []string{"holds", "does not hold", "holds in part", "is inconclusive at this size"}

// placeholders are the names a caption may fill in.
var placeholders = []string{"origin", "target", "suspect", "day", "size", "what"}

var (
	idPattern          = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	placeholderPattern = regexp.MustCompile(`\{[^{}]*\}`)
)

// runQuery is the address query of a chapter's run from its keys.
func runQuery(scenario string, seed uint64, set, at []string, compare string) string {
	v := url.Values{}
	v.Set(recipe.KeyScenario, scenario)
	v.Set(recipe.KeySeed, strconv.FormatUint(seed, 10))
	v[recipe.KeySet] = set
	v[recipe.KeyAt] = at
	if compare != "" {
		v.Set(recipe.KeyCompare, compare)
	}
	return v.Encode()
}

// checkCaption returns a problem with a caption's placeholders, or "".
func checkCaption(text string) string {
	for _, p := range placeholderPattern.FindAllString(text, -1) {
		name := strings.Trim(p, "{}")
		if !slices.Contains(placeholders, name) {
			return "the placeholder " + p + " is not one the tour fills in: allowed {" + strings.Join(placeholders, "}, {") + "}"
		}
	}
	return ""
}
