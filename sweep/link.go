package sweep

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/scenario"
)

// Linked parameters. A factor whose name joins several parameters with
// "+", such as "firm_skill+poor_skill+individual_skill", sets all of them
// to the same value in every condition: it is one factor (one column of the
// tables, one axis of the figures) that moves several parameters together.
// The parameters must have the same type; the allowed values are those
// every one of them allows (docs/sweeps.md, "Linked parameters").

// linkSep joins the parameters of a linked factor.
const linkSep = "+"

// linkedNames returns the parameters a factor sets: the parts of a linked
// name, or the name itself.
func linkedNames(name string) []string {
	if !strings.Contains(name, linkSep) {
		return []string{name}
	}
	return strings.Split(name, linkSep)
}

// lookupFactor returns the parameter a factor name stands for: a model
// parameter, or for a linked name a parameter of the common type allowing
// the values every part allows, or a timed change's (factorParam). ok is
// false when a part is unknown or the parts do not fit together.
func lookupFactor(name string) (model.Param, bool) {
	p, err := factorParam(name)
	return p, err == nil
}

// linkedParam is lookupFactor with the reason a linked name is refused.
func linkedParam(name string) (model.Param, error) {
	parts := linkedNames(name)
	if len(parts) == 1 {
		p, ok := model.Lookup(name)
		if !ok {
			return p, scenario.UnknownParam(name)
		}
		return p, nil
	}
	var out model.Param
	for i, n := range parts {
		if n == "" {
			return out, fmt.Errorf("%q links an empty parameter name: join parameters with %q, e.g. \"firm_skill+poor_skill\"", name, linkSep)
		}
		if slices.Contains(parts[:i], n) {
			return out, fmt.Errorf("%q links %s twice", name, n)
		}
		p, ok := model.Lookup(n)
		if !ok {
			return out, fmt.Errorf("%q links an unknown parameter: %w", name, scenario.UnknownParam(n))
		}
		if i == 0 {
			out = p
			out.Name = name
			continue
		}
		if p.Type != out.Type {
			return out, fmt.Errorf("%q links parameters of different types (%s is %s, %s is %s): linked parameters take the same value", name, parts[0], out.Type, n, p.Type)
		}
		out.Min, out.Max = math.Max(out.Min, p.Min), math.Min(out.Max, p.Max)
		if p.Type == "choice" {
			out.Choices = slices.DeleteFunc(slices.Clone(out.Choices), func(c string) bool { return !slices.Contains(p.Choices, c) })
		}
	}
	if out.Type == "choice" && len(out.Choices) == 0 || out.Type != "choice" && out.Min > out.Max {
		return out, fmt.Errorf("%q links parameters that share no allowed value", name)
	}
	return out, nil
}

// setLinked sets every parameter a factor stands for to value in q.
func setLinked(q *model.Params, name, value string) error {
	for _, n := range linkedNames(name) {
		if err := q.Set(n, value); err != nil {
			return err
		}
	}
	return nil
}
