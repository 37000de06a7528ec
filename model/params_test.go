package model

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestRegistryDefaults: every parameter's default lies within its range
// (or among its choices), names are unique, and DefaultParams holds the
// defaults and validates.
func TestRegistryDefaults(t *testing.T) {
	reg := Registry()
	if len(reg) == 0 {
		t.Fatal("empty registry")
	}
	names := map[string]bool{}
	def := DefaultParams()
	for _, d := range reg {
		if names[d.Name] {
			t.Errorf("%s registered twice", d.Name)
		}
		names[d.Name] = true
		if d.Meaning == "" || d.Unit == "" || d.Group == "" {
			t.Errorf("%s: empty meaning, unit or group", d.Name)
		}
		switch d.Type {
		case "float", "int":
			if !(d.Min <= d.Max) {
				t.Errorf("%s: range [%v, %v] is empty", d.Name, d.Min, d.Max)
			}
			v, err := strconv.ParseFloat(d.Default, 64)
			if err != nil {
				t.Errorf("%s: default %q is not a number", d.Name, d.Default)
				continue
			}
			if v < d.Min || v > d.Max {
				t.Errorf("%s: default %v outside [%v, %v]", d.Name, v, d.Min, d.Max)
			}
			if d.Type == "int" {
				if _, err := strconv.Atoi(d.Default); err != nil || d.Min != math.Trunc(d.Min) || d.Max != math.Trunc(d.Max) {
					t.Errorf("%s: int parameter with default %q, range [%v, %v]", d.Name, d.Default, d.Min, d.Max)
				}
			}
		case "choice":
			if !slices.Contains(d.Choices, d.Default) {
				t.Errorf("%s: default %q not among %v", d.Name, d.Default, d.Choices)
			}
		default:
			t.Errorf("%s: unknown type %q", d.Name, d.Type)
		}
		if got, ok := def.Get(d.Name); !ok || got != d.Default {
			t.Errorf("DefaultParams().Get(%q) = %q, %v; registry default %q", d.Name, got, ok, d.Default)
		}
		if l, ok := Lookup(d.Name); !ok || l.Name != d.Name {
			t.Errorf("Lookup(%q) fails", d.Name)
		}
	}
	if err := def.Validate(); err != nil {
		t.Errorf("DefaultParams does not validate: %v", err)
	}
	ns := Names()
	if !slices.IsSorted(ns) || len(ns) != len(names) {
		t.Errorf("Names() is not the sorted list of the %d names", len(names))
	}
	for _, n := range ns {
		if !names[n] {
			t.Errorf("Names() lists %q, not in the registry", n)
		}
	}
	if vs := def.Values(); len(vs) != len(reg) {
		t.Errorf("Values() has %d entries for %d parameters", len(vs), len(reg))
	}
}

