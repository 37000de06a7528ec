package live

import (
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// Control is one of the assumptions a page lets the reader change: a
// parameter of the registry, with the part of its range a slider spans.
type Control struct {
	Key     string   `json:"key"`
	Label   string   `json:"label"`
	Type    string   `json:"type"` // float, int or choice
	Min     float64  `json:"min"`  // the slider's range (within the parameter's)
	Max     float64  `json:"max"`
	Step    float64  `json:"step"`
	Choices []string `json:"choices,omitempty"`
	Unit    string   `json:"unit"`
	Meaning string   `json:"meaning"`
	Essay   string   `json:"essay"`
	Allowed string   `json:"allowed"` // the parameter's whole range, in words
}

// controls lists the key assumptions, in the order a page shows them; a
// zero Max means the parameter's own range. A page shows those that apply
// to its world (Applies).
var controls = []struct {
	key, label     string
	min, max, step float64
}{
	{"attribution_skill", "States' attribution skill", 0, 0, 0.01},
	{"proxy_use", "Attacks routed through botnets", 0, 0, 0.01},
	{"false_flag", "False flags", 0, 0, 0.01},
	{"hack_back", "Hack back is", 0, 0, 0},
	{"license_share", "Licensed share of inclined firms", 0, 0, 0.01},
	{"hack_back_share", "Share inclined to hack back", 0, 0, 0.01},
	{"hack_back_confidence", "Confidence needed to hack back", 0, 0, 0.01},
	{"vigilante_temper", "Vigilante temper", 0.5, 20, 0.5},
	{"state_doctrine", "States answer", 0, 0, 0},
	{"defend_forward", "Defend forward", 0, 0, 0.01},
	{"hotline", "Hotlines", 0, 0, 0.01},
	{"info_sharing", "Information sharing", 0, 0, 0.01},
	{"hygiene_subsidy", "Hygiene subsidy below the poverty line", 0, 0, 0.01},
	{"collateral_mean", "Bystanders hit per answer", 0, 3, 0.05},
	{"answer_probability", "Chance each harm is answered", 0, 0, 0.01},
}

// Controls returns the key assumptions with their units and meanings from
// the model's parameter registry.
func Controls() []Control {
	out := make([]Control, 0, len(controls))
	for _, c := range controls {
		p, ok := model.Lookup(c.key)
		if !ok {
			continue
		}
		k := Control{Key: p.Name, Label: c.label, Type: p.Type, Min: p.Min, Max: p.Max, Step: c.step,
			Choices: p.Choices, Unit: p.Unit, Meaning: p.Meaning, Essay: p.Essay, Allowed: p.Allowed()}
		if c.max > 0 {
			k.Min, k.Max = c.min, c.max
		}
		out = append(out, k)
	}
	return out
}

// Preset is a scenario preset as a page lists it.
type Preset struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Actors      int    `json:"actors"`
}

// Presets returns every shipped preset with its description, in display
// order.
func Presets() []Preset {
	var out []Preset
	for _, name := range scenario.Presets() {
		sc, err := scenario.Load(name)
		if err != nil {
			continue
		}
		out = append(out, Preset{Name: name, Description: sc.Description, Actors: sc.Params.Actors()})
	}
	return out
}
