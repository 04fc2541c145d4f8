// Package audit is the audit trail's hash chain: the canonical form an entry is hashed in, the
// verification of a sequence of entries, and the export formats. It holds no storage.
//
// # Canonical form (version 1)
//
// An entry's Hash is the lowercase hex SHA-256 of its canonical bytes: the tag "tend-audit-v1"
// followed by nine netstrings, one per field, in this order:
//
//	seq        base 10, no leading zeros ("42")
//	at         RFC 3339 in UTC with nanoseconds, trailing zeros trimmed (time.RFC3339Nano)
//	actor
//	action
//	subject
//	reason
//	before     the JSON snapshot without insignificant whitespace (json.Compact); "null" when empty
//	after      likewise
//	prev_hash  the previous entry's hash; Genesis for the first entry
//
// A netstring is the field's length in bytes in base 10, ":", the bytes, and ",": "5:reply,".
// Length prefixes make the encoding unambiguous: no choice of field contents can make two
// different entries share their canonical bytes. Snapshots are hashed compacted, so re-indenting
// them, as a JSON tool may, does not change the hash; any other change of their text does.
//
// # What the chain proves
//
// Each hash covers the previous one, so editing an entry breaks its own hash, and deleting,
// inserting or reordering entries breaks a link or the run of seq numbers; to hide an edit one
// would have to recompute every later hash. A chain alone cannot reveal that its newest entries
// were removed, since what remains is still a valid chain: the store therefore keeps the last
// entry's seq and hash apart (its head) and Verifier.CheckHead compares the end of the chain with
// it. Whoever can rewrite the whole database can also rewrite the head; keeping a copy of the head
// hash elsewhere (a printout, a ticket, an export) makes even that evident.
package audit

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"tend/backend"
)

// Genesis is the PrevHash of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// canonicalTag starts the canonical bytes and names their version.
const canonicalTag = "tend-audit-v1"

// Canonical returns the bytes e's hash is computed over (see the package documentation). It reads
// every field but Hash.
func Canonical(e backend.AuditEntry) []byte {
	var c canonicalizer
	return c.canonical(e)
}

// Hash returns the hex SHA-256 of e's canonical form.
func Hash(e backend.AuditEntry) string {
	var c canonicalizer
	return c.hash(e)
}

// canonicalizer computes canonical forms reusing its buffers, for verifying long trails.
type canonicalizer struct {
	out     []byte
	compact bytes.Buffer
}

func (c *canonicalizer) canonical(e backend.AuditEntry) []byte {
	out := append(c.out[:0], canonicalTag...)
	var num [20]byte
	out = netstring(out, strconv.AppendInt(num[:0], e.Seq, 10))
	var at [len(time.RFC3339Nano) + 8]byte
	out = netstring(out, e.At.UTC().AppendFormat(at[:0], time.RFC3339Nano))
	for _, f := range [...]string{e.Actor, e.Action, e.Subject, e.Reason} {
		out = strconv.AppendInt(out, int64(len(f)), 10)
		out = append(out, ':')
		out = append(out, f...)
		out = append(out, ',')
	}
	out = netstring(out, snapshot(&c.compact, e.Before))
	out = netstring(out, snapshot(&c.compact, e.After))
	out = netstring(out, []byte(e.PrevHash))
	c.out = out
	return out
}

func (c *canonicalizer) hash(e backend.AuditEntry) string {
	sum := sha256.Sum256(c.canonical(e))
	return hex.EncodeToString(sum[:])
}

func netstring(dst, field []byte) []byte {
	dst = strconv.AppendInt(dst, int64(len(field)), 10)
	dst = append(dst, ':')
	dst = append(dst, field...)
	return append(dst, ',')
}

// Snapshot returns the form of a before or after snapshot that is stored and hashed: the JSON
// without insignificant whitespace, "null" when raw is empty or only spaces. Text that is not JSON
// is returned unchanged (it can only come from tampering, and then fails verification).
func Snapshot(raw json.RawMessage) []byte {
	var buf bytes.Buffer
	return bytes.Clone(snapshot(&buf, raw))
}

// snapshot is Snapshot compacting into buf; the result is valid until buf's next use.
func snapshot(buf *bytes.Buffer, raw json.RawMessage) []byte {
	if len(bytes.TrimSpace(raw)) == 0 {
		return []byte("null")
	}
	buf.Reset()
	if err := json.Compact(buf, raw); err != nil {
		return raw
	}
	return buf.Bytes()
}

// Verifier checks a sequence of entries fed in seq order. The zero value is ready; it remembers
// only the last entry, so a trail of any length is verified in constant memory.
type Verifier struct {
	c        canonicalizer
	entries  int64
	lastSeq  int64
	lastHash string
	firstBad int64
	problem  string
}

// Add checks e against its own hash and against the entry before it. It reports whether the trail
// is still sound: after the first problem the following entries are only counted.
func (v *Verifier) Add(e backend.AuditEntry) bool {
	v.entries++
	if v.firstBad != 0 {
		return false
	}
	prevHash := v.lastHash
	if prevHash == "" {
		prevHash = Genesis
	}
	want := v.lastSeq + 1
	switch {
	case e.Seq < 1:
		v.fail(want, fmt.Sprintf("entry %d after entry %d has an invalid number", e.Seq, v.lastSeq))
	case e.Seq <= v.lastSeq:
		v.fail(e.Seq, fmt.Sprintf("entry %d comes after entry %d: the entries are out of order", e.Seq, v.lastSeq))
	case e.Seq > want:
		v.fail(want, missing(want, e.Seq-1, fmt.Sprintf("the trail jumps from entry %d to entry %d", v.lastSeq, e.Seq)))
	case v.c.hash(e) != e.Hash:
		v.fail(e.Seq, fmt.Sprintf("entry %d was altered: its content does not match its hash", e.Seq))
	case e.PrevHash != prevHash:
		v.fail(e.Seq, fmt.Sprintf("entry %d does not follow entry %d: its link to the previous entry is broken "+
			"(an entry was replaced, inserted or moved)", e.Seq, v.lastSeq))
	default:
		v.lastSeq, v.lastHash = e.Seq, e.Hash
		return true
	}
	return false
}

