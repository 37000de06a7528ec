// Package tomlpos decodes a TOML document and finds the line of each of its
// keys and table headers, so that the parameter files, sweep specs and
// sensitivity specs can name the file and line of a bad value.
package tomlpos
