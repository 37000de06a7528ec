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

// otherColor is the second world's lines' colour; they also carry square
// markers, so that colour is not the only cue.
var otherColor = scene.SkyBlue

// chartsPanel draws the live charts beside (or below) the map: each with
// its title and latest value, the series so far on a time axis spanning
// the days run (Charts.Span), a dotted reference where there is one, and
// marks for the reader's changes (named on the first chart) and for armed
// conflict. With two worlds the second's lines are drawn over the first's;
// with changes during the run, the run without them is a faint ghost from
// the first change on. Value axes are the preset's (scene.Scale), grown
// when a run exceeds them and kept grown for the preset.
type chartsPanel struct {
	v         *view
	charts    *scene.Charts
	other     *scene.Charts // the second world's, or nil
	ghost     *scene.Charts // the run without the changes during it, or nil
	ghostFrom int
	preset    string
	tops      map[string]float64 // preset/chart: the value axis's top so far
	law       sizeLaw            // the branching world's law of cascade sizes
}

// reset starts the charts of a new world (and its twin, when not nil),
// with the changes its address made during the run marked.
func (p *chartsPanel) reset(s *live.Session, b *twin) {
	// Both worlds, and the ghost, show the charts of the first world's
	// parameters, so that their lists line up.
	params := s.Model().Params()
	p.charts = scene.ChartsFor(params)
	p.other, p.ghost = nil, nil
	if b != nil {
		p.other = scene.ChartsFor(params)
	}
	p.preset = s.State().Scenario
	for _, c := range s.State().At {
		p.charts.Mark(c.Tick, c.Key+"="+c.Value)
	}
}

// startGhost starts the ghost's charts, drawn from day from on.
func (p *chartsPanel) startGhost(s *live.Session, from int) {
	p.ghost = scene.ChartsFor(s.Model().Params())
	p.ghostFrom = from
}

// record adds a day's numbers.
func (p *chartsPanel) record(st *model.TickStats) { p.charts.Record(st) }

// recordOther adds a day of the second world.
func (p *chartsPanel) recordOther(st *model.TickStats) { p.other.Record(st) }

// recordGhost adds a day of the run without the changes.
func (p *chartsPanel) recordGhost(st *model.TickStats) { p.ghost.Record(st) }

// count is the number of charts.
func (p *chartsPanel) count() int { return len(p.charts.List) }

// Draw draws the charts into the layer, each in its cell.
func (p *chartsPanel) Draw(dst *ebiten.Image, s *live.Session) {
	v := p.v
	span := p.charts.Span(s.Ran())
	for i, c := range p.charts.List {
		if i >= len(v.cells) {
			break
		}
		if c.Sizes != nil {
			p.drawSizes(dst, c, v.cells[i], s.Model().Params())
			continue
		}
		p.drawChart(dst, i, c, v.cells[i], s.Ran(), span)
	}
	p.drawChangeLabels(dst, s.Ran(), span)
}

// top is the top of chart i's value axis: the preset's scale, or the
// largest the preset's runs shown on this page have needed.
func (p *chartsPanel) top(i int, c *scene.Chart) float64 {
	if c.Fixed > 0 {
		return c.Fixed
	}
	key := p.preset + "/" + c.Key
	top := max(p.tops[key], scene.Scale(p.preset, c.Key))
	m := 0.0
	for _, cs := range []*scene.Charts{p.charts, p.other, p.ghost} {
		if cs == nil {
			continue
		}
		for _, s := range cs.List[i].Lines {
			m = max(m, s.Max())
		}
	}
	if m > top {
		top = scene.NiceTop(m)
	}
	p.tops[key] = top
	return top
}

