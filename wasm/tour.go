package main

import (
	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/tour"
	"github.com/escalation-model/escalation/model"
)

// The guided tour (package tour): the game opens a chapter's run, feeds
// the guide the run's acts and pauses at the beats they fire. The page
// draws the cards (assets/web/app.js) from what the game reports.

// newGuide is the guide to the shipped tour; a tour that does not parse
// (a bug the tests catch) leaves the page without one, with a notice.
func newGuide() (*tour.Guide, []live.Notice) {
	chapters, err := tour.Shipped()
	if err != nil {
		return tour.NewGuide(nil), []live.Notice{{Key: "tour", Text: "the guided tour could not be read (" + err.Error() + ")"}}
	}
	return tour.NewGuide(chapters), nil
}

// openChapter starts chapter i's run, paused at its premise, keeping the
// speed and lecturer mode. The caller holds the lock.
func (g *Game) openChapter(i int) error {
	chapters := g.guide.Chapters()
	if i < 0 || i >= len(chapters) {
		g.leaveTour()
		return nil
	}
	c := &chapters[i]
	st := c.Run
	st.Tour = c.ID
	if err := g.start(st); err != nil {
		return err
	}
	g.guide.Open(i)
	g.p.NewWorld()
	g.p.Pause()
	g.sess.SetPresentation(g.p.Speed, g.p.Lecture, false)
	return nil
}

// leaveTour closes the tour: the run on screen stays, as a sandbox.
func (g *Game) leaveTour() {
	if g.guide.Index() < 0 {
		return
	}
	g.guide.Leave()
	g.sess.SetTour("")
	g.p.ClearSelection()
}

// tourAct hands an act to the guide's watch: a beat it fires is queued,
// its caption told in the narrator's words.
func (g *Game) tourAct(a, parent *model.Act) {
	w := g.guide.Watch()
	if w == nil {
		return
	}
	size := int64(0)
	if c := g.sess.Cascade(a.Cascade); c != nil {
		size = c.Size
	}
	for _, i := range w.Act(a, size, g.sess.Model().Actors()) {
		b := g.guide.Chapter().Beats[i]
		g.guide.Fire(tour.Moment{Beat: i, Act: a.ID, Tick: a.Tick, Actor: a.Target, Caption: tour.Caption(b, a, parent, size, g.sess)})
	}
}

// tourDay follows a day of a chapter's run: at a beat the run pauses, its
// act's cascade drawn on the map; a run that ends brings the answer.
func (g *Game) tourDay() {
	switch g.guide.Phase() {
	case tour.AtBeat:
		g.p.Pause()
		if m, ok := g.guide.Moment(); ok && g.p.Selection.Act != m.Act {
			g.p.SelectAct(m.Act)
		}
	case tour.Running:
		if g.sess.Done() {
			g.guide.Over()
		}
	}
}

// tourContinue moves past the beat shown: to the next, to the answer, or
// back to the run, which plays on.
func (g *Game) tourContinue() {
	if g.guide.Phase() != tour.AtBeat {
		return
	}
	play := g.guide.Continue()
	g.p.ClearSelection()
	switch {
	case g.guide.Phase() == tour.AtBeat:
		g.tourDay()
	case play && g.sess.Done():
		g.guide.Over()
	case play:
		g.p.Play()
	}
}
