package output

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/escalation-model/escalation/model"
)

// A story calls the actors its run's summary.json names by their names,
// the states among them also as the others' homes; what they are is said
// once, in brackets, at their first mention.
func TestTellStoryNames(t *testing.T) {
	dir := t.TempDir()
	p := smallParams(t, model.MechanicsCyber)
	runInto(t, p, 1, dir, true)
	// Name every state and every actor cascade 0 mentions.
	names := map[int32]string{}
	for i := range p.States {
		names[int32(i)] = fmt.Sprintf("Land%d", i)
	}
	_, rows := readTable(t, filepath.Join(dir, EventsFile))
	for _, r := range rows {
		if r[2] != "0" { // cascade
			continue
		}
		for _, col := range []int{5, 6, 7, 8, 9} { // origin, target, via, flag, suspect
			if id, _ := strconv.Atoi(r[col]); id >= p.States {
				names[int32(id)] = fmt.Sprintf("Name%d", id)
			}
		}
	}
	if err := WriteSummary(filepath.Join(dir, SummaryFile), Summary{Names: names}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := TellStory(dir, 0, &out); err != nil {
		t.Fatal(err)
	}
	story := out.String()
	for id, name := range names {
		if id >= int32(p.States) && !strings.Contains(story, name) {
			t.Errorf("the story does not call actor %d %q:\n%s", id, name, story)
		}
	}
	// Outside the introductions, no actor is named by kind and id.
	bare := regexp.MustCompile(`\([^)]*\)`).ReplaceAllString(story, "")
	if m := regexp.MustCompile(`(State [A-Z]|(firm|citizen|criminal|hacktivist|vigilante) [0-9]+)\b`).FindString(bare); m != "" {
		t.Errorf("the story names a named actor %q:\n%s", m, story)
	}
	if !regexp.MustCompile(`Name[0-9]+ \((firm|citizen|criminal|hacktivist|vigilante|IoT firm|research firm) [0-9]+ in Land[0-9]`).MatchString(story) {
		t.Errorf("a named actor is not introduced with its kind, id and home:\n%s", story)
	}
}
