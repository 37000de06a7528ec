package sweep

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestSpecErrors: every mistake is one *SpecError naming the file, the line
// and what is allowed.
func TestSpecErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad-scenario.toml"), []byte("proxy_use = 2\n"), 0o644)
	cases := []struct {
		name string
		spec string
		want []string // substrings of the message, the first being file:line
	}{
		{"malformed", "replicates = [\n", []string{"spec.toml:", "malformed TOML"}},
		{"unknown top key", "base = \"status-quo\"\nreplicate = 3\n", []string{"spec.toml:2", `unknown key "replicate"`, `did you mean "replicates"`}},
		{"replicates type", "replicates = 2.5\n", []string{"spec.toml:1", "replicates = 2.5 is not an integer", "from 1 to"}},
		{"replicates range", "\n\nreplicates = 0\n", []string{"spec.toml:3", "replicates = 0 is out of range"}},
		{"master seed", "master_seed = -1\n", []string{"spec.toml:1", "master_seed = -1"}},
		{"ticks range", "ticks = 0\n", []string{"spec.toml:1", "ticks = 0 is out of range"}},
		{"unknown base", "base = \"utopia\"\n", []string{"spec.toml:1", "base", `unknown scenario "utopia"`}},
		{"bad base file", "base = \"bad-scenario.toml\"\n", []string{"spec.toml:1", "bad-scenario.toml:1", "proxy_use = 2"}},
		{"unknown fixed", "[fixed]\nfirms = 10\nhotlines = 0.5\n", []string{"spec.toml:3", `unknown parameter "hotlines"`, `did you mean "hotline"`}},
		{"fixed range", "[fixed]\nhotline = 1.5\n", []string{"spec.toml:2", "fixed.hotline = 1.5 is out of range", "from 0 to 1"}},
		{"fixed type", "[fixed]\nstates = 2.5\n", []string{"spec.toml:2", "fixed.states = 2.5 is not an integer"}},
		{"fixed choice type", "[fixed]\nhack_back = 3\n", []string{"spec.toml:2", "hack_back = 3 is a number", "illegal, licensed, free"}},
		{"fixed string for number", "[fixed]\nhotline = \"high\"\n", []string{"spec.toml:2", `"high" is a string`}},
		{"vary value range", "[vary]\nattribution_skill = [0.2, 1.5]\n", []string{"spec.toml:2", "vary.attribution_skill = 1.5 is out of range", "from 0 to 1"}},
		{"vary bad choice", "[vary]\nhack_back = [\"illegal\", \"legal\"]\n", []string{"spec.toml:2", "hack_back", "illegal, licensed, free"}},
		{"vary empty", "[vary]\nhotline = []\n", []string{"spec.toml:2", "empty list"}},
		{"vary duplicate", "[vary]\nhotline = [0.5, 0.5]\n", []string{"spec.toml:2", "twice"}},
		{"vary scalar", "[vary]\nhotline = 0.5\n", []string{"spec.toml:2", "give a list of values"}},
		{"range without step", "[vary]\nhotline = {from = 0, to = 1}\n", []string{"spec.toml:2", `lacks "step"`}},
		{"range bad key", "[vary]\nhotline = {from = 0, to = 1, stp = 0.5}\n", []string{"spec.toml:2", `unknown key "stp"`, `did you mean "step"`}},
		{"range reversed", "[vary]\nhotline = {from = 1, to = 0, step = 0.5}\n", []string{"spec.toml:2", "from = 1 is above to = 0"}},
		{"range out of bounds", "[vary]\nhotline = {from = 0, to = 2, step = 0.5}\n", []string{"spec.toml:2", "to = 2 is out of range", "from 0 to 1"}},
		{"range infinite", "[vary]\nhotline = {from = 0, to = inf, step = 0.5}\n", []string{"spec.toml:2", "to = +Inf: infinite values are not allowed: allowed a number from 0 to 1"}},
		{"range NaN", "[vary]\nhotline = {from = nan, to = 1, step = 0.5}\n", []string{"spec.toml:2", "from = NaN: NaN (not a number) is not allowed"}},
		{"fixed infinite", "[fixed]\nhotline = inf\n", []string{"spec.toml:2", "infinite values are not allowed", "from 0 to 1"}},
		{"unknown base suggests", "base = \"road-rag\"\n", []string{"spec.toml:1", `unknown scenario "road-rag" (did you mean "road-rage"?)`}},
		{"range of a choice", "[vary]\nhack_back = {from = 0, to = 1, step = 1}\n", []string{"spec.toml:2", "is a choice"}},
		{"named twice", "[fixed]\nhotline = 0.5\n[vary]\nhotline = [0.1, 0.2]\n", []string{"spec.toml:4", "also given as fixed.hotline (line 2)"}},
		{"inconsistent", "[fixed]\nanswer_window = 5\n[vary]\nanswer_delay = [2, 8]\n", []string{"spec.toml:4", "answer_delay = 8", "answer_window = 5"}},
		{"sample without method", "[sample]\npoints = 8\nhotline = {from = 0, to = 1}\n", []string{"spec.toml:1", "lacks method"}},
		{"sample bad method", "[sample]\nmethod = \"halton\"\npoints = 8\nhotline = {from = 0, to = 1}\n", []string{"spec.toml:2", `"halton"`, `"sobol"`, `"lhs"`}},
		{"sample typo", "[sample]\nmethod = \"sobol\"\npoint = 8\nhotline = {from = 0, to = 1}\n", []string{"spec.toml:3", `unknown key "point"`, `did you mean "points"`}},
		{"sample choice", "[sample]\nmethod = \"lhs\"\npoints = 8\nhack_back = {from = 0, to = 1}\n", []string{"spec.toml:4", "cannot be sampled"}},
		{"sample no params", "[sample]\nmethod = \"lhs\"\npoints = 8\n", []string{"spec.toml:1", "samples no parameter"}},
		{"outputs typo", "[outputs]\nseries = true\ncascade_size = false\n", []string{"spec.toml:3", `unknown key "cascade_size"`, `did you mean "cascade_sizes"`}},
		{"outputs type", "[outputs]\nseries = \"yes\"\n", []string{"spec.toml:2", "true or false"}},
		{"outputs metric", "[outputs]\nmetrics = [\"damage\", \"harm\"]\n", []string{"spec.toml:2", `"harm" is not a headline metric`, "innocents_harmed"}},
		{"heatmap needs sizes", "[outputs]\ncascade_sizes = false\nheatmap = \"cascade_size_p99\"\n", []string{"spec.toml:3", "needs cascade_sizes = true"}},
		{"table where a value goes", "fixed = 3\n", []string{"spec.toml:1", "must be a table"}},
		{"array of tables", "[[vary]]\nhotline = [1]\n", []string{"spec.toml:1", "arrays of tables"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "spec.toml")
			if err := os.WriteFile(path, []byte(c.spec), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Load(path)
			if err == nil {
				_, err = s.Plan()
			}
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("got %v (%T), want a *SpecError", err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, filepath.Join(dir, c.want[0])) {
				t.Errorf("message %q does not start with %q", msg, c.want[0])
			}
			for _, w := range c.want[1:] {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
		})
	}
}

