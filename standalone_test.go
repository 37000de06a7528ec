package escalation

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// trackedFiles returns the repository's files: those git tracks, or, in a
// copy without git, every file but those under .git and the build
// outputs.
func trackedFiles(t *testing.T) []string {
	t.Helper()
	if out, err := exec.Command("git", "ls-files", "-z").Output(); err == nil && len(out) > 0 {
		return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	}
	var files []string
	skip := map[string]bool{".git": true, "build": true, "web": true, "out": true, "sweeps": true, "experiments": true, "sensitivity-analyses": true}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && skip[path] {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestRepositoryStandsAlone: no text file of the repository points to
// material outside it that a user does not have (the working notes the
// model was specified in, or the folders its source texts and its
// observed data were kept in):
// the texts are cited in docs/references.md instead.
func TestRepositoryStandsAlone(t *testing.T) {
	// Written in pieces, so that this file does not match itself.
	outside := []string{"BRI" + "EF", "shared" + "/seeds", "shared" + "/data", "../" + "shared"}
	checked := 0
	for _, path := range trackedFiles(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			if os.IsNotExist(err) { // deleted in the work tree, not yet in git
				continue
			}
			t.Fatal(err)
		}
		if bytes.IndexByte(b[:min(len(b), 8000)], 0) >= 0 {
			continue // binary
		}
		checked++
		for i, line := range strings.Split(string(b), "\n") {
			if path == ".ci/run" && strings.Contains(line, "ESCALATE_DCID=") {
				continue // CI, and only CI, has the observed record's raw files beside the clone
			}
			for _, o := range outside {
				if strings.Contains(line, o) {
					t.Errorf("%s:%d mentions %q, which is not in the repository: cite docs/references.md", path, i+1, o)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d text files checked", checked)
	}
}

// TestReferencesAreCited: docs/references.md has a section for each of
// the four texts, CITATION.cff lists each of them, and the documents cite
// them by those names, never by the numbers they had as files.
func TestReferencesAreCited(t *testing.T) {
	refs, err := os.ReadFile(filepath.Join("docs", "references.md"))
	if err != nil {
		t.Fatal(err)
	}
	cff, err := os.ReadFile("CITATION.cff")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Road rage essay", "Usman 2022", "Rapid7 hack back paper", "Realist essay"}
	for _, n := range names {
		if !strings.Contains(string(refs), "\n### "+n+"\n") {
			t.Errorf("docs/references.md has no section %q", n)
		}
		if !strings.Contains(string(cff), "Cited in the project as the "+n) && !strings.Contains(string(cff), "Cited in the project as "+n) {
			t.Errorf("CITATION.cff's references do not list %q", n)
		}
	}
	if !strings.Contains(string(refs), "\n## The seven claims\n") {
		t.Error("docs/references.md does not state the seven claims")
	}
	// An essay cited by its number: "essay 002", "(001, 002)", "003:".
	number := regexp.MustCompile(`(?i)essays? 00[0-3]\b|\(00[0-3][,;)]|[ (]00[0-3](/00[0-3])*: `)
	for _, dir := range []string{"docs", filepath.Join("assets", "presets"), filepath.Join("assets", "sweeps"), filepath.Join("assets", "sensitivity")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			if !strings.HasSuffix(f, ".md") && !strings.HasSuffix(f, ".toml") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(string(b), "\n") {
				if m := number.FindString(line); m != "" {
					t.Errorf("%s:%d cites an essay by number (%q): use its short name (docs/references.md)", f, i+1, m)
				}
			}
		}
	}
}
