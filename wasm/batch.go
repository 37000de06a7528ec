package main

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/scene"
)

// batch collects coloured triangles and draws them in one call: thousands
// of marks and arcs cost one draw, not thousands.
type batch struct {
	v []ebiten.Vertex
	i []uint32
}

// white is the one-pixel source image every triangle samples.
var white = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
}()

func (b *batch) reset() { b.v, b.i = b.v[:0], b.i[:0] }

// flush draws the batch onto dst and empties it.
func (b *batch) flush(dst *ebiten.Image) {
	if len(b.i) == 0 {
		b.reset()
		return
	}
	op := &ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
	dst.DrawTriangles32(b.v, b.i, white, op)
	b.reset()
}

// draw draws a cached batch onto dst without emptying it.
func (b *batch) draw(dst *ebiten.Image) {
	if len(b.i) == 0 {
		return
	}
	dst.DrawTriangles32(b.v, b.i, white, &ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha})
}

func (b *batch) vertex(p scene.Point, c color.RGBA) uint32 {
	b.v = append(b.v, ebiten.Vertex{
		DstX: float32(p.X), DstY: float32(p.Y), SrcX: 1, SrcY: 1,
		ColorR: float32(c.R) / 255, ColorG: float32(c.G) / 255, ColorB: float32(c.B) / 255, ColorA: float32(c.A) / 255,
	})
	return uint32(len(b.v) - 1)
}

// poly fills a convex polygon.
func (b *batch) poly(pts []scene.Point, c color.RGBA) {
	if len(pts) < 3 || c.A == 0 {
		return
	}
	first := b.vertex(pts[0], c)
	for k := 1; k < len(pts); k++ {
		b.vertex(pts[k], c)
	}
	for k := uint32(1); k+1 < uint32(len(pts)); k++ {
		b.i = append(b.i, first, first+k, first+k+1)
	}
}

func (b *batch) rect(r scene.Rect, c color.RGBA) {
	b.poly([]scene.Point{{X: r.X, Y: r.Y}, {X: r.X + r.W, Y: r.Y}, {X: r.X + r.W, Y: r.Y + r.H}, {X: r.X, Y: r.Y + r.H}}, c)
}

// line draws a segment of the given width.
func (b *batch) line(p0, p1 scene.Point, width float64, c color.RGBA) {
	d := p1.Sub(p0)
	l := d.Len()
	if l == 0 || c.A == 0 {
		return
	}
	n := scene.Point{X: -d.Y / l * width / 2, Y: d.X / l * width / 2}
	b.poly([]scene.Point{p0.Add(n), p1.Add(n), p1.Sub(n), p0.Sub(n)}, c)
}

// polyline draws connected segments; dash > 0 draws every other stretch
// of that length.
func (b *batch) polyline(pts []scene.Point, width float64, c color.RGBA, dash float64) {
	if dash <= 0 {
		for k := 0; k+1 < len(pts); k++ {
			b.line(pts[k], pts[k+1], width, c)
		}
		// Round the joints a little so thick curves do not crack.
		if width >= 3 {
			for k := 1; k+1 < len(pts); k++ {
				b.circle(pts[k], width/2, c, 8)
			}
		}
		return
	}
	on, left := true, dash
	for k := 0; k+1 < len(pts); k++ {
		p, q := pts[k], pts[k+1]
		seg := q.Sub(p).Len()
		pos := 0.0
		for pos < seg {
			step := min(left, seg-pos)
			if on {
				b.line(p.Lerp(q, pos/seg), p.Lerp(q, (pos+step)/seg), width, c)
			}
			pos += step
			left -= step
			if left <= 0 {
				on, left = !on, dash
			}
		}
	}
}

// circle fills a disc with n sides.
func (b *batch) circle(c scene.Point, r float64, col color.RGBA, n int) {
	if col.A == 0 || r <= 0 {
		return
	}
	centre := b.vertex(c, col)
	for k := 0; k < n; k++ {
		th := 2 * math.Pi * float64(k) / float64(n)
		b.vertex(scene.Point{X: c.X + r*math.Cos(th), Y: c.Y + r*math.Sin(th)}, col)
	}
	for k := uint32(0); k < uint32(n); k++ {
		b.i = append(b.i, centre, centre+1+k, centre+1+(k+1)%uint32(n))
	}
}

