package cli

import (
	"context"
	"fmt"
	"time"

	"tend/backend"
	"tend/backend/demo"
)

func demoCommand() *command {
	return &command{
		name:    "demo",
		summary: `create or reset the workspace "demo" with sample data`,
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			if len(args) > 0 {
				return usagef("demo takes no arguments, got %q", args[0])
			}
			if g.DB != "" || (g.Workspace != "" && g.Workspace != demo.Name) {
				return usagef("demo always writes the workspace %q: drop --db and --workspace", demo.Name)
			}
			rt, err := c.Wire(ctx, g, "cli")
			if err != nil {
				return err
			}
			defer rt.Close()
			err = rt.Workspaces.DeleteWorkspace(ctx, demo.Name, demo.Name)
			if err != nil && backend.ErrorCode(err) != backend.ENOTFOUND {
				return err
			}
			ws, err := rt.Workspaces.Start(ctx, demo.Name, "")
			if err != nil {
				return err
			}
			now := time.Now()
			sum, err := demo.Load(ctx, c.Demo, rt.Settings, rt.Inbox, now)
			if err != nil {
				return err
			}
			replies, err := demo.LoadReplies(ctx, c.Demo, rt.Replies, rt.Replies, rt.Inbox, now)
			if err != nil {
				return err
			}
			creators, err := demo.LoadCreators(ctx, c.Demo, rt.Creators, now)
			if err != nil {
				return err
			}
			plan, err := demo.LoadCalendar(ctx, c.Demo, rt.Calendar, now, creators.IDs)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.Stdout, "Demo workspace ready at %s: %d channels, %d contacts, %d conversations, %d messages, %d replies (%d sent to sandbox channels), "+
				"%d planned posts, %d creators\nOpen it with: tend --workspace %s\n", ws.Path, sum.Channels, sum.Contacts, sum.Conversations, sum.Messages,
				replies.Replies, replies.Sent, plan.Posts, creators.Creators, demo.Name)
			return nil
		},
	}
}
