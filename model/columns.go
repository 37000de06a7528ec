package model

import (
	"slices"
	"sync"
)

// ColumnType is the type of an output column's values, as the table writers
// write them: integers in decimal, floats in their shortest round-trip form,
// strings as they are, booleans as true or false.
type ColumnType uint8

// The column types.
const (
	ColumnInt ColumnType = iota
	ColumnFloat
	ColumnString
	ColumnBool
)

var columnTypeNames = [...]string{"int", "float", "string", "bool"}

// String returns the type's name as docs/data.md writes it: int, float,
// string or bool.
func (t ColumnType) String() string {
	if int(t) < len(columnTypeNames) {
		return columnTypeNames[t]
	}
	return "unknown"
}

// Column describes one column of an output table whose rows are records of
// type R: its name (the CSV header), type, unit, one-line meaning, and how
// to read its value from a record. Exactly one accessor is set, the one of
// Type. Every writer, reader, schema and codebook of the table derives from
// its columns, in the order of the registry (see TickColumns).
type Column[R any] struct {
	Name    string
	Type    ColumnType
	Unit    string // empty for ids, names and flags
	Meaning string

	Int   func(*R) int64   // ColumnInt
	Float func(*R) float64 // ColumnFloat
	Text  func(*R) string  // ColumnString
	Bool  func(*R) bool    // ColumnBool
}

// Columns is the registry of one output table: its columns, in the order
// the table is written.
type Columns[R any] []Column[R]

// Names returns the columns' names, in order: the table's header.
func (cs Columns[R]) Names() []string {
	out := make([]string, len(cs))
	for i := range cs {
		out[i] = cs[i].Name
	}
	return out
}

// Index returns the position of the named column, or -1.
func (cs Columns[R]) Index(name string) int {
	return slices.IndexFunc(cs, func(c Column[R]) bool { return c.Name == name })
}

// Lookup returns the named column.
func (cs Columns[R]) Lookup(name string) (Column[R], bool) {
	if i := cs.Index(name); i >= 0 {
		return cs[i], true
	}
	return Column[R]{}, false
}

func intCol[R any](name, unit, meaning string, get func(*R) int64) Column[R] {
	return Column[R]{Name: name, Type: ColumnInt, Unit: unit, Meaning: meaning, Int: get}
}

func floatCol[R any](name, unit, meaning string, get func(*R) float64) Column[R] {
	return Column[R]{Name: name, Type: ColumnFloat, Unit: unit, Meaning: meaning, Float: get}
}

func textCol[R any](name, unit, meaning string, get func(*R) string) Column[R] {
	return Column[R]{Name: name, Type: ColumnString, Unit: unit, Meaning: meaning, Text: get}
}

func boolCol[R any](name, unit, meaning string, get func(*R) bool) Column[R] {
	return Column[R]{Name: name, Type: ColumnBool, Unit: unit, Meaning: meaning, Bool: get}
}

// The registries, built once; never modified afterwards.
var (
	tickColumns    = sync.OnceValue(buildTickColumns)
	cascadeColumns = sync.OnceValue(buildCascadeColumns)
	eventColumns   = sync.OnceValue(buildEventColumns)
	actorColumns   = sync.OnceValue(buildActorColumns)
)

// TickColumns returns the registry of ticks.csv, one row per TickStats:
// tick, attacks, answers, one column per act kind (named as ActKinds), then
// the other counts. The slice is a copy.
func TickColumns() Columns[TickStats] { return slices.Clone(tickColumns()) }

// CascadeColumns returns the registry of cascades.csv, one row per
// CascadeRecord. The slice is a copy.
func CascadeColumns() Columns[CascadeRecord] { return slices.Clone(cascadeColumns()) }

// EventColumns returns the registry of events.csv, one row per Act. The
// slice is a copy.
func EventColumns() Columns[Act] { return slices.Clone(eventColumns()) }

