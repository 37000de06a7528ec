package main

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
)

// chartColors are each chart's line colours (line 0 solid, 1 dashed).
var chartColors = []color.RGBA{scene.Orange, scene.Vermillion, scene.ReddishPurple, scene.Yellow, scene.Orange}

// chartsPanel draws the live charts beside (or below) the map: each with
// its title and latest value, the series so far on a time axis spanning
// the whole run, a dotted reference where there is one, and marks for the
// reader's changes (named on the first chart) and for armed conflict.
type chartsPanel struct {
	v      *view
	charts *scene.Charts
}

// reset starts the charts of a new world, with the changes its address
// made during the run marked.
func (p *chartsPanel) reset(s *live.Session) {
	params := s.Model().Params()
	p.charts = scene.NewCharts(params.Ticks, params.States, params.Firms, params.PovertyShare)
	for _, c := range s.State().At {
		p.charts.Mark(c.Tick, c.Key+"="+c.Value)
	}
}

// record adds a day's numbers.
func (p *chartsPanel) record(st *model.TickStats) { p.charts.Record(st) }

// count is the number of charts.
func (p *chartsPanel) count() int { return len(p.charts.List) }

// Draw draws the charts into the layer, each in its cell.
func (p *chartsPanel) Draw(dst *ebiten.Image, s *live.Session) {
	v := p.v
	for i, c := range p.charts.List {
		if i >= len(v.cells) {
			break
		}
		p.drawChart(dst, i, c, v.cells[i], s.Ran())
	}
	p.drawChangeLabels(dst, s.Ran())
}

// drawChart draws chart c, the i-th, in cell.
func (p *chartsPanel) drawChart(dst *ebiten.Image, i int, c *scene.Chart, cell scene.Rect, ran int) {
	v := p.v
	th := &v.theme
	title := v.faces.get(12*v.px, true)
	small := v.faces.get(10*v.px, false)
	v.dyn.rect(cell, th.Region)
	pad := 6 * v.px
	if c.Empty != "" {
		v.dyn.flush(dst)
		drawText(dst, c.Title, title, cell.X+pad, cell.Y+pad-2*v.px, th.Text, alignStart)
		drawText(dst, c.Empty, small, cell.X+pad, cell.Y+pad+20*v.px, th.Muted, alignStart)
		return
	}
	plot, footer := p.plotRect(cell, pad)
	top := c.Fixed
	if top == 0 {
		m := 0.0
		for _, s := range c.Lines {
			m = max(m, s.Max())
		}
		top = scene.NiceTop(m)
	}
	p.drawAxes(plot, c, top, ran)
	col := chartColors[i%len(chartColors)]
	for k, s := range c.Lines {
		v.buf = scene.Plot(v.buf[:0], s, plot, p.charts.Ticks, top)
		dash := 0.0
		if k == 1 {
			dash = 4 * v.px
		}
		if len(v.buf) == 1 {
			v.dyn.circle(v.buf[0], 1.5*v.px, col, 6)
		}
		v.dyn.polyline(v.buf, 1.6*v.px, col, dash)
	}
	v.dyn.flush(dst)
	title = v.fitFace(c.Title, 12, true, cell.W-2*pad)
	drawText(dst, c.Title, title, cell.X+pad, cell.Y+pad-2*v.px, th.Text, alignStart)
	if len(c.Lines) > 0 && ran > 0 {
		value := c.Format(c.Lines[0].Last)
		if textWidth(c.Title, title)+textWidth(value, title)+12*v.px <= cell.W-2*pad {
			drawText(dst, value, title, cell.X+cell.W-pad, cell.Y+pad-2*v.px, col, alignEnd)
		} else {
			drawText(dst, value, small, cell.X+cell.W-pad, plot.Y+2*v.px, col, alignEnd)
		}
	}
	drawText(dst, scene.FormatNum(top), small, plot.X+2*v.px, plot.Y+2*v.px, th.Muted, alignStart)
	if footer {
		drawText(dst, p.footer(c), small, plot.X, plot.Y+plot.H+3*v.px, th.Muted, alignStart)
	}
}

// plotRect is the plot's rectangle in cell, and whether there is room for
// a footer below it.
func (p *chartsPanel) plotRect(cell scene.Rect, pad float64) (scene.Rect, bool) {
	v := p.v
	plot := scene.Rect{X: cell.X + pad, Y: cell.Y + pad + 18*v.px, W: cell.W - 2*pad, H: cell.H - 2*pad - 32*v.px}
	footer := plot.H > 30*v.px
	if !footer { // no room for the footer: the plot takes its place
		plot.H = cell.H - 2*pad - 18*v.px
	}
	if plot.H < 10 {
		plot.Y, plot.H = cell.Y+pad+16*v.px, max(cell.H-2*pad-16*v.px, 4)
	}
	return plot, footer
}

// drawAxes batches the base line, the top grid line, the reference level
// and the marks of changes and armed conflict.
func (p *chartsPanel) drawAxes(plot scene.Rect, c *scene.Chart, top float64, ran int) {
	v := p.v
	th := &v.theme
	ticks := p.charts.Ticks
	v.dyn.line(scene.Point{X: plot.X, Y: plot.Y + plot.H}, scene.Point{X: plot.X + plot.W, Y: plot.Y + plot.H}, v.px, th.Grid)
	v.dyn.polyline([]scene.Point{{X: plot.X, Y: plot.Y}, {X: plot.X + plot.W, Y: plot.Y}}, v.px, th.Grid, 3*v.px)
	if !math.IsNaN(c.Ref) {
		y := plot.Y + plot.H*(1-c.Ref/top)
		v.dyn.polyline([]scene.Point{{X: plot.X, Y: y}, {X: plot.X + plot.W, Y: y}}, 1.5*v.px, scene.BluishGreen, 2*v.px)
	}
	for _, mk := range p.charts.Marks {
		if mk.Tick > ran || ticks == 0 {
			continue
		}
		x := plot.X + plot.W*float64(mk.Tick)/float64(ticks)
		if mk.Armed {
			v.dyn.line(scene.Point{X: x, Y: plot.Y}, scene.Point{X: x, Y: plot.Y + plot.H}, v.px, scene.WithAlpha(scene.ReddishPurple, 0.6))
		} else {
			v.dyn.polyline([]scene.Point{{X: x, Y: plot.Y}, {X: x, Y: plot.Y + plot.H}}, v.px, th.Muted, 3*v.px)
		}
	}
}

// footer is a chart's time axis and legend in words.
func (p *chartsPanel) footer(c *scene.Chart) string {
	foot := fmt.Sprintf("day 0 – %d", p.charts.Ticks-1)
	switch {
	case len(c.Names) == 2:
		foot += "   solid: " + c.Names[0] + ", dashed: " + c.Names[1]
	case !math.IsNaN(c.Ref):
		foot += "   dotted: " + c.RefFor
	}
	return foot
}

// drawChangeLabels names the reader's changes on the first chart.
func (p *chartsPanel) drawChangeLabels(dst *ebiten.Image, ran int) {
	v := p.v
	if len(v.cells) == 0 {
		return
	}
	small := v.faces.get(10*v.px, false)
	ticks := p.charts.Ticks
	cell := v.cells[0]
	plotW := cell.W - 12*v.px
	for _, mk := range p.charts.Marks {
		if mk.Armed || mk.Tick > ran || ticks == 0 {
			continue
		}
		x := cell.X + 6*v.px + plotW*float64(mk.Tick)/float64(ticks)
		drawText(dst, mk.Label, small, x+2*v.px, cell.Y+24*v.px, v.theme.Muted, alignStart)
	}
}
