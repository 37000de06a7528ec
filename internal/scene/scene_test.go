package scene

import (
	"math"
	"slices"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

func world(t *testing.T, preset string, b Rect) (World, []model.Actor) {
	t.Helper()
	sc, err := scenario.Load(preset)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.New(sc.Params, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Layout(b, m.Actors(), sc.Params.States), m.Actors()
}

// Every actor sits inside its home region, regions do not overlap and stay
// inside the bounds, for every preset and for wide, tall and tiny stages.
func TestLayoutPutsActorsInTheirRegions(t *testing.T) {
	for _, preset := range scenario.Presets() {
		for _, b := range []Rect{{0, 0, 1280, 800}, {10, 20, 400, 900}, {0, 0, 320, 240}, {0, 0, 1920, 400}} {
			w, actors := world(t, preset, b)
			for i, r := range w.Regions {
				if r.Center.X-r.Radius < b.X-1e-6 || r.Center.X+r.Radius > b.X+b.W+1e-6 ||
					r.Center.Y-r.Radius < b.Y-1e-6 || r.Center.Y+r.Radius > b.Y+b.H+1e-6 {
					t.Errorf("%s %v: region %d (%+v) leaves the bounds", preset, b, i, r)
				}
				for j := i + 1; j < len(w.Regions); j++ {
					if d := r.Center.Dist(w.Regions[j].Center); d < r.Radius+w.Regions[j].Radius {
						t.Errorf("%s %v: regions %d and %d overlap", preset, b, i, j)
					}
				}
			}
			for i, a := range actors {
				r := w.Regions[a.State]
				if d := w.Pos[i].Dist(r.Center); d > r.Radius+1e-9 {
					t.Fatalf("%s %v: actor %d (%s) at %v is outside its region %+v (%.1f > %.1f)", preset, b, i, a.Kind, w.Pos[i], r, d, r.Radius)
				}
			}
			if w.Mark < 1.2 || w.Mark > 7 {
				t.Errorf("%s %v: mark radius %.2f", preset, b, w.Mark)
			}
		}
	}
}

func TestLayoutManyStatesUsesAGrid(t *testing.T) {
	p := model.DefaultParams()
	p.States, p.Firms, p.Citizens = 30, 60, 60
	m, err := model.New(p, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := Layout(Rect{0, 0, 900, 600}, m.Actors(), p.States)
	if len(w.Regions) != 30 {
		t.Fatalf("%d regions", len(w.Regions))
	}
	for i := range w.Regions {
		for j := i + 1; j < len(w.Regions); j++ {
			if w.Regions[i].Center.Dist(w.Regions[j].Center) < w.Regions[i].Radius+w.Regions[j].Radius {
				t.Fatalf("regions %d and %d overlap", i, j)
			}
		}
	}
}

func TestNearestAndRegionAt(t *testing.T) {
	w, actors := world(t, "status-quo", Rect{0, 0, 1000, 700})
	for _, id := range []int32{0, 5, 100, 900, int32(len(actors) - 1)} {
		p := w.Pos[id].Add(Point{0.3, -0.2})
		if got := w.Nearest(p, 10, actors); got != id && w.Pos[got].Dist(p) > w.Pos[id].Dist(p) {
			t.Errorf("Nearest(%v) = %d, want %d", p, got, id)
		}
		if got := w.RegionAt(w.Pos[id]); got != actors[id].State {
			t.Errorf("RegionAt(actor %d) = %d, want %d", id, got, actors[id].State)
		}
	}
	if got := w.Nearest(Point{-500, -500}, 10, actors); got != -1 {
		t.Errorf("Nearest far away = %d, want -1", got)
	}
}

func TestCurveAndPortion(t *testing.T) {
	p0, p1 := Point{0, 0}, Point{100, 0}
	c := Curve(nil, p0, p1, 0.2, 10)
	if len(c) != 11 || c[0] != p0 || c[10] != p1 {
		t.Fatalf("curve ends: %v .. %v (%d points)", c[0], c[len(c)-1], len(c))
	}
	if c[5].Y >= 0 {
		t.Errorf("a curve going right bends up (to its left): mid %v", c[5])
	}
	back := Curve(nil, p1, p0, 0.2, 10)
	if back[5].Y <= 0 {
		t.Errorf("the return curve bends the other way: mid %v", back[5])
	}
	half := Portion(nil, c, 0, 0.5)
	if got := half[len(half)-1]; got.Dist(c[5]) > 1e-9 {
		t.Errorf("Portion(0, 0.5) ends at %v, want %v", got, c[5])
	}
	if got := Portion(nil, c, 0.5, 0.5); len(got) != 0 {
		t.Errorf("an empty portion has %d points", len(got))
	}
	if d := DistToPolyline(Point{50, c[5].Y - 3}, c); math.Abs(d-3) > 0.5 {
		t.Errorf("distance to the curve = %.2f, want about 3", d)
	}
}

func TestArcRoutedThroughHost(t *testing.T) {
	w, _ := world(t, "status-quo", Rect{0, 0, 1000, 700})
	a := ArcOf(&model.Act{ID: 1, Parent: -1, Origin: 1200, Target: 20, Via: 900}, nil, 0)
	path := w.ArcPath(nil, &a)
	if len(path) != 2*arcSegments+1 {
		t.Fatalf("routed path has %d points, want %d", len(path), 2*arcSegments+1)
	}
	if path[0] != w.Pos[1200] || path[arcSegments] != w.Pos[900] || path[len(path)-1] != w.Pos[20] {
		t.Error("a routed arc goes origin -> host -> target")
	}
	as := []Arc{a}
	if got := w.ArcAt(as, path[7].Add(Point{1, 1}), 6); got != 0 {
		t.Errorf("ArcAt on the arc = %d", got)
	}
	if got := w.ArcAt(as, Point{-100, -100}, 6); got != -1 {
		t.Errorf("ArcAt far away = %d", got)
	}
}

func TestArcLifecycle(t *testing.T) {
	tm := TimingFor(1, 60)
	if tm.Travel != 36 || tm.Linger != 84 {
		t.Errorf("TimingFor(1 tick/s) = %+v", tm)
	}
	if fast := TimingFor(Fastest, 60); fast.Travel != 6 || fast.Linger != 10 {
		t.Errorf("TimingFor(fastest) = %+v", fast)
	}
	a := Arc{Born: 100}
	if _, head, alpha := a.Progress(100, tm, false); head != 0 || alpha != 1 {
		t.Errorf("at launch: head %v alpha %v", head, alpha)
	}
	if tail, head, _ := a.Progress(118, tm, false); head != 0.5 || tail != 0 {
		t.Errorf("half way: tail %v head %v", tail, head)
	}
	if tail, head, alpha := a.Progress(100+36+42, tm, false); head != 1 || tail != 0 || math.Abs(alpha-0.5) > 1e-9 {
		t.Errorf("lingering: tail %v head %v alpha %v", tail, head, alpha)
	}
	if _, _, alpha := a.Progress(1000, tm, true); alpha != 0.55 {
		t.Errorf("held arc alpha %v", alpha)
	}
	as := Arcs{Max: 3}
	for i := range 5 {
		as.Add(Arc{Act: int64(i), Answer: i == 0, Born: i, Tick: i})
	}
	if len(as.List) != 3 || as.List[0].Act != 0 {
		t.Errorf("over capacity, the oldest unremarkable arcs go first: %+v", as.List)
	}
	as.Prune(1000, tm, 4)
	if len(as.List) != 1 || as.List[0].Tick != 4 {
		t.Errorf("prune keeps only the held tick: %+v", as.List)
	}
}

// Fastest mirrors live.Fastest for the timing test.
const Fastest = -1

func TestSeriesBinsLongRuns(t *testing.T) {
	var s Series
	for i := range 3000 {
		s.Add(float64(i))
	}
	if len(s.Vals) >= maxPoints || s.Bin != 4 {
		t.Fatalf("after 3000 ticks: %d points, bin %d", len(s.Vals), s.Bin)
	}
	// Bin k averages ticks 4k..4k+3.
	if got, want := s.Vals[10], 41.5; got != want {
		t.Errorf("bin 10 = %v, want %v", got, want)
	}
	if s.Last != 2999 || s.Max() != 2999 {
		t.Errorf("Last %v Max %v", s.Last, s.Max())
	}
	pts := Plot(nil, &s, Rect{0, 0, 100, 10}, 3000, NiceTop(s.Max()))
	for i := 1; i < len(pts); i++ {
		if pts[i].X <= pts[i-1].X || pts[i].Y > pts[i-1].Y {
			t.Fatalf("a rising series plots left to right, upwards: %v then %v", pts[i-1], pts[i])
		}
	}
}

func TestNiceTopAndFormat(t *testing.T) {
	for _, tc := range []struct{ v, want float64 }{{0, 1}, {0.3, 0.5}, {1, 1}, {1.01, 2}, {7, 10}, {12, 20}, {4500, 5000}} {
		if got := NiceTop(tc.v); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("NiceTop(%v) = %v, want %v", tc.v, got, tc.want)
		}
	}
	for _, tc := range []struct {
		v    float64
		want string
	}{{0, "0"}, {0.12345, "0.123"}, {3, "3"}, {12.34, "12.3"}, {20, "20"}, {1234.5, "1235"}} {
		if got := formatNum(tc.v); got != tc.want {
			t.Errorf("formatNum(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestChartsRecord(t *testing.T) {
	c := NewCharts(100, 2, 10, 0.4)
	c.Record(&model.TickStats{Tick: 0, TensionMean: 0.1, TensionMax: 0.5, Damage: 2, InnocentsHarmed: 3, OpenCascades: 4, DamageFirms: 1, DamagePoor: 0.25})
	c.Record(&model.TickStats{Tick: 1, DamageFirms: 1, DamagePoor: 0.75, ArmedConflict: 1})
	if got := c.poorShare.Last; got != 0.5 {
		t.Errorf("cumulative poverty share = %v, want 0.5", got)
	}
	if len(c.Marks) != 1 || !c.Marks[0].Armed || c.Marks[0].Tick != 1 {
		t.Errorf("marks %+v", c.Marks)
	}
	if len(c.List) != 5 {
		t.Errorf("%d charts, want 5", len(c.List))
	}
	if one := NewCharts(100, 1, 10, 0.4); one.List[0].Empty == "" || c.List[0].Empty != "" {
		t.Error("a world of one state has a tension chart, or one of two states has none")
	}
	if none := NewCharts(100, 2, 0, 0.4); none.List[4].Empty == "" {
		t.Error("a world without firms should say why its poverty-line chart is empty")
	}
}

func TestSplit(t *testing.T) {
	for _, stage := range []Rect{{0, 0, 1200, 700}, {0, 0, 400, 800}, {0, 0, 320, 300}} {
		w, cells := Split(stage, 5, 1)
		if len(cells) != 5 || w.Empty() {
			t.Fatalf("Split(%v): world %v, %d cells", stage, w, len(cells))
		}
		for i, c := range cells {
			if c.Empty() || c.X < stage.X-1e-9 || c.Y < stage.Y-1e-9 || c.X+c.W > stage.X+stage.W+1e-6 || c.Y+c.H > stage.Y+stage.H+1e-6 {
				t.Errorf("Split(%v): cell %d %v outside the stage", stage, i, c)
			}
			if c.X < w.X+w.W && w.X < c.X+c.W && c.Y < w.Y+w.H && w.Y < c.Y+c.H {
				t.Errorf("Split(%v): cell %d %v overlaps the world %v", stage, i, c, w)
			}
		}
	}
}

// TestLayoutOfATinyStage lays out a world on a stage a few pixels high
// (a page whose notices filled the window): every state gets a region.
func TestLayoutOfATinyStage(t *testing.T) {
	for _, n := range []int{3, 8, 12} {
		regions := placeRegions(Rect{X: 240, Y: 88, W: 496, H: 1.5}, n)
		if len(regions) != n {
			t.Fatalf("%d states: %d regions", n, len(regions))
		}
		for _, r := range regions {
			if r.Radius < 1 {
				t.Errorf("%d states: region %+v", n, r)
			}
		}
	}
}

// Changes before the same day share a mark, their labels joined; other
// days and armed-conflict marks keep their own.
func TestMarksOfOneDayShareALabel(t *testing.T) {
	var c Charts
	c.Marks = append(c.Marks, Mark{Tick: 20, Armed: true, Label: "armed conflict"})
	c.Mark(20, "hack_back=licensed")
	c.Mark(20, "attribution_skill=0.8")
	c.Mark(21, "hotline=0.5")
	want := []Mark{{Tick: 20, Armed: true, Label: "armed conflict"}, {Tick: 20, Label: "hack_back=licensed, attribution_skill=0.8"}, {Tick: 21, Label: "hotline=0.5"}}
	if !slices.Equal(c.Marks, want) {
		t.Errorf("marks %+v, want %+v", c.Marks, want)
	}
}
