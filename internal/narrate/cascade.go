package narrate

import (
	"fmt"
	"strings"

	"github.com/escalation-model/escalation/model"
)

// CascadeFacts sums a cascade up: "12 acts over 5 days (days 3 to 7),
// depth 4, 6 actors involved, 2 innocents harmed, peak intensity
// destruction; a state struck into another state's jurisdiction". With
// atLeast, the actors counted are a lower bound ("at least 6 actors").
func CascadeFacts(c *model.CascadeRecord, atLeast bool) string {
	var b strings.Builder
	b.WriteString(Count(c.Size, "act", "acts"))
	if c.LastTick > c.RootTick {
		fmt.Fprintf(&b, " over %s (days %d to %d)", Count(int64(c.Duration()), "day", "days"), c.RootTick, c.LastTick)
	} else {
		fmt.Fprintf(&b, " on day %d", c.RootTick)
	}
	fmt.Fprintf(&b, ", depth %d, ", c.Depth)
	if atLeast {
		b.WriteString("at least ")
	}
	fmt.Fprintf(&b, "%s involved, %s harmed, peak intensity %s", Count(int64(c.Actors), "actor", "actors"),
		Count(c.Innocents, "innocent", "innocents"), IntensityName(c.PeakIntensity))
	if c.Interstate {
		b.WriteString("; a state struck into another state's jurisdiction")
	}
	return b.String()
}

// Summary is the last line of a cascade's story: "In all, cascade 9:
// FACTS." (see CascadeFacts), saying when the cascade was still open at
// the end of the run.
func Summary(c *model.CascadeRecord, atLeast bool) string {
	s := fmt.Sprintf("In all, cascade %d: %s", c.ID, CascadeFacts(c, atLeast))
	if !c.Closed {
		s += "; still open when the run ended"
	}
	return s + "."
}

// Ended tells that a cascade closed: "Cascade 9 ended, begun by criminal
// 3's attack on firm 12: FACTS." root is its root act, or nil when no
// longer known.
func (t *Teller) Ended(c *model.CascadeRecord, root *model.Act) string {
	s := fmt.Sprintf("Cascade %d ended", c.ID)
	if root != nil {
		s += fmt.Sprintf(", begun by %s's %s on %s", t.Short(root.Origin), rootNoun(root.Kind), t.Short(root.Target))
	}
	return s + ": " + CascadeFacts(c, false) + "."
}

// RecordFromActs sums up a cascade from its acts alone, when its
// record is not at hand: the actors counted are those that launched or
// were hit by an act (bystanders and botnet hosts are missed, so their
// number is a lower bound). acts must be in order; it is closed.
func RecordFromActs(acts []model.Act) model.CascadeRecord {
	r := model.CascadeRecord{ID: acts[0].Cascade, RootAct: acts[0].ID, RootTick: acts[0].Tick, Closed: true}
	seen := map[int32]bool{}
	for _, a := range acts {
		r.Size++
		r.Depth = max(r.Depth, int(a.Generation))
		r.PeakIntensity = max(r.PeakIntensity, int(a.Intensity))
		r.Interstate = r.Interstate || a.Interstate
		r.LastTick = max(r.LastTick, a.Tick)
		if a.Innocent {
			r.Innocents++
		}
		r.Innocents += int64(a.Collateral)
		seen[a.Origin], seen[a.Target] = true, true
	}
	r.Actors = len(seen)
	return r
}
