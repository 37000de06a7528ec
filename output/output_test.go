package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/observe"
	"github.com/escalation-model/escalation/output/csvfmt"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata, and the generated column tables of docs/data.md and docs/ODD.md (TestDataDoc)")

// smallParams returns a small world for fast tests: mechanics "cyber" with
// hack back free (so cascades grow beyond their roots), or "branching".
func smallParams(t testing.TB, mechanics string) model.Params {
	t.Helper()
	p := model.DefaultParams()
	p.Mechanics = mechanics
	p.Ticks = 50
	p.States = 4
	p.Firms = 120
	p.Citizens = 200
	p.Criminals = 15
	p.Hacktivists = 4
	p.Vigilantes = 2
	p.HackBack = model.HackBackFree
	p.HackBackShare = 0.6
	p.StateDoctrine = model.DoctrineEscalatory
	p.StateAnswerProbability = 0.8
	p.StateConfidence = 0.5
	p.StateProtects = 1
	if mechanics == model.MechanicsBranching {
		p.RootRate = 3
		p.AnswerProbability = 0.6
		p.CollateralMean = 0.4
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

// runInto runs a model through a Recorder into dir, writes actors.csv and
// summary.json, and returns the recorder's size histogram.
func runInto(t testing.TB, p model.Params, seed uint64, dir string, events bool) map[int64]int64 {
	t.Helper()
	rec, err := NewRecorder(dir, events)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.New(p, seed, rec)
	if err != nil {
		t.Fatal(err)
	}
	for range p.Ticks {
		s := m.Step()
		rec.Tick(&s)
	}
	tot := m.Finish()
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if err := WriteActors(filepath.Join(dir, ActorsFile), m); err != nil {
		t.Fatal(err)
	}
	sum := Summary{Scenario: "test", Description: "a small world", Seed: seed, Version: "test", Ticks: p.Ticks,
		Command: "go test", Params: p.Values(), Headlines: tot.Headlines()}
	if err := WriteSummary(filepath.Join(dir, SummaryFile), sum); err != nil {
		t.Fatal(err)
	}
	return rec.SizeCounts()
}

func readTable(t testing.TB, path string) (header []string, rows [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	all, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(all) == 0 {
		t.Fatalf("%s: empty", path)
	}
	return all[0], all[1:]
}

func TestHeadersGolden(t *testing.T) {
	dir := t.TempDir()
	runInto(t, smallParams(t, model.MechanicsCyber), 1, dir, true)
	for _, name := range []string{TicksFile, CascadesFile, EventsFile, ActorsFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := bytes.Cut(b, []byte{'\n'})
		header = append(header, '\n')
		golden := filepath.Join("testdata", strings.TrimSuffix(name, ".csv")+"_header.golden")
		if *update {
			if err := os.WriteFile(golden, header, 0o666); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(header, want) {
			t.Errorf("%s header changed:\n got %s\nwant %s(the format is a contract: update docs/data.md and run go test -update)", name, header, want)
		}
	}
	if got, want := strings.Join(TickColumns(), ","), "tick,attacks,answers,"+strings.Join(model.ActKinds(), ","); !strings.HasPrefix(got, want) {
		t.Errorf("TickColumns does not start with the act kinds: %s", got)
	}
}

func TestSummaryGolden(t *testing.T) {
	s := Summary{
		Scenario: "road-rage", Description: `quotes " and <html> & unicode — fine`, Seed: 18446744073709551615,
		Version: "v0.0.0-test", Ticks: 365, Command: "escalate run --seed 18446744073709551615",
		Params:    [][2]string{{"mechanics", "cyber"}, {"ticks", "365"}, {"firm_value", "1e+06"}, {"tension_grievance", "-0.5"}, {"hack_back", "free"}},
		Names:     map[int32]string{12: `the "spammer"`, 3: "Blue Security"},
		Headlines: []model.Headline{{Name: "acts", Value: 12, Meaning: "hostile acts launched"}, {Name: "misattributed_share", Value: 0.1, Meaning: "share"}},
	}
	got := MarshalSummary(s)
	golden := filepath.Join("testdata", "summary.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("summary.json changed:\n%s\nwant\n%s", got, want)
	}
	var v map[string]any
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatalf("summary.json is not valid JSON: %v", err)
	}
	ps := v["parameters"].(map[string]any)
	if _, ok := ps["ticks"].(float64); !ok {
		t.Errorf("ticks should be a JSON number: %#v", ps["ticks"])
	}
	if _, ok := ps["hack_back"].(string); !ok {
		t.Errorf("hack_back should be a JSON string: %#v", ps["hack_back"])
	}
	// Key order is the order given; names by id.
	if i, j := bytes.Index(got, []byte(`"firm_value"`)), bytes.Index(got, []byte(`"tension_grievance"`)); i < 0 || j < i {
		t.Error("parameters are not in the order given")
	}
	if i, j := bytes.Index(got, []byte(`"3"`)), bytes.Index(got, []byte(`"12"`)); i < 0 || j < i {
		t.Error("names are not in the order of actor ids")
	}
	// ReadNames reads them back.
	path := filepath.Join(t.TempDir(), SummaryFile)
	if err := WriteSummary(path, s); err != nil {
		t.Fatal(err)
	}
	names, err := ReadNames(path)
	if err != nil || !maps.Equal(names, s.Names) {
		t.Errorf("ReadNames = %v, %v; want %v", names, err, s.Names)
	}
	if names, err := ReadNames(filepath.Join(t.TempDir(), SummaryFile)); err != nil || names != nil {
		t.Errorf("ReadNames of a missing file = %v, %v", names, err)
	}
}

// TestRecorderRuns checks determinism, column counts and that events and
// cascades agree, for both mechanics.
func TestRecorderRuns(t *testing.T) {
	for _, mech := range []string{model.MechanicsCyber, model.MechanicsBranching} {
		t.Run(mech, func(t *testing.T) {
			p := smallParams(t, mech)
			a, b := t.TempDir(), t.TempDir()
			sizesA := runInto(t, p, 1, a, true)
			sizesB := runInto(t, p, 1, b, true)
			for _, name := range []string{TicksFile, CascadesFile, EventsFile, ActorsFile, SummaryFile} {
				x, err := os.ReadFile(filepath.Join(a, name))
				if err != nil {
					t.Fatal(err)
				}
				y, err := os.ReadFile(filepath.Join(b, name))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(x, y) {
					t.Errorf("%s differs between two runs with the same seed", name)
				}
			}
			if len(sizesA) == 0 || !mapsEqual(sizesA, sizesB) {
				t.Errorf("size histograms: %v vs %v", sizesA, sizesB)
			}
			checkTables(t, a, p, sizesA)
		})
	}
}

func mapsEqual(a, b map[int64]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func checkTables(t *testing.T, dir string, p model.Params, sizes map[int64]int64) {
	tables := map[string][][]string{}
	headers := map[string][]string{}
	for _, name := range []string{TicksFile, CascadesFile, EventsFile, ActorsFile} {
		h, rows := readTable(t, filepath.Join(dir, name))
		for i, r := range rows {
			if len(r) != len(h) {
				t.Fatalf("%s row %d has %d columns, header %d", name, i+2, len(r), len(h))
			}
		}
		tables[name], headers[name] = rows, h
	}
	col := func(name, c string) int {
		i := slices.Index(headers[name], c)
		if i < 0 {
			t.Fatalf("%s: no column %s", name, c)
		}
		return i
	}
	num := func(s string) int64 {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if n := len(tables[TicksFile]); n != p.Ticks {
		t.Errorf("ticks.csv has %d rows, want %d", n, p.Ticks)
	}
	if n := len(tables[ActorsFile]); n != p.Actors() {
		t.Errorf("actors.csv has %d rows, want %d", n, p.Actors())
	}
	// Ticks: attacks + answers equals the per-kind columns' sum.
	kinds := model.ActKinds()
	var acts int64
	for _, r := range tables[TicksFile] {
		var byKind int64
		for _, k := range kinds {
			byKind += num(r[col(TicksFile, k)])
		}
		aa := num(r[col(TicksFile, "attacks")]) + num(r[col(TicksFile, "answers")])
		if byKind != aa {
			t.Errorf("tick %s: attacks+answers = %d, per-kind sum = %d", r[0], aa, byKind)
		}
		acts += aa
	}
	// Events: every act once, ids 0..n-1 in order, parents first.
	evs := tables[EventsFile]
	if int64(len(evs)) != acts {
		t.Errorf("events.csv has %d rows, ticks.csv counts %d acts", len(evs), acts)
	}
	if len(evs) < 50 {
		t.Errorf("only %d events: the test world is too quiet to test much", len(evs))
	}
	eCasc := map[int64]int64{} // act id -> cascade
	perCascade := map[int64]int64{}
	answers := 0
	for i, r := range evs {
		id, parent, c := num(r[col(EventsFile, "id")]), num(r[col(EventsFile, "parent")]), num(r[col(EventsFile, "cascade")])
		if id != int64(i) {
			t.Fatalf("events.csv row %d has id %d", i+2, id)
		}
		if parent >= 0 {
			answers++
			pc, ok := eCasc[parent]
			if !ok {
				t.Fatalf("act %d's parent %d does not precede it", id, parent)
			}
			if pc != c {
				t.Errorf("act %d is in cascade %d, its parent in %d", id, c, pc)
			}
		}
		eCasc[id] = c
		perCascade[c]++
	}
	if answers == 0 {
		t.Error("no answers: the test world does not exercise cascades")
	}
	// Cascades: one row per cascade, size = its events, closed ones first.
	seen := map[int64]bool{}
	closedSizes := map[int64]int64{}
	openSeen := false
	for _, r := range tables[CascadesFile] {
		id, size := num(r[col(CascadesFile, "id")]), num(r[col(CascadesFile, "size")])
		if seen[id] {
			t.Errorf("cascade %d reported twice", id)
		}
		seen[id] = true
		if size != perCascade[id] {
			t.Errorf("cascade %d has size %d but %d events", id, size, perCascade[id])
		}
		if eCasc[num(r[col(CascadesFile, "root_act")])] != id {
			t.Errorf("cascade %d's root act is not in it", id)
		}
		switch r[col(CascadesFile, "closed")] {
		case "true":
			if openSeen {
				t.Errorf("closed cascade %d after an open one", id)
			}
			closedSizes[size]++
		case "false":
			openSeen = true
		default:
			t.Errorf("closed = %q", r[col(CascadesFile, "closed")])
		}
	}
	if len(seen) != len(perCascade) {
		t.Errorf("cascades.csv has %d cascades, events.csv %d", len(seen), len(perCascade))
	}
	if !mapsEqual(closedSizes, sizes) {
		t.Errorf("SizeCounts %v, cascades.csv closed sizes %v", sizes, closedSizes)
	}
}

func TestAppendTickRow(t *testing.T) {
	s := model.TickStats{Tick: 7, Attacks: 3, Answers: 2, Damage: 0.1, DamageFirms: 4, DamagePoor: 1, TensionMax: 1e-7}
	s.ByKind[model.ActCrime] = 3
	s.ByKind[model.ActHackBack] = 2
	row := string(AppendTickRow(nil, &s))
	cols := TickColumns()
	fields := strings.Split(row, ",")
	if len(fields) != len(cols) {
		t.Fatalf("%d fields, %d columns", len(fields), len(cols))
	}
	want := map[string]string{"tick": "7", "attacks": "3", "crime": "3", "hackback": "2", "damage": "0.1",
		"damage_below_poverty_share": "0.25", "tension_max": "1e-07", "answers": "2"}
	for i, c := range cols {
		if w, ok := want[c]; ok && fields[i] != w {
			t.Errorf("%s = %s, want %s", c, fields[i], w)
		}
	}
	buf := make([]byte, 0, 1024)
	if n := testing.AllocsPerRun(100, func() { buf = AppendTickRow(buf[:0], &s) }); n != 0 {
		t.Errorf("AppendTickRow allocates %v times per row", n)
	}
}

func TestRecorderWriteError(t *testing.T) {
	dir := t.TempDir()
	rec, err := NewRecorder(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	// Close the underlying file behind the recorder's back: the flush fails.
	rec.ticks.f.Close()
	s := model.TickStats{}
	for range 10 {
		rec.Tick(&s)
	}
	if err := rec.Close(); err == nil {
		t.Error("Close did not report the write error")
	}
	if _, err := NewRecorder(filepath.Join(dir, "missing"), false); err == nil {
		t.Error("NewRecorder in a missing directory succeeded")
	}
}

func TestDir(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "sub", "out")
	write := func(d *Dir, name, text string) {
		if err := os.WriteFile(d.Path(name), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	entries := func() []string {
		var out []string
		for _, dir := range []string{filepath.Join(root, "sub")} {
			es, _ := os.ReadDir(dir)
			for _, e := range es {
				out = append(out, e.Name())
			}
		}
		return out
	}

	// Abort leaves nothing.
	d, err := CreateDir(final)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(filepath.Dir(d.Path("x"))), ".out.tmp-") {
		t.Errorf("temporary directory %s", d.Path(""))
	}
	write(d, "a.csv", "half")
	if _, err := os.Stat(final); !errors.Is(err, os.ErrNotExist) {
		t.Error("the final directory exists before Commit")
	}
	d.Abort()
	if e := entries(); len(e) != 0 {
		t.Errorf("Abort left %v", e)
	}

	// First commit.
	d, err = CreateDir(final)
	if err != nil {
		t.Fatal(err)
	}
	write(d, TicksFile, "one")
	write(d, "old-only.csv", "one")
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	d.Abort() // no effect after Commit
	if b, _ := os.ReadFile(filepath.Join(final, TicksFile)); string(b) != "one" {
		t.Errorf("after the first commit ticks.csv = %q", b)
	}
	if err := d.Commit(); err == nil {
		t.Error("a second Commit of the same Dir succeeded")
	}

	// A second run replaces the directory as a whole.
	d, err = CreateDir(final)
	if err != nil {
		t.Fatal(err)
	}
	write(d, TicksFile, "two")
	if b, _ := os.ReadFile(filepath.Join(final, TicksFile)); string(b) != "one" {
		t.Errorf("the old output changed before Commit: %q", b)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(final, TicksFile)); string(b) != "two" {
		t.Errorf("after the second commit ticks.csv = %q", b)
	}
	if _, err := os.Stat(filepath.Join(final, "old-only.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a file of the old output survived the replacement")
	}
	if e := entries(); !slices.Equal(e, []string{"out"}) {
		t.Errorf("after commits the parent holds %v, want only out", e)
	}

	// A file in the way is an error.
	file := filepath.Join(root, "file")
	os.WriteFile(file, nil, 0o666)
	if _, err := CreateDir(file); err == nil {
		t.Error("CreateDir over a file succeeded")
	}

	// A directory that is not a run's output is never replaced.
	home := filepath.Join(root, "home")
	os.MkdirAll(filepath.Join(home, "Documents"), 0o777)
	os.WriteFile(filepath.Join(home, TicksFile), nil, 0o666)
	data := filepath.Join(root, "data")
	os.MkdirAll(data, 0o777)
	os.WriteFile(filepath.Join(data, "survey.csv"), nil, 0o666)
	for _, p := range []string{home, data, ".", "..", "/", root + "/.."} {
		if d, err := CreateDir(p); err == nil {
			d.Abort()
			t.Errorf("CreateDir(%s) succeeded", p)
		}
	}
	// ... even if it became one after CreateDir.
	d, err = CreateDir(filepath.Join(root, "late"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "late", "keep"), 0o777)
	if err := d.Commit(); err == nil {
		t.Error("Commit replaced a directory with a subdirectory")
	}
	d.Abort()
	if _, err := os.Stat(filepath.Join(root, "late", "keep")); err != nil {
		t.Errorf("the directory in the way was touched: %v", err)
	}
	// An empty directory is replaced.
	empty := filepath.Join(root, "empty")
	os.MkdirAll(empty, 0o777)
	d, err = CreateDir(empty)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Error(err)
	}
}

func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() != 1600 || b.Dy() != 1200 {
		t.Errorf("%s is %dx%d, want 1600x1200", path, b.Dx(), b.Dy())
	}
	colours, dark := map[[3]uint32]bool{}, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if r+g+bl < 3*0xc000 {
				dark++
			}
		}
	}
	if len(colours) < 20 || dark < 2000 {
		t.Errorf("%s looks blank: %d colours, %d dark pixels", path, len(colours), dark)
	}
	_ = image.Point{}
}

func checkSVG(t *testing.T, path string, minElems int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	elems := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", path, err)
		}
		if _, ok := tok.(xml.StartElement); ok {
			elems++
		}
	}
	if elems < minElems {
		t.Errorf("%s has only %d elements", path, elems)
	}
}

