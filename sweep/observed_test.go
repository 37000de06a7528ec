package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/observe"
	"github.com/escalation-model/escalation/recipe"
)

// obsSpec is a small sweep keeping observed statistics: 2 × 2 conditions
// × 2 replicates of a world of 50 firms and 50 citizens over 150 days,
// with one observation setting changed. %DESIGN% is its design.
const obsSpec = `
base = "status-quo"
replicates = 2
master_seed = 7
ticks = 150

[fixed]
firms = 50
citizens = 50

%DESIGN%

[outputs]
plots = false
bootstrap = 50
observed = true

[observe]
reply_window = 60
`

const obsGrid = `[vary]
attribution_skill = [0.3, 0.9]
hack_back = ["illegal", "free"]`

// obsPoints is obsGrid's conditions as a points file, in the grid's order,
// written as a spreadsheet might (0.30, spaces).
const obsPoints = "attribution_skill, hack_back\n0.30,illegal\n0.3, free\n.9,illegal\n0.9,free\n"

// writeObsSpec writes the spec with the given design (and a points file,
// when points is not empty) into dir and returns its plan.
func writeObsSpec(t *testing.T, dir, design, points string) *Plan {
	t.Helper()
	if points != "" {
		if err := os.WriteFile(filepath.Join(dir, "points.csv"), []byte(points), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "obs.toml")
	if err := os.WriteFile(path, []byte(strings.Replace(obsSpec, "%DESIGN%", design, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// observeRun computes run i's statistics with the observe package, as
// escalate run does when it writes observed.json: a new model with an
// observer attached, every tick with its timed changes, Finish.
func observeRun(t *testing.T, p *Plan, i int) observe.Stats {
	t.Helper()
	r := p.Run(i)
	params, err := p.Params(r.Condition)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := p.ObserveConfig()
	if err != nil {
		t.Fatal(err)
	}
	watch := observe.NewObserver(cfg)
	m, err := model.New(params, r.Seed, watch)
	if err != nil {
		t.Fatal(err)
	}
	watch.Attach(m.Actors())
	var d recipe.Driver
	if err := d.Reset(m, params.Ticks, p.Changes(r.Condition)); err != nil {
		t.Fatal(err)
	}
	if err := d.Run(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	m.Finish()
	rec := watch.Finish(m.Tick())
	return observe.Compute(&rec, cfg.ReplyWindow)
}

func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// TestObservedMatchesTheObserver: every row of observed.csv holds its run's
// index, condition, seed and values, and the statistics the observe
// package computes for that run under the spec's settings; NaN is NA.
func TestObservedMatchesTheObserver(t *testing.T) {
	dir := t.TempDir()
	p := writeObsSpec(t, dir, obsGrid, "")
	if cfg, _ := p.ObserveConfig(); cfg.ReplyWindow != 60 {
		t.Fatalf("reply_window %d, want the spec's 60", cfg.ReplyWindow)
	}
	out := filepath.Join(dir, "out")
	rep := runSweep(t, p, out, 2, Shard{})
	if !strings.Contains(strings.Join(rep.Build.Files, " "), "observed.csv observed.parquet") {
		t.Errorf("files written: %v", rep.Build.Files)
	}
	names, rows, err := ReadObserved(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != strings.Join(StatisticNames(), ",") || len(rows) != 8 {
		t.Fatalf("%d names, %d rows", len(names), len(rows))
	}
	nan, incidents := 0, 0.0
	for _, i := range []int{0, 3, 6} {
		row := rows[i]
		r := p.Run(i)
		if row.Index != i || row.Condition != r.Condition || row.Replicate != r.Replicate || row.Seed != r.Seed || strings.Join(row.Values, ",") != strings.Join(p.Condition(r.Condition), ",") {
			t.Errorf("row %d: %+v", i, row)
		}
		want := observeRun(t, p, i)
		for k, name := range names {
			if !sameFloat(row.Stats[k], want[k]) {
				t.Errorf("run %d %s: observed.csv %v, observer %v", i, name, row.Stats[k], want[k])
			}
			if math.IsNaN(want[k]) {
				nan++
			}
		}
		incidents += want[0]
	}
	if nan == 0 || incidents == 0 {
		t.Errorf("the runs compared have %v incidents and %d undefined statistics: the test compares too little", incidents, nan)
	}
	text := string(must(os.ReadFile(filepath.Join(out, ObservedCSV))))
	if !strings.Contains(text, ",NA") {
		t.Error("observed.csv writes no NA for the undefined statistics")
	}
	// runs.csv's replay command carries the observation setting.
	if runs := readCSV(t, filepath.Join(out, RunsCSV)); !strings.HasSuffix(runs[1][len(runs[1])-1], " --observe reply_window=60") {
		t.Errorf("replay command %q lacks --observe reply_window=60", runs[1][len(runs[1])-1])
	}
	// observed.parquet has the CSV's values.
	pq := readParquet(t, filepath.Join(out, ObservedParquet))
	csvRows := readCSV(t, filepath.Join(out, ObservedCSV))
	if len(pq) != len(csvRows) {
		t.Fatalf("observed.parquet has %d rows, observed.csv %d (headers included)", len(pq), len(csvRows))
	}
	for i, row := range pq {
		if strings.Join(row, ",") != strings.Join(csvRows[i], ",") {
			t.Errorf("observed.parquet row %d: %v, CSV %v", i, row, csvRows[i])
		}
	}
}

// TestObservedDeterministic: 1 and 2 workers, a resume after a torn
// journal line, and three shards merged all give the same bytes.
func TestObservedDeterministic(t *testing.T) {
	dir := t.TempDir()
	p := writeObsSpec(t, dir, obsGrid, "")
	one, two := filepath.Join(dir, "one"), filepath.Join(dir, "two")
	runSweep(t, p, one, 1, Shard{})
	runSweep(t, p, two, 2, Shard{})
	sameOutputs(t, "2 workers against 1", one, two)
	if len(outputs(t, one)[ObservedParquet]) == 0 {
		t.Fatal("no observed.parquet")
	}

	cut := filepath.Join(dir, "cut")
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := Run(ctx, p, Options{Dir: cut, Workers: 1, Progress: func(done, total int) {
		if done >= 3 {
			cancel()
		}
	}}); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("got %v, want ErrInterrupted", err)
	}
	f := must(os.OpenFile(filepath.Join(cut, JournalFile), os.O_APPEND|os.O_WRONLY, 0))
	f.WriteString(`{"index":7,"seed":1,"headlines":[1],"observed":[3,nu`)
	f.Close()
	if rep := runSweep(t, p, cut, 2, Shard{}); !rep.Dropped || rep.Resumed+rep.Ran != 8 {
		t.Errorf("resumed %d, ran %d, dropped %v", rep.Resumed, rep.Ran, rep.Dropped)
	}
	sameOutputs(t, "resumed against whole", one, cut)

	var shards []string
	for k := range 3 {
		d := filepath.Join(dir, "shard"+strconv.Itoa(k))
		runSweep(t, p, d, 1, Shard{K: k, N: 3})
		shards = append(shards, d)
	}
	merged := filepath.Join(dir, "merged")
	if _, err := Merge([]string{shards[1], shards[2], shards[0]}, merged); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, "merged against whole", one, merged)
}

// TestObservedOffWritesNothingNew: a spec without the new keys keeps
// sweep.json, the journal and the tables as they were (no observed key,
// no observed files), and a directory that kept observed statistics
// refuses the same spec without them.
func TestObservedOffWritesNothingNew(t *testing.T) {
	dir := t.TempDir()
	p := tinyPlan(t, false)
	out := filepath.Join(dir, "plain")
	runSweep(t, p, out, 2, Shard{})
	for _, name := range []string{ManifestFile, JournalFile} {
		b := must(os.ReadFile(filepath.Join(out, name)))
		if bytes.Contains(b, []byte(`"observed"`)) || bytes.Contains(b, []byte(`"observe"`)) || bytes.Contains(b, []byte(`"points"`)) {
			t.Errorf("%s mentions the observation model or a points file", name)
		}
	}
	for _, name := range []string{ObservedCSV, ObservedParquet} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s written without observed = true", name)
		}
	}
	if _, _, err := ReadObserved(out); err == nil || !strings.Contains(err.Error(), "observed.csv") || !strings.Contains(err.Error(), "observed = true") {
		t.Errorf("ReadObserved of a sweep without observed statistics: %v", err)
	}
	withObs := tinyPlan(t, false, "bootstrap = 200", "bootstrap = 200\nobserved = true")
	if withObs.Hash() == p.Hash() {
		t.Error("observed = true does not change the hash")
	}
	other := tinyPlan(t, false, "bootstrap = 200", "bootstrap = 200\nobserved = true\n[observe]\ngap = 10")
	if other.Hash() == withObs.Hash() {
		t.Error("an observation setting does not change the hash")
	}
	var de *DirError
	if _, err := Run(context.Background(), withObs, Options{Dir: out}); !errors.As(err, &de) || !strings.Contains(err.Error(), "outputs kept") {
		t.Errorf("resuming with observed = true: %v", err)
	}
}

// TestReadObservedErrors: a damaged observed.csv is refused with its
// file and line.
func TestReadObservedErrors(t *testing.T) {
	dir := t.TempDir()
	p := writeObsSpec(t, dir, obsGrid, "")
	out := filepath.Join(dir, "out")
	runSweep(t, p, out, 1, Shard{})
	path := filepath.Join(out, ObservedCSV)
	good := string(must(os.ReadFile(path)))
	lines := strings.SplitAfter(good, "\n")
	cases := []struct {
		name, text string
		want       []string
	}{
		{"bad number", strings.Replace(good, lines[3], strings.Replace(lines[3], ",free,", ",free,x", 1), 1), []string{"observed.csv:4", "not a number"}},
		{"wrong order", lines[0] + lines[2] + lines[1] + strings.Join(lines[3:], ""), []string{"observed.csv:2", "run 1 where run 0"}},
		{"short", strings.Join(lines[:5], ""), []string{"observed.csv", "4 rows for the sweep's 8 runs"}},
		{"other header", strings.Replace(good, "attribution_skill", "skill", 1), []string{"observed.csv:1", "header"}},
	}
	for _, c := range cases {
		if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := ReadObserved(out)
		for _, w := range c.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v, want %q", c.name, err, w)
			}
		}
	}
}

// TestObservedStatsJSON: NaN is written null and read back NaN.
func TestObservedStatsJSON(t *testing.T) {
	in := Result{Index: 3, Seed: 9, Headlines: []float64{1}, Observed: ObservedStats{1.5, math.NaN(), 0, 1e-9}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"observed":[1.5,null,0,1e-09]`) {
		t.Errorf("journal line %s", b)
	}
	var out Result
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	for i, v := range in.Observed {
		if !sameFloat(v, out.Observed[i]) {
			t.Errorf("statistic %d: %v read back as %v", i, v, out.Observed[i])
		}
	}
	if err := json.Unmarshal([]byte(`{"index":1,"seed":1,"observed":[1,"x"]}`), &out); err == nil {
		t.Error("a string among the statistics was accepted")
	}
}

// TestObservedStepsDoNotAllocate: with the observation model attached, a
// worker's step loop allocates nothing once its model and observer have
// run the same run before (the observer's memory grows with incidents
// only, and is kept between runs).
func TestObservedStepsDoNotAllocate(t *testing.T) {
	p := writeObsSpec(t, t.TempDir(), obsGrid, "")
	r := p.Run(3)
	params, err := p.Params(r.Condition)
	if err != nil {
		t.Fatal(err)
	}
	var w runner
	steps := func() {
		if err := w.resetWatch(p); err != nil {
			t.Fatal(err)
		}
		if err := w.model.Reset(params, r.Seed, &w.obs); err != nil {
			t.Fatal(err)
		}
		w.obs.watch.Attach(w.model.Actors())
		for range params.Ticks {
			w.model.Step()
		}
	}
	res, err := w.execute(context.Background(), p, r, params, nil) // grows the model and the observer
	if err != nil {
		t.Fatal(err)
	}
	if res.Observed[0] == 0 {
		t.Fatal("the run observed no incident")
	}
	steps()
	if a := testing.AllocsPerRun(3, steps); a > 0 {
		t.Errorf("%v allocations per run of %d steps", a, params.Ticks)
	}
}
