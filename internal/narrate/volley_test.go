package narrate

import (
	"testing"

	"github.com/escalation-model/escalation/model"
)

// A volley of acts from one actor on one day is one sentence with the
// count of targets, how many were innocent, and the intensity.
func TestVolley(t *testing.T) {
	named := map[int32]Actor{}
	for id, a := range cast {
		named[id] = a
	}
	p4x := named[50]
	p4x.Given = "P4x"
	named[50] = p4x
	nk := named[1]
	nk.Given = "North Korea"
	named[1] = nk
	page := &Teller{Cast: func(id int32) (Actor, bool) { a, ok := named[id]; return a, ok }}
	strike := func(target int32, intensity int8, innocent bool) model.Act {
		a := act(9, model.ActVigilante, 50, target, intensity)
		a.Innocent = innocent
		return a
	}
	var eight []model.Act
	for k := range 8 {
		eight = append(eight, strike([]int32{11, 20, 40, 1}[k%4], model.Disruption, k >= 2))
	}
	for _, c := range []struct {
		acts []model.Act
		want string
	}{
		{eight, "P4x, angry at attacks he blamed on North Korea and at his own state's inaction, struck 8 targets in North Korea at the disruption level, 6 of them innocent."},
		{[]model.Act{strike(20, model.Disruption, true), strike(11, model.Destruction, true)},
			"P4x, angry at attacks he blamed on North Korea and at his own state's inaction, struck 2 targets in North Korea, every one of them innocent, the strongest at the destruction level."},
		{[]model.Act{strike(20, model.Nuisance, false), strike(10, model.Nuisance, false)},
			"P4x, angry at attacks he blamed on North Korea and at his own state's inaction, struck 2 targets in 2 states at the nuisance level."},
	} {
		if got := page.Volley(c.acts); got != c.want {
			t.Errorf("Volley =\n%s\nwant\n%s", got, c.want)
		}
	}
	ret := func(target int32, innocent bool, bystanders int32) model.Act {
		a := act(4, model.ActRetaliation, 0, target, model.Destruction)
		a.Innocent, a.Interstate, a.Collateral = innocent, true, bystanders
		return a
	}
	want := "State A retaliated against 3 targets in North Korea at the destruction level, 1 of them innocent. A state struck into another state's jurisdiction. 4 bystanders were also harmed."
	if got := page.Volley([]model.Act{ret(40, false, 1), ret(20, true, 3), ret(11, false, 0)}); got != want {
		t.Errorf("Volley =\n%s\nwant\n%s", got, want)
	}
	if got := page.Volley(nil); got != "" {
		t.Errorf("Volley(nil) = %q", got)
	}
}
