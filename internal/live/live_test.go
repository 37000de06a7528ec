package live

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output"
	"github.com/escalation-model/escalation/recipe"
	"github.com/escalation-model/escalation/scenario"
)

func TestQueryRoundTrip(t *testing.T) {
	st := State{
		Recipe: recipe.Recipe{
			Scenario: "road-rage", Seed: 7,
			Sets: []recipe.Setting{{Key: "attribution_skill", Value: "0.9"}, {Key: "firms", Value: "100"}},
			At:   []recipe.Change{{Tick: 3, Key: "hotline", Value: "0.5"}, {Tick: 3, Key: "proxy_use", Value: "0.1"}, {Tick: 20, Key: "hack_back", Value: "licensed"}},
		},
		Tick: 41, Speed: 20, Lecture: true, AnswersOnly: true,
	}
	q := st.Query()
	want := "scenario=road-rage&seed=7&set=attribution_skill=0.9&set=firms=100&at=3:hotline=0.5&at=3:proxy_use=0.1&at=20:hack_back=licensed&tick=41&speed=20&lecture=1&arcs=answers"
	if q != want {
		t.Errorf("Query() =\n%s\nwant\n%s", q, want)
	}
	got, notes := ParseQuery("https://example.org/escalate/?" + q + "#x")
	if len(notes) > 0 {
		t.Errorf("notices for a good address: %v", notes)
	}
	if !reflect.DeepEqual(got, st) {
		t.Errorf("ParseQuery(Query()) = %+v, want %+v", got, st)
	}
	if got, want := st.Command(), "escalate run --scenario road-rage --seed 7 --set attribution_skill=0.9 --set firms=100 --at 3:hotline=0.5 --at 3:proxy_use=0.1 --at 20:hack_back=licensed"; got != want {
		t.Errorf("Command() =\n%s\nwant\n%s", got, want)
	}
	if got, want := st.CommandTicks(10), "escalate run --scenario road-rage --seed 7 --ticks 10 --set attribution_skill=0.9 --set firms=100 --at 3:hotline=0.5 --at 3:proxy_use=0.1"; got != want {
		t.Errorf("CommandTicks(10) =\n%s\nwant\n%s", got, want)
	}
}

