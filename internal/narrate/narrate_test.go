package narrate

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
)

var update = flag.Bool("update", false, "rewrite testdata/narration.golden")

// cast is a small world: two states, and one actor of every kind.
var cast = map[int32]Actor{
	0:  {ID: 0, Kind: model.KindState, State: 0, Enemy: model.None},
	1:  {ID: 1, Kind: model.KindState, State: 1, Enemy: model.None},
	10: {ID: 10, Kind: model.KindFirm, State: 0, Enemy: model.None, Poor: true},
	11: {ID: 11, Kind: model.KindFirm, State: 1, Enemy: model.None, IoT: true},
	12: {ID: 12, Kind: model.KindFirm, State: 0, Enemy: model.None, Researcher: true},
	20: {ID: 20, Kind: model.KindCitizen, State: 1, Enemy: model.None},
	30: {ID: 30, Kind: model.KindCriminal, State: 0, Enemy: model.None},
	40: {ID: 40, Kind: model.KindHacktivist, State: 1, Enemy: 0},
	50: {ID: 50, Kind: model.KindVigilante, State: 0, Enemy: model.None},
}

func lookup(id int32) (Actor, bool) {
	a, ok := cast[id]
	return a, ok
}

// act returns an act with no routing, suspect or parent, undetected.
func act(id int64, kind model.ActKind, origin, target int32, intensity int8) model.Act {
	return model.Act{ID: id, Parent: model.None, Kind: kind, Origin: origin, Target: target, Via: model.None, Flag: model.None,
		Suspect: model.None, Intensity: intensity, Tick: int(id)}
}

// answer returns an act answering parent.
func answer(id int64, parent *model.Act, kind model.ActKind, origin, target int32, intensity int8) model.Act {
	a := act(id, kind, origin, target, intensity)
	a.Parent, a.Generation, a.Innocent = parent.ID, parent.Generation+1, target != parent.Origin
	return a
}

// blamed marks an act detected and blamed on suspect.
func blamed(a model.Act, suspect int32, confidence float64) model.Act {
	a.Detected, a.Suspect, a.Confidence, a.Misattributed = true, suspect, confidence, suspect != a.Origin
	return a
}

type scene struct {
	name   string
	a      model.Act
	parent *model.Act
}

// scenes covers every way an act is told.
func scenes() []scene {
	crime := act(1, model.ActCrime, 30, 10, model.Disruption)
	crime.Via, crime.Damage = 20, 0.0123
	crime = blamed(crime, 20, 0.41)
	scan := blamed(act(3, model.ActScan, 12, 11, model.Nuisance), 12, 0.7)
	spying := act(5, model.ActEspionage, 1, 0, model.Disruption)
	spying.Flag = 20
	spying = blamed(spying, 20, 0.55)
	plain := blamed(act(7, model.ActCrime, 30, 11, model.Destruction), 0, 0.9)
	plainAtHome := act(8, model.ActCrime, 30, 10, model.Nuisance)
	plainAtHome.Detected = true // detected, but nobody blamed
	hb := answer(11, &plainAtHome, model.ActHackBack, 10, 30, model.Disruption)

	hostHit := answer(2, &crime, model.ActHackBack, 10, 20, model.Disruption)
	scanHit := answer(4, &scan, model.ActHackBack, 11, 12, model.Nuisance)
	scanHit.Collateral, scanHit.Innocent = 1, true // the model: whoever answers a scan hits an innocent
	framed := answer(6, &spying, model.ActRetaliation, 0, 20, model.Destruction)
	framed.Interstate = true
	stateItself := answer(9, &plain, model.ActRetaliation, 1, 0, model.Destruction)
	stateItself.Interstate, stateItself.Collateral = true, 3
	wrong := blamed(answer(10, &plainAtHome, model.ActHackBack, 10, 40, model.Nuisance), 10, 0.3)
	counter := answer(12, &hb, model.ActCounterstrike, 30, 10, model.Critical)
	counter.Via, counter.Damage = 20, 0.5
	armed := answer(13, &plainAtHome, model.ActHackBack, 10, 30, model.ArmedAttack)
	vigilante := answer(14, &plainAtHome, model.ActVigilante, 50, 11, model.Nuisance)
	bystander := answer(15, &plainAtHome, model.ActHackBack, 20, 30, model.Disruption)
	stateAnswer := answer(16, &plainAtHome, model.ActRetaliation, 0, 30, model.Disruption)
	pre := act(17, model.ActPreemptive, 0, 1, model.Destruction)
	pre.Interstate = true
	unknown := act(18, model.ActCrime, 99, 10, model.Nuisance)
	cause := blamed(act(19, model.ActHacktivism, 40, 0, model.Disruption), 1, 0.6)
	orphan := wrong
	orphan.ID, orphan.Tick = 20, 20
	return []scene{
		{"a root routed through a botnet host, its host blamed", crime, nil},
		{"a hack back at the botnet host", hostHit, &crime},
		{"a research scan", scan, nil},
		{"a hack back at the scanner, with a bystander", scanHit, &scan},
		{"spying under a false flag", spying, nil},
		{"a retaliation at the framed party, interstate", framed, &spying},
		{"a crime blamed on the attacker's home state", plain, nil},
		{"a state retaliating at the state itself", stateItself, &plain},
		{"a crime detected, nobody blamed", plainAtHome, nil},
		{"a hack back at an innocent, plain misattribution", wrong, &plainAtHome},
		{"a hack back at an innocent, its parent unknown", orphan, nil},
		{"a hack back at the real attacker", hb, &plainAtHome},
		{"a routed counter-strike at the critical level", counter, &hb},
		{"an armed-conflict hack back", armed, &plainAtHome},
		{"a vigilante strike at an innocent", vigilante, &plainAtHome},
		{"a bystander's answer", bystander, &plainAtHome},
		{"a state answering for one of its own", stateAnswer, &plainAtHome},
		{"a pre-emptive strike", pre, nil},
		{"an unknown actor", unknown, nil},
		{"a hacktivist attack", cause, nil},
	}
}

