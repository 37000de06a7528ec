package output

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Dir is an output directory that appears atomically. Files are written
// into a fresh temporary directory beside the final one (same parent, named
// ".<base>.tmp-<pid>-<random>"); Commit renames it into place, and Abort
// removes it. A failed or interrupted run thus leaves no half-written output
// at the final path. A run killed outright (kill -9) leaves its hidden
// temporary directory; the next CreateDir for the same path removes those
// whose process is gone.
//
// An existing directory at the final path is replaced as a whole, so, to
// keep a mistyped path such as a home directory from being deleted, it is
// replaced only if it is empty or looks like a run's output: it holds
// ticks.csv or summary.json and no subdirectories. Otherwise CreateDir and
// Commit refuse.
type Dir struct {
	final string
	tmp   string
	done  bool
}

// CreateDir creates the temporary directory for an output directory that
// will appear at final, creating final's parent directories if needed.
// It fails if final exists and is not a directory, or is a directory that
// does not look like a run's output (see Dir).
func CreateDir(final string) (*Dir, error) {
	if final == "" {
		return nil, errors.New("output directory: empty path")
	}
	final = filepath.Clean(final)
	parent, base := filepath.Split(final)
	if base == "" || base == "." || base == ".." {
		return nil, fmt.Errorf("output directory %s: name a directory to create or replace, not the current, parent or root directory", final)
	}
	if err := replaceable(final); err != nil {
		return nil, err
	}
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return nil, fmt.Errorf("output directory %s: %w", final, err)
	}
	removeStale(parent, base)
	for range 100 {
		tmp := filepath.Join(parent, fmt.Sprintf(".%s.tmp-%d-%s", base, os.Getpid(), randomSuffix()))
		err := os.Mkdir(tmp, 0o777) // an ordinary directory, subject to the umask
		if err == nil {
			return &Dir{final: final, tmp: tmp}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("output directory %s: %w", final, err)
		}
	}
	return nil, fmt.Errorf("output directory %s: cannot find a free temporary name", final)
}

// removeStale removes the temporary directories that runs killed before
// they could clean up left for final: those named for a process that no
// longer exists. Another live run's directory is left alone.
func removeStale(parent, base string) {
	prefix := "." + base + ".tmp-"
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || processAlive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(parent, e.Name()))
	}
}

// processAlive reports whether process pid may still run: only a process
// known to be gone counts as dead.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return !errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone)
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
	if err := replaceable(d.final); err != nil {
		return err
	}
	old := ""
	if _, err := os.Lstat(d.final); err == nil {
		aside := filepath.Join(parent, "."+base+".old-"+randomSuffix())
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

// replaceable reports why the existing path final may not be replaced by
// an output directory, or nil if it does not exist, is empty, or looks like
// a previous run's output: it holds ticks.csv or summary.json and no
// subdirectories.
func replaceable(final string) error {
	fi, err := os.Lstat(final)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output directory %s: %w", final, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("output directory %s: exists and is not a directory", final)
	}
	entries, err := os.ReadDir(final)
	if err != nil {
		return fmt.Errorf("output directory %s: %w", final, err)
	}
	output := len(entries) == 0
	for _, e := range entries {
		if e.IsDir() {
			return fmt.Errorf("output directory %s: exists and holds a subdirectory (%s), so it is not a previous run's output; choose another directory or remove it", final, e.Name())
		}
		if e.Name() == TicksFile || e.Name() == SummaryFile {
			output = true
		}
	}
	if !output {
		return fmt.Errorf("output directory %s: exists and holds no %s or %s, so it is not a previous run's output; choose another directory or remove it", final, TicksFile, SummaryFile)
	}
	return nil
}
