// Package demo loads the demo workspace shipped in assets/demo into an open workspace: settings,
// sandbox channels, contacts and about 300 conversations whose times are relative to the moment
// of loading, so that SLA countdowns are live.
package demo

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"time"

	"tend/backend"
)

// Name is the workspace `tend demo` creates or resets.
const Name = "demo"

// SettingsWriter replaces every setting of a workspace at once.
type SettingsWriter interface {
	SetDefaults(ctx context.Context, s backend.Settings) error
}

// Summary says what Load created.
type Summary struct {
	Channels      int
	Contacts      int
	Conversations int
	Messages      int
}

type channelFile struct {
	Key      string `json:"key"`
	Platform string `json:"platform"`
	Account  string `json:"account"`
	Name     string `json:"name"`
}

type contactFile struct {
	Name       string   `json:"name"`
	Language   string   `json:"language"`
	Tags       []string `json:"tags"`
	Influencer bool     `json:"influencer"`
	VIP        bool     `json:"vip"`
	Followers  *int64   `json:"followers"`
	Identities []struct {
		Platform string  `json:"platform"`
		UserID   string  `json:"user_id"`
		Handle   *string `json:"handle"`
	} `json:"identities"`
}

type conversationLine struct {
	Channel  string                   `json:"channel"`
	Kind     backend.ConversationKind `json:"kind"`
	Thread   string                   `json:"thread"`
	Post     *backend.Post            `json:"post"`
	Status   string                   `json:"status"`
	Snooze   string                   `json:"snooze"`
	Assignee string                   `json:"assignee"`
	Tags     []string                 `json:"tags"`
	Messages []struct {
		ID      string `json:"id"`
		From    string `json:"from"`
		Text    string `json:"text"`
		Ago     string `json:"ago"`
		ReplyTo string `json:"reply_to"`
	} `json:"messages"`
}

// ingestBatch keeps each Ingest call well under backend.MaxIngestBatch.
const ingestBatch = 2000

// Load fills the open workspace from the demo files in fsys, with message times relative to now.
func Load(ctx context.Context, fsys fs.FS, settings SettingsWriter, inbox backend.InboxService, now time.Time) (Summary, error) {
	var sum Summary
	var s backend.Settings
	if err := decode(fsys, "settings.json", &s); err != nil {
		return sum, err
	}
	if err := settings.SetDefaults(ctx, s); err != nil {
		return sum, err
	}

	var channelList []channelFile
	if err := decode(fsys, "channels.json", &channelList); err != nil {
		return sum, err
	}
	channels := map[string]backend.Channel{}
	for _, c := range channelList {
		created, err := inbox.CreateChannel(ctx, backend.Channel{Platform: c.Platform, Account: c.Account, Name: c.Name, Kind: backend.ChannelSandbox})
		if err != nil {
			return sum, fmt.Errorf("demo channel %s: %w", c.Key, err)
		}
		channels[c.Key] = created
	}
	sum.Channels = len(channels)

	var contacts map[string]contactFile
	if err := decode(fsys, "contacts.json", &contacts); err != nil {
		return sum, err
	}
	for key, c := range contacts {
		contact := backend.Contact{DisplayName: c.Name, Language: c.Language, Tags: c.Tags, Influencer: c.Influencer,
			VIP: c.VIP, FollowerCount: c.Followers}
		for _, id := range c.Identities {
			contact.Identities = append(contact.Identities, backend.Identity{Platform: id.Platform, PlatformUserID: id.UserID,
				Handle: deref(id.Handle), DisplayName: c.Name})
		}
		if _, err := inbox.CreateContact(ctx, contact); err != nil {
			return sum, fmt.Errorf("demo contact %s: %w", key, err)
		}
	}
	sum.Contacts = len(contacts)

	conversations, err := readConversations(fsys)
	if err != nil {
		return sum, err
	}
	var batch []backend.IncomingMessage
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := inbox.Ingest(ctx, batch)
		batch = batch[:0]
		return err
	}
	for n, conv := range conversations {
		messages, err := incoming(conv, channels, contacts, now)
		if err != nil {
			return sum, fmt.Errorf("conversations.jsonl line %d: %w", n+1, err)
		}
		if len(batch)+len(messages) > ingestBatch {
			if err := flush(); err != nil {
				return sum, err
			}
		}
		batch = append(batch, messages...)
		sum.Messages += len(messages)
	}
	if err := flush(); err != nil {
		return sum, err
	}
	sum.Conversations = len(conversations)
	return sum, applyStates(ctx, inbox, conversations, channels, now)
}