// TestSetRejects: Set refuses unknown names (UnknownError), values out of
// range or not among the choices (RangeError), and values of the wrong type
// (an error naming the parameter); the Params are then unchanged.
func TestSetRejects(t *testing.T) {
	const (
		ok      = "ok"
		rangeE  = "range"
		unknown = "unknown"
		syntax  = "syntax"
	)
	cases := []struct{ name, value, want string }{
		{"capacity", "8", ok},
		{"capacity", " 3 ", ok}, // surrounding spaces are trimmed
		{"capacity", "+3", ok},
		{"capacity", "1", ok},       // minimum
		{"capacity", "1000000", ok}, // maximum
		{"capacity", "0", rangeE},
		{"capacity", "-5", rangeE},
		{"capacity", "1000001", rangeE},
		{"capacity", "2.5", syntax},
		{"capacity", "1e3", syntax},
		{"capacity", "", syntax},
		{"capacity", "eight", syntax},
		{"capacity", "99999999999999999999", syntax}, // overflows int64
		{"ticks", "100000000", ok},
		{"ticks", "100000001", rangeE},
		{"answer_probability", "0", ok},
		{"answer_probability", "1", ok},
		{"answer_probability", "1e-3", ok},
		{"answer_probability", "1.5", rangeE},
		{"answer_probability", "-0.1", rangeE},
		{"answer_probability", "1.0000000000000002", rangeE}, // one ulp above 1
		{"answer_probability", "NaN", syntax},
		{"answer_probability", "Inf", syntax},
		{"answer_probability", "-Inf", syntax},
		{"answer_probability", "abc", syntax},
		{"answer_probability", "0.5x", syntax},
		{"tension_grievance", "-10", ok},
		{"tension_grievance", "-10.0001", rangeE},
		{"firm_value", "0", rangeE}, // minimum 0.001
		{"mechanics", "branching", ok},
		{"mechanics", "Branching", rangeE}, // choices are case-sensitive
		{"mechanics", "", rangeE},
		{"state_doctrine", "restraint", ok},
		{"firm_doctrine", "restraint", rangeE}, // not a firm doctrine
		{"hack_back", "legal", rangeE},
		{"answer_windw", "3", unknown},
		{"", "3", unknown},
		{"Capacity", "3", unknown},
	}
	for _, tc := range cases {
		t.Run(tc.name+"="+tc.value, func(t *testing.T) {
			p := DefaultParams()
			before := p
			err := p.Set(tc.name, tc.value)
			var re *RangeError
			var ue *UnknownError
			switch tc.want {
			case ok:
				if err != nil {
					t.Fatalf("Set(%q, %q): %v", tc.name, tc.value, err)
				}
				got, _ := p.Get(tc.name)
				in := strings.TrimSpace(tc.value)
				a, errA := strconv.ParseFloat(got, 64)
				b, errB := strconv.ParseFloat(in, 64)
				if got != in && (errA != nil || errB != nil || a != b) {
					t.Errorf("Get(%q) = %q after Set %q", tc.name, got, tc.value)
				}
				return
			case rangeE:
				if !errors.As(err, &re) {
					t.Fatalf("Set(%q, %q) = %v, want a *RangeError", tc.name, tc.value, err)
				}
				if re.Name != tc.name || re.Param.Name != tc.name || re.Value != strings.TrimSpace(tc.value) {
					t.Errorf("RangeError %+v", re)
				}
				if !strings.Contains(err.Error(), re.Param.Allowed()) {
					t.Errorf("message %q does not say what is allowed (%s)", err, re.Param.Allowed())
				}
			case unknown:
				if !errors.As(err, &ue) {
					t.Fatalf("Set(%q, %q) = %v, want an *UnknownError", tc.name, tc.value, err)
				}
				if ue.Name != tc.name || ue.Nearest != "" {
					t.Errorf("UnknownError %+v, want the name and no suggestion", ue)
				}
				if want := fmt.Sprintf("unknown parameter %q", tc.name); err.Error() != want {
					t.Errorf("message %q, want %q", err, want)
				}
			case syntax:
				if err == nil {
					t.Fatalf("Set(%q, %q) accepted", tc.name, tc.value)
				}
				if errors.As(err, &ue) {
					t.Errorf("ill-typed value reported as an unknown name: %v", err)
				}
				if !strings.Contains(err.Error(), tc.name) {
					t.Errorf("message %q does not name the parameter", err)
				}
			}
			if p != before {
				t.Errorf("a rejected Set changed the parameters")
			}
		})
	}
}

// TestUnknownErrorText: an unknown name is reported with the caller's
// suggestion when there is one.
func TestUnknownErrorText(t *testing.T) {
	for _, tc := range []struct {
		e    UnknownError
		want string
	}{
		{UnknownError{Name: "capcity"}, `unknown parameter "capcity"`},
		{UnknownError{Name: "capcity", Nearest: "capacity"}, `unknown parameter "capcity" (did you mean "capacity"?)`},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.e, got, tc.want)
		}
	}
}

// TestValidate: the rules that tie parameters together.
func TestValidate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*Params)
		valid bool
	}{
		{"defaults", func(*Params) {}, true},
		{"answer_delay = answer_window", func(p *Params) { p.AnswerWindow, p.AnswerDelay = 5, 5 }, true},
		{"answer_delay > answer_window", func(p *Params) { p.AnswerWindow, p.AnswerDelay = 5, 6 }, false},
		{"answer_window = answer_delay = 1", func(p *Params) { p.AnswerWindow, p.AnswerDelay = 1, 1 }, true},
		{"one actor", func(p *Params) {
			p.States, p.Firms, p.Citizens, p.Criminals, p.Hacktivists, p.Vigilantes = 1, 0, 0, 0, 0, 0
		}, false},
		{"two states alone", func(p *Params) {
			p.States, p.Firms, p.Citizens, p.Criminals, p.Hacktivists, p.Vigilantes = 2, 0, 0, 0, 0, 0
		}, true},
		{"hacktivists with one state", func(p *Params) { p.States = 1 }, false},
		{"hacktivists with one state, branching", func(p *Params) { p.States, p.Mechanics = 1, MechanicsBranching }, true},
		{"field out of range", func(p *Params) { p.Capacity = 0 }, false},
		{"NaN field", func(p *Params) { p.AnswerProbability = math.NaN() }, false},
		{"bad choice", func(p *Params) { p.HackBack = "maybe" }, false},
		{"too many actors", func(p *Params) { p.Citizens = 10_000_000; p.Firms = 10_000_000; p.Criminals = 1 }, false},
	}
	for _, tc := range cases {
		p := DefaultParams()
		tc.edit(&p)
		err := p.Validate()
		if (err == nil) != tc.valid {
			t.Errorf("%s: Validate() = %v, want valid %v", tc.name, err, tc.valid)
		}
		if tc.valid {
			if _, err := New(p, 1, nil); err != nil && p.Actors() < 100000 {
				t.Errorf("%s: New: %v", tc.name, err)
			}
		} else if _, err := New(p, 1, nil); err == nil {
			t.Errorf("%s: New accepted invalid parameters", tc.name)
		}
	}
}

