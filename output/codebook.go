package output

import (
	"fmt"
	"strings"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/observe"
)

// The generated parts of the codebooks (docs/data.md and section 11 of
// docs/ODD.md) sit between two markers,
//
//	<!-- generated: KEY -->
//	...
//	<!-- end generated: KEY -->
//
// and are rewritten from the column registries of package model by
// go test ./output -run TestDataDoc -update; the prose around them is
// written by hand.
const (
	generatedOpen  = "<!-- generated: "
	generatedClose = "<!-- end generated: "
	markerEnd      = " -->"
)

// CodebookBlock is one generated part of a codebook: a key naming it in
// its markers, and its Markdown text.
type CodebookBlock struct {
	Key  string
	Text string
}

// CodebookBlocks returns the generated parts of the codebooks: one table
// of columns per output table, keyed by its file name, the table of
// headline figures, keyed "headlines", the pattern statistics of
// observed.json, keyed by its name, and the observation settings, keyed
// "observation".
func CodebookBlocks() []CodebookBlock {
	return []CodebookBlock{
		{TicksFile, ColumnsMarkdown(model.TickColumns())},
		{CascadesFile, ColumnsMarkdown(model.CascadeColumns())},
		{EventsFile, ColumnsMarkdown(model.EventColumns())},
		{ActorsFile, ColumnsMarkdown(model.ActorColumns())},
		{"headlines", HeadlinesMarkdown(model.HeadlineColumns())},
		{ObservedFile, observe.StatisticsMarkdown()},
		{"observation", observe.SettingsMarkdown()},
	}
}

// ColumnsMarkdown returns the Markdown table that documents a table's
// columns, one row per column in order: name, type, unit, meaning.
func ColumnsMarkdown[R any](cols model.Columns[R]) string {
	var b strings.Builder
	b.WriteString("| column | type | unit | meaning |\n|---|---|---|---|\n")
	for _, c := range cols {
		markdownRow(&b, "`"+c.Name+"`", c.Type.String(), c.Unit, c.Meaning)
	}
	return b.String()
}

// HeadlinesMarkdown returns the Markdown table that documents the headline
// figures: name, unit, meaning.
func HeadlinesMarkdown(cols model.Columns[model.Totals]) string {
	var b strings.Builder
	b.WriteString("| headline | unit | meaning |\n|---|---|---|\n")
	for _, c := range cols {
		markdownRow(&b, "`"+c.Name+"`", c.Unit, c.Meaning)
	}
	return b.String()
}

// markdownRow writes one table row; an empty cell is written as "| |".
func markdownRow(b *strings.Builder, cells ...string) {
	b.WriteString("|")
	for _, c := range cells {
		if c != "" {
			b.WriteString(" " + c)
		}
		b.WriteString(" |")
	}
	b.WriteString("\n")
}

// FillCodebook returns doc with every generated part it holds replaced by
// the block of the same key. It fails on a marker without its end, on a
// key no block has, and when doc holds none of the blocks.
func FillCodebook(doc string, blocks []CodebookBlock) (string, error) {
	text := make(map[string]string, len(blocks))
	for _, bl := range blocks {
		text[bl.Key] = bl.Text
	}
	var out strings.Builder
	filled := 0
	for {
		i := strings.Index(doc, generatedOpen)
		if i < 0 {
			break
		}
		keyEnd := strings.Index(doc[i:], markerEnd)
		if keyEnd < 0 {
			return "", fmt.Errorf("a %q marker is not closed by %q", generatedOpen, markerEnd)
		}
		key := doc[i+len(generatedOpen) : i+keyEnd]
		body := i + keyEnd + len(markerEnd)
		closing := generatedClose + key + markerEnd
		j := strings.Index(doc[body:], closing)
		if j < 0 {
			return "", fmt.Errorf("generated part %q has no end marker %q", key, closing)
		}
		t, ok := text[key]
		if !ok {
			return "", fmt.Errorf("generated part %q: no such block (the blocks are %s)", key, blockKeys(blocks))
		}
		out.WriteString(doc[:body])
		out.WriteString("\n" + t)
		out.WriteString(closing)
		doc = doc[body+j+len(closing):]
		filled++
	}
	if filled == 0 {
		return "", fmt.Errorf("no generated parts (markers %q KEY %q)", generatedOpen, markerEnd)
	}
	out.WriteString(doc)
	return out.String(), nil
}

func blockKeys(blocks []CodebookBlock) string {
	keys := make([]string, len(blocks))
	for i, bl := range blocks {
		keys[i] = bl.Key
	}
	return strings.Join(keys, ", ")
}