// ActorColumns returns the registry of actors.csv, one row per
// ActorRecord. The slice is a copy.
func ActorColumns() Columns[ActorRecord] { return slices.Clone(actorColumns()) }

// kindNotes completes the meaning of some per-kind columns of ticks.csv.
var kindNotes = [numActKinds]string{
	ActAttack: " (branching mechanics)",
	ActScan:   " (answered scans)",
	ActAnswer: " (branching mechanics)",
}

func buildTickColumns() Columns[TickStats] {
	type S = TickStats
	cs := Columns[S]{
		intCol("tick", "tick (day)", "the tick, from 0", func(s *S) int64 { return int64(s.Tick) }),
		intCol("attacks", "acts", "root acts launched (cascades started)", func(s *S) int64 { return s.Attacks }),
		intCol("answers", "acts", "answers launched (acts with a parent)", func(s *S) int64 { return s.Answers }),
	}
	for k := range numActKinds {
		name := k.String()
		cs = append(cs, intCol(name, "acts", "acts of kind `"+name+"` launched"+kindNotes[k], func(s *S) int64 { return s.ByKind[k] }))
	}
	return append(cs,
		intCol("scans", "scans", "research scans that probed a firm, whether or not they were read as an attack", func(s *S) int64 { return s.Scans }),
		intCol("attacks_on_firms", "acts", "root acts (attacks) launched against firms; answered research scans are not counted (a scan read as an attack is a benign act misread, not an attack)", func(s *S) int64 { return s.AttacksOnFirms }),
		floatCol("attacks_below_poverty_share", "share, 0 to 1", "share of `attacks_on_firms` that hit firms below the security poverty line; 0 when no firm was attacked (displacement, Rapid7 hack back paper)", (*S).AttacksBelowPovertyShare),
		intCol("detected", "acts", "acts whose target detected them (bystanders' detections are not counted)", func(s *S) int64 { return s.Detected }),
		intCol("misattributed", "acts", "detected acts whose target blamed someone other than their origin", func(s *S) int64 { return s.Misattributed }),
		intCol("innocents_harmed", "harms", "harms done by answers (and pre-emptive strikes) to actors who had not launched the act being answered: answers that hit someone other than the true origin of the act they answer, plus their bystanders other than that origin. A hack back answering a research scan harms only innocents, the researcher included (the scan was benign). The bystanders of root attacks (the branching mechanics' `attack`) are not innocent harms", func(s *S) int64 { return s.InnocentsHarmed }),
		floatCol("damage", "value units", "damage done by acts to their targets and bystanders; liability bills and recovered data are not counted", func(s *S) float64 { return s.Damage }),
		floatCol("damage_firms", "value units", "the part of `damage` that fell on firms", func(s *S) float64 { return s.DamageFirms }),
		floatCol("damage_citizens", "value units", "the part of `damage` that fell on individuals: citizens, criminals, hacktivists and vigilantes", func(s *S) float64 { return s.DamageCitizens }),
		floatCol("damage_states", "value units", "the part of `damage` that fell on states' own networks", func(s *S) float64 { return s.DamageStates }),
		floatCol("damage_below_poverty_share", "share, 0 to 1", "share of `damage_firms` that fell on firms below the security poverty line; 0 when firms took no damage", (*S).DamageBelowPovertyShare),
		intCol("firms_destroyed", "firms", "firms whose outstanding losses (damage plus liability bills, less repairs at `repair_rate` per tick) reached their value during the tick", func(s *S) int64 { return s.FirmsDestroyed }),
		floatCol("tension_mean", "tension", "mean tension over all ordered pairs of distinct states, after the tick's update (0 with one state)", func(s *S) float64 { return s.TensionMean }),
		floatCol("tension_max", "tension", "highest tension of any state toward another, after the tick's update", func(s *S) float64 { return s.TensionMax }),
		intCol("open_cascades", "cascades", "cascades still open to answers at the end of the tick (a cascade closes `answer_window` ticks after its latest act): most are single attacks waiting out that window, not conflicts under way", func(s *S) int64 { return s.OpenCascades }),
		intCol("interstate_crossings", "acts", "states' retaliations and pre-emptive strikes at a target in another state's jurisdiction (state-against-state conflict)", func(s *S) int64 { return s.Interstate }),
		intCol("armed_conflict", "acts", "acts at intensity 4 (armed-conflict)", func(s *S) int64 { return s.ArmedConflict }),
		intCol("dropped", "acts", "acts not launched because their actor had used its `capacity` for the tick", func(s *S) int64 { return s.Dropped }),
		intCol("deterred", "attacks", "root attacks not launched because the attacker was deterred (hit as the true author by an answer or a pre-emptive strike, or prosecuted; states are never prosecuted). A deterred state's espionage counts its whole draw for the tick; its skipped pre-emptive strike is not counted", func(s *S) int64 { return s.Deterred }),
		intCol("prosecutions", "prosecutions", "prosecutions of the true attacker carried out this tick (reports that name a state are dropped: states are not prosecuted)", func(s *S) int64 { return s.Prosecutions }),
		intCol("wrongful_prosecutions", "prosecutions", "prosecutions of someone other than the true attacker carried out this tick", func(s *S) int64 { return s.Wrongful }),
		intCol("hosts", "actors", "botnet hosts at the end of the tick", func(s *S) int64 { return s.Hosts }),
		intCol("recoveries", "acts", "hack backs that recovered stolen data", func(s *S) int64 { return s.Recoveries }),
		intCol("hotline_catches", "cases", "misattributions a hotline caught as a state blamed a foreign suspect: the state then neither gains tension, nor remembers the suspect, nor answers. Checked only when the state is willing to answer (its doctrine is not restraint and its confidence is at least `state_confidence`): an error it would not have answered is not checked, and still raises tension and is remembered", func(s *S) int64 { return s.HotlineCatches }),
		intCol("licences_revoked", "licences", "hack-back licences revoked by oversight", func(s *S) int64 { return s.Revoked }),
		intCol("spoiled_operations", "operations", "state intelligence operations following a suspect that a private hack back or vigilante strike spoiled (Road rage essay)", func(s *S) int64 { return s.Spoiled }),
	)
}

