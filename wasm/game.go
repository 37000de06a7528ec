package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/scene"
	"github.com/escalation-model/escalation/model"
	"github.com/escalation-model/escalation/output/csvfmt"
	"github.com/escalation-model/escalation/scenario"
)

// speeds are the run's speeds in ticks (days) per second; live.Fastest
// runs as many ticks per frame as the frame's time allows.
var speeds = []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, live.Fastest}

const (
	defaultSpeed = 5
	updateBudget = 12 * time.Millisecond // simulation time per frame at most
	maxArcs      = 700
)

// Game is the Ebiten adapter around a live session: it steps the session
// at the chosen speed (several ticks per Update, never a higher TPS),
// turns its acts into arcs, and draws the scene. Every method that the
// page or the keyboard calls takes the lock; Update and Draw do too.
type Game struct {
	mu   sync.Mutex
	host host

	sess    *live.Session
	build   int
	notices []live.Notice
	playing bool
	speed   float64
	acc     float64
	target  int // fast-forward until this tick has run (-1: none)
	quiet   bool
	frame   int
	lecture bool
	help    bool // the desktop's help overlay
	ready   bool

	arcs      scene.Arcs
	charts    *scene.Charts
	armed     map[[2]int32]int // state pair -> last tick of an armed-conflict act
	banner    banner
	selection selection

	// Presentation caches, rebuilt when their inputs change.
	view     view
	logSeq   int64 // last narration entry published
	logReset bool
	dirty    bool
	storyNew bool
	lastPub  int

	lastStep         time.Time // when the previous Update began
	updateMs, drawMs float64   // smoothed time in Update and Draw, for diagnostics
	draws            int       // frames drawn
}

type banner struct {
	text  string
	until int // frame
	tick  int
}

// selection is what the reader clicked: an actor or an act, and the acts of
// its cascade drawn on the map.
type selection struct {
	actor int32
	act   int64
	story *live.Story
	acts  []model.Act
}

// newGame starts the run that the host's address describes.
func newGame(h host) *Game {
	g := &Game{host: h, speed: defaultSpeed, target: -1}
	g.selection.actor, g.selection.act = -1, -1
	g.load(h.initialQuery())
	return g
}

// load replaces the run with the one the address query describes.
func (g *Game) load(query string) {
	st, notes := live.ParseQuery(query)
	if err := g.start(st); err != nil {
		notes = append(notes, live.Notice{Text: "the run could not start (" + err.Error() + "); showing the default"})
		st = live.DefaultState()
		g.start(st)
	}
	g.notices = notes
	if st.Speed != 0 {
		g.speed = st.Speed
	}
	g.lecture = st.Lecture
	g.target = st.Tick
	g.playing = st.Play
	g.sess.SetPresentation(st.Speed, st.Lecture, st.Play)
}

// start builds a session for st and resets everything drawn.
func (g *Game) start(st live.State) error {
	s, err := live.New(st)
	if err != nil {
		return err
	}
	g.sess = s
	g.notices = nil
	g.attach()
	return nil
}

// attach wires the session's acts to the picture and clears what belonged
// to the previous world.
func (g *Game) attach() {
	s := g.sess
	g.build = s.Build()
	p := s.Model().Params()
	g.charts = scene.NewCharts(p.Ticks, p.Firms, p.PovertyShare)
	for _, c := range s.State().At {
		g.charts.Mark(c.Tick, c.Key+"="+c.Value)
	}
	g.arcs = scene.Arcs{Max: maxArcs}
	g.armed = map[[2]int32]int{}
	g.banner = banner{}
	g.selection = selection{actor: -1, act: -1}
	g.acc = 0
	g.target = -1
	g.logSeq, g.logReset = 0, true
	g.storyNew = true
	g.view.invalidate()
	g.dirty = true
	s.OnAct = g.onAct
}

// onAct turns an act into an arc, and notes armed-conflict acts for the map.
func (g *Game) onAct(a, parent *model.Act) {
	s := g.sess
	actors := s.Model().Actors()
	pair := statePair(actors[a.Origin].State, actors[a.Target].State)
	if a.Intensity >= model.ArmedAttack {
		g.armed[pair] = a.Tick
		g.banner = banner{
			text:  fmt.Sprintf("ARMED-CONFLICT THRESHOLD CROSSED\nday %d: %s struck %s", a.Tick, s.Name(a.Origin), s.Name(a.Target)),
			until: g.frame + 300,
			tick:  a.Tick,
		}
	}
	if g.quiet {
		return
	}
	arc := scene.ArcOf(a, parent, g.frame)
	// Spread a tick's launches over the first part of the tick.
	if tpf := g.framesPerTick(); tpf > 2 {
		arc.Born += int(uint64(a.ID)*2654435761%1000) * int(tpf*0.5) / 1000
	}
	g.arcs.Add(arc)
}

func statePair(a, b int32) [2]int32 {
	if a > b {
		a, b = b, a
	}
	return [2]int32{a, b}
}

