package observe

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

var update = flag.Bool("update", false, "rewrite the golden observed.json")

// goldenTicks is the length of the golden run: three years, so that the
// incidents of the first two have whole reply windows.
const goldenTicks = 3 * 365

// statusQuoReport observes a status-quo run of seed 1 and goldenTicks.
func statusQuoReport(t testing.TB) Report {
	sc, err := scenario.Load("status-quo")
	if err != nil {
		t.Fatal(err)
	}
	p := sc.Params
	p.Ticks = goldenTicks
	o := NewObserver(DefaultConfig())
	m, err := model.New(p, 1, o)
	if err != nil {
		t.Fatal(err)
	}
	o.Attach(m.Actors())
	for m.Tick() < p.Ticks {
		m.Step()
	}
	m.Finish()
	r := o.Finish(m.Tick())
	return NewReport(&r, o.Config(), nil, nil)
}

// TestGoldenObserved: the observed.json of a short status-quo run is as
// recorded in testdata (go test ./observe -run TestGoldenObserved -update
// rewrites it, when the observation model changes on purpose).
func TestGoldenObserved(t *testing.T) {
	got := statusQuoReport(t).Marshal()
	path := filepath.Join("testdata", "observed_status_quo.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("observed.json of status-quo, seed 1, %d ticks, differs from %s:\n%s", goldenTicks, path, got)
	}
}
