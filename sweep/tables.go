package sweep

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output"
)

// Table files of a sweep directory.
const (
	RunsCSV         = "runs.csv"
	RunsParquet     = "runs.parquet"
	ConditionsCSV   = "conditions.csv"
	CascadeSizesCSV = "cascade_sizes.csv"
	SeriesParquet   = "series.parquet"
	ObservedCSV     = "observed.csv"
	ObservedParquet = "observed.parquet"
	PlotsDir        = "plots"
)

// BuildReport lists what Build wrote and what it chose not to.
type BuildReport struct {
	Files []string // paths relative to the directory
	Notes []string // e.g. figures left out, and why
}

// Build writes the tables and figures of the sweep in dir from its journal,
// which must hold every run. The bytes depend only on the plan and the
// runs' results, not on the order in which runs finished.
func Build(dir string) (*BuildReport, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if m.Shard.N > 1 {
		return nil, &DirError{Dir: dir, Msg: fmt.Sprintf("holds shard %s only: combine the shards with escalate merge to get the tables", m.Shard)}
	}
	return build(dir, m, []string{dir})
}

// indexJournals finds every run's line in the journals of dirs. Each run
// must appear in exactly one directory (a duplicate within one journal, as
// a crash could in principle leave, is ignored).
func indexJournals(m *Manifest, dirs []string) ([]journalEntry, error) {
	p := m.Plan
	runs := p.Runs()
	entries := make([]journalEntry, runs)
	for f, dir := range dirs {
		path := filepath.Join(dir, JournalFile)
		_, _, err := scanJournal(path, func(offset int64, line []byte, h lineHead) error {
			i := *h.Index
			if i < 0 || i >= runs {
				return &DirError{Dir: dir, Msg: fmt.Sprintf("%s holds run %d, but the sweep has runs 0 to %d", JournalFile, i, runs-1)}
			}
			if *h.Seed != p.Run(i).Seed {
				return &DirError{Dir: dir, Msg: fmt.Sprintf("%s holds run %d with seed %d, but the plan gives it seed %d", JournalFile, i, *h.Seed, p.Run(i).Seed)}
			}
			if e := entries[i]; e.length > 0 {
				if int(e.file) != f {
					return &DirError{Dir: dir, Msg: fmt.Sprintf("run %d is also in %s: each run must be in exactly one of the directories merged (was a shard given twice?)", i, dirs[e.file])}
				}
				return nil
			}
			if len(line) > math.MaxInt32 {
				return fmt.Errorf("%s: run %d's line is too long", path, i)
			}
			entries[i] = journalEntry{file: int32(f), offset: offset, length: int32(len(line))}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var missing []int
	for i, e := range entries {
		if e.length == 0 {
			missing = append(missing, i)
		}
	}
	if len(missing) > 0 {
		return nil, &DirError{Dir: strings.Join(dirs, ", "), Msg: missingMessage(m, missing, runs)}
	}
	return entries, nil
}

// missingMessage names missing runs and, for a sharded sweep, the shards
// they belong to.
func missingMessage(m *Manifest, missing []int, runs int) string {
	list := make([]string, 0, 10)
	for _, i := range missing[:min(len(missing), 10)] {
		list = append(list, strconv.Itoa(i))
	}
	more := ""
	if len(missing) > 10 {
		more = fmt.Sprintf(" and %d more", len(missing)-10)
	}
	verb, which := "are", "runs"
	if len(missing) == 1 {
		verb, which = "is", "run"
	}
	msg := fmt.Sprintf("%d of %s %s missing (%s %s%s)", len(missing), narrate.Count(int64(runs), "run", "runs"), verb, which, strings.Join(list, ", "), more)
	if n := m.Shard.N; n > 1 {
		shards := map[int]bool{}
		for _, i := range missing {
			shards[i%n] = true
		}
		var ks []string
		for _, k := range sortedKeys(shards) {
			ks = append(ks, fmt.Sprintf("%d/%d", k, n))
		}
		msg += fmt.Sprintf(": shard %s is missing or unfinished (rerun escalate sweep with that --shard to finish it)", strings.Join(ks, ", "))
	} else {
		msg += ": rerun the same escalate sweep command to finish the sweep"
	}
	return msg
}

func sortedKeys[K int | string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// pendingFile is an output file written under a temporary name and renamed
// into place by commit.
type pendingFile struct {
	f     *os.File
	w     *bufio.Writer
	final string
}

func createPending(path string) (*pendingFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), output.TempPrefix(filepath.Base(path))+"*")
	if err != nil {
		return nil, err
	}
	return &pendingFile{f: f, w: bufio.NewWriterSize(f, 64<<10), final: path}, nil
}

func (p *pendingFile) Write(b []byte) (int, error) { return p.w.Write(b) }

func (p *pendingFile) commit() error {
	if err := p.w.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", p.final, err)
	}
	if err := p.f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", p.final, err)
	}
	if err := p.f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", p.final, err)
	}
	if err := os.Chmod(p.f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(p.f.Name(), p.final)
}

