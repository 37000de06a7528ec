//go:build !(js && wasm)

package main

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/player"
)

func TestTranslateKeys(t *testing.T) {
	for _, tc := range []struct {
		name    string
		down    []ebiten.Key
		shift   bool
		keys    []player.Key
		lecture []lectureKey
	}{
		{"nothing", nil, false, nil, nil},
		{"B", []ebiten.Key{ebiten.KeyB}, false, nil, []lectureKey{keyHackBack}},
		{"[", []ebiten.Key{ebiten.KeyBracketLeft}, false, nil, []lectureKey{keySkillDown}},
		{"]", []ebiten.Key{ebiten.KeyBracketRight}, false, nil, []lectureKey{keySkillUp}},
		{"T", []ebiten.Key{ebiten.KeyT}, false, nil, []lectureKey{keyTellAlarm}},
		{"A", []ebiten.Key{ebiten.KeyA}, false, nil, []lectureKey{keyArcs}},
		{"shift B", []ebiten.Key{ebiten.KeyB}, true, nil, []lectureKey{keyHackBack}},
		{"T and B in one frame", []ebiten.Key{ebiten.KeyT, ebiten.KeyB}, false, nil, []lectureKey{keyHackBack, keyTellAlarm}},
		{"space", []ebiten.Key{ebiten.KeySpace}, false, []player.Key{player.KeyPlayPause}, nil},
		{"?", []ebiten.Key{ebiten.KeySlash}, true, []player.Key{player.KeyHelp}, nil},
		{"/ without shift", []ebiten.Key{ebiten.KeySlash}, false, nil, nil},
		{"H", []ebiten.Key{ebiten.KeyH}, false, []player.Key{player.KeyHelp}, nil},
		{"→", []ebiten.Key{ebiten.KeyArrowRight}, false, []player.Key{player.KeyStep}, nil},
		{"one command a frame", []ebiten.Key{ebiten.KeySpace, ebiten.KeyEscape}, false, []player.Key{player.KeyEscape}, nil},
		{"numpad +", []ebiten.Key{ebiten.KeyNumpadAdd}, false, []player.Key{player.KeyFaster}, nil},
		{"all at once", []ebiten.Key{ebiten.KeyBracketRight, ebiten.Key3, ebiten.KeyL, ebiten.Key1}, false,
			[]player.Key{player.KeyLecture, player.PresetKey(1), player.PresetKey(3)}, []lectureKey{keySkillUp}},
	} {
		keys, lecture := translate(func(k ebiten.Key) bool { return slices.Contains(tc.down, k) }, tc.shift)
		if !slices.Equal(keys, tc.keys) || !slices.Equal(lecture, tc.lecture) {
			t.Errorf("%s: player's keys %v, lecturer's %v; want %v, %v", tc.name, keys, lecture, tc.keys, tc.lecture)
		}
	}
}

func TestKeyScript(t *testing.T) {
	keys, err := parseScript("B]>t 2")
	want := []ebiten.Key{ebiten.KeyB, ebiten.KeyBracketRight, ebiten.KeyArrowRight, ebiten.KeyT, ebiten.KeySpace, ebiten.Key2}
	if err != nil || !slices.Equal(keys, want) {
		t.Fatalf("parseScript(B]>t 2) = %v, %v; want %v", keys, err, want)
	}
	// Each character presses what its key does.
	for _, c := range []struct {
		key     ebiten.Key
		keys    []player.Key
		lecture []lectureKey
	}{
		{ebiten.KeyArrowRight, []player.Key{player.KeyStep}, nil},
		{ebiten.KeyH, []player.Key{player.KeyHelp}, nil},
		{ebiten.KeyBracketLeft, nil, []lectureKey{keySkillDown}},
	} {
		if keys, lecture := scripted(c.key); !slices.Equal(keys, c.keys) || !slices.Equal(lecture, c.lecture) {
			t.Errorf("scripted %v: %v %v", c.key, keys, lecture)
		}
	}
	for _, k := range scriptKeys {
		if keys, lecture := scripted(k.key); len(keys)+len(lecture) != 1 {
			t.Errorf("script character %q presses %v %v, want one key", k.char, keys, lecture)
		}
	}
	_, err = parseScript("B]x")
	if err == nil || !strings.Contains(err.Error(), `keys=B]x: 'x' is not a key`) || !strings.Contains(err.Error(), "allowed space > r") {
		t.Errorf("parseScript(B]x): %v", err)
	}
}

func TestNewHostTakesTheScript(t *testing.T) {
	d := newHost([]string{"scenario=p4x", "keys=B]", "seed=2", "keys=>"})
	if d.query != "scenario=p4x&seed=2" || !slices.Equal(d.script, []ebiten.Key{ebiten.KeyB, ebiten.KeyBracketRight, ebiten.KeyArrowRight}) {
		t.Errorf("address %q, script %v", d.query, d.script)
	}
}

// The strip's hint fits the window, in lecture mode's type too, and names
// the lecturer's keys.
func TestHintFits(t *testing.T) {
	var f faces
	for _, c := range []struct {
		px, width float64
		want      string
	}{
		{1, 1280, "B hack back · [ ] attribution skill · T alarm's chain"},
		{1, 640, "A answers"},
		{2.4, 1280, "B [ ] T"},
		{2.4, 1920, "B hack back"},
	} {
		face := f.get(12*c.px, false)
		room := c.width - 16*c.px
		h := hint(face, room)
		if w := textWidth(h, face); w > room || !strings.Contains(h, c.want) {
			t.Errorf("at %v × type, %v px wide: hint %q (%.0f px wide, room %.0f), want one with %q", c.px, c.width, h, w, room, c.want)
		}
	}
}

func TestClip(t *testing.T) {
	var f faces
	face := f.get(12, false)
	long := strings.Repeat("State A → State B: tension 0.31 … ", 20)
	got := clip(long, face, 300)
	if textWidth(got, face) > 300 || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("clip to 300 px: %q (%.0f px)", got, textWidth(got, face))
	}
	if short := "Day 3: calm"; clip(short, face, 300) != short {
		t.Errorf("clip changed a line that fits: %q", clip(short, face, 300))
	}
}

// What is wrong with the window's arguments is told on the terminal and,
// at the start, in the narration strip.
func TestWindowTellsItsNotices(t *testing.T) {
	g := newGame(testHost{"scenario=atlantis&seed=2"})
	var out strings.Builder
	tellNotices(&out, g)
	if !strings.Contains(out.String(), "escalate window: scenario=atlantis: not a preset") || !strings.HasPrefix(g.said.text, "scenario=atlantis") {
		t.Errorf("told %q, strip %q", out.String(), g.said.text)
	}
	g = newGame(testHost{"scenario=p4x"})
	out.Reset()
	if tellNotices(&out, g); out.Len() != 0 || g.said.text != "" {
		t.Errorf("a good address told %q, strip %q", out.String(), g.said.text)
	}
}
