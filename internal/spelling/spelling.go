package spelling

import (
	"fmt"
	"math"
)

// Distance returns the Levenshtein edit distance between a and b: the
// fewest bytes inserted, deleted or replaced that turn a into b.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Nearest returns the candidate nearest to name in edit distance, the
// first of several equally near, if it is at most len(name)/2 + slack
// away; else "".
func Nearest(name string, candidates []string, slack int) string {
	best, bestD := "", math.MaxInt
	for _, c := range candidates {
		if d := Distance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD > len(name)/2+slack {
		return ""
	}
	return best
}

// Near returns the candidate nearest to name (Nearest with slack 2, as
// parameter names are suggested) when at most half of it would have to
// change, or "" when none is that near or name is a candidate.
func Near(name string, candidates []string) string {
	n := Nearest(name, candidates, 2)
	if n == "" || n == name || Distance(name, n) > (len(n)+1)/2 {
		return ""
	}
	return n
}

// Suggest returns " (did you mean "x"?)" for the candidate x that Near
// finds, or "": it is written right after the misspelt name.
func Suggest(name string, candidates []string) string {
	if n := Near(name, candidates); n != "" {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	return ""
}