func buildCascadeColumns() Columns[CascadeRecord] {
	type C = CascadeRecord
	return Columns[C]{
		intCol("id", "", "cascade id, from 0, in the order the roots were launched", func(c *C) int64 { return c.ID }),
		intCol("root_act", "", "id of its root act (`events.csv` `id`)", func(c *C) int64 { return c.RootAct }),
		intCol("root_tick", "tick (day)", "tick of the root act", func(c *C) int64 { return int64(c.RootTick) }),
		textCol("root_kind", "", "kind of the root act (see act kinds)", func(c *C) string { return c.RootKind.String() }),
		intCol("size", "acts", "acts in the cascade, root included", func(c *C) int64 { return c.Size }),
		intCol("depth", "generations", "largest generation of its acts (the root is generation 0; a cascade of one act has depth 0)", func(c *C) int64 { return int64(c.Depth) }),
		intCol("actors", "actors", "distinct actors who launched, were hit by, or were harmed as bystanders of its acts", func(c *C) int64 { return int64(c.Actors) }),
		intCol("innocents", "harms", "its innocent harms (see `ticks.csv` `innocents_harmed`): targets of its answers and pre-emptive strikes who had not launched the act being answered, and those acts' bystanders other than that act's author", func(c *C) int64 { return c.Innocents }),
		intCol("peak_intensity", "intensity 0 to 4", "highest intensity of its acts", func(c *C) int64 { return int64(c.PeakIntensity) }),
		boolCol("interstate", "", "a state struck at another state's jurisdiction in it (it crossed into state-against-state conflict)", func(c *C) bool { return c.Interstate }),
		boolCol("vigilante", "", "it contains a vigilante's strike", func(c *C) bool { return c.Vigilante }),
		boolCol("exchange", "", "two states struck each other in it: an act of a state at another state or one of its firms, then a later act of the struck state at the first state or one of its firms", func(c *C) bool { return c.Exchange }),
		boolCol("vigilante_exchange", "", "two states struck each other (see `exchange`) in acts descending from a vigilante's strike", func(c *C) bool { return c.VigilanteExchange }),
		boolCol("closed", "", "`true` if it closed during the run; `false` if it was still open at the end (its figures are then as of the end)", func(c *C) bool { return c.Closed }),
		intCol("last_tick", "tick (day)", "tick of its latest act", func(c *C) int64 { return int64(c.LastTick) }),
		intCol("duration", "ticks (days)", "`last_tick - root_tick + 1`", func(c *C) int64 { return int64(c.Duration()) }),
	}
}