func (p *pendingFile) abort() {
	p.f.Close()
	os.Remove(p.f.Name())
}

// formatNum writes a float as the run's files do (shortest round-trip
// form), and NaN (undefined: a standard deviation of one run, say) as NA.
func formatNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "NA"
	}
	return formatFloat(v)
}

// putRunKey puts the Parquet columns that name a run (runKeyRow's, typed)
// into t's current row.
func putRunKey(t *pqTable, p *Plan, r RunInfo, values []string) error {
	t.int(int64(r.Index))
	t.int(int64(r.Condition))
	t.int(int64(r.Replicate))
	t.uint(r.Seed)
	for j, v := range values {
		if err := putText(t, factorKind(p.Factors[j]), v); err != nil {
			return fmt.Errorf("run %d: %s = %s: %w", r.Index, p.Factors[j].Name, v, err)
		}
	}
	return nil
}

// builder holds the state of one pass over the runs.
type builder struct {
	dir    string
	m      *Manifest
	p      *Plan
	files  []*pendingFile
	runs   *csv.Writer
	runsPQ *pqTable
	conds  *csv.Writer
	sizes  *csv.Writer
	series *pqTable
	obsCSV *csv.Writer // observed.csv, when the plan keeps observed statistics
	obsPQ  *pqTable
	tickPQ []pqColumn // the columns of ticks.csv, whose rows the journal keeps as text
	// values are the values of condition valuesOf (Condition), computed
	// once for its runs.
	values   []string
	valuesOf int

	// The condition being accumulated.
	cond      int
	n         int
	moments   []moments
	condSizes [][][2]int64

	fig *figureData
}

func build(dir string, m *Manifest, dirs []string) (rep *BuildReport, err error) {
	entries, err := indexJournals(m, dirs)
	if err != nil {
		return nil, err
	}
	journals := make([]*os.File, len(dirs))
	for i, d := range dirs {
		if journals[i], err = os.Open(filepath.Join(d, JournalFile)); err != nil {
			return nil, err
		}
		defer journals[i].Close()
	}
	b := &builder{dir: dir, m: m, p: m.Plan, cond: -1}
	defer func() {
		if err != nil {
			for _, f := range b.files {
				f.abort()
			}
		}
	}()
	if err := b.open(); err != nil {
		return nil, err
	}
	var line []byte
	for i, e := range entries {
		if cap(line) < int(e.length) {
			line = make([]byte, e.length)
		}
		line = line[:e.length]
		if _, err := journals[e.file].ReadAt(line, e.offset); err != nil {
			return nil, fmt.Errorf("reading run %d from %s: %w", i, filepath.Join(dirs[e.file], JournalFile), err)
		}
		var res Result
		if err := json.Unmarshal(line, &res); err != nil {
			return nil, fmt.Errorf("%s: run %d: %w", filepath.Join(dirs[e.file], JournalFile), i, err)
		}
		if res.Index != i || len(res.Headlines) != len(b.p.Headlines) {
			return nil, fmt.Errorf("%s: run %d's line is inconsistent with the plan (%d headline values for %d metrics)", filepath.Join(dirs[e.file], JournalFile), i, len(res.Headlines), len(b.p.Headlines))
		}
		if err := b.add(&res); err != nil {
			return nil, err
		}
	}
	if err := b.finishCondition(); err != nil {
		return nil, err
	}
	rep = &BuildReport{}
	if err := b.close(rep); err != nil {
		return nil, err
	}
	if b.p.Outputs.Plots {
		files, notes, err := b.fig.draw(dir)
		if err != nil {
			return nil, fmt.Errorf("drawing the figures: %w", err)
		}
		rep.Files = append(rep.Files, files...)
		rep.Notes = append(rep.Notes, notes...)
	}
	return rep, nil
}

