package sweep

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/observe"
	"github.com/escalation-model/escalation/output"
	"github.com/escalation-model/escalation/recipe"
)

// Result is what a sweep keeps of one run: one line of the journal.
type Result struct {
	Index int    `json:"index"`
	Seed  uint64 `json:"seed"`
	// Headlines are the run's headline figures, in the plan's Headlines order.
	Headlines []float64 `json:"headlines"`
	// Sizes is the run's distribution of closed cascade sizes, (size,
	// number of cascades) by increasing size; kept when the plan keeps
	// cascade sizes.
	Sizes [][2]int64 `json:"sizes,omitempty"`
	// Ticks are the run's ticks.csv rows (output.AppendTickRow), kept when
	// the plan keeps series.
	Ticks []string `json:"ticks,omitempty"`
	// Observed are the pattern statistics of the run's observed record
	// (observe.Compute, in the order of observe.Statistics; NaN, written
	// null, when undefined), kept when the plan keeps them.
	Observed ObservedStats `json:"observed,omitempty"`
}

// sizeObserver counts closed cascades by size, when on, and passes the
// acts on to the observation model, when there is one.
type sizeObserver struct {
	on    bool
	sizes map[int64]int64
	watch *observe.Observer // nil when the plan keeps no observed statistics
}

func (o *sizeObserver) Act(a *model.Act) {
	if o.watch != nil {
		o.watch.Act(a)
	}
}

func (o *sizeObserver) Cascade(c *model.CascadeRecord) {
	if o.on && c.Closed {
		o.sizes[c.Size]++
	}
}

// runner executes one worker's runs, one after another, reusing one model,
// one driver, one size counter, one observer and one journal line for all
// of them.
type runner struct {
	model *model.Model
	drive recipe.Driver
	obs   sizeObserver
	watch *observe.Observer // made on the first run that keeps observed statistics
	cfg   observe.Config    // its settings, those of the plan cfgOf
	cfgOf *Plan
	line  bytes.Buffer
	enc   *json.Encoder // writes to line
}

// execute runs one run as `escalate run` does (model.New, every tick with
// its timed changes at by recipe.Driver, Finish) and keeps what the plan
// asks for. The model is the runner's, reset for the run
// (model.Model.Reset), which runs exactly as a new one.
func (w *runner) execute(ctx context.Context, p *Plan, r RunInfo, params model.Params, at []recipe.Change) (*Result, error) {
	obs := &w.obs
	obs.on = p.Outputs.CascadeSizes
	if obs.sizes == nil {
		obs.sizes = make(map[int64]int64)
	}
	clear(obs.sizes)
	if w.model == nil {
		w.model = new(model.Model)
	}
	m := w.model
	if err := w.resetWatch(p); err != nil {
		return nil, err
	}
	if err := m.Reset(params, r.Seed, obs); err != nil {
		return nil, err
	}
	if obs.watch != nil {
		obs.watch.Attach(m.Actors())
	}
	res := &Result{Index: r.Index, Seed: r.Seed}
	var row []byte
	if p.Outputs.Series {
		res.Ticks = make([]string, 0, params.Ticks)
		row = make([]byte, 0, 512)
	}
	if err := w.drive.Reset(m, params.Ticks, at); err != nil {
		return nil, err
	}
	var each func(s *model.TickStats)
	if p.Outputs.Series {
		each = func(s *model.TickStats) {
			row = output.AppendTickRow(row[:0], s)
			res.Ticks = append(res.Ticks, string(row))
		}
	}
	if err := w.drive.Run(ctx, each); err != nil {
		return nil, err
	}
	tot := m.Finish()
	hs := tot.Headlines()
	if len(hs) != len(p.Headlines) {
		return nil, fmt.Errorf("sweep: the model has %d headline metrics, the plan %d (was sweep.json written by another version?)", len(hs), len(p.Headlines))
	}
	res.Headlines = make([]float64, len(hs))
	for i, h := range hs {
		res.Headlines[i] = h.Value
	}
	if obs.watch != nil {
		rec := obs.watch.Finish(m.Tick())
		res.Observed = ObservedStats(observe.Compute(&rec, w.cfg.ReplyWindow))
	}
	if obs.on {
		res.Sizes = make([][2]int64, 0, len(obs.sizes))
		for n, c := range obs.sizes {
			res.Sizes = append(res.Sizes, [2]int64{n, c})
		}
		slices.SortFunc(res.Sizes, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
	}
	return res, nil
}

// resetWatch readies the observation model for a run of plan p: the
// runner's observer, reset with the plan's settings, when p keeps observed
// statistics; none otherwise.
func (w *runner) resetWatch(p *Plan) error {
	w.obs.watch = nil
	if !p.Outputs.Observed {
		return nil
	}
	if w.cfgOf != p {
		cfg, err := p.ObserveConfig()
		if err != nil {
			return err
		}
		w.cfg, w.cfgOf = cfg, p
	}
	if w.watch == nil {
		w.watch = observe.NewObserver(w.cfg)
	}
	w.watch.Reset(w.cfg)
	w.obs.watch = w.watch
	return nil
}

// encode returns res's journal line, ending in a newline (json.Marshal's
// bytes and '\n'), in the runner's buffer: valid until the next call.
func (w *runner) encode(res *Result) ([]byte, error) {
	if w.enc == nil {
		w.enc = json.NewEncoder(&w.line)
	}
	w.line.Reset()
	if err := w.enc.Encode(res); err != nil {
		return nil, fmt.Errorf("sweep: encoding run %d: %w", res.Index, err)
	}
	return w.line.Bytes(), nil
}
