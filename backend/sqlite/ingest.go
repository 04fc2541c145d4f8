package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// BusyPostThreads is how many comment threads make a post busy, which shortens its SLA.
const BusyPostThreads = 10

// snippetMarkers strips the search highlight markers from incoming text.
var snippetMarkers = strings.NewReplacer(backend.SnippetStart, "", backend.SnippetEnd, "")

// previewRunes is how much of the last message a conversation row shows.
const previewRunes = 200

// Ingest stores, threads and triages a batch of platform messages in one transaction.
func (s *InboxService) Ingest(ctx context.Context, batch []backend.IncomingMessage) (backend.IngestResult, error) {
	result := backend.IngestResult{ConversationIDs: []int64{}}
	if len(batch) == 0 {
		return result, nil
	}
	batch, err := prepareBatch(batch)
	if err != nil {
		return result, err
	}
	db, triager, err := s.Triager(ctx)
	if err != nil {
		return result, err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		result, err = s.ingestTx(ctx, tx, triager, batch)
		return err
	})
	if err != nil {
		return backend.IngestResult{ConversationIDs: []int64{}}, err
	}
	return result, nil
}

// prepareBatch checks a batch and returns a copy with the snippet markers stripped from texts.
func prepareBatch(batch []backend.IncomingMessage) ([]backend.IncomingMessage, error) {
	if len(batch) > backend.MaxIngestBatch {
		return nil, backend.Errorf(backend.EINVALID, "A batch holds at most %d messages, got %d.", backend.MaxIngestBatch, len(batch))
	}
	batch = slices.Clone(batch) // the markers are stripped from a copy, not the caller's messages
	for i := range batch {
		batch[i].Text = snippetMarkers.Replace(batch[i].Text)
		m := batch[i]
		if err := m.Validate(); err != nil {
			return nil, backend.Errorf(backend.EINVALID, "Message %d (%q): %s.", i+1, m.PlatformMessageID, backend.ErrorMessage(err))
		}
	}
	return batch, nil
}

// ingestTx ingests a prepared batch in tx, publishing inbox:message_received after commit; the
// sync engine calls it with the transaction that also saves the account's cursor.
func (s *InboxService) ingestTx(ctx context.Context, tx *Tx, triager backend.Triager, batch []backend.IncomingMessage) (backend.IngestResult, error) {
	in, err := newIngest(ctx, tx, triager)
	if err != nil {
		return backend.IngestResult{}, err
	}
	in.events = s.events
	result, err := in.run(batch)
	if err != nil {
		return result, err
	}
	if result.Received > 0 {
		event := backend.MessageReceivedEvent{ConversationIDs: result.ConversationIDs, Count: result.Received}
		tx.AfterCommit(func() { s.events.Publish(backend.EventMessageReceived, event) })
	}
	return result, nil
}

type identityKey struct{ platform, userID string }

type conversationKey struct {
	channelID int64
	kind      backend.ConversationKind
	thread    string
}

type contactState struct {
	id                 int64
	identityID         int64
	handle, name       string
	influencer, vip    bool
	language           string
	latestInbound      time.Time
	batchTimes         []time.Time // the contact's inbound messages in this batch
	recentInboundTimes []time.Time // those plus the stored ones in the batch window, sorted
}

// conversationState is a conversation's summary while a batch is applied to it.
type conversationState struct {
	id        int64
	channelID int64
	kind      backend.ConversationKind
	postID    string
	contactID int64
	status    string
	snoozed   *time.Time
	resolved  *time.Time
	priority  int
	intent    string
	sentiment string
	score     float64
	language  string
	escalated bool
	reasons   []backend.EscalationReason
	awaiting  *time.Time
	slaDue    *time.Time
	firstIn   *time.Time
	firstResp *time.Time
	lastIn    *time.Time
	lastOut   *time.Time
	lastAt    time.Time
	// lastBefore is lastAt before this batch: only messages newer than the conversation's
	// activity (not old history arriving late, as from an import) reopen it.
	lastBefore time.Time
	preview    string
	lastDir    string
	count      int
	// recompute asks for the awaiting set to be read back from the store: an outbound message
	// answered some inbound ones, and later inbound ones may sit outside this batch.
	recompute bool
	touched   bool
}

