package scene

import (
	"math"

	"github.com/escalation-model/escalation/model"
)

// Arc is one hostile act drawn on the map: a curve from its origin to its
// target, through the botnet host it was routed through, if any.
type Arc struct {
	Act        int64
	Cascade    int64
	Tick       int
	Kind       model.ActKind
	From, To   int32
	Via        int32 // botnet host, or -1
	TrueOrigin int32 // for an answer that hit an innocent: who launched the act it answers; else -1
	Intensity  int8
	Answer     bool // answers a parent act
	Innocent   bool // an answer that hit someone who had not launched the act answered
	Interstate bool
	Born       int // frame it was launched
}

// ArcOf makes the arc of an act; parent may be nil.
func ArcOf(a, parent *model.Act, frame int) Arc {
	arc := Arc{
		Act: a.ID, Cascade: a.Cascade, Tick: a.Tick, Kind: a.Kind, From: a.Origin, To: a.Target, Via: a.Via,
		TrueOrigin: -1, Intensity: a.Intensity, Answer: a.Parent >= 0, Innocent: a.Innocent, Interstate: a.Interstate, Born: frame,
	}
	if a.Innocent && parent != nil && parent.Origin != a.Target {
		arc.TrueOrigin = parent.Origin
	}
	return arc
}

// Timing is how long an arc takes to travel and how long it lingers after
// it lands, in frames.
type Timing struct{ Travel, Linger int }

// TimingFor returns arc timings for a run going at ticksPerSecond on a
// display updating fps times a second: an arc lands within a tick and
// fades over about one more, within sensible bounds, so that fast runs do
// not smear and slow runs stay legible.
func TimingFor(ticksPerSecond, fps float64) Timing {
	tick := 1.0 // frames per tick; as fast as possible is about a tick a frame
	if ticksPerSecond > 0 {
		tick = fps / ticksPerSecond
	}
	return Timing{
		Travel: int(clamp(0.6*tick, 6, 36)),
		Linger: int(clamp(1.4*tick, 10, 90)),
	}
}

// Progress returns how far along its path the arc's head is (0 to 1), where
// its tail is, and its opacity at frame. A held arc (the latest tick's,
// while paused) stays at least half visible.
func (a *Arc) Progress(frame int, tm Timing, held bool) (tail, head, alpha float64) {
	age := float64(frame - a.Born)
	head = clamp(age/float64(max(tm.Travel, 1)), 0, 1)
	tail = max(0, head-0.55)
	alpha = 1
	if head >= 1 {
		tail = 0
		alpha = 1 - (age-float64(tm.Travel))/float64(max(tm.Linger, 1))
	}
	if held {
		alpha = max(alpha, 0.55)
		if head >= 1 {
			tail = 0
		}
	}
	return tail, head, clamp(alpha, 0, 1)
}

// Arcs are the arcs on screen, at most Max of them.
type Arcs struct {
	List []Arc
	Max  int
}

// Add adds an arc; when there are too many, the oldest unremarkable one
// (a root act below destruction) goes first, else the oldest.
func (as *Arcs) Add(a Arc) {
	if as.Max > 0 && len(as.List) >= as.Max {
		drop := 0
		for i := range as.List {
			x := &as.List[i]
			if !x.Answer && x.Intensity < model.Destruction {
				drop = i
				break
			}
		}
		as.List = append(as.List[:drop], as.List[drop+1:]...)
	}
	as.List = append(as.List, a)
}

// Prune removes the arcs that have faded by frame, keeping those of tick
// held (pass -1 to hold none).
func (as *Arcs) Prune(frame int, tm Timing, held int) {
	out := as.List[:0]
	for _, a := range as.List {
		if a.Tick == held || frame-a.Born < tm.Travel+tm.Linger {
			out = append(out, a)
		}
	}
	as.List = out
}

// Clear removes every arc.
func (as *Arcs) Clear() { as.List = as.List[:0] }

// arcSegments is how many segments sample each leg of an arc.
const arcSegments = 14

// ArcPath appends the arc's path on the world to dst: one curve, or two
// joined at the botnet host it was routed through.
func (w *World) ArcPath(dst []Point, a *Arc) []Point {
	if a.From < 0 || a.To < 0 || int(a.From) >= len(w.Pos) || int(a.To) >= len(w.Pos) {
		return dst
	}
	from, to := w.Pos[a.From], w.Pos[a.To]
	bend := 0.18
	if a.Answer {
		bend = 0.26
	}
	if a.Via >= 0 && int(a.Via) < len(w.Pos) {
		via := w.Pos[a.Via]
		dst = Curve(dst, from, via, bend, arcSegments)
		n := len(dst)
		dst = Curve(dst, via, to, bend, arcSegments)
		return append(dst[:n], dst[n+1:]...) // the host once, not twice
	}
	return Curve(dst, from, to, bend, arcSegments*2)
}

// ArcAt returns the index of the visible arc nearest p within maxDist, or -1.
func (w *World) ArcAt(as []Arc, p Point, maxDist float64) int {
	best, bestD := -1, maxDist
	var buf []Point
	for i := range as {
		buf = w.ArcPath(buf[:0], &as[i])
		if d := DistToPolyline(p, buf); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// Pulse returns a value that swings between 0 and 1 once a second at 60
// frames a second, for things that must catch the eye.
func Pulse(frame int) float64 {
	return 0.5 + 0.5*math.Sin(float64(frame)*2*math.Pi/60)
}
