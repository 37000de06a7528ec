// Package spelling suggests, for a misspelt name, the nearest of the names
// that would have been understood ("did you mean ...?"): parameters in
// parameter files and on the command line, keys of sweep and sensitivity
// specs, scenario and spec names, flags and verbs.
package spelling
