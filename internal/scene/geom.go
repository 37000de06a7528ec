package scene

import "math"

// Point is a position in screen pixels.
type Point struct{ X, Y float64 }

// Add returns p + q.
func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

// Sub returns p - q.
func (p Point) Sub(q Point) Point { return Point{p.X - q.X, p.Y - q.Y} }

// Mul returns p scaled by k.
func (p Point) Mul(k float64) Point { return Point{p.X * k, p.Y * k} }

// Len returns the length of p as a vector.
func (p Point) Len() float64 { return math.Hypot(p.X, p.Y) }

// Dist returns the distance between p and q.
func (p Point) Dist(q Point) float64 { return p.Sub(q).Len() }

// Lerp returns the point a fraction t of the way from p to q.
func (p Point) Lerp(q Point, t float64) Point { return p.Add(q.Sub(p).Mul(t)) }

// Rect is an axis-aligned rectangle in screen pixels.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether p lies inside r.
func (r Rect) Contains(p Point) bool {
	return p.X >= r.X && p.X <= r.X+r.W && p.Y >= r.Y && p.Y <= r.Y+r.H
}

// Inset returns r shrunk by d on every side (never below zero size).
func (r Rect) Inset(d float64) Rect {
	w, h := max(0, r.W-2*d), max(0, r.H-2*d)
	return Rect{r.X + (r.W-w)/2, r.Y + (r.H-h)/2, w, h}
}

// Center returns the centre of r.
func (r Rect) Center() Point { return Point{r.X + r.W/2, r.Y + r.H/2} }

// Empty reports whether r has no area.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Curve appends n+1 points of the quadratic Bézier curve from p0 to p1
// whose control point lies off the chord's midpoint by bend times the
// chord's length, to the left of the direction of travel, so that an arc
// from A to B and one from B to A do not overlap.
func Curve(dst []Point, p0, p1 Point, bend float64, n int) []Point {
	d := p1.Sub(p0)
	c := p0.Lerp(p1, 0.5).Add(Point{d.Y, -d.X}.Mul(bend))
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		dst = append(dst, Point{
			u*u*p0.X + 2*u*t*c.X + t*t*p1.X,
			u*u*p0.Y + 2*u*t*c.Y + t*t*p1.Y,
		})
	}
	return dst
}

// Portion appends the part of polyline pts between fractions t0 and t1 of
// its points (0 the start, 1 the end), interpolating at both ends.
func Portion(dst, pts []Point, t0, t1 float64) []Point {
	if len(pts) < 2 || t1 <= t0 {
		return dst
	}
	t0, t1 = clamp(t0, 0, 1), clamp(t1, 0, 1)
	n := float64(len(pts) - 1)
	at := func(t float64) Point {
		f := t * n
		i := int(f)
		if i >= len(pts)-1 {
			return pts[len(pts)-1]
		}
		return pts[i].Lerp(pts[i+1], f-float64(i))
	}
	dst = append(dst, at(t0))
	for i := int(t0*n) + 1; float64(i) < t1*n; i++ {
		dst = append(dst, pts[i])
	}
	return append(dst, at(t1))
}

// DistToPolyline returns the distance from p to the nearest point of pts.
func DistToPolyline(p Point, pts []Point) float64 {
	best := math.Inf(1)
	for i := 0; i+1 < len(pts); i++ {
		best = min(best, distToSegment(p, pts[i], pts[i+1]))
	}
	if len(pts) == 1 {
		best = p.Dist(pts[0])
	}
	return best
}

func distToSegment(p, a, b Point) float64 {
	ab := b.Sub(a)
	l2 := ab.X*ab.X + ab.Y*ab.Y
	if l2 == 0 {
		return p.Dist(a)
	}
	t := clamp(((p.X-a.X)*ab.X+(p.Y-a.Y)*ab.Y)/l2, 0, 1)
	return p.Dist(a.Add(ab.Mul(t)))
}

func clamp(x, lo, hi float64) float64 { return max(lo, min(hi, x)) }
