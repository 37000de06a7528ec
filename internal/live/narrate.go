package live

import (
	"fmt"
	"sort"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/model"
)

// Entry is one line of a session's narration: a notable moment in plain
// words.
type Entry struct {
	Seq     int64  // 1, 2, ... in the order narrated
	Tick    int    // the tick it happened
	Level   int    // narrate.Notable (1) to narrate.ArmedConflict (4)
	Text    string // the sentence(s)
	Act     int64  // the act it is about, or None
	Cascade int64  // the cascade it belongs to, or None
	Actor   int32  // the actor it is mainly about, or None
}

// candidate is a notable moment of the tick being run; for an act, the
// act itself, so that one actor's acts of one kind can be told together.
type candidate struct {
	Entry
	order int
	act   model.Act
	isAct bool
}

// Entries returns the narration entries after sequence number since, oldest
// first (the session keeps the latest few hundred).
func (s *Session) Entries(since int64) []Entry {
	i := sort.Search(len(s.log), func(i int) bool { return s.log[i].Seq > since })
	return append([]Entry(nil), s.log[i:]...)
}

func (s *Session) add(e Entry) {
	s.seq++
	e.Seq = s.seq
	s.log = append(s.log, e)
	if len(s.log) > maxLog {
		s.log = append(s.log[:0], s.log[len(s.log)-maxLog/2:]...)
	}
}

func (s *Session) candidate(e Entry) {
	s.cands = append(s.cands, candidate{Entry: e, order: len(s.cands)})
}

// noteTick narrates the tick that just ran: its most notable acts (at most
// maxPerDay, every armed-conflict act), then what only its numbers tell.
func (s *Session) noteTick(st *model.TickStats) {
	if st.FirmsDestroyed > 0 {
		for i, a := range s.m.Actors() {
			if a.Kind == model.KindFirm && a.Destroyed && !s.destroyed[i] {
				s.destroyed[i] = true
				text := narrate.Capitalize(s.Name(a.ID)) + " was destroyed: its damage reached its value."
				switch {
				case a.HackedBack && s.names[a.ID] != "":
					text += " It had hacked back." // its name may be Blue Security's own
				case a.HackedBack:
					text += " It had hacked back, like Blue Security before it was shut down."
				}
				s.candidate(Entry{Tick: st.Tick, Level: 3, Text: text, Act: None, Cascade: None, Actor: a.ID})
			}
		}
	}
	counts := []struct {
		n         int64
		level     int
		one, many string
	}{
		{st.HotlineCatches, 2, "A hotline check between states caught a misattribution before a state answered.", "Hotline checks between states caught %d misattributions before states answered."},
		{st.Spoiled, 2, "A private strike spoiled a state's intelligence operation against its suspect.", "Private strikes spoiled %d state intelligence operations."},
		{st.Wrongful, 2, "Law enforcement prosecuted the wrong person.", "Law enforcement prosecuted %d wrong people."},
		{st.Revoked, 1, "Oversight revoked a hack-back licence after a hack back hit an innocent.", "Oversight revoked %d hack-back licences after hack backs hit innocents."},
		{st.Prosecutions, 1, "Law enforcement prosecuted an attacker, who stops attacking for a while.", "Law enforcement prosecuted %d attackers."},
	}
	for _, c := range counts {
		if c.n == 0 {
			continue
		}
		text := c.one
		if c.n > 1 {
			text = fmt.Sprintf(c.many, c.n)
		}
		s.candidate(Entry{Tick: st.Tick, Level: c.level, Text: text, Act: None, Cascade: None, Actor: None})
	}
	if len(s.cands) == 0 {
		return
	}
	s.collapseVolleys()
	sort.SliceStable(s.cands, func(i, j int) bool { return s.cands[i].Level > s.cands[j].Level })
	kept := 0
	dropped := 0
	for _, c := range s.cands {
		if kept < s.maxPerDay || c.Level >= narrate.ArmedConflict {
			kept++
			continue
		}
		dropped++
	}
	chosen := s.cands[:kept]
	sort.SliceStable(chosen, func(i, j int) bool { return chosen[i].order < chosen[j].order })
	for _, c := range chosen {
		s.add(c.Entry)
	}
	if dropped > 0 {
		s.add(Entry{Tick: st.Tick, Level: 1, Text: fmt.Sprintf("…and %s on day %d (see the charts, or download events.csv).", narrate.Count(int64(dropped), "more notable moment", "more notable moments"), st.Tick), Act: None, Cascade: None, Actor: None})
	}
	s.cands = s.cands[:0]
}

