// Cascade bookkeeping (docs/ODD.md §7.20, §2.3): the records of cascades,
// their slots while open, the sets of actors they involve, and their
// closing when no act of theirs can be answered any more.

package model

import (
	"cmp"
	"math/bits"
	"slices"
)

// CascadeRecord describes a cascade: a root act and every answer descending
// from it. Records reach the Observer when the cascade closes, or from
// Finish (with Closed false) for cascades still open when the run ends.
type CascadeRecord struct {
	ID            int64
	RootAct       int64
	RootTick      int
	RootKind      ActKind
	LastTick      int   // tick of its latest act
	Size          int64 // acts, root included
	Depth         int   // largest generation (root = 0)
	Actors        int   // distinct actors who launched, were hit by, or were harmed as bystanders of its acts
	Innocents     int64 // innocent harms: innocent targets, and bystanders of answers and pre-emptive strikes other than the author of the act answered
	PeakIntensity int
	Interstate    bool // a state struck at another state's jurisdiction in it
	Vigilante     bool // it contains a vigilante's strike
	// Exchange: two states struck each other in it (a state's act at
	// another state or its firms, then a later act of the struck state at
	// the first or its firms); VigilanteExchange: the same among the acts
	// descending from a vigilante's strike.
	Exchange, VigilanteExchange bool
	Closed                      bool
}

// Duration returns the number of ticks from the root to the latest act, inclusive.
func (c *CascadeRecord) Duration() int { return c.LastTick - c.RootTick + 1 }

// cascade is the slot of an open cascade: its record's figures, packed in
// two cache lines (the record itself is built when it is reported), the
// tick until which it stays open, and its actors. What closing checks (id,
// openUntil, inUse) and most of what an act updates share the first line.
type cascade struct {
	id                           int64
	openUntil                    int // last tick at which one of its acts can still be answered
	size, innocents              int64
	lastTick                     int
	depth                        int32
	peak                         int8
	rootKind                     ActKind
	interstate, vigilante, inUse bool
	exchange, vigilanteExchange  bool  // see CascadeRecord
	strikes                      int32 // its first state strike in cascades.strikes, or None
	rootAct                      int64
	rootTick                     int
	actors                       actorSet
}

// record fills r with the cascade's record as reported (field by field: a
// composite value would be copied through the stack).
func (c *cascade) record(r *CascadeRecord, closed bool) {
	r.ID, r.RootAct, r.RootTick, r.RootKind, r.LastTick = c.id, c.rootAct, c.rootTick, c.rootKind, c.lastTick
	r.Size, r.Depth, r.Actors, r.Innocents = c.size, int(c.depth), int(c.actors.n), c.innocents
	r.PeakIntensity, r.Interstate, r.Vigilante, r.Closed = int(c.peak), c.interstate, c.vigilante, closed
	r.Exchange, r.VigilanteExchange = c.exchange, c.vigilanteExchange
}

type closeEntry struct {
	slot int32
	id   int64
}

// cascades is the table of open cascades. Slots are reused after a cascade
// closes; closing is found through a wheel indexed by openUntil.
type cascades struct {
	slots   []cascade
	free    []int32
	wheel   wheel[closeEntry] // by the tick a cascade closes
	open    int
	nextID  int64
	pool    setPool
	closed  CascadeRecord   // the record closeDue reports
	records []CascadeRecord // openRecords' result
	// strikes holds the open cascades' strikes of states at other states
	// or their firms, each cascade's linked from its slot (a few at
	// most); entries of closed cascades are reused through freeStrike.
	strikes    []stateStrike
	freeStrike int32 // first unused entry of strikes, or None
}

// stateStrike is a state's act at another state or one of its firms, in
// the list of its cascade's strikes.
type stateStrike struct {
	from, to  int32 // the striking state, the struck one
	next      int32 // the cascade's next strike, or None
	vigilante bool  // one such act descended from a vigilante's strike
}

