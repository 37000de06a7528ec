package live

import "github.com/escalation-model/escalation/model"

// Applies reports whether the control key can change anything in a world
// with parameters p: a page hides the sliders that cannot. It is derived
// from the world's parameters, not from the preset's name: the branching
// limit case has only its own two assumptions; hack back needs firms (and
// the licence share a licensed regime); the vigilantes' temper needs
// vigilantes; state doctrine, defend forward and hotlines need two states;
// the hygiene subsidy needs firms below the poverty line. A key that is
// not a control applies nowhere.
func Applies(key string, p model.Params) bool {
	if !isControl(key) {
		return false
	}
	if p.Mechanics == model.MechanicsBranching {
		return key == "answer_probability" || key == "collateral_mean"
	}
	switch key {
	case "answer_probability":
		return false // the branching mechanics' own answer rule
	case "hack_back", "hack_back_share", "hack_back_confidence":
		return p.Firms > 0
	case "license_share":
		return p.Firms > 0 && p.HackBack == model.HackBackLicensed
	case "vigilante_temper":
		return p.Vigilantes > 0
	case "state_doctrine", "defend_forward", "hotline":
		return p.States >= 2
	case "hygiene_subsidy":
		return p.Firms > 0 && p.PovertyShare > 0
	}
	return true
}

// Applying lists, in the page's order, the keys of the controls that
// apply in a world with parameters p (Applies).
func Applying(p model.Params) []string {
	var out []string
	for _, c := range controls {
		if Applies(c.key, p) {
			out = append(out, c.key)
		}
	}
	return out
}

func isControl(key string) bool {
	for _, c := range controls {
		if c.key == key {
			return true
		}
	}
	return false
}
