package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/assets"
	"github.com/escalation-model/escalation/internal/shipped"
	"github.com/escalation-model/escalation/model"
)

func TestEveryPresetLoadsAndValidates(t *testing.T) {
	for _, name := range Presets() {
		sc, err := Load(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if sc.Description == "" {
			t.Errorf("%s has no description", name)
		}
		if err := sc.Params.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	def, _ := Load(Default)
	if def.Params != model.DefaultParams() {
		t.Error("the default scenario should be the model's defaults")
	}
}

// TestPresetsAreTheShippedFiles checks that the display order names every
// preset file (assets/presets/NAME.toml) once and no other: a file left
// out of it could not be loaded by name.
func TestPresetsAreTheShippedFiles(t *testing.T) {
	listed := slices.Sorted(slices.Values(Presets()))
	if files := shipped.Names(assets.Presets, "presets"); !slices.Equal(listed, files) {
		t.Errorf("the presets in display order, sorted, are %q; the preset files are %q", listed, files)
	}
}

func TestPresetsDiffer(t *testing.T) {
	seen := map[model.Params]string{}
	for _, name := range Presets() {
		sc, _ := Load(name)
		if other, ok := seen[sc.Params]; ok {
			t.Errorf("%s sets the same parameters as %s", name, other)
		}
		seen[sc.Params] = name
	}
}

func TestParseErrorsNameKeyValueRangeAndLine(t *testing.T) {
	cases := []struct {
		name, text string
		line       int
		want       []string
	}{
		{"unknown key", "ticks = 10\n\nattribution_skil = 0.5\n", 3, []string{"attribution_skil", `did you mean "attribution_skill"`}},
		{"out of range", "base = \"status-quo\"\nproxy_use = 1.5\n", 2, []string{"proxy_use = 1.5", "from 0 to 1"}},
		{"negative int", "firms = -1\n", 1, []string{"firms = -1", "from 0 to"}},
		{"float for int", "states = 2.5\n", 1, []string{"states = 2.5", "not an integer"}},
		{"string for number", "hotline = \"high\"\n", 1, []string{"hotline", "string", "a number from 0 to 1"}},
		{"number for choice", "hack_back = 3\n", 1, []string{"hack_back = 3", "illegal, licensed, free"}},
		{"bad choice", "state_doctrine = \"nuclear\"\n", 1, []string{"state_doctrine = nuclear", "restraint, proportional"}},
		{"bool", "hotline = true\n", 1, []string{"hotline", "wrong type"}},
		{"table", "ticks = 5\n[world]\nfirms = 3\n", 2, []string{"the only table of a parameter file is [names]"}},
		{"second table", "[names]\nfirm = [\"A\"]\n[world]\nfirms = 3\n", 3, []string{"the only table of a parameter file is [names]"}},
		{"seed negative", "ticks = 5\nseed = -1\n", 2, []string{"seed = -1 is not a seed", "an integer from 0"}},
		{"seed float", "seed = 1.5\n", 1, []string{"seed = 1.5 is not a seed"}},
		{"seed string", "seed = \"7\"\n", 1, []string{`seed = "7" is not a seed`}},
		{"names not a table", "names = 3\n", 1, []string{"names", "must be a table of actor kinds"}},
		{"names unknown kind", "firms = 2\n[names]\nfrim = [\"A\"]\n", 3, []string{"names.frim", `"frim" is not an actor kind`, "state, firm, citizen, criminal, hacktivist, vigilante"}},
		{"parameter after names", "[names]\nfirm = [\"A\"]\nticks = 5\n", 3, []string{"names.ticks", "write parameters above it"}},
		{"names not a list", "[names]\nfirm = \"A\"\n", 2, []string{"names.firm", "must be a list of names"}},
		{"name not a string", "[names]\nfirm = [3]\n", 2, []string{"names.firm", "3 is not a name"}},
		{"name blank", "[names]\nfirm = [\"\"]\n", 2, []string{"names.firm", "is not a name", "non-empty"}},
		{"name with line break", "[names]\nfirm = [\"a\\nb\"]\n", 2, []string{"names.firm", "without line breaks"}},
		{"too many names", "firms = 1\n[names]\nfirm = [\"A\", \"B\"]\n", 3, []string{"names.firm", "names 2 firms but the world has 1 (firms = 1)"}},
		{"name twice", "[names]\nfirm = [\"A\"]\ncitizen = [\"A\"]\n", 3, []string{"names.citizen", `"A" is given twice (also to a firm)`}},
		{"inline names unknown kind", "names = {frim = [\"A\"]}\n", 1, []string{"names.frim", "not an actor kind"}},
		{"malformed", "ticks = \n", 1, []string{"malformed TOML"}},
		{"duplicate", "ticks = 3\nticks = 4\n", 2, []string{"already defined"}},
		{"unknown base", "base = \"utopia\"\n", 1, []string{"base", `unknown scenario "utopia"`}},
		{"base not string", "base = 3\n", 1, []string{"base", "must be a string"}},
		{"description not string", "description = 3\n", 1, []string{"description", "must be a string"}},
		{"inconsistent", "answer_window = 2\nanswer_delay = 3\n", 2, []string{"answer_delay = 3", "answer_window = 2"}},
		{"inconsistent, other key set", "ticks = 9\nanswer_window = 1\n", 2, []string{"answer_delay = 3", "answer_window = 1"}},
		{"hacktivists need two states", "states = 1\nhacktivists = 10\n", 2, []string{"hacktivists = 10", "states >= 2"}},
		{"too few actors", "states = 1\nfirms = 0\ncitizens = 0\ncriminals = 0\nhacktivists = 0\nvigilantes = 0\n", 0, []string{"at least 2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.text), "my.toml", "")
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *scenario.Error", err)
			}
			if se.Line != c.line {
				t.Errorf("line %d, want %d (%v)", se.Line, c.line, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "my.toml") {
				t.Errorf("%q does not start with the file name", msg)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q lacks %q", msg, w)
				}
			}
		})
	}
}

func TestBaseChainsAndCycles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("a.toml", "base = \"road-rage\"\nhotline = 0.4\n")
	b := write("b.toml", "base = \"a.toml\"\nticks = 9\n")
	sc, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Params.Ticks != 9 || sc.Params.Hotline != 0.4 || sc.Params.HackBack != model.HackBackFree {
		t.Errorf("chain not applied: ticks %d hotline %v hack_back %s", sc.Params.Ticks, sc.Params.Hotline, sc.Params.HackBack)
	}
	c := write("c.toml", "base = \"d.toml\"\n")
	d := write("d.toml", "# d\nbase = \"c.toml\"\n")
	want := d + `:2: base = "c.toml" closes a cycle of base files: ` + c + `:1 base = "d.toml" → ` + d + `:2 base = "c.toml"`
	if _, err := Load(c); err == nil || err.Error() != want {
		t.Errorf("cycle: got %v, want %s", err, want)
	}
	self := write("self.toml", "hotline = 0.5\nbase = \"self.toml\"\n")
	want = self + `:2: base = "self.toml" closes a cycle of base files: ` + self + `:2 base = "self.toml"`
	if _, err := Load(self); err == nil || err.Error() != want {
		t.Errorf("a file that is its own base: got %v, want %s", err, want)
	}
	// A chain longer than maxDepth without a cycle names every file.
	for i := range maxDepth + 1 {
		write(fmt.Sprintf("l%d.toml", i), fmt.Sprintf("base = \"l%d.toml\"\n", i+1))
	}
	write(fmt.Sprintf("l%d.toml", maxDepth+1), "hotline = 0.5\n")
	_, err = Load(filepath.Join(dir, "l0.toml"))
	if err == nil || !strings.Contains(err.Error(), "longer than 8") || strings.Count(err.Error(), " → ") != maxDepth {
		t.Errorf("long chain: got %v", err)
	}
	write("l1.toml", "hotline = 0.5\n") // now a chain of two: fine
	if _, err := Load(filepath.Join(dir, "l0.toml")); err != nil {
		t.Errorf("short chain: %v", err)
	}
}

