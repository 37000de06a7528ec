package scene

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

var update = flag.Bool("update", false, "rewrite scales.csv from the presets' runs")

// scaleKeys are the charts with a scale of their own, in the table's
// order, and the daily value each one draws (its highest line).
var scaleKeys = []struct {
	key   string
	value func(s *model.TickStats) float64
}{
	{"tension", func(s *model.TickStats) float64 { return s.TensionMax }},
	{"harm", func(s *model.TickStats) float64 { return s.Damage }},
	{"innocents", func(s *model.TickStats) float64 { return float64(s.InnocentsHarmed) }},
	{"open", func(s *model.TickStats) float64 { return float64(s.OpenCascades) }},
}

// The scales table is what the presets' runs give: the NiceTop of each
// chart's largest daily value over seeds 1 to ScaleSeeds, per preset.
func TestScalesAreCurrent(t *testing.T) {
	var b strings.Builder
	b.WriteString("preset,chart,top\n")
	for _, name := range scenario.Presets() {
		sc, err := scenario.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		peak := make([]float64, len(scaleKeys))
		for seed := uint64(1); seed <= ScaleSeeds; seed++ {
			m, err := model.New(sc.Params, seed, nil)
			if err != nil {
				t.Fatal(err)
			}
			for range sc.Params.Ticks {
				st := m.Step()
				for i, k := range scaleKeys {
					peak[i] = max(peak[i], k.value(&st))
				}
			}
		}
		for i, k := range scaleKeys {
			fmt.Fprintf(&b, "%s,%s,%g\n", name, k.key, NiceTop(peak[i]))
		}
	}
	if *update {
		if err := os.WriteFile("scales.csv", []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if b.String() != scalesCSV {
		t.Errorf("scales.csv is not what the presets give (go test ./internal/scene -run TestScalesAreCurrent -update):\n%s", b.String())
	}
	for _, name := range scenario.Presets() {
		for _, k := range scaleKeys {
			if scales[name][k.key] <= 0 {
				t.Errorf("no scale for %s's %s chart", name, k.key)
			}
		}
	}
	if Scale("no such preset", "harm") != 1 {
		t.Errorf("an unknown preset's scale is not 1")
	}
}
