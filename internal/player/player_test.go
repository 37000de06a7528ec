package player

import (
	"testing"
	"time"

	"github.com/escalation-model/escalation/internal/live"
)

// fakeRun is a run of ticks days over actors actors; each day it runs
// moves the clock on by cost.
type fakeRun struct {
	ran, ticks int
	actors     int
	presets    int // presets 1..presets exist
	clock      *fakeClock
	cost       time.Duration

	resets int
	preset int // the last preset started
	// pauseAt, when above 0, is the day whose run pauses the player (a
	// tour's beat).
	pauseAt int
	p       *Player
	speed   float64
	lecture bool
}

func (r *fakeRun) Step() bool {
	if r.Done() {
		return false
	}
	r.ran++
	if r.pauseAt > 0 && r.ran == r.pauseAt {
		r.p.Pause()
	}
	if r.clock != nil {
		r.clock.t = r.clock.t.Add(r.cost)
	}
	return true
}

func (r *fakeRun) Ran() int    { return r.ran }
func (r *fakeRun) Done() bool  { return r.ran >= r.ticks }
func (r *fakeRun) Reset()      { r.ran = 0; r.resets++ }
func (r *fakeRun) Actors() int { return r.actors }

func (r *fakeRun) Preset(i int) bool {
	if i < 1 || i > r.presets {
		return false
	}
	r.ran, r.preset = 0, i
	return true
}

func (r *fakeRun) Present(speed float64, lecture bool) { r.speed, r.lecture = speed, lecture }

// fakeClock is a wall clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func newFake() (*Player, *fakeRun, *fakeClock) {
	c := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	r := &fakeRun{ticks: 100, actors: 50, presets: 9, clock: c}
	return New(r, 60, c.now), r, c
}

