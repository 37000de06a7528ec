package main

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/player"
	"github.com/escalation-model/escalation/output/csvfmt"
	"github.com/escalation-model/escalation/recipe"
)

// keyHost is a test host that presses the lecturer's keys given, one list
// a frame, as the desktop's keyboard hands them to Update.
type keyHost struct {
	testHost
	frames [][]lectureKey
}

func (h *keyHost) input(*player.Player) []lectureKey {
	if len(h.frames) == 0 {
		return nil
	}
	keys := h.frames[0]
	h.frames = h.frames[1:]
	return keys
}

// press runs a frame of g (whose host is a keyHost) with the keys given.
func press(t *testing.T, g *Game, keys ...lectureKey) {
	t.Helper()
	g.host.(*keyHost).frames = append(g.host.(*keyHost).frames, keys)
	if err := g.Update(); err != nil {
		t.Fatal(err)
	}
}

// stepRows runs n days of g and returns their ticks.csv rows.
func stepRows(g *Game, n int) []string {
	var rows []string
	for range n {
		g.p.Step(1)
		rows = append(rows, string(g.sess.Row(nil)))
	}
	return rows
}

// recipeRows runs the first n days of escalate run with args and returns
// their ticks.csv rows, as the command writes them.
func recipeRows(t *testing.T, n int, args ...string) []string {
	t.Helper()
	r, err := recipe.ParseArgs(args)
	if err != nil {
		t.Fatal(err)
	}
	d, err := r.Driver(recipe.CommandLine)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for range n {
		if _, err := d.Step(); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, string(csvfmt.AppendTickRow(nil, d.Last())))
	}
	return rows
}

// B then ] in the desktop window, mid-run, change the run as escalate run
// --at does: the same changes recorded, the same rows day by day.
func TestLecturerKeysAreTimedChanges(t *testing.T) {
	g := newTestGameOn(t, &keyHost{testHost: testHost{"scenario=status-quo&seed=3"}})
	before := g.sess.Model().Params()
	rows := stepRows(g, 20)
	press(t, g, keyHackBack)
	press(t, g, keySkillUp)
	if g.said.text != "" {
		t.Fatalf("the keys changed nothing: %s", g.said.text)
	}
	rows = append(rows, stepRows(g, 20)...)

	regime, _ := before.Get("hack_back")
	skill, _ := before.Get("attribution_skill")
	at := g.sess.State().At
	if len(at) != 2 || at[0] != (recipe.Change{Tick: 20, Key: "hack_back", Value: live.NextHackBack(regime)}) ||
		at[1].Tick != 20 || at[1].Key != "attribution_skill" {
		t.Fatalf("B then ] on day 20 recorded %v", at)
	}
	was, _ := strconv.ParseFloat(skill, 64)
	now, err := strconv.ParseFloat(at[1].Value, 64)
	if err != nil || math.Abs(now-(was+0.1)) > 1e-9 {
		t.Errorf("] moved attribution skill from %s to %s, want 0.1 higher", skill, at[1].Value)
	}
	command := g.sess.State().Command()
	for _, c := range at {
		if !strings.Contains(command, "--at "+c.String()) {
			t.Errorf("the run's command %q lacks --at %s", command, c)
		}
	}

	seed := strconv.FormatUint(g.sess.State().Seed, 10)
	want := recipeRows(t, 40, "--scenario", "status-quo", "--seed", seed,
		"--at", "20:hack_back="+live.NextHackBack(regime), "--at", "20:attribution_skill="+at[1].Value)
	for day := range want {
		if rows[day] != want[day] {
			t.Fatalf("day %d after the keys differs from escalate run --at:\nwindow  %s\ncommand %s", day, rows[day], want[day])
		}
	}
	if plain := recipeRows(t, 40, "--scenario", "status-quo", "--seed", seed); plain[39] == want[39] {
		t.Error("the changes made no difference by day 39: the comparison shows nothing")
	}
}

// A key that does not apply in the world changes nothing and says why; T
// with no alarm yet says so.
func TestLecturerKeysSayWhy(t *testing.T) {
	g := newTestGameOn(t, &keyHost{testHost: testHost{"scenario=branching&seed=3"}})
	g.p.Step(5)
	for _, tc := range []struct {
		key  lectureKey
		want string
	}{
		{keyHackBack, "hack back does not apply in this world"},
		{keySkillDown, "attribution_skill does not apply in this world"},
		{keySkillUp, "attribution_skill does not apply in this world"},
	} {
		g.said = remark{}
		press(t, g, tc.key)
		if !strings.Contains(g.said.text, tc.want) || g.said.frame != g.frame {
			t.Errorf("key %d in branching said %+v at frame %d, want %q", tc.key, g.said, g.frame, tc.want)
		}
	}
	if st := g.sess.State(); len(st.At) != 0 || len(st.Sets) != 0 {
		t.Errorf("keys that do not apply changed the run: %v %v", st.At, st.Sets)
	}

	g = newTestGameOn(t, &keyHost{testHost: testHost{"scenario=road-rage&seed=3"}})
	press(t, g, keyTellAlarm)
	if g.said.text != errNoAlarm.Error() || !g.p.Selection.Empty() {
		t.Errorf("T before the first day said %q, selection %+v", g.said.text, g.p.Selection)
	}
}

// T tells the story of the latest alarming entry's cascade.
func TestTellAlarmKey(t *testing.T) {
	g := newTestGameOn(t, &keyHost{testHost: testHost{"scenario=road-rage&seed=3"}})
	g.p.Step(120)
	e, ok := g.sess.LatestAlarm()
	if !ok {
		t.Fatal("no alarm in 120 days of road rage")
	}
	press(t, g, keyTellAlarm)
	sel := g.p.Selection
	if e.Act != live.None && sel.Act != e.Act || e.Act == live.None && sel.Actor != e.Actor {
		t.Errorf("T selected %+v, the latest alarm is %+v", sel, e)
	}
	if g.story.story == nil || g.said.text != "" {
		t.Errorf("T told no story (said %q)", g.said.text)
	}
}
