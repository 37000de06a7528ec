package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/escalation-model/escalation/internal/narrate"
	"github.com/escalation-model/escalation/sweep"
)

func cmdMerge(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("merge", "DIR... [--out DIR]", stdout)
	out := fs.String("out", "", "directory for the merged sweep (default "+sweepRoot+"/NAME)")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	// Flags may come before, between or after the directories.
	var dirs []string
	for {
		if err := fs.parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		dirs = append(dirs, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(dirs) == 0 {
		return badInput("name the shard directories to merge, e.g. escalate merge sweeps/demo-shard-*-of-4 --out sweeps/demo")
	}
	dir := *out
	if dir == "" {
		m, err := sweep.ReadManifest(dirs[0])
		if err != nil {
			return usageError{err}
		}
		dir = filepath.Join(sweepRoot, m.Plan.Name)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted before merging")
	}
	rep, err := sweep.Merge(dirs, dir)
	if err != nil {
		var de *sweep.DirError
		if errors.As(err, &de) {
			return usageError{err}
		}
		return err
	}
	if !*quiet {
		fmt.Fprintf(stdout, "merged %s\n", narrate.Count(int64(len(dirs)), "directory", "directories"))
		reportBuild(stdout, dir, rep)
	}
	return nil
}
