package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"tend/backend"
)

// Export formats.
const (
	ExportJSONL = "jsonl" // one JSON object per line, keys in column order
	ExportCSV   = "csv"   // RFC 4180 with a header line (LF line ends)
)

// Export kinds: what an export holds.
const (
	ExportMessages      = "messages"
	ExportConversations = "conversations"
	ExportContacts      = "contacts"
)

// ExportKinds are the kinds Export writes.
var ExportKinds = []string{ExportMessages, ExportConversations, ExportContacts}

// exportColumns are each kind's columns: the CSV header, and the keys of each JSONL object in
// this order.
var exportColumns = map[string][]string{
	ExportMessages: {"id", "conversation_id", "channel", "platform", "kind", "thread", "platform_message_id", "direction",
		"author_contact_id", "author_name", "author_handle", "text", "sent_at", "reply_to", "intent", "sentiment", "language",
		"priority"},
	ExportConversations: {"id", "channel", "platform", "kind", "thread", "contact_id", "contact_name", "status", "assignee",
		"priority", "intent", "sentiment", "language", "tags", "message_count", "first_inbound_at", "first_response_at",
		"resolved_at", "last_message_at"},
	ExportContacts: {"id", "display_name", "language", "tags", "influencer", "vip", "follower_count", "identities",
		"automation_opt_out", "fields"},
}

// ExportColumns returns the columns of an export kind, nil for an unknown kind.
func ExportColumns(kind string) []string { return slices.Clone(exportColumns[kind]) }

// CheckExportFormat returns EINVALID unless format is an export format.
func CheckExportFormat(format string) error {
	if format == ExportJSONL || format == ExportCSV {
		return nil
	}
	return backend.Errorf(backend.EINVALID, "Unknown export format %q: use jsonl or csv.", format).
		Localized("export_format_unknown", "format", format)
}

// CheckExportKind returns EINVALID unless kind is an export kind.
func CheckExportKind(kind string) error {
	if slices.Contains(ExportKinds, kind) {
		return nil
	}
	return backend.Errorf(backend.EINVALID, "Unknown export %q: use messages, conversations or contacts.", kind).
		Localized("export_kind_unknown", "kind", kind)
}

// ExportService writes the open workspace's inbox out, for spreadsheets, BI tools and backups.
// Each export streams rows from one read snapshot, in id order, so that memory stays flat
// whatever the workspace's size and two exports of unchanged data are identical. Secrets are not
// in the database and so never in an export.
type ExportService struct {
	workspaces *Workspaces
}

// NewExportService returns the exports of whichever workspace is open in ws.
func NewExportService(ws *Workspaces) *ExportService { return &ExportService{workspaces: ws} }

// Export writes the export of kind (see ExportKinds) as format to w. since limits a messages
// export to the messages sent at or after it; the zero time exports them all.
func (s *ExportService) Export(ctx context.Context, w io.Writer, kind, format string, since time.Time) error {
	switch kind {
	case ExportMessages:
		return s.ExportMessages(ctx, w, format, since)
	case ExportConversations:
		return s.ExportConversations(ctx, w, format)
	case ExportContacts:
		return s.ExportContacts(ctx, w, format)
	}
	return CheckExportKind(kind)
}

