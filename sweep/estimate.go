package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"runtime"
	"strconv"
	"time"
)

// Forecast is an estimate of a sweep's (or a shard's) time and disk use,
// extrapolated from a pilot: a few of its own runs, timed and measured,
// whose results are then discarded.
type Forecast struct {
	Runs      int           // the shard's runs
	PilotRuns int           // runs the pilot finished
	PerRun    time.Duration // mean time of a pilot run, on one core
	// RunBytes is the mean number of bytes a pilot run would add to the
	// directory: its journal line, its rows of runs.csv and (about as
	// much) runs.parquet, of cascade_sizes.csv, and its series.
	RunBytes float64
	// ConditionBytes is the estimated size of a condition's row of
	// conditions.csv.
	ConditionBytes float64
	// Conditions is the number of conditions of the sweep.
	Conditions int
	// PlanBytes is the size of sweep.json.
	PlanBytes int
	// Partial is set when the first pilot run did not finish within the
	// pilot's time: PerRun is then a lower bound and RunBytes unknown (0).
	Partial bool
}

// Duration returns the estimated time of the runs on the given number of
// workers (as many at once as there are workers, cores and runs).
func (e *Forecast) Duration(workers int) time.Duration {
	par := max(1, min(workers, runtime.NumCPU(), e.Runs))
	return time.Duration(float64(e.PerRun) * float64(e.Runs) / float64(par))
}

// Bytes returns the estimated disk use of the runs, their conditions'
// rows and the plan (the figures, which do not grow with the runs, left
// out).
func (e *Forecast) Bytes() int64 {
	return int64(e.RunBytes*float64(e.Runs)+e.ConditionBytes*float64(e.Conditions)) + int64(e.PlanBytes)
}

// pilotRuns is the most runs a pilot times.
const pilotRuns = 5

// Pilot estimates the time and disk use of the plan's runs of shard from a
// pilot of at most five of them, spread evenly over the shard (its first
// run first), run one after another until budget is spent. The pilot
// writes nothing and its results are discarded: the sweep runs them again,
// so its output does not depend on the pilot. It loads the plan's base
// (Plan.Params) first.
func Pilot(ctx context.Context, p *Plan, shard Shard, budget time.Duration) (*Forecast, error) {
	e := &Forecast{Runs: shard.Count(p.Runs()), Conditions: p.NumConditions()}
	e.PlanBytes = len(marshalManifest(&Manifest{Format: manifestFormat, Hash: p.Hash(), Shard: shard, Runs: p.Runs(), Plan: p}))
	if e.Runs == 0 {
		return e, nil
	}
	if _, err := p.Params(0); err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	var w runner
	var took time.Duration
	var bytes float64
	n := min(pilotRuns, e.Runs)
	for k := range n {
		j := k * (e.Runs / n) // position among the shard's runs
		i := j
		if shard.N > 1 {
			i = shard.K + j*shard.N
		}
		if k > 0 && (pctx.Err() != nil || time.Duration(float64(took)/float64(k)*float64(k+1)) > budget) {
			break
		}
		r := p.Run(i)
		params, err := p.Params(r.Condition)
		if err != nil {
			return nil, err
		}
		start := time.Now()
		res, err := w.execute(pctx, p, r, params, p.Changes(r.Condition))
		if err != nil && pctx.Err() != nil && ctx.Err() == nil {
			if k == 0 {
				e.Partial, e.PerRun = true, budget
			}
			break
		}
		if err != nil {
			return nil, err
		}
		took += time.Since(start)
		line, err := w.encode(res)
		if err != nil {
			return nil, err
		}
		bytes += float64(len(line) + runBytes(p, r, res))
		e.ConditionBytes += float64(conditionBytes(p, r, res))
		e.PilotRuns++
	}
	if e.PilotRuns > 0 {
		e.PerRun = took / time.Duration(e.PilotRuns)
		e.RunBytes = bytes / float64(e.PilotRuns)
		e.ConditionBytes /= float64(e.PilotRuns)
	}
	return e, nil
}

// runBytes returns the bytes a run's rows take in the tables: runs.csv
// (counted twice, for runs.parquet), observed.csv (twice too, for
// observed.parquet), cascade_sizes.csv, and its series.
func runBytes(p *Plan, r RunInfo, res *Result) int {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(runRow(p, r, p.Condition(r.Condition), res.Headlines))
	w.Flush()
	n := 2 * b.Len()
	b.Reset()
	if res.Observed != nil { // observed.csv's row, and about as much for observed.parquet
		row := []string{strconv.Itoa(r.Index), strconv.Itoa(r.Condition), strconv.Itoa(r.Replicate), strconv.FormatUint(r.Seed, 10)}
		row = append(row, p.Condition(r.Condition)...)
		for _, v := range res.Observed {
			row = append(row, formatNum(v))
		}
		w.Write(row)
		w.Flush()
		n += 2 * b.Len()
		b.Reset()
	}
	for _, s := range res.Sizes {
		w.Write([]string{strconv.Itoa(r.Index), strconv.Itoa(r.Condition), strconv.FormatInt(s[0], 10), strconv.FormatInt(s[1], 10)})
	}
	w.Flush()
	n += b.Len()
	for _, t := range res.Ticks {
		n += len(t) + 1
	}
	return n
}

// conditionBytes estimates the size of the row of conditions.csv of a
// run's condition: its values, and for each headline a mean, a standard
// deviation and an interval, taken as wide as the run's value and at
// least ten characters.
func conditionBytes(p *Plan, r RunInfo, res *Result) int {
	n := len(strconv.Itoa(r.Condition)) + 8
	for _, v := range p.Condition(r.Condition) {
		n += len(v) + 1
	}
	for _, v := range res.Headlines {
		n += 4 * (max(len(formatNum(v)), 10) + 1)
	}
	return n
}

// runKeyRow appends the columns that name a run in runs.csv and
// observed.csv: index, condition, replicate, seed and the condition's
// values.
func runKeyRow(row []string, r RunInfo, values []string) []string {
	row = append(row, strconv.Itoa(r.Index), strconv.Itoa(r.Condition), strconv.Itoa(r.Replicate), strconv.FormatUint(r.Seed, 10))
	return append(row, values...)
}

// runRow returns a run's row of runs.csv: its key (runKeyRow), the
// headlines and the replay command.
func runRow(p *Plan, r RunInfo, values []string, headlines []float64) []string {
	row := runKeyRow(make([]string, 0, 5+len(values)+len(headlines)), r, values)
	for _, v := range headlines {
		row = append(row, formatNum(v))
	}
	return append(row, p.Command(r.Index))
}
