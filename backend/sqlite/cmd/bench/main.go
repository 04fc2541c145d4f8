// Command bench measures the inbox at scale: it generates a workspace of 1,000,000 messages in
// 200,000 conversations and prints one "BENCH name value unit" line per figure (make bench).
//
//	go run ./backend/sqlite/cmd/bench [-messages 1000000] [-conversations 200000] [-dir DIR]
//
// Figures: ingest+triage throughput against a raw batched insert of the same rows (same driver,
// same full-text index) in the same run; triage alone on one core; inbox first page and search
// first page latencies (p95); and, in a fresh process, the time from opening the workspace to
// its first page and the process's peak memory.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"tend/assets"
	"tend/backend"
	"tend/backend/event"
	"tend/backend/reply"
	"tend/backend/sqlite"
	"tend/backend/triage"
)

func main() {
	messages := flag.Int("messages", 1_000_000, "messages to generate")
	conversations := flag.Int("conversations", 200_000, "conversations to spread them over")
	dir := flag.String("dir", "", "folder for the benchmark workspaces (default: a temporary folder, removed after)")
	queriesOnly := flag.Bool("queries-only", false, "reuse the workspace an earlier run left in -dir: time the queries and the fresh open only")
	measureOpen := flag.String("measure-open", "", "internal: open this workspace in a fresh process and report")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the run to `FILE`")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	if *measureOpen != "" {
		if err := openAndReport(*measureOpen); err != nil {
			fail(err)
		}
		return
	}
	if *queriesOnly {
		if *dir == "" {
			fail(fmt.Errorf("-queries-only needs the -dir of an earlier run"))
		}
		if err := rerunQueries(*dir, *conversations); err != nil {
			fail(err)
		}
		return
	}
	if err := run(*messages, *conversations, *dir); err != nil {
		pprof.StopCPUProfile()
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

func report(name string, value float64, unit string) {
	fmt.Printf("BENCH %s %.2f %s\n", name, value, unit)
}

func newEngine() (*triage.Engine, error) { return triage.NewShippedEngine(backend.DefaultSLAPolicy()) }

const batchSize = 10_000

func run(total, conversations int, dir string) error {
	ctx := context.Background()
	if dir == "" {
		tmp, err := os.MkdirTemp("", "tend-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	fmt.Printf("generating %d messages in %d conversations under %s\n", total, conversations, dir)
	gen := newGenerator(conversations)
	batches := make([][]backend.IncomingMessage, 0, total/batchSize+1)
	for start := 0; start < total; start += batchSize {
		batches = append(batches, gen.batch(min(batchSize, total-start)))
	}

	if err := benchTriage(batches); err != nil {
		return err
	}
	rawRate, err := benchRawInsert(ctx, filepath.Join(dir, "raw.db"), batches)
	if err != nil {
		return err
	}
	ws := sqlite.NewWorkspaces(dir, event.NewHub(), nil)
	if _, err := ws.Start(ctx, "bench", ""); err != nil {
		return err
	}
	inbox := sqlite.NewInboxService(ws, event.NewHub(), func() (backend.Triager, error) { return newEngine() })
	for _, c := range gen.channels {
		if _, err := inbox.CreateChannel(ctx, c); err != nil {
			return err
		}
	}
	start := time.Now()
	for i, b := range batches {
		if _, err := inbox.Ingest(ctx, b); err != nil {
			return fmt.Errorf("ingest batch %d: %w", i, err)
		}
	}
	ingestRate := float64(total) / time.Since(start).Seconds()
	report("ingest_triage_throughput", ingestRate, "msg/s")
	report("raw_insert_throughput", rawRate, "msg/s")
	report("ingest_vs_raw_ratio", ingestRate/rawRate, "x")

	if err := benchQueries(ctx, inbox, gen); err != nil {
		return err
	}
	if err := benchReplies(ctx, ws, inbox, conversations); err != nil {
		return err
	}
	if err := ws.Close(); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(self, "-measure-open", ws.PathOf("bench"))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

// rerunQueries times the queries and the fresh open on the workspace an earlier run left in dir.
func rerunQueries(dir string, conversations int) error {
	ctx := context.Background()
	ws := sqlite.NewWorkspaces(dir, event.NewHub(), nil)
	if _, err := ws.Start(ctx, "bench", ""); err != nil {
		return err
	}
	inbox := sqlite.NewInboxService(ws, event.NewHub(), func() (backend.Triager, error) { return newEngine() })
	if err := benchQueries(ctx, inbox, newGenerator(conversations)); err != nil {
		return err
	}
	if err := ws.Close(); err != nil {
		return err
	}
	return openAndReport(ws.PathOf("bench"))
}

// benchTriage times the classifier alone on one core over the generated inbound texts.
func benchTriage(batches [][]backend.IncomingMessage) error {
	engine, err := newEngine()
	if err != nil {
		return err
	}
	var inputs []backend.TriageInput
	for _, b := range batches {
		for _, m := range b {
			if m.Direction == backend.DirectionIn && len(inputs) < 200_000 {
				inputs = append(inputs, backend.TriageInput{Text: m.Text, Kind: m.Kind, Received: m.SentAt})
			}
		}
	}
	previous := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(previous)
	start := time.Now()
	for _, in := range inputs {
		engine.Triage(in)
	}
	report("triage_one_core", float64(len(inputs))/time.Since(start).Seconds(), "msg/s")
	return nil
}

// benchRawInsert inserts the same message rows ingest writes — triage columns included, computed
// beforehand — straight into messages and its full-text index, in transactions of one batch, with
// the conversations created beforehand (untimed): the floor that ingest's deduplication,
// threading, contacts, conversation summaries and triage are compared with.
func benchRawInsert(ctx context.Context, path string, batches [][]backend.IncomingMessage) (float64, error) {
	engine, err := newEngine()
	if err != nil {
		return 0, err
	}
	type triaged struct {
		result, context string
		priority        int
		due             any
		escalate        bool
	}
	labels := make([][]*triaged, len(batches))
	for i, b := range batches {
		labels[i] = make([]*triaged, len(b))
		for j, m := range b {
			if m.Direction != backend.DirectionIn {
				continue
			}
			in := backend.TriageInput{Kind: m.Kind, Received: m.SentAt}
			res := engine.Triage(backend.TriageInput{Text: m.Text, Kind: m.Kind, Received: m.SentAt})
			t := &triaged{result: mustJSON(res), context: mustJSON(in), priority: backend.PriorityRank(res.Priority), escalate: res.Escalate}
			if res.SLADue != nil {
				t.due = res.SLADue.UTC().Format(time.RFC3339Nano)
			}
			labels[i][j] = t
		}
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{Create: true})
	if err != nil {
		return 0, err
	}
	db.Close()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_txlock=immediate")
	if err != nil {
		return 0, err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	if _, err := raw.ExecContext(ctx, `INSERT INTO channels (id, platform, account, name, kind, created_at) VALUES (1, 'instagram', 'raw', 'raw', 'sandbox', '')`); err != nil {
		return 0, err
	}
	threads := map[string]int64{}
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	for _, b := range batches {
		for _, m := range b {
			key := strconv.FormatInt(m.ChannelID, 10) + "/" + m.ThreadKey
			if _, ok := threads[key]; ok {
				continue
			}
			id := int64(len(threads) + 1)
			threads[key] = id
			if _, err := tx.ExecContext(ctx, `INSERT INTO conversations (id, channel_id, kind, thread_key, last_message_at, created_at, updated_at)
				VALUES (?, 1, ?, ?, '', '', '')`, id, m.Kind, key); err != nil {
				return 0, err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	start := time.Now()
	n := 0
	for i, b := range batches {
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			return 0, err
		}
		insert, err := tx.PrepareContext(ctx, `INSERT INTO messages (conversation_id, channel_id, platform_message_id, direction,
			author_name, author_handle, text, sent_at, received_at, reply_to, attachments, triage, triage_context, priority,
			sla_due_at, escalate) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)`)
		if err != nil {
			return 0, err
		}
		fts, err := tx.PrepareContext(ctx, `INSERT INTO messages_fts (rowid, text) VALUES (?, ?)`)
		if err != nil {
			return 0, err
		}
		for j, m := range b {
			var result, context, priority, due any
			escalate := false
			if t := labels[i][j]; t != nil {
				result, context, priority, due, escalate = t.result, t.context, t.priority, t.due, t.escalate
			}
			res, err := insert.ExecContext(ctx, threads[strconv.FormatInt(m.ChannelID, 10)+"/"+m.ThreadKey], m.PlatformMessageID+"/"+strconv.FormatInt(m.ChannelID, 10),
				m.Direction, m.Author.DisplayName, m.Author.Handle, m.Text, m.SentAt.UTC().Format(time.RFC3339Nano), now, m.ReplyTo,
				result, context, priority, due, escalate)
			if err != nil {
				return 0, err
			}
			id, _ := res.LastInsertId()
			if _, err := fts.ExecContext(ctx, id, m.Text); err != nil {
				return 0, err
			}
			n++
		}
		insert.Close()
		fts.Close()
		if err := tx.Commit(); err != nil {
			return 0, err
		}
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

func mustJSON(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(raw)
}

// p95 runs fn rounds times and returns the 95th percentile latency in milliseconds.
func p95(rounds int, fn func() error) (float64, error) {
	d := make([]time.Duration, 0, rounds)
	for range rounds {
		start := time.Now()
		if err := fn(); err != nil {
			return 0, err
		}
		d = append(d, time.Since(start))
	}
	slices.Sort(d)
	return float64(d[rounds*95/100].Microseconds()) / 1000, nil
}

func benchQueries(ctx context.Context, inbox *sqlite.InboxService, gen *generator) error {
	channels, err := inbox.ListChannels(ctx)
	if err != nil {
		return err
	}
	pages := []struct {
		name string
		f    backend.ConversationFilter
	}{
		{"inbox_first_page_all_p95", backend.ConversationFilter{}},
		{"inbox_first_page_open_p95", backend.ConversationFilter{Statuses: []string{backend.StatusOpen}}},
		{"inbox_first_page_open_pending_p95", backend.ConversationFilter{Statuses: []string{backend.StatusOpen, backend.StatusPending}}},
		{"inbox_first_page_channel_filter_p95", backend.ConversationFilter{Statuses: []string{backend.StatusOpen}, ChannelIDs: []int64{channels[2].ID}}},
		{"inbox_first_page_intent_filter_p95", backend.ConversationFilter{Statuses: []string{backend.StatusOpen}, Intents: []backend.Intent{backend.IntentSupport}}},
		{"inbox_first_page_breached_p95", backend.ConversationFilter{Statuses: []string{backend.StatusOpen}, SLA: "breached"}},
	}
	for _, p := range pages {
		var got int
		ms, err := p95(200, func() error {
			page, err := inbox.ListConversations(ctx, p.f)
			got = len(page.Conversations)
			return err
		})
		if err != nil {
			return err
		}
		if got != sqlite.DefaultPageSize {
			return fmt.Errorf("%s: first page has %d rows", p.name, got)
		}
		report(p.name, ms, "ms")
	}
	for _, q := range gen.searches() {
		ms, err := p95(100, func() error {
			_, err := inbox.Search(ctx, q.query, "", 50)
			return err
		})
		if err != nil {
			return err
		}
		report("search_first_page_"+q.name+"_p95", ms, "ms")
	}
	return nil
}

// benchReplies times the built-in drafter on the generated workspace (gathering the conversation,
// its contact and the templates included), and the outbox: composing, submitting and sending
// replies through a sandbox channel, each step one transaction with its audit entry.
func benchReplies(ctx context.Context, ws *sqlite.Workspaces, inbox *sqlite.InboxService, conversations int) error {
	hub := event.NewHub()
	settings := sqlite.NewSettingsService(ws, hub, backend.Settings{Languages: []string{"fr", "en"}, TimeZone: "Europe/Paris", Theme: "system"})
	library, err := reply.ParseLibrary(assets.Templates)
	if err != nil {
		return err
	}
	templates := sqlite.NewTemplateService(ws, hub, settings, library)
	replies := sqlite.NewReplyService(ws, sqlite.ReplyOptions{Events: hub, Templates: templates, Senders: sqlite.NewSandboxSenders(ws), Actor: "bench"})
	rng := rand.New(rand.NewPCG(7, 7))
	var drafted []int64
	ms, err := p95(500, func() error {
		id := int64(1 + rng.IntN(conversations))
		_, err := templates.DraftReply(ctx, id)
		if backend.ErrorCode(err) == backend.ENOTFOUND {
			return nil // spam, or no message from the contact: nothing to draft
		}
		drafted = append(drafted, id)
		return err
	})
	if err != nil {
		return err
	}
	report("draft_builtin_p95", ms, "ms")
	if len(drafted) < 250 {
		return fmt.Errorf("only %d of 500 conversations got a draft", len(drafted))
	}

	const sends = 500
	start := time.Now()
	for range sends {
		d, err := replies.CreateDraft(ctx, backend.NewDraft{ConversationID: drafted[rng.IntN(len(drafted))], Mode: backend.DraftModeBlank})
		if err != nil {
			return err
		}
		if _, err := replies.SubmitReply(ctx, d.ID, backend.SubmitReply{Text: "Merci pour votre message, nous revenons vers vous rapidement."}); err != nil {
			return err
		}
	}
	if _, err := replies.SendDue(ctx); err != nil {
		return err
	}
	report("reply_compose_submit_send", float64(time.Since(start).Microseconds())/1000/sends, "ms/reply")
	page, err := replies.ListReplies(ctx, backend.ReplyFilter{States: []backend.ReplyState{backend.ReplySent}, Limit: 1})
	if err != nil || len(page.Replies) == 0 {
		return fmt.Errorf("no reply was sent: %v", err)
	}
	start = time.Now()
	v, err := sqlite.NewAuditService(ws).VerifyAudit(ctx)
	if err != nil || !v.OK {
		return fmt.Errorf("audit chain: %+v %v", v, err)
	}
	report("audit_verify_per_entry", float64(time.Since(start).Microseconds())/float64(v.Entries), "µs")
	return nil
}

// openAndReport opens the workspace in this fresh process, shows its first page, runs the usual
// queries and reports the time to first page and the peak resident memory.
func openAndReport(path string) error {
	ctx := context.Background()
	start := time.Now()
	ws := sqlite.NewWorkspaces(filepath.Dir(path), event.NewHub(), nil)
	if _, err := ws.Start(ctx, strings.TrimSuffix(filepath.Base(path), ".db"), ""); err != nil {
		return err
	}
	defer ws.Close()
	inbox := sqlite.NewInboxService(ws, event.NewHub(), func() (backend.Triager, error) { return newEngine() })
	page, err := inbox.ListConversations(ctx, backend.ConversationFilter{Statuses: []string{backend.StatusOpen}})
	if err != nil {
		return err
	}
	if len(page.Conversations) == 0 {
		return fmt.Errorf("first page is empty")
	}
	report("open_to_first_page", float64(time.Since(start).Microseconds())/1000, "ms")
	// A working session: browse, open conversations, search, then read the peak memory.
	for range 20 {
		if page, err = inbox.ListConversations(ctx, backend.ConversationFilter{Cursor: page.NextCursor}); err != nil {
			return err
		}
		for _, c := range page.Conversations[:5] {
			if _, err := inbox.GetConversation(ctx, c.ID); err != nil {
				return err
			}
		}
	}
	for _, q := range []string{"commande", "the order", "remboursement", "prix"} {
		if _, err := inbox.Search(ctx, q, "", 50); err != nil {
			return err
		}
	}
	if _, err := inbox.Ingest(ctx, newGenerator(10).batch(100)); err != nil {
		return err
	}
	rss, err := peakRSS()
	if err != nil {
		return err
	}
	report("backend_peak_rss", rss, "MB")
	return nil
}

// peakRSS reads the process's peak resident set size (Linux /proc).
func peakRSS() (float64, error) {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("peak memory needs Linux /proc: %w", err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/self/status")
}