// ExportMessages writes every message, or those sent at or after since when it is not zero, in
// id order (the order they were stored). Triage columns are null for outbound messages.
func (s *ExportService) ExportMessages(ctx context.Context, w io.Writer, format string, since time.Time) error {
	query := `SELECT m.id, m.conversation_id, ch.name, ch.platform, c.kind, c.thread_key, m.platform_message_id, m.direction,
		m.author_contact_id, m.author_name, m.author_handle, m.text, m.sent_at, m.reply_to,
		json_extract(m.triage, '$.intent'), json_extract(m.triage, '$.sentiment'), json_extract(m.triage, '$.language'), m.priority
		FROM messages m CROSS JOIN conversations c ON c.id = m.conversation_id CROSS JOIN channels ch ON ch.id = m.channel_id`
	var args []any
	if !since.IsZero() {
		query += ` WHERE m.sent_at >= ?`
		args = append(args, formatTime(since))
	}
	query += ` ORDER BY m.id`
	var (
		id, conversation                                           int64
		channel, platform, convKind, thread, platformID, direction string
		author                                                     sql.NullInt64
		authorName, authorHandle, text, sentAt, replyTo            string
		intent, sentiment, language                                sql.NullString
		priority                                                   sql.NullInt64
	)
	return s.export(ctx, w, format, ExportMessages, query, args, func(rows *sql.Rows, v []any) error {
		if err := rows.Scan(&id, &conversation, &channel, &platform, &convKind, &thread, &platformID, &direction, &author,
			&authorName, &authorHandle, &text, &sentAt, &replyTo, &intent, &sentiment, &language, &priority); err != nil {
			return err
		}
		v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7] = id, conversation, channel, platform, convKind, thread, platformID, direction
		v[8], v[9], v[10], v[11], v[12], v[13] = nullInt(author), authorName, authorHandle, text, storedTime(sentAt), replyTo
		v[14], v[15], v[16], v[17] = nullString(intent), nullString(sentiment), nullString(language), nullPriority(priority)
		return nil
	})
}

// ExportConversations writes every conversation in id order; tags are sorted.
func (s *ExportService) ExportConversations(ctx context.Context, w io.Writer, format string) error {
	const query = `SELECT c.id, ch.name, ch.platform, c.kind, c.thread_key, c.contact_id, coalesce(ct.display_name, ''),
		c.status, c.assignee, c.priority, c.intent, c.sentiment, c.language,
		(SELECT json_group_array(tag) FROM (SELECT tag FROM conversation_tags WHERE conversation_id = c.id ORDER BY tag)),
		c.message_count, c.first_inbound_at, c.first_response_at, c.resolved_at, c.last_message_at
		FROM conversations c CROSS JOIN channels ch ON ch.id = c.channel_id LEFT JOIN contacts ct ON ct.id = c.contact_id
		ORDER BY c.id`
	var (
		id, priority, count                                         int64
		channel, platform, kind, thread, contactName                string
		contact                                                     sql.NullInt64
		status, assignee, intent, sentiment, language, tags, lastAt string
		firstIn, firstResponse, resolved                            sql.NullString
	)
	return s.export(ctx, w, format, ExportConversations, query, nil, func(rows *sql.Rows, v []any) error {
		if err := rows.Scan(&id, &channel, &platform, &kind, &thread, &contact, &contactName, &status, &assignee, &priority,
			&intent, &sentiment, &language, &tags, &count, &firstIn, &firstResponse, &resolved, &lastAt); err != nil {
			return err
		}
		var tagList []string
		if err := json.Unmarshal([]byte(tags), &tagList); err != nil {
			return fmt.Errorf("conversation %d tags: %w", id, err)
		}
		v[0], v[1], v[2], v[3], v[4], v[5], v[6] = id, channel, platform, kind, thread, nullInt(contact), contactName
		v[7], v[8], v[9], v[10], v[11], v[12] = status, assignee, string(backend.PriorityOfRank(int(priority))), intent, sentiment, language
		v[13], v[14], v[15], v[16], v[17], v[18] = exportTags(tagList), count, nullStoredTime(firstIn), nullStoredTime(firstResponse),
			nullStoredTime(resolved), storedTime(lastAt)
		return nil
	})
}

