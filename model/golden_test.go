package model_test

// TestGoldenRuns pins the exact output of a few small runs. Every field of
// every act, every cascade record and every tick's TickStats goes into a
// SHA-256 digest, floats written with strconv.FormatFloat(v, 'g', -1, 64), so
// a change in any bit of any number changes the digest. The same test runs
// natively and under WebAssembly (make test-wasm) and on arm64 under QEMU
// (make test-arm64): matching digests there prove the model gives the same
// numbers on every platform.
//
// After an intended change to the model's output, regenerate with
//
//	go test ./model/ -run TestGoldenRuns -update
//
// and commit model/testdata/golden_runs.txt with the change that caused it.

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
)

const goldenFile = "testdata/golden_runs.txt"

// The -update flag is registered here unless another test file of the
// package already registered one (package-level variables are initialised
// before init functions run), so the two never collide.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files (model/testdata/golden_runs.txt) instead of comparing with them")
	}
}

func goldenUpdate() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	v, _ := strconv.ParseBool(f.Value.String())
	return v
}

// goldenConfig is one configuration of the golden table: changes by
// parameter name applied, in order, to the shrunk default world.
type goldenConfig struct {
	name string
	set  [][2]string
}

var goldenConfigs = []goldenConfig{
	{"default", nil},
	{"free-escalatory", [][2]string{
		{"hack_back", "free"}, {"hack_back_share", "0.6"}, {"state_doctrine", "escalatory"},
		{"defend_forward", "0.2"}, {"vigilantes", "10"},
	}},
	{"branching", [][2]string{{"mechanics", "branching"}, {"citizens", "2000"}}},
	{"licensed", [][2]string{{"hack_back", "licensed"}, {"hack_back_share", "0.6"}, {"license_share", "0.8"}}},
}

var goldenSeeds = []uint64{1, 2}

// goldenBase is model.DefaultParams() shrunk to a few hundred actors and 150
// ticks, everything else at its default.
func goldenBase() [][2]string {
	return [][2]string{
		{"ticks", "150"}, {"states", "4"}, {"firms", "120"}, {"citizens", "200"},
		{"criminals", "12"}, {"hacktivists", "4"}, {"vigilantes", "2"},
	}
}

func goldenParams(t *testing.T, c goldenConfig) model.Params {
	t.Helper()
	p := model.DefaultParams()
	for _, kv := range append(goldenBase(), c.set...) {
		if err := p.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("%s: %s = %s: %v", c.name, kv[0], kv[1], err)
		}
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	return p
}

// goldenDigest is an Observer that hashes everything it is shown.
type goldenDigest struct {
	h        hash.Hash
	buf      []byte
	acts     int64
	cascades int64
}

func newGoldenDigest() *goldenDigest { return &goldenDigest{h: sha256.New()} }

func (d *goldenDigest) record(tag string, v any) {
	d.buf = append(d.buf[:0], tag...)
	d.buf = appendFields(d.buf, reflect.ValueOf(v))
	d.buf = append(d.buf, '\n')
	d.h.Write(d.buf)
}

func (d *goldenDigest) Act(a *model.Act) {
	d.acts++
	d.record("A", *a)
}

func (d *goldenDigest) Cascade(c *model.CascadeRecord) {
	d.cascades++
	d.record("C", *c)
}

func (d *goldenDigest) Tick(s model.TickStats) { d.record("T", s) }

func (d *goldenDigest) Sum() string { return hex.EncodeToString(d.h.Sum(nil)) }

// appendFields writes every field of v (recursively, in declaration order),
// each preceded by a space. Floats use the shortest representation that
// round-trips, so any bit difference shows. A field of a kind it does not
// know panics: extend it rather than leave a field out of the digest.
func appendFields(b []byte, v reflect.Value) []byte {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			b = appendFields(b, v.Field(i))
		}
		return b
	case reflect.Array, reflect.Slice:
		b = append(b, " ["...)
		for i := 0; i < v.Len(); i++ {
			b = appendFields(b, v.Index(i))
		}
		return append(b, " ]"...)
	}
	b = append(b, ' ')
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.AppendUint(b, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.AppendFloat(b, v.Float(), 'g', -1, 64)
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.String:
		return strconv.AppendQuote(b, v.String())
	}
	panic(fmt.Sprintf("golden digest: field of kind %s not handled", v.Kind()))
}