func TestPlots(t *testing.T) {
	dir := t.TempDir()
	sizes := runInto(t, smallParams(t, model.MechanicsBranching), 1, dir, false)
	if err := PlotTicks(filepath.Join(dir, TicksFile), filepath.Join(dir, "ticks")); err != nil {
		t.Fatal(err)
	}
	if err := PlotCCDF(sizes, filepath.Join(dir, "cascade_sizes")); err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{"ticks", "cascade_sizes"} {
		checkPNG(t, filepath.Join(dir, base+".png"))
		checkSVG(t, filepath.Join(dir, base+".svg"), 50)
	}
	// Degenerate histograms still make valid figures, which say why no
	// distribution is drawn.
	for i, h := range []map[int64]int64{nil, {1: 5}, {3: 1}} {
		base := filepath.Join(dir, "ccdf"+strconv.Itoa(i))
		if err := PlotCCDF(h, base); err != nil {
			t.Fatalf("PlotCCDF(%v): %v", h, err)
		}
		checkSVG(t, base+".svg", 4)
	}
	// Not a ticks file.
	if err := PlotTicks(filepath.Join(dir, CascadesFile), filepath.Join(dir, "bad")); err == nil {
		t.Error("PlotTicks accepted cascades.csv")
	}
}

// TestPlotTicksBinning checks that long runs are averaged into bounded bins.
func TestPlotTicksBinning(t *testing.T) {
	for _, c := range []struct{ n, width int }{{512, 1}, {513, 2}, {5000, 16}} {
		t.Run(strconv.Itoa(c.n), func(t *testing.T) { testBinning(t, c.n, c.width) })
	}
}

