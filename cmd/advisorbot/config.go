package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/openai"
	"github.com/advisorbot/advisorbot/bot/llm/redact"
	"github.com/advisorbot/advisorbot/bot/slack"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/teams"
)

// setting is one environment setting, for `advisorbot config`.
type setting struct {
	name, def string
	secret    bool
}

// settings lists every setting advisorbot reads (TestSettingsDocumented
// keeps it, the README and .env.example in step with the code).
var settings = []setting{
	{"SLACK_APP_TOKEN", "", true}, {"SLACK_BOT_TOKEN", "", true}, {"SLACK_API_URL", slack.DefaultAPIURL, false},
	{"ALLOWED_CHANNELS", "", false}, {"ALLOWED_USERS", "", false}, {"ADMIN_USERS", "", false},
	{"HTTP_ADDR", defaultHTTPAddr, false}, {"LOG_FORMAT", "json", false}, {"LOG_LEVEL", "info", false},
	{"DATA_DIR", "", false}, {"ASSUMPTIONS_FILE", "", false}, {"RETENTION_DAYS", "365", false}, {"MIN_FREE_SPACE", badgerstore.DefaultMinFree.String(), false}, {"ADVISORBOT_USER", "", false},
	{"BACKUP_DIR", "", false}, {"BACKUP_INTERVAL", defaultBackupInterval.String(), false}, {"BACKUP_KEEP", strconv.Itoa(defaultBackupKeep), false},
	{"SUMMARY_CHANNEL", "", false}, {"SUMMARY_SCHEDULE", summary.DefaultSchedule, false}, {"SUMMARY_TZ", "UTC", false},
	{"SUMMARY_GRACE", summary.DefaultGrace.String(), false},
	{"FOLLOWUP_ENABLED", "false", false}, {"FOLLOWUP_DAYS", "30,90", false}, {"FOLLOWUP_QUIET_HOURS", "18-9", false}, {"FOLLOWUP_TZ", "UTC", false},
	{"OPENAI_API_KEY", "", true}, {"OPENAI_BASE_URL", openai.DefaultBaseURL, false}, {"OPENAI_MODEL", openai.DefaultModel, false},
	{"OPENAI_API_TYPE", "openai", false}, {"OPENAI_API_VERSION", openai.DefaultAzureAPIVersion, false}, {"OPENAI_DEPLOYMENT", "", false},
	{"OPENAI_MAX_RETRIES", strconv.Itoa(openai.DefaultMaxRetries), false}, {"OPENAI_IDLE_TIMEOUT", openai.DefaultIdleTimeout.String(), false},
	{"MODEL_CONCURRENCY", strconv.Itoa(llm.DefaultConcurrent), false}, {"MODEL_TIMEOUT", llm.DefaultTimeout.String(), false},
	{"MAX_MESSAGE_BYTES", strconv.Itoa(bot.DefaultLimits().MessageBytes), false}, {"MAX_TURNS", strconv.Itoa(bot.DefaultLimits().Turns), false},
	{"USER_DAILY_BYTES", strconv.Itoa(bot.DefaultLimits().DailyBytes), false}, {"USER_MESSAGES_PER_MINUTE", strconv.Itoa(bot.DefaultLimits().PerMinute), false},
	{"USER_MESSAGE_BURST", strconv.Itoa(bot.DefaultLimits().Burst), false},
	{"REDACT_PATTERNS", "", true},
	{"MICROSOFT_APP_ID", "", false}, {"MICROSOFT_APP_PASSWORD", "", true}, {"MICROSOFT_APP_CERTIFICATE", "", false},
	{"MICROSOFT_APP_TENANT_ID", "", false}, {"TEAMS_ADDR", teams.DefaultAddr, false}, {"TEAMS_ALLOWED_USERS", "", false}, {"TEAMS_ALLOWED_CHANNELS", "", false}, {"TEAMS_ADMIN_USERS", "", false},
	{"TEAMS_SUMMARY_CHANNEL", "", false}, {"TEAMS_OPENID_METADATA_URL", teams.DefaultMetadataURL, false},
	{"TEAMS_TOKEN_URL", "", false}, {"TEAMS_CONNECTOR_URL", "", false}, {"TEAMS_MAX_CONCURRENT", strconv.Itoa(teams.DefaultMaxConcurrent), false},
}

// env is the settings as the program sees them: the process environment
// over an optional env file (as `docker run --env-file` would apply it).
type env struct {
	file map[string]string
}

func (e env) lookup(k string) (value, source string, ok bool) {
	if v, ok := os.LookupEnv(k); ok {
		return v, "environment", true
	}
	if v, ok := e.file[k]; ok {
		return v, "file", true
	}
	return "", "default", false
}

func (e env) get(k string) string { v, _, _ := e.lookup(k); return v }

