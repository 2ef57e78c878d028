//go:build unix

package main

import "syscall"

// restrictUmask makes every file and directory advisorbot creates its
// user's alone (0600, 0700): the data directory holds conversations in
// plain text, and backups and charts need no wider reading either.
func restrictUmask() { syscall.Umask(0o077) }