// reset empties the table for a new run with the given answer window,
// keeping its memory: the open cascades' actor sets go back to the pool.
func (cs *cascades) reset(window int) {
	for i := range cs.slots {
		cs.slots[i].actors.release(&cs.pool)
	}
	*cs = cascades{
		slots: cs.slots[:0], free: cs.free[:0], wheel: cs.wheel,
		pool: cs.pool, records: cs.records[:0], strikes: cs.strikes[:0], freeStrike: None,
	}
	cs.wheel.reset(window)
}

// start opens a cascade rooted at an act and returns its slot.
func (cs *cascades) start(rootAct int64, tick int, kind ActKind) int32 {
	var slot int32
	if n := len(cs.free); n > 0 {
		slot = cs.free[n-1]
		cs.free = cs.free[:n-1]
	} else {
		cs.slots = append(cs.slots, cascade{})
		slot = int32(len(cs.slots) - 1)
	}
	c := &cs.slots[slot]
	c.actors.release(&cs.pool)
	// Every field set, one by one (a composite value would be copied
	// through the stack).
	c.id, c.rootAct, c.size, c.innocents = cs.nextID, rootAct, 0, 0
	c.rootTick, c.lastTick, c.openUntil, c.depth, c.peak = tick, tick, -1, 0, 0
	c.rootKind, c.interstate, c.vigilante, c.inUse = kind, false, false, true
	c.exchange, c.vigilanteExchange, c.strikes = false, false, None
	cs.nextID++
	cs.open++
	return slot
}

// add records an act of the cascade in slot: its generation, intensity,
// the actors it touched, and the tick until which it can be answered. When
// originCounted, the act's origin is known to be among the cascade's actors
// already (an answerer harmed by an earlier act of the cascade), and is not
// looked up again.
func (cs *cascades) add(slot int32, a *Act, window int, originCounted bool) {
	c := &cs.slots[slot]
	c.size++
	c.depth = max(c.depth, a.Generation)
	c.peak = max(c.peak, a.Intensity)
	if a.Interstate {
		c.interstate = true
	}
	if a.Kind == ActVigilante {
		c.vigilante = true
	}
	if a.Innocent {
		c.innocents++
	}
	c.lastTick = a.Tick
	if !originCounted {
		c.actors.add(&cs.pool, a.Origin)
	}
	c.actors.add(&cs.pool, a.Target)
	if until := a.Tick + window; until > c.openUntil {
		c.openUntil = until
		b := cs.wheel.at(until)
		*b = append(*b, closeEntry{slot: slot, id: c.id})
	}
}

// strike records a state's act at another state or its firms in the
// cascade of slot, and marks the cascade as an exchange when the struck
// state had struck the striker before in it (a vigilante exchange when
// both acts descend from a vigilante's strike).
func (cs *cascades) strike(slot, from, to int32, vigilante bool) {
	c := &cs.slots[slot]
	seen := int32(None)
	for i := c.strikes; i != None; i = cs.strikes[i].next {
		s := &cs.strikes[i]
		if s.from == to && s.to == from {
			c.exchange = true
			if vigilante && s.vigilante {
				c.vigilanteExchange = true
			}
		}
		if s.from == from && s.to == to {
			seen = i
		}
	}
	if seen != None {
		cs.strikes[seen].vigilante = cs.strikes[seen].vigilante || vigilante
		return
	}
	i := cs.freeStrike
	if i == None {
		cs.strikes = append(cs.strikes, stateStrike{})
		i = int32(len(cs.strikes) - 1)
	} else {
		cs.freeStrike = cs.strikes[i].next
	}
	cs.strikes[i] = stateStrike{from: from, to: to, next: c.strikes, vigilante: vigilante}
	c.strikes = i
}

// releaseStrikes returns a closing cascade's strikes to the free list.
func (cs *cascades) releaseStrikes(c *cascade) {
	for c.strikes != None {
		i := c.strikes
		c.strikes = cs.strikes[i].next
		cs.strikes[i].next = cs.freeStrike
		cs.freeStrike = i
	}
}

// harm records a bystander harmed by an act of the cascade, and whether
// the harm is an innocent one.
func (cs *cascades) harm(slot int32, victim int32, innocent bool) {
	c := &cs.slots[slot]
	if innocent {
		c.innocents++
	}
	c.actors.add(&cs.pool, victim)
}

