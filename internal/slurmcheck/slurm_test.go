//go:build !js

// Package slurmcheck holds tests that run a sweep and a calibration on a
// real single-node Slurm cluster on localhost with the shipped job script
// (deploy/slurm/sweep.sbatch): a 4-task array, one shard per task, then the
// merge job it submits, and a calibration whose batches are 2-task arrays;
// and check that the outputs are byte-identical to those of the same sweep
// and calibration run locally. It has no non-test code.
package slurmcheck

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// spec is the sweep the test runs: 2 x 2 conditions x 5 replicates of a
// small world, with every output kept.
const spec = `description = "Slurm round trip"
base = "status-quo"
replicates = 5
master_seed = 21
ticks = 60

[fixed]
firms = 120
citizens = 300

[vary]
hack_back = ["licensed", "free"]
attribution_skill = [0.3, 0.9]

[outputs]
series = true
cascade_sizes = true
plots = true
`

// TestSlurmRoundTrip submits deploy/slurm/sweep.sbatch as a 4-task array
// to a local cluster (SLURM_CONF, when set and answering; otherwise one it
// brings up with deploy/slurm/local-up.sh, as root) and compares the merge
// with a local sweep.
func TestSlurmRoundTrip(t *testing.T) {
	if os.Getenv("ESCALATE_SLURM") != "1" {
		t.Skip("Slurm test skipped: set ESCALATE_SLURM=1 or run `make test-slurm` (installs slurm-wlm and munge as root, brings a local cluster up and down)")
	}
	start := time.Now()
	root := moduleRoot(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "escalate")
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(root, "cmd", "escalate")).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	env := clusterEnv(t, root)
	version := exec.Command("sbatch", "--version")
	version.Env = env
	if v, err := version.Output(); err == nil {
		t.Logf("%s", bytes.TrimSpace(v))
	}
	specPath := filepath.Join(dir, "round-trip.toml")
	if err := os.WriteFile(specPath, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}

	local := filepath.Join(dir, "local")
	if out, err := exec.Command(bin, "sweep", "--spec", specPath, "--out", local, "--workers", "2", "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("local sweep: %v\n%s", err, out)
	}

	out := filepath.Join(dir, "cluster")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	submitted := time.Now()
	sb := exec.CommandContext(ctx, "sbatch", "--wait", "--array=0-3", "--output="+filepath.Join(dir, "task-%A_%a.out"),
		filepath.Join(root, "deploy", "slurm", "sweep.sbatch"), specPath, out)
	sb.Dir = dir
	sb.Env = append(env, "ESCALATE="+bin)
	if b, err := sb.CombinedOutput(); err != nil {
		t.Fatalf("sbatch --wait --array=0-3: %v\n%s\n%s", err, b, taskOutputs(dir))
	}
	t.Logf("array of 4 shards done in %.1fs", time.Since(submitted).Seconds())

	jobID := strings.TrimSpace(string(mustRead(t, filepath.Join(out, "merge.jobid"))))
	state := waitForJob(ctx, t, env, jobID)
	merged := filepath.Join(out, "merged")
	if state != "COMPLETED" {
		t.Fatalf("merge job %s: %s\n%s", jobID, state, taskOutputs(out))
	}
	t.Logf("merge job %s done %.1fs after submission", jobID, time.Since(submitted).Seconds())

	compared := 0
	err := filepath.WalkDir(local, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(local, path)
		if rel == "journal.jsonl" || rel == "sweep.json" {
			return nil // the journal's order is the order runs finished
		}
		got, err := os.ReadFile(filepath.Join(merged, rel))
		if err != nil {
			t.Errorf("%s: missing from the merge: %v", rel, err)
			return nil
		}
		if !bytes.Equal(got, mustRead(t, path)) {
			t.Errorf("%s differs between the Slurm merge and the local sweep", rel)
		}
		compared++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if compared < 10 {
		t.Errorf("only %d files compared", compared)
	}
	t.Logf("%d files byte-identical; round trip %.1fs", compared, time.Since(start).Seconds())
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func moduleRoot(t *testing.T) string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		t.Fatal("not inside the module")
	}
	return filepath.Dir(gomod)
}

