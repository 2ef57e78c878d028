package slack_test

import (
	"context"
	"testing"

	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
)

// serve runs the real adapter for eng against fake until the test ends,
// once connected; edit may adjust its config. The returned context ends
// when the server is stopped, first thing at cleanup.
func serve(t testing.TB, fake *slacktest.Fake, eng slack.Engine, st store.Store, edit func(*slack.Config)) context.Context {
	t.Helper()
	cfg := slack.Config{AppToken: fake.AppToken(), BotToken: fake.BotToken(), APIURL: fake.APIURL()}
	if edit != nil {
		edit(&cfg)
	}
	ad, err := slack.New(quiet(), cfg, eng, st)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ad.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	if _, err := fake.WaitConnection(ctx, 1); err != nil {
		t.Fatal(err)
	}
	return ctx
}
