package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/observe"
	"github.com/escalation-model/escalation/output"
	"github.com/escalation-model/escalation/recipe"
	"github.com/escalation-model/escalation/scenario"
)

// runConfig is everything a run needs, resolved from the flags.
type runConfig struct {
	recipe recipe.Recipe
	sc     scenario.Scenario // the recipe's world
	out    string
	events bool
	plots  bool
	// observe are the observation settings given (--observe), obs the
	// settings they make.
	observe settingsFlag
	obs     observe.Config
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", "[--scenario NAME|FILE] [--seed N] [--ticks N] [--set key=value]... [--at TICK:key=value]... [--observe key=value]... [--out DIR] [--events]", stdout)
	var rf recipe.Flags
	rf.Define(fs.FlagSet)
	out := fs.String("out", "out", "output directory (replaced atomically when the run succeeds)")
	events := fs.Bool("events", false, "also write events.csv, one row per hostile act")
	plots := fs.Bool("plots", true, "write the plots (PNG and SVG)")
	quiet := fs.Bool("quiet", false, "print nothing on success")
	settings := defineObserve(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	obs, err := settings.config()
	if err != nil {
		return err
	}
	r, err := rf.Recipe()
	if err != nil {
		return usageError{err}
	}
	sc, err := r.Resolve(recipe.CommandLine)
	if err != nil {
		return usageError{err}
	}
	cfg := runConfig{recipe: r, sc: sc, out: *out, events: *events, plots: *plots, observe: *settings, obs: obs}
	start := time.Now()
	tot, err := execute(ctx, cfg)
	if err != nil {
		return err
	}
	if !*quiet {
		report(stdout, cfg, tot, time.Since(start))
	}
	return nil
}

// execute runs the model into a temporary directory and renames it into
// place only when everything has been written.
func execute(ctx context.Context, cfg runConfig) (model.Totals, error) {
	dir, err := output.CreateDir(cfg.out)
	if err != nil {
		return model.Totals{}, usageError{fmt.Errorf("--out %s: %w", cfg.out, err)}
	}
	ok := false
	defer func() {
		if !ok {
			dir.Abort()
		}
	}()
	rec, err := output.NewRecorder(dir.Path(""), cfg.events)
	if err != nil {
		return model.Totals{}, err
	}
	watch := observe.NewObserver(cfg.obs)
	m, err := model.New(cfg.sc.Params, cfg.recipe.Seed, output.Observers(rec, watch))
	if err != nil {
		rec.Close()
		return model.Totals{}, usageError{err}
	}
	watch.Attach(m.Actors())
	if err := drive(ctx, m, cfg, rec); err != nil {
		rec.Close()
		return model.Totals{}, err
	}
	tot := m.Finish()
	if err := rec.Close(); err != nil {
		return tot, err
	}
	if err := output.WriteActors(dir.Path("actors.csv"), m); err != nil {
		return tot, err
	}
	p := m.Params()
	sum := output.Summary{
		Scenario: cfg.sc.Name, Description: cfg.sc.Description, Seed: cfg.recipe.Seed, Version: version(),
		Ticks: p.Ticks, Command: cfg.command(), Params: p.Values(), Names: cfg.sc.Names.ByID(m.Actors()), Headlines: tot.Headlines(),
	}
	if err := output.WriteSummary(dir.Path(output.SummaryFile), sum); err != nil {
		return tot, err
	}
	record := watch.Finish(m.Tick())
	if err := observe.NewReport(&record, cfg.obs, nil, nil).WriteFile(dir.Path(output.ObservedFile)); err != nil {
		return tot, err
	}
	if cfg.plots {
		if err := output.PlotTicks(dir.Path("ticks.csv"), dir.Path("ticks")); err != nil {
			return tot, fmt.Errorf("plotting ticks: %w", err)
		}
		if err := output.PlotCCDF(rec.SizeCounts(), dir.Path("cascade_sizes")); err != nil {
			return tot, fmt.Errorf("plotting cascade sizes: %w", err)
		}
	}
	select {
	case <-ctx.Done():
		return tot, fmt.Errorf("interrupted: nothing written to %s", cfg.out)
	default:
	}
	if err := dir.Commit(); err != nil {
		return tot, err
	}
	ok = true
	return tot, nil
}

// drive runs every tick of the recipe's run, recording each, with its timed
// changes on their ticks (recipe.Driver).
func drive(ctx context.Context, m *model.Model, cfg runConfig, rec *output.Recorder) error {
	d, err := recipe.NewDriver(m, cfg.sc.Params.Ticks, cfg.recipe.At)
	if err != nil {
		return err
	}
	err = d.Run(ctx, rec.Tick)
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted at tick %d: nothing written to %s", m.Tick()-1, cfg.out)
	}
	return err
}

