package calibrate

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCalibrateEndToEnd: a tiny calibration through the sweep engine
// writes every output; its files do not depend on the workers; a run
// interrupted after its first batch resumes to the same files; and a
// directory holding another calibration is refused.
func TestCalibrateEndToEnd(t *testing.T) {
	s, err := Load(filepath.Join("testdata", "tiny.toml"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	run := func(dir string, workers int, ctx context.Context, progress func(Progress)) (*Outcome, error) {
		return Calibrate(ctx, s, Options{Dir: filepath.Join(root, dir), Workers: workers, Version: "test", Progress: progress})
	}
	one, err := run("one", 1, context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(one.Result.Generations); n != 3 {
		t.Errorf("%d generations, want 3 (%s)", n, one.Result.Stopped)
	}
	for _, f := range []string{PosteriorFile, PosteriorParquet, GenerationsFile, SummaryFile, CorrelationsFile, PredictiveFile, PairsFigure, MarginalsFigure, PredictiveFigure, PresetFile, ManifestFile} {
		if st, err := os.Stat(filepath.Join(root, "one", f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := run("two", 2, context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = run("resumed", 2, ctx, func(Progress) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: error %v, want context.Canceled", err)
	}
	if _, err := run("resumed", 2, context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{PosteriorFile, PosteriorParquet, GenerationsFile, SummaryFile, CorrelationsFile, PredictiveFile, PresetFile} {
		a, _ := os.ReadFile(filepath.Join(root, "one", f))
		for _, other := range []string{"two", "resumed"} {
			if b, _ := os.ReadFile(filepath.Join(root, other, f)); !bytes.Equal(a, b) {
				t.Errorf("%s differs between 1 worker and %s", f, other)
			}
		}
	}
	// The preset is a scenario the program loads, and names every
	// calibrated parameter.
	preset, _ := os.ReadFile(filepath.Join(root, "one", PresetFile))
	for _, p := range s.Priors {
		if !strings.Contains(string(preset), "\n"+p.Name+" = ") {
			t.Errorf("the preset sets no %s:\n%s", p.Name, preset)
		}
	}
	// Another spec into the same directory is refused, naming it.
	other := *s
	other.Text = append([]byte("# changed\n"), s.Text...)
	_, err = Calibrate(context.Background(), &other, Options{Dir: filepath.Join(root, "one")})
	var de *DirError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "holds another calibration") {
		t.Errorf("another spec into the same directory: %v", err)
	}
	// The posterior reads back, and the report tells the run.
	post, err := ReadPosterior(filepath.Join(root, "one", PosteriorFile))
	if err != nil || len(post.Particles) != s.Config.Particles || len(post.Names) != len(s.Priors) {
		t.Fatalf("ReadPosterior: %v, %d particles", err, len(post.Particles))
	}
	rep := Report(one, "calibration")
	for _, want := range []string{"## Posterior", "## Posterior-predictive check", "patterns inside the model's interval", "`espionage_rate`"} {
		if !strings.Contains(rep, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
