package demo

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"tend/backend"
)

// ReplyWorker is the part of the reply service's worker the demo drives: autopilot's pass over new
// messages and the outbox.
type ReplyWorker interface {
	HandleInbound(ctx context.Context) (int, error)
	SendDue(ctx context.Context) (int, error)
}

// RepliesSummary says what LoadReplies created.
type RepliesSummary struct {
	Replies int
	Sent    int
}

type repliesFile struct {
	Replies []struct {
		Channel string `json:"channel"`
		Thread  string `json:"thread"`
		Text    string `json:"text"`
		Then    string `json:"then"` // send, pending, approve, reject
		Edit    string `json:"edit"`
		Note    string `json:"note"`
		Reason  string `json:"reason"`
	} `json:"replies"`
	Autopilot struct {
		Note    string                   `json:"note"`
		Channel string                   `json:"channel"`
		Kind    backend.ConversationKind `json:"kind"`
		Thread  string                   `json:"thread"`
		From    string                   `json:"from"`
		Text    string                   `json:"text"`
		Ago     string                   `json:"ago"`
	} `json:"autopilot"`
}

// LoadReplies gives the demo workspace (after Load) a reply history made through the real services,
// so that its audit trail is a real chain: sent, pending, edited-then-approved and rejected
// replies, the confirmation of a contact's STOP, and one automated reply sampled for review.
func LoadReplies(ctx context.Context, fsys fs.FS, replies backend.ReplyService, worker ReplyWorker, inbox backend.InboxService, now time.Time) (RepliesSummary, error) {
	var sum RepliesSummary
	var file repliesFile
	if err := decode(fsys, "replies.json", &file); err != nil {
		return sum, err
	}
	// Autopilot has no rule yet: this pass marks the demo's history as seen, never to be answered.
	if _, err := worker.HandleInbound(ctx); err != nil {
		return sum, err
	}
	conversations, channels, err := index(ctx, inbox)
	if err != nil {
		return sum, err
	}
	for i, step := range file.Replies {
		conv, ok := conversations[threadKey{step.Channel, step.Thread}]
		if !ok {
			return sum, fmt.Errorf("replies.json reply %d: no conversation %s/%s", i+1, step.Channel, step.Thread)
		}
		if err := play(ctx, replies, conv, step.Text, step.Then, step.Edit, step.Note, step.Reason); err != nil {
			return sum, fmt.Errorf("replies.json reply %d: %w", i+1, err)
		}
		sum.Replies++
	}

	// One automated reply, sampled for review: autopilot answers a fresh message while sampling
	// everything, then the policy goes back to the defaults.
	a := file.Autopilot
	ch, ok := channels[a.Channel]
	if !ok {
		return sum, fmt.Errorf("replies.json autopilot: unknown channel %q", a.Channel)
	}
	ago, err := parseAgo(a.Ago)
	if err != nil {
		return sum, err
	}
	identity, err := contactIdentity(ctx, inbox, conversations[threadKey{a.Channel, a.Thread}])
	if err != nil {
		return sum, err
	}
	defaults, err := replies.GetReplySettings(ctx)
	if err != nil {
		return sum, err
	}
	sampling := defaults
	sampling.Policy.QASampleRate = 1
	sampling.Policy.Autopilot = nil
	for _, intent := range []backend.Intent{backend.IntentSale, backend.IntentSupport, backend.IntentOther} {
		sampling.Policy.Autopilot = append(sampling.Policy.Autopilot, backend.AutopilotRule{Intent: intent, Platform: ch.Platform})
	}
	if _, err := replies.UpdateReplySettings(ctx, sampling); err != nil {
		return sum, err
	}
	if _, err := inbox.Ingest(ctx, []backend.IncomingMessage{{ChannelID: ch.ID, Kind: a.Kind, PlatformMessageID: "demo-autopilot-1",
		ThreadKey: a.Thread, Direction: backend.DirectionIn, Author: identity, Text: a.Text, SentAt: now.Add(-ago)}}); err != nil {
		return sum, err
	}
	made, err := worker.HandleInbound(ctx)
	if err != nil {
		return sum, err
	}
	if made != 1 {
		return sum, fmt.Errorf("replies.json autopilot: autopilot made %d replies, want 1", made)
	}
	sum.Replies += made
	if _, err := replies.UpdateReplySettings(ctx, defaults); err != nil {
		return sum, err
	}
	if sum.Sent, err = worker.SendDue(ctx); err != nil {
		return sum, err
	}
	return sum, nil
}

type threadKey struct{ platform, thread string }

// index maps the open workspace's conversations by platform and thread, and its channels by platform.
func index(ctx context.Context, inbox backend.InboxService) (map[threadKey]int64, map[string]backend.Channel, error) {
	conversations := map[threadKey]int64{}
	f := backend.ConversationFilter{Statuses: []string{backend.StatusOpen, backend.StatusPending, backend.StatusSnoozed, backend.StatusResolved}, Limit: 200}
	for {
		page, err := inbox.ListConversations(ctx, f)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range page.Conversations {
			conversations[threadKey{c.Platform, c.ThreadKey}] = c.ID
		}
		if page.NextCursor == "" {
			break
		}
		f.Cursor = page.NextCursor
	}
	list, err := inbox.ListChannels(ctx)
	if err != nil {
		return nil, nil, err
	}
	channels := map[string]backend.Channel{}
	for _, c := range list {
		channels[c.Platform] = c
	}
	return conversations, channels, nil
}

// contactIdentity returns the author identity of a conversation's contact on its platform.
func contactIdentity(ctx context.Context, inbox backend.InboxService, conv int64) (backend.Author, error) {
	detail, err := inbox.GetConversation(ctx, conv)
	if err != nil {
		return backend.Author{}, err
	}
	if detail.Contact == nil {
		return backend.Author{}, fmt.Errorf("conversation %d has no contact", conv)
	}
	for _, id := range detail.Contact.Identities {
		if id.Platform == detail.Conversation.Platform {
			return backend.Author{PlatformUserID: id.PlatformUserID, Handle: id.Handle, DisplayName: detail.Contact.DisplayName}, nil
		}
	}
	return backend.Author{}, fmt.Errorf("conversation %d: the contact has no %s identity", conv, detail.Conversation.Platform)
}

// play drafts text in conversation conv and takes it where then says.
func play(ctx context.Context, replies backend.ReplyService, conv int64, text, then, edit, note, reason string) error {
	d, err := replies.CreateDraft(ctx, backend.NewDraft{ConversationID: conv, Mode: backend.DraftModeBlank})
	if err != nil {
		return err
	}
	r, err := replies.SubmitReply(ctx, d.ID, backend.SubmitReply{Text: text, RequestApproval: then != "send"})
	if err != nil {
		return err
	}
	switch then {
	case "send":
		if r.State != backend.ReplyQueued {
			return fmt.Errorf("the reply is %s, not queued: %v", r.State, r.Reasons)
		}
	case "pending":
		if len(r.Reasons) == 0 {
			return fmt.Errorf("the reply needs no approval, so the demo would show an empty reason")
		}
	case "approve":
		var text *string
		if strings.TrimSpace(edit) != "" {
			text = &edit
		}
		_, err = replies.ApproveReply(ctx, r.ID, backend.Approval{Text: text, Note: note})
	case "reject":
		_, err = replies.RejectReply(ctx, r.ID, reason)
	default:
		return fmt.Errorf("unknown step %q", then)
	}
	return err
}
