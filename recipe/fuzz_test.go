package recipe

import (
	"net/url"
	"reflect"
	"strconv"
	"testing"
)

// FuzzChange: whatever TICK:key=value parses, its text parses back to the
// same change (parse, format, parse is the identity).
func FuzzChange(f *testing.F) {
	for _, s := range []string{"120:hotline=0.5", " 7 : hack_back = free ", "-3:a:b=c=d", "12key=3", "x:y=z", "0:k="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, form := range []Form{CommandLine, Address} {
			c, err := ParseChange(form, text)
			if err != nil {
				continue
			}
			again, err := ParseChange(form, c.String())
			if err != nil || again != c {
				t.Fatalf("%q: %+v written %q reads back as %+v, %v", text, c, c.String(), again, err)
			}
		}
		s, err := ParseSetting(CommandLine, text)
		if err != nil {
			return
		}
		if again, err := ParseSetting(CommandLine, s.String()); err != nil || again != s {
			t.Fatalf("%q: %+v written %q reads back as %+v, %v", text, s, s.String(), again, err)
		}
	})
}

// FuzzRecipe: a recipe parsed from flags writes a replay command and an
// address that read back as the same recipe.
func FuzzRecipe(f *testing.F) {
	f.Add("road-rage", "7", 40, "firms=100", "3:hotline=0.5", "20:hack_back=free")
	f.Add("my world's.toml", "18446744073709551615", 0, "a b=c d", "0:x=y=z", "-1:k=\n")
	f.Add("-dash", "0", 1, "=", ":=", "5:=")
	f.Fuzz(func(t *testing.T, scenario, seed string, ticks int, set, at1, at2 string) {
		args := []string{"--scenario=" + scenario, "--seed", seed, "--ticks", strconv.Itoa(ticks), "--set", set, "--at", at1, "--at", at2}
		r, err := ParseArgs(args)
		if err != nil {
			return
		}
		again, err := ParseCommand(r.Command())
		if err != nil || !reflect.DeepEqual(again, r) {
			t.Fatalf("%+v: command %q reads back as %+v, %v", r, r.Command(), again, err)
		}
		if again, err := ParseArgs(r.Args()); err != nil || !reflect.DeepEqual(again, r) {
			t.Fatalf("%+v: args %q read back as %+v, %v", r, r.Args(), again, err)
		}
		// An address holds a preset's recipe; ParseQuery checks it all, so
		// compare what it keeps with what it reads back.
		r.Scenario = "status-quo"
		values, err := url.ParseQuery(r.Query())
		if err != nil {
			t.Fatalf("%q: %v", r.Query(), err)
		}
		kept, _ := ParseQuery(values, nil)
		values, err = url.ParseQuery(kept.Query())
		if err != nil {
			t.Fatalf("%q: %v", kept.Query(), err)
		}
		if back, errs := ParseQuery(values, nil); len(errs) > 0 || !reflect.DeepEqual(back, kept) {
			t.Fatalf("%+v: query %q reads back as %+v, %v", kept, kept.Query(), back, errs)
		}
	})
}
