package live

import (
	"slices"
	"sort"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
	"github.com/escalation-model/escalation/recipe"
	"github.com/escalation-model/escalation/scenario"
)

// Session is one run as a page shows it: the model, the changes the reader
// makes between ticks, the recent acts and open cascades for stories and
// highlights, and the narration of notable moments. A Session is not safe
// for concurrent use.
type Session struct {
	state State // the state the model was built from; its changes are drv's
	sc    scenario.Scenario
	m     *model.Model
	drv   *recipe.Driver // steps m and makes the changes
	build int            // incremented each time the model is rebuilt

	last    model.TickStats
	hasLast bool

	names     map[int32]string // the scenario's names of actors, by id
	recent    *ring
	open      map[int64]*OpenCascade
	destroyed []bool // firms known to be destroyed

	log       []Entry
	seq       int64
	cands     []candidate // this tick's notable moments, narrated when it ends
	maxPerDay int

	// OnAct, when set, is called for every act as the model resolves it,
	// with its parent when the parent is still remembered (else nil).
	OnAct func(a, parent *model.Act)
	// OnCascadeClosed, when set, is called when a cascade closes.
	OnCascadeClosed func(c *model.CascadeRecord)
}

// OpenCascade is what a session knows of a cascade that is still open.
type OpenCascade struct {
	ID         int64
	RootAct    int64
	RootTick   int
	LastTick   int
	Size       int64
	Peak       int8
	Innocents  int64
	Interstate bool
	Actors     []int32 // the first maxLitActors actors it touched
}

const (
	maxLitActors = 64
	maxLog       = 400
)