func report(w io.Writer, cfg runConfig, tot model.Totals, took time.Duration) {
	h := map[string]float64{}
	for _, x := range tot.Headlines() {
		h[x.Name] = x.Value
	}
	n := func(key, one, many string) string { return narrate.Count(int64(h[key]), one, many) } // "1 firm destroyed", "2 firms destroyed"
	fmt.Fprintf(w, "%s, seed %d, %s, %s: %s (%s, %s), %s (largest %.0f), %s, %s, peak tension %.3g\n",
		cfg.sc.Name, cfg.recipe.Seed, narrate.Count(int64(cfg.sc.Params.Ticks), "tick", "ticks"), narrate.Count(int64(cfg.sc.Params.Actors()), "actor", "actors"), n("acts", "act", "acts"), n("attacks", "attack", "attacks"),
		n("answers", "answer", "answers"), n("cascades", "cascade", "cascades"), h["max_cascade_size"],
		n("innocents_harmed", "innocent harmed", "innocents harmed"), n("firms_destroyed", "firm destroyed", "firms destroyed"), h["tension_peak"])
	switch cfg.sc.Name {
	case "p4x":
		fmt.Fprintf(w, "story: %s struck in %s; in %.0f of them a state struck across a border, and in %.0f two states struck each other (the essay's ending %s in this run)\n",
			given(cfg.sc, model.KindVigilante, "the vigilante"), n("vigilante_cascades", "cascade", "cascades"), h["vigilante_interstate_cascades"], h["vigilante_exchange_cascades"], happened(h["vigilante_interstate_cascades"] > 0))
	case "blue-security":
		fate := "survived"
		if h["hackbackers_destroyed"] > 0 {
			fate = "was destroyed, " + struck(h["hackbackers_struck_down"] > 0)
		}
		fmt.Fprintf(w, "story: %s, %s; %s %s (the essay's ending %s in this run)\n",
			n("hackbacks", "hack back", "hack backs"), narrate.Count(int64(tot.ByKind[model.ActCounterstrike]), "counter-strike", "counter-strikes"),
			given(cfg.sc, model.KindFirm, "the hack-backer"), fate, happened(h["hackbackers_destroyed"] > 0))
	}
	files := "actors.csv ticks.csv cascades.csv summary.json observed.json"
	if cfg.events {
		files += " events.csv"
	}
	if cfg.plots {
		files += " ticks.png/.svg cascade_sizes.png/.svg"
	}
	fmt.Fprintf(w, "wrote %s: %s (%.2fs)\nreplay: %s\n", cfg.out, files, took.Seconds(), cfg.command())
}

// command returns the command line that replays the run, observation
// settings included.
func (cfg runConfig) command() string { return cfg.recipe.Command() + cfg.observe.args() }

// given returns the name the scenario gives the first actor of kind k, or
// else.
func given(sc scenario.Scenario, k model.Kind, or string) string {
	if names := sc.Names[k]; len(names) > 0 {
		return names[0]
	}
	return or
}

func struck(b bool) string {
	if b {
		return "the last blow a counter-strike or retaliation"
	}
	return "not by a counter-strike or retaliation"
}

func happened(b bool) string {
	if b {
		return "happened"
	}
	return "did not happen"
}