func (b *builder) create(name string) (*pendingFile, error) {
	f, err := createPending(filepath.Join(b.dir, name))
	if err != nil {
		return nil, err
	}
	b.files = append(b.files, f)
	return f, nil
}

func (b *builder) open() error {
	p := b.p
	meta := map[string]string{"escalation.sweep.hash": b.m.Hash}
	// runs.csv and runs.parquet.
	header := []string{"index", "condition", "replicate", "seed"}
	cols := []pqColumn{{"index", pqInt64}, {"condition", pqInt64}, {"replicate", pqInt64}, {"seed", pqUint64}}
	for _, f := range p.Factors {
		header = append(header, f.Name)
		cols = append(cols, pqColumn{f.Name, factorKind(f)})
	}
	for _, h := range p.Headlines {
		header = append(header, h)
		cols = append(cols, pqColumn{h, pqDouble}) // every headline is a float (model.HeadlineColumns)
	}
	header = append(header, "command")
	cols = append(cols, pqColumn{"command", pqString})
	f, err := b.create(RunsCSV)
	if err != nil {
		return err
	}
	b.runs = csv.NewWriter(f)
	b.runs.Write(header)
	f, err = b.create(RunsParquet)
	if err != nil {
		return err
	}
	b.runsPQ = newPQTable(f, cols, meta)

	// conditions.csv.
	header = []string{"condition"}
	for _, f := range p.Factors {
		header = append(header, f.Name)
	}
	header = append(header, "n")
	for _, h := range p.Headlines {
		header = append(header, h+"_mean", h+"_sd", h+"_ci_low", h+"_ci_high")
	}
	if p.Outputs.CascadeSizes {
		header = append(header, "closed_cascades")
		for _, q := range quantileMetrics {
			header = append(header, q, q+"_ci_low", q+"_ci_high")
		}
		header = append(header, "cascade_size_max")
	}
	if f, err = b.create(ConditionsCSV); err != nil {
		return err
	}
	b.conds = csv.NewWriter(f)
	b.conds.Write(header)

	if p.Outputs.CascadeSizes {
		if f, err = b.create(CascadeSizesCSV); err != nil {
			return err
		}
		b.sizes = csv.NewWriter(f)
		b.sizes.Write([]string{"index", "condition", "size", "cascades"})
	}
	if p.Outputs.Series {
		ticks := pqColumnsOf(model.TickColumns())
		b.tickPQ = ticks
		if f, err = b.create(SeriesParquet); err != nil {
			return err
		}
		b.series = newPQTable(f, append([]pqColumn{{"index", pqInt64}}, ticks...), meta)
	}
	if err := b.openObserved(meta); err != nil {
		return err
	}
	b.moments = make([]moments, len(p.Headlines))
	b.fig = newFigureData(p)
	return nil
}

func factorKind(c Column) pqKind {
	switch c.Type {
	case "int":
		return pqInt64
	case "float":
		return pqDouble
	}
	return pqString
}

