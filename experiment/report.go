package experiment

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// ResultFile is the name of an experiment's own report, in its directory.
const ResultFile = "result.md"

// writeResult writes Dir/result.md: the experiment's section, with its
// figures linked from that directory.
func writeResult(r *Result) error {
	var b bytes.Buffer
	r.section(&b, 1, func(f string) string { return f + ".png" })
	return os.WriteFile(filepath.Join(r.Dir, ResultFile), b.Bytes(), 0o644)
}

// Replay returns the command that runs the experiment again at the same
// size (into the same directory, it resumes; done, it only restates).
func (r *Result) Replay(out string) string {
	cmd := "escalate experiment " + r.Experiment.Name
	if out != "" {
		cmd += " --out " + out
	}
	if r.Scale != 1 {
		cmd += " --scale " + strconv.FormatFloat(r.Scale, 'g', -1, 64)
	}
	return cmd
}

// section writes the experiment's Markdown section at heading level h+1;
// link turns a figure's file (without extension) into the link written.
func (r *Result) section(w io.Writer, h int, link func(string) string) {
	e, f := r.Experiment, r.Finding
	hd := strings.Repeat("#", h+1)
	fmt.Fprintf(w, "%s Claim %d: %s\n\n", hd, e.Claim, e.Title)
	sources := "Sources"
	if !strings.Contains(e.Essays, ";") && !strings.Contains(e.Essays, " against ") {
		sources = "Source"
	}
	fmt.Fprintf(w, "%s: %s. Experiment `%s`.\n\n", sources, e.Essays, e.Name)
	fmt.Fprintf(w, "**Result: the claim %s.** %s\n\n", f.Verdict.Predicate(), f.Statement)
	for _, p := range f.Parts {
		if p.Aside {
			fmt.Fprintf(w, "- *Aside, not part of this claim's verdict:* **%s: %s.** %s\n", p.Label, p.Verdict, p.Text)
			continue
		}
		fmt.Fprintf(w, "- **%s: %s.** %s\n", p.Label, p.Verdict, p.Text)
	}
	if len(f.Parts) > 0 {
		fmt.Fprintln(w)
	}
	if f.Rule != "" {
		fmt.Fprintf(w, "**Verdict rule.** %s\n\n", f.Rule)
	}
	if f.Mechanism != "" {
		fmt.Fprintf(w, "**Model rules behind the effect.** %s\n\n", f.Mechanism)
	}
	for _, fig := range f.Figures {
		fmt.Fprintf(w, "![%s](%s)\n\n*%s*\n\n", fig.Caption, link(fig.File), fig.Caption)
	}
	if len(f.Table) > 1 {
		writeTable(w, f.Table)
		fmt.Fprintln(w)
	}
	if len(f.Assumptions) > 0 {
		fmt.Fprintf(w, "Assumptions the result rests on:\n\n")
		for _, a := range f.Assumptions {
			fmt.Fprintf(w, "- %s\n", a)
		}
		fmt.Fprintln(w)
	}
	for _, n := range f.Notes {
		fmt.Fprintf(w, "%s\n\n", n)
	}
	if len(f.Thresholds) > 1 {
		fmt.Fprintf(w, "Thresholds of the verdict (the spec's `[verdict]` table):\n\n")
		writeTable(w, f.Thresholds)
		fmt.Fprintln(w)
	}
	if len(f.Robustness) > 1 {
		fmt.Fprintf(w, "Robustness: the verdict with each threshold changed in turn (in bold where it differs):\n\n")
		writeTable(w, f.Robustness)
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Design and size:\n\n")
	for i, p := range r.Sweeps {
		fmt.Fprintf(w, "- spec `%s` (`assets/sweeps/%s.toml`): %d conditions × %d replicates = %d runs, master seed %d; %s.\n",
			e.Specs[i], e.Specs[i], p.NumConditions(), p.Replicates, p.Runs(), p.MasterSeed, fixedText(p))
	}
	fmt.Fprintf(w, "\nReplay: `%s`", r.Replay("DIR"))
	if r.Scale == 1 && r.Ticks == 0 {
		var sw []string
		for _, s := range e.Specs {
			sw = append(sw, "`escalate sweep --spec "+s+"`")
		}
		fmt.Fprintf(w, " (the sweeps alone: %s)", strings.Join(sw, ", "))
	}
	fmt.Fprintf(w, "; each run's own `escalate run` command is in the sweep's `runs.csv`.\n\n")
}

// changes says which rows of the robustness table change the claim's
// verdict: "unchanged", or each threshold and value with the verdict.
func (f *Finding) changes() string {
	var out []string
	for _, r := range f.Robustness[min(1, len(f.Robustness)):] {
		if len(r) > 2 && strings.HasPrefix(r[2], "**") {
			out = append(out, fmt.Sprintf("%s = %s: %s", r[0], r[1], strings.Trim(r[2], "*")))
		}
	}
	if len(out) == 0 {
		return "unchanged"
	}
	return strings.Join(out, "; ")
}

// writeTable writes a Markdown table: a header row, then rows.
func writeTable(w io.Writer, t [][]string) {
	row := func(r []string) {
		fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
	}
	row(t[0])
	sep := make([]string, len(t[0]))
	for i := range sep {
		sep[i] = "---"
	}
	row(sep)
	for _, r := range t[1:] {
		row(r)
	}
}

// ReportOptions configure WriteReport.
type ReportOptions struct {
	// Path is the report's file.
	Path string
	// Command is the command line that regenerates the report, said at its
	// top.
	Command string
	// Out is the experiments' directory as the replay commands name it.
	Out string
}

// WriteReport writes a Markdown report of the results to opt.Path: the
// command that regenerates it, a summary of the verdicts, and each
// experiment's section with its figures. Figures are linked where they
// are when the report sits in the experiments' directory; otherwise their
// PNGs are copied beside the report, into a directory named after it
// (docs/experiments.md gets docs/experiments/NAME-FIGURE.png).
func WriteReport(results []*Result, opt ReportOptions) error {
	rdir := filepath.Dir(opt.Path)
	link := map[*Result]func(string) string{}
	for _, r := range results {
		rel, err := filepath.Rel(rdir, r.Dir)
		if err == nil && !strings.HasPrefix(rel, "..") {
			rel := filepath.ToSlash(rel)
			link[r] = func(f string) string { return path.Join(rel, f+".png") }
			continue
		}
		stem := strings.TrimSuffix(filepath.Base(opt.Path), filepath.Ext(opt.Path))
		figDir := filepath.Join(rdir, stem)
		if err := os.MkdirAll(figDir, 0o777); err != nil {
			return err
		}
		for _, fig := range r.Finding.Figures {
			data, err := os.ReadFile(filepath.Join(r.Dir, fig.File+".png"))
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(figDir, r.Experiment.Name+"-"+fig.File+".png"), data, 0o644); err != nil {
				return err
			}
		}
		name := r.Experiment.Name
		link[r] = func(f string) string { return path.Join(stem, name+"-"+f+".png") }
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# The essays' claims as experiments\n\n")
	fmt.Fprintf(&b, "Generated by `%s`; run that command again to regenerate this report and its figures.\n\n", opt.Command)
	runs := 0
	for _, r := range results {
		runs += r.Runs
	}
	fmt.Fprintf(&b, "Each of the seven claims of the texts the model is built from (`docs/references.md` states them and cites the texts) is a sweep of the model (a shipped spec in `assets/sweeps/`), run by `escalate experiment NAME`. ")
	fmt.Fprintf(&b, "The verdict and the numbers below are computed from the sweeps' data, never written by hand: every comparison has a bar stated in its spec before the data are seen (a margin of practical relevance, or a level to pass), and a comparison **holds** when its effect lies beyond the bar on the side the claim predicts with 95%% confidence, **does not hold** when it falls short of the bar with 95%% confidence (absent, reversed, or too small to matter), and is **inconclusive at this size** otherwise; the comparisons of one experiment are one family, adjusted for their number by Holm's step-down method (the p-values in the tables are adjusted; the intervals printed are the unadjusted 95%% ones, so an interval may clear its bar while the adjusted test does not). A claim of several parts **holds in part** when some parts hold and others do not. Each claim says its verdict rule and the model rules behind the effect, lists its thresholds, and states its verdict again with each threshold changed in turn. ")
	fmt.Fprintf(&b, "Intervals are Student-t intervals of means over runs, Welch intervals of differences of means, Wilson and Newcombe intervals of shares of runs, or percentile bootstrap intervals (%d resamples of runs) of ratios; runs, not acts, are the independent units. ", bootstrapResamples)
	fmt.Fprintf(&b, "The results hold for the model under the stated assumptions, not for the world. %d runs in all.\n\n", runs)
	fmt.Fprintf(&b, "| claim | verdict | verdict with a threshold changed (robustness table) | experiment |\n|---|---|---|---|\n")
	for _, r := range results {
		anchor := fmt.Sprintf("claim-%d-%s", r.Experiment.Claim, slug(r.Experiment.Title))
		fmt.Fprintf(&b, "| [%d. %s](#%s) | %s | %s | `%s` |\n", r.Experiment.Claim, r.Experiment.Title, anchor, r.Finding.Verdict, r.Finding.changes(), r.Experiment.Name)
	}
	fmt.Fprintln(&b)
	for _, r := range results {
		r.section(&b, 1, link[r])
	}
	return os.WriteFile(opt.Path, b.Bytes(), 0o644)
}

// slug makes a GitHub-style heading anchor of text.
func slug(text string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(text) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			b.WriteRune(c)
		case c == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
