package scenario

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
)

// A scenario's seed and names come from its file or, kind by kind for
// names, from its base; ByID maps them to actor ids in id order.
func TestSeedAndNamesInherited(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("a.toml", "states = 2\nfirms = 3\ncitizens = 0\ncriminals = 1\nhacktivists = 0\nvigilantes = 0\nseed = 42\n[names]\nstate = [\"Home\", \"Abroad\"]\nfirm = [\"Acme\"]\n")
	b := write("b.toml", "base = \"a.toml\"\nticks = 9\nnames = {firm = [\"Blue\", \"Green\"], criminal = [\"the spammer\"]}\n")
	a, err := Load(filepath.Join(dir, "a.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Seed != 42 {
		t.Errorf("seed %d, want 42", a.Seed)
	}
	sc, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Seed != 42 {
		t.Errorf("inherited seed %d, want 42", sc.Seed)
	}
	m, err := model.New(sc.Params, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Ids: states 0, 1; firms 2, 3, 4; criminal 5.
	want := map[int32]string{0: "Home", 1: "Abroad", 2: "Blue", 3: "Green", 5: "the spammer"}
	if got := sc.Names.ByID(m.Actors()); !maps.Equal(got, want) {
		t.Errorf("ByID = %v, want %v", got, want)
	}
	if len(a.Names[model.KindFirm]) != 1 {
		t.Errorf("the base's names changed with its derived file's: %v", a.Names)
	}
	// A --set that leaves fewer actors than are named ignores the rest.
	if err := sc.Set("firms=1"); err != nil {
		t.Fatal(err)
	}
	m, _ = model.New(sc.Params, 1, nil)
	want = map[int32]string{0: "Home", 1: "Abroad", 2: "Blue", 3: "the spammer"}
	if got := sc.Names.ByID(m.Actors()); !maps.Equal(got, want) {
		t.Errorf("after firms=1: ByID = %v, want %v", got, want)
	}
	def, _ := Load(Default)
	if def.Seed != DefaultSeed || def.Names != nil {
		t.Errorf("the default scenario: seed %d, names %v", def.Seed, def.Names)
	}
}

// The scenario file README.md shows loads.
func TestReadmeExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "```toml\n")
	if i < 0 {
		t.Fatal("README.md has no TOML example")
	}
	text = text[i+len("```toml\n"):]
	text = text[:strings.Index(text, "```")]
	sc, err := Parse([]byte(text), "README.md", "")
	if err != nil {
		t.Fatal(err)
	}
	if !sc.OwnSeed || sc.Seed != 7 || sc.Names[model.KindFirm][0] != "Acme" {
		t.Errorf("README example: seed %d (own %v), names %v", sc.Seed, sc.OwnSeed, sc.Names)
	}
}
