// Package csvfmt formats the rows of a run's tables (ticks.csv,
// cascades.csv, events.csv, actors.csv) exactly as the output package
// writes them, without any file, plot or font code. It exists so that the
// web page, compiled to WebAssembly, shows and downloads the very bytes the
// command line writes while staying small: package output delegates every
// row it writes to this package.
//
// The formats are documented column by column in docs/data.md: integers in
// decimal, booleans as true/false, floats with strconv.FormatFloat(v, 'g',
// -1, 64), no quoting.
package csvfmt

import (
	"strconv"

	"github.com/escalation-model/escalation/model"
)

// tickColumnsHead and tickColumnsTail surround the per-kind columns of ticks.csv.
var (
	tickColumnsHead = [...]string{"tick", "attacks", "answers"}
	tickColumnsTail = [...]string{
		"scans", "attacks_on_firms", "attacks_below_poverty_share", "detected", "misattributed", "innocents_harmed",
		"damage", "damage_firms", "damage_citizens", "damage_states", "damage_below_poverty_share",
		"firms_destroyed", "tension_mean", "tension_max", "active_cascades",
		"interstate_crossings", "armed_conflict", "dropped", "deterred",
		"prosecutions", "wrongful_prosecutions", "hosts", "recoveries",
		"hotline_catches", "licences_revoked", "spoiled_operations",
	}
	cascadeColumns = [...]string{
		"id", "root_act", "root_tick", "root_kind", "size", "depth", "actors", "innocents",
		"peak_intensity", "interstate", "vigilante", "closed", "last_tick", "duration",
	}
	eventColumns = [...]string{
		"id", "parent", "cascade", "tick", "kind", "origin", "target", "via", "flag", "suspect",
		"detected", "misattributed", "confidence", "intensity", "generation", "collateral",
		"innocent", "interstate", "damage", "collateral_damage",
	}
	actorColumns = [...]string{
		"id", "kind", "state", "enemy", "poor", "iot", "researcher", "inclined", "licensed",
		"value", "defence", "skill", "compromised", "destroyed", "hacked_back", "damage",
	}
)

// TickColumns returns the header of ticks.csv: tick, attacks, answers, one
// column per act kind (named as model.ActKinds), then the other counts.
func TickColumns() []string {
	kinds := model.ActKinds()
	out := make([]string, 0, len(tickColumnsHead)+len(kinds)+len(tickColumnsTail))
	out = append(out, tickColumnsHead[:]...)
	out = append(out, kinds...)
	return append(out, tickColumnsTail[:]...)
}

// CascadeColumns returns the header of cascades.csv.
func CascadeColumns() []string { return append([]string(nil), cascadeColumns[:]...) }

// EventColumns returns the header of events.csv.
func EventColumns() []string { return append([]string(nil), eventColumns[:]...) }

// ActorColumns returns the header of actors.csv.
func ActorColumns() []string { return append([]string(nil), actorColumns[:]...) }

// AppendHeader appends a header row, without a newline.
func AppendHeader(dst []byte, cols []string) []byte {
	for i, c := range cols {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, c...)
	}
	return dst
}

func appendInt(dst []byte, v int64) []byte {
	dst = append(dst, ',')
	return strconv.AppendInt(dst, v, 10)
}

func appendFloat(dst []byte, v float64) []byte {
	dst = append(dst, ',')
	return strconv.AppendFloat(dst, v, 'g', -1, 64)
}

func appendBool(dst []byte, v bool) []byte {
	dst = append(dst, ',')
	return strconv.AppendBool(dst, v)
}

func appendStr(dst []byte, v string) []byte {
	dst = append(dst, ',')
	return append(dst, v...)
}