// otherValue returns a valid value of parameter d different from cur.
func otherValue(d Param, cur string) string {
	switch d.Type {
	case "choice":
		for _, c := range d.Choices {
			if c != cur {
				return c
			}
		}
	case "int":
		if v := strconv.FormatInt(int64(d.Min), 10); v != cur {
			return v
		}
		return strconv.FormatInt(int64(d.Min)+1, 10)
	default:
		if v := formatFloat(d.Max); v != cur {
			return v
		}
		return formatFloat(d.Min)
	}
	return cur
}

// TestSetParamMidRun: SetParam refuses structural parameters (those fixing
// the world's actors, the answer window, the rule set) after a run has
// started, accepts the others, and leaves the parameters unchanged when it
// refuses.
func TestSetParamMidRun(t *testing.T) {
	p := DefaultParams()
	invSet(t, &p, "states", "3", "firms", "30", "citizens", "30", "criminals", "3", "hacktivists", "2", "vigilantes", "1")
	m, err := New(p, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		m.Step()
	}
	// The structural parameters as the model's documentation lists them.
	structural := []string{"mechanics", "states", "firms", "citizens", "criminals", "hacktivists", "vigilantes",
		"researcher_share", "poverty_share", "iot_share", "botnet_share", "answer_window", "state_gradient",
		"firm_value", "citizen_value", "state_value", "state_activity_spread", "state_capability_spread", "rivalry_density", "rivalry_concentration"}
	for _, d := range Registry() {
		before := m.Params()
		cur, _ := before.Get(d.Name)
		if slices.Contains(structural, d.Name) {
			if !d.Structural {
				t.Errorf("%s: Structural = false", d.Name)
			}
			v := otherValue(d, cur)
			if err := m.SetParam(d.Name, v); err == nil {
				t.Errorf("SetParam(%q, %q) accepted mid-run", d.Name, v)
			}
			if m.Params() != before {
				t.Errorf("refused SetParam(%q) changed the parameters", d.Name)
			}
			continue
		}
		if d.Structural {
			t.Errorf("%s: Structural = true for a parameter that does not fix the world", d.Name)
		}
		// Setting a non-structural parameter to its current value works.
		if err := m.SetParam(d.Name, cur); err != nil {
			t.Errorf("SetParam(%q, %q): %v", d.Name, cur, err)
		}
	}
	// A change that takes effect, one out of range, one that breaks a rule.
	if err := m.SetParam("hack_back_share", "0.9"); err != nil || m.Params().HackBackShare != 0.9 {
		t.Errorf("SetParam(hack_back_share, 0.9) = %v, value %v", err, m.Params().HackBackShare)
	}
	if err := m.SetParam("ticks", "1000"); err != nil || m.Params().Ticks != 1000 {
		t.Errorf("SetParam(ticks, 1000) = %v", err)
	}
	before := m.Params()
	var re *RangeError
	if err := m.SetParam("capacity", "0"); !errors.As(err, &re) || m.Params() != before {
		t.Errorf("SetParam(capacity, 0) = %v", err)
	}
	if err := m.SetParam("answer_delay", strconv.Itoa(before.AnswerWindow+1)); err == nil || m.Params() != before {
		t.Errorf("SetParam(answer_delay > answer_window) = %v", err)
	}
	var ue *UnknownError
	if err := m.SetParam("capcity", "3"); !errors.As(err, &ue) || m.Params() != before {
		t.Errorf("SetParam(capcity) = %v", err)
	}
	m.Step() // the run goes on
}

