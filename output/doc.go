// Package output writes a run's files: ticks.csv, cascades.csv, events.csv,
// actors.csv and summary.json, the plots drawn from them, and plain-language
// stories of single cascades. The file formats are documented column by
// column in docs/data.md; they are a contract other tools depend on.
//
// Every column is defined once, in the column registries of package model
// (model.TickColumns, model.CascadeColumns, model.EventColumns,
// model.ActorColumns, model.HeadlineColumns): the headers and rows (through
// package csvfmt), the readers (csvfmt.Reader) and the generated column
// tables of docs/data.md and docs/ODD.md (CodebookBlocks) derive from them.
//
// Every table is comma-separated with a header row, integers for ids and
// intensities, true/false for booleans, and floats formatted with
// strconv.FormatFloat(v, 'g', -1, 64), so that two runs with the same seed
// and parameters produce byte-identical files.
//
// A run's files are written into a Dir, which appears at its final path
// only when the run commits it, and streamed through a Recorder, whose
// memory does not grow with the number of ticks or acts.
package output
