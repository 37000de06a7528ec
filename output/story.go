package output

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/escalation-model/escalation/model"
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

// csvTable is a CSV file read row by row, its columns found by name;
// the first parse error is kept in err.
type csvTable struct {
	path   string
	r      *csv.Reader
	col    map[string]int
	line   int
	rec    []string
	err    error
	closer io.Closer
}

// openCSV opens a CSV file and checks its header has the needed columns.
func openCSV(path string, need []string) (*csvTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: reading the header: %w", path, err)
	}
	t := &csvTable{path: path, r: r, col: make(map[string]int), line: 1, closer: f}
	for i, h := range header {
		t.col[h] = i
	}
	for _, n := range need {
		if _, ok := t.col[n]; !ok {
			f.Close()
			return nil, fmt.Errorf("%s: no column %q", path, n)
		}
	}
	return t, nil
}

// next reads the next row; it returns false at the end or on an error
// (kept in t.err).
func (t *csvTable) next() bool {
	if t.err != nil {
		return false
	}
	rec, err := t.r.Read()
	if errors.Is(err, io.EOF) {
		return false
	}
	t.line++
	if err != nil {
		t.err = fmt.Errorf("%s: %w", t.path, err)
		return false
	}
	t.rec = rec
	return true
}

func (t *csvTable) str(name string) string { return t.rec[t.col[name]] }

func (t *csvTable) int(name string) int64 {
	v, err := strconv.ParseInt(t.str(name), 10, 64)
	if err != nil && t.err == nil {
		t.err = fmt.Errorf("%s:%d: column %s: %q is not an integer", t.path, t.line, name, t.str(name))
	}
	return v
}

func (t *csvTable) float(name string) float64 {
	v, err := strconv.ParseFloat(t.str(name), 64)
	if err != nil && t.err == nil {
		t.err = fmt.Errorf("%s:%d: column %s: %q is not a number", t.path, t.line, name, t.str(name))
	}
	return v
}

func (t *csvTable) bool(name string) bool {
	v, err := strconv.ParseBool(t.str(name))
	if err != nil && t.err == nil {
		t.err = fmt.Errorf("%s:%d: column %s: %q is not true or false", t.path, t.line, name, t.str(name))
	}
	return v
}

func (t *csvTable) close() { t.closer.Close() }

// event parses the current row of events.csv.
func (t *csvTable) event() event {
	return event{
		id: t.int("id"), parent: t.int("parent"), cascade: t.int("cascade"), tick: int(t.int("tick")),
		kind: t.str("kind"), origin: int32(t.int("origin")), target: int32(t.int("target")),
		via: int32(t.int("via")), flag: int32(t.int("flag")), suspect: int32(t.int("suspect")),
		detected: t.bool("detected"), misattributed: t.bool("misattributed"), confidence: t.float("confidence"),
		intensity: int(t.int("intensity")), generation: int(t.int("generation")), collat: int(t.int("collateral")),
		innocent: t.bool("innocent"), interstate: t.bool("interstate"), damage: t.float("damage"),
	}
}

// TellStory tells cascade cascadeID of the run in directory dir in plain
// sentences, one per act in tick order, then a summary line, reading
// DIR/events.csv (written by a run with --events), DIR/actors.csv and, for
// the summary, DIR/cascades.csv. It fails if events.csv is missing or the
// cascade does not exist (the error gives the valid range of ids).
func TellStory(dir string, cascadeID int64, w io.Writer) error {
	evPath := filepath.Join(dir, EventsFile)
	t, err := openCSV(evPath, eventColumns[:])
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s has no %s, which a story needs: run escalate run --events to record every act", dir, EventsFile)
	}
	if err != nil {
		return err
	}
	var evs []event
	maxID := int64(-1)
	for t.next() {
		c := t.int("cascade")
		maxID = max(maxID, c)
		if c == cascadeID {
			evs = append(evs, t.event())
		}
	}
	t.close()
	if t.err != nil {
		return t.err
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
	t, err := openCSV(path, []string{"id", "kind", "state", "enemy", "poor", "iot", "researcher"})
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	defer t.close()
	for t.next() {
		id := int32(t.int("id"))
		if !need[id] {
			continue
		}
		out[id] = actorInfo{
			kind: t.str("kind"), state: int32(t.int("state")), enemy: int32(t.int("enemy")),
			poor: t.bool("poor"), iot: t.bool("iot"), researcher: t.bool("researcher"),
		}
	}
	return out, t.err
}

// readCascade returns cascade id's row of cascades.csv, or nil if the file
// is missing or has no such row.
func readCascade(path string, id int64) (*model.CascadeRecord, error) {
	t, err := openCSV(path, cascadeColumns[:])
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer t.close()
	for t.next() {
		if t.int("id") != id {
			continue
		}
		return &model.CascadeRecord{
			ID: id, RootAct: t.int("root_act"), RootTick: int(t.int("root_tick")),
			Size: t.int("size"), Depth: int(t.int("depth")), Actors: int(t.int("actors")),
			Innocents: t.int("innocents"), PeakIntensity: int(t.int("peak_intensity")),
			Interstate: t.bool("interstate"), Vigilante: t.bool("vigilante"), Closed: t.bool("closed"),
			LastTick: int(t.int("last_tick")),
		}, t.err
	}
	return nil, t.err
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