func testBinning(t *testing.T, n, wantWidth int) {
	dir := t.TempDir()
	path := filepath.Join(dir, TicksFile)
	var b bytes.Buffer
	b.WriteString(strings.Join(TickColumns(), ",") + "\n")
	row := make([]byte, 0, 512)
	for i := range n {
		s := model.TickStats{Tick: i, Attacks: int64(i % 2), DamageFirms: 2, DamagePoor: float64(i % 2)}
		row = AppendTickRow(row[:0], &s)
		b.Write(row)
		b.WriteByte('\n')
	}
	os.WriteFile(path, b.Bytes(), 0o666)
	data, err := tickBins(path, []string{"attacks", "damage_below_poverty_share"})
	if err != nil {
		t.Fatal(err)
	}
	xs, ys, width := data.xs, data.ys, data.width
	if data.first != 0 || data.last != float64(n-1) {
		t.Errorf("ticks %v to %v", data.first, data.last)
	}
	// The narrowest power-of-two bins that leave at most maxBins points.
	if width != wantWidth || len(xs) != (n+width-1)/width || len(xs) > maxBins {
		t.Errorf("width %d, %d bins", width, len(xs))
	}
	if width > 1 && (xs[0] != float64(width-1)/2 || ys[0][0] != 0.5 || ys[1][0] != 0.25) {
		t.Errorf("first bin: tick %v attacks %v share %v", xs[0], ys[0][0], ys[1][0])
	}
}

