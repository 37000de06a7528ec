package output

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// MarkerFile is the name of the file in which an output directory lists
// the files its writer put there, so that a later run can prove that the
// directory holds nothing else before it replaces it.
const MarkerFile = ".escalate-output"

const markerHeader = "# escalate output: the files below were written by escalate; the directory\n" +
	"# is replaced by a later run into it only while it holds nothing else.\n"

// ForeignError reports an existing directory that an output would replace
// but that holds files its writer did not write.
type ForeignError struct {
	Dir   string
	Files []string // sorted, relative to Dir
}

func (e *ForeignError) Error() string {
	const shown = 5
	list := strings.Join(e.Files[:min(len(e.Files), shown)], ", ")
	if n := len(e.Files) - shown; n > 0 {
		list += fmt.Sprintf(" and %d more", n)
	}
	what := "files"
	if len(e.Files) == 1 {
		what = "a file"
	}
	return fmt.Sprintf("output directory %s: exists and holds %s escalate did not write (%s); replacing it would delete them: choose another directory, or move them away", e.Dir, what, list)
}

// RunFile reports whether name is a file that escalate run writes into its
// output directory.
func RunFile(name string) bool {
	switch name {
	case TicksFile, CascadesFile, EventsFile, ActorsFile, SummaryFile, ObservedFile, MarkerFile,
		"ticks.png", "ticks.svg", "cascade_sizes.png", "cascade_sizes.svg":
		return true
	}
	return false
}

// replaceable reports why the existing path final may not be replaced by
// an output directory, or nil if it does not exist, is empty, holds a
// marker and only the files it lists, or holds no marker and only files
// known reports as its writer's.
func replaceable(final string, known func(string) bool) error {
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
	listed, hasMarker, err := readMarker(final)
	if err != nil {
		return fmt.Errorf("output directory %s: %w", final, err)
	}
	var foreign []string
	err = filepath.WalkDir(final, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(final, path)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			return nil
		case hasMarker && e.IsDir() && listedUnder(listed, rel):
			return nil
		case hasMarker && e.Type().IsRegular() && slices.Contains(listed, rel):
			return nil
		case !hasMarker && e.Type().IsRegular() && known(rel):
			return nil
		}
		foreign = append(foreign, rel)
		if e.IsDir() {
			return fs.SkipDir
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("output directory %s: %w", final, err)
	}
	if len(foreign) > 0 {
		slices.Sort(foreign)
		return &ForeignError{Dir: final, Files: foreign}
	}
	return nil
}

// listedUnder reports whether some listed file lies inside directory dir.
func listedUnder(listed []string, dir string) bool {
	for _, f := range listed {
		if strings.HasPrefix(f, dir+"/") {
			return true
		}
	}
	return false
}

// readMarker returns the files dir's marker lists (and the marker itself).
func readMarker(dir string) (files []string, ok bool, err error) {
	f, err := os.Open(filepath.Join(dir, MarkerFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	files = []string{MarkerFile}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			files = append(files, line)
		}
	}
	return files, true, sc.Err()
}

// writeMarker lists every regular file under dir in dir's marker.
func writeMarker(dir string) error {
	var b strings.Builder
	b.WriteString(markerHeader)
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel != MarkerFile {
			b.WriteString(filepath.ToSlash(rel) + "\n")
		}
		return nil
	})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, MarkerFile), []byte(b.String()), 0o666)
}
