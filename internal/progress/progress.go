// Package progress reports the progress of a batch of runs: a live bar with
// runs done, rate and time left when the output is a terminal, and a plain
// line every few seconds when it is not (a log file, a Slurm job's output).
package progress

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Reporter shows the progress of a batch of runs. Its methods are called
// from one goroutine at a time.
type Reporter struct {
	label   string
	w       io.Writer
	bar     *progressbar.ProgressBar // nil when w is not a terminal
	start   time.Time
	base    int // runs already done when the reporter started (resumed)
	total   int
	last    time.Time
	every   time.Duration
	printed bool
}

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// New returns a reporter for total runs of which done are already done,
// writing to w: a progress bar when w is a terminal, else a line every
// every (10 s when zero) and at the end.
func New(w io.Writer, label string, done, total int, every time.Duration) *Reporter {
	if every <= 0 {
		every = 10 * time.Second
	}
	r := &Reporter{label: label, w: w, start: time.Now(), base: done, total: total, every: every}
	r.last = r.start
	if IsTerminal(w) && total > done {
		desc := label
		if done > 0 {
			desc = fmt.Sprintf("%s (%d resumed)", label, done)
		}
		// The whole line when the terminal says how wide it is, else a
		// bar of 30 characters.
		width := progressbar.OptionSetWidth(30)
		if cols, _, err := term.GetSize(int(w.(*os.File).Fd())); err == nil && cols >= 80 {
			width = progressbar.OptionFullWidth()
		}
		r.bar = progressbar.NewOptions(total-done,
			width,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(desc),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("runs"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return r
}

// Update records that done of the total runs are done.
func (r *Reporter) Update(done int) {
	if r.bar != nil {
		r.bar.Set(done - r.base)
		return
	}
	if now := time.Now(); now.Sub(r.last) >= r.every {
		r.last = now
		fmt.Fprintln(r.w, r.Line(done, now))
		r.printed = true
	}
}

// Line describes the progress in words: runs done, share, rate and the
// time left.
func (r *Reporter) Line(done int, now time.Time) string {
	el := now.Sub(r.start).Seconds()
	pct := 100.0
	if r.total > 0 {
		pct = 100 * float64(done) / float64(r.total)
	}
	s := fmt.Sprintf("%s: %d/%d runs (%.0f%%)", r.label, done, r.total, pct)
	ran := done - r.base
	if ran > 0 && el > 0 {
		rate := float64(ran) / el
		left := time.Duration(float64(r.total-done) / rate * float64(time.Second)).Round(time.Second)
		s += fmt.Sprintf(", %.3g runs/s, %s left", rate, left)
	}
	return s
}

// Finish ends the report: it clears the bar, or prints a last line if
// lines were printed.
func (r *Reporter) Finish(done int) {
	if r.bar != nil {
		r.bar.Finish()
		return
	}
	if r.printed {
		fmt.Fprintln(r.w, r.Line(done, time.Now()))
	}
}
