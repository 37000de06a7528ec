package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/escalation-model/escalation/internal/progress"
	"github.com/escalation-model/escalation/internal/tomlpos"
	"github.com/escalation-model/escalation/sweep"
)

// batch is what the batch verbs (sweep, experiment, sensitivity) share:
// the progress of their runs on stderr, one report per stage (a sweep, or
// an experiment's spec) and none with --quiet, and the sorting of their
// errors (see batchError).
type batch struct {
	stderr io.Writer
	quiet  bool
	// begin, when set, is called as a stage's report starts, with the
	// runs already done (resumed) and the stage's total.
	begin func(stage string, done, total int)
	every time.Duration // between plain progress lines; 0 means 10 s

	bar   *progress.Reporter
	stage string
	done  int
}

// progress returns the callback that reports a stage's runs, to give as
// a Progress option; nil with --quiet.
func (b *batch) progress(stage string) func(done, total int) {
	if b.quiet {
		return nil
	}
	return func(done, total int) { b.update(stage, done, total) }
}

// update reports that done of the stage's total runs are done. A stage
// other than the current one ends the current one's report first.
func (b *batch) update(stage string, done, total int) {
	if b.bar == nil || stage != b.stage {
		b.finish()
		if b.begin != nil {
			b.begin(stage, done, total)
		}
		b.stage = stage
		b.bar = progress.New(b.stderr, stage, done, total, b.every)
	}
	b.done = done
	b.bar.Update(done)
}

// finish ends the current stage's report, if any, at the runs last
// reported done.
func (b *batch) finish() {
	if b.bar != nil {
		b.bar.Finish(b.done)
		b.bar = nil
	}
}

// batchError sorts a batch verb's error: a mistake in the output
// directory or the spec is bad input (exit status 2), an interruption says
// how to resume, anything else is a failure.
func batchError(err error) error {
	var de *sweep.DirError
	var se *tomlpos.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &de), errors.As(err, &se):
		return usageError{err}
	case errors.Is(err, sweep.ErrInterrupted):
		return fmt.Errorf("%w; rerun the same command to resume", err)
	}
	return err
}