func TestBadQueriesFallBack(t *testing.T) {
	tests := []struct {
		query   string
		notices []string // substrings, one per notice, in order
		check   func(State) bool
	}{
		{"scenario=atlantis", []string{"scenario=atlantis: not a preset: allowed status-quo, licensed-privateers, road-rage, defend-forward, cyber-peace, p4x, blue-security, branching, observed-world; showing status-quo"}, func(s State) bool { return s.Scenario == "status-quo" }},
		{"seed=-3", []string{"seed=-3: not an unsigned integer: allowed an integer from 0 to 18446744073709551615; using the scenario's seed"}, func(s State) bool { return s.Seed == 1 }},
		{"seed=abc&scenario=p4x", []string{"seed=abc: not an unsigned integer"}, func(s State) bool { return s.Seed == p4xSeed(t) && s.Scenario == "p4x" }},
		{"set=attribution_skill=7", []string{"set=attribution_skill=7: attribution_skill = 7 is out of range: allowed a number from 0 to 1; it is ignored"}, func(s State) bool { return len(s.Sets) == 0 }},
		{"set=nonsense=1", []string{"unknown parameter"}, func(s State) bool { return len(s.Sets) == 0 }},
		{"set=novalue", []string{"set=novalue: expected key=value, e.g. set=attribution_skill=0.9; it is ignored"}, func(s State) bool { return len(s.Sets) == 0 }},
		{"set=citizens=10000000", []string{"at most 20000"}, func(s State) bool { return len(s.Sets) == 0 }},
		{"at=5:firms=3", []string{"at=5:firms=3: firms fixes the world's structure and cannot change during a run; it is ignored"}, func(s State) bool { return len(s.At) == 0 }},
		{"at=999:hotline=0.5", []string{"at=999:hotline=0.5: tick 999 is outside the run: allowed an integer from 0 to 364 (the run has 365 ticks); it is ignored"}, func(s State) bool { return len(s.At) == 0 }},
		{"at=hotline", []string{"at=hotline: expected TICK:key=value, e.g. at=120:attribution_skill=0.9; it is ignored"}, func(s State) bool { return len(s.At) == 0 }},
		{"at=5:ticks=30", []string{"at=5:ticks=30: ticks is the length of the run and cannot change during it"}, func(s State) bool { return len(s.At) == 0 }},
		{"ticks=30&at=30:hotline=0.5&tick=29", []string{"tick 30 is outside the run: allowed an integer from 0 to 29"}, func(s State) bool { return s.Ticks == 30 && s.Tick == 29 && len(s.At) == 0 }},
		{"ticks=-4", []string{"ticks=-4: out of range: allowed an integer from 1 to 100000000, or 0 for the scenario's length; using the scenario's length"}, func(s State) bool { return s.Ticks == 0 }},
		{"ticks=200000000", []string{"ticks=200000000: out of range: allowed an integer from 1 to 100000000, or 0 for the scenario's length; using the scenario's length"}, func(s State) bool { return s.Ticks == 0 }},
		{"ticks=1e12", []string{"ticks=1e12: not an integer: allowed an integer from 1 to 100000000, or 0 for the scenario's length; using the scenario's length"}, func(s State) bool { return s.Ticks == 0 }},
		{"scenario=road-rag", []string{`scenario=road-rag: not a preset (did you mean "road-rage"?)`}, func(s State) bool { return s.Scenario == "status-quo" }},
		{"set=firms=10&set=firms=20", []string{"set=firms=10: firms is set again by set=firms=20, which is used; it is ignored"},
			func(s State) bool { return reflect.DeepEqual(s.Sets, []recipe.Setting{{Key: "firms", Value: "20"}}) }},
		{"set=ticks=10&ticks=20", []string{"set=ticks=10: the run's length is also given by ticks=20, which is used; it is ignored"},
			func(s State) bool { return s.Ticks == 20 && len(s.Sets) == 0 }},
		{"at=5:hotline=0.1&at=5:hotline=0.2", []string{"at=5:hotline=0.1: hotline is changed again at tick 5 by at=5:hotline=0.2, which is used; it is ignored"},
			func(s State) bool {
				return reflect.DeepEqual(s.At, []recipe.Change{{Tick: 5, Key: "hotline", Value: "0.2"}})
			}},
		{"tick=banana", []string{`tick "banana"`}, func(s State) bool { return s.Tick == -1 }},
		{"tick=5000", []string{"past the end"}, func(s State) bool { return s.Tick == 364 }},
		{"speed=fast", []string{`speed "fast"`}, func(s State) bool { return s.Speed == 0 }},
		{"speed=max&lecture=maybe", []string{"lecture=maybe"}, func(s State) bool { return s.Speed == Fastest && !s.Lecture }},
		{"arcs=some", []string{"arcs=some should be all or answers; showing every act"}, func(s State) bool { return !s.AnswersOnly }},
		{"colour=red", []string{`"colour"`}, func(s State) bool { return reflect.DeepEqual(s, DefaultState()) }},
		{"seed=1&seed=2", []string{"2 times"}, func(s State) bool { return s.Seed == 2 }},
		{"%zz", []string{"could not be read"}, func(s State) bool { return s.Scenario == "status-quo" }},
	}
	for _, tc := range tests {
		st, notes := ParseQuery(tc.query)
		if len(notes) != len(tc.notices) {
			t.Errorf("%q: %d notices %v, want %d", tc.query, len(notes), notes, len(tc.notices))
			continue
		}
		for i, n := range notes {
			if !strings.Contains(n.Text, tc.notices[i]) {
				t.Errorf("%q: notice %q does not say %q", tc.query, n.Text, tc.notices[i])
			}
		}
		if !tc.check(st) {
			t.Errorf("%q: state %+v did not fall back as expected", tc.query, st)
		}
		if _, err := New(st); err != nil {
			t.Errorf("%q: the fallen-back state does not run: %v", tc.query, err)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{"", "scenario=road-rage&seed=7&set=firms=10&at=3:hotline=0.5&tick=4", "at=0:hack_back=free&set=ticks=10&tick=9", "set=answer_delay=20", "%%%&&=="} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		st, _ := ParseQuery(q)
		sc, err := st.Resolve()
		if err != nil {
			t.Fatalf("%q: parsed state does not resolve: %v", q, err)
		}
		if st.Tick < -1 || st.Tick >= sc.Params.Ticks {
			t.Fatalf("%q: tick %d outside the run", q, st.Tick)
		}
		for _, c := range st.At {
			if err := recipe.CheckChange(recipe.Address, c, sc.Params); err != nil {
				t.Fatalf("%q: change %+v kept but invalid: %v", q, c, err)
			}
		}
		// What a state writes, it reads back unchanged.
		again, notes := ParseQuery(st.Query())
		if len(notes) > 0 || !reflect.DeepEqual(again, st) {
			t.Fatalf("%q: round trip changed %+v into %+v (%v)", q, st, again, notes)
		}
	})
}