func TestShippedSpecsAreValid(t *testing.T) {
	names := Shipped()
	for _, want := range []string{"demo", "phase-diagram"} {
		if !slices.Contains(names, want) {
			t.Errorf("no shipped spec %q among %v", want, names)
		}
	}
	for _, n := range names {
		s, err := Load(n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		p, err := s.Plan()
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if s.Description == "" || p.Runs() == 0 {
			t.Errorf("%s: no description or no runs", n)
		}
		// Laptop-sized: the shipped specs stay below a few thousand runs.
		if p.Runs() > 5000 {
			t.Errorf("%s has %d runs: keep shipped specs to minutes on a laptop", n, p.Runs())
		}
	}
	if _, err := Load("no-such-sweep"); err == nil || !strings.Contains(err.Error(), "demo") {
		t.Errorf("an unknown name should list the shipped specs: %v", err)
	}
}

func TestRangesAndGrid(t *testing.T) {
	s, err := Parse([]byte(`
replicates = 2
[vary]
hotline = {from = 0, to = 0.3, step = 0.1}
hack_back = ["illegal", "free"]
states = {from = 2, to = 6, step = 2}
`), "t.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Vary[0].Values; !slices.Equal(got, []string{"0", "0.1", "0.2", "0.3"}) {
		t.Errorf("float range = %v, want tidy decimals 0 to 0.3", got)
	}
	if got := s.Vary[2].Values; !slices.Equal(got, []string{"2", "4", "6"}) {
		t.Errorf("int range = %v", got)
	}
	p, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if p.NumConditions() != 24 || p.Runs() != 48 {
		t.Fatalf("%d conditions, %d runs; want 24, 48", p.NumConditions(), p.Runs())
	}
	// The first factor varies slowest, the last fastest.
	if got := p.Condition(1); !slices.Equal(got, []string{"0", "illegal", "4"}) {
		t.Errorf("condition 1 = %v", got)
	}
	if got := p.Condition(23); !slices.Equal(got, []string{"0.3", "free", "6"}) {
		t.Errorf("condition 23 = %v", got)
	}
	r := p.Run(5)
	if r.Condition != 2 || r.Replicate != 1 {
		t.Errorf("run 5 = %+v, want condition 2 replicate 1", r)
	}
	want := "escalate run --scenario status-quo --seed " + strconv.FormatUint(r.Seed, 10) + " --set hotline=0 --set hack_back=illegal --set states=6"
	if got := p.Command(5); got != want {
		t.Errorf("command = %q, want %q", got, want)
	}
}

// TestSobolFirstPoints pins the first points of the three-dimensional
// sequence (the values printed by Joe and Kuo's reference program and by
// scipy.stats.qmc.Sobol(d=3, scramble=False)).
func TestSobolFirstPoints(t *testing.T) {
	want := [][]float64{
		{0, 0, 0}, {0.5, 0.5, 0.5}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875},
		{0.125, 0.625, 0.375}, {0.1875, 0.3125, 0.9375}, {0.6875, 0.8125, 0.4375},
	}
	got := SobolPoints(10, 3)
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("point %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// TestSobolStratification: in every dimension, the first 2^m points fall
// one in each interval [k/2^m, (k+1)/2^m): the property that makes the
// sequence a (t, m, s)-net, which wrong direction numbers break.
func TestSobolStratification(t *testing.T) {
	const m = 10
	pts := SobolPoints(1<<m, SobolMaxDim)
	for d := range SobolMaxDim {
		seen := make([]bool, 1<<m)
		for _, p := range pts {
			k := int(p[d] * (1 << m))
			if seen[k] {
				t.Fatalf("dimension %d: two of the first %d points in interval %d", d+1, 1<<m, k)
			}
			seen[k] = true
		}
	}
	// The initial direction numbers must be odd and m_k < 2^k, and the
	// polynomial's degree must match their count: a typo in the table
	// breaks one of these.
	for d, jk := range joeKuo {
		if int(jk.s) != len(jk.m) || jk.a >= 1<<(jk.s-1) && jk.s > 1 {
			t.Errorf("dimension %d: degree %d with %d numbers, a = %d", d+2, jk.s, len(jk.m), jk.a)
		}
		for k, m := range jk.m {
			if m%2 == 0 || m >= 1<<(k+1) {
				t.Errorf("dimension %d: m_%d = %d is not odd and below 2^%d", d+2, k+1, m, k+1)
			}
		}
	}
}

func TestLatinHypercube(t *testing.T) {
	const n, d = 50, 4
	pts := LatinHypercube(streamRNG(9, "test", 0), n, d)
	for j := range d {
		seen := make([]bool, n)
		for _, p := range pts {
			k := int(math.Floor(p[j] * n))
			if seen[k] {
				t.Fatalf("dimension %d: two points in stratum %d", j, k)
			}
			seen[k] = true
		}
	}
	again := LatinHypercube(streamRNG(9, "test", 0), n, d)
	if !slices.EqualFunc(pts, again, func(a, b []float64) bool { return slices.Equal(a, b) }) {
		t.Error("the same seed gave another hypercube")
	}
}

func TestSampleSpec(t *testing.T) {
	for _, method := range []string{"sobol", "lhs"} {
		s, err := Parse([]byte(`
[vary]
hack_back = ["licensed", "free"]
[sample]
method = "`+method+`"
points = 16
hotline = {from = 0.2, to = 0.6}
states = {from = 2, to = 5}
`), "t.toml", "")
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.Plan()
		if err != nil {
			t.Fatal(err)
		}
		if p.NumConditions() != 32 {
			t.Fatalf("%s: %d conditions, want 2 x 16", method, p.NumConditions())
		}
		states := map[string]int{}
		for _, c := range p.Conditions()[:16] {
			h := mustFloat(t, c[1])
			if h < 0.2 || h > 0.6 {
				t.Errorf("%s: hotline %v outside [0.2, 0.6]", method, h)
			}
			states[c[2]]++
		}
		// 16 points over the 4 integers 2..5: 4 each (both designs stratify).
		for _, v := range []string{"2", "3", "4", "5"} {
			if states[v] != 4 {
				t.Errorf("%s: states = %s in %d of 16 points, want 4 (%v)", method, v, states[v], states)
			}
		}
		if p.Factors[1].Design != method {
			t.Errorf("design = %q", p.Factors[1].Design)
		}
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestParseShard(t *testing.T) {
	for _, bad := range []string{"", "1", "4/4", "-1/4", "a/b", "0/0", "1/2/3"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
	s, err := ParseShard("3/4")
	if err != nil || s != (Shard{K: 3, N: 4}) {
		t.Fatalf("ParseShard(3/4) = %v, %v", s, err)
	}
	n := 0
	for i := range 10 {
		if s.Has(i) {
			n++
		}
	}
	if n != s.Count(10) || n != 2 {
		t.Errorf("shard 3/4 of 10 runs: %d members, Count %d", n, s.Count(10))
	}
}
