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
	src  *rand.ChaCha8 // the run's stream, reseeded by Reset
	rng  *rand.Rand    // draws from src
	deal *rand.ChaCha8 // assignInclinations' stream, reseeded at each call
	tick int           // the next tick to run

	actors []Actor
	// jurisdiction[s] lists state s's own id first, then every firm and
	// individual whose home is s.
	jurisdiction [][]int32
	firms        []int32
	targets      []int32 // firms and individuals other than attackers: criminals' candidate victims
	criminals    []int32
	hacktivists  []int32
	researchers  []int32
	hosts        []int32 // botnet hosts

	pending  [][]pendingAct // wheel of scheduled answers by launch tick
	launch   []pendingAct   // roots of the current tick
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

	obs      Observer
	stats    TickStats
	totals   Totals
	finished bool
}

const memorySize = 8

// suspicion is what a state remembers of an act it blamed on a foreigner.
type suspicion struct {
	suspect int32
	origin  int32
	level   int8
}

type prosecution struct {
	due     int
	suspect int32
	guilty  bool
}

// pendingAct is a hostile act decided on but not yet launched.
type pendingAct struct {
	launch       int
	kind         ActKind
	origin       int32
	target       int32
	level        int8
	parent       int64
	slot         int32 // cascade slot of the parent
	cid          int64
	gen          int32
	parentOrigin int32 // true origin of the act being answered (None for roots)
	recovery     float64
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
		p: p, seed: seed, obs: obs, src: old.src, rng: old.rng, deal: old.deal, picks: old.picks,
		actors: old.actors, jurisdiction: old.jurisdiction,
		firms: old.firms[:0], targets: old.targets[:0], criminals: old.criminals[:0],
		hacktivists: old.hacktivists[:0], researchers: old.researchers[:0], hosts: old.hosts[:0],
		pending: buckets(old.pending, p.AnswerWindow+1), casc: old.casc,
		tension: old.tension, hostile: old.hostile, memory: old.memory, memCount: old.memCount,
		lawQueue: old.lawQueue[:0],
	}
	if m.src == nil {
		m.src = rand.NewChaCha8(runKey(seed))
		m.rng = rand.New(m.src)
	} else {
		m.src.Seed(runKey(seed))
	}
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

// OpenCascades returns the number of open cascades.
func (m *Model) OpenCascades() int { return m.casc.open }

// Structural reports whether the named parameter fixes the world's
// structure (its actors and their fixed attributes, the answer window or
// the rule set), so that it cannot change during a run.
func Structural(name string) bool {
	switch name {
	case "mechanics", "states", "firms", "citizens", "criminals", "hacktivists", "vigilantes",
		"researcher_share", "poverty_share", "iot_share", "botnet_share", "answer_window", "state_gradient",
		"firm_value", "citizen_value", "state_value":
		return true
	}
	return false
}

