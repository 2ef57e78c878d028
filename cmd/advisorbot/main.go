// Command advisorbot advises employees how to automate a task: prompt
// engineering, retrieval (RAG), fine-tuning, a hybrid, classic automation or
// keeping it manual, with the ROI of each.
//
// main stays thin: it hands the arguments and standard streams to run, which
// the tests call directly.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // SUMMARY_TZ works on images without a zone database
)

// version is stamped at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes: bad input is the user's to fix, anything else is ours.
const (
	exitOK       = 0
	exitInternal = 1
	exitBadInput = 2
)

func main() {
	restrictUmask()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"chat", "talk it through in the terminal (the conversation the bots have)", runChat},
		{"slack", "serve Slack over Socket Mode (SLACK_APP_TOKEN, SLACK_BOT_TOKEN)", runSlack},
		{"teams", "serve Microsoft Teams on TEAMS_ADDR; 'teams package' builds the app package", runTeams},
		{"serve", "serve every configured platform (Slack, Teams) in one process", runServe},
		{"advise", "recommend an approach for a use-case profile (JSON)", runAdvise},
		{"roi", "quick ROI estimate from flags", runROI},
		{"extract", "read profile fields from a description", runExtract},
		{"history", "list past assessments", runHistory},
		{"summary", "the weekly leadership summary (Markdown, chart, --post)", runSummary},
		{"export", "write assessments and their outcomes as CSV or JSON lines for analysts", runExport},
		{"calibrate", "compare reported outcomes with the assumptions and suggest the company's own (--out FILE)", runCalibrate},
		{"forget", "delete every record of a user", runForget},
		{"backup", "write a backup of a stopped bot's data (--out FILE)", runBackup},
		{"restore", "load a backup into a new data directory", runRestore},
		{"kb", "search or show the knowledge base", runKB},
		{"config", "print every setting and its source, secrets masked; 'config check' validates them", runConfig},
		{"healthcheck", "probe the running bot's /livez (the container health check)", runHealthcheck},
		{"version", "print the version", func(_ context.Context, _ []string, _ io.Reader, stdout, _ io.Writer) int {
			fmt.Fprintln(stdout, "advisorbot", version)
			return exitOK
		}},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return exitBadInput
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "advisorbot: unknown command %q; run 'advisorbot help' for the list\n", args[0])
	return exitBadInput
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "advisorbot: advice on how to automate a task, with the ROI of each approach.")
	fmt.Fprintln(w, "\nUsage: advisorbot <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'advisorbot <command> -h' for a command's flags.")
}
