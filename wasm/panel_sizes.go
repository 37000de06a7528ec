package main

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/gwlaw"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
)

// lawMax is the largest cascade size the law's curve is computed to.
const lawMax = 400

// sizeLaw is the Galton–Watson law of a branching world's cascade sizes,
// P(S >= n), kept for the answer probability and bystanders it was
// computed for.
type sizeLaw struct {
	q, c  float64
	ccdf  []float64
	valid bool
}

// of returns the law's CCDF for q and c, computing it when they changed.
func (l *sizeLaw) of(q, c float64) []float64 {
	if !l.valid || l.q != q || l.c != c {
		l.q, l.c, l.valid = q, c, true
		l.ccdf = gwlaw.CCDF(gwlaw.SizePMF(q, c, lawMax))
	}
	return l.ccdf
}

// drawSizes draws the branching world's closed cascade sizes as the share
// of cascades of size n or more (dots), against the law (a line), on
// log-log axes: sizes from 1 to a power of ten above the largest seen,
// shares from 1 down to a power of ten below one cascade's share.
func (p *chartsPanel) drawSizes(dst *ebiten.Image, c *scene.Chart, cell scene.Rect, params model.Params) {
	v := p.v
	th := &v.theme
	pad := 6 * v.px
	v.dyn.rect(cell, th.Region)
	plot, footer := p.plotRect(cell, pad)
	plot.X += 18 * v.px // room for the value axis's labels
	plot.W -= 18 * v.px
	sz := c.Sizes
	xmax := scene.DecadeAbove(max(float64(sz.Max), 100))
	ymin := 1 / scene.DecadeAbove(max(float64(sz.N), 1000))
	v.dyn.line(scene.Point{X: plot.X, Y: plot.Y + plot.H}, scene.Point{X: plot.X + plot.W, Y: plot.Y + plot.H}, v.px, th.Grid)
	v.dyn.line(scene.Point{X: plot.X, Y: plot.Y}, scene.Point{X: plot.X, Y: plot.Y + plot.H}, v.px, th.Grid)
	law := p.law.of(params.AnswerProbability, params.CollateralMean)
	v.buf = v.buf[:0]
	for n := 1; n < len(law) && float64(n) <= xmax; n++ {
		if pt, ok := scene.LogLog(plot, float64(n), law[n], xmax, ymin); ok {
			v.buf = append(v.buf, pt)
		}
	}
	v.dyn.polyline(v.buf, 2*v.px, scene.SkyBlue, 0)
	ns, share := sz.CCDF()
	for i, n := range ns {
		if pt, ok := scene.LogLog(plot, float64(n), share[i], xmax, ymin); ok {
			v.dyn.circle(pt, 2.5*v.px, scene.Orange, 8)
		}
	}
	v.dyn.flush(dst)
	small := v.faces.get(10*v.px, false)
	title := v.fitFace(c.Title, 12, true, cell.W-2*pad)
	drawText(dst, c.Title, title, cell.X+pad, cell.Y+pad-2*v.px, th.Text, alignStart)
	drawText(dst, "1", small, plot.X-3*v.px, plot.Y, th.Muted, alignEnd)
	drawText(dst, scene.FormatNum(ymin), small, plot.X+3*v.px, plot.Y+plot.H-12*v.px, th.Muted, alignStart)
	drawText(dst, "size "+scene.FormatNum(xmax), small, plot.X+plot.W, plot.Y+plot.H-12*v.px, th.Muted, alignEnd)
	if footer {
		m := gwlaw.Mean(params.AnswerProbability, params.CollateralMean)
		foot := "share of cascades ≥ size; dots: the run's " + fmt.Sprint(sz.N) + ", line: the law (m = " + scene.FormatNum(m) + ")"
		for _, f := range []string{foot, fmt.Sprintf("dots: run (%d), line: law, m = %s", sz.N, scene.FormatNum(m)), "dots: run, line: law"} {
			if textWidth(f, small) <= plot.W+18*v.px || f == "dots: run, line: law" {
				foot = f
				break
			}
		}
		drawText(dst, foot, small, cell.X+pad, plot.Y+plot.H+3*v.px, th.Muted, alignStart)
	}
}