func buildEventColumns() Columns[Act] {
	type A = Act
	return Columns[A]{
		intCol("id", "", "act id, from 0", func(a *A) int64 { return a.ID }),
		intCol("parent", "", "id of the act this act answers; `-1` for a root act", func(a *A) int64 { return a.Parent }),
		intCol("cascade", "", "id of its cascade", func(a *A) int64 { return a.Cascade }),
		intCol("tick", "tick (day)", "tick it was launched", func(a *A) int64 { return int64(a.Tick) }),
		textCol("kind", "", "act kind (see act kinds)", func(a *A) string { return a.Kind.String() }),
		intCol("origin", "actor id", "who launched it", func(a *A) int64 { return int64(a.Origin) }),
		intCol("target", "actor id", "whom it hit", func(a *A) int64 { return int64(a.Target) }),
		intCol("via", "actor id", "the botnet host it was routed through; `-1` if none", func(a *A) int64 { return int64(a.Via) }),
		intCol("flag", "actor id", "the party framed by a false flag; `-1` if none", func(a *A) int64 { return int64(a.Flag) }),
		intCol("suspect", "actor id", "whom the target blamed; `-1` when the target did not detect the act", func(a *A) int64 { return int64(a.Suspect) }),
		boolCol("detected", "", "the target detected it", func(a *A) bool { return a.Detected }),
		boolCol("misattributed", "", "detected and blamed on someone other than `origin`", func(a *A) bool { return a.Misattributed }),
		floatCol("confidence", "probability, 0 to 1", "the target's confidence in its suspect; 0 when undetected, and always 0 in the branching mechanics (where attribution is a random draw)", func(a *A) float64 { return a.Confidence }),
		intCol("intensity", "intensity 0 to 4", "its intensity (an act at destruction on an IoT firm becomes critical)", func(a *A) int64 { return int64(a.Intensity) }),
		intCol("generation", "generations", "0 for a root, the parent's generation + 1 for an answer", func(a *A) int64 { return int64(a.Generation) }),
		intCol("collateral", "actors", "bystanders it also harmed, innocent or not (strikes only; every act in the branching mechanics)", func(a *A) int64 { return int64(a.Collateral) }),
		boolCol("innocent", "", "an answer or pre-emptive strike whose target had not launched the act it answers; always `true` for a hack back answering a `scan` (the scan was benign), even when it hits the researcher", func(a *A) bool { return a.Innocent }),
		boolCol("interstate", "", "a state's retaliation or pre-emptive strike at a target in another state's jurisdiction", func(a *A) bool { return a.Interstate }),
		floatCol("damage", "value units", "damage to the target; liability bills are not included; always 0 in the branching mechanics", func(a *A) float64 { return a.Damage }),
		floatCol("collateral_damage", "value units", "damage to the act's bystanders; `damage` + `collateral_damage` summed over a tick's events equals `ticks.csv` `damage`", func(a *A) float64 { return a.CollateralDamage }),
	}
}

