package model_test

import (
	"fmt"

	"github.com/escalation-model/escalation/model"
)

// ExampleNew builds the default world, lets firms and citizens hack back
// freely, runs it for half a year and prints a few headline figures. The
// printed numbers pin the run's random stream: a change to the model's
// rules or to the order of its random draws changes them.
func ExampleNew() {
	p := model.DefaultParams()
	if err := p.Set("hack_back", "free"); err != nil { // or: p.HackBack = model.HackBackFree
		panic(err)
	}
	p.Ticks = 180

	m, err := model.New(p, 1, nil) // seed 1, no observer
	if err != nil {
		panic(err)
	}
	for m.Tick() < p.Ticks {
		m.Step()
	}
	tot := m.Finish()

	fmt.Printf("%d acts: %d attacks, %d answers (%d hack backs)\n", tot.Acts, tot.Attacks, tot.Answers, tot.ByKind[model.ActHackBack])
	fmt.Printf("cascades: %d, the largest of %d acts, the deepest of depth %d\n", tot.Cascades, tot.MaxSize, tot.MaxDepth)
	fmt.Printf("misattributed: %.3f of detected acts\n", float64(tot.Misattributed)/float64(tot.Detected))
	// Output:
	// 2836 acts: 2755 attacks, 81 answers (61 hack backs)
	// cascades: 2755, the largest of 7 acts, the deepest of depth 6
	// misattributed: 0.651 of detected acts
}
