package tour

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/escalation-model/escalation/assets"
	"github.com/escalation-model/escalation/internal/live"
	"github.com/escalation-model/escalation/internal/spelling"
	"github.com/escalation-model/escalation/internal/tomlpos"
)

// Source is the name the shipped tour's errors give its file.
const Source = "assets/tour/tour.toml"

var (
	topKeys     = []string{"docs", "chapter"}
	chapterKeys = []string{"title", "scenario", "seed", "set", "at", "compare", "premise", "question", "choices", "expected", "beat", "result"}
	beatKeys    = []string{"event", "size", "caption"}
	resultKeys  = []string{"claim", "section", "verdict", "quotes", "text"}
)

// Shipped returns the tour's chapters, parsed from the embedded file.
func Shipped() ([]Chapter, error) { return Parse(assets.Tour, Source) }

// parser holds what every check needs: the document's key lines and
// where it came from.
type parser struct {
	source string
	lines  map[string]int
	tables map[string]int
}

// errorf is a mistake at key (the line of key, else of its nearest
// enclosing table).
func (p *parser) errorf(key, format string, args ...any) error {
	l := p.lines[key]
	for k := key; l == 0; {
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			break
		}
		k = k[:i]
		l = p.lines[k]
	}
	return &tomlpos.Error{Source: p.source, Line: l, Key: key, Msg: fmt.Sprintf(format, args...)}
}

// Parse reads a tour file: chapters in the order of their tables
// ([chapter.ID]), each beat in the order of its table
// ([chapter.ID.beat.NAME]). Every mistake is a *tomlpos.Error naming
// source, the line and the key.
func Parse(data []byte, source string) ([]Chapter, error) {
	var doc map[string]any
	pos, err := tomlpos.Decode(data, &doc, tomlpos.Rules{ArrayTables: "arrays of tables ([[...]]) are not used in the tour: write [chapter.ID] and [chapter.ID.beat.NAME]"})
	if e := (*tomlpos.Error)(nil); errors.As(err, &e) {
		return nil, &tomlpos.Error{Source: source, Line: e.Line, Msg: e.Msg}
	}
	p := &parser{source: source, lines: pos.Keys, tables: pos.Tables}
	if err := p.known(doc, "", topKeys, "the tour file"); err != nil {
		return nil, err
	}
	link, err := p.text(doc, "docs", true)
	if err != nil {
		return nil, err
	}
	chapters, err := p.table(doc, "chapter")
	if err != nil {
		return nil, err
	}
	ids := p.inOrder(chapters, "chapter.")
	for _, id := range ids {
		if !idPattern.MatchString(id) {
			return nil, p.errorf("chapter."+id, "the chapter name %q must be lower-case letters, digits and hyphens, starting with a letter (it goes in the address, tour=%s)", id, id)
		}
	}
	var out []Chapter
	for _, id := range ids {
		c, err := p.chapter(chapters, id, link)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, &tomlpos.Error{Source: source, Msg: "the tour has no chapters: add [chapter.ID] tables"}
	}
	return out, nil
}

// known refuses the keys of m that are not in allowed; prefix is m's path.
func (p *parser) known(m map[string]any, prefix string, allowed []string, what string) error {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(allowed, k) {
			return p.errorf(prefix+k, "unknown key %q in %s%s: allowed %s", k, what, spelling.Suggest(k, allowed), strings.Join(allowed, ", "))
		}
	}
	return nil
}

// inOrder returns m's keys in the order of their tables' lines.
func (p *parser) inOrder(m map[string]any, prefix string) []string {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b string) int { return p.lines[prefix+a] - p.lines[prefix+b] })
	return keys
}

// table returns the table at key of m.
func (p *parser) table(m map[string]any, key string) (map[string]any, error) {
	short := key[strings.LastIndexByte(key, '.')+1:]
	t, ok := m[short].(map[string]any)
	if !ok {
		if _, given := m[short]; given {
			return nil, p.errorf(key, "= %s: must be a table ([%s])", tomlpos.Text(m[short]), key)
		}
		return nil, p.errorf(key, "missing: add the table [%s]", key)
	}
	return t, nil
}