// ExportContacts writes every contact in id order: tags sorted, identities in the order they were
// learnt, custom fields by name.
func (s *ExportService) ExportContacts(ctx context.Context, w io.Writer, format string) error {
	const query = `SELECT ct.id, ct.display_name, ct.language,
		(SELECT json_group_array(tag) FROM (SELECT tag FROM contact_tags WHERE contact_id = ct.id ORDER BY tag)),
		ct.influencer, ct.vip, ct.follower_count,
		(SELECT json_group_array(json_array(platform, platform_user_id, handle))
			FROM (SELECT platform, platform_user_id, handle FROM contact_identities WHERE contact_id = ct.id ORDER BY id)),
		ct.automation_opt_out,
		(SELECT json_group_object(name, value) FROM (SELECT name, value FROM contact_fields WHERE contact_id = ct.id ORDER BY name))
		FROM contacts ct ORDER BY ct.id`
	var (
		id                                int64
		name, language, tags, ids, fields string
		influencer, vip, optOut           bool
		followers                         sql.NullInt64
	)
	return s.export(ctx, w, format, ExportContacts, query, nil, func(rows *sql.Rows, v []any) error {
		if err := rows.Scan(&id, &name, &language, &tags, &influencer, &vip, &followers, &ids, &optOut, &fields); err != nil {
			return err
		}
		var tagList []string
		var identities [][3]string
		fieldMap := map[string]string{}
		for _, d := range []struct {
			what string
			raw  string
			into any
		}{{"tags", tags, &tagList}, {"identities", ids, &identities}, {"fields", fields, &fieldMap}} {
			if err := json.Unmarshal([]byte(d.raw), d.into); err != nil {
				return fmt.Errorf("contact %d %s: %w", id, d.what, err)
			}
		}
		list := make([]exportIdentity, len(identities))
		for i, x := range identities {
			list[i] = exportIdentity{Platform: x[0], UserID: x[1], Handle: x[2]}
		}
		v[0], v[1], v[2], v[3], v[4], v[5] = id, name, language, exportTags(tagList), influencer, vip
		v[6], v[7], v[8], v[9] = nullInt(followers), list, optOut, exportFields(fieldMap)
		return nil
	})
}

// LastMessageID returns the id of the newest stored message, 0 when there is none. With
// CountMessagesAfter it tells what a sync stored (tend sync --once).
func (s *ExportService) LastMessageID(ctx context.Context) (int64, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.Read(ctx, func(tx *Tx) error {
		return tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM messages`).Scan(&id)
	})
	return id, err
}

// CountMessagesAfter counts the messages stored after the message afterID, by channel id. Message
// ids only grow, so these are the messages stored since LastMessageID returned afterID.
func (s *ExportService) CountMessagesAfter(ctx context.Context, afterID int64) (map[int64]int, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, err
	}
	out := map[int64]int{}
	err = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT channel_id, count(*) FROM messages WHERE id > ? GROUP BY channel_id`, afterID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var channel int64
			var n int
			if err := rows.Scan(&channel, &n); err != nil {
				return err
			}
			out[channel] = n
		}
		return rows.Err()
	})
	return out, err
}

