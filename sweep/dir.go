package sweep

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/output"
)

// ManifestFile is the name of a sweep directory's manifest: the plan, its
// hash, and the shard the directory holds.
const ManifestFile = "sweep.json"

// Manifest is the content of sweep.json.
type Manifest struct {
	Format  int    `json:"format"`
	Hash    string `json:"hash"`    // Plan.Hash
	Version string `json:"version"` // version of the program that started the sweep
	Shard   Shard  `json:"shard"`   // N = 0: every run
	Runs    int    `json:"runs"`    // runs of the whole plan
	Plan    *Plan  `json:"plan"`
}

// manifestFormat is the format of sweep.json: 2 since the plan holds the
// description of its conditions (factors' levels, the sample's generator)
// rather than their list.
const manifestFormat = 2

// Shard is a deterministic part of a sweep's runs: shard K of N holds the
// runs whose index is K modulo N. The zero value (N = 0) holds every run.
type Shard struct {
	K int `json:"k"`
	N int `json:"n"`
}

// Has reports whether run i belongs to the shard.
func (s Shard) Has(i int) bool { return s.N <= 1 || i%s.N == s.K }

// Count returns how many of runs runs belong to the shard.
func (s Shard) Count(runs int) int {
	if s.N <= 1 {
		return runs
	}
	if s.K >= runs {
		return 0
	}
	return (runs-1-s.K)/s.N + 1
}

func (s Shard) String() string {
	if s.N == 0 {
		return "all"
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// ParseShard parses "K/N" with 0 <= K < N (N >= 1), as Slurm numbers array
// tasks from 0.
func ParseShard(text string) (Shard, error) {
	k, n, ok := strings.Cut(strings.TrimSpace(text), "/")
	kv, err1 := strconv.Atoi(k)
	nv, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || nv < 1 || kv < 0 || kv >= nv {
		return Shard{}, fmt.Errorf("--shard %q: expected K/N with N >= 1 and K from 0 to N-1, e.g. --shard 0/4 (a Slurm array task id over the number of tasks)", text)
	}
	return Shard{K: kv, N: nv}, nil
}

// DirError is a problem with a sweep directory that the user must resolve:
// it holds another sweep, is not a sweep directory, or lacks runs.
type DirError struct {
	Dir string
	Msg string
}

func (e *DirError) Error() string { return e.Dir + ": " + e.Msg }

// ReadManifest reads a sweep directory's sweep.json.
func ReadManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &DirError{Dir: dir, Msg: "no " + ManifestFile + ": not a sweep's output directory"}
		}
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil || m.Plan == nil || m.Hash == "" {
		return nil, &DirError{Dir: dir, Msg: fmt.Sprintf("%s is damaged or not a sweep manifest: %v", ManifestFile, err)}
	}
	if m.Format != manifestFormat {
		return nil, &DirError{Dir: dir, Msg: fmt.Sprintf("%s has format %d; this program reads format %d (format 1 listed every condition: finish or merge that sweep with the escalate that started it, or start afresh in another --out)", ManifestFile, m.Format, manifestFormat)}
	}
	if err := m.Plan.validate(); err != nil {
		return nil, &DirError{Dir: dir, Msg: fmt.Sprintf("%s is damaged: its plan cannot give its conditions: %v", ManifestFile, err)}
	}
	if m.Runs != m.Plan.Runs() {
		return nil, &DirError{Dir: dir, Msg: ManifestFile + " is inconsistent (runs do not match conditions × replicates)"}
	}
	return &m, nil
}

// marshalManifest returns sweep.json's bytes.
func marshalManifest(m *Manifest) []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	e.Encode(m) // plain data: cannot fail
	return b.Bytes()
}

