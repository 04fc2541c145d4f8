package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// Page sizes of the conversation list.
const (
	DefaultPageSize = 50
	MaxPageSize     = 200
	// maxThreadMessages bounds the messages GetConversation returns (the latest ones): a live chat
	// may hold thousands.
	maxThreadMessages = 2000
	maxHistory        = 20
	maxAssigneeRunes  = 60
)

// conversationColumns reads a backend.Conversation; the FROM clause keeps conversations as the
// outer loop (CROSS JOIN) so the inbox index gives the order without sorting.
const conversationColumns = `SELECT c.id, c.channel_id, ch.platform, ch.name, c.kind, c.thread_key, c.post_id,
	coalesce(p.title, ''), coalesce(p.url, ''), coalesce(c.contact_id, 0), coalesce(ct.display_name, ''),
	coalesce((SELECT handle FROM contact_identities WHERE contact_id = c.contact_id ORDER BY platform <> ch.platform, id LIMIT 1), ''),
	coalesce(ct.influencer, 0), coalesce(ct.vip, 0), c.status, c.snoozed_until, c.assignee, c.priority, c.intent,
	c.sentiment, c.sentiment_score, c.language, c.escalated, c.reasons, c.awaiting_since, c.sla_due_at,
	c.first_inbound_at, c.first_response_at, c.resolved_at, c.last_message_at, c.last_preview, c.last_direction,
	c.message_count, (SELECT json_group_array(tag) FROM (SELECT tag FROM conversation_tags WHERE conversation_id = c.id ORDER BY tag)),
	c.sla_key, c.recency_key
	FROM conversations c CROSS JOIN channels ch ON ch.id = c.channel_id
	LEFT JOIN contacts ct ON ct.id = c.contact_id
	LEFT JOIN posts p ON p.channel_id = c.channel_id AND p.post_id = c.post_id`

// inboxOrder sorts conversationColumns' rows by priority, SLA due time, recency and id, by
// position (c.priority, c.sla_key, c.recency_key, c.id) so that a compound query can use it.
const inboxOrder = "18, 35, 36, 1"

var allStatuses = []string{backend.StatusOpen, backend.StatusPending, backend.StatusSnoozed, backend.StatusResolved}

// inboxCursor is the position after the last row of a page, in inbox order.
type inboxCursor struct {
	Priority int    `json:"p"`
	SLAKey   string `json:"s"`
	Recency  int64  `json:"r"`
	ID       int64  `json:"i"`
}

type scannedConversation struct {
	backend.Conversation
	cursor inboxCursor
}

