package main

import (
	"context"
	"io"
)

// runTeams implements `advisorbot teams` (the Bot Framework messaging
// endpoint on TEAMS_ADDR) and `advisorbot teams package` (the app package
// to upload to Teams).
func runTeams(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "package" {
		return runTeamsPackage(ctx, args[1:], stdin, stdout, stderr)
	}
	return runServer(ctx, "teams", platforms{teams: true}, args, stderr)
}
