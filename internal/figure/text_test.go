package figure

import (
	"math"
	"testing"

	"gonum.org/v1/plot/plotter"
)

// Undefined points split a series into the runs between them.
func TestSegments(t *testing.T) {
	nan := math.NaN()
	xs := []float64{0, 1, 2, 3, 4, 5, 6}
	ys := []float64{nan, 1, 2, nan, 4, math.Inf(1), 6}
	got := Segments(xs, ys)
	want := []plotter.XYs{{{X: 1, Y: 1}, {X: 2, Y: 2}}, {{X: 4, Y: 4}}, {{X: 6, Y: 6}}}
	if len(got) != len(want) {
		t.Fatalf("Segments = %v, want %v", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("segment %d = %v, want %v", i, got[i], want[i])
		}
		for k := range want[i] {
			if got[i][k] != want[i][k] {
				t.Errorf("segment %d point %d = %v, want %v", i, k, got[i][k], want[i][k])
			}
		}
	}
	if got := Segments([]float64{0, 1}, []float64{nan, nan}); len(got) != 0 {
		t.Errorf("all undefined: %v", got)
	}
}