// TestUnknownScenarioSuggests: a misspelt preset gets "did you mean", on
// the command line and as a file's base.
func TestUnknownScenarioSuggests(t *testing.T) {
	want := `unknown scenario "road-rag" (did you mean "road-rage"?): not a preset`
	if _, err := Load("road-rag"); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load(road-rag) = %v, want %q", err, want)
	}
	p := filepath.Join(t.TempDir(), "typo.toml")
	os.WriteFile(p, []byte("base = \"road-rag\"\n"), 0o644)
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "typo.toml:1: base: "+want) {
		t.Errorf("base = road-rag: %v", err)
	}
	if _, err := Load("utopia"); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("Load(utopia) = %v: nothing is near", err)
	}
}

func TestSet(t *testing.T) {
	sc, _ := Load(Default)
	if err := sc.Set("hotline=0.25"); err != nil || sc.Params.Hotline != 0.25 {
		t.Fatalf("Set: %v, hotline %v", err, sc.Params.Hotline)
	}
	for _, kv := range []string{"hotline", "=3", "hotline=2", "hotlin=0.1", "answer_delay=99", "states=x"} {
		before := sc.Params
		err := sc.Set(kv)
		var se *Error
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "--set "+kv) {
			t.Errorf("Set(%q) = %v", kv, err)
		}
		if kv != "answer_delay=99" && sc.Params != before {
			t.Errorf("Set(%q) changed the parameters despite the error", kv)
		}
	}
}

