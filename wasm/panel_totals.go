package main

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
)

// totalsPanel sums the run up so far in the last cell of the charts'
// column: attacks, answers, innocents hit, hack backs, armed conflict,
// interstate acts and firms destroyed, in two columns whose type shrinks
// until every row fits.
type totalsPanel struct {
	v *view
}

// Draw draws the totals into the layer, when the stage has room for them.
func (p *totalsPanel) Draw(dst *ebiten.Image, s *live.Session) {
	v := p.v
	if !v.hasTotals {
		return
	}
	cell := v.totals
	th := &v.theme
	v.dyn.rect(cell, th.Region)
	v.dyn.flush(dst)
	pad := 6 * v.px
	title := v.faces.get(12*v.px, true)
	head := "So far"
	if r := s.Ran(); r > 0 {
		head = fmt.Sprintf("So far (days 0–%d)", r-1)
	}
	drawText(dst, head, title, cell.X+pad, cell.Y+pad-2*v.px, th.Text, alignStart)
	rows := totalsRows(s.Model().Totals())
	const cols = 2
	perCol := (len(rows) + cols - 1) / cols
	colW := (cell.W - 2*pad) / float64(cols)
	face, lineH := p.fit(rows, colW, float64(perCol), cell.H-pad-20*v.px)
	top := cell.Y + pad + 18*v.px
	for i, r := range rows {
		col, row := i/perCol, i%perCol
		y := top + float64(row)*lineH
		if y+lineH > cell.Y+cell.H {
			continue
		}
		x := cell.X + pad + float64(col)*colW
		c := th.Text
		if r[0] == "armed conflict" && r[1] != "0" {
			c = scene.ReddishPurple
		}
		drawText(dst, r[0], face, x, y, th.Muted, alignStart)
		drawText(dst, r[1], face, x+colW-8*v.px, y, c, alignEnd)
	}
}

// totalsRows are the totals' rows: a name and its number.
func totalsRows(t model.Totals) [][2]string {
	return [][2]string{
		{"attacks", fmt.Sprint(t.Attacks)},
		{"answers", fmt.Sprint(t.Answers)},
		{"innocents hit", fmt.Sprint(t.InnocentsHarmed)},
		{"hack backs", fmt.Sprint(t.ByKind[model.ActHackBack])},
		{"armed conflict", fmt.Sprint(t.ArmedConflict)},
		{"interstate", fmt.Sprint(t.Interstate)},
		{"firms destroyed", fmt.Sprint(t.FirmsDestroyed)},
	}
}

// fit returns the largest type, from 11 points down to 7 in half points,
// at which every row fits a column colW wide and perCol rows fit avail,
// and its line height.
func (p *totalsPanel) fit(rows [][2]string, colW, perCol, avail float64) (*text.GoXFace, float64) {
	v := p.v
	var face *text.GoXFace
	lineH := 14 * v.px
	for size := 11.0; size >= 7; size -= 0.5 {
		face = v.faces.get(size*v.px, false)
		lineH = (size + 2.5) * v.px
		widest := 0.0
		for _, r := range rows {
			widest = max(widest, textWidth(r[0], face)+textWidth(r[1], face))
		}
		if widest+14*v.px <= colW && perCol*lineH <= avail {
			break
		}
	}
	return face, lineH
}
