package live

import (
	"strings"
	"testing"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/model"
)

// The log labels an entry armed conflict only for an act at the
// armed-conflict intensity: the lone vigilante's strikes at innocents in
// the P4x story are alarming, and each entry about an act names the act's
// intensity.
func TestLogLabelsTheActsOwnIntensity(t *testing.T) {
	st, _ := ParseQuery("scenario=p4x&seed=11")
	s, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	innocentStrikes := 0
	s.OnAct = func(a, parent *model.Act) {
		if a.Kind == model.ActVigilante && a.Innocent && a.Intensity < model.ArmedAttack {
			innocentStrikes++
		}
	}
	for s.Ran() < 60 {
		s.Step()
	}
	if innocentStrikes == 0 {
		t.Fatal("no vigilante strike at an innocent in 60 days of the P4x story")
	}
	vigilante := 0
	for _, e := range s.Entries(0) {
		if e.Act < 0 || strings.HasPrefix(e.Text, "Cascade ") { // moments without an act, and cascades ending
			continue
		}
		a := s.Act(e.Act)
		if a == nil {
			t.Fatalf("entry about act %d, which the session forgot", e.Act)
		}
		if (e.Level == narrate.ArmedConflict) != (a.Intensity >= model.ArmedAttack) {
			t.Errorf("level %d for an act at %s: %s", e.Level, narrate.IntensityName(int(a.Intensity)), e.Text)
		}
		if !strings.Contains(e.Text, narrate.AtLevel(int(a.Intensity))) {
			t.Errorf("%q does not name the act's intensity", e.Text)
		}
		if a.Kind == model.ActVigilante && a.Innocent {
			vigilante++
			if e.Level != narrate.Alarming {
				t.Errorf("a vigilante's strike at an innocent at level %d, want alarming: %s", e.Level, e.Text)
			}
		}
	}
	if vigilante == 0 {
		t.Error("the log tells none of the vigilante's strikes at innocents")
	}
}

// A vigilante's strike at eight targets on one day is one line of the
// log, not eight.
func TestVolleyIsOneLine(t *testing.T) {
	st, _ := ParseQuery("scenario=p4x&seed=11")
	s, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	strikes := map[int]int{}
	s.OnAct = func(a, parent *model.Act) {
		if a.Kind == model.ActVigilante {
			strikes[a.Tick]++
		}
	}
	for s.Ran() < 60 {
		s.Step()
	}
	if strikes[52] != 8 {
		t.Fatalf("the P4x story at seed 11 has %d vigilante strikes on day 52, want 8 (has the model changed?)", strikes[52])
	}
	want := "P4x, angry at attacks he blamed on North Korea and at his own state's inaction, struck 8 targets in North Korea at the disruption level, 7 of them innocent. A bystander was also harmed."
	var day52 []string
	for _, e := range s.Entries(0) {
		if e.Tick == 52 && strings.HasPrefix(e.Text, "P4x") {
			day52 = append(day52, e.Text)
		}
	}
	if len(day52) != 1 || day52[0] != want {
		t.Errorf("day 52's vigilante lines:\n%s\nwant one:\n%s", strings.Join(day52, "\n"), want)
	}
}

// A cascade of a single act is routine: its end is not told.
func TestSingleActCascadesAreNotTold(t *testing.T) {
	st, _ := ParseQuery("scenario=road-rage&seed=3")
	s, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	for s.Ran() < 120 {
		s.Step()
	}
	for _, e := range s.Entries(0) {
		if strings.HasPrefix(e.Text, "Cascade ") && strings.Contains(e.Text, ": 1 act ") {
			t.Errorf("a single-act cascade is told: %s", e.Text)
		}
	}
}