// TestTransitions feeds events to a Player in a given state and checks the
// state it ends in and what it did to the run.
func TestTransitions(t *testing.T) {
	type want struct {
		playing  bool
		speed    float64
		target   int
		help     bool
		full     bool
		lecture  bool
		actor    int32
		act      int64
		ran      int
		resets   int
		preset   int
		world    int
		selected int // changes of selection, the setup's included
	}
	cases := []struct {
		name  string
		setup func(p *Player, r *fakeRun)
		event func(p *Player)
		want  want
	}{
		{"space plays when paused", nil, func(p *Player) { p.Key(KeyPlayPause) },
			want{playing: true, speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"space pauses when playing", func(p *Player, r *fakeRun) { p.Playing = true }, func(p *Player) { p.Key(KeyPlayPause) },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"play at the end starts over", func(p *Player, r *fakeRun) { r.ran = r.ticks }, func(p *Player) { p.Play() },
			want{playing: true, speed: 5, target: -1, actor: -1, act: -1, ran: 0, resets: 1, selected: 1}},
		{"step while playing pauses and steps one day", func(p *Player, r *fakeRun) { p.Playing = true },
			func(p *Player) { p.Key(KeyStep) },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 11}},
		{"step ends a fast-forward", func(p *Player, r *fakeRun) { p.Target = 40 }, func(p *Player) { p.Step(3) },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 13}},
		{"step stops at the end of the run", func(p *Player, r *fakeRun) { r.ran = 98 }, func(p *Player) { p.Step(5) },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 100}},
		{"reset pauses at day 0 and drops the selection", func(p *Player, r *fakeRun) { p.Playing = true; p.SelectActor(3) },
			func(p *Player) { p.Key(KeyReset) },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 0, resets: 1, selected: 2}},
		{"faster", nil, func(p *Player) { p.Key(KeyFaster) }, want{speed: 10, target: -1, actor: -1, act: -1, ran: 10}},
		{"slower", nil, func(p *Player) { p.Key(KeySlower) }, want{speed: 2, target: -1, actor: -1, act: -1, ran: 10}},
		{"faster from 500 is as fast as possible", func(p *Player, r *fakeRun) { p.Speed = 500 }, func(p *Player) { p.Faster() },
			want{speed: live.Fastest, target: -1, actor: -1, act: -1, ran: 10}},
		{"faster stays as fast as possible", func(p *Player, r *fakeRun) { p.Speed = live.Fastest }, func(p *Player) { p.Faster() },
			want{speed: live.Fastest, target: -1, actor: -1, act: -1, ran: 10}},
		{"slower from as fast as possible is 500", func(p *Player, r *fakeRun) { p.Speed = live.Fastest }, func(p *Player) { p.Slower() },
			want{speed: 500, target: -1, actor: -1, act: -1, ran: 10}},
		{"slower stays at 1", func(p *Player, r *fakeRun) { p.Speed = 1 }, func(p *Player) { p.Slower() },
			want{speed: 1, target: -1, actor: -1, act: -1, ran: 10}},
		{"faster from between two speeds", func(p *Player, r *fakeRun) { p.Speed = 7 }, func(p *Player) { p.Faster() },
			want{speed: 10, target: -1, actor: -1, act: -1, ran: 10}},
		{"slower from between two speeds", func(p *Player, r *fakeRun) { p.Speed = 7 }, func(p *Player) { p.Slower() },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"slower from above the list", func(p *Player, r *fakeRun) { p.Speed = 2000 }, func(p *Player) { p.Slower() },
			want{speed: 500, target: -1, actor: -1, act: -1, ran: 10}},
		{"speed above the bound is ignored", nil, func(p *Player) { p.SetSpeed(MaxSpeed + 1) },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"speed 0 is ignored", nil, func(p *Player) { p.SetSpeed(0) }, want{speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"negative speed is ignored", nil, func(p *Player) { p.SetSpeed(-3) }, want{speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"the bound itself is allowed", nil, func(p *Player) { p.SetSpeed(MaxSpeed) },
			want{speed: MaxSpeed, target: -1, actor: -1, act: -1, ran: 10}},
		{"help opens", nil, func(p *Player) { p.Key(KeyHelp) }, want{help: true, speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"Esc in fullscreen closes the help first", func(p *Player, r *fakeRun) { p.Fullscreen, p.Help = true, true },
			func(p *Player) { p.Key(KeyEscape) },
			want{full: true, speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"Esc in fullscreen then drops the selection", func(p *Player, r *fakeRun) { p.Fullscreen = true; p.SelectActor(4) },
			func(p *Player) { p.Key(KeyEscape) },
			want{full: true, speed: 5, target: -1, actor: -1, act: -1, ran: 10, selected: 2}},
		{"Esc in fullscreen with nothing open leaves fullscreen", func(p *Player, r *fakeRun) { p.Fullscreen = true },
			func(p *Player) { p.Key(KeyEscape) },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"F toggles fullscreen", nil, func(p *Player) { p.Key(KeyFullscreen) },
			want{full: true, speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"L turns lecturer mode on", nil, func(p *Player) { p.Key(KeyLecture) },
			want{lecture: true, speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"a preset key starts the preset and keeps playing", func(p *Player, r *fakeRun) { p.Playing = true; p.SelectActor(1) },
			func(p *Player) { p.Key(PresetKey(3)) },
			want{playing: true, speed: 5, target: -1, actor: -1, act: -1, ran: 0, preset: 3, selected: 2}},
		{"a preset that does not exist changes nothing", func(p *Player, r *fakeRun) { r.presets = 2; p.SelectActor(1) },
			func(p *Player) { p.Key(PresetKey(5)) },
			want{speed: 5, target: -1, actor: 1, act: -1, ran: 10, selected: 1}},
		{"a click on an actor selects it", nil, func(p *Player) { p.Click(Hit{Actor: 7, Act: -1}) },
			want{speed: 5, target: -1, actor: 7, act: -1, ran: 10, selected: 1}},
		{"a click on an arc selects its act", nil, func(p *Player) { p.Click(Hit{Actor: -1, Act: 1234}) },
			want{speed: 5, target: -1, actor: -1, act: 1234, ran: 10, selected: 1}},
		{"a click on the second world's actor selects it there", nil, func(p *Player) { p.Click(Hit{World: 1, Actor: 70, Act: -1}) },
			want{speed: 5, target: -1, world: 1, actor: 70, act: -1, ran: 10, selected: 1}},
		{"a click on the second world's arc selects its act there", nil, func(p *Player) { p.Click(Hit{World: 1, Actor: -1, Act: 99}) },
			want{speed: 5, target: -1, world: 1, actor: -1, act: 99, ran: 10, selected: 1}},
		{"a click on the second world's ground clears the selection", func(p *Player, r *fakeRun) { p.Click(Hit{World: 1, Actor: 3, Act: -1}) },
			func(p *Player) { p.Click(Hit{World: 1, Actor: -1, Act: -1}) },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 10, selected: 2}},
		{"a click on empty ground clears the selection", func(p *Player, r *fakeRun) { p.SelectActor(7) },
			func(p *Player) { p.Click(Hit{Actor: -1, Act: -1}) },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 10, selected: 2}},
		{"a click off the map keeps the selection", func(p *Player, r *fakeRun) { p.SelectActor(7) },
			func(p *Player) { p.Click(Hit{Outside: true, Actor: -1, Act: -1}) },
			want{speed: 5, target: -1, actor: 7, act: -1, ran: 10, selected: 1}},
		{"a click while the help is shown only closes it", func(p *Player, r *fakeRun) { p.Help = true },
			func(p *Player) { p.Click(Hit{Actor: 7, Act: -1}) },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 10}},
		{"an actor outside the world is not selected", func(p *Player, r *fakeRun) { p.SelectActor(7) },
			func(p *Player) { p.SelectActor(50) },
			want{speed: 5, target: -1, actor: 7, act: -1, ran: 10, selected: 1}},
		{"the selection is cleared when its actor is gone", func(p *Player, r *fakeRun) { p.SelectActor(49); r.actors = 10 },
			func(p *Player) { p.NewWorld() },
			want{speed: 5, target: -1, actor: -1, act: -1, ran: 10, selected: 2}},
		{"an address opens playing, fast-forwarding, in lecturer mode", nil,
			func(p *Player) { p.Open(50, true, true, 30) },
			want{playing: true, speed: 50, lecture: true, target: 30, actor: -1, act: -1, ran: 10, selected: 1}},
		{"an address without a speed keeps the speed", func(p *Player, r *fakeRun) { p.Speed = 20 },
			func(p *Player) { p.Open(0, false, false, -1) },
			want{speed: 20, target: -1, actor: -1, act: -1, ran: 10, selected: 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, r, _ := newFake()
			r.ran = 10
			if tc.setup != nil {
				tc.setup(p, r)
			}
			tc.event(p)
			w := tc.want
			got := want{playing: p.Playing, speed: p.Speed, target: p.Target, help: p.Help, full: p.Fullscreen, lecture: p.Lecture,
				world: p.Selection.World, actor: p.Selection.Actor, act: p.Selection.Act, ran: r.ran, resets: r.resets, preset: r.preset, selected: p.Selection.Seq}
			if got != w {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
		})
	}
}

// TestPresentation checks that the run's address hears of every change of
// speed and lecturer mode, and of nothing else.
func TestPresentation(t *testing.T) {
	p, r, _ := newFake()
	p.SetSpeed(20)
	if r.speed != 20 || r.lecture {
		t.Errorf("after SetSpeed(20) the address has %v, %v", r.speed, r.lecture)
	}
	p.SetLecture(true)
	if r.speed != 20 || !r.lecture {
		t.Errorf("after SetLecture(true) the address has %v, %v", r.speed, r.lecture)
	}
	p.SetSpeed(0)
	if r.speed != 20 {
		t.Errorf("an ignored speed reached the address: %v", r.speed)
	}
}

// TestWallTime checks that playing runs Speed days per second of wall time
// whatever the frame rate, that frames run back to back (the same clock)
// run nothing more, that a stall resumes without a jump, and that a slow
// machine runs slower without piling days up.
func TestWallTime(t *testing.T) {
	t.Run("slow frames keep the pace", func(t *testing.T) {
		for _, fps := range []float64{60, 30, 7} {
			p, r, c := newFake()
			r.ticks = 10000
			p.SetSpeed(20)
			p.Play()
			p.Advance() // the first frame counts as one frame: 20/60 of a day
			start := r.ran
			frame := time.Duration(float64(time.Second) / fps)
			for i := 0; i < int(3*fps); i++ {
				c.t = c.t.Add(frame)
				p.Advance()
			}
			if got := r.ran - start; got < 59 || got > 60 {
				t.Errorf("%v frames a second for 3 s at 20 days a second ran %d days, want 60", fps, got)
			}
		}
	})
	t.Run("back-to-back frames run nothing more", func(t *testing.T) {
		p, r, c := newFake()
		r.ticks = 10000
		p.SetSpeed(60)
		p.Play()
		p.Advance()
		c.t = c.t.Add(time.Second / 10)
		p.Advance()
		after := r.ran
		for i := 0; i < 5; i++ {
			p.Advance() // Updates run in one frame read the same clock
		}
		if r.ran != after {
			t.Errorf("frames at the same instant ran %d more days", r.ran-after)
		}
	})
	t.Run("a stall resumes without a jump", func(t *testing.T) {
		p, r, c := newFake()
		r.ticks = 10000
		p.SetSpeed(120)
		p.Play()
		p.Advance()
		before := r.ran
		c.t = c.t.Add(10 * time.Second) // a hidden tab
		p.Advance()
		if got := r.ran - before; got != 2 {
			t.Errorf("after a 10 s stall at 120 days a second the frame ran %d days, want 2 (one frame's worth)", got)
		}
	})
	t.Run("a slow machine runs slower", func(t *testing.T) {
		p, r, c := newFake()
		r.ticks = 10000
		r.cost = 5 * time.Millisecond // a day takes 5 ms: 3 fit in the budget
		p.SetSpeed(500)
		p.Play()
		p.Advance()
		before := r.ran
		c.t = c.t.Add(100 * time.Millisecond)
		p.Advance() // 50 days due, 3 run
		if got := r.ran - before; got != 3 {
			t.Errorf("a frame with a 12 ms budget and 5 ms days ran %d days, want 3", got)
		}
		before = r.ran
		c.t = c.t.Add(time.Second / 60)
		p.Advance() // the days not run are dropped, not piled up: 8 due, 3 run
		if got := r.ran - before; got != 3 {
			t.Errorf("the next frame ran %d days, want 3", got)
		}
		if p.acc != 0 {
			t.Errorf("days carried over after the budget ran out: %v", p.acc)
		}
	})
	t.Run("as fast as possible fills the budget", func(t *testing.T) {
		p, r, _ := newFake()
		r.ticks = 10000
		r.cost = time.Millisecond
		p.SetSpeed(live.Fastest)
		p.Play()
		p.Advance()
		if r.ran != 13 { // 13 days make 13 ms, past the 12 ms budget
			t.Errorf("a frame as fast as possible ran %d days, want 13", r.ran)
		}
	})
	t.Run("the end of the run stops playing", func(t *testing.T) {
		p, r, c := newFake()
		r.ticks = 3
		p.SetSpeed(500)
		p.Play()
		p.Advance()
		c.t = c.t.Add(time.Second)
		p.Advance()
		if r.ran != 3 || p.Playing {
			t.Errorf("ran %d of 3 days, playing %v", r.ran, p.Playing)
		}
	})
	t.Run("paused runs nothing", func(t *testing.T) {
		p, r, c := newFake()
		p.Advance()
		c.t = c.t.Add(time.Second)
		p.Advance()
		if r.ran != 0 {
			t.Errorf("a paused run ran %d days", r.ran)
		}
	})
}

// TestFastForward checks the catch-up to an address's day: it runs up to
// and including the day, over as many frames as its budget needs, and
// plays afterwards only if the address said so.
func TestFastForward(t *testing.T) {
	for _, play := range []bool{false, true} {
		p, r, c := newFake()
		r.cost = 10 * time.Millisecond // 3 days a frame within the 24 ms budget
		p.Open(0, false, play, 9)
		frames := 0
		for p.CatchingUp() && frames < 100 {
			p.Advance()
			frames++
			c.t = c.t.Add(time.Second / 60)
		}
		if r.ran != 10 || frames != 4 {
			t.Errorf("play=%v: the fast-forward to day 9 ran %d days in %d frames, want 10 in 4", play, r.ran, frames)
		}
		if p.Playing != play {
			t.Errorf("play=%v: playing after the fast-forward is %v", play, p.Playing)
		}
	}
	p, r, _ := newFake()
	r.ticks = 5
	p.Open(0, false, false, 50)
	p.Advance()
	if p.CatchingUp() || r.ran != 5 {
		t.Errorf("a fast-forward past the run's end: ran %d of 5, still catching up %v", r.ran, p.CatchingUp())
	}
}

// TestStepThatPauses checks that a day that pauses the run (a tour's beat)
// ends the frame's days at once, however many were due.
func TestStepThatPauses(t *testing.T) {
	p, r, c := newFake()
	r.ticks, r.pauseAt, r.p = 10000, 7, p
	r.cost = 0
	p.SetSpeed(500)
	p.Play()
	p.Advance()
	c.t = c.t.Add(time.Second / 10) // 50 days due
	p.Advance()
	if r.ran != 7 || p.Playing {
		t.Fatalf("ran %d days, playing %v; want the run paused after day 7", r.ran, p.Playing)
	}
	c.t = c.t.Add(time.Second)
	p.Advance()
	if r.ran != 7 {
		t.Errorf("a paused run ran on to day %d", r.ran)
	}
	p.Play()
	c.t = c.t.Add(time.Second / 10)
	p.Advance()
	if r.ran <= 7 {
		t.Errorf("the run did not resume: day %d", r.ran)
	}
}