type goldenResult struct {
	name   string
	seed   uint64
	acts   int64
	digest string
	totals model.Totals
}

func (r goldenResult) key() string { return fmt.Sprintf("%s %d", r.name, r.seed) }

func (r goldenResult) line() string {
	return fmt.Sprintf("%s %d %d %s", r.name, r.seed, r.acts, r.digest)
}

func goldenRun(t *testing.T, c goldenConfig, seed uint64) goldenResult {
	t.Helper()
	p := goldenParams(t, c)
	d := newGoldenDigest()
	m, err := model.New(p, seed, d)
	if err != nil {
		t.Fatalf("%s seed %d: %v", c.name, seed, err)
	}
	for range p.Ticks {
		d.Tick(m.Step())
	}
	tot := m.Finish()
	d.record("F", tot)
	if d.acts != tot.Acts {
		t.Errorf("%s seed %d: observer saw %d acts, totals say %d", c.name, seed, d.acts, tot.Acts)
	}
	if d.cascades != tot.Cascades {
		t.Errorf("%s seed %d: observer saw %d cascade records, totals say %d cascades", c.name, seed, d.cascades, tot.Cascades)
	}
	return goldenResult{name: c.name, seed: seed, acts: d.acts, digest: d.Sum(), totals: tot}
}

func headline(tot model.Totals) string {
	want := []string{"acts", "cascades", "hackbacks", "retaliations", "innocents_harmed", "misattributed_share", "damage", "tension_peak", "max_cascade_size"}
	got := map[string]float64{}
	for _, h := range tot.Headlines() {
		got[h.Name] = h.Value
	}
	var s []string
	for _, n := range want {
		if v, ok := got[n]; ok {
			s = append(s, n+"="+strconv.FormatFloat(v, 'g', 6, 64))
		}
	}
	return strings.Join(s, " ")
}

func readGolden(t *testing.T) (map[string]string, []string) {
	t.Helper()
	f, err := os.Open(goldenFile)
	if err != nil {
		t.Fatalf("%v\n(create it with: go test ./model/ -run TestGoldenRuns -update)", err)
	}
	defer f.Close()
	lines := map[string]string{}
	var order []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		fs := strings.Fields(l)
		if len(fs) != 4 {
			t.Fatalf("%s: malformed line %q (want: name seed acts digest)", goldenFile, l)
		}
		k := fs[0] + " " + fs[1]
		lines[k] = l
		order = append(order, k)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines, order
}

func TestGoldenRuns(t *testing.T) {
	var results []goldenResult
	for _, c := range goldenConfigs {
		for _, seed := range goldenSeeds {
			r := goldenRun(t, c, seed)
			t.Logf("%-16s seed %d: %s", c.name, seed, headline(r.totals))
			results = append(results, r)
		}
	}
	// A run must also repeat itself exactly in one process (no map order,
	// clock or goroutine scheduling leaking into the numbers).
	if again := goldenRun(t, goldenConfigs[1], goldenSeeds[0]); again.digest != results[1*len(goldenSeeds)].digest {
		t.Errorf("%s seed %d gave a different digest when run a second time in the same process", again.name, again.seed)
	}

	if goldenUpdate() {
		var b strings.Builder
		b.WriteString("# Golden digests of TestGoldenRuns (model/golden_test.go): name seed acts sha256.\n")
		b.WriteString("# Regenerate after an intended change: go test ./model/ -run TestGoldenRuns -update\n")
		for _, r := range results {
			b.WriteString(r.line() + "\n")
		}
		if err := os.MkdirAll(filepath.Dir(goldenFile), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d runs)", goldenFile, len(results))
		return
	}

	want, order := readGolden(t)
	seen := map[string]bool{}
	bad := 0
	for _, r := range results {
		seen[r.key()] = true
		w, ok := want[r.key()]
		switch {
		case !ok:
			t.Errorf("%s: no golden line for %q (regenerate with -update)", goldenFile, r.key())
			bad++
		case w != r.line():
			t.Errorf("config %q seed %d differs on %s/%s:\n  got  %s\n  want %s", r.name, r.seed, runtime.GOOS, runtime.GOARCH, r.line(), w)
			bad++
		}
	}
	for _, k := range order {
		if !seen[k] {
			t.Errorf("%s has a line for %q, which the test no longer runs (regenerate with -update)", goldenFile, k)
		}
	}
	if bad == 0 {
		t.Logf("all %d golden digests match on %s/%s", len(results), runtime.GOOS, runtime.GOARCH)
	} else {
		t.Logf("%d of %d golden digests differ on %s/%s.\n"+
			"If the model's output changed on purpose, regenerate: go test ./model/ -run TestGoldenRuns -update\n"+
			"If this test passes natively but fails here (make test-wasm, make test-arm64), the model gives different\n"+
			"numbers on this platform: look for math.Exp/Pow/Tanh, products added without float64(...) (fused into\n"+
			"multiply-adds on arm64), map ranges and anything else that differs between platforms (see model/doc.go).",
			bad, len(results), runtime.GOOS, runtime.GOARCH)
	}
}

