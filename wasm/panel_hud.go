package main

import (
	"fmt"
	"image/color"
	"sort"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/player"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
)

// hudPanel draws, every frame, the band above the map: the day and the
// run's state on the left, the highest tension and the pairs of states in
// armed conflict on the right; and the banner in the middle of the map
// when an act crosses the armed-conflict threshold.
type hudPanel struct {
	v         *view
	conflicts conflicts
	banner    banner
	label     string // which world, when two are shown: "A: as set"
	labelCol  color.RGBA
}

// banner is the armed-conflict announcement: two lines, shown until frame
// until while the run is within 30 days of it.
type banner struct {
	text  string
	until int // frame
	tick  int
}

// announce raises the banner for an act at the armed-conflict threshold.
func (p *hudPanel) announce(a *model.Act, s *live.Session, frame int) {
	p.banner = banner{
		text:  fmt.Sprintf("ARMED-CONFLICT THRESHOLD CROSSED\nday %d: %s struck %s", a.Tick, s.Name(a.Origin), s.Name(a.Target)),
		until: frame + 300,
		tick:  a.Tick,
	}
}

// Draw draws the band and the banner as they are at frame.
func (p *hudPanel) Draw(dst *ebiten.Image, s *live.Session, st *player.State, frame int) {
	v := p.v
	x, y := v.worldR.X+8*v.px, v.worldR.Y+4*v.px
	small := v.faces.get(11*v.px, false)
	day := "Day –"
	if s.Ran() > 0 {
		day = fmt.Sprintf("Day %d", s.Ran()-1)
	}
	dayFace := v.faces.get(18*v.px, true)
	drawText(dst, day, dayFace, x, y, v.theme.Text, alignStart)
	if p.label != "" {
		// The world's label, shortened to fit its map ("B: with
		// hack_back = f…" in lecture type on a half-width map).
		lx := x + textWidth(day+"   ", dayFace)
		face := v.faces.get(13*v.px, true)
		label := clipTo(p.label, face, v.worldR.X+v.worldR.W-8*v.px-lx, 4)
		drawText(dst, label, face, lx, y+4*v.px, p.labelCol, alignStart)
		day += "   " + label
	}
	run := s.State()
	line := clipTo(fmt.Sprintf("of %d · %s · seed %d · %s", s.Ticks(), run.Scenario, run.Seed, status(s, st)), small, v.worldR.W-16*v.px, 10)
	drawText(dst, line, small, x, y+24*v.px, v.theme.Muted, alignStart)
	right := v.worldR.X + v.worldR.W - 8*v.px
	p.drawTension(dst, s, right, y, right-(x+textWidth(line, small)+16*v.px))
	p.drawConflicts(dst, s, right, y, right-(x+textWidth(day, dayFace)+12*v.px), frame)
	if frame < p.banner.until && s.Ran()-1-p.banner.tick <= 30 {
		p.drawBanner(dst, frame)
	}
}

// status is the run's state in words.
func status(s *live.Session, st *player.State) string {
	switch {
	case st.CatchingUp():
		return fmt.Sprintf("catching up to day %d…", st.Target)
	case s.Done():
		return "the run is over"
	case st.Playing && st.Speed == live.Fastest:
		return "playing as fast as it can"
	case st.Playing:
		return fmt.Sprintf("playing, %s days a second", scene.FormatNum(st.Speed))
	case s.Ran() == 0:
		return "press play"
	}
	return "paused"
}

// drawTension writes the highest tension between two states, right-aligned
// at right, in the longest wording that fits room.
func (p *hudPanel) drawTension(dst *ebiten.Image, s *live.Session, right, y, room float64) {
	v := p.v
	small := v.faces.get(11*v.px, false)
	m := s.Model()
	params := m.Params()
	if params.States < 2 {
		return
	}
	best, bi, bj := -1.0, 0, 0
	for i := 0; i < params.States && params.States <= 60; i++ {
		for j := i + 1; j < params.States; j++ {
			if t := max(m.Tension(i, j), m.Tension(j, i)); t > best {
				best, bi, bj = t, i, j
			}
		}
	}
	if best <= 0 {
		return
	}
	col := v.theme.Muted
	if best >= params.TensionEscalation {
		col = scene.Vermillion
	}
	named := stateTag(s, bi) + "–" + stateTag(s, bj)
	lettered := letter(bi) + "–" + letter(bj)
	for _, text := range []string{
		fmt.Sprintf("highest tension %s: %s (states escalate above %s)", named, scene.FormatNum(best), scene.FormatNum(params.TensionEscalation)),
		fmt.Sprintf("highest tension %s: %s", named, scene.FormatNum(best)),
		fmt.Sprintf("highest tension %s: %s", lettered, scene.FormatNum(best)),
	} {
		if textWidth(text, small) <= room {
			drawText(dst, text, small, right, y+24*v.px, col, alignEnd)
			break
		}
	}
}