// The sentences of every scene, as the page's log, the page's story and
// the command line's story tell them, and the summaries of cascades.
// They are pinned in testdata/narration.golden (go test -update rewrites
// it, to be read before committing).
func TestNarrationGolden(t *testing.T) {
	var b strings.Builder
	page := &Teller{Cast: lookup}
	cli := &Teller{Cast: lookup, Introduce: true}
	for _, sc := range scenes() {
		fmt.Fprintf(&b, "## %s (importance %d)\n", sc.name, Importance(&sc.a))
		fmt.Fprintf(&b, "log:   %s\n", page.Act(&sc.a, sc.parent))
		fmt.Fprintf(&b, "page:  %s\n", page.Story(&sc.a, sc.parent, false))
		fmt.Fprintf(&b, "story: %s\n", cli.Story(&sc.a, sc.parent, true))
	}
	for _, c := range []struct {
		name    string
		rec     model.CascadeRecord
		atLeast bool
	}{
		{"one act on one day", model.CascadeRecord{ID: 3, RootAct: 8, RootTick: 8, LastTick: 8, Size: 1, Actors: 2, Closed: true}, false},
		{"interstate, armed, open", model.CascadeRecord{ID: 4, RootAct: 7, RootTick: 7, LastTick: 12, Size: 9, Depth: 4, Actors: 6, Innocents: 1, PeakIntensity: model.ArmedAttack, Interstate: true}, false},
		{"from acts alone", RecordFromActs(func() []model.Act {
			var acts []model.Act
			for _, sc := range scenes()[:4] {
				acts = append(acts, sc.a)
			}
			return acts
		}()), true},
	} {
		root := act(c.rec.RootAct, model.ActCrime, 30, 10, model.Nuisance)
		fmt.Fprintf(&b, "## cascade: %s (importance %d)\n", c.name, CascadeImportance(&c.rec))
		fmt.Fprintf(&b, "story: %s\n", Summary(&c.rec, c.atLeast))
		fmt.Fprintf(&b, "log:   %s\n", page.Ended(&c.rec, &root))
		fmt.Fprintf(&b, "log without its root: %s\n", page.Ended(&c.rec, nil))
	}
	path := filepath.Join("testdata", "narration.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("line %d differs:\ngot  %s\nwant %s", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("got %d lines, want %d", len(gl), len(wl))
	}
}

