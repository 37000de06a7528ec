package live

import "github.com/escalation-model/escalation/model"

// ringSize is how many recent acts a session remembers for stories: at
// about 100 bytes an act, 3 MB. Acts are numbered in launch order, so act
// id lives in slot id % ringSize until a newer act takes it.
const ringSize = 1 << 15

// ring holds the most recent acts of a run.
type ring struct {
	acts   [ringSize]model.Act
	newest int64 // highest id stored; -1 when empty
}

func newRing() *ring {
	r := &ring{newest: -1}
	for i := range r.acts {
		r.acts[i].ID = -1
	}
	return r
}

func (r *ring) put(a *model.Act) {
	r.acts[a.ID%ringSize] = *a
	if a.ID > r.newest {
		r.newest = a.ID
	}
}

// get returns act id, or nil when it is no longer (or not yet) remembered.
func (r *ring) get(id int64) *model.Act {
	if id < 0 {
		return nil
	}
	a := &r.acts[id%ringSize]
	if a.ID != id {
		return nil
	}
	return a
}

// oldest returns the lowest act id that may still be remembered.
func (r *ring) oldest() int64 {
	return max(0, r.newest-ringSize+1)
}

// each calls f on every remembered act from newest to oldest until f
// returns false.
func (r *ring) each(f func(a *model.Act) bool) {
	for id := r.newest; id >= r.oldest(); id-- {
		if a := r.get(id); a != nil && !f(a) {
			return
		}
	}
}
