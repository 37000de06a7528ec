package output

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// bufSize is each table's write buffer.
const bufSize = 256 << 10

// table is one CSV file being streamed.
type table struct {
	f *os.File
	w *bufio.Writer
}

// Recorder streams a run's tables: ticks.csv, cascades.csv and, when asked,
// events.csv. It implements model.Observer for acts and cascades and takes
// each tick's stats through Tick. Its memory is bounded by its write buffers
// and a histogram of closed cascade sizes; it does not grow with the number
// of ticks or acts. A Recorder is not safe for concurrent use.
//
// Write errors do not stop the run: the first one is kept, later writes are
// skipped, and Close returns it.
type Recorder struct {
	ticks, cascades, events *table
	tickRows                *csvfmt.Table[model.TickStats]
	cascadeRows             *csvfmt.Table[model.CascadeRecord]
	eventRows               *csvfmt.Table[model.Act]
	row                     []byte // scratch row, reused
	sizes                   map[int64]int64
	err                     error
	closed                  bool
}

var _ model.Observer = (*Recorder)(nil)

// NewRecorder creates ticks.csv and cascades.csv (and events.csv when
// events is true) in dir, which must exist, and writes their headers.
func NewRecorder(dir string, events bool) (*Recorder, error) {
	r := &Recorder{row: make([]byte, 0, 1024), sizes: make(map[int64]int64),
		tickRows: csvfmt.Ticks(), cascadeRows: csvfmt.Cascades(), eventRows: csvfmt.Events()}
	var err error
	if r.ticks, err = openTable(dir, TicksFile, r.tickRows.AppendHeader(nil)); err != nil {
		return nil, err
	}
	if r.cascades, err = openTable(dir, CascadesFile, r.cascadeRows.AppendHeader(nil)); err != nil {
		r.ticks.f.Close()
		return nil, err
	}
	if events {
		if r.events, err = openTable(dir, EventsFile, r.eventRows.AppendHeader(nil)); err != nil {
			r.ticks.f.Close()
			r.cascades.f.Close()
			return nil, err
		}
	}
	return r, nil
}

// openTable creates the named file in dir and writes the header row.
func openTable(dir, name string, header []byte) (*table, error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	t := &table{f: f, w: bufio.NewWriterSize(f, bufSize)}
	t.w.Write(header)
	t.w.WriteByte('\n')
	return t, nil
}

// put writes r.row and a newline to t, remembering the first error.
func (r *Recorder) put(t *table) {
	if r.err != nil || r.closed {
		return
	}
	r.row = append(r.row, '\n')
	if _, err := t.w.Write(r.row); err != nil {
		r.err = fmt.Errorf("writing %s: %w", filepath.Base(t.f.Name()), err)
	}
}

// Act writes the act's row to events.csv (when the Recorder records events).
func (r *Recorder) Act(a *model.Act) {
	if r.events == nil {
		return
	}
	r.row = r.eventRows.AppendRow(r.row[:0], a)
	r.put(r.events)
}

// Cascade writes the cascade's row to cascades.csv and, if it is closed,
// counts its size in the histogram SizeCounts returns.
func (r *Recorder) Cascade(c *model.CascadeRecord) {
	if c.Closed {
		r.sizes[c.Size]++
	}
	r.row = r.cascadeRows.AppendRow(r.row[:0], c)
	r.put(r.cascades)
}

// Tick writes the tick's row to ticks.csv.
func (r *Recorder) Tick(s *model.TickStats) {
	r.row = r.tickRows.AppendRow(r.row[:0], s)
	r.put(r.ticks)
}

// SizeCounts returns the histogram of closed cascades' sizes seen so far:
// size (acts) -> number of cascades. Open cascades reported by
// model.Model.Finish are not counted. The map is a copy.
func (r *Recorder) SizeCounts() map[int64]int64 {
	out := make(map[int64]int64, len(r.sizes))
	for k, v := range r.sizes {
		out[k] = v
	}
	return out
}

// Err returns the first write error seen so far, or nil.
func (r *Recorder) Err() error { return r.err }

// Close flushes and closes the files and returns the first error seen while
// writing, flushing or closing them. Calling it again returns nil.
func (r *Recorder) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	errs := []error{r.err}
	for _, t := range []*table{r.ticks, r.cascades, r.events} {
		if t == nil {
			continue
		}
		if err := t.w.Flush(); err != nil {
			errs = append(errs, fmt.Errorf("writing %s: %w", filepath.Base(t.f.Name()), err))
		}
		if err := t.f.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Observers returns an observer that passes every act and cascade to each
// of obs in turn, in order.
func Observers(obs ...model.Observer) model.Observer { return observers(obs) }

type observers []model.Observer

func (o observers) Act(a *model.Act) {
	for _, x := range o {
		x.Act(a)
	}
}

func (o observers) Cascade(c *model.CascadeRecord) {
	for _, x := range o {
		x.Cascade(c)
	}
}
