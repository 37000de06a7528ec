// Package shipped reads a spec the program ships (a NAME.toml file in a
// directory of an embedded file system, package assets) by its name, or
// else the file at the path given, with the errors every kind of spec
// gives: an unknown bare name lists the shipped names with the nearest
// one, a file that cannot be read is named by its path.
package shipped

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/escalation-model/escalation/internal/spelling"
	"github.com/escalation-model/escalation/internal/tomlpos"
)

// Names returns the names of the NAME.toml files in the directory dir of
// fsys, without .toml, sorted; none when the directory cannot be read.
func Names(fsys fs.FS, dir string) []string {
	entries, _ := fs.ReadDir(fsys, dir)
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// Specs is one kind of shipped spec: the NAME.toml files in Dir of FS.
type Specs struct {
	Kind string // as messages name it: "sweep", "sensitivity", "calibration"
	FS   fs.FS
	Dir  string // the directory in FS, e.g. "sweeps"
}

// Spec is the text of a spec and where it came from.
type Spec struct {
	Data    []byte
	Name    string // the shipped name, or the file's name without .toml
	Source  string // as errors name it: "KIND NAME" for a shipped spec, else the path
	Shipped bool
	Dir     string // where relative paths in it are looked up: the file's directory; "" for a shipped spec
}

// Names returns the names of the shipped specs, sorted.
func (s Specs) Names() []string { return Names(s.FS, s.Dir) }

// Read returns the shipped spec with the given name, or else the file at
// that path. A bare name (no "/" or ".") that is neither is a
// *tomlpos.Error from "--spec" listing the shipped names; a file that
// cannot be read is a *tomlpos.Error naming its path (ReadError).
func (s Specs) Read(nameOrFile string) (Spec, error) {
	names := s.Names()
	if slices.Contains(names, nameOrFile) {
		data, err := fs.ReadFile(s.FS, path.Join(s.Dir, nameOrFile+".toml"))
		if err != nil {
			return Spec{}, err
		}
		return Spec{Data: data, Name: nameOrFile, Source: s.Kind + " " + nameOrFile, Shipped: true}, nil
	}
	data, err := os.ReadFile(nameOrFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(nameOrFile, "/.") {
			return Spec{}, &tomlpos.Error{Source: "--spec", Msg: fmt.Sprintf("unknown %s spec %q%s: not a shipped spec (%s) nor a file", s.Kind, nameOrFile, spelling.Suggest(nameOrFile, names), strings.Join(names, ", "))}
		}
		return Spec{}, ReadError(nameOrFile, err)
	}
	name := strings.TrimSuffix(filepath.Base(nameOrFile), ".toml")
	return Spec{Data: data, Name: name, Source: nameOrFile, Dir: filepath.Dir(nameOrFile)}, nil
}

// ReadError is the error of a file that cannot be read: "PATH: cannot
// read: REASON", the reason without the path an *fs.PathError repeats.
func ReadError(path string, err error) *tomlpos.Error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &tomlpos.Error{Source: path, Msg: "cannot read: " + err.Error()}
}
