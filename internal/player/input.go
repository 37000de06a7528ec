package player

import (
	"time"

	"github.com/escalation-model/escalation/internal/live"
)

// Key is a keyboard command of the desktop window (the page's script maps
// its own keys onto the page's API instead, so that they do not fire while
// the reader types in a field).
type Key int

// The keys, as docs/web.md lists them; KeyPreset1 + i - 1 starts preset i
// (1 to 9), see PresetKey.
const (
	KeyEscape     Key = iota // close the help, else drop the selection, else leave fullscreen
	KeyHelp                  // show or hide the help
	KeyPlayPause             // play or pause
	KeyStep                  // step one day
	KeyReset                 // start the run over
	KeyFaster                // one speed up
	KeySlower                // one speed down
	KeyFullscreen            // fullscreen on or off
	KeyLecture               // lecturer mode on or off
	KeyPreset1               // the first preset; the others follow
)

// PresetKey is the key that starts preset i (1 to 9).
func PresetKey(i int) Key { return KeyPreset1 + Key(i-1) }

// Key handles a key press.
func (p *Player) Key(k Key) {
	switch k {
	case KeyEscape:
		p.escape()
	case KeyHelp:
		p.Help = !p.Help
	case KeyPlayPause:
		p.Toggle()
	case KeyStep:
		p.Step(1)
	case KeyReset:
		p.Reset()
	case KeyFaster:
		p.Faster()
	case KeySlower:
		p.Slower()
	case KeyFullscreen:
		p.Fullscreen = !p.Fullscreen
	case KeyLecture:
		p.SetLecture(!p.Lecture)
	default:
		if k >= KeyPreset1 && k < KeyPreset1+9 {
			p.Preset(int(k-KeyPreset1) + 1)
		}
	}
}

// escape undoes one thing, the topmost: the help overlay, then the
// selection and its story, then fullscreen.
func (p *Player) escape() {
	switch {
	case p.Help:
		p.Help = false
	case !p.Selection.Empty():
		p.ClearSelection()
	case p.Fullscreen:
		p.Fullscreen = false
	}
}

// Hit is what a click or a tap landed on, as the front end's hit test
// found it: an actor (or a state's region, which selects the state), else
// an arc's act, else the map's empty ground; World says on which map.
type Hit struct {
	Outside bool  // off the maps: the click selects nothing and clears nothing
	World   int   // the map hit: 0 for the run's (A), 1 for a comparison's second world (B)
	Actor   int32 // the actor hit, or -1
	Act     int64 // the act of the arc hit, or -1
}

// Click handles a click or tap: while the help is shown it closes the
// help; on the map it selects what it hit, or clears the selection.
func (p *Player) Click(h Hit) {
	switch {
	case p.Help:
		p.Help = false
	case h.Outside:
	case h.World != 0 && (h.Actor >= 0 || h.Act >= 0):
		p.choose(h.World, h.Actor, h.Act) // the other world's actors: the hit test found them there
	case h.Actor >= 0:
		p.SelectActor(h.Actor)
	case h.Act >= 0:
		p.SelectAct(h.Act)
	default:
		p.ClearSelection()
	}
}

// Advance is a frame of wall time: it runs the days due, the fast-forward
// to Target first, then, while playing, Speed days per second of wall time.
// A frame spends at most Budget running days (twice that fast-forwarding);
// a slow machine, or a hidden tab, runs slower, it never jumps.
func (p *Player) Advance() {
	start := p.now()
	switch {
	case p.Target >= p.run.Ran():
		p.catchUp(start)
	case p.Playing:
		p.play(start)
	}
	p.last = start
}

// catchUp runs days toward Target until the frame's budget is spent.
func (p *Player) catchUp(start time.Time) {
	for p.Target >= p.run.Ran() && p.now().Sub(start) < 2*Budget {
		if !p.run.Step() {
			p.Target = -1
		}
	}
	if p.Target < p.run.Ran() {
		p.Target = -1
	}
}

// play runs the days due at start, and stops playing at the end of the run.
func (p *Player) play(start time.Time) {
	n := p.due(start)
	for ; n > 0; n-- {
		if !p.run.Step() {
			p.Playing = false
			break
		}
		if !p.Playing { // the day paused the run (a tour's beat)
			p.acc = 0
			break
		}
		if p.now().Sub(start) > Budget {
			p.acc = 0 // a slow machine runs slower; the numbers do not change
			break
		}
	}
	if p.run.Done() {
		p.Playing = false
	}
}

// due is the number of days to run in the frame that began at start:
// Speed days per second of wall time since the previous frame, so that
// slow frames keep the pace when the machine can. Frames run back to back
// can read the same clock (nothing is due for the second); after a stall
// the frame counts as one ordinary frame.
func (p *Player) due(start time.Time) int {
	if p.Speed == live.Fastest {
		return 1 << 30
	}
	dt := max(start.Sub(p.last).Seconds(), 0)
	if dt > stall {
		dt = 1 / p.tps
	}
	p.acc += p.Speed * dt
	n := int(p.acc)
	p.acc -= float64(n)
	return n
}
