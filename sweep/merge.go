package sweep

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Merge combines the directories of a sweep's shards into out: it checks
// that they hold the same plan (the same spec hash) and every run exactly
// once, writes the runs' journal lines in run order to out's journal, and
// builds the tables and figures there, which are then byte-identical to
// those of the same sweep run unsharded. out must not be one of dirs; an
// existing out is replaced only if it is empty or a sweep directory of the
// same plan.
func Merge(dirs []string, out string) (*BuildReport, error) {
	if len(dirs) == 0 {
		return nil, errors.New("merge: no directories to merge")
	}
	var first *Manifest
	shards := map[int]string{}
	for _, d := range dirs {
		if same, _ := sameDir(d, out); same {
			return nil, &DirError{Dir: out, Msg: "is also one of the directories to merge: write the merge to another --out"}
		}
		m, err := ReadManifest(d)
		if err != nil {
			return nil, err
		}
		if first == nil {
			first = m
		} else if m.Hash != first.Hash {
			return nil, &DirError{Dir: d, Msg: fmt.Sprintf("holds a sweep of another spec than %s (hash %.12s, not %.12s): only shards of one sweep can be merged", dirs[0], m.Hash, first.Hash)}
		}
		if m.Shard.N > 1 {
			if m.Shard.N != first.Shard.N && first.Shard.N > 1 {
				return nil, &DirError{Dir: d, Msg: fmt.Sprintf("holds shard %s, but %s holds shard %s: the shards must split the sweep the same way", m.Shard, dirs[0], first.Shard)}
			}
			if prev, ok := shards[m.Shard.K]; ok {
				return nil, &DirError{Dir: d, Msg: fmt.Sprintf("holds shard %s, as %s does: give each shard once", m.Shard, prev)}
			}
			shards[m.Shard.K] = d
		}
	}
	merged := *first
	merged.Shard = Shard{}
	if merged.Plan.Outputs.Metrics == nil {
		merged.Plan.Outputs.Metrics = DefaultMetrics()
	}
	entries, err := indexJournals(first, dirs)
	if err != nil {
		var de *DirError
		if errors.As(err, &de) && first.Shard.N > 1 && len(shards) < first.Shard.N {
			var missing []string
			for k := range first.Shard.N {
				if _, ok := shards[k]; !ok {
					missing = append(missing, fmt.Sprintf("%d/%d", k, first.Shard.N))
				}
			}
			de.Msg += fmt.Sprintf(" (no directory given holds shard %v)", missing)
		}
		return nil, err
	}
	if err := prepareMergeDir(out, &merged); err != nil {
		return nil, err
	}
	if err := copyJournal(dirs, entries, filepath.Join(out, JournalFile)); err != nil {
		return nil, err
	}
	return build(out, &merged, []string{out})
}

// sameDir reports whether a and b name the same existing directory.
func sameDir(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// prepareMergeDir makes out ready to receive a merge of m's plan.
func prepareMergeDir(out string, m *Manifest) error {
	fi, err := os.Stat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(out, 0o777); err != nil {
			return err
		}
	case err != nil:
		return err
	case !fi.IsDir():
		return &DirError{Dir: out, Msg: "exists and is not a directory"}
	default:
		have, err := ReadManifest(out)
		if err == nil && have.Hash != m.Hash {
			return &DirError{Dir: out, Msg: "holds a sweep of another spec: choose another --out"}
		}
		if err != nil {
			entries, rerr := os.ReadDir(out)
			if rerr != nil {
				return rerr
			}
			if len(entries) > 0 {
				return &DirError{Dir: out, Msg: fmt.Sprintf("exists, is not empty and holds no %s, so it is not a sweep's output: choose another --out", ManifestFile)}
			}
		}
	}
	return writeFileAtomic(filepath.Join(out, ManifestFile), marshalManifest(m))
}

// copyJournal writes the runs' lines in run order to path (atomically).
func copyJournal(dirs []string, entries []journalEntry, path string) error {
	files := make([]*os.File, len(dirs))
	for i, d := range dirs {
		f, err := os.Open(filepath.Join(d, JournalFile))
		if err != nil {
			return err
		}
		defer f.Close()
		files[i] = f
	}
	return writeAtomic(path, func(out *os.File) error {
		w := bufio.NewWriterSize(out, 1<<20)
		for _, e := range entries {
			r := io.NewSectionReader(files[e.file], e.offset, int64(e.length)+1) // the line and its newline
			if _, err := io.Copy(w, r); err != nil {
				return err
			}
		}
		return w.Flush()
	})
}
