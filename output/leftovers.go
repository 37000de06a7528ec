package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// TempPrefix is the start of the name of a temporary file or directory
// that this process writes beside base before renaming it into place:
// ".<base>.tmp-<pid>-". RemoveLeftovers recognises such names and removes
// them once their process is gone.
func TempPrefix(base string) string { return fmt.Sprintf(".%s.tmp-%d-", base, os.Getpid()) }

// OldPrefix is the start of the name under which Commit moves a previous
// output aside before removing it: ".<base>.old-<pid>-".
func OldPrefix(base string) string { return fmt.Sprintf(".%s.old-%d-", base, os.Getpid()) }

// Leftover is a temporary file or directory that a killed process left.
type Leftover struct {
	Path  string
	Bytes int64
}

// RemoveLeftovers removes, in directory parent, the temporary files and
// directories (see TempPrefix and OldPrefix) of processes that no longer
// exist, and returns what it removed. Another live process's are left
// alone, as are names that merely look similar.
func RemoveLeftovers(parent string) []Leftover {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var gone []Leftover
	for _, e := range entries {
		pid, ok := leftoverPid(e.Name())
		if !ok || processAlive(pid) {
			continue
		}
		path := filepath.Join(parent, e.Name())
		size := diskUse(path)
		if os.RemoveAll(path) == nil {
			gone = append(gone, Leftover{Path: path, Bytes: size})
		}
	}
	return gone
}

// Clean removes the leftovers of killed processes in root and in every
// directory below it (not descending into hidden directories, which
// leftovers themselves are), and returns what it removed.
func Clean(root string) ([]Leftover, error) {
	if fi, err := os.Stat(root); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", root)
	}
	var gone []Leftover
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrPermission) {
				return fs.SkipDir
			}
			return err
		}
		if !e.IsDir() {
			return nil
		}
		if path != root && strings.HasPrefix(e.Name(), ".") {
			return fs.SkipDir
		}
		gone = append(gone, RemoveLeftovers(path)...)
		return nil
	})
	return gone, err
}

// leftoverPid parses ".<base>.tmp-<pid>-<rest>" or ".<base>.old-<pid>-<rest>".
func leftoverPid(name string) (int, bool) {
	if !strings.HasPrefix(name, ".") {
		return 0, false
	}
	for _, tag := range []string{".tmp-", ".old-"} {
		i := strings.LastIndex(name, tag)
		if i <= 1 {
			continue
		}
		pidText, rest, ok := strings.Cut(name[i+len(tag):], "-")
		pid, err := strconv.Atoi(pidText)
		if ok && rest != "" && err == nil && pid > 0 {
			return pid, true
		}
	}
	return 0, false
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

// diskUse returns the bytes of the regular files under path.
func diskUse(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(_ string, e fs.DirEntry, err error) error {
		if err == nil && e.Type().IsRegular() {
			if fi, err := e.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
