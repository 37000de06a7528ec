package tomlpos

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	doc := `seed = 1
ticks = 365

[factors]
range = {from = 0,
  to = 1}
"quoted key" = true
a.b = 2

[[runs]]
n = 3
`
	pos, err := Read([]byte(doc), Rules{})
	if err != nil {
		t.Fatal(err)
	}
	wantKeys := map[string]int{
		"seed": 1, "ticks": 2,
		"factors": 4, "factors.range": 5, "factors.range.from": 5, "factors.range.to": 6,
		"factors.quoted key": 7, "factors.a.b": 8,
		"runs": 10, "runs.n": 11,
	}
	if !maps.Equal(pos.Keys, wantKeys) {
		t.Errorf("Keys = %v, want %v", pos.Keys, wantKeys)
	}
	if want := map[string]int{"factors": 4, "runs": 10}; !maps.Equal(pos.Tables, want) {
		t.Errorf("Tables = %v, want %v", pos.Tables, want)
	}
}

func TestRefusals(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		rules     Rules
		line      int
		msg       string
	}{
		{"table refused", "a = 1\n\n[t]\nb = 2\n", Rules{Tables: "no tables"}, 3, "no tables"},
		{"array refused", "a = 1\n[t]\nb = 2\n[[u]]\n", Rules{ArrayTables: "no arrays"}, 4, "no arrays"},
		{"array as a table", "[[u]]\n", Rules{Tables: "no tables"}, 0, ""},
		{"first refusal wins", "[t]\n[[u]]\n", Rules{Tables: "no tables", ArrayTables: "no arrays"}, 1, "no tables"},
	} {
		_, err := Read([]byte(c.doc), c.rules)
		if c.msg == "" {
			if err != nil {
				t.Errorf("%s: %v, want no error", c.name, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Line != c.line || e.Msg != c.msg {
			t.Errorf("%s: got %#v, want line %d %q", c.name, err, c.line, c.msg)
		}
	}
}

func TestDecodeMalformed(t *testing.T) {
	var v map[string]any
	_, err := Decode([]byte("a = 1\nb = = 2\n"), &v, Rules{})
	var e *Error
	if !errors.As(err, &e) || e.Line != 2 || !strings.HasPrefix(e.Msg, "malformed TOML: ") {
		t.Errorf("got %#v, want a malformed TOML error at line 2", err)
	}
}

func ExampleDecode() {
	var v map[string]any
	pos, err := Decode([]byte("seed = 7\n\n[ranges]\nrate = {from = 0, to = 1}\n"), &v, Rules{ArrayTables: "arrays of tables are not used"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v["seed"], pos.Keys["seed"], pos.Tables["ranges"], pos.Keys["ranges.rate.to"])
	// Output: 7 1 3 4
}

func TestText(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{"x\"y", `"x\"y"`},
		{0.1, "0.1"},
		{float64(3), "3"},
		{int64(7), "7"},
		{true, "true"},
		{[]any{1.5, "a"}, `[1.5, "a"]`},
		{map[string]any{"to": 1.0, "from": 0.0}, "{from = 0, to = 1}"},
	} {
		if got := Text(tc.v); got != tc.want {
			t.Errorf("Text(%#v) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

// An Error reads as the three inputs have always written theirs.
func TestErrorText(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{Source: "spec.toml", Line: 4, Key: "vary.hotline", Msg: "must be an array"}, "spec.toml:4: vary.hotline: must be an array"},
		{Error{Source: "spec.toml", Line: 4, Key: "replicates", Msg: "= 0 must be at least 1"}, "spec.toml:4: replicates = 0 must be at least 1"},
		{Error{Source: "--set firms=x", Key: "firms", Msg: "= x is out of range"}, "--set firms=x: firms = x is out of range"},
		{Error{Source: "preset p4x", Msg: "cannot read"}, "preset p4x: cannot read"},
		{Error{Source: "a.toml", Line: 2, Msg: "malformed TOML: x"}, "a.toml:2: malformed TOML: x"},
		{Error{Line: 2, Msg: "malformed TOML: x"}, "line 2: malformed TOML: x"},
		{Error{Msg: "no tables"}, "no tables"},
		{Error{Key: "seed", Msg: "must be an integer"}, "seed: must be an integer"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("%#v: %q, want %q", tc.e, got, tc.want)
		}
	}
}
