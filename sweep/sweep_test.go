package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"image/png"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// tinySpec is a sweep of a few hundred actors over 40 ticks: 2 x 2
// conditions x 3 replicates.
const tinySpec = `
description = "test sweep"
base = "status-quo"
replicates = 3
master_seed = 11
ticks = 40

[fixed]
firms = 80
citizens = 200
criminals = 12

[vary]
hack_back_share = [0.3, 0.9]
hack_back = ["illegal", "free"]

[outputs]
series = true
plots = %PLOTS%
bootstrap = 200
`

func tinyPlan(t testing.TB, plots bool, edit ...string) *Plan {
	t.Helper()
	text := strings.Replace(tinySpec, "%PLOTS%", strconv.FormatBool(plots), 1)
	for i := 0; i+1 < len(edit); i += 2 {
		text = strings.Replace(text, edit[i], edit[i+1], 1)
	}
	s, err := Parse([]byte(text), "tiny.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func runSweep(t testing.TB, p *Plan, dir string, workers int, shard Shard) *Report {
	t.Helper()
	rep, err := Run(context.Background(), p, Options{Dir: dir, Workers: workers, Shard: shard, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// outputs returns every file of a sweep directory but the journal (whose
// line order is the order runs finished), path -> bytes.
func outputs(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel == JournalFile || rel == ManifestFile {
			return nil
		}
		b, err := os.ReadFile(path)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameOutputs(t *testing.T, what, a, b string) {
	t.Helper()
	x, y := outputs(t, a), outputs(t, b)
	if len(x) != len(y) {
		t.Errorf("%s: %d files against %d", what, len(x), len(y))
	}
	for name, data := range x {
		if other, ok := y[name]; !ok {
			t.Errorf("%s: %s missing", what, name)
		} else if !bytes.Equal(data, other) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// TestSameBytesWhateverTheWorkers: 1, 2 and 3 workers give byte-identical
// tables, Parquet files and figures.
func TestSameBytesWhateverTheWorkers(t *testing.T) {
	p := tinyPlan(t, true)
	root := t.TempDir()
	dirs := map[int]string{}
	for _, w := range []int{1, 2, 3} {
		dirs[w] = filepath.Join(root, "w"+strconv.Itoa(w))
		rep := runSweep(t, p, dirs[w], w, Shard{})
		if rep.Ran != 12 || rep.Build == nil {
			t.Fatalf("%d workers: ran %d, build %v", w, rep.Ran, rep.Build)
		}
	}
	files := outputs(t, dirs[1])
	for _, want := range []string{RunsCSV, RunsParquet, ConditionsCSV, CascadeSizesCSV, SeriesParquet, "plots/effects_hack_back.png", "plots/phase_max_cascade_size.svg", "plots/cascade_sizes.png"} {
		if len(files[want]) == 0 {
			t.Errorf("%s missing or empty", want)
		}
	}
	sameOutputs(t, "2 workers against 1", dirs[1], dirs[2])
	sameOutputs(t, "3 workers against 1", dirs[1], dirs[3])
	// Building again from the same journal changes nothing.
	if _, err := Build(dirs[2]); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, "rebuilt", dirs[1], dirs[2])
}

// TestResumeAfterInterruption: a sweep cancelled part-way keeps its
// finished runs; a torn last journal line is dropped; the resumed sweep
// finishes with the same bytes as an uninterrupted one.
func TestResumeAfterInterruption(t *testing.T) {
	p := tinyPlan(t, false)
	root := t.TempDir()
	whole := filepath.Join(root, "whole")
	runSweep(t, p, whole, 2, Shard{})

	dir := filepath.Join(root, "cut")
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Run(ctx, p, Options{Dir: dir, Workers: 2, Progress: func(done, total int) {
		if done >= 4 {
			cancel()
		}
	}})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("got %v, want ErrInterrupted", err)
	}
	if _, err := os.Stat(filepath.Join(dir, RunsCSV)); err == nil {
		t.Error("an interrupted sweep wrote its tables")
	}
	// A process killed while writing leaves a torn last line.
	f, err := os.OpenFile(filepath.Join(dir, JournalFile), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"index":11,"seed":12,"headl`)
	f.Close()
	rep := runSweep(t, p, dir, 3, Shard{})
	if !rep.Dropped || rep.Resumed < 4 || rep.Resumed+rep.Ran != 12 {
		t.Errorf("resumed %d, ran %d, dropped %v", rep.Resumed, rep.Ran, rep.Dropped)
	}
	sameOutputs(t, "resumed against whole", whole, dir)
	lines := bytes.Count(must(os.ReadFile(filepath.Join(dir, JournalFile))), []byte{'\n'})
	if lines != 12 {
		t.Errorf("journal has %d lines, want every run once (12)", lines)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestChangedSpecRefused: a directory started with one spec refuses
// another, and a directory that is not a sweep's is left alone.
func TestChangedSpecRefused(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "s")
	runSweep(t, tinyPlan(t, false), dir, 1, Shard{})
	before := outputs(t, dir)
	_, err := Run(context.Background(), tinyPlan(t, false, "master_seed = 11", "master_seed = 12"), Options{Dir: dir})
	var de *DirError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "the spec changed") {
		t.Fatalf("got %v, want a DirError saying the spec changed", err)
	}
	sameOutputs(t, "after a refused resume", dir, dir)
	if len(outputs(t, dir)) != len(before) {
		t.Error("a refused resume changed the directory")
	}
	// A renamed spec with the same runs resumes.
	if _, err := Run(context.Background(), tinyPlan(t, false, `description = "test sweep"`, `description = "renamed"`), Options{Dir: dir}); err != nil {
		t.Errorf("a spec differing only in its description was refused: %v", err)
	}
	// Not a sweep directory.
	other := filepath.Join(root, "other")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if _, err := Run(context.Background(), tinyPlan(t, false), Options{Dir: other}); !errors.As(err, &de) {
		t.Errorf("got %v, want a DirError for a directory that is not a sweep's", err)
	}
	if entries, _ := os.ReadDir(other); len(entries) != 1 {
		t.Errorf("the foreign directory now holds %d entries", len(entries))
	}
}

// TestShardsMergeToTheWhole: three shards merged give the bytes of the
// unsharded sweep; merges with a shard missing, twice, or from another
// spec are refused with a message naming the problem.
func TestShardsMergeToTheWhole(t *testing.T) {
	p := tinyPlan(t, true)
	root := t.TempDir()
	whole := filepath.Join(root, "whole")
	runSweep(t, p, whole, 2, Shard{})
	var shards []string
	for k := range 3 {
		d := filepath.Join(root, "shard"+strconv.Itoa(k))
		rep := runSweep(t, p, d, 1, Shard{K: k, N: 3})
		if rep.Build != nil || rep.Total != 4 {
			t.Fatalf("shard %d: total %d, build %v", k, rep.Total, rep.Build)
		}
		shards = append(shards, d)
	}
	if _, err := Build(shards[0]); err == nil {
		t.Error("Build accepted a single shard")
	}
	merged := filepath.Join(root, "merged")
	if _, err := Merge([]string{shards[2], shards[0], shards[1]}, merged); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, "merged against whole", whole, merged)

	var de *DirError
	_, err := Merge(shards[:2], filepath.Join(root, "m2"))
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "shard 2/3") || !strings.Contains(err.Error(), "4 of 12 runs are missing") {
		t.Errorf("missing shard: %v", err)
	}
	_, err = Merge([]string{shards[0], shards[1], shards[2], shards[1]}, filepath.Join(root, "m3"))
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "shard 1/3") {
		t.Errorf("shard given twice: %v", err)
	}
	odd := filepath.Join(root, "odd")
	runSweep(t, tinyPlan(t, false, "replicates = 3", "replicates = 2"), odd, 1, Shard{K: 0, N: 3})
	_, err = Merge([]string{shards[0], odd}, filepath.Join(root, "m4"))
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "another spec") {
		t.Errorf("shards of two specs: %v", err)
	}
	if _, err = Merge(shards, shards[0]); !errors.As(err, &de) {
		t.Errorf("merge into one of its inputs: %v", err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(must(os.ReadFile(path)))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// TestParquetMatchesCSV reads runs.parquet back and finds every value of
// runs.csv in it, with the same columns in the same order; series.parquet
// holds every tick of every run.
func TestParquetMatchesCSV(t *testing.T) {
	p := tinyPlan(t, false)
	dir := filepath.Join(t.TempDir(), "s")
	runSweep(t, p, dir, 2, Shard{})
	rows := readCSV(t, filepath.Join(dir, RunsCSV))
	header := rows[0]
	got := readParquet(t, filepath.Join(dir, RunsParquet))
	if len(got) != len(rows) {
		t.Fatalf("runs.parquet has %d rows, runs.csv %d", len(got)-1, len(rows)-1)
	}
	for j, name := range header {
		if got[0][j] != name {
			t.Fatalf("parquet column %d is %q, csv %q", j, got[0][j], name)
		}
	}
	for i := 1; i < len(rows); i++ {
		for j := range header {
			if got[i][j] != rows[i][j] {
				t.Errorf("row %d column %s: parquet %q, csv %q", i, header[j], got[i][j], rows[i][j])
			}
		}
	}
	series := readParquet(t, filepath.Join(dir, SeriesParquet))
	if len(series)-1 != p.Runs()*40 || series[0][0] != "index" || series[0][1] != "tick" {
		t.Fatalf("series.parquet: %d rows, columns %v", len(series)-1, series[0][:3])
	}
	// Run 5, tick 7 is line 5*40+7 of the series, as the journal has it.
	var res Result
	for _, line := range bytes.Split(must(os.ReadFile(filepath.Join(dir, JournalFile))), []byte{'\n'}) {
		if bytes.HasPrefix(line, []byte(`{"index":5,`)) {
			if err := json.Unmarshal(line, &res); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := "5," + res.Ticks[7]
	if got := strings.Join(series[1+5*40+7], ","); got != want {
		t.Errorf("series row of run 5 tick 7:\n got %s\nwant %s", got, want)
	}
	// No timestamps or versions in the footer: the writer is named, fixed.
	f := must(os.Open(filepath.Join(dir, RunsParquet)))
	defer f.Close()
	pf := must(parquet.OpenFile(f, must(f.Stat()).Size()))
	if cb := pf.Metadata().CreatedBy; cb != pqCreatedBy {
		t.Errorf("created_by = %q", cb)
	}
}

// readParquet returns a Parquet file's column names and then its rows, as
// text formatted like the CSV tables.
func readParquet(t *testing.T, path string) [][]string {
	t.Helper()
	f := must(os.Open(path))
	defer f.Close()
	pf, err := parquet.OpenFile(f, must(f.Stat()).Size())
	if err != nil {
		t.Fatal(err)
	}
	fields := pf.Schema().Fields()
	out := [][]string{make([]string, len(fields))}
	unsigned := make([]bool, len(fields))
	for j, fl := range fields {
		out[0][j] = fl.Name()
		if lt := fl.Type().LogicalType(); lt != nil {
			if it, ok := lt.Value.(*format.IntType); ok {
				unsigned[j] = !it.IsSigned
			}
		}
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	buf := make([]parquet.Row, 64)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			text := make([]string, len(row))
			for j, v := range row {
				switch {
				case unsigned[j]:
					text[j] = strconv.FormatUint(uint64(v.Int64()), 10)
				case v.Kind() == parquet.Int64:
					text[j] = strconv.FormatInt(v.Int64(), 10)
				case v.Kind() == parquet.Double:
					text[j] = formatNum(v.Double())
				default:
					text[j] = string(v.ByteArray())
				}
			}
			out = append(out, text)
		}
		if err != nil {
			break
		}
	}
	return out
}

// TestConditionStatistics recomputes a condition's mean, standard deviation
// and interval from runs.csv.
func TestConditionStatistics(t *testing.T) {
	p := tinyPlan(t, false)
	dir := filepath.Join(t.TempDir(), "s")
	runSweep(t, p, dir, 2, Shard{})
	runs := readCSV(t, filepath.Join(dir, RunsCSV))
	conds := readCSV(t, filepath.Join(dir, ConditionsCSV))
	col := func(header []string, name string) int {
		for j, h := range header {
			if h == name {
				return j
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	for _, metric := range []string{"acts", "innocents_harmed", "branching_ratio"} {
		var xs []float64
		for _, r := range runs[1:] {
			if r[col(runs[0], "condition")] == "2" {
				xs = append(xs, mustFloat(t, r[col(runs[0], metric)]))
			}
		}
		mean, ss := 0.0, 0.0
		for _, x := range xs {
			mean += x
		}
		mean /= float64(len(xs))
		for _, x := range xs {
			ss += (x - mean) * (x - mean)
		}
		sd := math.Sqrt(ss / float64(len(xs)-1))
		// t(0.975, 2) = 4.302652729911275 (tables of Student's t).
		half := 4.302652729911275 * sd / math.Sqrt(3)
		row := conds[3]
		for name, want := range map[string]float64{"_mean": mean, "_sd": sd, "_ci_low": mean - half, "_ci_high": mean + half} {
			got := mustFloat(t, row[col(conds[0], metric+name)])
			if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Errorf("%s%s = %v, want %v", metric, name, got, want)
			}
		}
	}
	if got := conds[3][col(conds[0], "n")]; got != "3" {
		t.Errorf("n = %s", got)
	}
	// ReadConditions gives the same numbers.
	rc, err := ReadConditions(dir)
	if err != nil {
		t.Fatal(err)
	}
	row := rc.Rows[2] // conds[3] is condition 2, after the header
	if len(rc.Rows) != 4 || row.N != 3 || rc.Label(row) != "hack_back_share = 0.9, hack_back = illegal" {
		t.Errorf("ReadConditions: %d rows, n %d, label %q", len(rc.Rows), row.N, rc.Label(row))
	}
	if got, want := row.Metrics["acts"].Mean, mustFloat(t, conds[3][col(conds[0], "acts_mean")]); got != want {
		t.Errorf("ReadConditions acts mean %v, want %v", got, want)
	}
	if q := row.Metrics["cascade_size_median"]; q.Mean != 1 || !math.IsNaN(q.SD) || row.ClosedCascades <= 0 {
		t.Errorf("ReadConditions median %+v, closed %d", q, row.ClosedCascades)
	}
	if med := conds[3][col(conds[0], "cascade_size_median")]; med != "1" {
		t.Errorf("median cascade size = %s; cascades are mostly single acts in this world", med)
	}
}

// TestFigures: every figure is a 1600 x 1200 PNG that is not blank, with
// an SVG beside it.
func TestFigures(t *testing.T) {
	p := tinyPlan(t, true)
	dir := filepath.Join(t.TempDir(), "s")
	rep := runSweep(t, p, dir, 2, Shard{})
	var pngs int
	for _, f := range rep.Build.Files {
		if !strings.HasSuffix(f, ".png") {
			continue
		}
		pngs++
		img, err := png.Decode(bytes.NewReader(must(os.ReadFile(filepath.Join(dir, f)))))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		b := img.Bounds()
		if b.Dx() != 1600 || b.Dy() != 1200 {
			t.Errorf("%s is %dx%d, want 1600x1200", f, b.Dx(), b.Dy())
		}
		inked, colours := 0, map[[3]uint32]bool{}
		for y := b.Min.Y; y < b.Max.Y; y += 3 {
			for x := b.Min.X; x < b.Max.X; x += 3 {
				r, g, bl, _ := img.At(x, y).RGBA()
				if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
					inked++
				}
				colours[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
			}
		}
		if share := float64(inked) / float64((b.Dx()/3)*(b.Dy()/3)); share < 0.005 || len(colours) < 8 {
			t.Errorf("%s looks blank: %.1f%% inked, %d colours", f, 100*share, len(colours))
		}
		svg := must(os.ReadFile(filepath.Join(dir, strings.TrimSuffix(f, ".png")+".svg")))
		if !bytes.Contains(svg, []byte("<svg")) {
			t.Errorf("%s has no SVG twin", f)
		}
	}
	// effects for each factor, the phase diagram, the CCDF.
	if pngs != 4 {
		t.Errorf("%d figures, want 4: %v", pngs, rep.Build.Files)
	}
}

// TestSummariseSizes checks the pooled quantiles and the bootstrap on a
// hand-made case.
func TestSummariseSizes(t *testing.T) {
	runs := [][][2]int64{
		{{1, 90}, {2, 8}, {10, 2}},
		{{1, 80}, {3, 20}},
	}
	st := summariseSizes(runs, 500, streamRNG(1, "test", 0))
	// Pooled: 170 of size 1, 8 of 2, 20 of 3, 2 of 10: 200 cascades.
	if st.Cascades != 200 || st.Max != 10 {
		t.Errorf("cascades %d, max %d", st.Cascades, st.Max)
	}
	// Cumulative counts 170, 178, 198, 200: the median is 1 (170 >= 100),
	// the 90th percentile 3 (178 < 180 <= 198), the 99th 3 (198 >= 198).
	if st.Quantiles != [3]float64{1, 3, 3} {
		t.Errorf("quantiles = %v, want 1, 3, 3", st.Quantiles)
	}
	for i := range st.Lo {
		if !(st.Lo[i] <= st.Quantiles[i] && st.Quantiles[i] <= st.Hi[i]) && !math.IsNaN(st.Lo[i]) {
			t.Errorf("interval %d [%v, %v] misses the estimate %v", i, st.Lo[i], st.Hi[i], st.Quantiles[i])
		}
	}
	one := summariseSizes(runs[:1], 500, streamRNG(1, "test", 0))
	if !math.IsNaN(one.Lo[0]) {
		t.Error("one run cannot give a bootstrap interval")
	}
	none := summariseSizes([][][2]int64{{}, {}}, 100, streamRNG(1, "test", 0))
	if !math.IsNaN(none.Quantiles[0]) || none.Cascades != 0 {
		t.Errorf("no cascades: %+v", none)
	}
}
