package live

import (
	"fmt"
	"sort"
	"strings"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/model"
)

// Story is a cascade's causal chain from its root, as far as the session
// still remembers it, told act by act.
type Story struct {
	Title   string
	Cascade int64 // None when the story is only about an actor
	Act     int64 // the act the reader picked, or None
	Actor   int32 // the actor the reader picked, or None
	Lines   []StoryLine
	Note    string // what is missing, when anything is
}

// StoryLine is one act of a story.
type StoryLine struct {
	Act    int64
	Tick   int
	Depth  int  // generation: 0 for the root
	OnPath bool // on the chain from the root to the picked act
	Text   string
}

// maxStoryLines bounds a story; the chain to the picked act is always told.
const maxStoryLines = 60

// StoryOfAct tells the cascade act id belongs to, marking the chain from
// its root to the act.
func (s *Session) StoryOfAct(id int64) Story {
	a := s.recent.get(id)
	if a == nil {
		return Story{Title: fmt.Sprintf("Act %d", id), Cascade: None, Act: id, Actor: None,
			Note: fmt.Sprintf("Act %d is no longer in memory: the page keeps the last %d acts. Download events.csv for the whole run.", id, ringSize)}
	}
	cid := a.Cascade
	var acts []model.Act
	s.recent.each(func(x *model.Act) bool {
		if x.Cascade == cid {
			acts = append(acts, *x)
		}
		return true
	})
	sort.Slice(acts, func(i, j int) bool { return acts[i].ID < acts[j].ID })
	path := map[int64]bool{}
	for x := a; x != nil; x = s.recent.get(x.Parent) {
		path[x.ID] = true
		if x.Parent == None {
			break
		}
	}
	st := Story{Cascade: cid, Act: id, Actor: None}
	root := acts[0]
	status := "closed"
	if c := s.open[cid]; c != nil {
		status = "still open"
	}
	st.Title = fmt.Sprintf("Cascade %d (%s): %s, day %d", cid, status, narrate.Capitalize(narrate.Noun(root.Kind)), root.Tick)
	if root.Parent != None {
		st.Note = "Its first acts are no longer in memory: the story starts part-way."
	}
	// Keep the chain to the picked act, then as many others as fit, in order.
	keep := make([]bool, len(acts))
	n := 0
	for i := range acts {
		if path[acts[i].ID] {
			keep[i] = true
			n++
		}
	}
	for i := range acts {
		if n >= maxStoryLines {
			break
		}
		if !keep[i] {
			keep[i] = true
			n++
		}
	}
	skipped := 0
	t := s.teller()
	for i := range acts {
		if !keep[i] {
			skipped++
			continue
		}
		x := &acts[i]
		st.Lines = append(st.Lines, StoryLine{Act: x.ID, Tick: x.Tick, Depth: int(x.Generation), OnPath: path[x.ID], Text: t.Story(x, s.recent.get(x.Parent), false)})
	}
	if skipped > 0 {
		st.Note = strings.TrimSpace(st.Note + fmt.Sprintf(" %d more acts of this cascade are not listed.", skipped))
	}
	return st
}

// StoryOfActor tells the cascade of the actor's most recent act.
func (s *Session) StoryOfActor(id int32) Story {
	facts := s.Facts(id)
	a := s.LatestActOf(id)
	if a == nil {
		return Story{Title: narrate.Capitalize(s.Name(id)), Cascade: None, Act: None, Actor: id,
			Note: narrate.Capitalize(facts) + " It has not launched, been hit by or relayed any of the acts in memory."}
	}
	st := s.StoryOfAct(a.ID)
	st.Actor = id
	st.Title = narrate.Capitalize(s.Name(id)) + " — " + st.Title
	st.Note = strings.TrimSpace(narrate.Capitalize(facts) + " " + st.Note)
	return st
}

// Facts describes an actor's attributes and state in a sentence.
func (s *Session) Facts(id int32) string {
	actors := s.m.Actors()
	if id < 0 || int(id) >= len(actors) {
		return "no such actor."
	}
	a := &actors[id]
	var attrs []string
	if s.names[id] != "" { // what the name stands for: "firm 1", "State B"
		attrs = append(attrs, narrate.Short(narrate.ActorOf(a)))
	}
	if a.Kind == model.KindState {
		attrs = append(attrs, fmt.Sprintf("a state (capability %.2f)", a.Strength))
	}
	attrs = append(attrs, s.teller().Describe(id)...)
	if a.IoT {
		attrs = append(attrs, "runs physical (IoT) systems")
	}
	if a.Researcher {
		attrs = append(attrs, "a security researcher")
	}
	if a.Licensed {
		attrs = append(attrs, "licensed to hack back")
	} else if a.Inclined {
		attrs = append(attrs, "inclined to hack back")
	}
	if a.Compromised {
		attrs = append(attrs, "its machine is a botnet host")
	}
	if a.HackedBack {
		attrs = append(attrs, "has hacked back")
	}
	if a.Destroyed {
		attrs = append(attrs, "destroyed")
	}
	if d := s.m.OutstandingDamage(id); d > 0 {
		attrs = append(attrs, fmt.Sprintf("outstanding damage %.3g of value %.3g", d, a.Value))
	}
	if len(attrs) == 0 {
		return s.Name(id) + "."
	}
	return s.Name(id) + ": " + strings.Join(attrs, ", ") + "."
}
