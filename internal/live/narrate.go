package live

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/model"
)

// Entry is one line of a session's narration: a notable moment in plain
// words.
type Entry struct {
	Seq     int64  // 1, 2, ... in the order narrated
	Tick    int    // the tick it happened
	Level   int    // 1 notable, 2 serious, 3 alarming, 4 armed conflict
	Text    string // the sentence(s)
	Act     int64  // the act it is about, or None
	Cascade int64  // the cascade it belongs to, or None
	Actor   int32  // the actor it is mainly about, or None
}

// candidate is a notable moment of the tick being run.
type candidate struct {
	Entry
	order int
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
				text := capitalize(s.Name(a.ID)) + " was destroyed: its damage reached its value."
				if a.HackedBack {
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
	sort.SliceStable(s.cands, func(i, j int) bool { return s.cands[i].Level > s.cands[j].Level })
	kept := 0
	dropped := 0
	for _, c := range s.cands {
		if kept < s.maxPerDay || c.Level >= 4 {
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
		s.add(Entry{Tick: st.Tick, Level: 1, Text: fmt.Sprintf("…and %s on day %d (see the charts, or download events.csv).", plural(int64(dropped), "more notable moment", "more notable moments"), st.Tick), Act: None, Cascade: None, Actor: None})
	}
	s.cands = s.cands[:0]
}

// StateName names state i for readers: State A, State B, ..., State 27.
func StateName(i int32) string {
	if i >= 0 && i < 26 {
		return "State " + string(rune('A'+i))
	}
	return "State " + strconv.Itoa(int(i)+1)
}

// Name names an actor for readers: "State B", "firm 12 in State A",
// "IoT firm 30 in State C", "citizen 800 in State E".
func (s *Session) Name(id int32) string {
	actors := s.m.Actors()
	if id < 0 || int(id) >= len(actors) {
		return "an unknown actor"
	}
	a := &actors[id]
	if a.Kind == model.KindState {
		return StateName(a.ID)
	}
	kind := a.Kind.String()
	switch {
	case a.Kind == model.KindFirm && a.IoT:
		kind = "IoT firm"
	case a.Kind == model.KindFirm && a.Researcher:
		kind = "research firm"
	}
	return kind + " " + strconv.Itoa(int(id)) + " in " + StateName(a.State)
}

// short names an actor without its state: "firm 12", "State B".
func (s *Session) short(id int32) string {
	actors := s.m.Actors()
	if id < 0 || int(id) >= len(actors) {
		return "an unknown actor"
	}
	if actors[id].Kind == model.KindState {
		return StateName(id)
	}
	return actors[id].Kind.String() + " " + strconv.Itoa(int(id))
}

func (s *Session) isState(id int32) bool {
	actors := s.m.Actors()
	return id >= 0 && int(id) < len(actors) && actors[id].Kind == model.KindState
}

// homeOf returns an actor's home state.
func (s *Session) homeOf(id int32) int32 {
	actors := s.m.Actors()
	if id < 0 || int(id) >= len(actors) {
		return None
	}
	return actors[id].State
}

// verbFor returns how an act of kind k is told: "hacked back", ...
func verbFor(k model.ActKind) string {
	switch k {
	case model.ActHackBack:
		return "hacked back"
	case model.ActRetaliation:
		return "retaliated against"
	case model.ActCounterstrike:
		return "counter-struck"
	case model.ActVigilante:
		return "struck"
	case model.ActPreemptive:
		return "struck"
	case model.ActEspionage:
		return "spied on"
	case model.ActScan:
		return "scanned"
	case model.ActAnswer:
		return "struck back at"
	}
	return "attacked"
}

// nounFor names an act of kind k: "a crime", "an espionage operation", ...
func nounFor(k model.ActKind) string {
	switch k {
	case model.ActCrime:
		return "a criminal attack"
	case model.ActEspionage:
		return "an espionage operation"
	case model.ActHacktivism:
		return "a hacktivist attack"
	case model.ActScan:
		return "a research scan"
	case model.ActPreemptive:
		return "a pre-emptive strike"
	case model.ActVigilante:
		return "a vigilante strike"
	case model.ActHackBack:
		return "a hack back"
	case model.ActRetaliation:
		return "a retaliation"
	case model.ActCounterstrike:
		return "a counter-strike"
	}
	return "an attack"
}

// levelPhrase is " at destruction level" for acts from destruction up.
func levelPhrase(l int8) string {
	switch {
	case l >= model.ArmedAttack:
		return " at the armed-conflict level"
	case l == model.Critical:
		return " at the critical level (critical infrastructure or physical harm)"
	case l == model.Destruction:
		return " at the destruction level"
	}
	return ""
}

// culprit says who really launched parent.
func (s *Session) culprit(parent *model.Act) string {
	if parent.Kind == model.ActScan {
		return "The scan came from " + s.Name(parent.Origin) + "."
	}
	return "The real attacker was " + s.Name(parent.Origin) + "."
}

// doTo tells an act of kind k done to obj: "hacked back firm 3", "hacked
// it back", "retaliated against it".
func doTo(k model.ActKind, obj string) string {
	if k == model.ActHackBack && obj == "it" {
		return "hacked it back"
	}
	return verbFor(k) + " " + obj
}

// commaLevel sets a level phrase off with a comma.
func commaLevel(lvl string) string {
	if lvl == "" {
		return ""
	}
	return "," + lvl
}

// noteAct considers an act for the narration of its tick.
func (s *Session) noteAct(a, parent *model.Act) {
	level := 0
	switch a.Kind {
	case model.ActHackBack:
		level = 1
	case model.ActRetaliation, model.ActCounterstrike, model.ActPreemptive:
		level = 2
	case model.ActVigilante:
		level = 3
	}
	if a.Innocent && level > 0 {
		level = max(level+1, 3)
	}
	if a.Interstate {
		level = max(level, 2)
	}
	if a.Intensity >= model.Critical && level > 0 {
		level = max(level, 3)
	}
	if a.Intensity >= model.ArmedAttack {
		level = 4
	}
	if level == 0 {
		return
	}
	s.candidate(Entry{Tick: a.Tick, Level: min(level, 4), Text: s.Sentence(a, parent), Act: a.ID, Cascade: a.Cascade, Actor: a.Origin})
}

// Sentence tells one answer or strike in plain words, with why it hit
// whom it hit when the act it answers is known.
func (s *Session) Sentence(a, parent *model.Act) string {
	var b strings.Builder
	if a.Intensity >= model.ArmedAttack {
		b.WriteString("Armed-conflict threshold crossed: ")
	}
	origin, target := s.Name(a.Origin), s.Name(a.Target)
	// A state answering for one of its own, or a bystander answering.
	onBehalf := ""
	if parent != nil && parent.Target != a.Origin && a.Kind != model.ActVigilante {
		if s.isState(a.Origin) {
			onBehalf = ", answering for " + s.short(parent.Target) + ","
		}
	}
	lvl := levelPhrase(a.Intensity)
	switch {
	case a.Kind == model.ActVigilante:
		fmt.Fprintf(&b, "%s, angry at attacks he blamed on %s and at his own state's inaction, struck %s%s",
			origin, StateName(s.homeOf(a.Target)), target, lvl)
		if a.Innocent {
			b.WriteString(" — an innocent")
		}
		b.WriteString(".")
	case a.Innocent && parent != nil && parent.Kind == model.ActScan && parent.Origin == a.Target:
		fmt.Fprintf(&b, "%s%s read a research scan by %s as an attack and %s%s — an innocent: scanning is not attacking.",
			capitalize(origin), onBehalf, target, doTo(a.Kind, "it"), lvl)
	case a.Innocent && parent != nil:
		what := nounFor(parent.Kind)
		switch {
		case parent.Via == a.Target:
			fmt.Fprintf(&b, "%s%s blamed %s for %s routed through its hijacked machine, and %s%s — an innocent botnet host. %s",
				capitalize(origin), onBehalf, target, what, doTo(a.Kind, "it"), lvl, s.culprit(parent))
		case parent.Flag == a.Target:
			fmt.Fprintf(&b, "%s%s fell for a false flag: it blamed %s for %s and %s%s — an innocent. %s",
				capitalize(origin), onBehalf, target, what, doTo(a.Kind, "it"), lvl, s.culprit(parent))
		case s.isState(a.Target) && s.homeOf(parent.Origin) == a.Target:
			fmt.Fprintf(&b, "%s%s blamed %s for %s by one of its people, %s, and %s%s.",
				capitalize(origin), onBehalf, target, what, s.Name(parent.Origin), doTo(a.Kind, "the state itself"), lvl)
		default:
			fmt.Fprintf(&b, "%s%s wrongly blamed %s for %s and %s%s — an innocent. %s",
				capitalize(origin), onBehalf, target, what, doTo(a.Kind, "it"), lvl, s.culprit(parent))
		}
	case a.Innocent:
		fmt.Fprintf(&b, "%s%s %s%s — an innocent: it had not launched the attack being answered.", capitalize(origin), onBehalf, doTo(a.Kind, target), lvl)
	case a.Kind == model.ActPreemptive:
		fmt.Fprintf(&b, "%s struck %s pre-emptively (defend forward)%s.", capitalize(origin), target, lvl)
	case a.Kind == model.ActCounterstrike:
		fmt.Fprintf(&b, "%s counter-struck %s, which had hit it%s.", capitalize(origin), target, lvl)
	case parent != nil && a.Target == parent.Origin:
		fmt.Fprintf(&b, "%s%s %s, the real attacker%s.", capitalize(origin), onBehalf, doTo(a.Kind, target), commaLevel(lvl))
	default:
		fmt.Fprintf(&b, "%s%s %s%s.", capitalize(origin), onBehalf, doTo(a.Kind, target), lvl)
	}
	if a.Interstate && a.Kind != model.ActVigilante {
		b.WriteString(" A state struck into another state's jurisdiction.")
	}
	if a.Collateral > 0 {
		if a.Collateral == 1 {
			b.WriteString(" A bystander was also harmed.")
		} else {
			fmt.Fprintf(&b, " %d bystanders were also harmed.", a.Collateral)
		}
	}
	return b.String()
}

// noteCascade narrates the end of a large or dangerous cascade.
func (s *Session) noteCascade(c *model.CascadeRecord) {
	if c.Size < 8 && c.Innocents < 3 && c.PeakIntensity < model.Critical && !(c.Interstate && c.Size >= 4) {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "A cascade that began on day %d", c.RootTick)
	if root := s.recent.get(c.RootAct); root != nil {
		fmt.Fprintf(&b, " with %s's %s on %s", s.short(root.Origin), shortNoun(root.Kind), s.short(root.Target))
	}
	fmt.Fprintf(&b, " ended: %d acts over %d days, %s, peak %s", c.Size, c.Duration(), plural(c.Innocents, "innocent", "innocents")+" harmed", model.IntensityName(int(c.PeakIntensity)))
	if c.Interstate {
		b.WriteString(", and a state struck into another state's jurisdiction")
	}
	b.WriteString(".")
	level := 2
	if c.PeakIntensity >= model.ArmedAttack {
		level = 3
	}
	s.candidate(Entry{Tick: s.m.Tick(), Level: level, Text: b.String(), Act: c.RootAct, Cascade: c.ID, Actor: None})
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}

// shortNoun names a root act after its actor's name: "criminal 3's attack".
func shortNoun(k model.ActKind) string {
	switch k {
	case model.ActEspionage:
		return "espionage"
	case model.ActScan:
		return "research scan"
	case model.ActPreemptive:
		return "pre-emptive strike"
	}
	return "attack"
}