// item is one new message of the batch on its way in.
type item struct {
	id      int64 // the stored message's id, once inserted
	msg     backend.IncomingMessage
	conv    *conversationState
	contact *contactState
	input   backend.TriageInput
	triage  backend.TriageResult
}

type ingest struct {
	// events, when set, is where consent changes publish: ingest of inbound messages applies STOP
	// and START; the outbox recording its own messages has nothing to apply.
	events   backend.Publisher
	ctx      context.Context
	tx       *Tx
	triager  backend.Triager
	channels map[int64]backend.Channel
	contacts map[identityKey]*contactState
	convs    map[conversationKey]*conversationState
	posts    map[[2]string]int // (channel, post) → thread count
	stmts    map[string]*sql.Stmt
}

var ingestStatements = map[string]string{
	// Bulk statements take a JSON array and let SQLite iterate it: one call per batch instead
	// of one per message, since each call through the driver costs more than the work itself.
	"existing": `SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?) j
		WHERE EXISTS (SELECT 1 FROM messages m WHERE m.channel_id = j.value ->> 0 AND m.platform_message_id = j.value ->> 1)`,
	"identities": `SELECT i.platform, i.platform_user_id, c.id, c.influencer, c.vip, c.language, i.id, i.handle, i.display_name
		FROM json_each(?) j CROSS JOIN contact_identities i ON i.platform = j.value ->> 0 AND i.platform_user_id = j.value ->> 1
		CROSS JOIN contacts c ON c.id = i.contact_id`,
	"conversations": conversationStateColumns + `, thread_key FROM conversations WHERE (channel_id, kind, thread_key)
		IN (SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(?) j)`,
	"recentInbound": `SELECT m.author_contact_id, m.sent_at FROM json_each(?) j CROSS JOIN messages m
		ON m.author_contact_id = j.value AND m.sent_at >= ? AND m.sent_at <= ? WHERE m.direction = 'in'`,
	// Messages go in one row at a time: with 17 columns, extracting them from JSON costs more
	// than the calls it saves.
	"insertMessage": `INSERT INTO messages (conversation_id, channel_id, platform_message_id, direction, author_contact_id,
		author_name, author_handle, text, sent_at, received_at, reply_to, attachments, triage, triage_context, priority,
		sla_due_at, escalate, author_is_bot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"insertFTS":      `INSERT INTO messages_fts (rowid, text) VALUES (?, ?)`,
	"insertContact":  `INSERT INTO contacts (display_name, follower_count, created_at, updated_at) VALUES (?, ?, ?, ?)`,
	"insertIdentity": `INSERT INTO contact_identities (contact_id, platform, platform_user_id, handle, display_name) VALUES (?, ?, ?, ?, ?)`,
	"updateIdentity": `UPDATE contact_identities SET handle = ?, display_name = ? WHERE id = ?`,
	"followers":      `UPDATE contacts SET follower_count = ?, updated_at = ? WHERE id = ?`,
	"language":       `UPDATE contacts SET language = ?, updated_at = ? WHERE id = ? AND language <> ?`,
	"insertConversation": `INSERT INTO conversations (channel_id, kind, thread_key, post_id, last_message_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
	"post": `INSERT INTO posts (channel_id, post_id, title, url, thread_count) VALUES (?, ?, ?, ?, 1)
		ON CONFLICT (channel_id, post_id) DO UPDATE SET thread_count = thread_count + 1,
		title = CASE excluded.title WHEN '' THEN title ELSE excluded.title END,
		url = CASE excluded.url WHEN '' THEN url ELSE excluded.url END
		RETURNING thread_count`,
	"postThreads": `SELECT thread_count FROM posts WHERE channel_id = ? AND post_id = ?`,
}

func newIngest(ctx context.Context, tx *Tx, triager backend.Triager) (*ingest, error) {
	in := &ingest{
		ctx: ctx, tx: tx, triager: triager,
		channels: map[int64]backend.Channel{},
		contacts: map[identityKey]*contactState{},
		convs:    map[conversationKey]*conversationState{},
		posts:    map[[2]string]int{},
		stmts:    map[string]*sql.Stmt{},
	}
	for name, query := range ingestStatements {
		stmt, err := tx.stmt(ctx, query)
		if err != nil {
			return nil, fmt.Errorf("prepare %s: %w", name, err)
		}
		in.stmts[name] = stmt
	}
	rows, err := tx.query(ctx, `SELECT id, platform, account, name, kind FROM channels`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c backend.Channel
		if err := rows.Scan(&c.ID, &c.Platform, &c.Account, &c.Name, &c.Kind); err != nil {
			return nil, err
		}
		in.channels[c.ID] = c
	}
	return in, rows.Err()
}

func (in *ingest) run(batch []backend.IncomingMessage) (backend.IngestResult, error) {
	result := backend.IngestResult{ConversationIDs: []int64{}}
	for i, m := range batch {
		if _, ok := in.channels[m.ChannelID]; !ok {
			return result, backend.Errorf(backend.ENOTFOUND, "Message %d (%q): there is no channel %d.", i+1, m.PlatformMessageID, m.ChannelID).
				Localized("channel_not_found")
		}
	}
	stored, err := in.existing(batch)
	if err != nil {
		return result, err
	}
	fresh := make([]backend.IncomingMessage, 0, len(batch))
	for _, m := range batch {
		key := messageKey{m.ChannelID, m.PlatformMessageID}
		if stored[key] {
			result.Duplicates++
			continue
		}
		stored[key] = true // a second copy in the same batch is a duplicate too
		fresh = append(fresh, m)
	}
	if err := in.preload(fresh); err != nil {
		return result, err
	}
	items := make([]*item, 0, len(fresh))
	for _, m := range fresh {
		it := &item{msg: m}
		if m.Direction == backend.DirectionIn {
			c, err := in.contact(in.channels[m.ChannelID].Platform, m.Author)
			if err != nil {
				return result, err
			}
			it.contact = c
			c.batchTimes = append(c.batchTimes, m.SentAt)
		}
		conv, err := in.conversation(m, it.contact)
		if err != nil {
			return result, err
		}
		it.conv = conv
		items = append(items, it)
	}
	if err := in.triage(items); err != nil {
		return result, err
	}
	if err := in.insert(items); err != nil {
		return result, err
	}
	// Apply in time order so that out-of-order batches end up as if delivered in order.
	sort.SliceStable(items, func(i, j int) bool { return items[i].msg.SentAt.Before(items[j].msg.SentAt) })
	for _, it := range items {
		in.apply(it)
	}
	var touched []*conversationState
	for _, conv := range in.convs {
		if !conv.touched {
			continue
		}
		if conv.recompute {
			if err := recomputeAwaiting(in.ctx, in.tx, conv); err != nil {
				return result, err
			}
		}
		touched = append(touched, conv)
		result.ConversationIDs = append(result.ConversationIDs, conv.id)
	}
	if err := saveConversations(in.ctx, in.tx, touched); err != nil {
		return result, err
	}
	if err := in.saveContactLanguages(items); err != nil {
		return result, err
	}
	if in.events != nil {
		if err := in.consent(items, in.events); err != nil {
			return result, err
		}
	}
	slices.Sort(result.ConversationIDs)
	result.Received = len(items)
	return result, nil
}

type messageKey struct {
	channelID int64
	id        string
}

// existing returns which messages of the batch are already stored.
func (in *ingest) existing(batch []backend.IncomingMessage) (map[messageKey]bool, error) {
	keys := make([][2]any, len(batch))
	for i, m := range batch {
		keys[i] = [2]any{m.ChannelID, m.PlatformMessageID}
	}
	rows, err := in.stmts["existing"].QueryContext(in.ctx, jsonText(keys))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[messageKey]bool, len(batch))
	for rows.Next() {
		var k messageKey
		if err := rows.Scan(&k.channelID, &k.id); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}

// preload reads, in one query each, the contacts and conversations the batch refers to.
func (in *ingest) preload(batch []backend.IncomingMessage) error {
	var identities [][2]string
	var threads [][3]any
	seenIdentity := map[identityKey]bool{}
	seenThread := map[conversationKey]bool{}
	for _, m := range batch {
		if m.Direction == backend.DirectionIn {
			key := identityKey{in.channels[m.ChannelID].Platform, m.Author.PlatformUserID}
			if !seenIdentity[key] {
				seenIdentity[key] = true
				identities = append(identities, [2]string{key.platform, key.userID})
			}
		}
		key := conversationKey{m.ChannelID, m.Kind, m.ThreadKey}
		if !seenThread[key] {
			seenThread[key] = true
			threads = append(threads, [3]any{m.ChannelID, m.Kind, m.ThreadKey})
		}
	}
	rows, err := in.stmts["identities"].QueryContext(in.ctx, jsonText(identities))
	if err != nil {
		return err
	}
	for rows.Next() {
		var key identityKey
		c := &contactState{}
		if err := rows.Scan(&key.platform, &key.userID, &c.id, &c.influencer, &c.vip, &c.language, &c.identityID, &c.handle, &c.name); err != nil {
			rows.Close()
			return err
		}
		in.contacts[key] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = in.stmts["conversations"].QueryContext(in.ctx, jsonText(threads))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var thread string
		conv, err := scanConversationState(rows, &thread)
		if err != nil {
			return err
		}
		in.convs[conversationKey{conv.channelID, conv.kind, thread}] = conv
	}
	return rows.Err()
}

// contact returns the contact behind a platform identity, creating it the first time and
// refreshing its handle, name and follower count.
func (in *ingest) contact(platform string, a backend.Author) (*contactState, error) {
	key := identityKey{platform, a.PlatformUserID}
	now := formatTime(in.tx.Now)
	c, ok := in.contacts[key]
	if !ok {
		c = &contactState{handle: a.Handle, name: a.DisplayName}
		display := firstNonEmpty(a.DisplayName, a.Handle, a.PlatformUserID)
		res, err := in.stmts["insertContact"].ExecContext(in.ctx, display, a.FollowerCount, now, now)
		if err != nil {
			return nil, err
		}
		if c.id, err = res.LastInsertId(); err != nil {
			return nil, err
		}
		if res, err = in.stmts["insertIdentity"].ExecContext(in.ctx, c.id, platform, a.PlatformUserID, a.Handle, a.DisplayName); err != nil {
			return nil, err
		}
		if c.identityID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
		in.contacts[key] = c
		return c, nil
	}
	if (a.Handle != "" && a.Handle != c.handle) || (a.DisplayName != "" && a.DisplayName != c.name) {
		c.handle, c.name = firstNonEmpty(a.Handle, c.handle), firstNonEmpty(a.DisplayName, c.name)
		if _, err := in.stmts["updateIdentity"].ExecContext(in.ctx, c.handle, c.name, c.identityID); err != nil {
			return nil, err
		}
	}
	if a.FollowerCount != nil {
		if _, err := in.stmts["followers"].ExecContext(in.ctx, *a.FollowerCount, now, c.id); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// conversation finds or creates the conversation a message threads into.
func (in *ingest) conversation(m backend.IncomingMessage, author *contactState) (*conversationState, error) {
	key := conversationKey{m.ChannelID, m.Kind, m.ThreadKey}
	conv, ok := in.convs[key]
	if !ok { // preload found none: a new conversation
		var err error
		conv, err = in.createConversation(key, m)
		if err != nil {
			return nil, err
		}
		in.convs[key] = conv
	}
	// A DM or comment thread belongs to the first person who writes in it; live chats to no one.
	if conv.contactID == 0 && author != nil && m.Kind != backend.ConversationLiveChat {
		conv.contactID = author.id
	}
	return conv, nil
}

// conversationStateColumns reads a conversationState (callers add FROM and may add columns,
// scanned into extra).
const conversationStateColumns = `SELECT id, channel_id, kind, post_id, coalesce(contact_id, 0), status, snoozed_until,
	resolved_at, priority, intent, sentiment, sentiment_score, language, escalated, reasons, awaiting_since, sla_due_at,
	first_inbound_at, first_response_at, last_inbound_at, last_outbound_at, last_message_at, last_preview,
	last_direction, message_count`

func scanConversationState(row interface{ Scan(...any) error }, extra ...any) (*conversationState, error) {
	conv := &conversationState{}
	var snoozed, resolved, awaiting, due, firstIn, firstResp, lastIn, lastOut sql.NullString
	var lastAt, reasons string
	err := row.Scan(append([]any{&conv.id, &conv.channelID, &conv.kind, &conv.postID, &conv.contactID, &conv.status, &snoozed, &resolved,
		&conv.priority, &conv.intent, &conv.sentiment, &conv.score, &conv.language, &conv.escalated, &reasons, &awaiting,
		&due, &firstIn, &firstResp, &lastIn, &lastOut, &lastAt, &conv.preview, &conv.lastDir, &conv.count}, extra...)...)
	if err != nil {
		return nil, err
	}
	conv.snoozed, conv.resolved, conv.awaiting, conv.slaDue = nullTime(snoozed), nullTime(resolved), nullTime(awaiting), nullTime(due)
	conv.firstIn, conv.firstResp, conv.lastIn, conv.lastOut = nullTime(firstIn), nullTime(firstResp), nullTime(lastIn), nullTime(lastOut)
	conv.lastAt, _ = parseTime(lastAt)
	conv.lastBefore = conv.lastAt
	if err := json.Unmarshal([]byte(reasons), &conv.reasons); err != nil {
		return nil, fmt.Errorf("conversation %d reasons: %w", conv.id, err)
	}
	return conv, nil
}

func (in *ingest) createConversation(key conversationKey, m backend.IncomingMessage) (*conversationState, error) {
	conv := &conversationState{channelID: key.channelID, kind: key.kind, status: backend.StatusOpen,
		priority: backend.PriorityRank(backend.PriorityLow), intent: string(backend.IntentOther),
		sentiment: string(backend.SentimentNeutral), lastAt: m.SentAt}
	if m.Post != nil {
		conv.postID = m.Post.ID
	}
	now := formatTime(in.tx.Now)
	if err := in.stmts["insertConversation"].QueryRowContext(in.ctx, key.channelID, key.kind, key.thread, conv.postID,
		formatTime(m.SentAt), now, now).Scan(&conv.id); err != nil {
		return nil, err
	}
	if m.Post != nil && m.Post.ID != "" {
		var threads int
		if err := in.stmts["post"].QueryRowContext(in.ctx, key.channelID, m.Post.ID, m.Post.Title, m.Post.URL).Scan(&threads); err != nil {
			return nil, err
		}
		in.posts[[2]string{fmt.Sprint(key.channelID), m.Post.ID}] = threads
	}
	return conv, nil
}

// triage decides each inbound message's triage, in parallel: it is the CPU-heavy part of ingest.
func (in *ingest) triage(items []*item) error {
	var inbound []*item
	for _, it := range items {
		if it.msg.Direction != backend.DirectionIn {
			continue
		}
		inbound = append(inbound, it)
	}
	if err := in.loadRecentInbound(inbound); err != nil {
		return err
	}
	for _, it := range inbound {
		busy := false
		if it.msg.Kind == backend.ConversationCommentThread {
			var err error
			if busy, err = in.busy(it.msg); err != nil {
				return err
			}
		}
		it.input = backend.TriageInput{
			Kind: it.msg.Kind, Received: it.msg.SentAt, RecentInbound: recentInbound(it),
			Influencer: it.contact.influencer || it.contact.vip, BusyPost: busy,
		}
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(inbound)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(inbound); i += workers {
				it := inbound[i]
				input := it.input
				input.Text = it.msg.Text
				it.triage = in.triager.Triage(input)
			}
		}()
	}
	wg.Wait()
	return nil
}

// loadRecentInbound reads, in one query, the stored inbound messages of the batch's authors in
// the 24 hours before each of their messages, for triage's "repeated contact".
func (in *ingest) loadRecentInbound(items []*item) error {
	if len(items) == 0 {
		return nil
	}
	lo, hi := items[0].msg.SentAt, items[0].msg.SentAt
	byID := map[int64]*contactState{}
	var ids []int64
	for _, it := range items {
		lo, hi = minTime(lo, it.msg.SentAt), maxTime(hi, it.msg.SentAt)
		if _, ok := byID[it.contact.id]; !ok {
			byID[it.contact.id] = it.contact
			ids = append(ids, it.contact.id)
		}
	}
	rows, err := in.stmts["recentInbound"].QueryContext(in.ctx, jsonText(ids), formatTime(lo.Add(-24*time.Hour)), formatTime(hi))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var at string
		if err := rows.Scan(&id, &at); err != nil {
			return err
		}
		t, _ := parseTime(at)
		byID[id].recentInboundTimes = append(byID[id].recentInboundTimes, t)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range byID {
		c.recentInboundTimes = append(c.recentInboundTimes, c.batchTimes...)
		slices.SortFunc(c.recentInboundTimes, func(a, b time.Time) int { return a.Compare(b) })
	}
	return nil
}

// recentInbound counts the contact's inbound messages in the 24 hours before this one.
func recentInbound(it *item) int {
	times, t := it.contact.recentInboundTimes, it.msg.SentAt
	lo, _ := slices.BinarySearchFunc(times, t.Add(-24*time.Hour), func(a, b time.Time) int { return a.Compare(b) })
	hi, _ := slices.BinarySearchFunc(times, t, func(a, b time.Time) int { return a.Compare(b) })
	return hi - lo
}

func (in *ingest) busy(m backend.IncomingMessage) (bool, error) {
	if m.Post == nil || m.Post.ID == "" {
		return false, nil
	}
	key := [2]string{fmt.Sprint(m.ChannelID), m.Post.ID}
	threads, ok := in.posts[key]
	if !ok {
		err := in.stmts["postThreads"].QueryRowContext(in.ctx, m.ChannelID, m.Post.ID).Scan(&threads)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, err
		}
		in.posts[key] = threads
	}
	return threads >= BusyPostThreads, nil
}

// insert stores the batch's messages and indexes their text.
func (in *ingest) insert(items []*item) error {
	received := formatTime(in.tx.Now)
	for _, it := range items {
		m := it.msg
		attachments := m.Attachments
		if attachments == nil {
			attachments = []backend.Attachment{}
		}
		var author, triage, context, priority, due any
		escalate := false
		if m.Direction == backend.DirectionIn {
			author, triage, context = it.contact.id, jsonText(it.triage), jsonText(it.input)
			priority, escalate = backend.PriorityRank(it.triage.Priority), it.triage.Escalate
			if it.triage.SLADue != nil {
				due = formatTime(*it.triage.SLADue)
			}
		}
		res, err := in.stmts["insertMessage"].ExecContext(in.ctx, it.conv.id, m.ChannelID, m.PlatformMessageID, m.Direction,
			author, m.Author.DisplayName, m.Author.Handle, m.Text, formatTime(m.SentAt), received, m.ReplyTo,
			jsonText(attachments), triage, context, priority, due, escalate, m.Author.IsBot)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		it.id = id
		if _, err := in.stmts["insertFTS"].ExecContext(in.ctx, id, m.Text); err != nil {
			return err
		}
	}
	return nil
}

// apply folds one new message into its conversation's summary.
func (in *ingest) apply(it *item) {
	conv, m, t := it.conv, it.msg, it.msg.SentAt
	conv.touched = true
	conv.count++
	if !t.Before(conv.lastAt) || conv.count == 1 {
		conv.lastAt, conv.lastDir, conv.preview = t, m.Direction, preview(m.Text)
	}
	if m.Direction == backend.DirectionOut {
		if conv.firstIn != nil && !t.Before(*conv.firstIn) && (conv.firstResp == nil || t.Before(*conv.firstResp)) {
			conv.firstResp = &t
		}
		if conv.lastOut == nil || t.After(*conv.lastOut) {
			conv.lastOut = &t
			switch {
			case conv.awaiting == nil || conv.awaiting.After(t):
			case conv.lastIn != nil && conv.lastIn.After(t):
				// A reply older than messages already stored: read back which ones still wait.
				conv.recompute = true
			default: // the reply answers everything: nothing awaits
				conv.awaiting, conv.slaDue, conv.escalated, conv.reasons = nil, nil, false, nil
				conv.priority = backend.PriorityRank(backend.PriorityLow)
			}
		}
		return
	}
	tr := it.triage
	if conv.firstIn == nil || t.Before(*conv.firstIn) {
		conv.firstIn = &t
	}
	if conv.lastIn == nil || !t.Before(*conv.lastIn) {
		conv.lastIn = &t
		conv.intent, conv.sentiment, conv.score, conv.language = string(tr.Intent), string(tr.Sentiment), tr.SentimentScore, string(tr.Language)
		if it.contact.latestInbound.Before(t) {
			it.contact.latestInbound = t
			if tr.Language == backend.LanguageFrench || tr.Language == backend.LanguageEnglish {
				it.contact.language = string(tr.Language)
			}
		}
	}
	if conv.lastOut != nil && !t.After(*conv.lastOut) {
		return // already answered: an old message delivered late
	}
	if conv.awaiting == nil {
		conv.awaiting, conv.slaDue = &t, tr.SLADue
		conv.priority, conv.escalated, conv.reasons = backend.PriorityRank(tr.Priority), tr.Escalate, nil
	} else {
		if t.Before(*conv.awaiting) {
			conv.awaiting = &t
		}
		if tr.SLADue != nil && (conv.slaDue == nil || tr.SLADue.Before(*conv.slaDue)) {
			conv.slaDue = tr.SLADue
		}
		conv.priority = min(conv.priority, backend.PriorityRank(tr.Priority))
		conv.escalated = conv.escalated || tr.Escalate
	}
	conv.reasons = mergeReasons(conv.reasons, tr.Reasons)
	// A new message wakes a snoozed conversation and reopens a resolved one.
	fresh := t.After(conv.lastBefore) || (conv.resolved != nil && t.After(*conv.resolved))
	if fresh && (conv.status == backend.StatusSnoozed || conv.status == backend.StatusResolved) {
		conv.status, conv.snoozed, conv.resolved = backend.StatusOpen, nil, nil
	}
}

// maxReasons bounds the reasons a conversation row carries.
const maxReasons = 8

func mergeReasons(have, add []backend.EscalationReason) []backend.EscalationReason {
	for _, r := range add {
		if len(have) < maxReasons && !slices.Contains(have, r) {
			have = append(have, r)
		}
	}
	return have
}

// recomputeAwaiting reads back which inbound messages still await an answer (those after the last
// outbound one) and the latest inbound message's labels.
func recomputeAwaiting(ctx context.Context, tx *Tx, conv *conversationState) error {
	after := ""
	if conv.lastOut != nil {
		after = formatTime(*conv.lastOut)
	}
	var awaiting, due sql.NullString
	var priority sql.NullInt64
	var escalated sql.NullBool
	err := tx.queryRow(ctx, `SELECT min(sent_at), min(sla_due_at), min(priority), max(escalate) FROM messages
		WHERE conversation_id = ? AND direction = 'in' AND sent_at > ?`, conv.id, after).Scan(&awaiting, &due, &priority, &escalated)
	if err != nil {
		return err
	}
	conv.awaiting, conv.slaDue = nullTime(awaiting), nullTime(due)
	conv.priority, conv.escalated, conv.reasons = backend.PriorityRank(backend.PriorityLow), escalated.Bool, nil
	if priority.Valid {
		conv.priority = int(priority.Int64)
	}
	if conv.escalated {
		rows, err := tx.query(ctx, `SELECT triage FROM messages WHERE conversation_id = ? AND direction = 'in'
			AND sent_at > ? AND escalate = 1 ORDER BY sent_at LIMIT ?`, conv.id, after, maxReasons)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var raw string
			var tr backend.TriageResult
			if err := rows.Scan(&raw); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(raw), &tr); err != nil {
				return fmt.Errorf("message triage: %w", err)
			}
			conv.reasons = mergeReasons(conv.reasons, tr.Reasons)
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	var latest sql.NullString
	err = tx.queryRow(ctx, `SELECT triage FROM messages WHERE conversation_id = ? AND direction = 'in'
		ORDER BY sent_at DESC, id DESC LIMIT 1`, conv.id).Scan(&latest)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if latest.Valid {
		var tr backend.TriageResult
		if err := json.Unmarshal([]byte(latest.String), &tr); err != nil {
			return fmt.Errorf("message triage: %w", err)
		}
		conv.intent, conv.sentiment, conv.score, conv.language = string(tr.Intent), string(tr.Sentiment), tr.SentimentScore, string(tr.Language)
	}
	return nil
}

// saveConversations writes the summaries back.
func saveConversations(ctx context.Context, tx *Tx, convs []*conversationState) error {
	now := formatTime(tx.Now)
	for _, c := range convs {
		var contact any
		if c.contactID != 0 {
			contact = c.contactID
		}
		reasons := c.reasons
		if reasons == nil {
			reasons = []backend.EscalationReason{}
		}
		_, err := tx.exec(ctx, `UPDATE conversations SET contact_id = ?, status = ?, snoozed_until = ?, resolved_at = ?,
			priority = ?, intent = ?, sentiment = ?, sentiment_score = ?, language = ?, escalated = ?, reasons = ?,
			awaiting_since = ?, sla_due_at = ?, first_inbound_at = ?, first_response_at = ?, last_inbound_at = ?,
			last_outbound_at = ?, last_message_at = ?, last_preview = ?, last_direction = ?, message_count = ?,
			recency_key = ?, updated_at = ? WHERE id = ?`,
			contact, c.status, timeOrNil(c.snoozed), timeOrNil(c.resolved), c.priority, c.intent, c.sentiment, c.score,
			c.language, c.escalated, jsonText(reasons), timeOrNil(c.awaiting), timeOrNil(c.slaDue), timeOrNil(c.firstIn),
			timeOrNil(c.firstResp), timeOrNil(c.lastIn), timeOrNil(c.lastOut), formatTime(c.lastAt), c.preview, c.lastDir,
			c.count, -c.lastAt.UnixMilli(), now, c.id)
		if err != nil {
			return err
		}
	}
	return nil
}

func (in *ingest) saveContactLanguages(items []*item) error {
	done := map[*contactState]bool{}
	for _, it := range items {
		c := it.contact
		if c == nil || done[c] || c.language == "" {
			continue
		}
		done[c] = true
		if _, err := in.stmts["language"].ExecContext(in.ctx, c.language, formatTime(in.tx.Now), c.id, c.language); err != nil {
			return err
		}
	}
	return nil
}

func preview(text string) string {
	if utf8.RuneCountInString(text) <= previewRunes {
		return text
	}
	return string([]rune(text)[:previewRunes]) + "…"
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func nullTime(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t, err := parseTime(s.String)
	if err != nil {
		return nil
	}
	return &t
}

func timeOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
