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

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
)

// readAct parses the current row of events.csv.
func readAct(t *csvfmt.Reader) model.Act {
	return model.Act{
		ID: t.Int("id"), Parent: t.Int("parent"), Cascade: t.Int("cascade"), Tick: int(t.Int("tick")),
		Kind: model.ActKind(t.Choice("kind", model.ActKinds())), Origin: int32(t.Int("origin")), Target: int32(t.Int("target")),
		Via: int32(t.Int("via")), Flag: int32(t.Int("flag")), Suspect: int32(t.Int("suspect")),
		Detected: t.Bool("detected"), Misattributed: t.Bool("misattributed"), Confidence: t.Float("confidence"),
		Intensity: int8(t.Int("intensity")), Generation: int32(t.Int("generation")), Collateral: int32(t.Int("collateral")),
		Innocent: t.Bool("innocent"), Interstate: t.Bool("interstate"), Damage: t.Float("damage"),
	}
}

// actorKinds are the names of the kinds of actor, in code order.
func actorKinds() []string {
	var names []string
	for k := model.Kind(0); k.String() != "unknown"; k++ {
		names = append(names, k.String())
	}
	return names
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
// DIR/events.csv (written by a run with --events), DIR/actors.csv, for the
// names the scenario gives actors DIR/summary.json, and, for the summary,
// DIR/cascades.csv. It fails if events.csv is missing or the cascade does
// not exist (the error gives the valid range of ids).
func TellStory(dir string, cascadeID int64, w io.Writer) error {
	evPath := filepath.Join(dir, EventsFile)
	t, err := openRunTable(evPath, EventColumns())
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s has no %s, which a story needs: run escalate run --events to record every act", dir, EventsFile)
	}
	if err != nil {
		return err
	}
	var acts []model.Act
	maxID := int64(-1)
	for t.Next() {
		c := t.Int("cascade")
		maxID = max(maxID, c)
		if c == cascadeID {
			acts = append(acts, readAct(t))
		}
	}
	t.Close()
	if err := t.Err(); err != nil {
		return err
	}
	if len(acts) == 0 {
		if maxID < 0 {
			return fmt.Errorf("cascade %d does not exist: the run in %s has no cascades", cascadeID, dir)
		}
		if maxID == 0 {
			return fmt.Errorf("cascade %d does not exist: the run in %s has one cascade, 0", cascadeID, dir)
		}
		return fmt.Errorf("cascade %d does not exist: the run in %s has cascades 0 to %d", cascadeID, dir, maxID)
	}
	// Events are written in act order, which is tick order.
	slices.SortStableFunc(acts, func(a, b model.Act) int { return cmp.Compare(a.ID, b.ID) })

	need := map[int32]bool{}
	for _, a := range acts {
		for _, id := range []int32{a.Origin, a.Target, a.Via, a.Flag, a.Suspect} {
			if id >= 0 {
				need[id] = true
			}
		}
	}
	actors, err := readActors(filepath.Join(dir, ActorsFile), need)
	if err != nil {
		return err
	}
	names, err := ReadNames(filepath.Join(dir, SummaryFile))
	if err != nil {
		return err
	}
	for id, name := range names {
		if a, ok := actors[id]; ok {
			a.Given = name
			actors[id] = a
		}
	}
	rec, err := readCascade(filepath.Join(dir, CascadesFile), cascadeID)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	tell(bw, acts, actors, rec)
	return bw.Flush()
}

// tell writes a cascade's story: one line per act, in order, its actors
// described at their first mention, then the summary line (from rec, the
// cascade's record, or when nil from its acts).
func tell(w io.Writer, acts []model.Act, actors map[int32]narrate.Actor, rec *model.CascadeRecord) {
	// A chain (each act answers the one before) reads without act numbers;
	// a branching cascade names its acts so the answers can be followed.
	chain := true
	for i := 1; i < len(acts); i++ {
		if acts[i].Parent != acts[i-1].ID {
			chain = false
		}
	}
	byID := make(map[int64]*model.Act, len(acts))
	for i := range acts {
		byID[acts[i].ID] = &acts[i]
	}
	t := narrate.Teller{Introduce: true, Cast: func(id int32) (narrate.Actor, bool) {
		a, ok := actors[id]
		return a, ok
	}}
	for i := range acts {
		fmt.Fprintln(w, t.Story(&acts[i], byID[acts[i].Parent], !chain))
	}
	if rec != nil {
		fmt.Fprintln(w, narrate.Summary(rec, false))
		return
	}
	r := narrate.RecordFromActs(acts)
	fmt.Fprintln(w, narrate.Summary(&r, true))
}

// readActors reads the actors with the given ids, and every state (whose
// names name the others' homes), from actors.csv; a missing file gives an
// empty map (actors are then named by id only).
func readActors(path string, need map[int32]bool) (map[int32]narrate.Actor, error) {
	out := make(map[int32]narrate.Actor, len(need))
	t, err := openRunTable(path, []string{"id", "kind", "state", "enemy", "poor", "iot", "researcher"})
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	defer t.Close()
	kinds := actorKinds()
	for t.Next() {
		id := int32(t.Int("id"))
		if !need[id] && t.Text("kind") != model.KindState.String() {
			continue
		}
		out[id] = narrate.Actor{
			ID: id, Kind: model.Kind(t.Choice("kind", kinds)), State: int32(t.Int("state")), Enemy: int32(t.Int("enemy")),
			Poor: t.Bool("poor"), IoT: t.Bool("iot"), Researcher: t.Bool("researcher"),
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
