package player

import (
	"slices"
	"time"

	"github.com/escalation-model/escalation/internal/live"
)

// Speeds are the speeds Faster and Slower step through, in days (ticks)
// per second; live.Fastest runs as many days per frame as the frame's time
// allows.
var Speeds = []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, live.Fastest}

const (
	// DefaultSpeed is the speed of a run whose address names none.
	DefaultSpeed = 5
	// MaxSpeed is the highest speed SetSpeed accepts other than live.Fastest.
	MaxSpeed = 10000
	// Budget is the wall time a frame may spend running days while
	// playing; the fast-forward to an address's day may spend twice as much.
	Budget = 12 * time.Millisecond
	// stall is the longest gap between frames that counts as time played:
	// after a longer one (a hidden tab) the run resumes, it never jumps.
	stall = 0.25
)

// Run is the run a Player drives: a live session with what the front end
// draws of it. Its methods are called with whatever lock guards the run
// already held.
type Run interface {
	// Step runs the next day; it runs nothing and returns false when the
	// run is over.
	Step() bool
	// Ran is the number of days run; Done reports whether all have run.
	Ran() int
	Done() bool
	// Reset starts the run over from its first day with its world, seed and
	// set-up; the changes made during the run are dropped.
	Reset()
	// Preset starts the i-th preset (1-based) with the same seed, and
	// reports whether there is one.
	Preset(i int) bool
	// Actors is the number of actors in the world.
	Actors() int
	// Present records the speed and lecturer mode in the run's address.
	Present(speed float64, lecture bool)
}

// Selection is what the reader picked on a map: an actor, or an act, of
// world World (0 for the run, 1 for a comparison's second world).
type Selection struct {
	World int
	Actor int32 // the selected actor, or -1
	Act   int64 // the selected act, or -1
	// Seq counts the changes of selection, so that a listener can tell
	// that the same actor was picked again (its story may have grown).
	Seq int
}

// Empty reports whether nothing is selected.
func (s Selection) Empty() bool { return s.Actor < 0 && s.Act < 0 }

// State is what the reader controls: everything the Player decides.
type State struct {
	Playing    bool    // the run advances with wall time
	Speed      float64 // days per second; live.Fastest as fast as possible
	Target     int     // fast-forward until this day has run; -1: none
	Lecture    bool    // lecturer mode: large type, high contrast
	Help       bool    // the desktop's help overlay is shown
	Fullscreen bool    // the desktop window fills the screen
	Selection  Selection
}

// CatchingUp reports whether a fast-forward to an address's day is under way.
func (s *State) CatchingUp() bool { return s.Target >= 0 }

// Player is the state machine. Its zero value is not usable; call New.
type Player struct {
	State
	run  Run
	tps  float64          // frames (Updates) per second
	now  func() time.Time // the wall clock
	acc  float64          // days due but not yet run
	last time.Time        // when the previous frame began
}

// New returns a paused Player at the default speed that drives run, with
// frames coming tps times a second and the wall clock now (time.Now when
// nil).
func New(run Run, tps float64, now func() time.Time) *Player {
	if now == nil {
		now = time.Now
	}
	p := &Player{run: run, tps: tps, now: now}
	p.Speed, p.Target = DefaultSpeed, -1
	p.Selection = Selection{Actor: -1, Act: -1}
	return p
}

// Open takes up a run just built from an address: its speed (0: keep the
// current one), lecturer mode, autoplay and the day to fast-forward to (-1:
// none).
func (p *Player) Open(speed float64, lecture, play bool, target int) {
	p.NewWorld()
	if speed != 0 {
		p.Speed = speed
	}
	p.Lecture, p.Playing, p.Target = lecture, play, target
}

// NewWorld forgets what belonged to the previous world: the selection (its
// actors are gone), the fast-forward and the days due. Playing or paused
// stays as it was.
func (p *Player) NewWorld() {
	p.acc = 0
	p.Target = -1
	p.choose(0, -1, -1)
}

// Play starts or resumes the run; a run that is over starts again.
func (p *Player) Play() {
	if p.run.Done() {
		p.Reset()
	}
	p.Playing = true
}

// Pause stops the run between days.
func (p *Player) Pause() { p.Playing = false }

// Toggle plays or pauses.
func (p *Player) Toggle() {
	if p.Playing {
		p.Pause()
	} else {
		p.Play()
	}
}

// Step pauses, ends any fast-forward and runs n days now (fewer when the
// run ends first).
func (p *Player) Step(n int) {
	p.Playing = false
	p.Target = -1
	for ; n > 0; n-- {
		if !p.run.Step() {
			break
		}
	}
}

// Reset starts the run over from its first day, paused.
func (p *Player) Reset() {
	p.run.Reset()
	p.NewWorld()
	p.run.Present(p.Speed, p.Lecture)
	p.Playing = false
}

// Preset starts the i-th preset (1-based), playing if the run was.
func (p *Player) Preset(i int) {
	if p.run.Preset(i) {
		p.NewWorld()
	}
}

// SetSpeed sets the speed in days per second: live.Fastest, or above 0 and
// at most MaxSpeed; other values are ignored.
func (p *Player) SetSpeed(s float64) {
	if s != live.Fastest && (s <= 0 || s > MaxSpeed) {
		return
	}
	p.Speed = s
	p.acc = 0
	p.run.Present(s, p.Lecture)
}

// Faster moves one step up the list of Speeds, to live.Fastest at most.
func (p *Player) Faster() { p.SetSpeed(p.nextSpeed(+1)) }

// Slower moves one step down the list of Speeds, to 1 at least.
func (p *Player) Slower() { p.SetSpeed(p.nextSpeed(-1)) }

// nextSpeed is the speed dir steps along Speeds from the current one; a
// speed between two of the list's counts as between them.
func (p *Player) nextSpeed(dir int) float64 {
	i := slices.Index(Speeds, p.Speed)
	if i < 0 {
		i = slices.IndexFunc(Speeds, func(s float64) bool { return s > p.Speed && s > 0 })
		if i < 0 {
			i = len(Speeds) - 1
		}
		if dir > 0 {
			i--
		}
	}
	return Speeds[min(max(i+dir, 0), len(Speeds)-1)]
}

// SetLecture turns lecturer mode on or off.
func (p *Player) SetLecture(on bool) {
	p.Lecture = on
	p.run.Present(p.Speed, on)
}

// SelectActor selects an actor of the world; an id outside it is ignored.
func (p *Player) SelectActor(id int32) {
	if id < 0 || int(id) >= p.run.Actors() {
		return
	}
	p.choose(0, id, -1)
}

// SelectAct selects an act.
func (p *Player) SelectAct(id int64) { p.choose(0, -1, id) }

// ClearSelection forgets the selected actor or act.
func (p *Player) ClearSelection() { p.choose(0, -1, -1) }

func (p *Player) choose(world int, actor int32, act int64) {
	p.Selection = Selection{World: world, Actor: actor, Act: act, Seq: p.Selection.Seq + 1}
}
