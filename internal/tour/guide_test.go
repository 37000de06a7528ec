package tour

import "testing"

func TestGuide(t *testing.T) {
	chapters, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	g := NewGuide(chapters)
	if g.Chapter() != nil || g.Phase() != Closed || g.Watch() != nil {
		t.Fatal("a new guide has a chapter open")
	}
	for key, want := range map[string]int{"1": 0, "p4x": 3, "7": 6} {
		if i, err := g.Find(key); err != nil || i != want {
			t.Errorf("Find(%q) = %d, %v; want %d", key, i, err, want)
		}
	}
	for _, bad := range []string{"0", "8", "P4x", ""} {
		if _, err := g.Find(bad); err == nil {
			t.Errorf("Find(%q) found a chapter", bad)
		}
	}
	i, _ := g.Find("blue-security")
	g.Open(i)
	if g.Phase() != Premise || g.Guess() != -1 || g.Watch() == nil {
		t.Fatalf("an opened chapter: phase %q, guess %d", g.Phase(), g.Guess())
	}
	if err := g.Run(); err == nil {
		t.Error("the run started without an answer")
	}
	if err := g.Choose(5); err == nil {
		t.Error("answer 6 of 3 was taken")
	}
	if err := g.Choose(1); err != nil || !g.Right() {
		t.Fatalf("Choose(1): %v, right %v", err, g.Right())
	}
	if err := g.Run(); err != nil || g.Phase() != Running {
		t.Fatalf("Run: %v, phase %q", err, g.Phase())
	}
	if err := g.Choose(0); err == nil {
		t.Error("the answer changed during the run")
	}
	// Two beats fire on one day: shown one after the other, the run
	// paused between them.
	g.Fire(Moment{Beat: 0, Act: 10})
	g.Fire(Moment{Beat: 1, Act: 11})
	if m, ok := g.Moment(); !ok || m.Act != 10 || g.Phase() != AtBeat {
		t.Fatalf("the first beat is not shown: %+v %v", m, ok)
	}
	if g.Continue() {
		t.Error("the run resumed with a beat still to show")
	}
	if m, _ := g.Moment(); m.Act != 11 {
		t.Errorf("the second beat shown is act %d", m.Act)
	}
	if !g.Continue() || g.Phase() != Running {
		t.Errorf("after the beats, phase %q; want the run to resume", g.Phase())
	}
	g.Fire(Moment{Beat: 2, Act: 12})
	if g.Continue() || g.Phase() != Answer || len(g.Seen()) != 3 {
		t.Errorf("after the last beat, phase %q with %d seen; want the answer", g.Phase(), len(g.Seen()))
	}
	if g.Watch() != nil {
		t.Error("beats still watched at the answer")
	}
	g.Restart()
	if g.Phase() != Premise || g.Guess() != 1 || len(g.Seen()) != 0 {
		t.Errorf("restart: phase %q, guess %d, %d seen", g.Phase(), g.Guess(), len(g.Seen()))
	}
	// A run that ends before its beats goes to the answer.
	_ = g.Run()
	g.Over()
	if g.Phase() != Answer {
		t.Errorf("a run over: phase %q", g.Phase())
	}
	g.Open(len(chapters))
	if g.Phase() != Closed || g.Chapter() != nil {
		t.Error("opening a chapter past the last does not close the tour")
	}
}