// clusterEnv returns the environment for Slurm's commands: the cluster of
// SLURM_CONF when it answers, else one brought up for this test (and
// brought down when it ends).
func clusterEnv(t *testing.T, root string) []string {
	env := os.Environ()
	if conf := os.Getenv("SLURM_CONF"); conf != "" {
		if out, err := exec.Command("sinfo", "-h", "-o", "%t").Output(); err == nil && strings.Contains(string(out), "idle") {
			t.Logf("using the cluster of SLURM_CONF=%s", conf)
			return env
		}
		t.Logf("SLURM_CONF=%s does not answer with an idle node; bringing up a cluster of our own", conf)
	}
	for _, tool := range []string{"sbatch", "slurmctld", "slurmd", "munged"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed. Run `make test-slurm` as root (it installs slurm-wlm and munge), or: sudo deploy/slurm/local-install.sh", tool)
		}
	}
	if os.Getuid() != 0 {
		t.Fatal("bringing up a local Slurm cluster needs root (slurmd runs as root): run `sudo make test-slurm`, or start one with deploy/slurm/local-up.sh and set SLURM_CONF")
	}
	// munged wants every directory above its socket searchable by all,
	// which a test's temporary directory (0700) is not.
	base, err := os.MkdirTemp("", "escalate-slurm-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	up := exec.Command(filepath.Join(root, "deploy", "slurm", "local-up.sh"))
	up.Env = append(os.Environ(), "BASE="+base)
	if out, err := up.CombinedOutput(); err != nil {
		t.Fatalf("local-up.sh: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		down := exec.Command(filepath.Join(root, "deploy", "slurm", "local-down.sh"))
		down.Env = append(os.Environ(), "BASE="+base)
		if out, err := down.CombinedOutput(); err != nil {
			t.Errorf("local-down.sh: %v\n%s", err, out)
		}
		os.RemoveAll(base)
	})
	return append(env, "SLURM_CONF="+filepath.Join(base, "slurm.conf"))
}

// waitForJob polls scontrol until the job ends and returns its state
// (COMPLETED, FAILED, CANCELLED, ...).
func waitForJob(ctx context.Context, t *testing.T, env []string, id string) string {
	for {
		cmd := exec.CommandContext(ctx, "scontrol", "show", "job", "-o", id)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil && ctx.Err() != nil {
			t.Fatalf("the merge job %s did not end in time", id)
		}
		if err != nil {
			// Gone from the controller (older than MinJobAge): it ended,
			// and the merged directory says how.
			t.Logf("scontrol show job %s: %s", id, bytes.TrimSpace(out))
			return "GONE"
		}
		for _, f := range strings.Fields(string(out)) {
			if s, ok := strings.CutPrefix(f, "JobState="); ok {
				switch s {
				case "PENDING", "RUNNING", "CONFIGURING", "COMPLETING":
				default:
					return s
				}
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// taskOutputs gathers the job scripts' outputs for a failure message.
func taskOutputs(dir string) string {
	var b strings.Builder
	files, _ := filepath.Glob(filepath.Join(dir, "*.out"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		b.WriteString("--- " + f + "\n" + string(data))
	}
	return b.String()
}

// TestSlurmCalibration runs a tiny calibration twice, here and with every
// batch of simulations sent to the local cluster as a 2-task array of
// deploy/slurm/sweep.sbatch (escalate calibrate --slurm-tasks 2), and
// checks that the posterior, its summary, the predictive check and the
// preset are byte-identical.
func TestSlurmCalibration(t *testing.T) {
	if os.Getenv("ESCALATE_SLURM") != "1" {
		t.Skip("Slurm test skipped: set ESCALATE_SLURM=1 or run `make test-slurm` (installs slurm-wlm and munge as root, brings a local cluster up and down)")
	}
	start := time.Now()
	root := moduleRoot(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "escalate")
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(root, "cmd", "escalate")).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	env := clusterEnv(t, root)
	text := strings.Replace(string(mustRead(t, filepath.Join(root, "calibrate", "testdata", "tiny.toml"))),
		`"../../assets/calibration/dcid-2000-2014.json"`, `"`+filepath.Join(root, "assets", "calibration", "dcid-2000-2014.json")+`"`, 1)
	specPath := filepath.Join(dir, "tiny.toml")
	if err := os.WriteFile(specPath, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(dir, "local")
	if out, err := exec.Command(bin, "calibrate", "--spec", specPath, "--out", local, "--workers", "2", "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("local calibration: %v\n%s", err, out)
	}
	cluster := filepath.Join(dir, "cluster")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "calibrate", "--spec", specPath, "--out", cluster, "--slurm-tasks", "2",
		"--slurm-script", filepath.Join(root, "deploy", "slurm", "sweep.sbatch"), "--quiet")
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("calibration on Slurm: %v\n%s", err, out)
	}
	shards, _ := filepath.Glob(filepath.Join(cluster, "runs", "gen-*", "batch-*", "shards", "1"))
	if len(shards) == 0 {
		t.Error("no batch ran as shards on the cluster")
	}
	for _, f := range []string{"posterior.csv", "posterior.parquet", "generations.csv", "summary.csv", "predictive.csv", "observed-world.toml"} {
		if !bytes.Equal(mustRead(t, filepath.Join(local, f)), mustRead(t, filepath.Join(cluster, f))) {
			t.Errorf("%s differs between the calibration on Slurm and the local one", f)
		}
	}
	t.Logf("%d batches sharded over 2 tasks; calibration round trip %.1fs", len(shards), time.Since(start).Seconds())
}
