//go:build js && wasm

package main

import (
	"fmt"
	"strconv"

	"github.com/escalation-model/escalation/internal/gwlaw"
	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/recipe"
)

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
	Compare      *comparison       `json:"compare"`     // nil with one world
	Tour         *tourUI           `json:"tour"`        // the guided tour's open chapter, nil in the sandbox
	Applies      []string          `json:"applies"`     // the controls that change anything in this world
	Law          string            `json:"law"`         // the branching world's law of cascade sizes in words, else ""
	AnswersOnly  bool              `json:"answersOnly"` // the maps' filter (arcs=answers)
	Licensing    bool              `json:"licensing"`   // firms holding a licence are marked (the licensed regime)
	Preempting   bool              `json:"preempting"`  // states may strike pre-emptively (defend forward)
}

// comparison is what the page shows of a second world: its label, its
// command and the difference since its change.
type comparison struct {
	Variant    string `json:"variant"` // as compare= takes it
	LabelA     string `json:"labelA"`
	LabelB     string `json:"labelB"`
	Seeds      string `json:"seeds"` // how the two worlds' luck relates, in words
	CommandB   string `json:"commandB"`
	Difference string `json:"difference"`
}

// logEntry is a narration entry as the page's log lists it.
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

// told is what the page has been told: when, up to which narration entry
// of which session and world, and which selection's story.
type told struct {
	frame  int
	sess   *live.Session
	build  int
	logSeq int64
	story  int // the player's selection sequence number
}

// snapshot returns the page's state when it is due, else nil: when the
// game says something changed, or every publishEvery frames. The game's
// lock is held.
func (t *told) snapshot(g *Game) *uiState {
	if !g.dirty && g.frame-t.frame < publishEvery {
		return nil
	}
	g.dirty = false
	t.frame = g.frame
	s, st := g.sess, &g.p.State
	run := s.State()
	p := s.Model().Params()
	u := &uiState{
		Tick: s.Ran() - 1, TicksRun: s.Ran(), Ticks: s.Ticks(), Playing: st.Playing, Done: s.Done(),
		CatchingUp: st.CatchingUp(), Target: st.Target, Speed: st.Speed, Lecture: st.Lecture,
		Scenario: run.Scenario, Description: s.Scenario().Description, Seed: strconv.FormatUint(run.Seed, 10),
		Actors: p.Actors(), Params: map[string]string{}, Query: run.Query(), Command: run.Command(),
		Story: g.story.story, Numbers: numbers(s), Tour: g.tourState(),
	}
	for _, c := range live.Controls() {
		u.Params[c.Key], _ = p.Get(c.Key)
	}
	u.Applies = live.Applying(p)
	u.AnswersOnly = g.answersOnly
	u.Licensing = p.HackBack == model.HackBackLicensed
	u.Preempting = p.DefendForward > 0
	if p.Mechanics == model.MechanicsBranching {
		u.Law = gwlaw.Caption(p.AnswerProbability, p.CollateralMean)
	}
	if b := g.b; b != nil {
		v := run.Compare
		seeds := "Both run day by day from the same seed"
		if v.Key == recipe.KeySeed {
			seeds = fmt.Sprintf("Both run day by day, A from seed %d, B from seed %s: the difference is luck alone", run.Seed, v.Value)
		}
		u.Compare = &comparison{Variant: v.String(), LabelA: g.hud.label, LabelB: b.hud.label, Seeds: seeds, CommandB: b.sess.State().Command(), Difference: b.diff.Sentence()}
	}
	for _, x := range run.Sets {
		u.Sets = append(u.Sets, x.Key+" = "+x.Value)
	}
	for _, c := range run.At {
		u.Changes = append(u.Changes, fmt.Sprintf("before day %d: %s = %s", c.Tick, c.Key, c.Value))
	}
	for _, n := range g.notices {
		u.Notices = append(u.Notices, n.Text)
	}
	u.LogReset, u.Log = t.log(s)
	u.StoryChanged = st.Selection.Seq != t.story
	t.story = st.Selection.Seq
	return u
}

// log returns the narration entries the page has not been told of, and
// whether its log must be emptied first: the session or its world is new.
func (t *told) log(s *live.Session) (reset bool, out []logEntry) {
	if s != t.sess || s.Build() != t.build {
		t.sess, t.build, t.logSeq = s, s.Build(), 0
		reset = true
	}
	for _, e := range s.Entries(t.logSeq) {
		out = append(out, logEntry{Seq: e.Seq, Tick: e.Tick, Level: e.Level, Text: e.Text, Act: e.Act, Cascade: e.Cascade, Actor: e.Actor})
		t.logSeq = e.Seq
	}
	return reset, out
}

// numbers sums up the last tick in a sentence, for the page's status line
// (and screen readers).
func numbers(s *live.Session) string {
	t, ok := s.Last()
	if !ok {
		return "No day has run yet."
	}
	return fmt.Sprintf("Day %d: %s, %s (%s, %s), %d misattributed, %s hit, harm %s, tension mean %s / max %s, %s open to answers, %s.",
		t.Tick, count(t.Attacks, "attack"), count(t.Answers, "answer"), count(t.ByKind[model.ActHackBack], "hack back"),
		count(t.ByKind[model.ActRetaliation], "state retaliation"), t.Misattributed, count(t.InnocentsHarmed, "innocent"),
		scene.FormatNum(t.Damage), scene.FormatNum(t.TensionMean), scene.FormatNum(t.TensionMax), count(t.OpenCascades, "cascade"), count(t.Hosts, "botnet host"))
}

// count writes "1 attack", "3 attacks".
func count(n int64, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + one + "s"
}
