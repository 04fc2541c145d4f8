package sqlite

import (
	"context"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tend/backend"
)

// Search limits.
const (
	DefaultSearchPage = 50
	maxSearchPage     = 200
	maxQueryBytes     = 1000
	// minPrefixRunes keeps prefix matching ("rembour" finds "remboursement") to words long enough
	// not to expand into half the vocabulary.
	minPrefixRunes = 3
)

// searchQuery is a parsed search: free words and phrases for full-text matching, operators for
// filtering.
type searchQuery struct {
	words    []string // each matched as a phrase of its tokens
	phrases  []string
	prefix   bool // the last word is still being typed: match it as a prefix
	from     []string
	channels []string
	intents  []string
	statuses []string
	kinds    []string
	flags    []string // is:escalated, is:unanswered
}

var searchStatuses = map[string]string{"open": backend.StatusOpen, "pending": backend.StatusPending,
	"snoozed": backend.StatusSnoozed, "resolved": backend.StatusResolved}

var searchKinds = map[string]string{"dm": "dm", "comment": "comment_thread", "comments": "comment_thread",
	"comment_thread": "comment_thread", "live": "live_chat", "live_chat": "live_chat"}

// parseSearch reads words, "quoted phrases" and the operators from:@handle, channel:, intent:,
// kind: and is:. An unclosed quote runs to the end. Unknown operator names are plain words.
func parseSearch(raw string) (searchQuery, error) {
	var q searchQuery
	if len(raw) > maxQueryBytes || !utf8.ValidString(raw) {
		return q, backend.Errorf(backend.EINVALID, "A search is at most %d bytes of text.", maxQueryBytes)
	}
	q.prefix = raw != "" && !unicode.IsSpace(rune(raw[len(raw)-1]))
	rest := strings.TrimSpace(raw)
	for rest != "" {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			phrase := rest[1:]
			if end >= 0 {
				phrase, rest = rest[1:1+end], rest[2+end:]
			} else {
				rest = ""
			}
			if hasWordChar(phrase) {
				q.phrases = append(q.phrases, phrase)
			}
			q.prefix = false
			rest = strings.TrimSpace(rest)
			continue
		}
		token := rest
		if i := strings.IndexFunc(rest, unicode.IsSpace); i >= 0 {
			token, rest = rest[:i], strings.TrimSpace(rest[i:])
		} else {
			rest = ""
		}
		if err := q.addToken(token); err != nil {
			return q, err
		}
	}
	return q, nil
}

func (q *searchQuery) addToken(token string) error {
	name, value, isOperator := strings.Cut(token, ":")
	name = strings.ToLower(name)
	if !isOperator || value == "" {
		if hasWordChar(token) {
			q.words = append(q.words, token)
		}
		return nil
	}
	lower := strings.ToLower(value)
	switch name {
	case "from":
		q.from = append(q.from, strings.TrimPrefix(value, "@"))
	case "channel":
		q.channels = append(q.channels, lower)
	case "intent":
		if err := backend.Intent(lower).Validate(); err != nil {
			return backend.Errorf(backend.EINVALID, "Unknown intent %q in the search: use sale, support, spam, danger or other.", value).
				Localized("search_intent_unknown", "intent", value)
		}
		q.intents = append(q.intents, lower)
	case "kind":
		kind, ok := searchKinds[lower]
		if !ok {
			return backend.Errorf(backend.EINVALID, "Unknown kind %q in the search: use dm, comment or live.", value).
				Localized("search_kind_unknown", "kind", value)
		}
		q.kinds = append(q.kinds, kind)
	case "is":
		if status, ok := searchStatuses[lower]; ok {
			q.statuses = append(q.statuses, status)
		} else if lower == "escalated" || lower == "unanswered" {
			q.flags = append(q.flags, lower)
		} else {
			return backend.Errorf(backend.EINVALID, "Unknown is:%s in the search: use open, pending, snoozed, resolved, escalated or unanswered.", value).
				Localized("search_is_unknown", "value", value)
		}
	default:
		if hasWordChar(token) {
			q.words = append(q.words, token)
		}
	}
	return nil
}