// drawChart draws chart c, the i-th, in cell.
func (p *chartsPanel) drawChart(dst *ebiten.Image, i int, c *scene.Chart, cell scene.Rect, ran, span int) {
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
	top := p.top(i, c)
	p.drawAxes(plot, c, top, ran, span)
	col := chartColors[i%len(chartColors)]
	if p.ghost != nil {
		p.drawLines(p.ghost.List[i], plot, span, top, scene.WithAlpha(th.Muted, 0.55), false, p.ghostFrom, true)
	}
	p.drawLines(c, plot, span, top, col, false, 0, false)
	if p.other != nil {
		p.drawLines(p.other.List[i], plot, span, top, otherColor, true, 0, false)
	}
	v.dyn.flush(dst)
	p.drawTitle(dst, i, c, cell, plot, col, ran)
	drawText(dst, scene.FormatNum(top), small, plot.X+2*v.px, plot.Y+2*v.px, th.Muted, alignStart)
	if footer {
		p.drawFooter(dst, c, plot, span)
	}
}

// drawLines batches chart c's lines: the first solid, the second dashed;
// marked with squares for the second world; faint and thin (only the
// first line, from day from on) for the ghost.
func (p *chartsPanel) drawLines(c *scene.Chart, plot scene.Rect, span int, top float64, col color.RGBA, marked bool, from int, ghost bool) {
	v := p.v
	for k, s := range c.Lines {
		if ghost && k > 0 {
			break
		}
		v.buf = scene.PlotFrom(v.buf[:0], s, plot, span, top, from)
		dash, width := 0.0, 1.6*v.px
		if k == 1 {
			dash = 4 * v.px
		}
		if ghost {
			dash, width = 2*v.px, 1.2*v.px
		}
		if len(v.buf) == 1 {
			v.dyn.circle(v.buf[0], 1.5*v.px, col, 6)
		}
		v.dyn.polyline(v.buf, width, col, dash)
		if marked {
			p.markers(v.buf, col)
		}
	}
}

// markers puts a small square on a line every 14 CSS pixels or so.
func (p *chartsPanel) markers(pts []scene.Point, col color.RGBA) {
	v := p.v
	r := 2 * v.px
	last := math.Inf(-1)
	for _, pt := range pts {
		if pt.X-last < 14*v.px {
			continue
		}
		last = pt.X
		v.dyn.rect(scene.Rect{X: pt.X - r, Y: pt.Y - r, W: 2 * r, H: 2 * r}, col)
	}
}