// AppendTickRow appends the ticks.csv row of s to dst, without a newline,
// in the order of TickColumns. It does not allocate when dst has capacity
// for the row (a few hundred bytes).
func AppendTickRow(dst []byte, s *model.TickStats) []byte {
	dst = strconv.AppendInt(dst, int64(s.Tick), 10)
	dst = appendInt(dst, s.Attacks)
	dst = appendInt(dst, s.Answers)
	for _, n := range s.ByKind {
		dst = appendInt(dst, n)
	}
	dst = appendInt(dst, s.Scans)
	dst = appendInt(dst, s.AttacksOnFirms)
	dst = appendFloat(dst, s.AttacksBelowPovertyShare())
	dst = appendInt(dst, s.Detected)
	dst = appendInt(dst, s.Misattributed)
	dst = appendInt(dst, s.InnocentsHarmed)
	dst = appendFloat(dst, s.Damage)
	dst = appendFloat(dst, s.DamageFirms)
	dst = appendFloat(dst, s.DamageCitizens)
	dst = appendFloat(dst, s.DamageStates)
	dst = appendFloat(dst, s.DamageBelowPovertyShare())
	dst = appendInt(dst, s.FirmsDestroyed)
	dst = appendFloat(dst, s.TensionMean)
	dst = appendFloat(dst, s.TensionMax)
	dst = appendInt(dst, s.ActiveCascades)
	dst = appendInt(dst, s.Interstate)
	dst = appendInt(dst, s.ArmedConflict)
	dst = appendInt(dst, s.Dropped)
	dst = appendInt(dst, s.Deterred)
	dst = appendInt(dst, s.Prosecutions)
	dst = appendInt(dst, s.Wrongful)
	dst = appendInt(dst, s.Hosts)
	dst = appendInt(dst, s.Recoveries)
	dst = appendInt(dst, s.HotlineCatches)
	dst = appendInt(dst, s.Revoked)
	dst = appendInt(dst, s.Spoiled)
	return dst
}

// AppendCascadeRow appends the cascades.csv row of c, without a newline.
func AppendCascadeRow(dst []byte, c *model.CascadeRecord) []byte {
	dst = strconv.AppendInt(dst, c.ID, 10)
	dst = appendInt(dst, c.RootAct)
	dst = appendInt(dst, int64(c.RootTick))
	dst = appendStr(dst, c.RootKind.String())
	dst = appendInt(dst, c.Size)
	dst = appendInt(dst, int64(c.Depth))
	dst = appendInt(dst, int64(c.Actors))
	dst = appendInt(dst, c.Innocents)
	dst = appendInt(dst, int64(c.PeakIntensity))
	dst = appendBool(dst, c.Interstate)
	dst = appendBool(dst, c.Vigilante)
	dst = appendBool(dst, c.Closed)
	dst = appendInt(dst, int64(c.LastTick))
	dst = appendInt(dst, int64(c.Duration()))
	return dst
}

// AppendEventRow appends the events.csv row of a, without a newline.
func AppendEventRow(dst []byte, a *model.Act) []byte {
	dst = strconv.AppendInt(dst, a.ID, 10)
	dst = appendInt(dst, a.Parent)
	dst = appendInt(dst, a.Cascade)
	dst = appendInt(dst, int64(a.Tick))
	dst = appendStr(dst, a.Kind.String())
	dst = appendInt(dst, int64(a.Origin))
	dst = appendInt(dst, int64(a.Target))
	dst = appendInt(dst, int64(a.Via))
	dst = appendInt(dst, int64(a.Flag))
	dst = appendInt(dst, int64(a.Suspect))
	dst = appendBool(dst, a.Detected)
	dst = appendBool(dst, a.Misattributed)
	dst = appendFloat(dst, a.Confidence)
	dst = appendInt(dst, int64(a.Intensity))
	dst = appendInt(dst, int64(a.Generation))
	dst = appendInt(dst, int64(a.Collateral))
	dst = appendBool(dst, a.Innocent)
	dst = appendBool(dst, a.Interstate)
	dst = appendFloat(dst, a.Damage)
	dst = appendFloat(dst, a.CollateralDamage)
	return dst
}

// AppendActorRow appends the actors.csv row of actor id of m, without a
// newline. The dynamic columns (inclined, licensed, defence, skill,
// compromised, destroyed, hacked_back, damage) are their values now.
func AppendActorRow(dst []byte, m *model.Model, id int32) []byte {
	a := &m.Actors()[id]
	dst = strconv.AppendInt(dst, int64(a.ID), 10)
	dst = appendStr(dst, a.Kind.String())
	dst = appendInt(dst, int64(a.State))
	dst = appendInt(dst, int64(a.Enemy))
	dst = appendBool(dst, a.Poor)
	dst = appendBool(dst, a.IoT)
	dst = appendBool(dst, a.Researcher)
	dst = appendBool(dst, a.Inclined)
	dst = appendBool(dst, a.Licensed)
	dst = appendFloat(dst, a.Value)
	dst = appendFloat(dst, m.Defence(a.ID))
	dst = appendFloat(dst, m.Skill(a.ID))
	dst = appendBool(dst, a.Compromised)
	dst = appendBool(dst, a.Destroyed)
	dst = appendBool(dst, a.HackedBack)
	dst = appendFloat(dst, m.OutstandingDamage(a.ID))
	return dst
}
