package figure

import (
	"testing"

	"gonum.org/v1/plot/plotter"
)

// CCDF against a table computed by hand: 20 cascades, of sizes 1 (10),
// 2 (5), 3 (3), 5 (1) and 10 (1); the size 4 with no cascades gives no
// point.
func TestCCDF(t *testing.T) {
	sizes := []int64{1, 2, 3, 4, 5, 10}
	counts := []int64{10, 5, 3, 0, 1, 1}
	want := plotter.XYs{{X: 1, Y: 1}, {X: 2, Y: 0.5}, {X: 3, Y: 0.25}, {X: 5, Y: 0.1}, {X: 10, Y: 0.05}}
	check := func(name string, got plotter.XYs) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d points %v, want %v", name, len(got), got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: point %d = %v, want %v", name, i, got[i], want[i])
			}
		}
	}
	check("CCDF", CCDF(sizes, counts))
	pairs := make([][2]int64, len(sizes))
	for i := range sizes {
		pairs[i] = [2]int64{sizes[i], counts[i]}
	}
	check("CCDFPairs", CCDFPairs(pairs))

	if got := CCDF(nil, nil); len(got) != 0 {
		t.Errorf("no cascades: %v", got)
	}
	if got := CCDF([]int64{3}, []int64{0}); len(got) != 0 {
		t.Errorf("a size with no cascades: %v", got)
	}
	if got := CCDF([]int64{7}, []int64{4}); len(got) != 1 || got[0] != (plotter.XY{X: 7, Y: 1}) {
		t.Errorf("one size: %v", got)
	}
}
