//go:build !js

package browsercheck

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"
)

// chapterState is escalate.chapter() as the tests read it.
type chapterState struct {
	ID      string `json:"id"`
	Number  int    `json:"number"`
	State   string `json:"state"`
	Guess   int    `json:"guess"`
	Beat    int    `json:"beat"`
	Beats   int    `json:"beats"`
	Caption string `json:"caption"`
	Answer  *struct {
		Claim   int    `json:"claim"`
		Verdict string `json:"verdict"`
		Link    string `json:"link"`
	} `json:"answer"`
}

func (p *page) chapter() chapterState {
	p.t.Helper()
	return eval[chapterState](p, `escalate.chapter() || {}`)
}

// visible reports whether the element with the given id is on screen.
func (p *page) visible(id string) bool {
	p.t.Helper()
	return eval[bool](p, fmt.Sprintf(`(() => { const e = document.getElementById(%q); if (!e || e.hidden) return false; const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight; })()`, id))
}

// cardClearOfMaps checks that on a wide window the chapter's card hides
// none of the maps: the premise names actors the reader should see.
func cardClearOfMaps(t *testing.T, p *page, id string) {
	t.Helper()
	l := eval[layout](p, `escalate.layout()`)
	if l.Viewport.W < 1000 {
		return
	}
	var card layoutRegion
	for _, r := range l.Regions {
		if r.Name == "tour" {
			card = r
		}
	}
	if card.W == 0 {
		t.Fatalf("%s: no tour card in the layout %+v", id, l.Regions)
	}
	for _, r := range l.Regions {
		if (r.Name == "map" || r.Name == "map-b") && r.X < card.X+card.W && card.X < r.X+r.W && r.Y < card.Y+card.H && card.Y < r.Y+r.H {
			t.Errorf("%s: the tour card %+v covers the %s %+v", id, card, r.Name, r)
		}
	}
}

// playChapter answers chapter n's question, runs it and continues past
// each beat it waits for, to the answer; shots names the screenshots of
// its premise, first beat and answer ("" for none).
func playChapter(t *testing.T, p *page, n int, shots string) chapterState {
	p.open(fmt.Sprintf("tour=%d&speed=max", n))
	p.wait(`escalate.chapter() && escalate.chapter().state === "premise" && !document.getElementById("tourcard").hidden`, 30*time.Second)
	c := p.chapter()
	if c.Number != n || c.Beats == 0 {
		t.Fatalf("tour=%d opened %+v", n, c)
	}
	if eval[bool](p, `document.getElementById("tour-run").disabled`) == false {
		t.Errorf("%s: Run is enabled before an answer", c.ID)
	}
	if shots != "" {
		p.screenshot(shots + "-premise")
	}
	cardClearOfMaps(t, p, c.ID)
	// The answer by keyboard: the first choice has the focus; Enter picks it.
	p.wait(`document.activeElement && document.activeElement.id === "tour-choice-1"`, 10*time.Second)
	p.key(kb.Enter)
	p.wait(`escalate.chapter().guess === 1 && !document.getElementById("tour-run").disabled`, 10*time.Second)
	p.clickElement("tour-run")
	for k := 1; k <= c.Beats; k++ {
		p.wait(fmt.Sprintf(`(c => c.state === "answer" || (c.state === "beat" && c.beat === %d))(escalate.chapter())`, k), 90*time.Second)
		b := p.chapter()
		if b.State != "beat" {
			t.Fatalf("%s: the answer came after %d of %d beats", c.ID, k-1, c.Beats)
		}
		if b.Caption == "" || !p.visible("tourcallout") || eval[bool](p, `escalate.playing`) {
			t.Errorf("%s beat %d: caption %q, callout visible %v, playing %v", c.ID, k, b.Caption, p.visible("tourcallout"), eval[bool](p, `escalate.playing`))
		}
		if !strings.Contains(eval[string](p, `document.getElementById("callout-text").textContent`), b.Caption[:min(20, len(b.Caption))]) {
			t.Errorf("%s beat %d: the callout does not show the caption %q", c.ID, k, b.Caption)
		}
		t.Logf("%s beat %d on day %d: %s", c.ID, k, eval[int](p, `escalate.tick`), b.Caption)
		if k == 1 && shots != "" {
			p.screenshot(shots + "-beat")
		}
		if k%2 == 1 {
			p.clickElement("callout-continue")
		} else {
			p.wait(`document.activeElement && document.activeElement.id === "callout-continue"`, 10*time.Second)
			p.key(" ") // Space on the focused button
		}
	}
	p.wait(`escalate.chapter().state === "answer" && !document.getElementById("tourcard").hidden`, 30*time.Second)
	a := p.chapter()
	if a.Answer == nil || !strings.Contains(a.Answer.Link, "docs/experiments.md#claim-") {
		t.Errorf("%s: the answer %+v has no link to its claim", c.ID, a.Answer)
	}
	text := eval[string](p, `document.getElementById("tourcard").textContent`)
	if !strings.Contains(text, "95% CI") || !strings.Contains(text, fmt.Sprintf("Claim %d", a.Answer.Claim)) {
		t.Errorf("%s: the answer card says %q", c.ID, text)
	}
	if shots != "" {
		p.screenshot(shots + "-answer")
	}
	p.noErrors()
	return a
}

