// Command escalate runs the escalation model headless: one run with its
// data files and plots, the list of scenarios and parameters, and the story
// of a cascade. `escalate --help` lists the verbs.
package main

import (
	"os"
)

func main() {
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}
