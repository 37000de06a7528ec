package output

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
)

// writeTicks writes a ticks.csv of the given rows into dir and returns its
// path.
func writeTicks(t *testing.T, dir string, rows []model.TickStats) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(strings.Join(TickColumns(), ",") + "\n")
	for i := range rows {
		b.Write(AppendTickRow(nil, &rows[i]))
		b.WriteByte('\n')
	}
	path := filepath.Join(dir, TicksFile)
	if err := os.WriteFile(path, b.Bytes(), 0o666); err != nil {
		t.Fatal(err)
	}
	return path
}

// svgText returns the text of an SVG figure, for checking what it says.
func svgText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A share with no firm damage to divide is undefined (NaN) in its bin, not
// zero; a bin with firm damage keeps its weighted share.
func TestTickBinsShareUndefined(t *testing.T) {
	rows := []model.TickStats{
		{Tick: 0},
		{Tick: 1, DamageFirms: 2, DamagePoor: 0.5},
		{Tick: 2, DamageFirms: 1},
	}
	data, err := tickBins(writeTicks(t, t.TempDir(), rows), []string{"damage_below_poverty_share"})
	if err != nil {
		t.Fatal(err)
	}
	got := data.ys[0]
	if !math.IsNaN(got[0]) || got[1] != 0.25 || got[2] != 0 {
		t.Errorf("shares %v, want [NaN 0.25 0]", got)
	}
}

// A panel whose series are zero or undefined on every day is left out and
// named in the footnote; a series equal to the one before it is drawn once
// with a legend that says so; the others are drawn.
func TestPlotTicksShowsWhatTheRunHas(t *testing.T) {
	dir := t.TempDir()
	var rows []model.TickStats
	for i := range 30 {
		n := int64(i % 3)
		rows = append(rows, model.TickStats{Tick: i, Attacks: n + 1, Detected: n, Misattributed: n, OpenCascades: n})
	}
	base := filepath.Join(dir, "ticks")
	if err := PlotTicks(writeTicks(t, dir, rows), base); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, base+".png")
	svg := svgText(t, base+".svg")
	for _, want := range []string{
		"Hostile acts launched", "Detection and attribution", "Cascades open to answers",
		"detected = misattributed (equal on every day)",
		"Left out, zero or undefined on every day of the run: innocents harmed; damage; firms&#39; damage below the security poverty line; tension between states (Richardson); escalation beyond the private sphere.",
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("ticks.svg does not say %q", want)
		}
	}
	if strings.Contains(svg, ">misattributed<") {
		t.Error("ticks.svg draws misattributed apart although it equals detected on every day")
	}
}

// A run where nothing happened says so instead of drawing flat lines.
func TestPlotTicksNothing(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "ticks")
	if err := PlotTicks(writeTicks(t, dir, []model.TickStats{{Tick: 0}, {Tick: 1}}), base); err != nil {
		t.Fatal(err)
	}
	if svg := svgText(t, base+".svg"); !strings.Contains(svg, "Nothing happened in this run") {
		t.Error("an empty run's ticks.svg does not say nothing happened")
	}
}

// The CCDF is drawn from at least figure.MinCCDFSizes distinct sizes and
// figure.MinCCDFCascades cascades; fewer are listed by size instead.
func TestPlotCCDFTooFew(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		sizes map[int64]int64
		want  []string
	}{
		{nil, []string{"No cascade closed during the run"}},
		{map[int64]int64{1: 409, 2: 10, 3: 1}, []string{"too few to draw a distribution", "420 closed cascades of 3 distinct sizes", "1 act: 409 cascades", "3 acts: 1 cascade<"}},
		{map[int64]int64{1: 3, 2: 2, 3: 1, 4: 1, 7: 1}, []string{"too few to draw a distribution", "8 closed cascades of 5 distinct sizes"}},
		{map[int64]int64{1: 20, 2: 5, 3: 2, 4: 1, 7: 1}, []string{"the share of the 29 closed cascades", "guide: slope"}},
	}
	for i, c := range cases {
		base := filepath.Join(dir, "ccdf"+string(rune('a'+i)))
		if err := PlotCCDF(c.sizes, base); err != nil {
			t.Fatal(err)
		}
		svg := svgText(t, base+".svg")
		for _, w := range c.want {
			if !strings.Contains(svg, w) {
				t.Errorf("sizes %v: cascade_sizes.svg does not say %q", c.sizes, w)
			}
		}
	}
}

// A run in which nothing happens for the last half or more is drawn up to
// a few days after its last event, and a footnote says which days are not
// drawn; a run busy to the end is drawn whole.
func TestPlotTicksQuietTail(t *testing.T) {
	dir := t.TempDir()
	var rows []model.TickStats
	for i := range 100 {
		s := model.TickStats{Tick: i}
		if i < 10 {
			s.Attacks = 1
		}
		rows = append(rows, s)
	}
	path := writeTicks(t, dir, rows)
	data, err := tickBins(path, []string{"attacks"})
	if err != nil {
		t.Fatal(err)
	}
	first, ok := data.trimQuietTail()
	if !ok || first != 13 || data.last != 12 || len(data.xs) != 13 || len(data.ys[0]) != 13 {
		t.Errorf("trimmed from day %d (%v): last %v, %d points", first, ok, data.last, len(data.xs))
	}
	base := filepath.Join(dir, "ticks")
	if err := PlotTicks(path, base); err != nil {
		t.Fatal(err)
	}
	if svg := svgText(t, base+".svg"); !strings.Contains(svg, "Not drawn: days 13 to 99, on which every series is zero (or undefined).") {
		t.Error("ticks.svg does not say which quiet days it leaves out")
	}
	rows[60].Attacks = 1
	data, _ = tickBins(writeTicks(t, dir, rows), []string{"attacks"})
	if _, ok := data.trimQuietTail(); ok || data.last != 99 {
		t.Errorf("a run active past its middle was cut at %v", data.last)
	}
}