func scanConversation(rows interface{ Scan(...any) error }) (scannedConversation, error) {
	var out scannedConversation
	c := &out.Conversation
	var postID, postTitle, postURL, contactName, handle, reasons, tags, lastAt string
	var contactID int64
	var influencer, vip bool
	var priority int
	var snoozed, awaiting, due, firstIn, firstResp, resolved sql.NullString
	err := rows.Scan(&c.ID, &c.ChannelID, &c.Platform, &c.ChannelName, &c.Kind, &c.ThreadKey, &postID, &postTitle, &postURL,
		&contactID, &contactName, &handle, &influencer, &vip, &c.Status, &snoozed, &c.Assignee, &priority, &c.Intent,
		&c.Sentiment, &c.SentimentScore, &c.Language, &c.Escalated, &reasons, &awaiting, &due, &firstIn, &firstResp,
		&resolved, &lastAt, &c.LastPreview, &c.LastDirection, &c.MessageCount, &tags, &out.cursor.SLAKey, &out.cursor.Recency)
	if err != nil {
		return out, err
	}
	out.cursor.Priority, out.cursor.ID = priority, c.ID
	c.Priority = backend.PriorityOfRank(priority)
	if postID != "" {
		c.Post = &backend.Post{ID: postID, Title: postTitle, URL: postURL}
	}
	if contactID != 0 {
		c.Contact = &backend.ContactSummary{ID: contactID, DisplayName: contactName, Handle: handle, Influencer: influencer, VIP: vip}
	}
	c.SnoozedUntil, c.AwaitingSince, c.SLADue = nullTime(snoozed), nullTime(awaiting), nullTime(due)
	c.FirstInboundAt, c.FirstResponseAt, c.ResolvedAt = nullTime(firstIn), nullTime(firstResp), nullTime(resolved)
	c.LastMessageAt, _ = parseTime(lastAt)
	if err := json.Unmarshal([]byte(reasons), &c.Reasons); err != nil {
		return out, fmt.Errorf("conversation %d reasons: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(tags), &c.Tags); err != nil {
		return out, fmt.Errorf("conversation %d tags: %w", c.ID, err)
	}
	return out, nil
}

// where builds the filter's SQL conditions. Columns are written "+c.col" where an index on them
// would tempt the planner away from the inbox-order index: scanning that index and skipping
// non-matching rows finds a first page far faster than sorting every match.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// in adds "column IN (values)". Values keep their Go type: with "+col" the column has no
// affinity, so an integer column never equals the text '3'.
func in[T any](w *where, column string, values []T) {
	if len(values) == 0 {
		return
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", ")
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	w.add(column+" IN ("+marks+")", args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// facet names the filter dimensions CountConversations counts.
type facet int

const (
	facetStatus facet = iota
	facetIntent
	facetPriority
	facetChannel
	facetKind
	facetLanguage
	facetCount
)

// validateFilter returns EINVALID for values no conversation can have.
func validateFilter(f backend.ConversationFilter) error {
	for _, k := range f.Kinds {
		if err := k.Validate(); err != nil {
			return err
		}
	}
	for _, i := range f.Intents {
		if err := i.Validate(); err != nil {
			return err
		}
	}
	for _, p := range f.Priorities {
		if backend.PriorityOfRank(backend.PriorityRank(p)) != p {
			return backend.Errorf(backend.EINVALID, "Unknown priority %q.", p)
		}
	}
	for _, s := range f.Statuses {
		if !slices.Contains([]string{backend.StatusOpen, backend.StatusPending, backend.StatusSnoozed, backend.StatusResolved}, s) {
			return backend.Errorf(backend.EINVALID, "Unknown status %q.", s)
		}
	}
	if f.SLA != "" && f.SLA != "due" && f.SLA != "breached" {
		return backend.Errorf(backend.EINVALID, `Unknown SLA filter %q: use "due" or "breached".`, f.SLA)
	}
	if f.Limit < 0 || f.Limit > MaxPageSize {
		return backend.Errorf(backend.EINVALID, "A page holds 1 to %d conversations.", MaxPageSize)
	}
	return nil
}

// conditions returns the filter's conditions, leaving out the facets in skip.
func conditions(f backend.ConversationFilter, now time.Time, skip ...facet) *where {
	w := &where{}
	skipped := func(x facet) bool { return slices.Contains(skip, x) }
	// Statuses are not here: ListConversations gives each status its own arm, and
	// CountConversations counts them as a facet.
	if !skipped(facetChannel) {
		in(w, "+c.channel_id", f.ChannelIDs)
	}
	if !skipped(facetKind) {
		in(w, "+c.kind", stringsOf(f.Kinds))
	}
	if !skipped(facetIntent) {
		in(w, "+c.intent", stringsOf(f.Intents))
	}
	if !skipped(facetPriority) && len(f.Priorities) > 0 {
		ranks := make([]int, len(f.Priorities))
		for i, p := range f.Priorities {
			ranks[i] = backend.PriorityRank(p)
		}
		in(w, "+c.priority", ranks)
	}
	if !skipped(facetLanguage) {
		in(w, "+c.language", stringsOf(f.Languages))
	}
	switch f.Assignee {
	case "":
	case "-":
		w.add("+c.assignee = ''")
	default:
		w.add("+c.assignee = ?", f.Assignee)
	}
	if f.Tag != "" {
		w.add("EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag = ?)", strings.ToLower(strings.TrimSpace(f.Tag)))
	}
	switch f.SLA {
	case "due":
		w.add("+c.sla_due_at >= ?", formatTime(now))
	case "breached":
		w.add("+c.sla_due_at < ?", formatTime(now))
	}
	if f.ContactID != 0 {
		w.add("c.contact_id = ?", f.ContactID)
	}
	if f.Escalated != nil {
		w.add("+c.escalated = ?", *f.Escalated)
	}
	return w
}

func stringsOf[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// ListConversations returns a page of conversations in inbox order.
func (s *InboxService) ListConversations(ctx context.Context, f backend.ConversationFilter) (backend.ConversationPage, error) {
	page := backend.ConversationPage{Conversations: []backend.Conversation{}}
	if err := validateFilter(f); err != nil {
		return page, err
	}
	limit := f.Limit
	if limit == 0 {
		limit = DefaultPageSize
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return page, err
	}
	// One arm per status, each walking the inbox index in order, merged by SQLite's ordered
	// UNION ALL: a page of several statuses costs a page per status, not a sort of every match.
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = allStatuses
	}
	w := conditions(f, db.Now().UTC())
	if f.Cursor != "" {
		var cur inboxCursor
		raw, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		if err == nil {
			err = json.Unmarshal(raw, &cur)
		}
		if err != nil {
			return page, backend.Errorf(backend.EINVALID, "Invalid page cursor.")
		}
		w.add("(c.priority, c.sla_key, c.recency_key, c.id) > (?, ?, ?, ?)", cur.Priority, cur.SLAKey, cur.Recency, cur.ID)
	}
	arms := make([]string, len(statuses))
	var args []any
	for i, status := range statuses {
		arm := &where{conds: append([]string{"c.status = ?"}, w.conds...), args: append([]any{status}, w.args...)}
		arms[i] = conversationColumns + arm.sql()
		args = append(args, arm.args...)
	}
	query := strings.Join(arms, " UNION ALL ") + " ORDER BY " + inboxOrder + " LIMIT ?"
	err = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, query, append(args, limit+1)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		var last inboxCursor
		for rows.Next() {
			if len(page.Conversations) == limit {
				// One row more than the page proves there is a next page, which starts after the
				// last row shown.
				raw, _ := json.Marshal(last)
				page.NextCursor = base64.RawURLEncoding.EncodeToString(raw)
				break
			}
			c, err := scanConversation(rows)
			if err != nil {
				return err
			}
			page.Conversations = append(page.Conversations, c.Conversation)
			last = c.cursor
		}
		return rows.Err()
	})
	return page, err
}

// CountConversations counts, for each facet, the conversations each of its values would show
// with the rest of the filter applied, in one pass over the table.
func (s *InboxService) CountConversations(ctx context.Context, f backend.ConversationFilter) (backend.InboxCounts, error) {
	counts := backend.InboxCounts{Statuses: map[string]int{}, Intents: map[string]int{}, Priorities: map[string]int{},
		Channels: map[int64]int{}, Kinds: map[string]int{}, Languages: map[string]int{}}
	f.Cursor, f.Limit = "", 0
	if err := validateFilter(f); err != nil {
		return counts, err
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return counts, err
	}
	now := formatTime(db.Now().UTC())
	w := conditions(f, db.Now().UTC(), facetIntent, facetPriority, facetChannel, facetKind, facetLanguage)
	query := `SELECT c.status, c.intent, c.priority, c.channel_id, c.kind, c.language, count(*),
		count(*) FILTER (WHERE c.sla_due_at >= ?), count(*) FILTER (WHERE c.sla_due_at < ?),
		count(*) FILTER (WHERE c.assignee = ''), count(*) FILTER (WHERE c.escalated) FROM conversations c` + w.sql() +
		` GROUP BY c.status, c.intent, c.priority, c.channel_id, c.kind, c.language`
	// matches tells whether a group passes the filter on every facet but skip.
	selected := func(values []string, v string) bool { return len(values) == 0 || slices.Contains(values, v) }
	priorities := make([]string, len(f.Priorities))
	for i, p := range f.Priorities {
		priorities[i] = string(p)
	}
	channels := make([]string, len(f.ChannelIDs))
	for i, id := range f.ChannelIDs {
		channels[i] = fmt.Sprint(id)
	}
	err = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, query, append([]any{now, now}, w.args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var status, intent, kind, language string
			var priority, n, due, breached, unassigned, escalated int
			var channel int64
			if err := rows.Scan(&status, &intent, &priority, &channel, &kind, &language, &n, &due, &breached, &unassigned, &escalated); err != nil {
				return err
			}
			p := string(backend.PriorityOfRank(priority))
			pass := [facetCount]bool{
				facetStatus: selected(f.Statuses, status), facetIntent: selected(stringsOf(f.Intents), intent),
				facetPriority: selected(priorities, p), facetChannel: selected(channels, fmt.Sprint(channel)),
				facetKind: selected(stringsOf(f.Kinds), kind), facetLanguage: selected(stringsOf(f.Languages), language),
			}
			others := func(skip facet) bool {
				for x, ok := range pass {
					if facet(x) != skip && !ok {
						return false
					}
				}
				return true
			}
			if others(facetStatus) {
				counts.Statuses[status] += n
			}
			if others(facetIntent) {
				counts.Intents[intent] += n
			}
			if others(facetPriority) {
				counts.Priorities[p] += n
			}
			if others(facetChannel) {
				counts.Channels[channel] += n
			}
			if others(facetKind) {
				counts.Kinds[kind] += n
			}
			if others(facetLanguage) {
				counts.Languages[language] += n
			}
			if others(-1) {
				counts.Total += n
				counts.Due += due
				counts.Breached += breached
				counts.Unassigned += unassigned
				counts.Escalated += escalated
			}
		}
		return rows.Err()
	})
	return counts, err
}

