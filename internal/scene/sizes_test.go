package scene

import (
	"math"
	"testing"

	"github.com/escalation-model/escalation/scenario"
)

// The charts follow the world's parameters: branching shows the sizes of
// its cascades and neither tension nor the poverty line; one state has no
// tension chart; no firms below the poverty line, no share chart.
func TestChartsForTheWorld(t *testing.T) {
	keys := func(name string) []string {
		sc, err := scenario.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range ChartsFor(sc.Params).List {
			out = append(out, c.Key)
		}
		return out
	}
	for name, want := range map[string]string{
		"status-quo":    "tension harm innocents open poor",
		"blue-security": "harm innocents open",
		"branching":     "sizes open",
	} {
		got := keys(name)
		s := ""
		for i, k := range got {
			if i > 0 {
				s += " "
			}
			s += k
		}
		if s != want {
			t.Errorf("%s: charts %q, want %q", name, s, want)
		}
	}
}

// The CCDF counts each size's share of cascades at least that large.
func TestSizesCCDF(t *testing.T) {
	var s Sizes
	for _, n := range []int64{1, 3, 1, 2, 1, 0, 10} {
		s.Add(n)
	}
	sizes, share := s.CCDF()
	want := map[int64]float64{1: 1, 2: 0.5, 3: 2.0 / 6, 10: 1.0 / 6}
	if s.N != 6 || s.Max != 10 || len(sizes) != 4 {
		t.Fatalf("N %d max %d sizes %v", s.N, s.Max, sizes)
	}
	for i, n := range sizes {
		if math.Abs(share[i]-want[n]) > 1e-12 {
			t.Errorf("P(S >= %d) = %v, want %v", n, share[i], want[n])
		}
	}
	r := Rect{X: 0, Y: 0, W: 100, H: 50}
	if p, ok := LogLog(r, 10, 0.01, 100, 1e-4); !ok || math.Abs(p.X-50) > 1e-9 || math.Abs(p.Y-25) > 1e-9 {
		t.Errorf("LogLog(10, 0.01) = %v %v", p, ok)
	}
	if _, ok := LogLog(r, 1000, 0.5, 100, 1e-4); ok {
		t.Error("a size beyond the axis is drawn")
	}
	if DecadeAbove(5) != 10 || DecadeAbove(101) != 1000 {
		t.Error("DecadeAbove")
	}
}
