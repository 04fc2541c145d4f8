package cli

import (
	"context"
	"flag"
	"time"

	"tend/backend/sqlite"
)

func exportCommand() *command {
	var format, since string
	return &command{
		name: "export",
		args: "messages|conversations|contacts [--format jsonl|csv] [--since TIME]\n\n" +
			"Writes every row, oldest first (id order), streaming from one snapshot of the workspace:\n" +
			"  messages       id, conversation_id, channel, platform, kind, thread, platform_message_id, direction,\n" +
			"                 author_contact_id, author_name, author_handle, text, sent_at, reply_to, intent, sentiment,\n" +
			"                 language, priority (triage columns are empty for outbound messages)\n" +
			"  conversations  id, channel, platform, kind, thread, contact_id, contact_name, status, assignee, priority,\n" +
			"                 intent, sentiment, language, tags, message_count, first_inbound_at, first_response_at,\n" +
			"                 resolved_at, last_message_at\n" +
			"  contacts       id, display_name, language, tags, influencer, vip, follower_count, identities,\n" +
			"                 automation_opt_out, fields\n" +
			"Times are RFC 3339 in UTC. jsonl writes one object per line with the keys in this order, null for no\n" +
			"value, tags as an array, identities as {platform, user_id, handle} objects and fields as an object. csv\n" +
			"(RFC 4180) has a header line; empty for no value, tags and identities (platform:user_id:handle) joined\n" +
			"with \";\", fields as a JSON object. Secrets are never exported.",
		summary: "write the inbox's messages, conversations or contacts to standard output as JSON lines or CSV",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&format, "format", sqlite.ExportJSONL, "write `FORMAT`: jsonl or csv")
			fs.StringVar(&since, "since", "", "messages only: those sent at or after `TIME`, RFC 3339 (2026-01-31T00:00:00Z)")
		},
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			if len(args) != 1 {
				return usagef("export takes what to export: messages, conversations or contacts (got %d argument(s))", len(args))
			}
			kind := args[0]
			if sqlite.CheckExportKind(kind) != nil {
				return usagef("unknown export %q: use messages, conversations or contacts", kind)
			}
			if sqlite.CheckExportFormat(format) != nil {
				return usagef("invalid --format %q: use jsonl or csv", format)
			}
			var from time.Time
			if since != "" {
				if kind != sqlite.ExportMessages {
					return usagef("--since applies to export messages only")
				}
				t, err := time.Parse(time.RFC3339, since)
				if err != nil {
					return usagef("invalid --since %q: use an RFC 3339 time such as 2026-01-31T00:00:00Z", since)
				}
				from = t
			}
			rt, err := c.Wire(ctx, g, "cli")
			if err != nil {
				return err
			}
			defer rt.Close()
			if err := openExistingWorkspace(ctx, rt, g); err != nil {
				return err
			}
			return sqlite.NewExportService(rt.Workspaces).Export(ctx, c.Stdout, kind, format, from)
		},
	}
}
