package cli_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"tend/backend/connector/telegram/telegramtest"
)

// queueDM queues private messages from a Telegram user on the fake server.
func (a *app) queueDM(userID int64, name string, texts ...string) {
	for _, text := range texts {
		a.tg.Queue(telegramtest.Update{Message: &telegramtest.Message{
			MessageID: int64(len(a.tg.Pending())+1) + userID*1000,
			From:      &telegramtest.User{ID: userID, FirstName: name},
			Chat:      telegramtest.Chat{ID: userID, Type: telegramtest.Private, FirstName: name},
			Date:      time.Now().Unix(),
			Text:      text,
		}})
	}
}

func TestSyncUsage(t *testing.T) {
	expect(t, tend(t, "", "sync", "--help"), 0, "", "tend sync [flags] [--once [--account NAME]]")
	a := newApp(t)
	expect(t, a.run("", "sync", "now"), 2, "", `sync takes no arguments, got "now"`)
	expect(t, a.run("", "sync", "--account", "bot"), 2, "", "--account needs --once")
	expect(t, a.run("", "--workspace", "nope", "sync", "--once"), 1, "", `There is no workspace named "nope".`)
	expect(t, a.run("", "workspace", "create", "default"), 0, "Created workspace", "")
	r := a.run("", "sync", "--once")
	expect(t, r, 0, "", "No account is connected: add one with 'tend accounts add'.")
	if r.stdout != "" {
		t.Fatalf("stdout %q", r.stdout)
	}
}

func TestSyncOnce(t *testing.T) {
	a := newApp(t)
	a.connect()
	expect(t, a.run("", "sync", "--once", "--account", "nope"), 1, "", `There is no account named "nope"`)

	a.queueDM(42, "Julie", "Bonjour !", "Ma commande n'est pas arrivée.")
	expect(t, a.run("", "sync", "--once"), 0, "bot: 2 new messages, status active\n", "")
	// Not due again for a minute: nothing is fetched…
	a.queueDM(43, "Marc", "Vous livrez en Belgique ?")
	expect(t, a.run("", "sync", "--once"), 0, "bot: 0 new messages, status active\n", "")
	// …unless asked for by name.
	expect(t, a.run("", "sync", "--once", "--account", "bot"), 0, "bot: 1 new message, status active\n", "")
	expect(t, a.run("", "sync", "--once", "--account", "bot"), 0, "bot: 0 new messages, status active\n", "")

	// The messages are in the inbox.
	r := a.run("", "export", "messages", "--format", "csv")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 4 || !strings.Contains(r.stdout, "Vous livrez en Belgique ?") {
		t.Fatalf("export after sync: %+v", r)
	}

	// A revoked token: the account needs a reconnect, and the sync exits 1 saying so.
	a.tg.Fail(telegramtest.Failure{Status: http.StatusUnauthorized, Description: telegramtest.DescUnauthorized}.Repeat(-1))
	r = a.run("", "sync", "--once", "--account", "bot")
	expect(t, r, 1, "bot: 0 new messages, status needs_reconnect\n", "tend: bot: Telegram refused the bot token")
	expect(t, r, 1, "", "1 account(s) need attention")
	expect(t, a.run("", "sync", "--once"), 1, "bot: 0 new messages, status needs_reconnect\n", "need attention")
	expect(t, a.run("", "sync", "--once", "--account", "bot"), 1, "", "The account is needs reconnect: reconnect it first.")
	expect(t, a.run("", "accounts", "list"), 0, "needs_reconnect", "")

	// A paused account is reported, and is not a failure.
	expect(t, a.run("", "accounts", "pause", "bot"), 0, "status paused", "")
	expect(t, a.run("", "sync", "--once"), 0, "bot: 0 new messages, status paused\n", "")
}

func TestSyncUntilInterrupted(t *testing.T) {
	a := newApp(t)
	a.connect()
	a.queueDM(42, "Julie", "Bonjour !", "Vous êtes ouverts dimanche ?")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	exit := make(chan int, 1)
	go func() { exit <- a.exec(ctx, "", &stdout, &stderr, "sync") }()

	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stderr.String(), "new messages") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-exit:
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("sync did not stop when interrupted")
	}
	log := stderr.String()
	for _, want := range []string{"sync started", "accounts=1", "new messages", "count=2", "sync stopped"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
	if stdout.String() != "" {
		t.Errorf("stdout %q", stdout.String())
	}
	r := a.run("", "export", "messages")
	if strings.Count(r.stdout, "\n") != 2 {
		t.Fatalf("messages after the sync: %s", r.stdout)
	}
}