// StateName names state i for readers: State A, State B, ..., State 27.
func StateName(i int32) string { return narrate.StateName(i) }

// actor describes actor id for the narrator, with the name the scenario
// gives it.
func (s *Session) actor(id int32) (narrate.Actor, bool) {
	actors := s.m.Actors()
	if id < 0 || int(id) >= len(actors) {
		return narrate.Actor{}, false
	}
	a := narrate.ActorOf(&actors[id])
	a.Given = s.names[id]
	return a, true
}

// Given returns the name the scenario gives actor id ([names]), or "".
func (s *Session) Given(id int32) string { return s.names[id] }

// Short names an actor briefly: its given name, "State B", "firm 12".
func (s *Session) Short(id int32) string { return s.teller().Short(id) }

// teller tells the session's acts, naming every actor in full.
func (s *Session) teller() *narrate.Teller { return &narrate.Teller{Cast: s.actor} }

// Name names an actor for readers: "State B", "firm 12 in State A",
// "IoT firm 30 in State C", "citizen 800 in State E", or the name the
// scenario gives it ("Blue Security").
func (s *Session) Name(id int32) string { return s.teller().Name(id) }

// Tell tells act a (answering parent, when remembered) in the log's words,
// naming its actors as the log does.
func (s *Session) Tell(a, parent *model.Act) string { return s.teller().Act(a, parent) }

// noteAct considers an act for the narration of its tick.
func (s *Session) noteAct(a, parent *model.Act) {
	level := narrate.Importance(a)
	if level == 0 {
		return
	}
	s.cands = append(s.cands, candidate{
		Entry: Entry{Tick: a.Tick, Level: level, Text: s.teller().Act(a, parent), Act: a.ID, Cascade: a.Cascade, Actor: a.Origin},
		order: len(s.cands), act: *a, isAct: true,
	})
}

// volley is what makes acts of a tick one volley: one origin, one kind.
type volley struct {
	origin int32
	kind   model.ActKind
}

// collapseVolleys tells the acts of one kind that one actor launched this
// tick at several targets (a vigilante's strike at eight targets) as one
// entry, in the place of the first, at the highest level among them and
// about the strongest act (narrate's Volley).
func (s *Session) collapseVolleys() {
	groups := map[volley][]int{}
	for i, c := range s.cands {
		if c.isAct {
			k := volley{c.act.Origin, c.act.Kind}
			groups[k] = append(groups[k], i)
		}
	}
	out := make([]candidate, 0, len(s.cands))
	for _, c := range s.cands {
		if !c.isAct {
			out = append(out, c)
			continue
		}
		members := groups[volley{c.act.Origin, c.act.Kind}]
		switch {
		case len(members) == 1:
			out = append(out, c)
		case members[0] == c.order:
			out = append(out, s.volleyOf(members))
		}
	}
	s.cands = out
}

// volleyOf makes one candidate of the candidates at indices members.
func (s *Session) volleyOf(members []int) candidate {
	acts := make([]model.Act, len(members))
	v := s.cands[members[0]]
	for k, i := range members {
		c := &s.cands[i]
		acts[k] = c.act
		v.Level = max(v.Level, c.Level)
		if c.act.Intensity > v.act.Intensity || c.act.Intensity == v.act.Intensity && c.act.Innocent && !v.act.Innocent {
			v.act = c.act
		}
	}
	v.Entry.Act, v.Entry.Cascade = v.act.ID, v.act.Cascade
	v.Text = s.teller().Volley(acts)
	v.isAct = false
	return v
}

// noteCascade narrates the end of a large or dangerous cascade.
func (s *Session) noteCascade(c *model.CascadeRecord) {
	level := narrate.CascadeImportance(c)
	if level == 0 {
		return
	}
	text := s.teller().Ended(c, s.recent.get(c.RootAct))
	s.candidate(Entry{Tick: s.m.Tick(), Level: level, Text: text, Act: c.RootAct, Cascade: c.ID, Actor: None})
}
