package main

import (
	"fmt"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
)

// host is where the game runs: the web page (bridge_js.go) or a desktop
// window (bridge_other.go).
type host interface {
	browser() bool
	initialQuery() string
	// stage is the part of the window the map and charts may use, in CSS
	// pixels, when the page has said.
	stage() (scene.Rect, bool)
	// snapshot, called at the end of Update with the lock held, returns
	// what the page should be told, or nil.
	snapshot(g *Game) any
	// publish tells the page, after the lock is released.
	publish(snap any)
	// firstFrame is called once, after the first frame is drawn.
	firstFrame()
	// drawn is called after every frame with the finished screen (the
	// desktop's capture for tests); quit, from Update, ends the program.
	drawn(g *Game, screen *ebiten.Image)
	quit() bool
}

// uiState is what the page's controls, log and story panel show. It is
// sent as JSON to the page's script a few times a second and whenever
// something changes.
type uiState struct {
	Tick         int               `json:"tick"` // the last tick run, -1 before the first
	TicksRun     int               `json:"ticksRun"`
	Ticks        int               `json:"ticks"`
	Playing      bool              `json:"playing"`
	Done         bool              `json:"done"`
	CatchingUp   bool              `json:"catchingUp"`
	Target       int               `json:"target"`
	Speed        float64           `json:"speed"` // ticks per second; -1 as fast as possible
	Lecture      bool              `json:"lecture"`
	Scenario     string            `json:"scenario"`
	Description  string            `json:"description"`
	Seed         string            `json:"seed"`
	Actors       int               `json:"actors"`
	Params       map[string]string `json:"params"` // the controls' current values
	Query        string            `json:"query"`
	Command      string            `json:"command"`
	Sets         []string          `json:"sets"`
	Changes      []string          `json:"changes"`
	Notices      []string          `json:"notices"`
	Log          []logEntry        `json:"log"`
	LogReset     bool              `json:"logReset"`
	StoryChanged bool              `json:"storyChanged"`
	Story        *live.Story       `json:"story"`
	Numbers      string            `json:"numbers"`
}

type logEntry struct {
	Seq     int64  `json:"seq"`
	Tick    int    `json:"tick"`
	Level   int    `json:"level"`
	Text    string `json:"text"`
	Act     int64  `json:"act"`
	Cascade int64  `json:"cascade"`
	Actor   int32  `json:"actor"`
}

// publishEvery is how often, in frames, the page hears from the game when
// nothing in particular changed.
const publishEvery = 10

// uiSnapshot returns the page's state when it is due, else nil. The lock
// is held.
func (g *Game) uiSnapshot() *uiState {
	if !g.dirty && g.frame-g.lastPub < publishEvery {
		return nil
	}
	g.dirty = false
	g.lastPub = g.frame
	s := g.sess
	st := s.State()
	p := s.Model().Params()
	u := &uiState{
		Tick: s.Ran() - 1, TicksRun: s.Ran(), Ticks: s.Ticks(), Playing: g.playing, Done: s.Done(),
		CatchingUp: g.target >= 0, Target: g.target, Speed: g.speed, Lecture: g.lecture,
		Scenario: st.Scenario, Description: s.Scenario().Description, Seed: strconv.FormatUint(st.Seed, 10),
		Actors: p.Actors(), Params: map[string]string{}, Query: st.Query(), Command: st.Command(),
		LogReset: g.logReset, StoryChanged: g.storyNew, Story: g.selection.story,
	}
	for _, c := range live.Controls() {
		u.Params[c.Key], _ = p.Get(c.Key)
	}
	for _, x := range st.Sets {
		u.Sets = append(u.Sets, x.Key+" = "+x.Value)
	}
	for _, c := range st.At {
		u.Changes = append(u.Changes, fmt.Sprintf("before day %d: %s = %s", c.Tick, c.Key, c.Value))
	}
	for _, n := range g.notices {
		u.Notices = append(u.Notices, n.Text)
	}
	for _, e := range s.Entries(g.logSeq) {
		u.Log = append(u.Log, logEntry{Seq: e.Seq, Tick: e.Tick, Level: e.Level, Text: e.Text, Act: e.Act, Cascade: e.Cascade, Actor: e.Actor})
		g.logSeq = e.Seq
	}
	u.Numbers = numbers(s)
	g.logReset, g.storyNew = false, false
	return u
}

// numbers sums up the last tick in a sentence, for the page's status line
// (and screen readers).
func numbers(s *live.Session) string {
	t, ok := s.Last()
	if !ok {
		return "No day has run yet."
	}
	return fmt.Sprintf("Day %d: %s, %s (%s, %s), %d misattributed, %s hit, harm %s, tension mean %s / max %s, %s active, %s.",
		t.Tick, count(t.Attacks, "attack"), count(t.Answers, "answer"), count(t.ByKind[model.ActHackBack], "hack back"),
		count(t.ByKind[model.ActRetaliation], "state retaliation"), t.Misattributed, count(t.InnocentsHarmed, "innocent"),
		scene.FormatNum(t.Damage), scene.FormatNum(t.TensionMean), scene.FormatNum(t.TensionMax), count(t.ActiveCascades, "cascade"), count(t.Hosts, "botnet host"))
}

// count writes "1 attack", "3 attacks".
func count(n int64, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + one + "s"
}
