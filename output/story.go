package output

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// event is one row of events.csv.
type event struct {
	id, parent, cascade           int64
	tick                          int
	kind                          string
	origin, target, via, flag     int32
	suspect                       int32
	detected, misattributed       bool
	confidence                    float64
	intensity, generation, collat int
	innocent, interstate          bool
	damage                        float64
}

// actorInfo is what a story says about an actor, from actors.csv.
type actorInfo struct {
	kind                  string
	state, enemy          int32
	poor, iot, researcher bool
}

// readEvent parses the current row of events.csv.
func readEvent(t *csvfmt.Reader) event {
	return event{
		id: t.Int("id"), parent: t.Int("parent"), cascade: t.Int("cascade"), tick: int(t.Int("tick")),
		kind: t.Text("kind"), origin: int32(t.Int("origin")), target: int32(t.Int("target")),
		via: int32(t.Int("via")), flag: int32(t.Int("flag")), suspect: int32(t.Int("suspect")),
		detected: t.Bool("detected"), misattributed: t.Bool("misattributed"), confidence: t.Float("confidence"),
		intensity: int(t.Int("intensity")), generation: int(t.Int("generation")), collat: int(t.Int("collateral")),
		innocent: t.Bool("innocent"), interstate: t.Bool("interstate"), damage: t.Float("damage"),
	}
}

// openRunTable opens a run's table and checks it has the needed columns.
func openRunTable(path string, need []string) (*csvfmt.Reader, error) {
	t, err := csvfmt.Open(path)
	if err != nil {
		return nil, err
	}
	if _, err := t.Columns(need...); err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

// TellStory tells cascade cascadeID of the run in directory dir in plain
// sentences, one per act in tick order, then a summary line, reading
// DIR/events.csv (written by a run with --events), DIR/actors.csv and, for
// the summary, DIR/cascades.csv. It fails if events.csv is missing or the
// cascade does not exist (the error gives the valid range of ids).
func TellStory(dir string, cascadeID int64, w io.Writer) error {
	evPath := filepath.Join(dir, EventsFile)
	t, err := openRunTable(evPath, EventColumns())
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s has no %s, which a story needs: run escalate run --events to record every act", dir, EventsFile)
	}
	if err != nil {
		return err
	}
	var evs []event
	maxID := int64(-1)
	for t.Next() {
		c := t.Int("cascade")
		maxID = max(maxID, c)
		if c == cascadeID {
			evs = append(evs, readEvent(t))
		}
	}
	t.Close()
	if err := t.Err(); err != nil {
		return err
	}
	if len(evs) == 0 {
		if maxID < 0 {
			return fmt.Errorf("cascade %d does not exist: the run in %s has no cascades", cascadeID, dir)
		}
		return fmt.Errorf("cascade %d does not exist: the run in %s has cascades 0 to %d", cascadeID, dir, maxID)
	}
	// Events are written in act order, which is tick order.
	slices.SortStableFunc(evs, func(a, b event) int { return cmp.Compare(a.id, b.id) })

	need := map[int32]bool{}
	for _, e := range evs {
		for _, id := range []int32{e.origin, e.target, e.via, e.flag, e.suspect} {
			if id >= 0 {
				need[id] = true
			}
		}
	}
	actors, err := readActors(filepath.Join(dir, ActorsFile), need)
	if err != nil {
		return err
	}
	rec, err := readCascade(filepath.Join(dir, CascadesFile), cascadeID)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	s := storyteller{actors: actors, seen: map[int32]bool{}, w: bw}
	s.tell(evs, rec)
	return bw.Flush()
}

// readActors reads the actors with the given ids from actors.csv; a
// missing file gives an empty map (actors are then named by id only).
func readActors(path string, need map[int32]bool) (map[int32]actorInfo, error) {
	out := make(map[int32]actorInfo, len(need))
	t, err := openRunTable(path, []string{"id", "kind", "state", "enemy", "poor", "iot", "researcher"})
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	defer t.Close()
	for t.Next() {
		id := int32(t.Int("id"))
		if !need[id] {
			continue
		}
		out[id] = actorInfo{
			kind: t.Text("kind"), state: int32(t.Int("state")), enemy: int32(t.Int("enemy")),
			poor: t.Bool("poor"), iot: t.Bool("iot"), researcher: t.Bool("researcher"),
		}
	}
	return out, t.Err()
}

