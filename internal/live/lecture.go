package live

import (
	"fmt"
	"math"
	"strconv"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/model"
)

// The lecturer's keys change the run as the sliders do: a new value for a
// control, handed to the page's set (an override before the first day, a
// timed change during the run).

// NextHackBack is the hack-back regime after current in the cycle
// illegal → licensed → free → illegal.
func NextHackBack(current string) string {
	switch current {
	case model.HackBackIllegal:
		return model.HackBackLicensed
	case model.HackBackLicensed:
		return model.HackBackFree
	}
	return model.HackBackIllegal
}

// Nudged is a numeric control's value moved by delta from current, kept
// within the slider's range and rounded to its step, written as a slider
// writes it. An unknown key, a choice or a current value that is not a
// number is an error naming it.
func Nudged(key, current string, delta float64) (string, error) {
	var c *Control
	for _, k := range Controls() {
		if k.Key == key {
			c = &k
			break
		}
	}
	if c == nil || c.Type == "choice" {
		return "", fmt.Errorf("%s is not a numeric control", key)
	}
	v, err := strconv.ParseFloat(current, 64)
	if err != nil {
		return "", fmt.Errorf("%s = %q is not a number", key, current)
	}
	steps := math.Round((v + delta - c.Min) / c.Step)
	v = min(max(c.Min+steps*c.Step, c.Min), c.Max)
	// Round away the steps' binary fractions: 0.1 + 0.1 is written 0.2.
	v = math.Round(v*1e6) / 1e6
	return strconv.FormatFloat(v, 'f', -1, 64), nil
}

// LatestAlarm returns the latest narration entry marked as an alarm (or
// armed conflict) that has a cascade to tell: its act, or its actor.
func (s *Session) LatestAlarm() (Entry, bool) {
	for i := len(s.log) - 1; i >= 0; i-- {
		e := s.log[i]
		if e.Level >= narrate.Alarming && (e.Act != None || e.Actor != None) {
			return e, true
		}
	}
	return Entry{}, false
}
