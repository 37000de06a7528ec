package jsarg

import (
	"math"
	"testing"
)

// TestFormat: numbers and booleans given to window.escalate's functions
// read as the command line writes them, strings as they are.
func TestFormat(t *testing.T) {
	for _, c := range []struct {
		kind Kind
		text string
		num  float64
		b    bool
		want string
	}{
		{Number, "", 0.1, false, "0.1"},
		{Number, "", 365, false, "365"},
		{Number, "", 1e-7, false, "1e-07"},
		{Number, "", -3, false, "-3"},
		{Number, "", math.Inf(1), false, "+Inf"},
		{Number, "", math.NaN(), false, "NaN"},
		{Bool, "", 0, true, "true"},
		{Bool, "", 0, false, "false"},
		{String, "0.25", 0, false, "0.25"},
		{String, "licensed", 0, false, "licensed"},
		{Absent, "", 0, false, ""},
		{Other, "<object>", 0, false, "<object>"},
	} {
		if got := Format(c.kind, c.text, c.num, c.b); got != c.want {
			t.Errorf("Format(%v, %q, %v, %v) = %q, want %q", c.kind, c.text, c.num, c.b, got, c.want)
		}
	}
}
