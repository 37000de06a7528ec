package escalation

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// The build and test targets write their artefacts under build/ (and the
// static site under web/), never under out/, the default directory of
// escalate run, which refuses a folder holding files a run did not write:
// make test followed by escalate run must work.
func TestMakeWritesNothingIntoOut(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	targets := []string{"build", "test-arm64", "web", "test-browser", "test-desktop", "test-slurm", "bench", "clean"}
	cmd := exec.Command("make", append([]string{"-n", "--no-print-directory"}, targets...)...)
	cmd.Env = append(os.Environ(), "PATH=/nonexistent:"+os.Getenv("PATH"))
	text, err := cmd.CombinedOutput()
	if err != nil && len(text) == 0 {
		t.Fatalf("make -n: %v", err)
	}
	writesOut := regexp.MustCompile(`(^|[\s'"=(])(\./)?out(/|\s|$)`)
	for _, line := range strings.Split(string(text), "\n") {
		if writesOut.MatchString(line) && !strings.Contains(line, "-not -path './out/*'") {
			t.Errorf("make writes into out/: %s", strings.TrimSpace(line))
		}
	}
	// The Go suites the targets run save their screenshots and figures
	// under build/ too.
	for _, f := range []string{"internal/browsercheck/browser_test.go", "internal/browsercheck/perf_test.go", "internal/desktopcheck/desktop_test.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `moduleRoot(t), "out"`) || strings.Contains(string(b), `root, "out"`) || strings.Contains(string(b), `moduleRoot(p.t), "out"`) {
			t.Errorf("%s saves artefacts under out/", f)
		}
	}
}