func readConversations(fsys fs.FS) ([]conversationLine, error) {
	raw, err := fs.ReadFile(fsys, "conversations.jsonl")
	if err != nil {
		return nil, backend.Wrap(backend.EINTERNAL, err, "The demo file conversations.jsonl is missing.")
	}
	var out []conversationLine
	lines := bufio.NewScanner(bytes.NewReader(raw))
	lines.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for n := 1; lines.Scan(); n++ {
		if len(bytes.TrimSpace(lines.Bytes())) == 0 {
			continue
		}
		var c conversationLine
		dec := json.NewDecoder(bytes.NewReader(lines.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, backend.Wrap(backend.EINTERNAL, err, "conversations.jsonl line %d is invalid.", n)
		}
		out = append(out, c)
	}
	return out, lines.Err()
}

// incoming turns one demo conversation into the messages a connector would deliver.
func incoming(c conversationLine, channels map[string]backend.Channel, contacts map[string]contactFile, now time.Time) ([]backend.IncomingMessage, error) {
	channel, ok := channels[c.Channel]
	if !ok {
		return nil, fmt.Errorf("unknown channel %q", c.Channel)
	}
	var out []backend.IncomingMessage
	for _, m := range c.Messages {
		ago, err := parseAgo(m.Ago)
		if err != nil {
			return nil, fmt.Errorf("message %s: %w", m.ID, err)
		}
		msg := backend.IncomingMessage{ChannelID: channel.ID, Kind: c.Kind, PlatformMessageID: m.ID, ThreadKey: c.Thread,
			Post: c.Post, Direction: backend.DirectionOut, Text: m.Text, SentAt: now.Add(-ago), ReplyTo: m.ReplyTo}
		if m.From != "brand" {
			contact, ok := contacts[m.From]
			if !ok {
				return nil, fmt.Errorf("message %s: unknown contact %q", m.ID, m.From)
			}
			identity := -1
			for i, id := range contact.Identities {
				if id.Platform == channel.Platform {
					identity = i
				}
			}
			if identity < 0 {
				return nil, fmt.Errorf("message %s: contact %q has no %s identity", m.ID, m.From, channel.Platform)
			}
			id := contact.Identities[identity]
			msg.Direction = backend.DirectionIn
			msg.Author = backend.Author{PlatformUserID: id.UserID, Handle: deref(id.Handle), DisplayName: contact.Name}
		}
		out = append(out, msg)
	}
	return out, nil
}

// applyStates gives the conversations the status, assignee and tags the demo file says.
func applyStates(ctx context.Context, inbox backend.InboxService, conversations []conversationLine, channels map[string]backend.Channel, now time.Time) error {
	ids := map[[2]string]int64{}
	f := backend.ConversationFilter{Limit: 200}
	for {
		page, err := inbox.ListConversations(ctx, f)
		if err != nil {
			return err
		}
		for _, c := range page.Conversations {
			ids[[2]string{strconv.FormatInt(c.ChannelID, 10), c.ThreadKey}] = c.ID
		}
		if page.NextCursor == "" {
			break
		}
		f.Cursor = page.NextCursor
	}
	for _, c := range conversations {
		id := ids[[2]string{strconv.FormatInt(channels[c.Channel].ID, 10), c.Thread}]
		var upd backend.ConversationUpdate
		if c.Status != "" && c.Status != backend.StatusOpen {
			status := c.Status
			upd.Status = &status
			if status == backend.StatusSnoozed {
				d, err := parseAgo(c.Snooze)
				if err != nil {
					return fmt.Errorf("thread %s snooze: %w", c.Thread, err)
				}
				until := now.Add(d)
				upd.SnoozedUntil = &until
			}
		}
		if c.Assignee != "" {
			upd.Assignee = &c.Assignee
		}
		upd.AddTags = c.Tags
		if upd.Status == nil && upd.Assignee == nil && len(upd.AddTags) == 0 {
			continue
		}
		if _, err := inbox.UpdateConversations(ctx, []int64{id}, upd); err != nil {
			return fmt.Errorf("thread %s: %w", c.Thread, err)
		}
	}
	return nil
}

var agoPattern = regexp.MustCompile(`^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$`)

// parseAgo reads "2d4h", "3h20m", "45s": days, hours, minutes and seconds, each optional.
func parseAgo(s string) (time.Duration, error) {
	parts := agoPattern.FindStringSubmatch(s)
	if s == "" || parts == nil {
		return 0, fmt.Errorf("invalid duration %q (want e.g. 2d4h, 3h20m, 45s)", s)
	}
	var d time.Duration
	for i, unit := range []time.Duration{24 * time.Hour, time.Hour, time.Minute, time.Second} {
		if parts[i+1] != "" {
			n, _ := strconv.Atoi(parts[i+1])
			d += time.Duration(n) * unit
		}
	}
	return d, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// decode reads one JSON demo file strictly: a typo in a shipped file must fail the tests.
func decode(fsys fs.FS, name string, v any) error {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return backend.Wrap(backend.EINTERNAL, err, "The demo file %s is missing.", name)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return backend.Wrap(backend.EINTERNAL, fmt.Errorf("%s: %w", name, err), "The demo file %s is invalid.", name)
	}
	return nil
}
