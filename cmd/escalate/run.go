package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output"
	"github.com/escalation-model/escalation/scenario"
)

// intervention is a parameter change scheduled at a tick (--at).
type intervention struct {
	tick  int
	key   string
	value string
	flag  string
}

// runConfig is everything a run needs, resolved from the flags.
type runConfig struct {
	sc      scenario.Scenario
	seed    uint64
	sets    []string
	at      []intervention
	out     string
	events  bool
	plots   bool
	command string
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", "[--scenario NAME|FILE] [--seed N] [--ticks N] [--set key=value]... [--at TICK:key=value]... [--out DIR] [--events]", stdout)
	scen := fs.String("scenario", scenario.Default, "scenario preset name (see escalate scenarios) or TOML file")
	seedText := fs.String("seed", "1", "random seed (unsigned 64-bit integer); the same seed and parameters give byte-identical output")
	ticks := fs.Int("ticks", 0, "number of ticks (days) to run; 0 keeps the scenario's ticks")
	var sets, ats multiFlag
	fs.Var(&sets, "set", "override one parameter, key=value (repeatable; see escalate params)")
	fs.Var(&ats, "at", "change a parameter during the run, TICK:key=value, before that tick runs (repeatable)")
	out := fs.String("out", "out", "output directory (replaced atomically when the run succeeds)")
	events := fs.Bool("events", false, "also write events.csv, one row per hostile act")
	plots := fs.Bool("plots", true, "write the plots (PNG and SVG)")
	quiet := fs.Bool("quiet", false, "print nothing on success")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := resolveRun(*scen, *seedText, *ticks, sets, ats)
	if err != nil {
		return err
	}
	cfg.out, cfg.events, cfg.plots = *out, *events, *plots
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

// resolveRun loads the scenario and checks every override and intervention.
func resolveRun(scen, seedText string, ticks int, sets, ats []string) (runConfig, error) {
	var cfg runConfig
	sc, err := scenario.Load(scen)
	if err != nil {
		return cfg, usageError{err}
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(seedText), 10, 64)
	if err != nil {
		return cfg, badInput("--seed %q: must be an unsigned integer from 0 to 18446744073709551615", seedText)
	}
	if err := sc.SetAll(sets); err != nil {
		return cfg, usageError{err}
	}
	if ticks < 0 {
		return cfg, badInput("--ticks %d: must be a positive number of ticks (0 keeps the scenario's %d)", ticks, sc.Params.Ticks)
	}
	if ticks > 0 {
		if err := sc.Set("ticks=" + strconv.Itoa(ticks)); err != nil {
			return cfg, usageError{fmt.Errorf("--ticks %d: %w", ticks, errors.Unwrap(err))}
		}
	}
	cfg.sc, cfg.seed, cfg.sets = sc, seed, sets
	for _, a := range ats {
		iv, err := parseAt(a, sc.Params)
		if err != nil {
			return cfg, err
		}
		cfg.at = append(cfg.at, iv)
	}
	sort.SliceStable(cfg.at, func(i, j int) bool { return cfg.at[i].tick < cfg.at[j].tick })
	cfg.command = commandLine(scen, seed, ticks, sets, ats)
	return cfg, nil
}

// parseAt parses and checks TICK:key=value against the parameters.
func parseAt(s string, p model.Params) (intervention, error) {
	src := "--at " + s
	tickText, kv, ok := strings.Cut(s, ":")
	k, v, ok2 := strings.Cut(kv, "=")
	if !ok || !ok2 || strings.TrimSpace(k) == "" {
		return intervention{}, badInput("%s: expected TICK:key=value, e.g. --at 120:attribution_skill=0.9", src)
	}
	tick, err := strconv.Atoi(strings.TrimSpace(tickText))
	if err != nil || tick < 0 || tick >= p.Ticks {
		return intervention{}, badInput("%s: tick %q must be an integer from 0 to %d (the run has %d ticks)", src, tickText, p.Ticks-1, p.Ticks)
	}
	k = strings.TrimSpace(k)
	d, known := model.Lookup(k)
	if !known {
		return intervention{}, badInput("%s: %v", src, scenario.UnknownParam(k))
	}
	trial := p
	if err := trial.Set(k, v); err != nil {
		return intervention{}, badInput("%s: %v", src, err)
	}
	if d.Structural {
		return intervention{}, badInput("%s: %s fixes the world's structure and cannot change during a run", src, k)
	}
	if err := trial.Validate(); err != nil {
		return intervention{}, badInput("%s: %v", src, err)
	}
	return intervention{tick: tick, key: k, value: strings.TrimSpace(v), flag: src}, nil
}

// commandLine is the canonical command that replays the run.
func commandLine(scen string, seed uint64, ticks int, sets, ats []string) string {
	parts := []string{"escalate", "run", "--scenario", shellQuote(scen), "--seed", strconv.FormatUint(seed, 10)}
	if ticks > 0 {
		parts = append(parts, "--ticks", strconv.Itoa(ticks))
	}
	for _, s := range sets {
		parts = append(parts, "--set", shellQuote(s))
	}
	for _, a := range ats {
		parts = append(parts, "--at", shellQuote(a))
	}
	return strings.Join(parts, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.=:/,+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
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
	m, err := model.New(cfg.sc.Params, cfg.seed, rec)
	if err != nil {
		rec.Close()
		return model.Totals{}, usageError{err}
	}
	next := 0
	for t := 0; t < cfg.sc.Params.Ticks; t++ {
		for next < len(cfg.at) && cfg.at[next].tick == t {
			iv := cfg.at[next]
			if err := m.SetParam(iv.key, iv.value); err != nil {
				rec.Close()
				return model.Totals{}, badInput("%s: %v", iv.flag, err)
			}
			next++
		}
		s := m.Step()
		rec.Tick(&s)
		if t&63 == 63 {
			select {
			case <-ctx.Done():
				rec.Close()
				return model.Totals{}, fmt.Errorf("interrupted at tick %d: nothing written to %s", t, cfg.out)
			default:
			}
		}
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
		Scenario: cfg.sc.Name, Description: cfg.sc.Description, Seed: cfg.seed, Version: version(),
		Ticks: p.Ticks, Command: cfg.command, Params: p.Values(), Headlines: tot.Headlines(),
	}
	if err := output.WriteSummary(dir.Path("summary.json"), sum); err != nil {
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

func report(w io.Writer, cfg runConfig, tot model.Totals, took time.Duration) {
	h := map[string]float64{}
	for _, x := range tot.Headlines() {
		h[x.Name] = x.Value
	}
	n := func(key, one, many string) string { // "1 firm destroyed", "2 firms destroyed"
		if h[key] == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%.0f %s", h[key], many)
	}
	fmt.Fprintf(w, "%s, seed %d, %d ticks, %d actors: %s (%s, %s), %s (largest %.0f), %s, %s, peak tension %.3g\n",
		cfg.sc.Name, cfg.seed, cfg.sc.Params.Ticks, cfg.sc.Params.Actors(), n("acts", "act", "acts"), n("attacks", "attack", "attacks"),
		n("answers", "answer", "answers"), n("cascades", "cascade", "cascades"), h["max_cascade_size"],
		n("innocents_harmed", "innocent harmed", "innocents harmed"), n("firms_destroyed", "firm destroyed", "firms destroyed"), h["tension_peak"])
	switch cfg.sc.Name {
	case "p4x":
		fmt.Fprintf(w, "story: the vigilante struck in %.0f cascades; %.0f of them crossed into state-against-state conflict (the essay's ending %s in this run)\n",
			h["vigilante_cascades"], h["vigilante_interstate_cascades"], happened(h["vigilante_interstate_cascades"] > 0))
	case "blue-security":
		fate := "survived"
		if h["hackbackers_destroyed"] > 0 {
			fate = "was destroyed, " + struck(h["hackbackers_struck_down"] > 0)
		}
		fmt.Fprintf(w, "story: %.0f hack backs, %.0f counter-strikes; the hack-backer %s (the essay's ending %s in this run)\n",
			h["hackbacks"], float64(tot.ByKind[model.ActCounterstrike]), fate, happened(h["hackbackers_destroyed"] > 0))
	}
	files := "actors.csv ticks.csv cascades.csv summary.json"
	if cfg.events {
		files += " events.csv"
	}
	if cfg.plots {
		files += " ticks.png/.svg cascade_sizes.png/.svg"
	}
	fmt.Fprintf(w, "wrote %s: %s (%.2fs)\nreplay: %s\n", cfg.out, files, took.Seconds(), cfg.command)
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