// readEnvFile reads NAME=value lines; # starts a comment line.
func readEnvFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || !settingName(k) {
			return nil, fmt.Errorf("%s:%d: write NAME=value, e.g. LOG_LEVEL=info", path, n)
		}
		out[k] = v
	}
	return out, sc.Err()
}

func settingName(s string) bool {
	for i, r := range s {
		if !(r >= 'A' && r <= 'Z' || r == '_' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// knownPrefixes name a token's kind without revealing any of it.
var knownPrefixes = []string{"xoxb-", "xapp-", "xoxp-", "sk-"}

// mask shows that a secret is set, and its kind when it has a well-known
// prefix, never any of its value.
func mask(v string) string {
	if v == "" {
		return ""
	}
	for _, p := range knownPrefixes {
		if strings.HasPrefix(v, p) {
			return p + "****"
		}
	}
	return "****"
}

// shown is a setting's value as printed: secrets masked, and credentials
// in URLs (https://user:pass@host) hidden.
func shown(s setting, v string) string {
	if s.secret {
		return mask(v)
	}
	if strings.HasSuffix(s.name, "_URL") {
		if u, err := url.Parse(v); err == nil && u.User != nil {
			return u.Redacted()
		}
	}
	return v
}

// runConfig implements `advisorbot config [check] [--env-file FILE]`; the
// flags may come before or after the word check.
func runConfig(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("config", flag.ContinueOnError)
	fs.SetOutput(stderr)
	envFile := fs.String("env-file", "", "also read settings from this NAME=value `file` (the environment wins)")
	check := false
	for {
		if err := fs.Parse(args); err != nil {
			return usageExit(err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] != "check" || check {
			fmt.Fprintf(stderr, "config: unexpected argument %q; the only subcommand is check\n", args[0])
			return exitBadInput
		}
		check, args = true, args[1:]
	}
	var e env
	if *envFile != "" {
		m, err := readEnvFile(*envFile)
		if err != nil {
			fmt.Fprintf(stderr, "config: %v\n", err)
			return exitBadInput
		}
		e.file = m
	}
	if !check {
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SETTING\tVALUE\tSOURCE")
		for _, s := range settings {
			v, src, ok := e.lookup(s.name)
			if !ok {
				v = s.def
				if s.name == "DATA_DIR" {
					v = defaultDataDir(e.get)
				}
			} else {
				v = shown(s, v)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", s.name, v, src)
		}
		tw.Flush()
		return exitOK
	}
	problems := checkSettings(e.get)
	for _, p := range problems {
		fmt.Fprintln(stderr, p)
	}
	if len(problems) > 0 {
		return exitBadInput
	}
	fmt.Fprintln(stdout, "config: all settings are valid")
	return exitOK
}

// checkSettings validates every setting as start-up would, without
// starting anything, and returns one line per problem.
func checkSettings(getenv func(string) string) []string {
	var out []string
	add := func(prefix string, err error) {
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				out = append(out, prefix+line)
			}
		}
	}
	// Each platform is checked when it is configured, and Slack also when
	// neither is (it was the only one before Teams).
	teamsOn := teams.Configured(getenv)
	if slackConfigured(getenv) || !teamsOn {
		_, err := slack.ConfigFromEnv(getenv)
		add("slack: ", err)
	}
	if teamsOn {
		_, err := teams.ConfigFromEnv(getenv)
		add("teams: ", err)
	}
	var err error
	_, _, err = openai.ConfigFromEnv(getenv)
	add("model: ", err)
	_, err = modelLimits(getenv)
	add("model: ", err)
	_, err = redact.New(redactPatterns(getenv("REDACT_PATTERNS"))...)
	add("REDACT_PATTERNS: ", err)
	_, err = retentionDays(getenv)
	add("", err)
	_, err = assumptionsFromEnv(getenv)
	add("", err)
	_, err = minFree(getenv)
	add("", err)
	_, err = serverLogger(io.Discard, getenv)
	add("", err)
	if a := strings.TrimSpace(getenv("HTTP_ADDR")); a != "" {
		if _, _, err := net.SplitHostPort(a); err != nil {
			out = append(out, fmt.Sprintf("HTTP_ADDR=%q: write it as host:port or :port, e.g. :8080", a))
		}
	}
	if getenv("SUMMARY_CHANNEL") != "" || getenv("TEAMS_SUMMARY_CHANNEL") != "" {
		_, err = summary.ParseSchedule(getenv("SUMMARY_SCHEDULE"), getenv("SUMMARY_TZ"))
		add("", err)
		_, err = summaryGrace(getenv("SUMMARY_GRACE"))
		add("", err)
	}
	_, err = backupSettings(getenv)
	add("", err)
	_, err = followupFromEnv(getenv)
	add("", err)
	return out
}