// TestResetMatchesNew checks that a model reset for a run (Model.Reset)
// gives exactly the run a new model gives: the same digest of every act,
// cascade record, tick and the totals. The model is first used for
// another run, to its end or stopped part way with cascades still open,
// in a larger or a smaller world, with another answer window or rule set.
func TestResetMatchesNew(t *testing.T) {
	larger := goldenConfig{"larger", [][2]string{
		{"states", "9"}, {"firms", "300"}, {"citizens", "500"}, {"answer_window", "30"}, {"hack_back", "free"},
	}}
	cases := []struct {
		first      goldenConfig
		firstTicks int // ticks of the first run; Finish is called only when it runs to the end
		next       goldenConfig
	}{
		{goldenConfigs[0], 150, goldenConfigs[1]},
		{goldenConfigs[1], 150, goldenConfigs[0]},
		{goldenConfigs[1], 40, goldenConfigs[3]},
		{goldenConfigs[2], 150, goldenConfigs[1]},
		{goldenConfigs[1], 70, goldenConfigs[2]},
		{larger, 60, goldenConfigs[1]},
		{goldenConfigs[0], 150, larger},
		{goldenConfigs[3], 150, goldenConfigs[3]},
	}
	for _, tc := range cases {
		p := goldenParams(t, tc.first)
		m, err := model.New(p, 5, newGoldenDigest())
		if err != nil {
			t.Fatal(err)
		}
		for range tc.firstTicks {
			m.Step()
		}
		if tc.firstTicks == p.Ticks {
			m.Finish()
		}
		for _, seed := range goldenSeeds {
			want := goldenRun(t, tc.next, seed)
			q := goldenParams(t, tc.next)
			d := newGoldenDigest()
			if err := m.Reset(q, seed, d); err != nil {
				t.Fatal(err)
			}
			for range q.Ticks {
				d.Tick(m.Step())
			}
			d.record("F", m.Finish())
			if got := d.Sum(); got != want.digest || d.acts != want.acts {
				t.Errorf("%s after %s (%d ticks), seed %d: reset model gave %d acts, digest %s; a new one %d acts, digest %s",
					tc.next.name, tc.first.name, tc.firstTicks, seed, d.acts, got, want.acts, want.digest)
			}
		}
	}
}

// TestResetRejects checks that Reset refuses invalid parameters and leaves
// the model as it was.
func TestResetRejects(t *testing.T) {
	p := goldenParams(t, goldenConfigs[0])
	m, err := model.New(p, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Step()
	bad := p
	bad.AnswerDelay = bad.AnswerWindow + 1
	if err := m.Reset(bad, 2, nil); err == nil {
		t.Fatal("Reset accepted answer_delay > answer_window")
	}
	if m.Params() != p || m.Seed() != 1 || m.Tick() != 1 {
		t.Errorf("after a refused Reset: seed %d, tick %d, params changed %v; want seed 1, tick 1, the same params",
			m.Seed(), m.Tick(), m.Params() != p)
	}
}
