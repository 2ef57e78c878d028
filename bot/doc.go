// Package bot will hold advisorbot's platform-neutral conversation engine:
// inbound events in, outbound messages out, one ordered flow per
// conversation (describe, ask, recommend, explain, feedback). Platform
// adapters (Slack, Teams, the terminal) live in subpackages and speak to it
// in the domain types of package advisor.
//
// It is empty until the conversation engine lands; the directory exists now
// because the repository's top-level layout is fixed.
package bot
