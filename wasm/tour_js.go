//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"

	"github.com/escalation-model/escalation/internal/tour"
)

// The guided tour's part of the page's API (window.escalate: tour,
// chapter, tourOpen, tourAnswer, tourRun, tourContinue, tourNext, tourBack,
// tourLeave; docs/web.md) and of what the page is told (uiState.Tour).

// tourUI is what the page's tour cards show.
type tourUI struct {
	Number   int      `json:"number"` // from 1
	Count    int      `json:"count"`
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Phase    string   `json:"state"` // premise, running, beat, answer
	Premise  string   `json:"premise"`
	Question string   `json:"question"`
	Choices  []string `json:"choices"`
	Guess    int      `json:"guess"` // the reader's choice, from 1; 0 before it
	Beat     int      `json:"beat"`  // beats shown so far
	Beats    int      `json:"beats"`
	Caption  string   `json:"caption"` // at a beat
	Actor    int32    `json:"actor"`   // where the caption points, -1 for nowhere
	BeatDay  int      `json:"beatDay"`
	Answer   *answer  `json:"answer"` // at the answer
	Last     bool     `json:"last"`   // the last chapter: Next leads to the sandbox
}

// answer is the answer card: what the experiment found and whether the
// reader's guess matched it.
type answer struct {
	Expected string `json:"expected"`
	Right    bool   `json:"right"`
	Claim    int    `json:"claim"`
	Verdict  string `json:"verdict"`
	Text     string `json:"text"`
	Link     string `json:"link"`
}

// tourState is the open chapter as the page shows it, or nil. The lock
// is held.
func (g *Game) tourState() *tourUI {
	c := g.guide.Chapter()
	if c == nil {
		return nil
	}
	u := &tourUI{
		Number: g.guide.Index() + 1, Count: len(g.guide.Chapters()), ID: c.ID, Title: c.Title, Phase: string(g.guide.Phase()),
		Premise: c.Premise, Question: c.Question, Choices: c.Choices, Guess: g.guide.Guess() + 1,
		Beat: len(g.guide.Seen()), Beats: len(c.Beats), Actor: -1, BeatDay: -1,
		Last: g.guide.Index() == len(g.guide.Chapters())-1,
	}
	if m, ok := g.guide.Moment(); ok {
		u.Caption, u.Actor, u.BeatDay, u.Beat = m.Caption, m.Actor, m.Tick, u.Beat+1
	}
	if g.guide.Phase() == tour.Answer {
		r := c.Result
		u.Answer = &answer{Expected: c.Choices[c.Expected], Right: g.guide.Right(), Claim: r.Claim, Verdict: r.Verdict, Text: r.Text, Link: r.Link}
	}
	return u
}

// TourOpen opens the chapter named by key (its ID, or its number from 1).
func (g *Game) TourOpen(key string) error {
	return g.try(func() error {
		i, err := g.guide.Find(key)
		if err != nil {
			return err
		}
		return g.openChapter(i)
	})
}

// TourStep opens the chapter next to the open one (dir +1 or -1); past
// the last one is the sandbox.
func (g *Game) TourStep(dir int) error {
	return g.try(func() error {
		i := g.guide.Index()
		if i < 0 {
			return fmt.Errorf("no chapter of the tour is open")
		}
		if i+dir < 0 {
			return fmt.Errorf("this is the first chapter")
		}
		return g.openChapter(i + dir)
	})
}

// TourAnswer records the reader's answer (from 0) to the question.
func (g *Game) TourAnswer(i int) error { return g.try(func() error { return g.guide.Choose(i) }) }

// TourRun starts the chapter's run once the reader has answered.
func (g *Game) TourRun() error {
	return g.try(func() error {
		if err := g.guide.Run(); err != nil {
			return err
		}
		g.p.Play()
		return nil
	})
}

// TourContinue moves past the beat shown.
func (g *Game) TourContinue() { g.do(g.tourContinue) }

// TourLeave closes the tour; the run on screen becomes the sandbox's.
func (g *Game) TourLeave() { g.do(g.leaveTour) }

// attachTour defines the tour's functions of window.escalate.
func attachTour(g *Game, def func(string, func([]js.Value) any), toJS func(any) any, errOrNull func(error) any, str func([]js.Value, int) string, num func([]js.Value, int, float64) float64) {
	def("tour", func([]js.Value) any {
		type entry struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		}
		var out []entry
		for _, c := range g.guide.Chapters() {
			out = append(out, entry{c.ID, c.Title})
		}
		return toJS(out)
	})
	def("chapter", func([]js.Value) any {
		g.mu.Lock()
		defer g.mu.Unlock()
		u := g.tourState()
		if u == nil {
			return js.Null()
		}
		return toJS(u)
	})
	def("tourOpen", func(a []js.Value) any { return errOrNull(g.TourOpen(str(a, 0))) })
	def("tourNext", func([]js.Value) any { return errOrNull(g.TourStep(+1)) })
	def("tourBack", func([]js.Value) any { return errOrNull(g.TourStep(-1)) })
	def("tourAnswer", func(a []js.Value) any { return errOrNull(g.TourAnswer(int(num(a, 0, 0)) - 1)) })
	def("tourRun", func([]js.Value) any { return errOrNull(g.TourRun()) })
	def("tourContinue", func([]js.Value) any { g.TourContinue(); return nil })
	def("tourLeave", func([]js.Value) any { g.TourLeave(); return nil })
}
