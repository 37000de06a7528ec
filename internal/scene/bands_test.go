package scene

import "testing"

// A band's curve runs from one region's rim to the other's, and hovering
// over its middle finds it; a point far from every band finds none.
func TestBandHitTesting(t *testing.T) {
	w, _ := world(t, "status-quo", Rect{0, 0, 1000, 700})
	if len(w.Regions) < 3 {
		t.Fatalf("status-quo has %d states, want at least 3", len(w.Regions))
	}
	centre := w.Bounds.Center()
	bands := []Band{{I: 0, J: 1, Tension: 0.1}, {I: 0, J: 2, Tension: 0.4}}
	for k, b := range bands {
		pts := w.ChordPath(nil, b.I, b.J, centre)
		ri, rj := w.Regions[b.I], w.Regions[b.J]
		if d := pts[0].Dist(ri.Center); d < ri.Radius-1e-6 || d > ri.Radius+1e-6 {
			t.Errorf("band %d starts %.2f from region %d's centre, want its radius %.2f", k, d, b.I, ri.Radius)
		}
		if d := pts[len(pts)-1].Dist(rj.Center); d < rj.Radius-1e-6 || d > rj.Radius+1e-6 {
			t.Errorf("band %d ends %.2f from region %d's centre, want its radius %.2f", k, d, b.J, rj.Radius)
		}
		mid := pts[len(pts)/2]
		if got := w.BandAt(bands, mid.Add(Point{X: 2}), centre, 6); got != k {
			t.Errorf("BandAt(the middle of band %d) = %d", k, got)
		}
	}
	if got := w.BandAt(bands, Point{X: -500, Y: -500}, centre, 6); got != -1 {
		t.Errorf("BandAt(far away) = %d, want -1", got)
	}
	if got := w.BandAt([]Band{{I: 0, J: 99}}, centre, centre, 1e9); got != -1 {
		t.Errorf("BandAt(a band to a state that does not exist) = %d, want -1", got)
	}
}

// With two states the band is the straight gap between their rims.
func TestBandBetweenTwoStates(t *testing.T) {
	w := World{Regions: []Region{{0, Point{100, 100}, 50}, {1, Point{400, 100}, 50}}}
	pts := w.ChordPath(nil, 0, 1, Point{250, 100})
	if len(pts) != 2 || pts[0] != (Point{150, 100}) || pts[1] != (Point{350, 100}) {
		t.Errorf("ChordPath = %v, want [{150 100} {350 100}]", pts)
	}
}
