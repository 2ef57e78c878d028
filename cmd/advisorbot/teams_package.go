package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/advisorbot/advisorbot/bot/teams"
)

// runTeamsPackage implements `advisorbot teams package`: the Teams app
// package (manifest.json and icons, zipped), ready to upload in the Teams
// admin center or with "Upload a custom app".
func runTeamsPackage(_ context.Context, args []string, _ io.Reader, _, stderr io.Writer) int {
	fs := flag.NewFlagSet("teams package", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "advisorbot-teams.zip", "`file` to write the package to")
	m := teams.Manifest{}
	fs.StringVar(&m.AppID, "app-id", strings.TrimSpace(os.Getenv("MICROSOFT_APP_ID")), "the bot's Microsoft App ID (env MICROSOFT_APP_ID)")
	fs.StringVar(&m.Version, "version", "1.0.0", "package `version`; raise it to update an uploaded app")
	fs.StringVar(&m.Name, "name", "advisorbot", "the app's short `name` in Teams")
	fs.StringVar(&m.Developer, "developer", "advisorbot", "the developer `name` shown in Teams, e.g. your company")
	fs.StringVar(&m.WebsiteURL, "website", "https://github.com/advisorbot/advisorbot", "developer website `URL` (https)")
	fs.StringVar(&m.PrivacyURL, "privacy", "https://github.com/advisorbot/advisorbot#privacy", "privacy statement `URL` (https)")
	fs.StringVar(&m.TermsURL, "terms", "https://github.com/advisorbot/advisorbot#terms", "terms of use `URL` (https)")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	var buf bytes.Buffer
	if err := teams.WritePackage(&buf, m); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "teams package: %s\n", line)
		}
		return exitBadInput
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "teams package: %v\n", err)
		return exitBadInput
	}
	fmt.Fprintf(stderr, "wrote %s (%d bytes): upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin center\n", *out, buf.Len())
	return exitOK
}
