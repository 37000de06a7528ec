package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/escalation-model/escalation/internal/tomlpos"
	"github.com/escalation-model/escalation/sweep"
)

// A batch reports one stage at a time, announces each stage once, ends
// a stage's report at the runs it last reported done, and is silent
// with --quiet.
func TestBatchProgress(t *testing.T) {
	var out bytes.Buffer
	var begun []string
	b := &batch{stderr: &out, every: time.Nanosecond, begin: func(stage string, done, total int) {
		begun = append(begun, fmt.Sprintf("%s %d/%d", stage, done, total))
	}}
	first := b.progress("one")
	first(2, 5)
	first(3, 5)
	b.update("two", 0, 4) // a new stage ends the first at 3 of 5
	b.update("two", 1, 4)
	b.finish()
	b.finish() // nothing left to end
	if want := []string{"one 2/5", "two 0/4"}; fmt.Sprint(begun) != fmt.Sprint(want) {
		t.Errorf("stages begun %v, want %v", begun, want)
	}
	lastOf := func(stage string) string {
		last := ""
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(l, stage+": ") {
				last = l
			}
		}
		return last
	}
	if l := lastOf("one"); !strings.HasPrefix(l, "one: 3/5 runs (60%)") {
		t.Errorf("stage one ended with %q, want 3/5 runs:\n%s", l, out.String())
	}
	if l := lastOf("two"); !strings.HasPrefix(l, "two: 1/4 runs (25%)") {
		t.Errorf("stage two ended with %q, want 1/4 runs:\n%s", l, out.String())
	}

	quiet := &batch{stderr: &out, quiet: true}
	if quiet.progress("one") != nil {
		t.Error("a quiet batch reports progress")
	}
}

// A batch's errors: the directory's or the spec's mistakes are bad input,
// an interruption says how to resume, anything else is a failure.
func TestBatchError(t *testing.T) {
	if batchError(nil) != nil {
		t.Error("no error became one")
	}
	for _, err := range []error{
		&sweep.DirError{Dir: "out", Msg: "holds a sweep of another spec"},
		fmt.Errorf("run 3: %w", &tomlpos.Error{Source: "spec.toml", Line: 4, Msg: "bad"}),
	} {
		got := batchError(err)
		if !errors.As(got, new(usageError)) || got.Error() != err.Error() {
			t.Errorf("%v: got %v (%T), want bad input with the same text", err, got, got)
		}
	}
	got := batchError(fmt.Errorf("%w: 3 of 9 runs done", sweep.ErrInterrupted))
	if errors.As(got, new(usageError)) || !errors.Is(got, sweep.ErrInterrupted) || !strings.HasSuffix(got.Error(), "; rerun the same command to resume") {
		t.Errorf("interrupted: %v", got)
	}
	other := errors.New("disk full")
	if got := batchError(other); got != other {
		t.Errorf("a failure became %v", got)
	}
}
