// The model (docs/ODD.md §2, §3.1): the Model struct that holds one run's
// world, New and Reset that build it, the read-only accessors the front ends
// use, and SetParam, the scheduled change of a parameter between ticks.
// The submodels of docs/ODD.md §7 live in files named after them; doc.go
// lists them.

package model

import (
	"fmt"
	"math/rand/v2"
)

// Observer receives a run's hostile acts and closed cascades as they happen.
// The pointers are valid only during the call.
type Observer interface {
	Act(a *Act)
	Cascade(c *CascadeRecord)
}

// Model is one run of the simulation. It is not safe for concurrent use.
type Model struct {
	p    Params
	seed uint64
	rng  *stream       // the run's generator, reseeded by Reset
	deal *rand.ChaCha8 // assignInclinations' stream, reseeded at each call
	// stateDeal is dealStates' stream: states' power and rivalries.
	stateDeal *rand.ChaCha8
	tick      int // the next tick to run

	actors []Actor
	// used[i] counts the acts actor i launched this tick (capacity); the
	// actors whose count is not zero are listed in usedBy, to be cleared
	// after the tick. Dense, so that the check does not touch the Actor.
	used   []int32
	usedBy []int32
	// jurisdiction[s] lists state s's own id first, then every firm and
	// individual whose home is s.
	jurisdiction [][]int32
	firms        []int32
	targets      []int32 // firms and individuals other than attackers: criminals' candidate victims
	criminals    []int32
	hacktivists  []int32
	researchers  []int32
	hosts        []int32 // botnet hosts
	// power[s] is state s's cyber power z_s, activity[s] the factor of its
	// operation rate; rivals[s] its rivals, unless allRivals (every pair).
	power     []float64
	activity  []float64
	rivals    [][]int32
	allRivals bool
	scratch   []float64

	pending  wheel[pendingAct] // scheduled answers by launch tick
	casc     cascades
	nextAct  int64
	act      Act // the act being resolved
	tension  []float64
	hostile  []float64
	memory   [][memorySize]suspicion
	memCount []int
	lawQueue []prosecution
	lawHead  int
	picks    []bool // populate's draws of the firms' attributes
	draws    poissonSites
	losses   []lossSplit // firms' outstanding losses by cause, by actor id

	obs      Observer
	stats    TickStats
	totals   Totals
	finished bool
}

// poissonSites are the places that draw Poisson variates, each remembering
// the inversion of its last mean.
type poissonSites struct {
	roots, collateral                                     poissonDraws
	espionage, breadth, crime, hacktivism, scans, cleanup poissonDraws
}

// New builds a model from validated parameters and a seed. Observer may be nil.
func New(p Params, seed uint64, obs Observer) (*Model, error) {
	m := &Model{}
	if err := m.Reset(p, seed, obs); err != nil {
		return nil, err
	}
	return m, nil
}

// Reset makes m the model New(p, seed, obs) would build, reusing the memory
// of m's previous run, so that a batch of runs allocates its world once.
// The reset model runs exactly as a new one does. Slices m returned before
// (Actors) must not be used after it. On error m is unchanged.
func (m *Model) Reset(p Params, seed uint64, obs Observer) error {
	prev := m.p
	m.p = p // validated in m, so that p does not escape to the heap
	if err := m.p.Validate(); err != nil {
		m.p = prev
		return err
	}
	old := *m
	*m = Model{
		p: p, seed: seed, obs: obs, rng: old.rng, deal: old.deal, picks: old.picks,
		actors: old.actors, used: old.used, usedBy: old.usedBy[:0], jurisdiction: old.jurisdiction,
		firms: old.firms[:0], targets: old.targets[:0], criminals: old.criminals[:0],
		hacktivists: old.hacktivists[:0], researchers: old.researchers[:0], hosts: old.hosts[:0],
		pending: old.pending, casc: old.casc,
		tension: old.tension, hostile: old.hostile, memory: old.memory, memCount: old.memCount,
		lawQueue:  old.lawQueue[:0],
		draws:     old.draws, // a pure function of each mean: valid for any run
		losses:    old.losses,
		stateDeal: old.stateDeal, power: old.power, activity: old.activity, rivals: old.rivals, scratch: old.scratch,
	}
	if m.rng == nil {
		m.rng = newStream(seed)
	} else {
		m.rng.Seed(runKey(seed))
	}
	m.pending.reset(p.AnswerWindow)
	m.casc.reset(p.AnswerWindow)
	m.populate()
	return nil
}

// zeroed returns s with length n and every element zero, reusing its array
// when it is large enough.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// buckets returns s with length n and every bucket empty, keeping the
// buckets' arrays.
func buckets[T any](s [][]T, n int) [][]T {
	if cap(s) < n {
		s = append(s[:cap(s)], make([][]T, n-cap(s))...)
	}
	s = s[:n]
	for i := range s {
		s[i] = s[i][:0]
	}
	return s
}

// Params returns the model's current parameters.
func (m *Model) Params() Params { return m.p }

// Seed returns the run's seed.
func (m *Model) Seed() uint64 { return m.seed }

// Tick returns the number of ticks run so far (the next tick's number).
func (m *Model) Tick() int { return m.tick }

// Actors returns the actors. The caller must not modify them.
func (m *Model) Actors() []Actor { return m.actors }

// Totals returns the run's accumulated figures so far.
func (m *Model) Totals() Totals { return m.totals }

// Tension returns the tension of state i toward state j.
func (m *Model) Tension(i, j int) float64 { return m.tension[i*m.p.States+j] }

// openCascades returns the number of open cascades.
func (m *Model) openCascades() int { return m.casc.open }

// SetParam changes one parameter between ticks (a scheduled intervention).
// Structural parameters (Param.Structural) cannot change during a run; a
// change of one on which the inclinations to hack back depend deals them
// again.
func (m *Model) SetParam(name, value string) error {
	d, _ := Lookup(name) // an unknown name is refused by Set
	if d.Structural {
		return fmt.Errorf("%s fixes the world's structure and cannot change during a run", name)
	}
	q := m.p
	if err := q.Set(name, value); err != nil {
		return err
	}
	if err := q.Validate(); err != nil {
		return err
	}
	m.p = q
	if d.redealsInclinations {
		m.assignInclinations()
	}
	return nil
}
