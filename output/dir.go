package output

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// Dir is an output directory that appears atomically. Files are written
// into a fresh temporary directory beside the final one (same parent, named
// ".<base>.tmp-<pid>-<random>"); Commit renames it into place, and Abort
// removes it. A failed or interrupted run thus leaves no half-written output
// at the final path. A run killed outright (kill -9) leaves its hidden
// temporary directory; the next CreateDir in the same parent, or Clean,
// removes those whose process is gone.
//
// Commit writes MarkerFile into the directory: the list of the files it
// holds. An existing directory at the final path is replaced as a whole,
// so, to keep the user's own files (a notebook beside a run's tables, a
// mistyped home directory) from being deleted, it is replaced only if it is
// empty, or holds a marker and nothing but the files the marker lists, or
// has no marker and holds only files a run writes (see Known). Otherwise
// CreateDir and Commit refuse with a *ForeignError naming the other files.
type Dir struct {
	final string
	tmp   string
	known func(name string) bool
	done  bool
}

// CreateDir creates the temporary directory for a run's output directory
// that will appear at final, creating final's parent directories if needed.
// It fails if final exists and is not a directory, or is a directory that
// holds files no run wrote (see Dir).
func CreateDir(final string) (*Dir, error) { return CreateDirOf(final, RunFile) }

// CreateDirOf is CreateDir for a directory whose writer's files are those
// known reports: known decides whether a directory without a marker (from
// before markers, or written by hand) may be replaced.
func CreateDirOf(final string, known func(name string) bool) (*Dir, error) {
	if final == "" {
		return nil, errors.New("output directory: empty path")
	}
	final = filepath.Clean(final)
	parent, base := filepath.Split(final)
	if base == "" || base == "." || base == ".." {
		return nil, fmt.Errorf("output directory %s: name a directory to create or replace, not the current, parent or root directory", final)
	}
	if err := replaceable(final, known); err != nil {
		return nil, err
	}
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return nil, fmt.Errorf("output directory %s: %w", final, err)
	}
	RemoveLeftovers(parent)
	for range 100 {
		tmp := filepath.Join(parent, TempPrefix(base)+randomSuffix())
		err := os.Mkdir(tmp, 0o777) // an ordinary directory, subject to the umask
		if err == nil {
			return &Dir{final: final, tmp: tmp, known: known}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("output directory %s: %w", final, err)
		}
	}
	return nil, fmt.Errorf("output directory %s: cannot find a free temporary name", final)
}

// randomSuffix returns 16 random hexadecimal digits.
func randomSuffix() string {
	return fmt.Sprintf("%016x", rand.Uint64())
}

// Path returns the path of the named file inside the temporary directory.
func (d *Dir) Path(name string) string { return filepath.Join(d.tmp, name) }

// Final returns the path at which the directory appears on Commit.
func (d *Dir) Final() string { return d.final }

// Commit moves the temporary directory to the final path. An existing
// directory there is renamed aside first and removed once the new one is
// in place; if the new one cannot be moved in, the old one is put back.
// Commit can succeed only once; after it, Abort does nothing.
func (d *Dir) Commit() error {
	if d.done {
		return fmt.Errorf("output directory %s: already committed or aborted", d.final)
	}
	parent, base := filepath.Split(d.final)
	if parent == "" {
		parent = "."
	}
	if err := replaceable(d.final, d.known); err != nil {
		return err
	}
	if err := writeMarker(d.tmp); err != nil {
		return fmt.Errorf("output directory %s: %w", d.final, err)
	}
	old := ""
	if _, err := os.Lstat(d.final); err == nil {
		aside := filepath.Join(parent, OldPrefix(base)+randomSuffix())
		if err := os.Rename(d.final, aside); err != nil {
			return fmt.Errorf("output directory %s: moving the old directory aside: %w", d.final, err)
		}
		old = aside
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("output directory %s: %w", d.final, err)
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		if old != "" {
			os.Rename(old, d.final)
		}
		return fmt.Errorf("output directory %s: %w", d.final, err)
	}
	d.done = true
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("output directory %s: committed, but removing the previous directory %s: %w", d.final, old, err)
		}
	}
	return nil
}

// Abort removes the temporary directory and everything in it. It does
// nothing after Commit or a previous Abort.
func (d *Dir) Abort() {
	if d.done {
		return
	}
	d.done = true
	os.RemoveAll(d.tmp)
}