// toTOML writes parameters back as a flat TOML file.
func toTOML(p model.Params) string {
	var b strings.Builder
	for _, d := range model.Registry() {
		v, _ := p.Get(d.Name)
		if d.Type == "choice" {
			v = fmt.Sprintf("%q", v)
		} else if d.Type == "float" && !strings.ContainsAny(v, ".eE") {
			v += ".0"
		}
		fmt.Fprintf(&b, "%s = %s\n", d.Name, v)
	}
	return b.String()
}

// TestRoundTrip: every preset written out as TOML parses back to the same parameters.
func TestRoundTrip(t *testing.T) {
	for _, name := range Presets() {
		sc, _ := Load(name)
		back, err := Parse([]byte(toTOML(sc.Params)), name+"-copy.toml", "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if back.Params != sc.Params {
			t.Errorf("%s does not round-trip", name)
		}
	}
}

// FuzzParse: any input either parses into parameters that validate and
// round-trip, or fails with a located *Error; it never panics.
func FuzzParse(f *testing.F) {
	for _, name := range Presets() {
		sc, _ := Load(name)
		f.Add([]byte(toTOML(sc.Params)))
	}
	f.Add([]byte("base = \"road-rage\"\nhotline = 0.5\n"))
	f.Add([]byte("ticks = 1_000\nproxy_use = 1e-1\n"))
	f.Add([]byte("[x]\ny = 1\n"))
	f.Add([]byte("states = 0x10\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse(data, "fuzz.toml", t.TempDir())
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T) is not a *scenario.Error", err, err)
			}
			if se.Source == "" {
				t.Fatalf("error without a source: %v", err)
			}
			return
		}
		if err := sc.Params.Validate(); err != nil {
			t.Fatalf("parsed parameters do not validate: %v", err)
		}
		back, err := Parse([]byte(toTOML(sc.Params)), "again.toml", "")
		if err != nil {
			t.Fatalf("re-parse: %v", err)
		}
		if back.Params != sc.Params {
			t.Fatal("parameters do not round-trip")
		}
	})
}

// TestUnknownParam: typos get the intended parameter name; gibberish gets
// none; the message says "did you mean" only with a suggestion.
func TestUnknownParam(t *testing.T) {
	cases := []struct{ typo, want string }{
		{"capcity", "capacity"},
		{"capacty", "capacity"},
		{"answer_windo", "answer_window"},
		{"answerwindow", "answer_window"},
		{"answer-window", "answer_window"},
		{"tension_dtt", "tension_dt"},
		{"hackback", "hack_back"},
		{"hack_back_shar", "hack_back_share"},
		{"vigilante", "vigilantes"},
		{"state_doctrin", "state_doctrine"},
		{"colateral_mean", "collateral_mean"},
		{"root_rat", "root_rate"},
		{"Ticks", "ticks"},
		{"capacity", "capacity"},
		{strings.Repeat("q", 38), ""},
		{"zzzzzzzzzz", ""},
	}
	for _, tc := range cases {
		e := UnknownParam(tc.typo)
		if e.Name != tc.typo || e.Nearest != tc.want {
			t.Errorf("UnknownParam(%q) = %+v, want the suggestion %q", tc.typo, e, tc.want)
		}
	}
	sc, err := Load(Default)
	if err != nil {
		t.Fatal(err)
	}
	err = sc.Set("capcity=3")
	if want := `--set capcity=3: unknown parameter "capcity" (did you mean "capacity"?)`; err == nil || err.Error() != want {
		t.Errorf("Set(capcity=3) = %v, want %q", err, want)
	}
}