// ActorRecord is one actor as actors.csv shows it: the actor, and the
// values the model derives for it under the parameters in force and at the
// current tick. Model.ActorRecord makes one; it is valid until the model
// steps again.
type ActorRecord struct {
	Actor       *Actor
	Defence     float64 // Model.Defence
	Skill       float64 // Model.Skill
	Outstanding float64 // Model.OutstandingDamage
}

// ActorRecord returns actor id's record now.
func (m *Model) ActorRecord(id int32) ActorRecord {
	return ActorRecord{Actor: &m.actors[id], Defence: m.Defence(id), Skill: m.Skill(id), Outstanding: m.OutstandingDamage(id)}
}

func buildActorColumns() Columns[ActorRecord] {
	type R = ActorRecord
	return Columns[R]{
		intCol("id", "", "actor id, from 0", func(r *R) int64 { return int64(r.Actor.ID) }),
		textCol("kind", "", "`state`, `firm`, `citizen`, `criminal`, `hacktivist` or `vigilante`", func(r *R) string { return r.Actor.Kind.String() }),
		intCol("state", "actor id", "home state (a state's own id for a state)", func(r *R) int64 { return int64(r.Actor.State) }),
		intCol("enemy", "actor id", "hacktivists: the foreign state they attack; `-1` for everyone else", func(r *R) int64 { return int64(r.Actor.Enemy) }),
		boolCol("poor", "", "a firm below the security poverty line", func(r *R) bool { return r.Actor.Poor }),
		boolCol("iot", "", "a firm running IoT or physical systems (harm at destruction becomes critical)", func(r *R) bool { return r.Actor.IoT }),
		boolCol("researcher", "", "a firm that scans the internet (never a poor firm)", func(r *R) bool { return r.Actor.Researcher }),
		boolCol("inclined", "", "*final*: a firm or citizen inclined to hack back if the law allows (a share `hack_back_share` of citizens and `hack_back_share * (1 - pledge)` of firms: the pledge binds firms only; re-dealt when `hack_back_share`, `license_share` or `pledge` change during the run); always `false` for other kinds", func(r *R) bool { return r.Actor.Inclined }),
		boolCol("licensed", "", "*final*: a firm holding a hack-back licence (revoked licences are `false`)", func(r *R) bool { return r.Actor.Licensed }),
		floatCol("value", "value units", "value at risk", func(r *R) float64 { return r.Actor.Value }),
		floatCol("defence", "probability, 0 to 1", "*final*: share of an attack's damage prevented and, for everyone but criminals and hacktivists, the chance to detect it, under the parameters at the end of the run (criminals and hacktivists detect with their offence, `criminal_offence` or `hacktivist_offence`; information sharing raises defence for everyone but them)", func(r *R) float64 { return r.Defence }),
		floatCol("skill", "probability, 0 to 1", "*final*: attribution skill, the chance to name the true attacker of an unrouted, unflagged attack, under the parameters at the end of the run (information sharing raises it for everyone but criminals and hacktivists)", func(r *R) float64 { return r.Skill }),
		boolCol("compromised", "", "*final*: a botnet host", func(r *R) bool { return r.Actor.Compromised }),
		boolCol("destroyed", "", "*final*: a firm whose outstanding losses (see `damage`) reached its value at some point; a destroyed firm stays destroyed", func(r *R) bool { return r.Actor.Destroyed }),
		boolCol("hacked_back", "", "*final*: launched at least one hack back", func(r *R) bool { return r.Actor.HackedBack }),
		floatCol("damage", "value units", "*final*: outstanding losses at the end of the run: damage from acts (as target or bystander) plus liability bills, minus stolen data recovered by its hack backs, less repairs of a share `repair_rate` per tick, applied up to the end of the last tick", func(r *R) float64 { return r.Outstanding }),
	}
}