// readCascade returns cascade id's row of cascades.csv, or nil if the file
// is missing or has no such row.
func readCascade(path string, id int64) (*model.CascadeRecord, error) {
	t, err := openRunTable(path, CascadeColumns())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer t.Close()
	for t.Next() {
		if t.Int("id") != id {
			continue
		}
		return &model.CascadeRecord{
			ID: id, RootAct: t.Int("root_act"), RootTick: int(t.Int("root_tick")),
			Size: t.Int("size"), Depth: int(t.Int("depth")), Actors: int(t.Int("actors")),
			Innocents: t.Int("innocents"), PeakIntensity: int(t.Int("peak_intensity")),
			Interstate: t.Bool("interstate"), Vigilante: t.Bool("vigilante"), Closed: t.Bool("closed"),
			LastTick: int(t.Int("last_tick")),
		}, t.Err()
	}
	return nil, t.Err()
}

// storyteller writes a cascade's sentences; it describes each actor in
// full at its first mention and by kind and id afterwards.
type storyteller struct {
	actors map[int32]actorInfo
	seen   map[int32]bool
	w      *bufio.Writer
}

// short names an actor: "state 3", "firm 57", "actor 12" when unknown.
func (s *storyteller) short(id int32) string {
	a, ok := s.actors[id]
	if !ok {
		return "actor " + strconv.Itoa(int(id))
	}
	return a.kind + " " + strconv.Itoa(int(id))
}

// name names an actor, in full at the first mention: "firm 57 (state 1,
// IoT, below the security poverty line)", "criminal 431 (home state 3)".
func (s *storyteller) name(id int32) string {
	n := s.short(id)
	a, ok := s.actors[id]
	if !ok || s.seen[id] {
		return n
	}
	s.seen[id] = true
	if a.kind == model.KindState.String() {
		return n
	}
	var attrs []string
	switch a.kind {
	case model.KindFirm.String(), model.KindCitizen.String():
		attrs = append(attrs, "state "+strconv.Itoa(int(a.state)))
	default:
		attrs = append(attrs, "home state "+strconv.Itoa(int(a.state)))
	}
	if a.enemy >= 0 {
		attrs = append(attrs, "campaigning against state "+strconv.Itoa(int(a.enemy)))
	}
	if a.researcher {
		attrs = append(attrs, "a security researcher")
	}
	if a.iot {
		attrs = append(attrs, "IoT")
	}
	if a.poor {
		attrs = append(attrs, "below the security poverty line")
	}
	return n + " (" + strings.Join(attrs, ", ") + ")"
}