// CheckHead compares the end of the chain with the head the store recorded: the seq and hash of
// the last entry ever appended (0 and Genesis before the first). Call it after the last Add.
func (v *Verifier) CheckHead(seq int64, hash string) {
	if v.firstBad != 0 {
		return
	}
	lastHash := v.lastHash
	if lastHash == "" {
		lastHash = Genesis
	}
	switch {
	case v.lastSeq < seq:
		v.fail(v.lastSeq+1, missing(v.lastSeq+1, seq,
			fmt.Sprintf("the trail stops at entry %d but the last entry recorded is %d", v.lastSeq, seq)))
	case v.lastSeq == seq+1:
		v.fail(seq+1, fmt.Sprintf("entry %d was not recorded by Tend: the last entry recorded is %d", seq+1, seq))
	case v.lastSeq > seq:
		v.fail(seq+1, fmt.Sprintf("entries %d to %d were not recorded by Tend: the last entry recorded is %d",
			seq+1, v.lastSeq, seq))
	case lastHash != hash:
		v.fail(max(seq, 1), fmt.Sprintf("entry %d is not the last entry Tend recorded: their hashes differ", seq))
	}
}

// HeadMissing records that the store's head is gone, so the end of the trail cannot be checked.
func (v *Verifier) HeadMissing() {
	if v.firstBad == 0 {
		v.fail(v.lastSeq+1, "the record of the last entry is missing: entries may have been removed from the end")
	}
}

// Result returns the verification so far: the entries seen and the first problem, if any.
func (v *Verifier) Result() backend.AuditVerification {
	return backend.AuditVerification{OK: v.firstBad == 0, Entries: v.entries, FirstBad: v.firstBad, Problem: v.problem}
}

func (v *Verifier) fail(seq int64, problem string) { v.firstBad, v.problem = seq, problem }

func missing(from, to int64, why string) string {
	if from == to {
		return fmt.Sprintf("entry %d is missing: %s", from, why)
	}
	return fmt.Sprintf("entries %d to %d are missing: %s", from, to, why)
}

// Export formats.
const (
	FormatJSONL = "jsonl" // one AuditEntry as JSON per line
	FormatCSV   = "csv"   // RFC 4180 with a header line (LF line ends)
)

// CSVHeader is the first line of a CSV export.
var CSVHeader = []string{"seq", "at", "actor", "action", "subject", "reason", "before", "after", "prev_hash", "hash"}

// CheckFormat returns EINVALID unless format is an export format.
func CheckFormat(format string) error {
	if format == FormatJSONL || format == FormatCSV {
		return nil
	}
	return backend.Errorf(backend.EINVALID, "Unknown audit export format %q: use jsonl or csv.", format).
		Localized("audit_format_unknown", "format", format)
}

// Writer writes entries in an export format. Entries are buffered: call Flush at the end.
type Writer interface {
	Write(e backend.AuditEntry) error
	Flush() error
}

// NewWriter returns a writer of format to w (see CheckFormat). A CSV export starts with its header.
func NewWriter(w io.Writer, format string) (Writer, error) {
	if err := CheckFormat(format); err != nil {
		return nil, err
	}
	if format == FormatCSV {
		cw := &csvWriter{w: csv.NewWriter(w), record: make([]string, len(CSVHeader))}
		return cw, cw.w.Write(CSVHeader)
	}
	buf := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(buf)
	// Snapshots are written byte for byte as stored ("<" stays "<"), so that hashing an exported
	// entry gives its hash back.
	enc.SetEscapeHTML(false)
	return &jsonlWriter{buf: buf, enc: enc}, nil
}

type jsonlWriter struct {
	buf *bufio.Writer
	enc *json.Encoder
}

func (w *jsonlWriter) Write(e backend.AuditEntry) error {
	e.At = e.At.UTC()
	e.Before, e.After = exportJSON(e.Before), exportJSON(e.After)
	return w.enc.Encode(e)
}

func (w *jsonlWriter) Flush() error { return w.buf.Flush() }

// exportJSON keeps a snapshot as is, empty as null, and turns text that is not JSON (tampering)
// into a JSON string so that the export still goes through.
func exportJSON(raw json.RawMessage) json.RawMessage {
	switch {
	case len(bytes.TrimSpace(raw)) == 0:
		return nil
	case json.Valid(raw):
		return raw
	}
	quoted, _ := json.Marshal(string(raw)) // a string always encodes
	return quoted
}

type csvWriter struct {
	w      *csv.Writer
	record []string
}

func (w *csvWriter) Write(e backend.AuditEntry) error {
	r := w.record
	r[0] = strconv.FormatInt(e.Seq, 10)
	r[1] = e.At.UTC().Format(time.RFC3339Nano)
	r[2], r[3], r[4], r[5] = e.Actor, e.Action, e.Subject, e.Reason
	r[6], r[7] = string(e.Before), string(e.After) // empty when null
	r[8], r[9] = e.PrevHash, e.Hash
	return w.w.Write(r)
}

func (w *csvWriter) Flush() error {
	w.w.Flush()
	return w.w.Error()
}
