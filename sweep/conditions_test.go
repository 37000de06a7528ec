package sweep

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestSobolPoint: a point computed from its index is the point of the
// sequence SobolPoints generates in order.
func TestSobolPoint(t *testing.T) {
	const n, d = 1500, SobolMaxDim
	all := SobolPoints(n, d)
	for i := range n {
		if got := SobolPoint(i, d); !slices.Equal(got, all[i]) {
			t.Fatalf("SobolPoint(%d) = %v, want %v", i, got, all[i])
		}
	}
}

// enumerate lists a spec's conditions as a plan listed them before it held
// their description: the grid with the first factor slowest, crossed with
// the sample's points.
func enumerate(s *Spec) [][]string {
	grid := [][]string{{}}
	for _, f := range s.Vary {
		var next [][]string
		for _, g := range grid {
			for _, v := range f.Values {
				next = append(next, append(slices.Clip(g), v))
			}
		}
		grid = next
	}
	if s.Sample == nil {
		return grid
	}
	var out [][]string
	for _, g := range grid {
		for _, u := range s.Sample.points(s.MasterSeed) {
			c := slices.Clip(g)
			for j, r := range s.Sample.Ranges {
				c = append(c, r.scale(u[j], paramType(r.Name)))
			}
			out = append(out, c)
		}
	}
	return out
}

// TestConditionsFromDescription: the conditions computed from the plan's
// description are the enumerated ones, for a grid, a Sobol sample and a
// Latin hypercube, also once the plan has gone through sweep.json.
func TestConditionsFromDescription(t *testing.T) {
	for _, method := range []string{MethodSobol, MethodLHS} {
		text := fmt.Sprintf("master_seed = 7\nreplicates = 2\n[vary]\nhack_back = [\"illegal\", \"free\"]\nfirms = [100, 200, 300]\n[sample]\nmethod = %q\npoints = 13\nhotline = {from = 0.2, to = 0.6}\nstates = {from = 2, to = 6}\n", method)
		s, err := Parse([]byte(text), "t.toml", "")
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.Plan()
		if err != nil {
			t.Fatal(err)
		}
		want := enumerate(s)
		if got := p.Conditions(); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: conditions\n%v\nwant\n%v", method, got, want)
		}
		dir := filepath.Join(t.TempDir(), "s")
		if _, _, err := prepareDir(dir, p, Shard{}, "test"); err != nil {
			t.Fatal(err)
		}
		m, err := ReadManifest(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Plan.Conditions(); !reflect.DeepEqual(got, want) || m.Plan.Hash() != p.Hash() || m.Hash != p.Hash() {
			t.Errorf("%s: read back: %d conditions, hash %.12s, want %d, %.12s", method, len(got), m.Plan.Hash(), len(want), p.Hash())
		}
	}
}

// TestPlanFileSmall: the plan file of a sweep of ten million runs (a
// hundred thousand conditions) holds the description of its conditions,
// not their list, and is written at once.
func TestPlanFileSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("checks a hundred thousand conditions")
	}
	s, err := Parse([]byte("replicates = 100\nticks = 5\n[vary]\nfirms = [100, 200, 300, 400]\n[sample]\nmethod = \"lhs\"\npoints = 25000\nhotline = {from = 0, to = 1}\nfirm_skill = {from = 0, to = 1}\n"), "big.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if p.Runs() != 10_000_000 {
		t.Fatalf("%d runs", p.Runs())
	}
	dir := filepath.Join(t.TempDir(), "big")
	start := time.Now()
	if _, _, err := prepareDir(dir, p, Shard{}, "test"); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	fi, err := os.Stat(filepath.Join(dir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() > 20_000 || took > 500*time.Millisecond {
		t.Errorf("%s of 10,000,000 runs: %d bytes written in %s; want at most 20 kB in 0.5 s", ManifestFile, fi.Size(), took)
	}
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c := 3*25_000 + 4321; !slices.Equal(m.Plan.Condition(c), p.Condition(c)) {
		t.Errorf("condition %d read back %v, want %v", c, m.Plan.Condition(c), p.Condition(c))
	}
}
