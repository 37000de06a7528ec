package sweep

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/recipe"
)

// Options configure Run.
type Options struct {
	Dir     string // the sweep's directory (created, or resumed when it holds the same sweep)
	Workers int    // runs at once; 0 means GOMAXPROCS
	Shard   Shard  // the runs to do; the zero value means all
	Version string // program version recorded in sweep.json
	// Progress, when set, is called with the number of the shard's runs done
	// (those found in the journal included) and the shard's total: once
	// before the first run and after every run. It is called from one
	// goroutine at a time.
	Progress func(done, total int)
	// GCPercent, when positive, sets the garbage collector's target
	// percentage (debug.SetGCPercent) while the runs execute, and restores
	// it after. Workers reuse their models, so a run allocates only its
	// result, but at Go's default (100) the collector still starts during
	// the runs and, with every core running a worker, takes its time from
	// them; DefaultGCPercent trades a few megabytes for that time.
	GCPercent int
}

// DefaultGCPercent is the collector setting escalate sweep runs with when
// the GOGC environment variable is not set.
const DefaultGCPercent = 400

// Report says what Run did.
type Report struct {
	Dir     string
	Total   int           // runs in the shard
	Resumed int           // runs found in the journal on start
	Ran     int           // runs executed by this call
	Elapsed time.Duration // time spent running
	Dropped bool          // a torn last journal line was dropped
	Version string        // version that started the sweep, when it differs from Options.Version
	Build   *BuildReport  // tables and figures written; nil for a shard of several
}

// ErrInterrupted is returned (wrapped) by Run when its context is cancelled:
// the finished runs are in the journal and running the sweep again resumes.
var ErrInterrupted = errors.New("interrupted")

// Run executes the plan's runs of opt.Shard that the directory's journal
// does not already hold, with opt.Workers workers, appending each finished
// run to the journal; then, when the shard is the whole sweep, it writes
// the tables and figures (Build). Each run has its own generator, seeded by
// its index alone, and a model as new (each worker resets one model for
// each of its runs), so the results do not depend on the workers.
func Run(ctx context.Context, p *Plan, opt Options) (*Report, error) {
	if opt.Shard.N > 0 && (opt.Shard.K < 0 || opt.Shard.K >= opt.Shard.N) {
		return nil, fmt.Errorf("sweep: shard %d/%d out of range", opt.Shard.K, opt.Shard.N)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if _, err := p.Params(0); err != nil { // loads the base once, before the workers share it
		return nil, err
	}
	m, _, err := prepareDir(opt.Dir, p, opt.Shard, opt.Version)
	if err != nil {
		return nil, err
	}
	rep := &Report{Dir: opt.Dir, Total: opt.Shard.Count(p.Runs())}
	if m.Version != opt.Version {
		rep.Version = m.Version
	}
	runs := p.Runs()
	done := newBitset(runs)
	jpath := filepath.Join(opt.Dir, JournalFile)
	good, torn, err := scanJournal(jpath, func(_ int64, _ []byte, h lineHead) error {
		i := *h.Index
		if i < 0 || i >= runs || !opt.Shard.Has(i) {
			return &DirError{Dir: opt.Dir, Msg: fmt.Sprintf("%s holds run %d, which is not in shard %s of this sweep", JournalFile, i, opt.Shard)}
		}
		if *h.Seed != p.Run(i).Seed {
			return &DirError{Dir: opt.Dir, Msg: fmt.Sprintf("%s holds run %d with seed %d, but the plan gives it seed %d", JournalFile, i, *h.Seed, p.Run(i).Seed)}
		}
		if !done.has(i) {
			done.add(i)
			rep.Resumed++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep.Dropped = torn
	jw, err := openJournalWriter(jpath, good)
	if err != nil {
		return nil, err
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(int, int) {}
	}
	count := rep.Resumed
	progress(count, rep.Total)
	if opt.GCPercent > 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(opt.GCPercent))
	}
	start := time.Now()
	if count < rep.Total {
		err = runPending(ctx, p, opt.Shard, workers, done, jw, func() {
			count++
			rep.Ran++
			progress(count, rep.Total)
		})
	}
	rep.Elapsed = time.Since(start)
	if cerr := jw.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return rep, err
	}
	if ctx.Err() != nil {
		return rep, fmt.Errorf("%w: %d of %s done and kept in %s", ErrInterrupted, count, narrate.Count(int64(rep.Total), "run", "runs"), jpath)
	}
	if opt.Shard.N <= 1 {
		if rep.Build, err = build(opt.Dir, m, []string{opt.Dir}); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// runPending runs the shard's runs not in done with the given number of
// workers and appends each result to the journal as it arrives, calling
// finished after each. It stops early, without error, when ctx is done.
//
// Workers share only a counter, from which each takes the next run number,
// and a lock held while a line is written: once per run, never per tick.
func runPending(ctx context.Context, p *Plan, shard Shard, workers int, done bitset, jw *journalWriter, finished func()) error {
	g, gctx := errgroup.WithContext(ctx)
	var next atomic.Int64 // the next run number to take
	var mu sync.Mutex     // held to append to jw and call finished
	for range workers {
		g.Go(func() error {
			// Runs are taken in index order, so a worker sees a
			// condition's replicates together: build its parameters once.
			cond := -1
			var params model.Params
			var at []recipe.Change
			var w runner
			for gctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= p.Runs() {
					return nil
				}
				if !shard.Has(i) || done.has(i) {
					continue
				}
				r := p.Run(i)
				if r.Condition != cond {
					var err error
					if params, err = p.Params(r.Condition); err != nil {
						return fmt.Errorf("run %d: %w", i, err)
					}
					at = p.Changes(r.Condition)
					cond = r.Condition
				}
				res, err := w.execute(gctx, p, r, params, at)
				if err != nil {
					if gctx.Err() != nil {
						return nil // interrupted, or another worker failed
					}
					return fmt.Errorf("run %d: %w", i, err)
				}
				line, err := w.encode(res)
				if err != nil {
					return err
				}
				mu.Lock()
				err = jw.append(line)
				if err == nil {
					finished()
				}
				mu.Unlock()
				if err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}