// The log's armed-conflict label names the act's own intensity: a
// vigilante's nuisance strike at an innocent is alarming, not armed
// conflict, and only an act at the armed-conflict threshold gets the
// label, whatever it hit; its sentence names its intensity.
func TestImportanceNamesTheActsIntensity(t *testing.T) {
	root := act(1, model.ActCrime, 30, 10, model.Nuisance)
	page := &Teller{Cast: lookup}
	for l := int8(model.Nuisance); l <= model.ArmedAttack; l++ {
		for _, kind := range []model.ActKind{model.ActVigilante, model.ActHackBack, model.ActRetaliation} {
			for _, innocent := range []bool{false, true} {
				a := answer(2, &root, kind, 50, 30, l)
				a.Innocent = innocent
				got := Importance(&a)
				if (got == ArmedConflict) != (l == model.ArmedAttack) {
					t.Errorf("%v at %s, innocent %v: importance %d", kind, IntensityName(int(l)), innocent, got)
				}
				if got < Notable {
					t.Errorf("%v at %s, innocent %v: not worth telling", kind, IntensityName(int(l)), innocent)
				}
				if text := page.Act(&a, &root); !strings.Contains(text, AtLevel(int(l))) {
					t.Errorf("%q does not name its intensity (%s)", text, AtLevel(int(l)))
				}
			}
		}
	}
	v := answer(2, &root, model.ActVigilante, 50, 11, model.Nuisance)
	if got := Importance(&v); got != Alarming {
		t.Errorf("a vigilante's nuisance strike at an innocent: importance %d, want %d (alarming)", got, Alarming)
	}
	if r := act(3, model.ActCrime, 30, 10, model.Critical); Importance(&r) != 0 {
		t.Errorf("a root act below the armed-conflict threshold is told: %d", Importance(&r))
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{{0, "0 cascades"}, {1, "1 cascade"}, {2, "2 cascades"}, {-1, "-1 cascades"}} {
		if got := Count(c.n, "cascade", "cascades"); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// A teller that introduces actors describes each in full once, then
// names it by kind and id; one that does not names every mention in full.
func TestTellerNames(t *testing.T) {
	cli := &Teller{Cast: lookup, Introduce: true}
	for _, want := range []string{"hacktivist 40 in State B (campaigning against State A)", "hacktivist 40"} {
		if got := cli.Name(40); got != want {
			t.Errorf("Name(40) = %q, want %q", got, want)
		}
	}
	for _, want := range []string{"State B (actor 1)", "State B"} {
		if got := cli.Name(1); got != want {
			t.Errorf("Name(1) = %q, want %q", got, want)
		}
	}
	page := &Teller{Cast: lookup}
	for range 2 {
		if got, want := page.Name(10), "firm 10 in State A"; got != want {
			t.Errorf("page Name(10) = %q, want %q", got, want)
		}
	}
	if got := page.Name(99); got != "actor 99" {
		t.Errorf("an unknown actor is %q", got)
	}
	if got := (&Teller{}).Short(3); got != "actor 3" {
		t.Errorf("without a cast: %q", got)
	}
	for i, want := range map[int32]string{0: "State A", 25: "State Z", 26: "State 27"} {
		if got := StateName(i); got != want {
			t.Errorf("StateName(%d) = %q, want %q", i, got, want)
		}
	}
}

// Actors their scenario names are called by their names: in full, at
// first mention with what they are, and as the home or enemy state of
// others.
func TestTellerGivenNames(t *testing.T) {
	named := map[int32]Actor{}
	for id, a := range cast {
		named[id] = a
	}
	given := map[int32]string{0: "Home", 10: "Blue Security", 30: "the spammer"}
	for id, g := range given {
		a := named[id]
		a.Given = g
		named[id] = a
	}
	look := func(id int32) (Actor, bool) { a, ok := named[id]; return a, ok }
	cli := &Teller{Cast: look, Introduce: true}
	for id, want := range map[int32][]string{
		10: {"Blue Security (firm 10 in Home, below the security poverty line)", "Blue Security"},
		0:  {"Home (State A, actor 0)", "Home"},
		40: {"hacktivist 40 in State B (campaigning against Home)", "hacktivist 40"},
		12: {"research firm 12 in Home", "firm 12"},
	} {
		for _, w := range want {
			if got := cli.Name(id); got != w {
				t.Errorf("Name(%d) = %q, want %q", id, got, w)
			}
		}
	}
	page := &Teller{Cast: look}
	if got := page.Name(30); got != "the spammer" {
		t.Errorf("page Name(30) = %q", got)
	}
	if got := page.Short(20); got != "citizen 20" {
		t.Errorf("page Short(20) = %q", got)
	}
	if got := page.Describe(40); len(got) != 1 || got[0] != "campaigning against Home" {
		t.Errorf("Describe(40) = %q", got)
	}
	hb := answer(2, &model.Act{ID: 1, Kind: model.ActCrime, Origin: 30, Target: 10}, model.ActHackBack, 10, 30, model.Nuisance)
	if got := page.Act(&hb, nil); !strings.HasPrefix(got, "Blue Security hacked back the spammer") {
		t.Errorf("a named hack back is told %q", got)
	}
}