// cliRun runs st the way escalate run does (run.go's execute): output's
// Recorder, changes applied before their tick. It returns the run's files.
func cliRun(t *testing.T, st State, ticks int) map[string][]byte {
	t.Helper()
	sc, err := st.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	sc.Params.Ticks = ticks
	dir := t.TempDir()
	rec, err := output.NewRecorder(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.New(sc.Params, st.Seed, rec)
	if err != nil {
		t.Fatal(err)
	}
	next := 0
	for tick := 0; tick < ticks; tick++ {
		for next < len(st.At) && st.At[next].Tick == tick {
			if err := m.SetParam(st.At[next].Key, st.At[next].Value); err != nil {
				t.Fatal(err)
			}
			next++
		}
		s := m.Step()
		rec.Tick(&s)
	}
	m.Finish()
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if err := output.WriteActors(filepath.Join(dir, output.ActorsFile), m); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, name := range []string{output.TicksFile, output.CascadesFile, output.EventsFile, output.ActorsFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	return files
}

// The page's rows, with changes made during the run, are the command's
// rows; the address the session writes replays the same run; and the
// downloads are the command's files.
func TestSessionMatchesCommand(t *testing.T) {
	st, notes := ParseQuery("scenario=road-rage&seed=11&set=citizens=300&set=firms=150&at=30:proxy_use=0.9")
	if len(notes) > 0 {
		t.Fatal(notes)
	}
	s, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	// The reader's changes: before the first tick (an override) and during the run.
	if err := s.Change("attribution_skill", "0.4"); err != nil {
		t.Fatal(err)
	}
	var rows [][]byte
	for s.Ran() < 80 {
		switch s.Ran() {
		case 10:
			must(t, s.Change("hack_back", "licensed"))
			must(t, s.Change("license_share", "0.9"))
		case 25:
			must(t, s.Change("hotline", "0.3"))
			must(t, s.Change("hotline", "0.6")) // the last one wins
		case 30:
			must(t, s.Change("proxy_use", "0.2")) // after the address's change at 30
		}
		if _, ok := s.Step(); !ok {
			t.Fatal("run ended early")
		}
		rows = append(rows, s.Row(nil))
	}
	got := s.State()
	if got.Tick != 79 {
		t.Errorf("State().Tick = %d, want 79", got.Tick)
	}
	wantQuery := "scenario=road-rage&seed=11&set=citizens=300&set=firms=150&set=attribution_skill=0.4&at=10:hack_back=licensed&at=10:license_share=0.9&at=25:hotline=0.6&at=30:proxy_use=0.2&tick=79" // the address's 30:proxy_use=0.9 is overridden at the same tick
	if q := got.Query(); q != wantQuery {
		t.Errorf("Query() =\n%s\nwant\n%s", q, wantQuery)
	}
	if err := s.Change("firms", "3"); err == nil {
		t.Error("changing a structural parameter during the run was accepted")
	}
	if err := s.Change("hotline", "2"); err == nil {
		t.Error("an out-of-range change was accepted")
	}

	files := cliRun(t, got, 80)
	cliRows := bytes.Split(bytes.TrimSuffix(files[output.TicksFile], []byte("\n")), []byte("\n"))[1:]
	if len(cliRows) != len(rows) {
		t.Fatalf("command wrote %d rows, page ran %d", len(cliRows), len(rows))
	}
	for i := range rows {
		if !bytes.Equal(rows[i], cliRows[i]) {
			t.Fatalf("row %d differs:\npage    %s\ncommand %s", i, rows[i], cliRows[i])
		}
	}

	// Reopening the address replays the run.
	again, notes := ParseQuery(got.Query())
	if len(notes) > 0 {
		t.Fatal(notes)
	}
	s2, err := New(again)
	if err != nil {
		t.Fatal(err)
	}
	for s2.Ran() <= again.Tick {
		s2.Step()
	}
	if !bytes.Equal(s2.Row(nil), rows[79]) {
		t.Errorf("replayed row 79 = %s, want %s", s2.Row(nil), rows[79])
	}

	exp, err := Export(got, 80)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{output.TicksFile: exp.Ticks, output.CascadesFile: exp.Cascades, output.EventsFile: exp.Events, output.ActorsFile: exp.Actors} {
		if !bytes.Equal(b, files[name]) {
			t.Errorf("exported %s differs from the command's (%d vs %d bytes)", name, len(b), len(files[name]))
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestNarrationAndStories(t *testing.T) {
	st, _ := ParseQuery("scenario=road-rage&seed=3")
	s, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	var innocents, hackbacks int
	var picked int64 = -1
	s.OnAct = func(a, parent *model.Act) {
		if a.Kind == model.ActHackBack && a.Innocent && parent != nil && parent.Via == a.Target && picked < 0 {
			picked = a.ID
		}
	}
	for s.Ran() < 120 {
		s.Step()
	}
	entries := s.Entries(0)
	if len(entries) == 0 {
		t.Fatal("120 days of road rage and nothing narrated")
	}
	for i, e := range entries {
		if i > 0 && e.Seq != entries[i-1].Seq+1 {
			t.Fatalf("sequence numbers jump: %d after %d", e.Seq, entries[i-1].Seq)
		}
		if strings.Contains(e.Text, "an innocent") {
			innocents++
		}
		if strings.Contains(e.Text, "hacked back") {
			hackbacks++
		}
		if strings.Contains(e.Text, "%!") || strings.Contains(e.Text, "unknown actor") {
			t.Errorf("badly formatted entry: %q", e.Text)
		}
	}
	if innocents == 0 || hackbacks == 0 {
		t.Errorf("narration tells %d innocent hits and %d hack backs; road rage should have both", innocents, hackbacks)
	}
	if later := s.Entries(entries[len(entries)-1].Seq); len(later) != 0 {
		t.Errorf("Entries after the last = %d entries", len(later))
	}
	if picked < 0 {
		t.Fatal("no hack back of a botnet host in 120 days of road rage")
	}
	story := s.StoryOfAct(picked)
	if len(story.Lines) < 2 {
		t.Fatalf("story of act %d has %d lines", picked, len(story.Lines))
	}
	if !story.Lines[0].OnPath || story.Lines[0].Depth != 0 {
		t.Errorf("a story starts at its root, on the path: %+v", story.Lines[0])
	}
	last := ""
	for _, l := range story.Lines {
		if l.Act == picked {
			last = l.Text
			if !l.OnPath {
				t.Error("the picked act is not on the path")
			}
		}
	}
	if !strings.Contains(last, "hijacked machine") || !strings.Contains(last, "The real attacker was") {
		t.Errorf("the picked act's line does not explain the innocent hit: %q", last)
	}
	if !strings.Contains(story.Lines[0].Text, "routed through") {
		t.Errorf("the root line does not say it was routed: %q", story.Lines[0].Text)
	}
	a := s.Act(picked)
	byActor := s.StoryOfActor(a.Target)
	if byActor.Actor != a.Target || byActor.Cascade < 0 || !strings.Contains(byActor.Title, s.Name(a.Target)[1:]) {
		t.Errorf("story of actor %d: %+v", a.Target, byActor)
	}
	if lost := s.StoryOfAct(1 << 40); lost.Note == "" {
		t.Error("a story of an act not in memory should say so")
	}
}

func TestChangeBeforeFirstTickRebuilds(t *testing.T) {
	s, err := New(DefaultState())
	if err != nil {
		t.Fatal(err)
	}
	b := s.Build()
	must(t, s.Change("hygiene_subsidy", "0.5"))
	if s.Build() == b {
		t.Error("an override before the first tick should rebuild the world")
	}
	must(t, s.Change("hygiene_subsidy", "0.7"))
	st := s.State()
	if len(st.Sets) != 1 || st.Sets[0] != (recipe.Setting{Key: "hygiene_subsidy", Value: "0.7"}) || len(st.At) != 0 {
		t.Errorf("state after two overrides: %+v", st)
	}
	must(t, s.Change("hygiene_subsidy", "0.7")) // unchanged: nothing recorded
	if st2 := s.State(); !reflect.DeepEqual(st2, st) {
		t.Errorf("an unchanged value changed the state: %+v", st2)
	}
	if err := s.Change("answer_delay", "500"); err == nil {
		t.Error("answer_delay > answer_window accepted before the first tick")
	}
	if st3 := s.State(); !reflect.DeepEqual(st3, st) {
		t.Errorf("a rejected override changed the state: %+v", st3)
	}
}

func TestPresetsAndControls(t *testing.T) {
	ps := Presets()
	if len(ps) < 8 {
		t.Errorf("%d presets", len(ps))
	}
	for _, p := range ps {
		if p.Description == "" || p.Actors < 2 {
			t.Errorf("preset %+v", p)
		}
	}
	want := []string{"attribution_skill", "proxy_use", "false_flag", "hack_back", "license_share", "vigilante_temper", "defend_forward", "hotline", "info_sharing", "hygiene_subsidy"}
	have := map[string]Control{}
	for _, c := range Controls() {
		have[c.Key] = c
		if c.Unit == "" || c.Meaning == "" {
			t.Errorf("control %s has no unit or meaning", c.Key)
		}
		if d, _ := model.Lookup(c.Key); d.Structural {
			t.Errorf("control %s is structural: it cannot change during a run", c.Key)
		}
		if c.Type != "choice" && (c.Min >= c.Max || c.Step <= 0) {
			t.Errorf("control %s has range %v..%v step %v", c.Key, c.Min, c.Max, c.Step)
		}
	}
	for _, k := range want {
		if _, ok := have[k]; !ok {
			t.Errorf("no control for %s", k)
		}
	}
}

// p4xSeed returns the p4x preset's own seed.
func p4xSeed(t *testing.T) uint64 {
	t.Helper()
	sc, err := scenario.Load("p4x")
	if err != nil || !sc.OwnSeed {
		t.Fatalf("p4x: %v (own seed %v)", err, sc.OwnSeed)
	}
	return sc.Seed
}

// A story preset's page opens at its own seed, names its actors as the
// preset does, and tells its story in the first weeks by those names.
func TestStoryPresetNamesItsActors(t *testing.T) {
	st, notes := ParseQuery("scenario=blue-security")
	if len(notes) != 0 {
		t.Fatal(notes)
	}
	sc, _ := scenario.Load("blue-security")
	if st.Seed != sc.Seed {
		t.Errorf("blue-security opens at seed %d, want its own %d", st.Seed, sc.Seed)
	}
	s, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name(1) != "Blue Security" || s.Short(2) != "the spammer" || s.Given(0) != "" || s.Name(0) != "State A" {
		t.Errorf("names: %q, %q, %q, %q", s.Name(1), s.Short(2), s.Given(0), s.Name(0))
	}
	if f := s.Facts(1); !strings.HasPrefix(f, "Blue Security: firm 1, ") {
		t.Errorf("facts %q", f)
	}
	for s.Ran() < 28 {
		s.Step()
	}
	var log strings.Builder
	for _, e := range s.Entries(0) {
		log.WriteString(e.Text + "\n")
	}
	for _, want := range []string{"Blue Security", "he spammer"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the first four weeks' log does not name %q:\n%s", want, log.String())
		}
	}
	if !strings.Contains(log.String(), "Blue Security was destroyed: its damage reached its value. It had hacked back.\n") {
		t.Errorf("the log does not tell Blue Security's end plainly:\n%s", log.String())
	}
	if strings.Contains(log.String(), "firm 1") || strings.Contains(log.String(), "criminal 2") {
		t.Errorf("the log names a named actor by kind and id:\n%s", log.String())
	}
}

// The end of a run is told with its length in the right number.
func TestRunOverSaysItsLength(t *testing.T) {
	for _, c := range []struct {
		ticks string
		want  string
	}{
		{"1", "The run is over: 1 day."},
		{"3", "The run is over: 3 days."},
	} {
		st, notes := ParseQuery("scenario=status-quo&ticks=" + c.ticks)
		if len(notes) > 0 {
			t.Fatal(notes)
		}
		s, err := New(st)
		if err != nil {
			t.Fatal(err)
		}
		for {
			if _, ok := s.Step(); !ok {
				break
			}
		}
		found := false
		for _, e := range s.Entries(0) {
			found = found || strings.HasPrefix(e.Text, c.want)
		}
		if !found {
			t.Errorf("ticks=%s: no entry starts %q", c.ticks, c.want)
		}
	}
}
