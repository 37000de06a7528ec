package scene

import (
	"math"
	"sort"

	"github.com/escalation-model/escalation/model"
)

// Region is a state's territory on screen: a disc holding the state's mark
// at its centre and the marks of the firms and people whose home it is.
type Region struct {
	State  int32
	Center Point
	Radius float64
}

// World is the laid-out world: where every region and actor is.
type World struct {
	Bounds  Rect
	Regions []Region
	Pos     []Point // indexed by actor id
	Mark    float64 // radius of an ordinary mark
}

// regionPad is the gap between regions and around the world, in pixels.
const regionPad = 8

// Layout places the states' regions in bounds (on a ring for up to twelve
// states, else on a grid) and every actor inside its home region, on a
// sunflower spiral: the state at the centre, then vigilantes, hacktivists,
// criminals, firms, and citizens outermost. The layout depends only on the
// bounds and the actors' kinds and homes.
func Layout(bounds Rect, actors []model.Actor, states int) World {
	w := World{Bounds: bounds, Pos: make([]Point, len(actors))}
	if states < 1 || bounds.Empty() {
		return w
	}
	w.Regions = placeRegions(bounds, states)
	members := make([][]int32, states)
	for i := range actors {
		a := &actors[i]
		if a.Kind == model.KindState || a.State < 0 || int(a.State) >= states {
			continue
		}
		members[a.State] = append(members[a.State], a.ID)
	}
	rank := func(k model.Kind) int {
		return [...]int{model.KindVigilante: 0, model.KindHacktivist: 1, model.KindCriminal: 2, model.KindFirm: 3, model.KindCitizen: 4, model.KindState: 5}[k]
	}
	most := 1
	for _, m := range members {
		most = max(most, len(m))
	}
	// Every region uses the spacing of the most crowded one, so marks
	// have one size across the map.
	minR := math.Inf(1)
	for _, r := range w.Regions {
		minR = min(minR, r.Radius)
	}
	hole := max(3.0, 0.03*float64(most))
	spacing := minR * 0.92 * math.Sqrt(math.Pi/(float64(most)+hole))
	w.Mark = clamp(0.36*spacing, 1.2, 7)
	for s, m := range members {
		sort.SliceStable(m, func(i, j int) bool {
			ri, rj := rank(actors[m[i]].Kind), rank(actors[m[j]].Kind)
			if ri != rj {
				return ri < rj
			}
			return m[i] < m[j]
		})
		r := w.Regions[s]
		if s < len(actors) && actors[s].Kind == model.KindState {
			w.Pos[s] = r.Center
		}
		n := float64(len(m))
		outer := r.Radius * 0.92
		for k, id := range m {
			f := math.Sqrt((float64(k) + hole) / (n + hole))
			th := float64(k) * goldenAngle
			w.Pos[id] = Point{r.Center.X + outer*f*math.Cos(th), r.Center.Y + outer*f*math.Sin(th)}
		}
	}
	return w
}

// goldenAngle spreads a sunflower spiral's points evenly.
var goldenAngle = math.Pi * (3 - math.Sqrt(5))

// placeRegions returns n discs that fit in b without overlapping.
func placeRegions(b Rect, n int) []Region {
	in := b.Inset(regionPad)
	out := make([]Region, n)
	switch {
	case n == 1:
		out[0] = Region{0, in.Center(), min(in.W, in.H) / 2}
	case n == 2:
		// Side by side (or stacked), with room between them for the
		// tension between the two.
		c := in.Center()
		if in.W >= in.H {
			r := min(in.W/4.6, in.H/2)
			gap := in.W - 4*r
			out[0] = Region{0, Point{c.X - r - gap/4, c.Y}, r}
			out[1] = Region{1, Point{c.X + r + gap/4, c.Y}, r}
		} else {
			r := min(in.H/4.6, in.W/2)
			gap := in.H - 4*r
			out[0] = Region{0, Point{c.X, c.Y - r - gap/4}, r}
			out[1] = Region{1, Point{c.X, c.Y + r + gap/4}, r}
		}
	case n <= 12:
		// On an ellipse, starting at the top, clockwise. Find the largest
		// radius for which neighbours keep a gap.
		c := in.Center()
		centres := func(r float64) ([]Point, bool) {
			// A stage too small for discs of radius r puts their centres
			// on the ellipse that remains, at least a point (never none).
			a, bb := max(in.W/2-r, 0), max(in.H/2-r, 0)
			if in.W/2-r <= 0 || in.H/2-r <= 0 {
				ps := make([]Point, n)
				for i := range ps {
					th := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
					ps[i] = Point{c.X + a*math.Cos(th), c.Y + bb*math.Sin(th)}
				}
				return ps, false
			}
			ps := make([]Point, n)
			for i := range ps {
				th := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
				ps[i] = Point{c.X + a*math.Cos(th), c.Y + bb*math.Sin(th)}
			}
			for i := range ps {
				for j := i + 1; j < n; j++ {
					if ps[i].Dist(ps[j]) < 2*r+regionPad {
						return ps, false
					}
				}
			}
			return ps, true
		}
		lo, hi := 1.0, min(in.W, in.H)/2
		for range 40 {
			mid := (lo + hi) / 2
			if _, ok := centres(mid); ok {
				lo = mid
			} else {
				hi = mid
			}
		}
		ps, _ := centres(lo)
		for i := range out {
			out[i] = Region{int32(i), ps[i], lo}
		}
	default:
		cols, rows := gridFor(n, in.W, in.H)
		cw, ch := in.W/float64(cols), in.H/float64(rows)
		r := min(cw, ch)/2 - regionPad/2
		for i := range out {
			col, row := i%cols, i/cols
			out[i] = Region{int32(i), Point{in.X + cw*(float64(col)+0.5), in.Y + ch*(float64(row)+0.5)}, r}
		}
	}
	for i := range out {
		out[i].Radius = max(out[i].Radius, 1)
	}
	return out
}

// gridFor returns the columns and rows of the grid of n cells in a w × h
// area whose cells are closest to square and largest.
func gridFor(n int, w, h float64) (int, int) {
	best, bc, br := -1.0, 1, n
	for c := 1; c <= n; c++ {
		r := (n + c - 1) / c
		s := min(w/float64(c), h/float64(r))
		if s > best {
			best, bc, br = s, c, r
		}
	}
	return bc, br
}

// Nearest returns the actor whose mark is nearest p within maxDist, or
// -1. States count from anywhere in their mark.
func (w *World) Nearest(p Point, maxDist float64, actors []model.Actor) int32 {
	best, bestD := int32(-1), maxDist
	for i, q := range w.Pos {
		d := p.Dist(q)
		if i < len(actors) && actors[i].Kind == model.KindState {
			d = max(0, d-3*w.Mark)
		}
		if d < bestD {
			best, bestD = int32(i), d
		}
	}
	return best
}

// RegionAt returns the state whose region contains p, or -1.
func (w *World) RegionAt(p Point) int32 {
	for _, r := range w.Regions {
		if p.Dist(r.Center) <= r.Radius {
			return r.State
		}
	}
	return -1
}
