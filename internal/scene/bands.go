package scene

// Band is the tension between two states, drawn as a band between their
// regions' rims.
type Band struct {
	I, J    int     // the states, I < J
	Tension float64 // the higher of the two directions
}

// ChordPath appends to dst the curve between regions i and j's rims, bowed
// through centre (the middle of the map) so that neighbours' tension
// shows too; with two states, or a region at the centre, a straight line.
func (w *World) ChordPath(dst []Point, i, j int, centre Point) []Point {
	ri, rj := w.Regions[i], w.Regions[j]
	if len(w.Regions) == 2 || ri.Center.Dist(centre) < 1 || rj.Center.Dist(centre) < 1 {
		d := ri.Center.Dist(rj.Center)
		if d <= 0 {
			return append(dst, ri.Center, rj.Center)
		}
		a := ri.Center.Add(rj.Center.Sub(ri.Center).Mul(ri.Radius / d))
		b := rj.Center.Add(ri.Center.Sub(rj.Center).Mul(rj.Radius / d))
		return append(dst, a, b)
	}
	dir := func(from Point) Point {
		d := centre.Sub(from)
		if l := d.Len(); l > 0 {
			return d.Mul(1 / l)
		}
		return Point{X: 1}
	}
	a := ri.Center.Add(dir(ri.Center).Mul(ri.Radius))
	b := rj.Center.Add(dir(rj.Center).Mul(rj.Radius))
	const n = 20
	for k := 0; k <= n; k++ {
		t := float64(k) / n
		u := 1 - t
		dst = append(dst, Point{
			X: u*u*a.X + 2*u*t*centre.X + t*t*b.X,
			Y: u*u*a.Y + 2*u*t*centre.Y + t*t*b.Y,
		})
	}
	return dst
}

// BandAt returns the index of the band whose curve passes nearest p
// within maxDist, or -1; later bands (drawn on top) win ties.
func (w *World) BandAt(bands []Band, p Point, centre Point, maxDist float64) int {
	best, bestD := -1, maxDist
	var buf []Point
	for k, b := range bands {
		if b.I < 0 || b.J < 0 || b.I >= len(w.Regions) || b.J >= len(w.Regions) {
			continue
		}
		buf = w.ChordPath(buf[:0], b.I, b.J, centre)
		if d := DistToPolyline(p, buf); d <= bestD {
			best, bestD = k, d
		}
	}
	return best
}