// closeDue closes the cascades none of whose acts can be answered after
// tick, passing each record to emit, and frees their slots.
func (cs *cascades) closeDue(tick int, emit func(*CascadeRecord)) {
	b := cs.wheel.at(tick)
	bucket := *b
	for _, e := range bucket {
		c := &cs.slots[e.slot]
		if !c.inUse || c.id != e.id || c.openUntil != tick {
			continue
		}
		c.record(&cs.closed, true)
		emit(&cs.closed)
		c.inUse = false
		c.actors.release(&cs.pool)
		cs.releaseStrikes(c)
		cs.free = append(cs.free, e.slot)
		cs.open--
	}
	*b = bucket[:0]
}

// openRecords returns the records of all open cascades, sorted by id. The
// slice is valid until the next call.
func (cs *cascades) openRecords() []CascadeRecord {
	out := cs.records[:0]
	for i := range cs.slots {
		c := &cs.slots[i]
		if c.inUse {
			out = append(out, CascadeRecord{})
			c.record(&out[len(out)-1], false)
		}
	}
	slices.SortFunc(out, func(a, b CascadeRecord) int { return cmp.Compare(a.ID, b.ID) })
	cs.records = out
	return out
}

// actorSet is a set of actor ids. Its first smallSet members are kept in
// order in small and found by a scan; a larger set moves to an
// open-addressing hash table whose storage comes from, and returns to, a
// pool, so that steady-state runs do not allocate.
type actorSet struct {
	keys  []int32 // the hash table once the set outgrew small, else nil: id+1 in a cell, 0 when empty; len is a power of two
	n     int32
	small [smallSet]int32
}

// smallSet is the size of the sets kept without a hash table: most cascades
// touch only a few actors (7 fills the set's 56 bytes).
const smallSet = 7

// setPool keeps empty hash tables by size, a power of two.
type setPool struct {
	bySize [32][][]int32
}

// get returns an empty table of at least size cells.
func (p *setPool) get(size int) []int32 {
	b := bits.Len(uint(size - 1))
	if l := len(p.bySize[b]); l > 0 {
		s := p.bySize[b][l-1]
		p.bySize[b] = p.bySize[b][:l-1]
		return s
	}
	return make([]int32, 1<<b)
}

// put empties a table and keeps it.
func (p *setPool) put(s []int32) {
	clear(s)
	b := bits.Len(uint(len(s) - 1))
	p.bySize[b] = append(p.bySize[b], s)
}

// release empties the set, returning its hash table to the pool.
func (s *actorSet) release(p *setPool) {
	if s.keys != nil {
		p.put(s.keys)
		s.keys = nil
	}
	s.n = 0
}

// add puts id in the set; negative ids (None, nobody) are left out.
func (s *actorSet) add(p *setPool, id int32) {
	if n := s.n; n < smallSet && id >= 0 { // small: no hash table yet
		for _, k := range s.small[:n] {
			if k == id {
				return
			}
		}
		s.small[n] = id
		s.n++
		return
	}
	s.addLarge(p, id)
}

// addLarge is add for a set that is full in small or already hashed.
func (s *actorSet) addLarge(p *setPool, id int32) {
	if id < 0 {
		return
	}
	if s.keys == nil {
		for _, k := range s.small {
			if k == id {
				return
			}
		}
		s.keys = p.get(4 * smallSet)
		for _, k := range s.small {
			s.insert(k + 1)
		}
	} else if 4*(int(s.n)+1) > 3*len(s.keys) {
		old := s.keys
		s.keys = p.get(2 * len(old))
		for _, k := range old {
			if k != 0 {
				s.insert(k)
			}
		}
		p.put(old)
	}
	if s.insert(id + 1) {
		s.n++
	}
}

// insert puts key (an id+1) in the hash table and reports whether it was
// not there.
func (s *actorSet) insert(key int32) bool {
	mask := uint32(len(s.keys) - 1)
	h := (uint32(key) * 2654435761) & mask
	for {
		k := s.keys[h]
		if k == key {
			return false
		}
		if k == 0 {
			s.keys[h] = key
			return true
		}
		h = (h + 1) & mask
	}
}
