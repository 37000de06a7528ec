package calibrate

import (
	"context"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// checkPNG decodes path and checks its size.
func checkPNG(t *testing.T, path string, w, h int) {
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
	if b := img.Bounds(); b.Dx() != w || (h > 0 && b.Dy() != h) {
		t.Errorf("%s is %dx%d, want %dx%d", path, b.Dx(), b.Dy(), w, h)
	}
}

// figureDir is where the figures go: CALIBRATE_FIGURES if set (to look at
// them), else a temporary directory.
func figureDir(t *testing.T) string {
	if d := os.Getenv("CALIBRATE_FIGURES"); d != "" {
		return d
	}
	return t.TempDir()
}

func TestFigures(t *testing.T) {
	dir := figureDir(t)
	cfg := smallConfig(8)
	cfg.Priors = append(cfg.Priors, Prior{Name: "rate", Kind: LogUniform, Lo: 0.001, Hi: 10})
	sim := perTheta(func(gen, batch, i int, th []float64) []float64 {
		s := twoSimOne(gen, batch, i, th)
		return append(s, math.Log(th[2])-math.Log(th[0]+11), math.NaN())
	}, false)
	target := Target{Names: []string{"a", "b", "c", "d"}, Observed: []float64{1.5, math.Log(20), -4, math.NaN()}, Scale: []float64{0.2, 0.1, 0.5, 1}}
	res, err := Run(context.Background(), cfg, target, sim, nil)
	if err != nil {
		t.Fatal(err)
	}
	g := *res.Last()
	if err := PairPlot(g, cfg.Priors, []float64{1.5, 20, 0.2}, filepath.Join(dir, "pairs.png")); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, filepath.Join(dir, "pairs.png"), 1600, 1600)
	if err := MarginalsPlot(res.Generations, cfg.Priors, filepath.Join(dir, "marginals.png")); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, filepath.Join(dir, "marginals.png"), 1600, 0)
	rows := PredictiveRowsWeighted(target.Names, []float64{1.5, 4, -4, math.NaN()}, []float64{1.3, 3.5, math.NaN()}, []float64{1.7, 4.4, math.NaN()}, g.Stats, g.Weights, 0.9)
	if !rows[0].Inside || rows[1].Inside || !rows[3].Inside || rows[3].Undefined != 1 {
		t.Errorf("rows %+v: want a inside, b outside, d undefined in data and model (inside)", rows)
	}
	if err := PredictivePlot(rows, filepath.Join(dir, "predictive.png")); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, filepath.Join(dir, "predictive.png"), 1400, 400)
}

// Single-valued and NaN inputs draw without error.
func TestFiguresDegenerate(t *testing.T) {
	dir := figureDir(t)
	priors := []Prior{{Name: "x", Kind: Uniform, Lo: 0, Hi: 1}, {Name: "n", Kind: Uniform, Lo: 1, Hi: 5, Integer: true}}
	g := Generation{Index: 3, Epsilon: 0.5, Particles: [][]float64{{0.5, 2}, {0.5, 2}, {math.NaN(), 2}},
		Latent: [][]float64{{0.5, 2}, {0.5, 2}, {0.5, 2}}, Weights: []float64{0.5, 0.5, 0}, ESS: 2}
	if err := PairPlot(g, priors, []float64{math.NaN(), 3}, filepath.Join(dir, "pairs-degenerate.png")); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, filepath.Join(dir, "pairs-degenerate.png"), 1600, 1600)
	if err := MarginalsPlot([]Generation{g}, priors, filepath.Join(dir, "marginals-degenerate.png")); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, filepath.Join(dir, "marginals-degenerate.png"), 1600, 0)
	sims := [][]float64{{1, math.NaN(), 2}, {1, math.NaN(), math.NaN()}}
	rows := PredictiveRows([]string{"constant", "never defined", "one value"}, []float64{1, 0.3, math.NaN()}, nil, nil, sims, 0.9)
	if !rows[0].Inside || rows[1].Inside || !math.IsNaN(rows[1].ModelMedian) || rows[2].Undefined != 0.5 || !rows[2].Inside {
		t.Errorf("rows %+v", rows)
	}
	if err := PredictivePlot(rows, filepath.Join(dir, "predictive-degenerate.png")); err != nil {
		t.Fatal(err)
	}
	checkPNG(t, filepath.Join(dir, "predictive-degenerate.png"), 1400, 400)
	if err := PairPlot(g, priors[:1], nil, filepath.Join(dir, "x.png")); err == nil {
		t.Error("a pair plot with fewer priors than parameters drew")
	}
	if err := PredictivePlot(nil, filepath.Join(dir, "x.png")); err == nil {
		t.Error("an empty predictive plot drew")
	}
}
