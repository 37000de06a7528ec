package shipped

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/escalation-model/escalation/internal/tomlpos"
)

// testFS ships three specs in sweeps/, beside a file that is not a spec, a
// directory named like one and a spec of another directory.
var testFS = fstest.MapFS{
	"sweeps/baseline.toml":      {Data: []byte("ticks = 10\n")},
	"sweeps/hot.toml":           {Data: []byte("ticks = 20\n")},
	"sweeps/hot-line.toml":      {Data: []byte("ticks = 30\n")},
	"sweeps/README.md":          {Data: []byte("not a spec\n")},
	"sweeps/nested.toml/a.toml": {Data: []byte("ticks = 40\n")},
	"other/elsewhere.toml":      {Data: []byte("ticks = 50\n")},
}

func TestNames(t *testing.T) {
	for _, c := range []struct {
		dir  string
		want []string
	}{
		// Sorted by name: "hot" before "hot-line", which fs.ReadDir
		// gives the other way round ("-" sorts before ".toml").
		{"sweeps", []string{"baseline", "hot", "hot-line"}},
		{"other", []string{"elsewhere"}},
		{"missing", nil},
	} {
		if got := Names(testFS, c.dir); !slices.Equal(got, c.want) {
			t.Errorf("Names(%q) = %q, want %q", c.dir, got, c.want)
		}
	}
	if got, want := (Specs{Kind: "sweep", FS: testFS, Dir: "sweeps"}).Names(), Names(testFS, "sweeps"); !slices.Equal(got, want) {
		t.Errorf("Specs.Names() = %q, want %q", got, want)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"specs/mine.toml": "ticks = 1\n",
		"local":           "ticks = 2\n",
		"baseline":        "ticks = 3\n", // a file named like a shipped spec
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	specs := Specs{Kind: "sweep", FS: testFS, Dir: "sweeps"}
	for _, c := range []struct {
		name, in string
		want     Spec
		err      string // the whole message; "" for none
		source   string // the error's Source
	}{
		{name: "shipped name", in: "hot-line",
			want: Spec{Data: []byte("ticks = 30\n"), Name: "hot-line", Source: "sweep hot-line", Shipped: true}},
		{name: "shipped name before a file of that name", in: "baseline",
			want: Spec{Data: []byte("ticks = 10\n"), Name: "baseline", Source: "sweep baseline", Shipped: true}},
		{name: "file path", in: "specs/mine.toml",
			want: Spec{Data: []byte("ticks = 1\n"), Name: "mine", Source: "specs/mine.toml", Dir: "specs"}},
		{name: "file with a bare name", in: "local",
			want: Spec{Data: []byte("ticks = 2\n"), Name: "local", Source: "local", Dir: "."}},
		{name: "missing bare name, near a shipped one", in: "hott",
			err: `--spec: unknown sweep spec "hott" (did you mean "hot"?): not a shipped spec (baseline, hot, hot-line) nor a file`, source: "--spec"},
		{name: "missing bare name, near none", in: "quartz",
			err: `--spec: unknown sweep spec "quartz": not a shipped spec (baseline, hot, hot-line) nor a file`, source: "--spec"},
		{name: "spec of another directory", in: "elsewhere",
			err: `--spec: unknown sweep spec "elsewhere": not a shipped spec (baseline, hot, hot-line) nor a file`, source: "--spec"},
		{name: "missing path", in: "specs/none.toml",
			err: "specs/none.toml: cannot read: no such file or directory", source: "specs/none.toml"},
		{name: "missing file name with a dot", in: "none.toml",
			err: "none.toml: cannot read: no such file or directory", source: "none.toml"},
		{name: "a directory", in: "specs",
			err: "specs: cannot read: is a directory", source: "specs"},
	} {
		got, err := specs.Read(c.in)
		if c.err == "" {
			if err != nil {
				t.Errorf("%s: Read(%q): %v", c.name, c.in, err)
			} else if string(got.Data) != string(c.want.Data) || got.Name != c.want.Name || got.Source != c.want.Source || got.Shipped != c.want.Shipped || got.Dir != c.want.Dir {
				t.Errorf("%s: Read(%q) = %+v, want %+v", c.name, c.in, got, c.want)
			}
			continue
		}
		var te *tomlpos.Error
		switch {
		case err == nil:
			t.Errorf("%s: Read(%q) = %+v, want the error %q", c.name, c.in, got, c.err)
		case err.Error() != c.err:
			t.Errorf("%s: Read(%q): %q, want %q", c.name, c.in, err, c.err)
		case !errors.As(err, &te) || te.Source != c.source || te.Line != 0:
			t.Errorf("%s: Read(%q): %#v, want a *tomlpos.Error from %q", c.name, c.in, err, c.source)
		}
	}
}

func TestReadError(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&os.PathError{Op: "open", Path: "a/b.toml", Err: os.ErrPermission}, "a/b.toml: cannot read: permission denied"},
		{errors.New("disk on fire"), "a/b.toml: cannot read: disk on fire"},
	} {
		if got := ReadError("a/b.toml", c.err); got.Error() != c.want || got.Source != "a/b.toml" {
			t.Errorf("ReadError(%v) = %q from %q, want %q", c.err, got, got.Source, c.want)
		}
	}
}