// prepareDir makes dir ready for the plan's shard: a new directory gets
// sweep.json; an existing sweep directory must hold the same plan and
// shard (it is then resumed); anything else is refused. It returns the
// manifest in force.
func prepareDir(dir string, p *Plan, shard Shard, version string) (*Manifest, bool, error) {
	want := &Manifest{Format: manifestFormat, Hash: p.Hash(), Version: version, Shard: shard, Runs: p.Runs(), Plan: p}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o777); err != nil {
			return nil, false, err
		}
	case err != nil:
		return nil, false, err
	case !fi.IsDir():
		return nil, false, &DirError{Dir: dir, Msg: "exists and is not a directory"}
	}
	have, err := ReadManifest(dir)
	if err == nil {
		if have.Hash != want.Hash {
			return nil, false, &DirError{Dir: dir, Msg: fmt.Sprintf("holds a sweep of another spec (hash %.12s, this spec %.12s): the spec changed since the sweep started there (%s). Rerun with the spec it was started with to resume, or choose another --out (or remove the directory) to start afresh", have.Hash, want.Hash, planDiff(have, want))}
		}
		if have.Shard != shard {
			return nil, false, &DirError{Dir: dir, Msg: fmt.Sprintf("holds shard %s of this sweep, not shard %s: give each shard its own --out", have.Shard, shard)}
		}
		// The same runs: take the figure options of the spec as it is now.
		have.Plan = p
		if err := writeFileAtomic(filepath.Join(dir, ManifestFile), marshalManifest(have)); err != nil {
			return nil, false, err
		}
		return have, true, nil
	}
	var de *DirError
	if !errors.As(err, &de) || !strings.Contains(de.Msg, "no "+ManifestFile) {
		return nil, false, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, false, err
	}
	if len(entries) > 0 {
		return nil, false, &DirError{Dir: dir, Msg: fmt.Sprintf("exists, is not empty and holds no %s, so it is not a sweep's output: choose another --out", ManifestFile)}
	}
	if err := writeFileAtomic(filepath.Join(dir, ManifestFile), marshalManifest(want)); err != nil {
		return nil, false, err
	}
	return want, false, nil
}

// writeFileAtomic writes data to a temporary file beside path, syncs it and
// renames it into place, so that path holds either the old or the new
// content.
func writeFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// writeAtomic creates a temporary file beside path, lets fill write it,
// syncs it and renames it to path; on failure it removes it.
func writeAtomic(path string, fill func(f *os.File) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, output.TempPrefix(base)+"*")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := fill(f); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	// CreateTemp makes the file 0600; tables are for everyone to read.
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	ok = true
	return nil
}

// factorNames returns the names and designs of factors.
func factorNames(fs []Column) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name + " " + f.Type + " " + f.Design
	}
	return out
}

// planDiff says in words what differs between the plan a directory holds
// and the plan of the spec given now.
func planDiff(have, want *Manifest) string {
	a, b := have.Plan, want.Plan
	var diffs []string
	add := func(what string, x, y any) {
		if !reflect.DeepEqual(x, y) {
			diffs = append(diffs, what)
		}
	}
	add("base", a.Base, b.Base)
	add("master_seed", a.MasterSeed, b.MasterSeed)
	add("replicates", a.Replicates, b.Replicates)
	add("ticks", a.Ticks, b.Ticks)
	add("fixed parameters", a.Fixed, b.Fixed)
	add("varied parameters", factorNames(a.Factors), factorNames(b.Factors))
	if reflect.DeepEqual(factorNames(a.Factors), factorNames(b.Factors)) {
		add("their values", []any{a.Factors, a.Sample, a.Custom}, []any{b.Factors, b.Sample, b.Custom})
	}
	add("outputs kept", [3]bool{a.Outputs.Series, a.Outputs.CascadeSizes, a.Outputs.Observed}, [3]bool{b.Outputs.Series, b.Outputs.CascadeSizes, b.Outputs.Observed})
	add("observation settings", a.observation(), b.observation())
	if !reflect.DeepEqual(a.BaseParams, b.BaseParams) {
		var names []string
		for i := range min(len(a.BaseParams), len(b.BaseParams)) {
			if a.BaseParams[i] != b.BaseParams[i] {
				names = append(names, a.BaseParams[i][0])
			}
		}
		what := "the base scenario's parameters"
		if len(names) > 0 {
			what += " (" + strings.Join(names[:min(len(names), 4)], ", ") + ")"
		}
		diffs = append(diffs, what+": the preset or the model changed")
	}
	add("the model's headline metrics (another version of the model)", a.Headlines, b.Headlines)
	if len(diffs) == 0 {
		return "the plans differ"
	}
	msg := "changed: " + strings.Join(diffs, "; ")
	if have.Version != want.Version {
		msg += fmt.Sprintf("; it was started by escalate %s, this is %s", have.Version, want.Version)
	}
	return msg
}
