package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"

	"tend/backend"
	"tend/backend/event"
	"tend/backend/sqlite"
)

func syncCommand() *command {
	var account string
	var once bool
	return &command{
		name: "sync",
		args: "[--once [--account NAME]]\n\n" +
			"With --once: process the webhook deliveries waiting, sync the accounts that are due (or NAME now), print\n" +
			"\"NAME: N new messages, status STATUS\" per account and exit; exit 1 when an account needs a reconnect or\n" +
			"is in error. Without --once: sync every account on its schedule until interrupted (Ctrl-C), logging to\n" +
			"standard error. The desktop window and 'tend serve' sync by themselves: this is for headless machines.",
		summary: "fetch new messages from the connected accounts, once or until interrupted",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&once, "once", false, "sync once and exit instead of running until interrupted")
			fs.StringVar(&account, "account", "", "with --once: sync the account `NAME` now (whether due or not) and report on it only")
		},
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			if len(args) > 0 {
				return usagef("sync takes no arguments, got %q", args[0])
			}
			if account != "" && !once {
				return usagef("--account needs --once: the continuous sync runs every account")
			}
			rt, err := c.Wire(ctx, g, "cli")
			if err != nil {
				return err
			}
			defer rt.Close()
			if err := openExistingWorkspace(ctx, rt, g); err != nil {
				return err
			}
			if once {
				return syncOnce(ctx, c, rt, account)
			}
			return syncUntilInterrupted(ctx, rt)
		},
	}
}

// syncOnce processes the waiting webhooks and syncs the due accounts (name first, made due now)
// and reports what each account stored.
func syncOnce(ctx context.Context, c *Config, rt *Runtime, name string) error {
	counter := sqlite.NewExportService(rt.Workspaces)
	var only *backend.Account
	if name != "" {
		a, err := accountNamed(ctx, rt, name)
		if err != nil {
			return err
		}
		if _, err := rt.Accounts.SyncNow(ctx, a.ID); err != nil {
			return err
		}
		only = &a
	}
	mark, err := counter.LastMessageID(ctx)
	if err != nil {
		return err
	}
	if _, err := rt.Accounts.ProcessWebhooks(ctx); err != nil {
		return interrupted(ctx, err)
	}
	if _, err := rt.Accounts.SyncDue(ctx); err != nil {
		return interrupted(ctx, err)
	}
	if err := ctx.Err(); err != nil {
		return interrupted(ctx, err)
	}
	counts, err := counter.CountMessagesAfter(ctx, mark)
	if err != nil {
		return err
	}
	var list []backend.Account
	if only != nil {
		a, err := rt.Accounts.GetAccount(ctx, only.ID)
		if err != nil {
			return err
		}
		list = []backend.Account{a}
	} else if list, err = rt.Accounts.ListAccounts(ctx); err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(c.Stderr, "No account is connected: add one with 'tend accounts add'.")
		return nil
	}
	failed := 0
	for _, a := range list {
		n := 0
		for _, ch := range a.Channels {
			n += counts[ch]
		}
		noun := "messages"
		if n == 1 {
			noun = "message"
		}
		fmt.Fprintf(c.Stdout, "%s: %d new %s, status %s\n", a.Name, n, noun, a.Status)
		if a.Status == backend.AccountNeedsReconnect || a.Status == backend.AccountError {
			failed++
			if a.LastError != nil && a.LastError.Message != "" {
				fmt.Fprintf(c.Stderr, "tend: %s: %s\n", a.Name, a.LastError.Message)
			}
		}
	}
	if failed > 0 {
		return backend.Errorf(backend.EUNAVAILABLE, "%d account(s) need attention (see 'tend accounts list')", failed)
	}
	return nil
}

// interrupted turns an error caused by ctx ending into a plain message.
func interrupted(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return backend.Errorf(backend.EUNAVAILABLE, "Sync interrupted.")
	}
	return err
}

// syncUntilInterrupted runs the sync engine until ctx ends, logging what happens.
func syncUntilInterrupted(ctx context.Context, rt *Runtime) error {
	log := rt.Logger
	list, err := rt.Accounts.ListAccounts(ctx)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		log.Warn("no account is connected yet: add one with 'tend accounts add'; waiting")
	}
	sub := rt.Events.Subscribe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		logSyncEvents(sub, log)
	}()
	log.Info("sync started; press Ctrl-C to stop", "accounts", len(list))
	// Outbound too: the outbox drains through the connectors while syncing runs.
	var outbox *event.Subscription
	if rt.Replies != nil {
		outbox = rt.Events.Subscribe()
		go rt.Replies.Run(ctx, outbox.C, log)
	}
	rt.Accounts.RunSync(ctx, log)
	if outbox != nil {
		outbox.Close()
	}
	sub.Close()
	<-done
	log.Info("sync stopped")
	return nil
}

// logSyncEvents logs new messages, backfill progress and accounts' status changes until sub
// closes.
func logSyncEvents(sub *event.Subscription, log *slog.Logger) {
	status := map[int64]backend.AccountStatus{}
	for e := range sub.C {
		switch p := e.Payload.(type) {
		case backend.MessageReceivedEvent:
			log.Info("new messages", "count", p.Count, "conversations", len(p.ConversationIDs))
		case backend.Account:
			if e.Name == backend.EventSyncProgress && p.Backfill != nil {
				log.Info("backfill", "account", p.Name, "done", p.Backfill.Done, "total", p.Backfill.Total)
			}
			if before, seen := status[p.ID]; seen && before == p.Status {
				continue
			}
			status[p.ID] = p.Status
			switch p.Status {
			case backend.AccountActive, backend.AccountPaused:
				log.Info("account", "name", p.Name, "status", p.Status)
			default:
				msg := ""
				if p.LastError != nil {
					msg = p.LastError.Message
				}
				log.Warn("account", "name", p.Name, "status", p.Status, "error", msg)
			}
		}
	}
}