// chapter reads the table [chapter.ID].
func (p *parser) chapter(chapters map[string]any, id, link string) (Chapter, error) {
	key := "chapter." + id
	m, err := p.table(chapters, key)
	if err != nil {
		return Chapter{}, err
	}
	if err := p.known(m, key+".", chapterKeys, "a chapter"); err != nil {
		return Chapter{}, err
	}
	c := Chapter{ID: id}
	if c.Run, err = p.run(m, key); err != nil {
		return Chapter{}, err
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{{"title", &c.Title}, {"premise", &c.Premise}, {"question", &c.Question}} {
		if *f.dst, err = p.text(m, key+"."+f.name, true); err != nil {
			return Chapter{}, err
		}
	}
	if c.Choices, err = p.texts(m, key+".choices", 2, 4); err != nil {
		return Chapter{}, err
	}
	n, err := p.integer(m, key+".expected", 1, int64(len(c.Choices)), true)
	if err != nil {
		return Chapter{}, err
	}
	c.Expected = int(n) - 1
	if c.Beats, err = p.beats(m, key); err != nil {
		return Chapter{}, err
	}
	c.Result, err = p.result(m, key, link)
	return c, err
}

// run reads a chapter's run with the page's own parser: any notice the
// page would show is a mistake here.
func (p *parser) run(m map[string]any, key string) (live.State, error) {
	scenario, err := p.text(m, key+".scenario", true)
	if err != nil {
		return live.State{}, err
	}
	seed, err := p.integer(m, key+".seed", 0, 1<<53, true)
	if err != nil {
		return live.State{}, err
	}
	set, err := p.texts(m, key+".set", 0, 16)
	if err != nil {
		return live.State{}, err
	}
	at, err := p.texts(m, key+".at", 0, 16)
	if err != nil {
		return live.State{}, err
	}
	compare, err := p.text(m, key+".compare", false)
	if err != nil {
		return live.State{}, err
	}
	st, notes := live.ParseQuery(runQuery(scenario, uint64(seed), set, at, compare))
	if len(notes) > 0 {
		n := notes[0]
		return live.State{}, p.errorf(key+"."+n.Key, "%s", n.Text)
	}
	return st, nil
}

// beats reads the tables [chapter.ID.beat.NAME].
func (p *parser) beats(m map[string]any, key string) ([]Beat, error) {
	tb, err := p.table(m, key+".beat")
	if err != nil {
		return nil, err
	}
	var out []Beat
	for _, name := range p.inOrder(tb, key+".beat.") {
		bk := key + ".beat." + name
		bm, err := p.table(tb, bk)
		if err != nil {
			return nil, err
		}
		if err := p.known(bm, bk+".", beatKeys, "a beat"); err != nil {
			return nil, err
		}
		b := Beat{Name: name}
		ev, err := p.text(bm, bk+".event", true)
		if err != nil {
			return nil, err
		}
		var ok bool
		if b.Event, ok = eventNamed(ev); !ok {
			return nil, p.errorf(bk+".event", "= %q is not an event%s: allowed %s", ev, spelling.Suggest(ev, Events()), strings.Join(Events(), ", "))
		}
		size, err := p.integer(bm, bk+".size", 2, 1_000_000, b.Event == Cascade)
		if err != nil {
			return nil, err
		}
		if _, given := bm["size"]; given && b.Event != Cascade {
			return nil, p.errorf(bk+".size", "only a cascade beat has a size (this beat waits for %s)", b.Event)
		}
		b.Size = int(size)
		if b.Caption, err = p.text(bm, bk+".caption", true); err != nil {
			return nil, err
		}
		if msg := checkCaption(b.Caption); msg != "" {
			return nil, p.errorf(bk+".caption", "%s", msg)
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		return nil, p.errorf(key+".beat", "a chapter needs at least one beat")
	}
	return out, nil
}

// result reads the table [chapter.ID.result].
func (p *parser) result(m map[string]any, key, link string) (Result, error) {
	rk := key + ".result"
	rm, err := p.table(m, rk)
	if err != nil {
		return Result{}, err
	}
	if err := p.known(rm, rk+".", resultKeys, "a result"); err != nil {
		return Result{}, err
	}
	var r Result
	claim, err := p.integer(rm, rk+".claim", 1, 7, true)
	if err != nil {
		return Result{}, err
	}
	r.Claim = int(claim)
	if r.Section, err = p.text(rm, rk+".section", true); err != nil {
		return Result{}, err
	}
	prefix := fmt.Sprintf("claim-%d-", r.Claim)
	if !strings.HasPrefix(r.Section, prefix) || !idPattern.MatchString(r.Section) {
		return Result{}, p.errorf(rk+".section", "= %q is not the anchor of claim %d's section: write it as docs/experiments.md's table of contents does (%s...)", r.Section, r.Claim, prefix)
	}
	r.Link = link + "#" + r.Section
	if r.Verdict, err = p.text(rm, rk+".verdict", true); err != nil {
		return Result{}, err
	}
	if !slices.Contains(Verdicts, r.Verdict) {
		return Result{}, p.errorf(rk+".verdict", "= %q: allowed %q", r.Verdict, Verdicts)
	}
	if r.Quotes, err = p.texts(rm, rk+".quotes", 1, 8); err != nil {
		return Result{}, err
	}
	for _, q := range r.Quotes {
		if !strings.Contains(q, "95% CI") {
			return Result{}, p.errorf(rk+".quotes", "%q quotes no 95%% interval: copy a figure with its \"(95%% CI ...)\" from the claim's section", q)
		}
	}
	if r.Text, err = p.text(rm, rk+".text", true); err != nil {
		return Result{}, err
	}
	return r, nil
}

// text returns the string at key, "" when absent and not required.
func (p *parser) text(m map[string]any, key string, required bool) (string, error) {
	short := key[strings.LastIndexByte(key, '.')+1:]
	v, ok := m[short]
	if !ok {
		if required {
			return "", p.errorf(key, "missing: give a string")
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", p.errorf(key, "= %s: give a string", tomlpos.Text(v))
	}
	s = strings.Join(strings.Fields(s), " ")
	if required && s == "" {
		return "", p.errorf(key, "is empty: give the text")
	}
	return s, nil
}

// texts returns the list of strings at key, of lo to hi elements.
func (p *parser) texts(m map[string]any, key string, lo, hi int) ([]string, error) {
	short := key[strings.LastIndexByte(key, '.')+1:]
	v, ok := m[short]
	if !ok {
		if lo > 0 {
			return nil, p.errorf(key, "missing: give a list of %d to %d strings", lo, hi)
		}
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok || len(list) < lo || len(list) > hi {
		return nil, p.errorf(key, "= %s: give a list of %d to %d strings", tomlpos.Text(v), lo, hi)
	}
	out := make([]string, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return nil, p.errorf(key, "= %s: element %d is not a non-empty string", tomlpos.Text(v), i+1)
		}
		out[i] = strings.TrimSpace(s)
	}
	return out, nil
}

// integer returns the integer at key, from lo to hi; 0 when absent and
// not required.
func (p *parser) integer(m map[string]any, key string, lo, hi int64, required bool) (int64, error) {
	short := key[strings.LastIndexByte(key, '.')+1:]
	v, ok := m[short]
	if !ok {
		if required {
			return 0, p.errorf(key, "missing: give an integer from %d to %d", lo, hi)
		}
		return 0, nil
	}
	n, ok := v.(int64)
	if !ok || n < lo || n > hi {
		return 0, p.errorf(key, "= %s: allowed an integer from %d to %d", tomlpos.Text(v), lo, hi)
	}
	return n, nil
}