// verb returns how an act of the kind is told: "ORIGIN VERB TARGET at
// LEVEL, REST", where TARGET in REST stands for the target's name.
func verb(kind string) (string, string) {
	switch kind {
	case "espionage":
		return "spied on", ""
	case "scan":
		return "scanned", "a research scan that TARGET read as an attack"
	case "preemptive":
		return "struck", "pre-emptively"
	case "vigilante":
		return "struck", "in a vigilante strike"
	case "hackback":
		return "hacked back", ""
	case "retaliation":
		return "retaliated against", ""
	case "counterstrike":
		return "counter-struck", ""
	case "answer":
		return "answered by striking", ""
	case "hacktivism":
		return "attacked", "for its cause"
	}
	return "attacked", ""
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

func (s *storyteller) tell(evs []event, rec *model.CascadeRecord) {
	// A chain (each act answers the one before) reads without act numbers;
	// a branching cascade names its acts so the answers can be followed.
	chain := true
	for i := 1; i < len(evs); i++ {
		if evs[i].parent != evs[i-1].id {
			chain = false
		}
	}
	byID := make(map[int64]int, len(evs))
	for i := range evs {
		byID[evs[i].id] = i
	}
	for _, e := range evs {
		var b strings.Builder
		fmt.Fprintf(&b, "Tick %d", e.tick)
		if !chain {
			if e.parent >= 0 {
				fmt.Fprintf(&b, " (act %d, answering act %d)", e.id, e.parent)
			} else {
				fmt.Fprintf(&b, " (act %d)", e.id)
			}
		}
		b.WriteString(": ")
		b.WriteString(s.name(e.origin))
		// An answerer other than the answered act's target is a state
		// protecting one of its own, or a harmed bystander.
		if i, ok := byID[e.parent]; ok && evs[i].target != e.origin {
			if a, ok := s.actors[e.origin]; ok && a.kind == model.KindState.String() {
				fmt.Fprintf(&b, ", answering for %s,", s.short(evs[i].target))
			} else {
				b.WriteString(", harmed as a bystander,")
			}
		}
		v, rest := verb(e.kind)
		fmt.Fprintf(&b, " %s %s", v, s.name(e.target))
		if e.parent >= 0 {
			if e.innocent {
				b.WriteString(" — an innocent —")
			} else {
				b.WriteString(", the true attacker,")
			}
		}
		fmt.Fprintf(&b, " at %s", model.IntensityName(e.intensity))
		if e.damage > 0 {
			fmt.Fprintf(&b, " (damage %.3g)", e.damage)
		}
		if rest != "" {
			b.WriteString(", ")
			b.WriteString(strings.ReplaceAll(rest, "TARGET", s.short(e.target)))
		}
		if e.via >= 0 {
			fmt.Fprintf(&b, ", routed through a botnet host, %s", s.name(e.via))
		}
		if e.flag >= 0 {
			fmt.Fprintf(&b, ", under a false flag framing %s", s.name(e.flag))
		}
		if e.interstate {
			b.WriteString(", crossing into state-against-state conflict")
		}
		if e.collat > 0 {
			fmt.Fprintf(&b, "; %s also harmed", plural(int64(e.collat), "bystander was", "bystanders were"))
		}
		b.WriteString(".")
		target := capitalize(s.short(e.target))
		switch {
		case !e.detected:
			fmt.Fprintf(&b, " %s did not detect it.", target)
		case e.suspect >= 0:
			fmt.Fprintf(&b, " %s detected it and ", target)
			if e.misattributed {
				b.WriteString("wrongly ")
			} else {
				b.WriteString("rightly ")
			}
			fmt.Fprintf(&b, "blamed %s", s.name(e.suspect))
			switch {
			case !e.misattributed:
			case e.suspect == e.via:
				b.WriteString(", the botnet host")
			case e.suspect == e.flag:
				b.WriteString(", the framed party")
			case s.isHomeState(e.suspect, e.origin):
				b.WriteString(", the attacker's home state")
			}
			if e.confidence > 0 {
				fmt.Fprintf(&b, ", with confidence %.2f", e.confidence)
			}
			b.WriteString(".")
		default:
			fmt.Fprintf(&b, " %s detected it.", target)
		}
		b.WriteByte('\n')
		s.w.WriteString(b.String())
	}
	s.w.WriteString(summaryLine(evs, rec))
}

// isHomeState reports whether actor suspect is the home state of a
// non-state actor origin.
func (s *storyteller) isHomeState(suspect, origin int32) bool {
	a, ok := s.actors[origin]
	sa, ok2 := s.actors[suspect]
	return ok && ok2 && sa.kind == model.KindState.String() && a.kind != model.KindState.String() && a.state == suspect
}

// summaryLine sums the cascade up, from its cascades.csv row when there is
// one, else from its events.
func summaryLine(evs []event, rec *model.CascadeRecord) string {
	var r model.CascadeRecord
	actorsKnown := true
	if rec != nil {
		r = *rec
	} else {
		actorsKnown = false
		seen := map[int32]bool{}
		r = model.CascadeRecord{ID: evs[0].cascade, RootAct: evs[0].id, RootTick: evs[0].tick, Closed: true}
		for _, e := range evs {
			r.Size++
			r.Depth = max(r.Depth, e.generation)
			r.PeakIntensity = max(r.PeakIntensity, e.intensity)
			r.Interstate = r.Interstate || e.interstate
			r.LastTick = max(r.LastTick, e.tick)
			if e.innocent {
				r.Innocents++
			}
			r.Innocents += int64(e.collat)
			seen[e.origin], seen[e.target] = true, true
		}
		r.Actors = len(seen)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "In all, cascade %d: %s", r.ID, plural(r.Size, "act", "acts"))
	if r.LastTick > r.RootTick {
		fmt.Fprintf(&b, " over %d days (ticks %d to %d)", r.Duration(), r.RootTick, r.LastTick)
	} else {
		fmt.Fprintf(&b, " on tick %d", r.RootTick)
	}
	fmt.Fprintf(&b, ", depth %d, ", r.Depth)
	if actorsKnown {
		b.WriteString(plural(int64(r.Actors), "actor", "actors"))
	} else {
		fmt.Fprintf(&b, "at least %s", plural(int64(r.Actors), "actor", "actors"))
	}
	fmt.Fprintf(&b, " involved, %s harmed, peak intensity %s, ", plural(r.Innocents, "innocent", "innocents"), model.IntensityName(r.PeakIntensity))
	if r.Interstate {
		b.WriteString("interstate: yes (a state struck at another state's jurisdiction)")
	} else {
		b.WriteString("interstate: no")
	}
	if rec != nil && !r.Closed {
		b.WriteString("; still open when the run ended")
	}
	b.WriteString(".\n")
	return b.String()
}