func TestTellStory(t *testing.T) {
	dir := t.TempDir()
	runInto(t, smallParams(t, model.MechanicsCyber), 1, dir, true)
	_, rows := readTable(t, filepath.Join(dir, CascadesFile))
	// Tell the largest cascade.
	best, bestSize := int64(-1), int64(0)
	for _, r := range rows {
		id, _ := strconv.ParseInt(r[0], 10, 64)
		size, _ := strconv.ParseInt(r[4], 10, 64)
		if size > bestSize {
			best, bestSize = id, size
		}
	}
	if bestSize < 3 {
		t.Fatalf("largest cascade has %d acts", bestSize)
	}
	var out bytes.Buffer
	if err := TellStory(dir, best, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if int64(len(lines)) != bestSize+1 {
		t.Errorf("%d lines for a cascade of %d acts:\n%s", len(lines), bestSize, out.String())
	}
	for _, l := range lines[:len(lines)-1] {
		if !strings.HasPrefix(l, "Day ") {
			t.Errorf("line %q does not start with the day", l)
		}
	}
	last := lines[len(lines)-1]
	if !strings.Contains(last, strconv.FormatInt(bestSize, 10)+" acts") || !strings.Contains(last, "peak intensity") {
		t.Errorf("summary line %q", last)
	}
	// The whole story is pinned: the narrator's wording (internal/narrate)
	// as the command tells it, from the CSV files.
	golden := filepath.Join("testdata", "story.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	if want, err := os.ReadFile(golden); err != nil {
		t.Fatal(err)
	} else if out.String() != string(want) {
		t.Errorf("story of cascade %d:\n%s\nwant (%s):\n%s", best, out.String(), golden, want)
	}

	// Errors: a missing cascade names the range; no events.csv says what to do.
	err := TellStory(dir, int64(len(rows))+100, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "0 to "+strconv.Itoa(len(rows)-1)) {
		t.Errorf("unknown cascade: %v", err)
	}
	// A run with one cascade says so, not "cascades 0 to 0".
	one := t.TempDir()
	header, evRows := readTable(t, filepath.Join(dir, EventsFile))
	col := slices.Index(header, "cascade")
	var kept [][]string
	for _, r := range evRows {
		if r[col] == "0" {
			kept = append(kept, r)
		}
	}
	writeCSV(t, filepath.Join(one, EventsFile), header, kept)
	err = TellStory(one, 3, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "has one cascade, 0") {
		t.Errorf("unknown cascade in a one-cascade run: %v", err)
	}
	other := t.TempDir()
	runInto(t, smallParams(t, model.MechanicsCyber), 1, other, false)
	err = TellStory(other, 0, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--events") {
		t.Errorf("no events.csv: %v", err)
	}
}

// BenchmarkRecorder measures the Recorder's throughput on events: one
// benchmark op is one act written to events.csv.
func BenchmarkRecorder(b *testing.B) {
	rec, err := NewRecorder(b.TempDir(), true)
	if err != nil {
		b.Fatal(err)
	}
	a := model.Act{Parent: 12, Cascade: 3, Tick: 40, Kind: model.ActHackBack, Origin: 1234, Target: 567, Via: -1, Flag: -1,
		Suspect: 567, Detected: true, Misattributed: true, Confidence: 0.6180339887498949, Intensity: 2, Generation: 1, Damage: 0.0123456789}
	b.ReportAllocs()
	b.SetBytes(int64(len(csvfmt.AppendEventRow(nil, &a)) + 1))
	for i := 0; b.Loop(); i++ {
		a.ID = int64(i)
		rec.Act(&a)
	}
	if err := rec.Close(); err != nil {
		b.Fatal(err)
	}
}

// TestCodebook checks that docs/data.md documents every column of every
// table, in the order written, and every key of summary.json.
func TestCodebook(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "docs", "data.md"))
	if err != nil {
		t.Skipf("no codebook: %v", err)
	}
	// section -> first-column names of its tables' rows, in order.
	rows := map[string][]string{}
	section := ""
	for _, line := range strings.Split(string(b), "\n") {
		if s, ok := strings.CutPrefix(line, "## "); ok {
			section = strings.TrimSpace(s)
			continue
		}
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(line, "| `"), "`")
		rows[section] = append(rows[section], name)
	}
	want := map[string][]string{
		TicksFile:    TickColumns(),
		CascadesFile: CascadeColumns(),
		EventsFile:   EventColumns(),
		ActorsFile:   ActorColumns(),
	}
	for file, cols := range want {
		if got := rows[file]; !slices.Equal(got, cols) {
			t.Errorf("docs/data.md section %s documents\n%v\nbut the file has\n%v", file, got, cols)
		}
	}
	keys := []string{"scenario", "description", "seed", "version", "ticks", "command", "parameters", "names", "headlines", "headline_meanings"}
	doc := rows[SummaryFile]
	if len(doc) < len(keys) || !slices.Equal(doc[:len(keys)], keys) {
		t.Errorf("docs/data.md summary.json keys %v, want %v first", doc, keys)
	}
	var v map[string]json.RawMessage
	if err := json.Unmarshal(MarshalSummary(Summary{}), &v); err != nil {
		t.Fatal(err)
	}
	if len(v) != len(keys) {
		t.Errorf("summary.json has %d keys, the codebook %d", len(v), len(keys))
	}
	// observed.json: its keys, then its statistics and its settings.
	obsKeys := []string{"source", "files", "observation", "period", "statistics", "bootstrap", "intervals", "scales", "meanings"}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(observe.Report{Stats: make(observe.Stats, len(observe.Statistics()))}.Marshal(), &top); err != nil {
		t.Fatal(err)
	}
	if len(top) != len(obsKeys) {
		t.Errorf("observed.json has %d keys, the codebook %d", len(top), len(obsKeys))
	}
	for _, st := range observe.Statistics() {
		obsKeys = append(obsKeys, st.Name)
	}
	obsKeys = append(obsKeys, observe.Names()...)
	if got := rows[ObservedFile]; !slices.Equal(got, obsKeys) {
		t.Errorf("docs/data.md section observed.json documents\n%v\nwant\n%v", got, obsKeys)
	}
}

// A run killed outright leaves its temporary directory; the next run into
// the same path removes it, but not a live run's nor a stranger's.
func TestCreateDirRemovesStaleTemporaries(t *testing.T) {
	parent := t.TempDir()
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip("cannot start a process to get a dead pid:", err)
	}
	stale := filepath.Join(parent, fmt.Sprintf(".out.tmp-%d-0123456789abcdef", gone.Process.Pid))
	live := filepath.Join(parent, fmt.Sprintf(".out.tmp-%d-fedcba9876543210", os.Getpid()))
	other := filepath.Join(parent, ".other.tmp-1-0123456789abcdef")
	odd := filepath.Join(parent, ".out.tmp-notapid")
	for _, d := range []string{stale, live, other, odd} {
		if err := os.MkdirAll(filepath.Join(d, "half"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	d, err := CreateDir(filepath.Join(parent, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the dead run's %s is still there", stale)
	}
	for _, keep := range []string{live, other, odd} {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("%s was removed: %v", keep, err)
		}
	}
}

// writeCSV writes a table with its header.
func writeCSV(t *testing.T, path string, header []string, rows [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write(header)
	w.WriteAll(rows)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
