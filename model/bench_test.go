package model

import (
	"fmt"
	"runtime"
	"testing"
)

// scaledParams returns the default world scaled to about n actors: the
// default mix of kinds, with 8 states up to 10,000 actors and more beyond.
func scaledParams(n int) Params {
	p := DefaultParams()
	base := float64(p.Actors() - p.States)
	f := float64(n-p.States) / base
	scale := func(v int) int { return int(float64(v)*f + 0.5) }
	p.Firms, p.Citizens, p.Criminals = scale(p.Firms), scale(p.Citizens), scale(p.Criminals)
	p.Hacktivists, p.Vigilantes = scale(p.Hacktivists), scale(p.Vigilantes)
	if n > 10_000 {
		p.States = 32
	}
	return p
}

// BenchmarkStep measures the cyber step at several world sizes and reports
// actor-ticks per second and the model's heap bytes per actor.
func BenchmarkStep(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("actors=%d", n), func(b *testing.B) {
			p := scaledParams(n)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			m, err := New(p, 1, nil)
			if err != nil {
				b.Fatal(err)
			}
			for range 50 { // warm up: open cascades and buffers reach steady state
				m.Step()
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				m.Step()
			}
			b.StopTimer()
			actors := float64(p.Actors())
			b.ReportMetric(actors*float64(b.N)/b.Elapsed().Seconds(), "actor-ticks/s")
			b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/actors, "bytes/actor")
			runtime.KeepAlive(m)
		})
	}
}

// BenchmarkRun10k is the reference run: 10,000 actors for 1,000 ticks.
func BenchmarkRun10k(b *testing.B) {
	p := scaledParams(10_000)
	p.Ticks = 1000
	b.ReportAllocs()
	for b.Loop() {
		m, err := New(p, 1, nil)
		if err != nil {
			b.Fatal(err)
		}
		for range p.Ticks {
			m.Step()
		}
		m.Finish()
	}
}

// BenchmarkBranching measures the branching limit case near criticality.
func BenchmarkBranching(b *testing.B) {
	p := DefaultParams()
	p.Mechanics = MechanicsBranching
	p.States, p.Firms, p.Citizens, p.Criminals, p.Hacktivists, p.Vigilantes = 1, 0, 10_000, 0, 0, 0
	p.AnswerProbability, p.CollateralMean, p.RootRate = 0.45, 1, 5
	p.AnswerWindow, p.AnswerDelay, p.Capacity = 1, 1, 1_000_000
	m, err := New(p, 1, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		m.Step()
	}
}

// TestStepDoesNotAllocate checks that, once buffers have grown, a step
// allocates nothing.
func TestStepDoesNotAllocate(t *testing.T) {
	for _, name := range []string{MechanicsCyber, MechanicsBranching} {
		t.Run(name, func(t *testing.T) {
			p := scaledParams(5_000)
			p.Mechanics = name
			p.HackBack = HackBackFree // plenty of answers and cascades
			p.DefendForward = 0.2
			m, err := New(p, 7, nil)
			if err != nil {
				t.Fatal(err)
			}
			for range 2000 {
				m.Step()
			}
			if a := testing.AllocsPerRun(200, func() { m.Step() }); a > 0.05 {
				t.Errorf("%s: %.3f allocations per step in steady state, want none", name, a)
			}
		})
	}
}

// TestResetDoesNotAllocate checks that resetting a model for a run of the
// same size reuses its memory, and that validating parameters allocates
// nothing when they are valid.
func TestResetDoesNotAllocate(t *testing.T) {
	p := DefaultParams()
	if a := testing.AllocsPerRun(100, func() {
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
	}); a > 0 {
		t.Errorf("%.1f allocations per Validate of valid parameters, want none", a)
	}
	m, err := New(p, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range p.Ticks {
		m.Step()
	}
	m.Finish()
	seed := uint64(2)
	if a := testing.AllocsPerRun(20, func() {
		if err := m.Reset(p, seed, nil); err != nil {
			t.Fatal(err)
		}
		seed++
	}); a > 0 {
		t.Errorf("%.1f allocations per Reset, want none", a)
	}
}
