package sweep

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/recipe"
)

// TestLinkedFactor: a factor "a+b" is one column that sets both parameters
// to the same value, in the runs' parameters and in their replay commands.
func TestLinkedFactor(t *testing.T) {
	spec := `base = "road-rage"
[fixed]
firms = 50
[vary]
"firm_skill+poor_skill+attribution_skill" = [0.2, 0.9]
hack_back_share = [0, 1]
`
	s, err := Parse([]byte(spec), "spec.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(p.Factors); got != 2 {
		t.Fatalf("got %d factors, want 2 (a linked factor is one column)", got)
	}
	if got, want := p.Factors[0].Type, "float"; got != want {
		t.Errorf("linked factor type = %q, want %q", got, want)
	}
	// Condition 2 is skill 0.9, share 0.
	sets := settingTexts(p.Sets(2))
	want := []string{"firms=50", "firm_skill=0.9", "poor_skill=0.9", "attribution_skill=0.9", "hack_back_share=0"}
	if !slices.Equal(sets, want) {
		t.Errorf("Sets(2) = %v, want %v", sets, want)
	}
	params, err := p.Params(2)
	if err != nil {
		t.Fatal(err)
	}
	if params.FirmSkill != 0.9 || params.PoorSkill != 0.9 || params.AttributionSkill != 0.9 {
		t.Errorf("linked parameters = %v, %v, %v, want 0.9 each", params.FirmSkill, params.PoorSkill, params.AttributionSkill)
	}
	if cmd := p.Command(2 * p.Replicates); !strings.Contains(cmd, "--set firm_skill=0.9 --set poor_skill=0.9 --set attribution_skill=0.9") {
		t.Errorf("replay command %q does not set every linked parameter", cmd)
	}
}

// TestLinkedFactorErrors: a linked factor's mistakes name the spec's line.
func TestLinkedFactorErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		spec string
		want []string
	}{
		{"unknown part", "[vary]\n\"firm_skill+poor_skil\" = [0.5]\n", []string{"spec.toml:2", `links an unknown parameter`, `did you mean "poor_skill"`}},
		{"mixed types", "[vary]\n\"firm_skill+firms\" = [1]\n", []string{"spec.toml:2", "different types", "firm_skill is float, firms is int"}},
		{"twice", "[vary]\n\"firm_skill+firm_skill\" = [0.5]\n", []string{"spec.toml:2", "links firm_skill twice"}},
		{"empty part", "[vary]\n\"firm_skill+\" = [0.5]\n", []string{"spec.toml:2", "empty parameter name"}},
		{"out of a part's range", "[vary]\n\"collateral_mean+firm_skill\" = [0.5, 2]\n", []string{"spec.toml:2", "= 2 is out of range", "from 0 to 1"}},
		{"range beyond a part", "[vary]\n\"collateral_mean+firm_skill\" = {from = 0, to = 3, step = 1}\n", []string{"spec.toml:2", "to = 3 is out of range", "from 0 to 1"}},
		{"part also fixed", "[fixed]\npoor_skill = 0.5\n[vary]\n\"firm_skill+poor_skill\" = [0.5]\n", []string{"spec.toml:4", "poor_skill is also given as fixed.poor_skill (line 2)"}},
		{"part in two factors", "[vary]\n\"firm_skill+poor_skill\" = [0.5]\n\"poor_skill+individual_skill\" = [0.1]\n", []string{"spec.toml:3", "poor_skill is also given"}},
		{"linked fixed part varied", "[fixed]\n\"firm_skill+poor_skill\" = 0.5\n[vary]\npoor_skill = [0.1]\n", []string{"spec.toml:4", "poor_skill is also given as fixed.firm_skill+poor_skill (line 2)"}},
		{"linked fixed out of range", "[fixed]\n\"collateral_mean+firm_skill\" = 1.5\n", []string{"spec.toml:2", "= 1.5 is out of range", "from 0 to 1"}},
		{"sampled part fixed", "[fixed]\nfirm_skill = 0.5\n[sample]\nmethod = \"lhs\"\npoints = 4\n\"firm_skill+poor_skill\" = {from = 0, to = 1}\n", []string{"spec.toml:6", "firm_skill is also given"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "spec.toml")
			if err := os.WriteFile(path, []byte(c.spec), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Load(path)
			if err == nil {
				_, err = s.Plan()
			}
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("got %v (%T), want a *SpecError", err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, filepath.Join(dir, c.want[0])) {
				t.Errorf("message %q does not start with %q", msg, c.want[0])
			}
			for _, w := range c.want[1:] {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
		})
	}
}

// TestLinkedSample: a linked factor can be sampled over a range.
func TestLinkedSample(t *testing.T) {
	spec := "[sample]\nmethod = \"sobol\"\npoints = 4\n\"firm_skill+poor_skill\" = {from = 0.2, to = 0.6}\n"
	s, err := Parse([]byte(spec), "spec.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	for c := range p.NumConditions() {
		params, err := p.Params(c)
		if err != nil {
			t.Fatal(err)
		}
		if params.FirmSkill != params.PoorSkill || params.FirmSkill < 0.2 || params.FirmSkill > 0.6 {
			t.Errorf("condition %d: firm_skill %v, poor_skill %v: want equal, in [0.2, 0.6]", c, params.FirmSkill, params.PoorSkill)
		}
	}
}

// TestLinkedFixed: a linked key in [fixed] sets every parameter it names.
func TestLinkedFixed(t *testing.T) {
	s, err := Parse([]byte("[fixed]\n\"proxy_use+false_flag\" = 0\n[vary]\nhotline = [0.5]\n"), "spec.toml", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := settingTexts(p.Sets(0)), []string{"proxy_use=0", "false_flag=0", "hotline=0.5"}; !slices.Equal(got, want) {
		t.Errorf("Sets(0) = %v, want %v", got, want)
	}
	if _, err := NewPlan(s, []string{"false_flag"}, [][]string{{"0.1"}}); err == nil || !strings.Contains(err.Error(), "false_flag is fixed and also varied") {
		t.Errorf("NewPlan varying a linked fixed parameter: got %v, want an error naming false_flag", err)
	}
}

// settingTexts writes settings as --set takes them.
func settingTexts(sets []recipe.Setting) []string {
	out := make([]string, len(sets))
	for i, s := range sets {
		out[i] = s.String()
	}
	return out
}
