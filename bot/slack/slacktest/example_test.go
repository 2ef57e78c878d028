package slacktest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

// A bot under test connects with the real slack-go client; the test plays
// the user through the fake and reads what the bot said.
func Example() {
	fake := slacktest.New(slacktest.Config{})
	defer fake.Close()
	api := slack.New(fake.BotToken(), slack.OptionAPIURL(fake.APIURL()), slack.OptionAppLevelToken(fake.AppToken()))
	client := socketmode.New(api)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	go func() { _ = client.RunContext(ctx) }()
	go func() { // a toy bot: ack, then echo
		for evt := range client.Events {
			if evt.Type == socketmode.EventTypeEventsAPI {
				_ = client.Ack(*evt.Request)
				_, _, _ = client.PostMessage(fake.DMChannel("U1"), slack.MsgOptionText("echo", false))
			}
		}
	}()

	if _, err := fake.WaitConnection(ctx, 1); err != nil {
		fmt.Println(err)
		return
	}
	env := fake.DM("U1", "hello")
	_ = fake.Send(env)
	_, _ = fake.WaitAck(ctx, env.EnvelopeID)
	_ = fake.Await(ctx, func() bool { return len(fake.Messages(fake.DMChannel("U1"))) == 2 })
	for _, m := range fake.Messages(fake.DMChannel("U1")) {
		fmt.Println(m.User, m.Text)
	}
	// Output:
	// U1 hello
	// U0BOT echo
}