// TestTour opens every chapter, answers its question, runs it through its
// beats to its answer, and checks one chapter's numbers against its
// command; then the tour's button, Next and Esc.
func TestTour(t *testing.T) {
	need(t)
	p := newPage(t, 1280, 800)
	p.open("")
	chapters := eval[[]struct{ ID, Title string }](p, `escalate.tour()`)
	if len(chapters) < 6 || eval[any](p, `escalate.chapter()`) != nil {
		t.Fatalf("the tour has %d chapters; the sandbox has chapter %v", len(chapters), eval[any](p, `escalate.chapter()`))
	}
	for i, c := range chapters {
		t.Run(c.ID, func(t *testing.T) {
			p.t = t
			playChapter(t, p, i+1, fmt.Sprintf("tour-%d-%s-1280x800", i+1, c.ID))
			if i != 1 {
				return
			}
			// The chapter's numbers are its command's, day for day.
			tick := eval[int](p, `escalate.tick`)
			row := eval[string](p, `escalate.rowCSV()`)
			command := eval[string](p, `escalate.command()`)
			rows := lines(runCommand(t, command)["ticks.csv"])
			if row != rows[tick+1] {
				t.Errorf("%s, day %d:\npage    %s\ncommand %s", command, tick, row, rows[tick+1])
			}
		})
	}
	p.t = t
	// The button opens chapter 1; Next and Back move; Esc leaves for the
	// sandbox, which keeps the chapter's world.
	p.open("")
	introShown := `!document.getElementById('intro').hidden && getComputedStyle(document.getElementById('intro')).display !== 'none'`
	if !eval[bool](p, introShown) {
		t.Error("the first-visit card does not show in the sandbox of a fresh browser")
	}
	p.clickElement("tourbtn")
	p.wait(`escalate.chapter() && escalate.chapter().number === 1`, 20*time.Second)
	// A first visit's card waits while the chapter's own card explains.
	if eval[bool](p, introShown) {
		t.Error("the first-visit card shows beside the tour's chapter card")
	}
	p.clickElement("tour-next")
	p.wait(`escalate.chapter().number === 2 && escalate.chapter().state === "premise"`, 20*time.Second)
	if !strings.Contains(eval[string](p, `escalate.state()`), "tour="+chapters[1].ID) {
		t.Errorf("the address does not name chapter 2: %s", eval[string](p, `escalate.state()`))
	}
	p.clickElement("tour-back")
	p.wait(`escalate.chapter().number === 1`, 20*time.Second)
	p.key(kb.Escape)
	p.wait(`escalate.chapter() === null && document.getElementById("tourcard").hidden`, 20*time.Second)
	if strings.Contains(eval[string](p, `escalate.state()`), "tour=") {
		t.Error("the address still names a chapter after Esc")
	}
	p.noErrors()
}

// TestTourSizes shows a chapter on a phone and a large screen: the card
// and the callout are on screen, inside the window.
func TestTourSizes(t *testing.T) {
	need(t)
	for _, size := range [][2]int{{390, 844}, {1920, 1080}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			p := newPage(t, size[0], size[1])
			playChapter(t, p, 4, fmt.Sprintf("tour-4-p4x-%dx%d", size[0], size[1]))
			for _, id := range []string{"tourcard"} {
				r := eval[rect](p, fmt.Sprintf(`(() => { const r = document.getElementById(%q).getBoundingClientRect(); return {X: r.left, Y: r.top, W: r.width, H: r.height}; })()`, id))
				if r.X < 0 || r.Y < 0 || r.X+r.W > float64(size[0])+0.5 || r.Y+r.H > float64(size[1])+0.5 {
					t.Errorf("#%s at %+v is not inside the %dx%d window", id, r, size[0], size[1])
				}
			}
		})
	}
}