// export streams the rows of query, each turned into column values by scan, as format to w.
func (s *ExportService) export(ctx context.Context, w io.Writer, format, kind, query string, args []any,
	scan func(rows *sql.Rows, values []any) error) error {
	if err := CheckExportFormat(format); err != nil {
		return err
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return err
	}
	columns := exportColumns[kind]
	writeFailed := func(err error) error {
		return backend.Wrap(backend.EUNAVAILABLE, err, "Cannot write the export.").Localized("export_write")
	}
	return db.Read(ctx, func(tx *Tx) error {
		out := newRecordWriter(w, format, columns)
		if err := out.header(); err != nil {
			return writeFailed(err)
		}
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		values := make([]any, len(columns))
		for rows.Next() {
			if err := scan(rows, values); err != nil {
				return err
			}
			if err := out.write(values); err != nil {
				return writeFailed(err)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if err := out.flush(); err != nil {
			return writeFailed(err)
		}
		return nil
	})
}

// Column values. A value is a string, an int64, a bool, nil (null; empty in CSV), a time.Time
// (RFC 3339 UTC), exportTags, exportFields or []exportIdentity.
type (
	// exportTags are a JSON array, semicolon-joined in CSV.
	exportTags []string
	// exportFields are a JSON object by name, in CSV too (empty when there are none).
	exportFields map[string]string
	// exportIdentity is {"platform","user_id","handle"} in JSON, platform:user_id:handle in CSV
	// (identities semicolon-joined).
	exportIdentity struct {
		Platform string `json:"platform"`
		UserID   string `json:"user_id"`
		Handle   string `json:"handle"`
	}
)

func nullInt(n sql.NullInt64) any {
	if !n.Valid {
		return nil
	}
	return n.Int64
}

func nullString(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return s.String
}

func nullPriority(rank sql.NullInt64) any {
	if !rank.Valid {
		return nil
	}
	return string(backend.PriorityOfRank(int(rank.Int64)))
}

// storedTime reads a stored time; text that is not one (only tampering writes it) passes as is.
func storedTime(s string) any {
	if t, err := parseTime(s); err == nil {
		return t
	}
	return s
}

func nullStoredTime(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return storedTime(s.String)
}

// recordWriter writes rows of column values in an export format.
type recordWriter interface {
	header() error
	write(values []any) error
	flush() error
}

func newRecordWriter(w io.Writer, format string, columns []string) recordWriter {
	if format == ExportCSV {
		return &csvRecords{w: csv.NewWriter(w), columns: columns, record: make([]string, len(columns))}
	}
	out := &jsonlRecords{w: bufio.NewWriterSize(w, 64<<10)}
	out.enc = json.NewEncoder(&out.scratch)
	out.enc.SetEscapeHTML(false)
	for _, c := range columns {
		key, _ := json.Marshal(c) // a string always encodes
		out.keys = append(out.keys, string(key)+":")
	}
	return out
}

type jsonlRecords struct {
	w       *bufio.Writer
	keys    []string // `"name":` of each column
	scratch bytes.Buffer
	enc     *json.Encoder
}

func (j *jsonlRecords) header() error { return nil }

func (j *jsonlRecords) write(values []any) error {
	j.w.WriteByte('{')
	for i, v := range values {
		if i > 0 {
			j.w.WriteByte(',')
		}
		j.w.WriteString(j.keys[i])
		if err := j.value(v); err != nil {
			return err
		}
	}
	j.w.WriteString("}\n")
	return nil // bufio keeps the first write error for flush
}

func (j *jsonlRecords) value(v any) error {
	var b [32]byte
	switch x := v.(type) {
	case nil:
		j.w.WriteString("null")
		return nil
	case int64:
		j.w.Write(strconv.AppendInt(b[:0], x, 10))
		return nil
	case bool:
		j.w.Write(strconv.AppendBool(b[:0], x))
		return nil
	case time.Time:
		v = x.UTC().Format(time.RFC3339Nano)
	case exportTags:
		if x == nil {
			x = exportTags{}
		}
		v = []string(x)
	case exportFields:
		if x == nil {
			x = exportFields{}
		}
		v = map[string]string(x) // encoding/json sorts the keys
	}
	j.scratch.Reset()
	if err := j.enc.Encode(v); err != nil {
		return err
	}
	j.w.Write(bytes.TrimSuffix(j.scratch.Bytes(), []byte("\n")))
	return nil
}

func (j *jsonlRecords) flush() error { return j.w.Flush() }

type csvRecords struct {
	w       *csv.Writer
	columns []string
	record  []string
}

func (c *csvRecords) header() error { return c.w.Write(c.columns) }

func (c *csvRecords) write(values []any) error {
	for i, v := range values {
		c.record[i] = csvValue(v)
	}
	return c.w.Write(c.record)
}

func (c *csvRecords) flush() error {
	c.w.Flush()
	return c.w.Error()
}

func csvValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case exportTags:
		return strings.Join(x, ";")
	case exportFields:
		if len(x) == 0 {
			return ""
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(map[string]string(x)) // a map of strings always encodes, keys sorted
		return strings.TrimSuffix(buf.String(), "\n")
	case []exportIdentity:
		parts := make([]string, len(x))
		for i, id := range x {
			parts[i] = id.Platform + ":" + id.UserID + ":" + id.Handle
		}
		return strings.Join(parts, ";")
	}
	panic(fmt.Sprintf("export: no CSV form for %T", v)) // the scanners only make the types above
}
