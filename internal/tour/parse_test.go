package tour

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/scenario"
)

// section returns claim n's section of docs/experiments.md, from its
// heading to the next.
func section(t *testing.T, doc string, n int) string {
	t.Helper()
	head := "\n## Claim " + string(rune('0'+n)) + ":"
	i := strings.Index(doc, head)
	if i < 0 {
		t.Fatalf("docs/experiments.md has no section %q", strings.TrimSpace(head))
	}
	rest := doc[i+1:]
	if j := strings.Index(rest, "\n## "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// TestAnswersQuoteTheExperiments fails when docs/experiments.md no longer
// says what a chapter's answer quotes: its verdict, its figures with
// their intervals, and the anchor of the claim's section.
func TestAnswersQuoteTheExperiments(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "experiments.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	chapters, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chapters {
		r := c.Result
		sec := section(t, doc, r.Claim)
		if want := "**Result: the claim " + r.Verdict + ".**"; !strings.Contains(sec, want) {
			t.Errorf("%s: claim %d's section does not say %q", c.ID, r.Claim, want)
		}
		if !strings.Contains(doc, "(#"+r.Section+")") {
			t.Errorf("%s: docs/experiments.md's table of contents has no link to #%s", c.ID, r.Section)
		}
		for _, q := range r.Quotes {
			if !strings.Contains(sec, q) {
				t.Errorf("%s: claim %d's section no longer says %q", c.ID, r.Claim, q)
			}
			if !strings.Contains(r.Text, q) {
				t.Errorf("%s: the answer's text does not quote %q", c.ID, q)
			}
		}
	}
}

// TestChaptersNameTheirActors checks that a premise names the actors its
// preset names, and that premises stay short.
func TestChaptersNameTheirActors(t *testing.T) {
	chapters, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	if len(chapters) < 6 {
		t.Errorf("the tour has %d chapters; the essays' path needs at least 6", len(chapters))
	}
	for _, c := range chapters {
		sc, err := scenario.Load(c.Run.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		for _, names := range sc.Names {
			for _, n := range names {
				if !strings.Contains(c.Premise, n) {
					t.Errorf("%s: the premise does not name %q, whom preset %s names", c.ID, n, c.Run.Scenario)
				}
			}
		}
		if n := strings.Count(c.Premise, ". ") + 1; n < 2 || n > 4 || len(c.Premise) > 420 {
			t.Errorf("%s: the premise has %d sentences and %d characters; allowed 2 to 4 sentences, at most 420 characters", c.ID, n, len(c.Premise))
		}
		if !strings.Contains(c.Query(), "tour="+c.ID) {
			t.Errorf("%s: its address %q does not open it", c.ID, c.Query())
		}
	}
}

func TestParseErrors(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("..", "..", "assets", "tour", "tour.toml"))
	if err != nil {
		t.Fatal(err)
	}
	mini := `docs = "https://example.org/experiments.md"

[chapter.one]
title = "One"
scenario = "status-quo"
seed = 1
premise = "A. B."
question = "Q?"
choices = ["a", "b"]
expected = 2

[chapter.one.beat.first]
event = "hack-back"
caption = "Day {day}: {what}"

[chapter.one.result]
claim = 1
section = "claim-1-x"
verdict = "holds"
quotes = ["1 (95% CI 0 to 2)"]
text = "1 (95% CI 0 to 2)."
`
	if cs, err := Parse([]byte(mini), "mini.toml"); err != nil || len(cs) != 1 || cs[0].Expected != 1 || cs[0].Result.Link != "https://example.org/experiments.md#claim-1-x" {
		t.Fatalf("the minimal tour: %v %+v", err, cs)
	}
	tests := []struct{ from, to, want string }{
		{`seed = 1`, `seed = 1
colour = "red"`, `mini.toml:7: chapter.one.colour: unknown key "colour" in a chapter`},
		{`scenario = "status-quo"`, `scenario = "status-qo"`, `mini.toml:5: chapter.one.scenario: scenario=status-qo: not a preset (did you mean "status-quo"?)`},
		{`title = "One"`, `title = "One"
set = ["attribution_skill=2"]`, `mini.toml:5: chapter.one.set: set=attribution_skill=2`},
		{`title = "One"`, `title = "One"
compare = "nonsense"`, `mini.toml:5: chapter.one.compare: compare=nonsense`},
		{`event = "hack-back"`, `event = "hack-bak"`, `mini.toml:13: chapter.one.beat.first.event = "hack-bak" is not an event (did you mean "hack-back"?)`},
		{`event = "hack-back"`, `event = "cascade"`, `mini.toml:12: chapter.one.beat.first.size: missing`},
		{`event = "hack-back"`, `event = "hack-back"
size = 3`, `mini.toml:14: chapter.one.beat.first.size: only a cascade beat has a size`},
		{`caption = "Day {day}: {what}"`, `caption = "On {date}"`, `mini.toml:14: chapter.one.beat.first.caption: the placeholder {date} is not one the tour fills in`},
		{`expected = 2`, `expected = 3`, `mini.toml:10: chapter.one.expected = 3: allowed an integer from 1 to 2`},
		{`verdict = "holds"`, `verdict = "holds mostly"`, `mini.toml:19: chapter.one.result.verdict = "holds mostly": allowed`},
		{`section = "claim-1-x"`, `section = "claim-2-x"`, `mini.toml:18: chapter.one.result.section = "claim-2-x" is not the anchor of claim 1's section`},
		{`quotes = ["1 (95% CI 0 to 2)"]`, `quotes = ["1"]`, `mini.toml:20: chapter.one.result.quotes: "1" quotes no 95% interval`},
		{`[chapter.one]`, `[chapter.One]`, `mini.toml:3: chapter.One: the chapter name "One" must be lower-case`},
		{`choices = ["a", "b"]`, `choices = "a"`, `mini.toml:9: chapter.one.choices = "a": give a list of 2 to 4 strings`},
		{`seed = 1`, `seed = "one"`, `mini.toml:6: chapter.one.seed = "one": allowed an integer`},
		{`[chapter.one.result]`, `[[chapter.one.result]]`, `mini.toml:16: arrays of tables`},
		{`premise = "A. B."`, `premise = "A. B.`, `mini.toml:7: malformed TOML`},
	}
	for _, tc := range tests {
		text := strings.Replace(mini, tc.from, tc.to, 1)
		_, err := Parse([]byte(text), "mini.toml")
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s → %s: got %v, want an error starting %q", tc.from, tc.to, err, tc.want)
		}
	}
	if _, err := Parse(good, Source); err != nil {
		t.Fatal(err)
	}
}