// New starts the run that st describes, before its first tick; st.Tick is
// not run (see Session.Target).
func New(st State) (*Session, error) {
	s := &Session{state: st, maxPerDay: 4}
	s.state.Recipe = st.Recipe.Clone()
	if err := s.rebuild(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Session) rebuild() error {
	sc, err := s.state.Resolve()
	if err != nil {
		return err
	}
	m, err := model.New(sc.Params, s.state.Seed, observer{s})
	if err != nil {
		return err
	}
	drv, err := recipe.NewDriver(m, sc.Params.Ticks, s.state.At)
	if err != nil {
		return err
	}
	s.sc, s.m, s.drv = sc, m, drv
	s.names = sc.Names.ByID(m.Actors())
	s.build++
	s.hasLast = false
	s.last = model.TickStats{}
	s.recent = newRing()
	s.open = map[int64]*OpenCascade{}
	s.destroyed = make([]bool, len(m.Actors()))
	s.cands = s.cands[:0]
	s.log = nil
	return nil
}

// Model returns the running model. Callers must not step it.
func (s *Session) Model() *model.Model { return s.m }

// Build counts the models the session has built; it changes when the
// world is rebuilt (an override before the first tick).
func (s *Session) Build() int { return s.build }

// Scenario returns the scenario with its overrides applied.
func (s *Session) Scenario() scenario.Scenario { return s.sc }

// State returns the state that reproduces the run so far; its Tick is the
// last tick run.
func (s *Session) State() State {
	st := s.state
	st.Recipe = st.Recipe.Clone()
	st.At = s.drv.Changes()
	st.Tick = s.m.Tick() - 1
	return st
}

// SetPresentation records the presentation hints the page's address
// carries (speed, lecturer mode, autoplay).
func (s *Session) SetPresentation(speed float64, lecture, play bool) {
	s.state.Speed, s.state.Lecture, s.state.Play = speed, lecture, play
}

// SetAnswersOnly records the map's filter in the page's address
// (arcs=answers when on).
func (s *Session) SetAnswersOnly(on bool) { s.state.AnswersOnly = on }

// SetTour records the guided tour's chapter open in the page's address
// ("" when none).
func (s *Session) SetTour(id string) { s.state.Tour = id }

// Ran returns the number of ticks run.
func (s *Session) Ran() int { return s.m.Tick() }

// Ticks returns the length of the run.
func (s *Session) Ticks() int { return s.drv.Ticks() }

// Done reports whether every tick of the run has run.
func (s *Session) Done() bool { return s.drv.Done() }

// Last returns the numbers of the last tick run, and false before the first.
func (s *Session) Last() (model.TickStats, bool) { return s.last, s.hasLast }

// Row appends the ticks.csv row of the last tick run to dst (nothing before
// the first tick). It is the very row escalate run writes for this tick.
func (s *Session) Row(dst []byte) []byte {
	if !s.hasLast {
		return dst
	}
	return csvfmt.AppendTickRow(dst, &s.last)
}

// Step runs the next tick, narrates it and returns its numbers; it does
// nothing and returns false when the run is done.
func (s *Session) Step() (model.TickStats, bool) {
	ran, err := s.drv.Step()
	if !ran {
		return model.TickStats{}, false
	}
	st := *s.drv.Last()
	s.last, s.hasLast = st, true
	s.noteTick(&st)
	if err != nil {
		// Changes are checked when they are made or parsed; a failure
		// here is a bug. Say so in the log rather than crash the page.
		s.add(Entry{Tick: st.Tick, Level: 3, Text: "A scheduled change could not be applied: " + err.Error(), Act: None, Cascade: None, Actor: None})
	}
	if s.Done() {
		s.add(Entry{Tick: st.Tick, Level: 1, Text: "The run is over: " + narrate.Count(int64(s.Ticks()), "day", "days") + ". Download its data, or press reset to run it again.", Act: None, Cascade: None, Actor: None})
	}
	return st, true
}

// None marks an absent act, cascade or actor in an Entry.
const None = -1

// Change sets parameter key to value from now on. Before the first tick it
// is an override (as --set) and the world is rebuilt; afterwards it is
// recorded as a change before the next tick (as --at TICK:key=value) and
// applied to the model at once (recipe.Driver.Change). A value equal to
// the current one records nothing.
func (s *Session) Change(key, value string) error {
	if _, ok := model.Lookup(key); !ok {
		return scenario.UnknownParam(key)
	}
	cur := s.m.Params()
	if v, _ := cur.Get(key); v == value {
		return nil
	}
	if s.m.Tick() > 0 {
		return s.drv.Change(key, value)
	}
	trial := s.State()
	trial.Sets = slices.DeleteFunc(trial.Sets, func(x recipe.Setting) bool { return x.Key == key })
	trial.Sets = append(trial.Sets, recipe.Setting{Key: key, Value: value})
	if _, err := trial.Resolve(); err != nil {
		return err
	}
	// Changes from the address at tick 0 for this key would override it.
	trial.At = slices.DeleteFunc(trial.At, func(c recipe.Change) bool { return c.Tick == 0 && c.Key == key })
	old := s.state
	s.state.Sets, s.state.At = trial.Sets, trial.At
	if err := s.rebuild(); err != nil {
		s.state = old
		s.rebuild()
		return err
	}
	return nil
}

// Act returns act id if it is still remembered, else nil.
func (s *Session) Act(id int64) *model.Act { return s.recent.get(id) }

// LatestActOf returns the most recent remembered act that actor launched,
// was hit by, or was routed through, or nil.
func (s *Session) LatestActOf(actor int32) *model.Act {
	var found *model.Act
	s.recent.each(func(a *model.Act) bool {
		if a.Origin == actor || a.Target == actor || a.Via == actor {
			found = a
			return false
		}
		return true
	})
	return found
}

// OpenCascades calls f for every open cascade with at least min acts, in
// order of id.
func (s *Session) OpenCascades(min int64, f func(c *OpenCascade)) {
	ids := make([]int64, 0, len(s.open))
	for id, c := range s.open {
		if c.Size >= min {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		f(s.open[id])
	}
}

// Cascade returns the open cascade with the given id, or nil.
func (s *Session) Cascade(id int64) *OpenCascade { return s.open[id] }

// observer receives the model's acts and cascades for a session.
type observer struct{ s *Session }

func (o observer) Act(a *model.Act) {
	s := o.s
	s.recent.put(a)
	c := s.open[a.Cascade]
	if c == nil {
		c = &OpenCascade{ID: a.Cascade, RootAct: a.ID, RootTick: a.Tick}
		s.open[a.Cascade] = c
	}
	c.Size++
	c.LastTick = a.Tick
	c.Peak = max(c.Peak, a.Intensity)
	c.Interstate = c.Interstate || a.Interstate
	if a.Innocent {
		c.Innocents++
	}
	c.touch(a.Origin)
	c.touch(a.Target)
	parent := s.recent.get(a.Parent)
	s.noteAct(a, parent)
	if s.OnAct != nil {
		s.OnAct(a, parent)
	}
}

func (c *OpenCascade) touch(id int32) {
	if id < 0 || len(c.Actors) >= maxLitActors || slices.Contains(c.Actors, id) {
		return
	}
	c.Actors = append(c.Actors, id)
}

func (o observer) Cascade(c *model.CascadeRecord) {
	s := o.s
	if c.Closed {
		delete(s.open, c.ID)
		s.noteCascade(c)
		if s.OnCascadeClosed != nil {
			s.OnCascadeClosed(c)
		}
	}
}
