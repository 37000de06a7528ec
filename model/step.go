// The tick (docs/ODD.md §3): Step and Finish, the fixed order of a cyber
// tick (§3.2), the wheel of pending answers that are decided now and
// launched later (§3.3), and each actor's capacity per tick (§3.4).

package model

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
	m.stats.OpenCascades = int64(m.casc.open)
	m.stats.Hosts = int64(len(m.hosts))
	m.totals.addTick(&m.stats)
	m.clearUsed()
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

// stepCyber runs one tick of the cyber mechanics. The order is fixed:
//
//  1. prosecutions that fall due are carried out;
//  2. answers scheduled for this tick are launched, in the order they
//     were decided;
//  3. root acts are launched: each state's espionage (states in id order),
//     criminals' attacks, hacktivists' attacks, researchers' scans, then
//     each state's pre-emptive strike;
//  4. botnet hosts are cleaned.
//
// Every act is resolved as it is launched: routing, damage, liability and
// data recovery, deterrence, bystanders, then the target's detection,
// attribution and doctrine, which may schedule answers for later ticks.
func (m *Model) stepCyber() {
	t := m.tick
	m.runProsecutions()
	bucket := m.pending.at(t)
	due := *bucket
	for i := range due {
		m.resolve(&due[i])
	}
	*bucket = due[:0]
	m.launchEspionage()
	m.launchCrime()
	m.launchHacktivism()
	m.launchScans()
	m.launchPreemptive()
	m.cleanHosts()
}

// pendingAct is a hostile act decided on but not yet launched (its launch
// tick is the wheel bucket it waits in, or now for a root).
type pendingAct struct {
	parent       int64 // the act it answers, or None
	recovery     float64
	origin       int32
	target       int32
	slot         int32 // cascade slot of the parent
	gen          int32
	parentOrigin int32 // true origin of the act being answered (None for roots)
	kind         ActKind
	level        int8
	vigilante    bool // the act answered is in a vigilante's line (Act.inVigilanteLine)
}

// wheel is a ring of buckets of things due at a tick, for the ticks from
// now to now+span: its length is a power of two above span, so that those
// ticks have distinct buckets and a tick's bucket is found with a mask.
type wheel[T any] struct {
	buckets [][]T
	mask    int
}

// reset empties the wheel for a span, keeping the buckets' arrays.
func (w *wheel[T]) reset(span int) {
	n := 1
	for n <= span {
		n *= 2
	}
	w.buckets, w.mask = buckets(w.buckets, n), n-1
}

// at returns the bucket of tick (tick >= 0).
func (w *wheel[T]) at(tick int) *[]T { return &w.buckets[tick&w.mask] }

// answer queues an answer to the act being resolved, to be launched delay
// ticks after it, and returns it; the pointer is valid until the next
// answer is queued. Every answer is decided while its parent is resolved,
// so answers decided per act launched is the mean offspring, whether the
// answer is launched, still to come at the end or dropped over capacity
// (resolve takes back those made void when the striker or the target is
// destroyed first).
func (m *Model) answer(a *Act, slot int32, kind ActKind, answerer, target int32, level int, delay int) *pendingAct {
	m.totals.AnswersDecided++
	b := m.pending.at(a.Tick + delay)
	*b = append(*b, pendingAct{}) // filled in place: a composite value would be copied through the stack
	pa := &(*b)[len(*b)-1]
	pa.parent, pa.origin, pa.target, pa.slot = a.ID, answerer, target, slot
	pa.gen, pa.parentOrigin, pa.kind, pa.level = a.Generation+1, a.Origin, kind, clampLevel(level)
	pa.vigilante = a.inVigilanteLine
	return pa
}

// answerDelay draws how many ticks after an act its answer is launched.
func (m *Model) answerDelay() int {
	if m.p.AnswerDelay <= 1 {
		return 1
	}
	return 1 + m.rng.IntN(m.p.AnswerDelay)
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
	u := &m.used[id]
	if int(*u) >= m.p.Capacity {
		return false
	}
	if *u == 0 {
		m.usedBy = append(m.usedBy, id)
	}
	*u++
	return true
}

// clearUsed gives every actor its whole capacity for the next tick.
func (m *Model) clearUsed() {
	for _, id := range m.usedBy {
		m.used[id] = 0
	}
	m.usedBy = m.usedBy[:0]
}