func hasWordChar(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// match returns the FTS5 expression: every word and phrase must occur. Each is quoted so that
// FTS syntax typed by the user ("AND", "*", "-") is searched for, not obeyed.
func (q searchQuery) match() string {
	var parts []string
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	for i, w := range q.words {
		part := quote(w)
		if q.prefix && i == len(q.words)-1 && utf8.RuneCountInString(w) >= minPrefixRunes && !strings.ContainsAny(w, "'’") {
			part += "*"
		}
		parts = append(parts, part)
	}
	for _, p := range q.phrases {
		parts = append(parts, quote(p))
	}
	return strings.Join(parts, " AND ")
}

func (q searchQuery) empty() bool {
	return len(q.words)+len(q.phrases)+len(q.from)+len(q.channels)+len(q.intents)+len(q.statuses)+len(q.kinds)+len(q.flags) == 0
}

// filters returns the operators as SQL conditions on m (messages) and c (conversations).
func (q searchQuery) filters() *where {
	w := &where{}
	if len(q.from) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(q.from)), ", ")
		args := make([]any, len(q.from))
		for i, h := range q.from {
			args[i] = h
		}
		w.add("m.author_contact_id IN (SELECT contact_id FROM contact_identities WHERE handle COLLATE NOCASE IN ("+marks+"))", args...)
	}
	if len(q.channels) > 0 {
		var ors []string
		var args []any
		for _, c := range q.channels {
			ors = append(ors, "platform = ? OR lower(name) LIKE ? OR lower(account) = ? OR id = ?")
			id, _ := strconv.ParseInt(c, 10, 64)
			args = append(args, c, "%"+c+"%", strings.TrimPrefix(c, "@"), id)
		}
		// A subquery the engine runs once, rather than a join matched on every hit.
		w.add("c.channel_id IN (SELECT id FROM channels WHERE "+strings.Join(ors, " OR ")+")", args...)
	}
	in(w, "m.triage ->> '$.intent'", q.intents)
	in(w, "c.status", q.statuses)
	in(w, "c.kind", q.kinds)
	for _, f := range q.flags {
		switch f {
		case "escalated":
			w.add("c.escalated = 1")
		case "unanswered":
			w.add("c.awaiting_since IS NOT NULL")
		}
	}
	return w
}

// Search finds messages, most recently received first. Ranking every hit by relevance costs
// hundreds of milliseconds for common words on a large workspace; walking the full-text index
// from the newest message and stopping at a page costs a few, and recent is what an inbox wants.
func (s *InboxService) Search(ctx context.Context, query string, cursor string, limit int) (backend.SearchPage, error) {
	page := backend.SearchPage{Results: []backend.SearchResult{}}
	q, err := parseSearch(query)
	if err != nil {
		return page, err
	}
	if q.empty() {
		return page, backend.Errorf(backend.EINVALID, "Type words to search for.").Localized("search_empty")
	}
	if limit == 0 {
		limit = DefaultSearchPage
	}
	if limit < 0 || limit > maxSearchPage {
		return page, backend.Errorf(backend.EINVALID, "A search page holds 1 to %d results.", maxSearchPage)
	}
	var before int64
	if cursor != "" {
		if before, err = strconv.ParseInt(cursor, 10, 64); err != nil || before <= 0 {
			return page, backend.Errorf(backend.EINVALID, "Invalid search cursor.")
		}
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return page, err
	}
	w := q.filters()
	var sqlText string
	var args []any
	if match := q.match(); match != "" {
		// Join only when an operator filters on the message or its conversation: for plain words
		// the full-text index alone gives the page.
		joins := ""
		if len(w.conds) > 0 {
			joins = ` CROSS JOIN messages m ON m.id = messages_fts.rowid
			CROSS JOIN conversations c ON c.id = m.conversation_id`
		}
		sqlText = `SELECT messages_fts.rowid, snippet(messages_fts, 0, ?, ?, '…', 24) FROM messages_fts` + joins + `
			WHERE messages_fts MATCH ?`
		args = []any{backend.SnippetStart, backend.SnippetEnd, match}
		if before > 0 {
			sqlText += " AND messages_fts.rowid < ?"
			args = append(args, before)
		}
		sqlText += strings.Replace(w.sql(), " WHERE ", " AND ", 1) + " ORDER BY messages_fts.rowid DESC LIMIT ?"
	} else {
		sqlText = `SELECT m.id, '' FROM messages m CROSS JOIN conversations c ON c.id = m.conversation_id`
		if before > 0 {
			w.add("m.id < ?", before)
		}
		sqlText += w.sql() + " ORDER BY m.id DESC LIMIT ?"
	}
	args = append(append(args, w.args...), limit+1)
	err = db.Read(ctx, func(tx *Tx) error {
		type hit struct {
			id      int64
			snippet string
		}
		var hits []hit
		rows, err := tx.QueryContext(ctx, sqlText, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var h hit
			if err := rows.Scan(&h.id, &h.snippet); err != nil {
				rows.Close()
				return err
			}
			hits = append(hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(hits) > limit {
			hits = hits[:limit]
			page.NextCursor = strconv.FormatInt(hits[limit-1].id, 10)
		}
		ids := make([]int64, len(hits))
		for i, h := range hits {
			ids[i] = h.id
		}
		// One query for the page's messages and one for their conversations.
		messages, err := findMessages(ctx, tx, `WHERE m.id IN (SELECT value FROM json_each(?))`, jsonText(ids))
		if err != nil {
			return err
		}
		byID := make(map[int64]backend.Message, len(messages))
		convIDs := []int64{}
		for _, m := range messages {
			byID[m.ID] = m
			convIDs = append(convIDs, m.ConversationID)
		}
		conversations, err := findConversations(ctx, tx, convIDs)
		if err != nil {
			return err
		}
		for _, h := range hits {
			m := byID[h.id]
			snippet := h.snippet
			if snippet == "" {
				snippet = preview(m.Text)
			}
			page.Results = append(page.Results, backend.SearchResult{Message: m, Conversation: conversations[m.ConversationID], Snippet: snippet})
		}
		return nil
	})
	if err != nil {
		return backend.SearchPage{Results: []backend.SearchResult{}}, err
	}
	return page, nil
}
