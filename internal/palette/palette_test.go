package palette

import (
	"fmt"
	"testing"
)

// The colours are the published Okabe–Ito set, in its order (Okabe & Ito
// 2008; Wong 2011, Nature Methods 8:441, gives the same hex values).
func TestOkabeIto(t *testing.T) {
	want := []string{"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
	got := OkabeIto()
	if len(got) != len(want) {
		t.Fatalf("%d colours, want %d", len(got), len(want))
	}
	for i, c := range got {
		if hex := fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B); hex != want[i] || c.A != 0xff {
			t.Errorf("colour %d = %s alpha %d, want %s opaque", i, hex, c.A, want[i])
		}
	}
}
