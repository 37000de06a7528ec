package narrate

import "github.com/escalation-model/escalation/model"

// The importance of a moment, for a log that shows the most important
// first and marks the alarming ones.
const (
	Notable       = 1
	Serious       = 2
	Alarming      = 3
	ArmedConflict = 4 // only an act at the armed-conflict intensity
)

// Importance rates act a for a log: 0 when it is not worth telling
// (a root act below the armed-conflict threshold), else Notable to
// ArmedConflict. Hack backs are notable; states' answers, counter-strikes
// and pre-emptive strikes serious; vigilante strikes, answers that hit an
// innocent and answers at the critical intensity alarming; interstate
// strikes at least serious. ArmedConflict names the act's own intensity:
// only an act at the armed-conflict threshold has it, whatever it hit.
func Importance(a *model.Act) int {
	level := 0
	switch a.Kind {
	case model.ActHackBack:
		level = Notable
	case model.ActRetaliation, model.ActCounterstrike, model.ActPreemptive:
		level = Serious
	case model.ActVigilante:
		level = Alarming
	}
	if a.Innocent && level > 0 {
		level = Alarming
	}
	if a.Interstate {
		level = max(level, Serious)
	}
	if a.Intensity >= model.Critical && level > 0 {
		level = max(level, Alarming)
	}
	if a.Intensity >= model.ArmedAttack {
		level = ArmedConflict
	}
	return level
}

// CascadeImportance rates a closed cascade for a log: 0 when it is a
// single act (the act itself was told, if it was worth telling, and a
// cascade that never grew is routine), or small and mild (fewer than 8
// acts, fewer than 3 innocents harmed, below the critical intensity, and
// not interstate with 4 acts or more), else Serious, or Alarming when it
// reached the armed-conflict threshold.
func CascadeImportance(c *model.CascadeRecord) int {
	if c.Size <= 1 {
		return 0
	}
	if c.Size < 8 && c.Innocents < 3 && c.PeakIntensity < model.Critical && !(c.Interstate && c.Size >= 4) {
		return 0
	}
	if c.PeakIntensity >= model.ArmedAttack {
		return Alarming
	}
	return Serious
}
