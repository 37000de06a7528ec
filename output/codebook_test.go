package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
)

// codebooks are the documents whose column tables are generated from the
// registries.
var codebooks = []string{filepath.Join("..", "docs", "data.md"), filepath.Join("..", "docs", "ODD.md")}

// TestDataDoc keeps the generated column tables of docs/data.md and
// section 11 of docs/ODD.md equal to the registries; with -update it
// rewrites them.
func TestDataDoc(t *testing.T) {
	blocks := CodebookBlocks()
	for _, path := range codebooks {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := FillCodebook(string(b), blocks)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, bl := range blocks {
			if !strings.Contains(got, generatedOpen+bl.Key+markerEnd) {
				t.Errorf("%s has no generated part %q", path, bl.Key)
			}
		}
		if got == string(b) {
			continue
		}
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s is stale: its column tables differ from the registries in model; regenerate them with: go test ./output -run TestDataDoc -update", path)
	}
}

// The registries' text fits in one Markdown table cell and every column
// says what it is.
func TestRegistriesDocumentable(t *testing.T) {
	check := func(table, name, unit, meaning string) {
		if meaning == "" {
			t.Errorf("%s column %s has no meaning", table, name)
		}
		for _, s := range []string{name, unit, meaning} {
			if strings.ContainsAny(s, "|\n") {
				t.Errorf("%s column %s: %q holds a | or a newline, which would break the codebook's table", table, name, s)
			}
		}
	}
	for _, c := range model.TickColumns() {
		check(TicksFile, c.Name, c.Unit, c.Meaning)
	}
	for _, c := range model.CascadeColumns() {
		check(CascadesFile, c.Name, c.Unit, c.Meaning)
	}
	for _, c := range model.EventColumns() {
		check(EventsFile, c.Name, c.Unit, c.Meaning)
	}
	for _, c := range model.ActorColumns() {
		check(ActorsFile, c.Name, c.Unit, c.Meaning)
	}
	for _, c := range model.HeadlineColumns() {
		check("headline", c.Name, c.Unit, c.Meaning)
		if c.Unit == "" {
			t.Errorf("headline %s has no unit", c.Name)
		}
	}
}

func TestFillCodebook(t *testing.T) {
	blocks := []CodebookBlock{{"a", "| x |\n"}}
	got, err := FillCodebook("intro\n<!-- generated: a -->\nold\n<!-- end generated: a -->\nrest\n", blocks)
	if want := "intro\n<!-- generated: a -->\n| x |\n<!-- end generated: a -->\nrest\n"; err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	for _, bad := range []string{
		"no markers",
		"<!-- generated: a -->\nunclosed",
		"<!-- generated: b -->\n<!-- end generated: b -->",
		"<!-- generated: a",
	} {
		if _, err := FillCodebook(bad, blocks); err == nil {
			t.Errorf("FillCodebook(%q) did not fail", bad)
		}
	}
}