// framesPerTick is how many frames a tick lasts at the current speed.
func (g *Game) framesPerTick() float64 {
	if g.speed <= 0 {
		return 1
	}
	return float64(ebiten.TPS()) / g.speed
}

// step runs one tick and records it for the charts.
func (g *Game) step() bool {
	st, ok := g.sess.Step()
	if !ok {
		return false
	}
	g.charts.Record(&st)
	g.view.layerDirty = true
	g.dirty = true
	return true
}

// Update advances the run: a fast-forward to the address's tick first, then
// as many ticks as the speed asks for this frame.
func (g *Game) Update() error {
	if g.host.quit() {
		return ebiten.Termination
	}
	snap := g.update()
	// The page is told after the lock is released: its script may call back.
	g.host.publish(snap)
	return nil
}

// ewma smooths frame timings for the page's diagnostics.
func ewma(avg, x float64) float64 {
	if avg == 0 {
		return x
	}
	return 0.9*avg + 0.1*x
}

func (g *Game) update() any {
	g.mu.Lock()
	defer g.mu.Unlock()
	begin := time.Now()
	defer func() { g.updateMs = ewma(g.updateMs, float64(time.Since(begin).Microseconds())/1000) }()
	g.frame++
	if !g.host.browser() {
		g.handleKeys()
	}
	g.handlePointer()
	start := time.Now()
	switch {
	case g.target >= g.sess.Ran():
		for g.target >= g.sess.Ran() && time.Since(start) < updateBudget*2 {
			g.quiet = g.target > g.sess.Ran() // draw the arcs of the last tick only
			if !g.step() {
				g.target = -1
			}
		}
		g.quiet = false
		if g.target < g.sess.Ran() {
			g.target = -1
			g.dirty = true
		}
	case g.playing:
		n := 0
		if g.speed == live.Fastest {
			n = 1 << 30
		} else {
			// Days per second of wall time, so that slow frames (several
			// Updates per frame, or fewer) keep the pace when the machine
			// can; after a stall (a hidden tab) it resumes, never jumps.
			// (Updates run back to back in one frame can read the same
			// clock: dt is 0 for them.)
			dt := max(start.Sub(g.lastStep).Seconds(), 0)
			if dt > 0.25 {
				dt = 1 / float64(ebiten.TPS())
			}
			g.acc += g.speed * dt
			n = int(g.acc)
			g.acc -= float64(n)
		}
		for ; n > 0; n-- {
			if !g.step() {
				g.playing = false
				g.dirty = true
				break
			}
			if time.Since(start) > updateBudget {
				g.acc = 0 // a slow machine runs slower; the numbers do not change
				break
			}
		}
		if g.sess.Done() {
			g.playing = false
		}
	}
	g.lastStep = start
	held := -1
	if !g.playing {
		held = g.sess.Ran() - 1
	}
	g.arcs.Prune(g.frame, g.timing(), held)
	return g.host.snapshot(g)
}

// timing is the arcs' timing at the current speed.
func (g *Game) timing() scene.Timing {
	return scene.TimingFor(g.speed, float64(ebiten.TPS()))
}

// Layout is Ebiten's integer layout; LayoutF takes precedence.
func (g *Game) Layout(w, h int) (int, int) { return w, h }

// LayoutF makes the game's pixels the device's pixels, so lines stay crisp
// on high-density screens.
func (g *Game) LayoutF(w, h float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	return w * s, h * s
}

// Commands, from the page's API and the keyboard. Each takes the lock.

// Play starts or resumes the run (from the start when it is over).
func (g *Game) Play() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.sess.Done() {
		g.resetLocked()
	}
	g.playing = true
	g.dirty = true
}

// Pause stops the run between ticks.
func (g *Game) Pause() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.playing = false
	g.dirty = true
}

// Toggle plays or pauses.
func (g *Game) Toggle() {
	g.mu.Lock()
	playing := g.playing
	g.mu.Unlock()
	if playing {
		g.Pause()
	} else {
		g.Play()
	}
}

// Step pauses and runs n ticks now.
func (g *Game) Step(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.playing = false
	g.target = -1
	for ; n > 0; n-- {
		if !g.step() {
			break
		}
	}
	g.dirty = true
}

// Reset starts the run over from its first tick with its scenario, seed
// and overrides; the changes made during the run are dropped.
func (g *Game) Reset() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.resetLocked()
}

func (g *Game) resetLocked() {
	st := g.sess.State()
	st.At, st.Tick = nil, -1
	g.start(st)
	g.sess.SetPresentation(g.speed, g.lecture, false)
	g.playing = false
}

// Load replaces the run with the one an address query describes.
func (g *Game) Load(query string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.load(query)
}

// SetScenario starts a preset over with the same seed.
func (g *Game) SetScenario(name string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !scenario.IsPreset(name) {
		return fmt.Errorf("%q is not a preset (%s)", name, strings.Join(scenario.Presets(), ", "))
	}
	st := live.DefaultState()
	st.Scenario, st.Seed = name, g.sess.State().Seed
	playing := g.playing
	if err := g.start(st); err != nil {
		return err
	}
	g.playing = playing
	return nil
}

