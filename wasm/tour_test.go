package main

import (
	"testing"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/tour"
)

// TestTourChapterPausesAtItsBeats opens a chapter from its address, runs
// it as fast as possible and checks that it pauses at each beat, with the
// beat's act drawn as a story, that Continue resumes, that the answer
// comes after the last beat, and that the run's numbers are those of the
// chapter's own address without the tour.
func TestTourChapterPausesAtItsBeats(t *testing.T) {
	g := newTestGame(t, "tour=blue-security&speed=max")
	c := g.guide.Chapter()
	if c == nil || c.ID != "blue-security" || g.guide.Phase() != tour.Premise || g.p.Playing {
		t.Fatalf("tour=blue-security opened %+v in phase %q, playing %v", c, g.guide.Phase(), g.p.Playing)
	}
	if st := g.sess.State(); st.Scenario != "blue-security" || st.Seed != c.Run.Seed || st.Query() != "scenario=blue-security&seed=64&speed=max&tour=blue-security" {
		t.Fatalf("the chapter's run is %q, want %q", st.Query(), c.Query())
	}
	if err := g.guide.Choose(1); err != nil {
		t.Fatal(err)
	}
	if err := g.guide.Run(); err != nil {
		t.Fatal(err)
	}
	g.p.Play()
	var days []int
	for frames := 0; g.guide.Phase() != tour.Answer; frames++ {
		if frames > 10000 {
			t.Fatalf("no answer after %d frames: phase %q, day %d", frames, g.guide.Phase(), g.sess.Ran())
		}
		g.p.Advance()
		if m, ok := g.guide.Moment(); ok {
			if g.p.Playing || g.p.Selection.Act != m.Act || g.sess.Ran() != m.Tick+1 {
				t.Fatalf("at beat %d: playing %v, selection %d (want act %d), %d days run (the beat was on day %d)", m.Beat, g.p.Playing, g.p.Selection.Act, m.Act, g.sess.Ran(), m.Tick)
			}
			if m.Caption == "" {
				t.Errorf("beat %d has no caption", m.Beat)
			}
			days = append(days, m.Tick)
			g.tourContinue()
		}
	}
	if len(days) != len(c.Beats) {
		t.Fatalf("%d beats shown, want %d", len(days), len(c.Beats))
	}
	if g.p.Playing || !g.guide.Right() {
		t.Errorf("at the answer: playing %v, right %v", g.p.Playing, g.guide.Right())
	}
	// The numbers are the chapter's run's, day for day.
	plain, err := live.New(c.Run)
	if err != nil {
		t.Fatal(err)
	}
	for plain.Ran() < g.sess.Ran() {
		plain.Step()
	}
	if a, b := string(g.sess.Row(nil)), string(plain.Row(nil)); a != b {
		t.Errorf("day %d under the tour:\n%s\nwithout it:\n%s", g.sess.Ran()-1, a, b)
	}
	// Reset takes the chapter back to its premise; another seed leaves it.
	g.p.Reset()
	if g.guide.Phase() != tour.Premise || g.guide.Guess() != 1 {
		t.Errorf("after reset: phase %q, guess %d", g.guide.Phase(), g.guide.Guess())
	}
	g.load("scenario=status-quo")
	if g.guide.Chapter() != nil || g.sess.State().Tour != "" {
		t.Error("loading a sandbox address left the tour open")
	}
}

func TestTourAddressFallsBack(t *testing.T) {
	g := newGame(testHost{"tour=99"})
	if g.guide.Chapter() != nil || len(g.notices) != 1 || g.notices[0].Key != "tour" {
		t.Fatalf("tour=99: chapter %v, notices %v", g.guide.Chapter(), g.notices)
	}
	g = newGame(testHost{"tour=1"})
	if c := g.guide.Chapter(); c == nil || c.ID != g.guide.Chapters()[0].ID || len(g.notices) > 0 {
		t.Fatalf("tour=1: chapter %v, notices %v", c, g.notices)
	}
}
