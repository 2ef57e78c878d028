package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/terminal"
)

// storeFlags are the flags every command on the store shares.
type storeFlags struct {
	dataDir string
	user    string
}

func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dataDir, "data-dir", defaultDataDir(os.Getenv), "`directory` of the data (env DATA_DIR)")
	fs.StringVar(&f.user, "user", defaultUser(os.Getenv), "the `name` of the person")
}

func (f *storeFlags) appConfig(stderr io.Writer) (appConfig, bool) {
	days, err1 := retentionDays(os.Getenv)
	free, err2 := minFree(os.Getenv)
	if err := errors.Join(err1, err2); err != nil {
		fmt.Fprintln(stderr, err)
		return appConfig{}, false
	}
	return appConfig{dataDir: f.dataDir, retentionDays: days, minFree: free, getenv: os.Getenv}, true
}

// runChat implements `advisorbot chat [--data-dir DIR] [--user NAME]`: the
// conversation engine over standard input and output.
func runChat(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "chat: unexpected argument %q; type your description once the chat starts\n", fs.Arg(0))
		return exitBadInput
	}
	cfg, ok := sf.appConfig(stderr)
	if !ok {
		return exitBadInput
	}
	lg := cliLogger(stderr)
	app, err := openApp(lg, cfg)
	if errors.Is(err, bot.ErrSettings) {
		fmt.Fprintf(stderr, "chat: %v\n", err)
		return exitBadInput
	}
	if err != nil {
		msg, code := storeProblem(cfg.dataDir, err)
		fmt.Fprintf(stderr, "chat: %s\n", msg)
		return code
	}
	defer app.Close()
	if app.lang.model == nil {
		fmt.Fprintln(stdout, "(No language model configured: explanations are rule-written. Set OPENAI_API_KEY to use one. Type \"quit\" to leave.)")
	}
	s := terminal.New(terminal.Config{User: sf.user, Out: stdout, Prompt: isTerminal(stdin)}, app.Engine)
	if fc, err := followupFromEnv(cfg.getenv); err != nil {
		fmt.Fprintf(stderr, "chat: %v\n", err)
		return exitBadInput
	} else if fc.Enabled {
		// Follow-ups due for the person at the terminal come first.
		fc.Present, fc.Owner = true, sf.user
		f := &bot.Followups{Engine: app.Engine, Store: app.Store, Config: fc, Log: lg,
			Couriers: map[string]bot.Courier{"terminal": s}, Clock: systemClock{cfg.now}}
		if _, err := f.Pass(ctx); err != nil {
			lg.Warn("chat: follow-ups", "err", err)
		}
	}
	if err := s.Run(ctx, stdin); err != nil && ctx.Err() == nil {
		fmt.Fprintf(stderr, "chat: %v\n", err)
		return exitInternal
	}
	return exitOK
}

// isTerminal reports whether r is a terminal a person types into, so the
// prompt is shown there but not in piped input.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
