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
	rng  *rand.Rand
	tick int // the next tick to run

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
	if err := p.Validate(); err != nil {
		return nil, err
	}
	m := &Model{p: p, seed: seed, rng: NewRNG(seed), obs: obs}
	m.pending = make([][]pendingAct, p.AnswerWindow+1)
	m.casc = newCascades(p.AnswerWindow)
	m.populate()
	return m, nil
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
	m.actors = make([]Actor, n)
	m.jurisdiction = make([][]int32, p.States)
	m.tension = make([]float64, p.States*p.States)
	m.hostile = make([]float64, p.States*p.States)
	m.memory = make([][memorySize]suspicion, p.States)
	m.memCount = make([]int, p.States)
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
	poor := pickSet(r, p.Firms, nPoor)
	iot := pickSet(r, p.Firms, nIoT)
	// Researchers are drawn among the firms above the poverty line.
	var rich []int
	for i := range p.Firms {
		if !poor[i] {
			rich = append(rich, i)
		}
	}
	research := make([]bool, p.Firms)
	for i, pick := range pickSet(r, len(rich), min(nResearch, len(rich))) {
		if pick {
			research[rich[i]] = true
		}
	}
	for i := 0; i < p.Firms; i++ {
		a := add(KindFirm, home(i))
		a.Poor = poor[i]
		a.IoT = iot[i]
		a.Researcher = research[i]
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
	r := NewRNG(m.seed ^ 0x9e3779b97f4a7c15)
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

// pickSet marks k of n indices, chosen uniformly without replacement.
func pickSet(r *rand.Rand, n, k int) []bool {
	out := make([]bool, n)
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
	return out
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
		for _, r := range m.casc.openRecords() {
			m.emitCascade(&r)
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

// schedule queues an answer for launch.
func (m *Model) schedule(pa pendingAct) {
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
