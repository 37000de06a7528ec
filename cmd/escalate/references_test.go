package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
)

// TestParamsCiteTheReferences: every parameter says what it stands for
// citing the texts by the short names of docs/references.md (or as a
// modelling choice, or another named source), and parameters.md links
// each name to its section there.
func TestParamsCiteTheReferences(t *testing.T) {
	refs, err := os.ReadFile(filepath.Join("..", "..", "docs", "references.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range essays {
		slug := strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(e.name), " ", "-"), ".", "")
		if !strings.Contains(string(refs), "\n### "+e.name+"\n") || slug != e.anchor {
			t.Errorf("docs/references.md has no section %q at #%s", e.name, e.anchor)
		}
	}
	others := []string{"modelling choice", "Wu & Axelrod 1995", "Richardson's arms race"}
	for _, p := range model.Registry() {
		cited := false
		for _, e := range essays {
			cited = cited || strings.HasPrefix(p.Essay, e.name)
		}
		for _, o := range others {
			cited = cited || strings.HasPrefix(p.Essay, o)
		}
		if !cited {
			t.Errorf("%s stands for %q: cite a text by its short name in docs/references.md, or say modelling choice", p.Name, p.Essay)
		}
	}
	_, md, _ := call(t, "params", "--markdown")
	for _, e := range essays {
		if !strings.Contains(md, "["+e.name+"](references.md#"+e.anchor+")") {
			t.Errorf("params --markdown does not link %s", e.name)
		}
	}
}
