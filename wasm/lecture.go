package main

import (
	"errors"
	"fmt"

	"github.com/escalation-model/escalation/internal/live"
)

// The lecturer's keys (docs/web.md): B, [ and ] change the run exactly as
// their sliders would, through SetParam, so that the run's recipe records
// them (an override before the first day, a timed change during the run);
// T tells the latest alarm's chain. On the page its script calls these
// methods (keyboard_js.go); in the desktop window the host reads the keys
// (keys_other.go) and Update presses them.

// lectureKey is one of the lecturer's keys.
type lectureKey int

// The lecturer's keys, in the order the desktop presses them when several
// come in one frame.
const (
	keyHackBack  lectureKey = iota + 1 // B: the next hack-back regime
	keySkillDown                       // [: attribution skill one step down
	keySkillUp                         // ]: attribution skill one step up
	keyTellAlarm                       // T: the latest alarm's chain
	keyArcs                            // A: only answers, pre-emptive strikes and innocent hits, or every act
)

// skillStep is how far [ and ] move attribution skill: the page's script
// moves it by the same 0.1.
const skillStep = 0.1

// errNoAlarm is what T says when the log has no alarm to tell, as the
// page does.
var errNoAlarm = errors.New("no alarm yet: nothing to tell")

// CycleHackBack moves the hack-back regime one step along illegal →
// licensed → free → illegal; an error when the world has no hack back.
func (g *Game) CycleHackBack() error {
	g.mu.Lock()
	p := g.sess.Model().Params()
	g.mu.Unlock()
	if !live.Applies("hack_back", p) {
		return fmt.Errorf("hack back does not apply in this world (no firms to hack back)")
	}
	return g.SetParam("hack_back", live.NextHackBack(p.HackBack))
}

// Nudge moves a numeric control by delta within its slider's range; an
// error when it does not apply in this world.
func (g *Game) Nudge(key string, delta float64) error {
	g.mu.Lock()
	p := g.sess.Model().Params()
	g.mu.Unlock()
	if !live.Applies(key, p) {
		return fmt.Errorf("%s does not apply in this world", key)
	}
	cur, _ := p.Get(key)
	v, err := live.Nudged(key, cur, delta)
	if err != nil {
		return err
	}
	if v == cur {
		return nil
	}
	return g.SetParam(key, v)
}

// TellAlarm opens the story of the latest alarming log entry's cascade,
// and reports whether there was one.
func (g *Game) TellAlarm() bool {
	found := false
	g.do(func() {
		e, ok := g.sess.LatestAlarm()
		if !ok {
			return
		}
		found = true
		if e.Act != live.None {
			g.p.SelectAct(e.Act)
		} else {
			g.p.SelectActor(e.Actor)
		}
	})
	return found
}

// press does what a lecturer's key does, as the page's script does with
// the same key, and keeps what it said when the key changed nothing (the
// desktop's narration strip shows it for a while). The lock is not held.
func (g *Game) press(k lectureKey) {
	err := g.lecture(k)
	if err == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.said = remark{text: err.Error(), frame: g.frame}
}

// lecture does what key k does and returns why it changed nothing, or nil.
func (g *Game) lecture(k lectureKey) error {
	switch k {
	case keyHackBack:
		return g.CycleHackBack()
	case keySkillDown:
		return g.Nudge("attribution_skill", -skillStep)
	case keySkillUp:
		return g.Nudge("attribution_skill", skillStep)
	case keyTellAlarm:
		if !g.TellAlarm() {
			return errNoAlarm
		}
		return nil
	case keyArcs:
		g.do(func() { g.setAnswersOnly(!g.answersOnly) })
		return nil
	}
	return fmt.Errorf("lecturer's key %d: there are keys %d to %d", k, keyHackBack, keyArcs)
}

// setAnswersOnly has the maps draw only answers, pre-emptive strikes and
// innocent hits (on), or every act, and the address say so (arcs=). The
// caller holds the lock.
func (g *Game) setAnswersOnly(on bool) {
	g.answersOnly = on
	g.sess.SetAnswersOnly(on)
}

// remark is what the game said about a key that changed nothing, and the
// frame (Game.frame) it said it.
type remark struct {
	text  string
	frame int
}