// add writes one run's rows and adds it to its condition.
func (b *builder) add(res *Result) error {
	p := b.p
	r := p.Run(res.Index)
	if r.Condition != b.cond {
		if err := b.finishCondition(); err != nil {
			return err
		}
		b.cond, b.n = r.Condition, 0
		clear(b.moments)
		b.condSizes = b.condSizes[:0]
	}
	if b.values == nil || r.Condition != b.valuesOf {
		b.values, b.valuesOf = p.Condition(r.Condition), r.Condition
	}
	values := b.values
	row := runRow(p, r, values, res.Headlines)
	t := b.runsPQ
	if err := putRunKey(t, p, r, values); err != nil {
		return err
	}
	for k, v := range res.Headlines {
		t.float(v)
		b.moments[k].add(v)
	}
	t.str(row[len(row)-1]) // the replay command
	if err := t.end(); err != nil {
		return err
	}
	if err := b.runs.Write(row); err != nil {
		return err
	}
	if err := b.addObserved(r, values, res); err != nil {
		return err
	}
	b.fig.addRun(values, res.Headlines)
	b.n++
	if b.sizes != nil {
		b.condSizes = append(b.condSizes, res.Sizes)
		for _, sc := range res.Sizes {
			b.sizes.Write([]string{strconv.Itoa(r.Index), strconv.Itoa(r.Condition), strconv.FormatInt(sc[0], 10), strconv.FormatInt(sc[1], 10)})
		}
	}
	if b.series != nil {
		if len(res.Ticks) == 0 && p.Outputs.Series {
			return fmt.Errorf("run %d has no per-tick series in the journal", r.Index)
		}
		for _, line := range res.Ticks {
			fields := strings.Split(line, ",")
			if len(fields) != len(b.tickPQ) {
				return fmt.Errorf("run %d: a tick row has %d values for %d columns", r.Index, len(fields), len(b.tickPQ))
			}
			b.series.int(int64(r.Index))
			for j, v := range fields {
				if err := putText(b.series, b.tickPQ[j].Kind, v); err != nil {
					return fmt.Errorf("run %d: tick column %s = %s: %w", r.Index, b.tickPQ[j].Name, v, err)
				}
			}
			if err := b.series.end(); err != nil {
				return err
			}
		}
	}
	return nil
}

// putText parses a value written as text into a Parquet column.
func putText(t *pqTable, k pqKind, v string) error {
	switch k {
	case pqInt64:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return err
		}
		t.int(n)
	case pqDouble:
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return err
		}
		t.float(x)
	case pqBool:
		x, err := strconv.ParseBool(v)
		if err != nil {
			return err
		}
		t.bool(x)
	default:
		t.str(v)
	}
	return nil
}

// finishCondition writes the accumulated condition's row.
func (b *builder) finishCondition() error {
	if b.cond < 0 || b.n == 0 {
		return nil
	}
	p := b.p
	row := []string{strconv.Itoa(b.cond)}
	row = append(row, p.Condition(b.cond)...)
	row = append(row, strconv.Itoa(b.n))
	for k := range p.Headlines {
		m := &b.moments[k]
		lo, hi := m.ci95()
		row = append(row, formatNum(m.mean), formatNum(m.sd()), formatNum(lo), formatNum(hi))
	}
	var st *sizeStats
	if p.Outputs.CascadeSizes {
		s := summariseSizes(b.condSizes, p.Outputs.Bootstrap, streamRNG(p.MasterSeed, "sweep/bootstrap", uint64(b.cond)))
		st = &s
		row = append(row, strconv.FormatInt(s.Cascades, 10))
		for q := range quantileMetrics {
			row = append(row, formatNum(s.Quantiles[q]), formatNum(s.Lo[q]), formatNum(s.Hi[q]))
		}
		row = append(row, strconv.FormatInt(s.Max, 10))
	}
	b.fig.addCondition(b.cond, b.n, b.moments, st, b.condSizes)
	return b.conds.Write(row)
}

func (b *builder) close(rep *BuildReport) error {
	for _, w := range []*csv.Writer{b.runs, b.conds, b.sizes, b.obsCSV} {
		if w == nil {
			continue
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
	}
	for _, t := range []*pqTable{b.runsPQ, b.series, b.obsPQ} {
		if t == nil {
			continue
		}
		if err := t.close(); err != nil {
			return err
		}
	}
	for _, f := range b.files {
		if err := f.commit(); err != nil {
			return err
		}
		rep.Files = append(rep.Files, filepath.Base(f.final))
	}
	b.files = nil
	// A table the plan no longer keeps must not linger from an earlier build.
	if !b.p.Outputs.CascadeSizes {
		os.Remove(filepath.Join(b.dir, CascadeSizesCSV))
	}
	if !b.p.Outputs.Series {
		os.Remove(filepath.Join(b.dir, SeriesParquet))
	}
	if !b.p.Outputs.Observed {
		os.Remove(filepath.Join(b.dir, ObservedCSV))
		os.Remove(filepath.Join(b.dir, ObservedParquet))
	}
	sort.Strings(rep.Files)
	return nil
}