// GetConversation returns a conversation, its latest messages, its contact and their history.
func (s *InboxService) GetConversation(ctx context.Context, id int64) (backend.ConversationDetail, error) {
	var out backend.ConversationDetail
	db, err := s.workspaces.DB()
	if err != nil {
		return out, err
	}
	err = db.Read(ctx, func(tx *Tx) error {
		conv, err := findConversation(ctx, tx, id)
		if err != nil {
			return err
		}
		out.Conversation = conv
		if out.Messages, err = findMessages(ctx, tx, `WHERE m.conversation_id = ? ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`, id, maxThreadMessages); err != nil {
			return err
		}
		slices.Reverse(out.Messages)
		out.History = []backend.Conversation{}
		if conv.Contact == nil {
			return nil
		}
		contact, err := findContact(ctx, tx, conv.Contact.ID)
		if err != nil {
			return err
		}
		out.Contact = &contact
		rows, err := tx.QueryContext(ctx, conversationColumns+` WHERE c.contact_id = ? AND c.id <> ? ORDER BY c.last_message_at DESC LIMIT ?`,
			conv.Contact.ID, id, maxHistory)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanConversation(rows)
			if err != nil {
				return err
			}
			out.History = append(out.History, c.Conversation)
		}
		return rows.Err()
	})
	return out, err
}

