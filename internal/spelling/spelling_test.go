package spelling

import (
	"fmt"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"method", "mehtod", 2},
		{"points", "points", 0},
		{"capcity", "capacity", 1},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Distance(c.b, c.a); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", c.b, c.a, got, c.want)
		}
	}
}

func TestNearest(t *testing.T) {
	keys := []string{"method", "points", "outputs", "seed"}
	for _, c := range []struct {
		name  string
		slack int
		want  string
	}{
		{"methd", 2, "method"},
		{"pionts", 2, "points"},
		{"sed", 1, "seed"},
		{"zzzzzzzz", 2, ""}, // 8 away from everything, more than 8/2+2
		{"sxx", 1, ""},      // seed is 3 away, more than 3/2+1
		{"sxx", 2, "seed"},  // ... but not more than 3/2+2
		{"pointz", 2, "points"},
		{"", 2, ""}, // every key is more than 2 away
	} {
		if got := Nearest(c.name, keys, c.slack); got != c.want {
			t.Errorf("Nearest(%q, slack %d) = %q, want %q", c.name, c.slack, got, c.want)
		}
	}
	if got := Nearest("ab", []string{"ax", "ay"}, 2); got != "ax" {
		t.Errorf("equally near: got %q, want the first, %q", got, "ax")
	}
	if got := Nearest("a", nil, 2); got != "" {
		t.Errorf("no candidates: got %q", got)
	}
}

func ExampleNearest() {
	fmt.Println(Nearest("replicats", []string{"runs", "replicates", "ticks"}, 2))
	// Output: replicates
}

func TestSuggest(t *testing.T) {
	names := []string{"status-quo", "road-rage", "demo", "p4x"}
	for _, c := range []struct{ name, want string }{
		{"road-rag", ` (did you mean "road-rage"?)`},
		{"dmo", ` (did you mean "demo"?)`},
		{"utopia", ""}, // p4x is 5 away: within 6/2+2, but more than half of p4x
		{"p4", ` (did you mean "p4x"?)`},
		{"demo", ""}, // a name that is a candidate needs no suggestion
	} {
		if got := Suggest(c.name, names); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
