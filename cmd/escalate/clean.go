package main

import (
	"context"
	"fmt"
	"io"

	"github.com/escalation-model/escalation/output"
)

// cmdClean removes what killed runs, sweeps, experiments and analyses left
// behind: their hidden temporary files and directories (".NAME.tmp-PID-..."
// and ".NAME.old-PID-...") whose process is gone. Outputs are untouched.
func cmdClean(_ context.Context, args []string, stdout, _ io.Writer) error {
	fs := newFlags("clean", "[DIR ...]   (default: the current directory)", stdout)
	if err := fs.parse(args); err != nil {
		return err
	}
	roots := fs.Args()
	if len(roots) == 0 {
		roots = []string{"."}
	}
	var n int
	var bytes int64
	for _, root := range roots {
		gone, err := output.Clean(root)
		for _, l := range gone {
			fmt.Fprintf(stdout, "removed %s (%s)\n", l.Path, sizeText(l.Bytes))
			n++
			bytes += l.Bytes
		}
		if err != nil {
			return badInput("%s: %v", root, err)
		}
	}
	if n == 0 {
		fmt.Fprintln(stdout, "nothing to clean: no leftovers of killed runs")
		return nil
	}
	fmt.Fprintf(stdout, "removed %d leftover%s of killed runs, %s\n", n, plural(n), sizeText(bytes))
	return nil
}

// sizeText writes a size in bytes for people: 512 B, 1.5 kB, 134 MB.
func sizeText(b int64) string {
	const unit = 1000
	if b < unit {
		return fmt.Sprintf("%d B", b)
	}
	v, prefix := float64(b), ""
	for _, p := range []string{"k", "M", "G", "T"} {
		v /= unit
		prefix = p
		if v < unit {
			break
		}
	}
	return fmt.Sprintf("%.3g %sB", v, prefix)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
