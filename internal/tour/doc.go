// Package tour is the page's guided tour: chapters that walk the reader
// through the essays' argument one preset at a time, each with a premise,
// a question to answer before the run, beats that pause the run at the
// story's moments, and the answer an experiment of docs/experiments.md
// found.
//
// The chapters are data (assets/tour/tour.toml, read by Parse, which
// refuses unknown keys and bad values with the line they are on). A
// chapter's run is given in the page's own address syntax and read by the
// page's parser (live.ParseQuery), so that it is exactly the run of that
// address: the tour never changes a run's numbers. Beats fire on events of
// the run (Event), at the first act that matches, never on a day number
// (Watch); Guide is the tour's state machine, plain Go, which the front
// end drives.
package tour