// drawConflicts names the pairs of states lately in armed conflict in a
// pulsing box, right-aligned at right, in the longest wording that fits
// room (the day's number stays readable on a phone).
func (p *hudPanel) drawConflicts(dst *ebiten.Image, s *live.Session, right, y, room float64, frame int) {
	v := p.v
	var pairs []string
	ran := s.Ran()
	for pair, last := range p.conflicts {
		if ran-last <= armedDays {
			where := letter(int(pair[0])) + "–" + letter(int(pair[1]))
			if pair[0] == pair[1] {
				where = "in " + letter(int(pair[0]))
			}
			pairs = append(pairs, fmt.Sprintf("%s (day %d)", where, last))
		}
	}
	if len(pairs) == 0 {
		return
	}
	sort.Strings(pairs)
	bold := v.faces.get(11*v.px, true)
	text := ""
	for k := len(pairs); k >= 1 && text == ""; k-- {
		t := "ARMED CONFLICT: " + strings.Join(pairs[:k], ", ")
		if k < len(pairs) {
			t += fmt.Sprintf(" +%d more", len(pairs)-k)
		}
		if textWidth(t, bold)+12*v.px <= room {
			text = t
		}
	}
	for _, short := range []string{"ARMED CONFLICT ×%d", "ARMED ×%d"} {
		if t := fmt.Sprintf(short, len(pairs)); text == "" && textWidth(t, bold)+12*v.px <= room {
			text = t
		}
	}
	if text == "" {
		return // no room beside the day: the map's pulses and the log tell it
	}
	w := textWidth(text, bold) + 12*v.px
	r := scene.Rect{X: right - w, Y: y + 2*v.px, W: w, H: 18 * v.px}
	v.dyn.rect(r, scene.WithAlpha(scene.ReddishPurple, 0.7+0.3*scene.Pulse(frame)))
	v.dyn.flush(dst)
	drawText(dst, text, bold, r.X+6*v.px, r.Y+2*v.px, scene.Black, alignStart)
}

// drawBanner draws the armed-conflict banner in the middle of the map,
// where the ring of states leaves room.
func (p *hudPanel) drawBanner(dst *ebiten.Image, frame int) {
	v := p.v
	face := v.faces.get(15*v.px, true)
	small := v.faces.get(12*v.px, true)
	head, detail, _ := strings.Cut(p.banner.text, "\n")
	// On a narrow map (two worlds, lecture type) the type shrinks to fit,
	// down to the smallest allowed; then the head is shortened and the
	// detail cut.
	room := v.worldR.W - 24*v.px
	if tw := max(textWidth(head, face), textWidth(detail, small)); tw > room {
		k := room / tw
		face, small = v.faces.get(15*v.px*k, true), v.faces.get(12*v.px*k, true)
	}
	if textWidth(head, face) > room {
		head = "ARMED CONFLICT"
	}
	detail = clipTo(detail, small, room, 8)
	w := min(max(textWidth(head, face), textWidth(detail, small))+24*v.px, v.worldR.W)
	c := v.world.Bounds.Center()
	r := scene.Rect{X: c.X - w/2, Y: c.Y - 22*v.px, W: w, H: 44 * v.px}
	pulse := scene.Pulse(frame)
	v.dyn.rect(scene.Rect{X: r.X - 3*v.px, Y: r.Y - 3*v.px, W: r.W + 6*v.px, H: r.H + 6*v.px}, scene.WithAlpha(scene.White, 0.6+0.4*pulse))
	v.dyn.rect(r, scene.ReddishPurple)
	v.dyn.flush(dst)
	drawText(dst, head, face, r.X+r.W/2, r.Y+5*v.px, scene.Black, alignCenter)
	drawText(dst, detail, small, r.X+r.W/2, r.Y+25*v.px, scene.Black, alignCenter)
}

// stateTag names state i in the status band: the name its scenario gives
// it ("North Korea"), else its letter. States are actors 0 to states-1.
func stateTag(s *live.Session, i int) string {
	if name := s.Given(int32(i)); name != "" {
		return name
	}
	return letter(i)
}

// letter is a state's letter (or number past Z).
func letter(i int) string {
	return strings.TrimPrefix(live.StateName(int32(i)), "State ")
}