// SetParam changes one parameter between ticks (a scheduled intervention).
// Structural parameters cannot change during a run.
func (m *Model) SetParam(name, value string) error {
	if Structural(name) {
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
	switch name {
	case "hack_back_share", "license_share", "pledge":
		m.assignInclinations()
	}
	return nil
}

func (m *Model) populate() {
	p := &m.p
	r := m.rng
	n := p.Actors()
	m.actors = zeroed(m.actors, n)
	m.jurisdiction = buckets(m.jurisdiction, p.States)
	m.tension = zeroed(m.tension, p.States*p.States)
	m.hostile = zeroed(m.hostile, p.States*p.States)
	m.memory = zeroed(m.memory, p.States)
	m.memCount = zeroed(m.memCount, p.States)
	id := int32(0)
	add := func(k Kind, home int32) *Actor {
		a := &m.actors[id]
		*a = Actor{ID: id, Kind: k, State: home, Enemy: None, Strength: 1, lastSuspect: None, lastHitTick: -1 << 30, hostIndex: None, trackedBy: None, judged: None, actTick: -1, DeterredUntil: -1}
		m.jurisdiction[home] = append(m.jurisdiction[home], id)
		id++
		return a
	}
	for s := 0; s < p.States; s++ {
		a := add(KindState, int32(s))
		if p.States > 1 {
			a.Strength = 1 - float64(p.StateGradient*float64(s))/float64(p.States-1)
		}
		a.Value = float64(p.StateValue * a.Strength)
	}
	// Homes are assigned round-robin within each kind, so every state has
	// its share of every kind and the layout is the same for every seed.
	home := func(i int) int32 { return int32(i % p.States) }
	nResearch := int(float64(p.ResearcherShare*float64(p.Firms)) + 0.5)
	nPoor := int(float64(p.PovertyShare*float64(p.Firms)) + 0.5)
	nIoT := int(float64(p.IoTShare*float64(p.Firms)) + 0.5)
	m.picks = zeroed(m.picks, 3*p.Firms)
	poor, iot, research := m.picks[:p.Firms], m.picks[p.Firms:2*p.Firms], m.picks[2*p.Firms:]
	pickSet(r, poor, nPoor)
	pickSet(r, iot, nIoT)
	// Researchers are drawn among the firms above the poverty line:
	// research[j] marks the j-th of them.
	nRich := 0
	for _, isPoor := range poor {
		if !isPoor {
			nRich++
		}
	}
	research = research[:nRich]
	pickSet(r, research, min(nResearch, nRich))
	rich := 0
	for i := 0; i < p.Firms; i++ {
		a := add(KindFirm, home(i))
		a.Poor = poor[i]
		a.IoT = iot[i]
		if !a.Poor {
			a.Researcher = research[rich]
			rich++
		}
		a.Value = float64(p.FirmValue * (0.5 + r.Float64()))
		m.firms = append(m.firms, a.ID)
		m.targets = append(m.targets, a.ID)
		if a.Researcher {
			m.researchers = append(m.researchers, a.ID)
		}
	}
	for i := 0; i < p.Citizens; i++ {
		a := add(KindCitizen, home(i))
		a.Value = p.CitizenValue
		m.targets = append(m.targets, a.ID)
	}
	for i := 0; i < p.Criminals; i++ {
		a := add(KindCriminal, home(i))
		a.Value = p.CitizenValue
		m.criminals = append(m.criminals, a.ID)
	}
	for i := 0; i < p.Hacktivists; i++ {
		a := add(KindHacktivist, home(i))
		a.Value = p.CitizenValue
		if p.States > 1 {
			e := int32(r.IntN(p.States - 1))
			if e >= a.State {
				e++
			}
			a.Enemy = e
		}
		m.hacktivists = append(m.hacktivists, a.ID)
	}
	for i := 0; i < p.Vigilantes; i++ {
		a := add(KindVigilante, home(i))
		a.Value = p.CitizenValue
		m.targets = append(m.targets, a.ID)
	}
	// Inclinations to hack back are drawn from a stream of their own so
	// that changing hack-back parameters mid-run re-deals them reproducibly.
	m.assignInclinations()
	// Initial botnet hosts: citizens and poor firms.
	for _, t := range m.targets {
		a := &m.actors[t]
		if (a.Kind == KindCitizen || a.Poor) && bernoulli(r, m.hostPoolShare(a)) {
			m.addHost(t)
		}
	}
}

// hostPoolShare is the chance a citizen or poor firm starts as a botnet host.
func (m *Model) hostPoolShare(a *Actor) float64 {
	if a.Poor {
		return float64(m.p.BotnetShare * (1 - m.p.HygieneSubsidy))
	}
	return m.p.BotnetShare
}

// assignInclinations deals who would hack back and who holds a licence,
// from a generator derived from the seed alone.
func (m *Model) assignInclinations() {
	key := runKey(m.seed ^ 0x9e3779b97f4a7c15)
	if m.deal == nil {
		m.deal = rand.NewChaCha8(key)
	} else {
		m.deal.Seed(key)
	}
	r := rand.New(m.deal)
	p := &m.p
	for i := range m.actors {
		a := &m.actors[i]
		if a.Kind != KindFirm && a.Kind != KindCitizen {
			continue
		}
		u, v := r.Float64(), r.Float64()
		share := p.HackBackShare
		if a.Kind == KindFirm {
			share = float64(share * (1 - p.Pledge)) // the pledge binds firms
		}
		a.Inclined = u < share
		a.Licensed = a.Kind == KindFirm && a.Inclined && !a.Poor && v < p.LicenseShare && !a.revoked
	}
}

// pickSet marks k of the len(out) indices of out, which are false,
// chosen uniformly without replacement.
func pickSet(r *rand.Rand, out []bool, k int) {
	n := len(out)
	if k > n {
		k = n
	}
	// Floyd's algorithm: k draws, no shuffle of n.
	for j := n - k; j < n; j++ {
		t := r.IntN(j + 1)
		if out[t] {
			out[j] = true
		} else {
			out[t] = true
		}
	}
}

func (m *Model) addHost(id int32) {
	a := &m.actors[id]
	if a.Compromised {
		return
	}
	a.Compromised = true
	a.hostIndex = int32(len(m.hosts))
	m.hosts = append(m.hosts, id)
}

func (m *Model) removeHost(id int32) {
	a := &m.actors[id]
	if !a.Compromised {
		return
	}
	i := a.hostIndex
	last := m.hosts[len(m.hosts)-1]
	m.hosts[i] = last
	m.actors[last].hostIndex = i
	m.hosts = m.hosts[:len(m.hosts)-1]
	a.Compromised = false
	a.hostIndex = None
}

// Step runs one tick and returns its numbers.
func (m *Model) Step() TickStats {
	t := m.tick
	m.stats = TickStats{Tick: t}
	for i := range m.hostile {
		m.hostile[i] = 0
	}
	if m.p.Mechanics == MechanicsBranching {
		m.stepBranching()
	} else {
		m.stepCyber()
	}
	m.updateTension()
	m.casc.closeDue(t, m.emitCascade)
	m.stats.ActiveCascades = int64(m.casc.open)
	m.stats.Hosts = int64(len(m.hosts))
	m.totals.addTick(&m.stats)
	m.tick++
	return m.stats
}

// Finish reports every cascade still open (Closed false) to the observer,
// in order of id, and returns the run's totals. Call it once, after the
// last Step.
func (m *Model) Finish() Totals {
	if !m.finished {
		m.finished = true
		open := m.casc.openRecords()
		for i := range open {
			m.emitCascade(&open[i])
		}
	}
	return m.totals
}

func (m *Model) emitCascade(r *CascadeRecord) {
	m.totals.addCascade(r)
	if m.obs != nil {
		m.obs.Cascade(r)
	}
}

// schedule queues an answer for launch. Every answer is decided while its
// parent is resolved, so answers decided per act launched is the mean
// offspring, whether the answer is launched, still to come at the end or
// dropped over capacity (resolve takes back those made void when the
// striker or the target is destroyed first).
func (m *Model) schedule(pa pendingAct) {
	m.totals.AnswersDecided++
	w := pa.launch % len(m.pending)
	m.pending[w] = append(m.pending[w], pa)
}

// answerDelay draws how many ticks after an act its answer is launched.
func (m *Model) answerDelay() int {
	if m.p.AnswerDelay <= 1 {
		return 1
	}
	return 1 + m.rng.IntN(m.p.AnswerDelay)
}

// answerTo builds the pending answer to the act being resolved.
func (m *Model) answerTo(a *Act, slot int32, kind ActKind, answerer, target int32, level int, delay int) pendingAct {
	return pendingAct{
		launch: a.Tick + delay, kind: kind, origin: answerer, target: target, level: clampLevel(level),
		parent: a.ID, slot: slot, cid: a.Cascade, gen: a.Generation + 1, parentOrigin: a.Origin,
	}
}

func clampLevel(l int) int8 {
	if l < 0 {
		return 0
	}
	if l > ArmedAttack {
		return ArmedAttack
	}
	return int8(l)
}

// useCapacity counts one act against the actor's capacity for this tick.
func (m *Model) useCapacity(id int32) bool {
	a := &m.actors[id]
	if a.actTick != m.tick {
		a.actTick = m.tick
		a.actCount = 0
	}
	if a.actCount >= m.p.Capacity {
		return false
	}
	a.actCount++
	return true
}

// begin fills m.act for a pending act that is launched now, opening a
// cascade for a root, and records the act in its cascade. It returns the
// cascade slot.
func (m *Model) begin(pa *pendingAct) int32 {
	a := &m.act
	*a = Act{
		ID: m.nextAct, Parent: pa.parent, Tick: m.tick, Kind: pa.kind, Origin: pa.origin, Target: pa.target,
		Via: None, Flag: None, Suspect: None, Intensity: pa.level, Generation: pa.gen,
	}
	m.nextAct++
	slot := pa.slot
	if pa.parent == None {
		slot = m.casc.start(a.ID, m.tick, a.Kind)
		m.totals.Cascades++
		a.Generation = 0
		m.stats.Attacks++
	} else {
		m.stats.Answers++
	}
	a.Cascade = m.casc.slots[slot].rec.ID
	m.stats.ByKind[a.Kind]++
	return slot
}

// finishAct records the resolved act in its cascade and passes it on.
func (m *Model) finishAct(slot int32) {
	a := &m.act
	if a.Innocent {
		m.stats.InnocentsHarmed++
	}
	if a.Interstate {
		m.stats.Interstate++
	}
	if a.Intensity >= ArmedAttack {
		m.stats.ArmedConflict++
	}
	m.casc.add(slot, a, m.p.AnswerWindow)
	if m.obs != nil {
		m.obs.Act(a)
	}
}