// drawTitle writes chart c's title and its latest value (each world's,
// when there are two).
func (p *chartsPanel) drawTitle(dst *ebiten.Image, i int, c *scene.Chart, cell, plot scene.Rect, col color.RGBA, ran int) {
	v := p.v
	th := &v.theme
	pad := 6 * v.px
	small := v.faces.get(10*v.px, false)
	title := v.fitFace(c.Title, 12, true, cell.W-2*pad)
	drawText(dst, c.Title, title, cell.X+pad, cell.Y+pad-2*v.px, th.Text, alignStart)
	if len(c.Lines) == 0 || ran == 0 {
		return
	}
	value := c.Format(c.Lines[0].Last)
	if p.other != nil {
		value = "A " + scene.FormatNum(c.Lines[0].Last) + " · B " + scene.FormatNum(p.other.List[i].Lines[0].Last)
		if c.Fixed == 1 { // a share
			value = fmt.Sprintf("A %.0f%% · B %.0f%%", 100*c.Lines[0].Last, 100*p.other.List[i].Lines[0].Last)
		}
	}
	if textWidth(c.Title, title)+textWidth(value, title)+12*v.px <= cell.W-2*pad {
		drawText(dst, value, title, cell.X+cell.W-pad, cell.Y+pad-2*v.px, col, alignEnd)
	} else {
		drawText(dst, value, small, cell.X+cell.W-pad, plot.Y+2*v.px, col, alignEnd)
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
func (p *chartsPanel) drawAxes(plot scene.Rect, c *scene.Chart, top float64, ran, span int) {
	v := p.v
	th := &v.theme
	v.dyn.line(scene.Point{X: plot.X, Y: plot.Y + plot.H}, scene.Point{X: plot.X + plot.W, Y: plot.Y + plot.H}, v.px, th.Grid)
	v.dyn.polyline([]scene.Point{{X: plot.X, Y: plot.Y}, {X: plot.X + plot.W, Y: plot.Y}}, v.px, th.Grid, 3*v.px)
	if !math.IsNaN(c.Ref) {
		y := plot.Y + plot.H*(1-c.Ref/top)
		v.dyn.polyline([]scene.Point{{X: plot.X, Y: y}, {X: plot.X + plot.W, Y: y}}, 1.5*v.px, scene.BluishGreen, 2*v.px)
	}
	for _, mk := range p.charts.Marks {
		if mk.Tick > ran {
			continue
		}
		x := plot.X + plot.W*float64(mk.Tick)/float64(span)
		if mk.Armed {
			v.dyn.line(scene.Point{X: x, Y: plot.Y}, scene.Point{X: x, Y: plot.Y + plot.H}, v.px, scene.WithAlpha(scene.ReddishPurple, 0.6))
		} else {
			v.dyn.polyline([]scene.Point{{X: x, Y: plot.Y}, {X: x, Y: plot.Y + plot.H}}, v.px, th.Muted, 3*v.px)
		}
	}
}

// drawFooter writes a chart's time axis and legend in words, the longest
// wording that fits under the plot.
func (p *chartsPanel) drawFooter(dst *ebiten.Image, c *scene.Chart, plot scene.Rect, span int) {
	v := p.v
	small := v.faces.get(10*v.px, false)
	axis := fmt.Sprintf("day 0 – %d", span-1)
	var legend []string
	switch {
	case p.other != nil && len(c.Names) == 2:
		legend = []string{"A plain, B with ■; solid " + c.Names[0] + ", dashed " + c.Names[1], "B with ■; dashed " + c.Names[1], "B with ■"}
	case p.other != nil:
		legend = []string{"A plain line, B line with ■", "B with ■"}
	case p.ghost != nil:
		legend = []string{"faint dotted: without your changes", "faint: without changes"}
	case len(c.Names) == 2:
		legend = []string{"solid: " + c.Names[0] + ", dashed: " + c.Names[1]}
	case !math.IsNaN(c.Ref):
		legend = []string{"dotted: " + c.RefFor}
	}
	foot := axis
	for _, l := range legend {
		if textWidth(axis+"   "+l, small) <= plot.W {
			foot = axis + "   " + l
			break
		}
	}
	drawText(dst, foot, small, plot.X, plot.Y+plot.H+3*v.px, v.theme.Muted, alignStart)
}

// drawChangeLabels names the reader's changes on the first chart.
func (p *chartsPanel) drawChangeLabels(dst *ebiten.Image, ran, span int) {
	v := p.v
	if len(v.cells) == 0 {
		return
	}
	small := v.faces.get(10*v.px, false)
	cell := v.cells[0]
	plotW := cell.W - 12*v.px
	lineH := small.Metrics().HAscent + small.Metrics().HDescent + 2*v.px
	if plot, _ := p.plotRect(cell, 6*v.px); plot.H < 3*lineH {
		return // a plot this short has room for its marks, not their labels
	}
	var ends [3]float64 // where each line's last label ends: a label that would run into one goes a line down
	for _, mk := range p.charts.Marks {
		if mk.Armed || mk.Tick > ran {
			continue
		}
		x := cell.X + 6*v.px + plotW*float64(mk.Tick)/float64(span) + 2*v.px
		line := 0
		for line < len(ends)-1 && ends[line] > x {
			line++
		}
		label := clipTo(mk.Label, small, cell.X+cell.W-4*v.px-x, 3)
		ends[line] = x + textWidth(label, small) + 6*v.px
		drawText(dst, label, small, x, cell.Y+24*v.px+float64(line)*lineH, v.theme.Muted, alignStart)
	}
}
