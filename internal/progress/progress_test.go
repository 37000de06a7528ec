package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestPlainLines: when the output is not a terminal, the reporter prints a
// line with runs done, share, rate and time left at most every interval,
// and a last line at the end.
func TestPlainLines(t *testing.T) {
	var b bytes.Buffer
	r := New(&b, "sweep demo", 10, 110, time.Nanosecond)
	r.start = r.start.Add(-10 * time.Second) // 10 s ago
	r.Update(60)
	r.Finish(110)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %q", b.String())
	}
	// 50 runs in about 10 s: 5 runs/s, 50 runs left, about 10 s.
	if !strings.HasPrefix(lines[0], "sweep demo: 60/110 runs (55%), 5 runs/s, 10s left") {
		t.Errorf("line = %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "sweep demo: 110/110 runs (100%)") {
		t.Errorf("last line = %q", lines[1])
	}
	var quiet bytes.Buffer
	q := New(&quiet, "x", 0, 5, time.Hour)
	q.Update(3)
	q.Finish(5)
	if quiet.Len() != 0 {
		t.Errorf("a short batch printed %q", quiet.String())
	}
}