// Preset starts the i-th preset (1-based), as the keys 1-9 do.
func (g *Game) Preset(i int) {
	ps := scenario.Presets()
	if i >= 1 && i <= len(ps) {
		g.SetScenario(ps[i-1])
	}
}

// SetSeed starts the run over with another seed.
func (g *Game) SetSeed(text string) error {
	seed, err := strconv.ParseUint(strings.TrimSpace(text), 10, 64)
	if err != nil {
		return fmt.Errorf("seed %q is not a whole number from 0 to 18446744073709551615", text)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.sess.State()
	st.Seed, st.At, st.Tick = seed, nil, -1
	return g.start(st)
}

// SetParam changes a parameter from the next tick on (an override before
// the first tick).
func (g *Game) SetParam(key, value string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	before := g.sess.Build()
	if err := g.sess.Change(key, value); err != nil {
		return err
	}
	if g.sess.Build() != before {
		g.attach()
	} else if g.sess.Ran() > 0 {
		g.charts.Mark(g.sess.Ran(), key+"="+value)
		g.view.layerDirty = true
	}
	g.dirty = true
	return nil
}

// SetSpeed sets the speed in ticks per second (live.Fastest: as fast as
// possible).
func (g *Game) SetSpeed(s float64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if s == live.Fastest || (s > 0 && s <= 10000) {
		g.speed = s
		g.acc = 0
		g.sess.SetPresentation(s, g.lecture, false)
		g.dirty = true
	}
}

// Faster and Slower move one step along the speed list.
func (g *Game) Faster() { g.SetSpeed(g.nextSpeed(+1)) }

// Slower moves one step down the speed list.
func (g *Game) Slower() { g.SetSpeed(g.nextSpeed(-1)) }

func (g *Game) nextSpeed(dir int) float64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	i := slices.Index(speeds, g.speed)
	if i < 0 {
		i = slices.IndexFunc(speeds, func(s float64) bool { return s > g.speed && s > 0 })
		if i < 0 {
			i = len(speeds) - 1
		}
		if dir > 0 {
			i--
		}
	}
	return speeds[min(max(i+dir, 0), len(speeds)-1)]
}

// SetLecture turns lecturer mode on or off.
func (g *Game) SetLecture(on bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.lecture = on
	g.sess.SetPresentation(g.speed, on, false)
	g.view.invalidate()
	g.dirty = true
}

// SelectActor tells the story of an actor's latest cascade.
func (g *Game) SelectActor(id int32) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.selectActor(id)
}

func (g *Game) selectActor(id int32) {
	if id < 0 || int(id) >= len(g.sess.Model().Actors()) {
		return
	}
	st := g.sess.StoryOfActor(id)
	g.setStory(&st)
	g.selection.actor = id
}

// SelectAct tells the story of an act's cascade.
func (g *Game) SelectAct(id int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.selectAct(id)
}

func (g *Game) selectAct(id int64) {
	st := g.sess.StoryOfAct(id)
	g.setStory(&st)
}

func (g *Game) setStory(st *live.Story) {
	g.selection = selection{actor: -1, act: st.Act, story: st}
	for _, l := range st.Lines {
		if a := g.sess.Act(l.Act); a != nil {
			g.selection.acts = append(g.selection.acts, *a)
		}
	}
	g.storyNew = true
	g.dirty = true
}

// ClearSelection forgets the clicked actor or act.
func (g *Game) ClearSelection() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.selection = selection{actor: -1, act: -1}
	g.storyNew = true
	g.dirty = true
}

// RowCSV returns the ticks.csv row of the last tick run ("" before the first).
func (g *Game) RowCSV() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return string(g.sess.Row(nil))
}

// Row returns the last tick's row as column names and values.
func (g *Game) Row() ([]string, []string) {
	row := g.RowCSV()
	if row == "" {
		return csvfmt.TickColumns(), nil
	}
	return csvfmt.TickColumns(), strings.Split(row, ",")
}

// Download returns one of the run's tables so far: ticks, cascades,
// events or actors, as escalate run writes them.
func (g *Game) Download(name string) (string, string, error) {
	g.mu.Lock()
	st := g.sess.State()
	ran := g.sess.Ran()
	g.mu.Unlock()
	if ran == 0 {
		return "", "", fmt.Errorf("no tick has run yet: press play or step first")
	}
	f, err := live.Export(st, ran)
	if err != nil {
		return "", "", err
	}
	switch name {
	case "ticks":
		return string(f.Ticks), "ticks.csv", nil
	case "cascades":
		return string(f.Cascades), "cascades.csv", nil
	case "events":
		return string(f.Events), "events.csv", nil
	case "actors":
		return string(f.Actors), "actors.csv", nil
	}
	return "", "", fmt.Errorf("unknown table %q: ticks, cascades, events or actors", name)
}

// caughtUp reports whether the fast-forward to the address's tick is over.
func (g *Game) caughtUp() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.target < 0
}
