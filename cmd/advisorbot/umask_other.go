//go:build !unix

package main

// restrictUmask: there is no umask here; the store sets its own modes.
func restrictUmask() {}