// FuzzSet: after a successful Set, Get returns a value that Set accepts
// again with the same result (a round trip through text); after a failed
// Set the parameters are unchanged.
func FuzzSet(f *testing.F) {
	for _, s := range [][2]string{
		{"capacity", "8"}, {"capacity", "+12"}, {"capacity", " 7 "}, {"capacity", "1e3"}, {"capacity", "0"},
		{"answer_probability", "0.25"}, {"answer_probability", "0x1p-2"}, {"answer_probability", "1e-300"},
		{"answer_probability", "4.9e-324"}, {"answer_probability", "0.1000000000000000055511151231257827"},
		{"damage_base", "-0"}, {"tension_grievance", "-3.5"}, {"tension_grievance", "NaN"},
		{"state_value", "1e9"}, {"state_value", "1e9000"}, {"mechanics", "branching"}, {"mechanics", " cyber\t"},
		{"state_doctrine", "punitive"}, {"ticks", "100000000"}, {"answer_window", "10000"},
		{"unknown", "1"}, {"", ""}, {"capacity", "\u00a08"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, name, value string) {
		p := DefaultParams()
		before := p
		if err := p.Set(name, value); err != nil {
			if p != before {
				t.Fatalf("failed Set(%q, %q) changed the parameters: %v", name, value, err)
			}
			if _, known := Lookup(name); !known {
				var ue *UnknownError
				if !errors.As(err, &ue) {
					t.Fatalf("Set of unknown %q: %v, want an *UnknownError", name, err)
				}
			}
			return
		}
		got, ok := p.Get(name)
		if !ok {
			t.Fatalf("Get(%q) fails after a successful Set", name)
		}
		q := DefaultParams()
		if err := q.Set(name, got); err != nil {
			t.Fatalf("Set(%q, %q) accepted, but Set of its Get %q fails: %v", name, value, got, err)
		}
		if again, _ := q.Get(name); again != got {
			t.Fatalf("round trip of %q: %q -> %q -> %q", name, value, got, again)
		}
		if q != p {
			t.Fatalf("Set(%q, %q) and Set of its Get %q give different parameters", name, value, got)
		}
		// Set and Get touch only the named field.
		for _, d := range Registry() {
			if d.Name == name {
				continue
			}
			a, _ := p.Get(d.Name)
			b, _ := before.Get(d.Name)
			if a != b {
				t.Fatalf("Set(%q) changed %s from %q to %q", name, d.Name, b, a)
			}
		}
	})
}

// TestParamTraits: exactly these parameters are structural, and SetParam
// refuses each of them mid-run with the same words; exactly these re-deal
// the inclinations to hack back when they change.
func TestParamTraits(t *testing.T) {
	structural := []string{"mechanics", "states", "firms", "citizens", "criminals", "hacktivists", "vigilantes",
		"researcher_share", "poverty_share", "iot_share", "botnet_share", "answer_window", "state_gradient",
		"firm_value", "citizen_value", "state_value", "state_activity_spread", "state_capability_spread", "rivalry_density", "rivalry_concentration"}
	redeals := []string{"hack_back_share", "license_share", "pledge"}
	var gotStructural, gotRedeals []string
	for _, d := range Registry() {
		if d.Structural {
			gotStructural = append(gotStructural, d.Name)
		}
		if d.redealsInclinations {
			gotRedeals = append(gotRedeals, d.Name)
		}
	}
	if !slices.Equal(gotStructural, structural) {
		t.Errorf("structural parameters %v, want %v", gotStructural, structural)
	}
	if !slices.Equal(gotRedeals, redeals) {
		t.Errorf("parameters that re-deal inclinations %v, want %v", gotRedeals, redeals)
	}
	p := DefaultParams()
	invSet(t, &p, "states", "3", "firms", "30", "citizens", "30", "criminals", "3", "hacktivists", "2", "vigilantes", "1")
	m, err := New(p, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Step()
	for _, name := range structural {
		d, _ := Lookup(name)
		cur, _ := m.p.Get(name)
		err := m.SetParam(name, otherValue(d, cur))
		want := name + " fixes the world's structure and cannot change during a run"
		if err == nil || err.Error() != want {
			t.Errorf("SetParam(%q) = %v, want %q", name, err, want)
		}
	}
	inclined := func() (n int) {
		for _, a := range m.Actors() {
			if a.Kind == KindFirm && a.Inclined {
				n++
			}
		}
		return n
	}
	if inclined() == 0 {
		t.Fatal("no firm inclined to hack back with the default shares")
	}
	// A pledge binding every firm leaves none inclined once re-dealt.
	if err := m.SetParam("pledge", "1"); err != nil {
		t.Fatal(err)
	}
	if n := inclined(); n != 0 {
		t.Errorf("%d firms inclined after pledge = 1", n)
	}
}