func findConversation(ctx context.Context, tx *Tx, id int64) (backend.Conversation, error) {
	c, err := scanConversation(tx.queryRow(ctx, conversationColumns+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c.Conversation, backend.Errorf(backend.ENOTFOUND, "There is no conversation %d.", id).
			Localized("conversation_not_found", "id", fmt.Sprint(id))
	}
	return c.Conversation, err
}

// findConversations loads several conversations by id.
func findConversations(ctx context.Context, tx *Tx, ids []int64) (map[int64]backend.Conversation, error) {
	rows, err := tx.query(ctx, conversationColumns+` WHERE c.id IN (SELECT value FROM json_each(?))`, jsonText(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]backend.Conversation, len(ids))
	for rows.Next() {
		c, err := scanConversation(rows)
		if err != nil {
			return nil, err
		}
		out[c.ID] = c.Conversation
	}
	return out, rows.Err()
}

const messageColumns = `SELECT m.id, m.conversation_id, m.platform_message_id, m.direction, m.author_contact_id,
	m.author_name, m.author_handle, m.text, m.sent_at, m.reply_to, m.attachments, m.hidden, m.deleted, m.triage,
	m.intent_corrected, m.sentiment_corrected FROM messages m `

func findMessages(ctx context.Context, tx *Tx, clause string, args ...any) ([]backend.Message, error) {
	rows, err := tx.query(ctx, messageColumns+clause, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []backend.Message{}
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func scanMessage(row interface{ Scan(...any) error }) (backend.Message, error) {
	var m backend.Message
	var author sql.NullInt64
	var sent, attachments string
	var triage sql.NullString
	err := row.Scan(&m.ID, &m.ConversationID, &m.PlatformMessageID, &m.Direction, &author, &m.AuthorName, &m.AuthorHandle,
		&m.Text, &sent, &m.ReplyTo, &attachments, &m.Hidden, &m.Deleted, &triage, &m.IntentCorrected, &m.SentimentCorrected)
	if err != nil {
		return m, err
	}
	if author.Valid {
		m.AuthorContactID = &author.Int64
	}
	m.SentAt, _ = parseTime(sent)
	if err := json.Unmarshal([]byte(attachments), &m.Attachments); err != nil {
		return m, fmt.Errorf("message %d attachments: %w", m.ID, err)
	}
	if triage.Valid {
		m.Triage = &backend.TriageResult{}
		if err := json.Unmarshal([]byte(triage.String), m.Triage); err != nil {
			return m, fmt.Errorf("message %d triage: %w", m.ID, err)
		}
	}
	return m, nil
}

// validateUpdate returns EINVALID for an update that cannot apply.
func validateUpdate(upd *backend.ConversationUpdate, now time.Time) error {
	if upd.Status != nil {
		switch *upd.Status {
		case backend.StatusOpen, backend.StatusPending, backend.StatusResolved:
		case backend.StatusSnoozed:
			if upd.SnoozedUntil == nil || !upd.SnoozedUntil.After(now) {
				return backend.Errorf(backend.EINVALID, "Snoozing needs a time in the future.").Localized("snooze_in_past")
			}
		default:
			return backend.Errorf(backend.EINVALID, "Unknown status %q.", *upd.Status)
		}
	}
	if upd.Assignee != nil {
		a := strings.TrimSpace(*upd.Assignee)
		if utf8.RuneCountInString(a) > maxAssigneeRunes || !utf8.ValidString(a) {
			return backend.Errorf(backend.EINVALID, "An assignee name has at most %d characters.", maxAssigneeRunes)
		}
		upd.Assignee = &a
	}
	for _, tags := range [][]string{upd.AddTags, upd.RemoveTags} {
		for i, t := range tags {
			norm, err := backend.NormalizeTag(t)
			if err != nil {
				return err
			}
			tags[i] = norm
		}
	}
	return nil
}

// UpdateConversations applies one change to several conversations, all or none.
func (s *InboxService) UpdateConversations(ctx context.Context, ids []int64, upd backend.ConversationUpdate) ([]backend.Conversation, error) {
	out := []backend.Conversation{}
	if len(ids) == 0 {
		return out, backend.Errorf(backend.EINVALID, "Select at least one conversation.").Localized("select_conversation")
	}
	if len(ids) > backend.MaxIngestBatch {
		return out, backend.Errorf(backend.EINVALID, "At most %d conversations can change at once.", backend.MaxIngestBatch)
	}
	db, triager, err := s.Triager(ctx)
	if err != nil {
		return out, err
	}
	if err := validateUpdate(&upd, db.Now()); err != nil {
		return out, err
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	var rollback []func()
	err = db.Write(ctx, func(tx *Tx) error {
		now := formatTime(tx.Now)
		for _, id := range ids {
			if _, err := findConversation(ctx, tx, id); err != nil {
				return err
			}
			if upd.MarkSpam {
				undo, err := markSpam(ctx, tx, triager, id)
				rollback = append(rollback, undo...)
				if err != nil {
					return err
				}
			}
			status := upd.Status
			if upd.MarkSpam && status == nil {
				resolved := backend.StatusResolved
				status = &resolved
			}
			if status != nil {
				var snoozed any
				if *status == backend.StatusSnoozed {
					snoozed = formatTime(*upd.SnoozedUntil)
				}
				if _, err := tx.ExecContext(ctx, `UPDATE conversations SET status = ?, snoozed_until = ?,
					resolved_at = CASE WHEN ? = 'resolved' THEN coalesce(resolved_at, ?) END, updated_at = ? WHERE id = ?`,
					*status, snoozed, *status, now, now, id); err != nil {
					return err
				}
			}
			if upd.Assignee != nil {
				if _, err := tx.ExecContext(ctx, `UPDATE conversations SET assignee = ?, updated_at = ? WHERE id = ?`, *upd.Assignee, now, id); err != nil {
					return err
				}
			}
			for _, t := range upd.AddTags {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO conversation_tags (conversation_id, tag) VALUES (?, ?)`, id, t); err != nil {
					return err
				}
			}
			for _, t := range upd.RemoveTags {
				if _, err := tx.ExecContext(ctx, `DELETE FROM conversation_tags WHERE conversation_id = ? AND tag = ?`, id, t); err != nil {
					return err
				}
			}
			c, err := findConversation(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		tx.AfterCommit(func() { s.events.Publish(backend.EventConversationsChanged, ids) })
		return nil
	})
	if err != nil {
		undoInMemory(rollback)
		return []backend.Conversation{}, err
	}
	return out, nil
}

// WakeSnoozed reopens the conversations whose snooze has ended and returns how many.
func (s *InboxService) WakeSnoozed(ctx context.Context) (int, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return 0, err
	}
	var ids []int64
	err = db.Write(ctx, func(tx *Tx) error {
		now := formatTime(tx.Now)
		rows, err := tx.QueryContext(ctx, `UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = ?
			WHERE status = 'snoozed' AND snoozed_until <= ? RETURNING id`, now, now)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) > 0 {
			tx.AfterCommit(func() { s.events.Publish(backend.EventConversationsChanged, ids) })
		}
		return nil
	})
	return len(ids), err
}