// ring draws a circle's outline of the given width.
func (b *batch) ring(c scene.Point, r, width float64, col color.RGBA, n int) {
	if col.A == 0 || r <= 0 {
		return
	}
	base := uint32(len(b.v))
	ri, ro := max(r-width/2, 0), r+width/2
	for k := 0; k < n; k++ {
		th := 2 * math.Pi * float64(k) / float64(n)
		cs, sn := math.Cos(th), math.Sin(th)
		b.vertex(scene.Point{X: c.X + ri*cs, Y: c.Y + ri*sn}, col)
		b.vertex(scene.Point{X: c.X + ro*cs, Y: c.Y + ro*sn}, col)
	}
	for k := uint32(0); k < uint32(n); k++ {
		a, o := base+2*k, base+2*((k+1)%uint32(n))
		b.i = append(b.i, a, a+1, o, o, a+1, o+1)
	}
}

// regular returns the corners of a regular n-gon of circumradius r, the
// first corner at angle start.
func regular(c scene.Point, r float64, n int, start float64) []scene.Point {
	pts := make([]scene.Point, n)
	for k := range pts {
		th := start + 2*math.Pi*float64(k)/float64(n)
		pts[k] = scene.Point{X: c.X + r*math.Cos(th), Y: c.Y + r*math.Sin(th)}
	}
	return pts
}

// outline draws a closed polygon's edges.
func (b *batch) outline(pts []scene.Point, width float64, c color.RGBA) {
	for k := range pts {
		b.line(pts[k], pts[(k+1)%len(pts)], width, c)
	}
}

// mark draws an actor's mark of style st and radius r at p.
func (b *batch) mark(p scene.Point, r float64, st scene.Style, c color.RGBA) {
	var pts []scene.Point
	switch st.Shape {
	case scene.Circle:
		if st.Hollow {
			b.ring(p, r, max(1, r/3), c, 10)
		} else {
			b.circle(p, r, c, 8)
		}
		return
	case scene.Square:
		pts = regular(p, r*1.25, 4, math.Pi/4)
	case scene.Triangle:
		pts = regular(p, r*1.3, 3, -math.Pi/2)
	case scene.Diamond:
		pts = regular(p, r*1.3, 4, -math.Pi/2)
	case scene.Hexagon:
		pts = regular(p, r, 6, -math.Pi/2)
	case scene.Star:
		pts = make([]scene.Point, 10)
		for k := range pts {
			rr := r * 1.3
			if k%2 == 1 {
				rr = r * 0.55
			}
			th := -math.Pi/2 + math.Pi*float64(k)/5
			pts[k] = scene.Point{X: p.X + rr*math.Cos(th), Y: p.Y + rr*math.Sin(th)}
		}
		// A star is not convex: fan it from its centre.
		centre := b.vertex(p, c)
		for _, q := range pts {
			b.vertex(q, c)
		}
		for k := uint32(0); k < 10; k++ {
			b.i = append(b.i, centre, centre+1+k, centre+1+(k+1)%10)
		}
		return
	}
	if st.Hollow {
		b.outline(pts, max(1, r/2.5), c)
		return
	}
	b.poly(pts, c)
}

// arrow draws an arrowhead at tip pointing along dir.
func (b *batch) arrow(tip, dir scene.Point, size float64, c color.RGBA) {
	l := dir.Len()
	if l == 0 {
		return
	}
	u := dir.Mul(1 / l)
	n := scene.Point{X: -u.Y, Y: u.X}
	back := tip.Sub(u.Mul(size))
	b.poly([]scene.Point{tip, back.Add(n.Mul(size * 0.5)), back.Sub(n.Mul(size * 0.5))}, c)
}

// cross draws an X of the given half-size.
func (b *batch) cross(p scene.Point, r, width float64, c color.RGBA) {
	b.line(p.Add(scene.Point{X: -r, Y: -r}), p.Add(scene.Point{X: r, Y: r}), width, c)
	b.line(p.Add(scene.Point{X: -r, Y: r}), p.Add(scene.Point{X: r, Y: -r}), width, c)
}

// arc draws the part frac (0 to 1) of a ring, clockwise from the top.
func (b *batch) arc(c scene.Point, r, width, frac float64, col color.RGBA) {
	if frac <= 0 || col.A == 0 {
		return
	}
	n := max(2, int(32*frac))
	pts := make([]scene.Point, 0, n+1)
	for k := 0; k <= n; k++ {
		th := -math.Pi/2 + 2*math.Pi*frac*float64(k)/float64(n)
		pts = append(pts, scene.Point{X: c.X + r*math.Cos(th), Y: c.Y + r*math.Sin(th)})
	}
	b.polyline(pts, width, col, 0)
}
