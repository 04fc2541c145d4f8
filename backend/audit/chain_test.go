package audit_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/audit"
)

var base = time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC)

// chain returns n correctly linked entries.
func chain(n int) []backend.AuditEntry {
	out := make([]backend.AuditEntry, n)
	prev := audit.Genesis
	for i := range out {
		e := backend.AuditEntry{
			Seq: int64(i + 1), At: base.Add(time.Duration(i) * 1500 * time.Millisecond),
			Actor: "Camille", Action: backend.AuditReplyApproved, Subject: fmt.Sprintf("reply:%d", i+1),
			Reason:   "checked the price",
			Before:   json.RawMessage(`{"status": "pending"}`),
			After:    json.RawMessage(`{"status":"approved"}`),
			PrevHash: prev,
		}
		e.Hash = audit.Hash(e)
		prev = e.Hash
		out[i] = e
	}
	return out
}

// seal links and hashes entries again after a test changed them, and returns the last hash.
func seal(entries []backend.AuditEntry) string {
	prev := audit.Genesis
	for i := range entries {
		entries[i].PrevHash = prev
		entries[i].Hash = audit.Hash(entries[i])
		prev = entries[i].Hash
	}
	return prev
}

// verify feeds entries then the head (seq, hash) and returns the result.
func verify(entries []backend.AuditEntry, headSeq int64, headHash string) backend.AuditVerification {
	var v audit.Verifier
	for _, e := range entries {
		v.Add(e)
	}
	v.CheckHead(headSeq, headHash)
	return v.Result()
}

func TestCanonical(t *testing.T) {
	e := backend.AuditEntry{
		Seq: 42, At: time.Date(2026, 11, 28, 10, 30, 0, 120_000_000, time.FixedZone("CET", 3600)),
		Actor: "Camille", Action: "reply.approved", Subject: "reply:12", Reason: "",
		Before: json.RawMessage("{\n  \"status\": \"pending\"\n}"), PrevHash: audit.Genesis,
		Hash: "ignored",
	}
	want := `tend-audit-v1` + `2:42,` + `23:2026-11-28T09:30:00.12Z,` + `7:Camille,` + `14:reply.approved,` +
		`8:reply:12,` + `0:,` + `20:{"status":"pending"},` + `4:null,` + `64:` + audit.Genesis + `,`
	if got := string(audit.Canonical(e)); got != want {
		t.Fatalf("canonical form\n got %s\nwant %s", got, want)
	}
	// A fixed vector (sha256sum of the bytes above): changing the format must be a deliberate,
	// versioned decision.
	if got := audit.Hash(e); got != "82d61cd6e288402d5de8c262fe6dfdd10a6bf5eb7ff95f746c3bed54a14161dd" {
		t.Errorf("hash %s: the canonical form changed", got)
	}
}

func TestHashSnapshots(t *testing.T) {
	e := chain(1)[0]
	h := audit.Hash(e)
	same := map[string][2]string{
		"indentation":    {"{\n\t\"status\" : \"pending\"\n}\n", `{"status":"approved"}`},
		"empty is null":  {"", "{\"status\":\"approved\"}"},
		"spaces is null": {" \n", `{"status":"approved"}`},
	}
	e0 := e
	e0.Before = nil
	hNull := audit.Hash(e0)
	for name, c := range same {
		e2 := e
		e2.Before, e2.After = json.RawMessage(c[0]), json.RawMessage(c[1])
		want := h
		if strings.Contains(name, "null") {
			want = hNull
		}
		if got := audit.Hash(e2); got != want {
			t.Errorf("%s: hash changed", name)
		}
	}
	if e0.Before = json.RawMessage("null"); audit.Hash(e0) != hNull {
		t.Error("null and empty hash differently")
	}
	different := []string{`{"status":"approved"}`, `{"status": "Pending"}`, `{"status":"pending","x":1}`, `{bad`, `"{\"status\":\"pending\"}"`}
	for _, before := range different {
		e2 := e
		e2.Before = json.RawMessage(before)
		if audit.Hash(e2) == h {
			t.Errorf("before %s hashes like the original", before)
		}
	}
	e2 := e
	e2.At = e.At.In(time.FixedZone("X", -7*3600))
	if audit.Hash(e2) != h {
		t.Error("the same instant in another zone hashes differently")
	}
	e2.At = e.At.Add(time.Nanosecond)
	if audit.Hash(e2) == h {
		t.Error("a nanosecond later hashes the same")
	}
}

func TestVerifier(t *testing.T) {
	good := chain(6)
	last := good[len(good)-1]
	relink := func(entries []backend.AuditEntry) { // an attacker recomputing the hashes of what they touched
		for i := range entries {
			entries[i].Hash = audit.Hash(entries[i])
		}
	}
	cases := []struct {
		name     string
		tamper   func([]backend.AuditEntry) []backend.AuditEntry
		headSeq  int64
		headHash string
		firstBad int64
		problem  string
		entries  int64
	}{
		{name: "intact", tamper: func(e []backend.AuditEntry) []backend.AuditEntry { return e }},
		{name: "empty", tamper: func([]backend.AuditEntry) []backend.AuditEntry { return nil }, headSeq: 0, headHash: audit.Genesis},
		{name: "edited reason", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			e[2].Reason = "nothing to see"
			return e
		}, firstBad: 3, problem: "entry 3 was altered"},
		{name: "edited time", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			e[3].At = e[3].At.Add(-time.Hour)
			return e
		}, firstBad: 4, problem: "entry 4 was altered"},
		{name: "edited snapshot", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			e[0].After = json.RawMessage(`{"status":"rejected"}`)
			return e
		}, firstBad: 1, problem: "entry 1 was altered"},
		{name: "edited and rehashed", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			e[1].Actor = "Someone else"
			relink(e[1:2])
			return e
		}, firstBad: 3, problem: "entry 3 does not follow entry 2"},
		{name: "deleted middle", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			return append(e[:2:2], e[3:]...)
		}, firstBad: 3, problem: "entry 3 is missing: the trail jumps from entry 2 to entry 4", entries: 5},
		{name: "deleted two", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			return append(e[:1:1], e[3:]...)
		}, firstBad: 2, problem: "entries 2 to 3 are missing", entries: 4},
		{name: "deleted first", tamper: func(e []backend.AuditEntry) []backend.AuditEntry { return e[1:] },
			firstBad: 1, problem: "entry 1 is missing", entries: 5},
		{name: "deleted and renumbered", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			e = append(e[:2:2], e[3:]...)
			for i := range e {
				e[i].Seq = int64(i + 1)
			}
			return e
		}, headSeq: 5, headHash: last.Hash, firstBad: 3, problem: "entry 3 was altered", entries: 5},
		{name: "swapped contents", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			e[1], e[4] = e[4], e[1]
			e[1].Seq, e[4].Seq = 2, 5
			return e
		}, firstBad: 2, problem: "entry 2 was altered"},
		{name: "swapped and rehashed", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			e[1].Reason, e[2].Reason = "second", "first"
			relink(e[1:3])
			return e
		}, firstBad: 3, problem: "entry 3 does not follow entry 2"},
		{name: "fed out of order", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			return []backend.AuditEntry{e[0], e[1], e[1], e[2], e[3], e[4], e[5]}
		}, firstBad: 2, problem: "entry 2 comes after entry 2", entries: 7},
		{name: "bad number", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			e[0].Seq = 0
			return e
		}, firstBad: 1, problem: "entry 0 after entry 0 has an invalid number"},
		{name: "forged entry appended", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			extra := backend.AuditEntry{Seq: 7, At: base, Actor: "x", Action: "reply.sent", Subject: "reply:1", PrevHash: last.Hash}
			extra.Hash = audit.Hash(extra)
			return append(e, extra)
		}, firstBad: 7, problem: "entry 7 was not recorded by Tend", entries: 7},
		{name: "forged entries appended", tamper: func(e []backend.AuditEntry) []backend.AuditEntry {
			prev := last.Hash
			for seq := int64(7); seq <= 8; seq++ {
				extra := backend.AuditEntry{Seq: seq, At: base, Actor: "x", Action: "reply.sent", Subject: "reply:1", PrevHash: prev}
				extra.Hash = audit.Hash(extra)
				prev = extra.Hash
				e = append(e, extra)
			}
			return e
		}, firstBad: 7, problem: "entries 7 to 8 were not recorded by Tend: the last entry recorded is 6", entries: 8},
		{name: "truncated tail", tamper: func(e []backend.AuditEntry) []backend.AuditEntry { return e[:4] },
			firstBad: 5, problem: "entries 5 to 6 are missing: the trail stops at entry 4 but the last entry recorded is 6", entries: 4},
		{name: "truncated last", tamper: func(e []backend.AuditEntry) []backend.AuditEntry { return e[:5] },
			firstBad: 6, problem: "entry 6 is missing", entries: 5},
		{name: "truncated to nothing", tamper: func([]backend.AuditEntry) []backend.AuditEntry { return nil },
			firstBad: 1, problem: "entries 1 to 6 are missing", entries: 0},
		{name: "head hash differs", tamper: func(e []backend.AuditEntry) []backend.AuditEntry { return e },
			headSeq: 6, headHash: audit.Genesis, firstBad: 6, problem: "entry 6 is not the last entry Tend recorded"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			entries := c.tamper(append([]backend.AuditEntry(nil), good...))
			headSeq, headHash := c.headSeq, c.headHash
			if headHash == "" {
				headSeq, headHash = last.Seq, last.Hash
			}
			want := c.entries
			if want == 0 && c.name != "truncated to nothing" && c.name != "empty" {
				want = 6
			}
			got := verify(entries, headSeq, headHash)
			if got.OK != (c.firstBad == 0) || got.FirstBad != c.firstBad || !strings.Contains(got.Problem, c.problem) || got.Entries != want {
				t.Fatalf("got %+v\nwant first bad %d, problem containing %q, %d entries", got, c.firstBad, c.problem, want)
			}
		})
	}

	t.Run("HeadMissing", func(t *testing.T) {
		var v audit.Verifier
		for _, e := range good {
			v.Add(e)
		}
		v.HeadMissing()
		if r := v.Result(); r.OK || r.FirstBad != 7 || !strings.Contains(r.Problem, "record of the last entry is missing") {
			t.Fatalf("got %+v", r)
		}
	})

	t.Run("AddReportsTheFirstProblem", func(t *testing.T) {
		entries := chain(3)
		entries[1].Subject = "reply:99"
		var v audit.Verifier
		if !v.Add(entries[0]) || v.Add(entries[1]) || v.Add(entries[2]) {
			t.Fatal("Add should accept the first entry and refuse from the altered one on")
		}
		if r := v.Result(); r.FirstBad != 2 || r.Entries != 3 {
			t.Fatalf("got %+v", r)
		}
	})
}

func TestExportJSONL(t *testing.T) {
	entries := chain(3)
	entries[0].Before = json.RawMessage(`{"text": "<b>Prix</b> & \"promo\" \u2028 é 😀"}`)
	entries[0].Reason = "line one\nline two, <ok>"
	entries[1].Before, entries[1].After = nil, nil
	entries[2].At = entries[2].At.In(time.FixedZone("CET", 3600))
	prev := seal(entries)
	var buf bytes.Buffer
	w, err := audit.NewWriter(&buf, audit.FormatJSONL)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines:\n%s", len(lines), buf.String())
	}
	if !strings.Contains(lines[0], `<b>Prix</b> & `) || !strings.Contains(lines[1], `"before":null,"after":null`) ||
		!strings.Contains(lines[2], `"at":"2026-11-28T09:30:03Z"`) {
		t.Fatalf("unexpected export:\n%s", buf.String())
	}
	// An exported trail verifies on its own: every line hashes back to its hash.
	var v audit.Verifier
	for _, line := range lines {
		var e backend.AuditEntry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		v.Add(e)
	}
	v.CheckHead(3, prev)
	if r := v.Result(); !r.OK {
		t.Fatalf("re-verifying the export: %+v", r)
	}

	t.Run("TamperedSnapshotStillExports", func(t *testing.T) {
		e := entries[0]
		e.Before = json.RawMessage(`{not json`)
		var buf bytes.Buffer
		w, _ := audit.NewWriter(&buf, audit.FormatJSONL)
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if !strings.Contains(buf.String(), `"before":"{not json"`) {
			t.Fatalf("got %s", buf.String())
		}
	})
}

func TestExportCSV(t *testing.T) {
	entries := chain(2)
	entries[0].Reason = "a, \"quoted\"\nreason"
	entries[1].Before = nil
	seal(entries)
	var buf bytes.Buffer
	w, err := audit.NewWriter(&buf, audit.FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if first, _ := bufio.NewReader(bytes.NewReader(buf.Bytes())).ReadString('\n'); first != "seq,at,actor,action,subject,reason,before,after,prev_hash,hash\n" {
		t.Fatalf("header %q", first)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 3 {
		t.Fatalf("%d records", len(records))
	}
	for i, r := range records[1:] {
		seq, _ := strconv.ParseInt(r[0], 10, 64)
		at, err := time.Parse(time.RFC3339Nano, r[1])
		if err != nil {
			t.Fatal(err)
		}
		e := backend.AuditEntry{Seq: seq, At: at, Actor: r[2], Action: r[3], Subject: r[4], Reason: r[5],
			Before: json.RawMessage(r[6]), After: json.RawMessage(r[7]), PrevHash: r[8], Hash: r[9]}
		if audit.Hash(e) != entries[i].Hash || e.Hash != entries[i].Hash {
			t.Errorf("record %d does not hash back to its entry: %q", i+1, r)
		}
	}
	if records[1][5] != entries[0].Reason || records[2][6] != "" {
		t.Errorf("records %q", records)
	}
}

func TestUnknownFormat(t *testing.T) {
	for _, format := range []string{"", "JSONL", "xml", "json"} {
		_, err := audit.NewWriter(&bytes.Buffer{}, format)
		var e *backend.Error
		if !errors.As(err, &e) || e.Code != backend.EINVALID || e.Key != "audit_format_unknown" || e.Params["format"] != format {
			t.Errorf("format %q: got %v", format, err)
		}
	}
}

// FuzzCanonical checks that two entries share their canonical bytes only when they are the same
// entry, whatever the field contents (separators, digits, colons, commas inside fields).
func FuzzCanonical(f *testing.F) {
	f.Add(int64(1), int64(0), "a", "reply.sent", "reply:1", "", "", "", audit.Genesis,
		int64(1), int64(0), "a", "reply.sent", "reply:1", "", "", "", audit.Genesis)
	f.Add(int64(12), int64(5), "ab", "c", "d", "1:x,", `{"a":1}`, "", "h",
		int64(1), int64(5), "2ab", "c", "d", "1:x", `{"a": 1}`, "null", "h")
	f.Add(int64(3), int64(-1), "x,5:y", "z", "", "", "[]", "{}", "",
		int64(3), int64(-1), "x", "5:y,z", "", "", "[ ]", "{ }", "")
	f.Fuzz(func(t *testing.T, seqA, atA int64, actorA, actionA, subjectA, reasonA, beforeA, afterA, prevA string,
		seqB, atB int64, actorB, actionB, subjectB, reasonB, beforeB, afterB, prevB string) {
		a := backend.AuditEntry{Seq: seqA, At: time.Unix(0, atA), Actor: actorA, Action: actionA, Subject: subjectA,
			Reason: reasonA, Before: json.RawMessage(beforeA), After: json.RawMessage(afterA), PrevHash: prevA}
		b := backend.AuditEntry{Seq: seqB, At: time.Unix(0, atB), Actor: actorB, Action: actionB, Subject: subjectB,
			Reason: reasonB, Before: json.RawMessage(beforeB), After: json.RawMessage(afterB), PrevHash: prevB}
		ca, cb := audit.Canonical(a), audit.Canonical(b)
		same := a.Seq == b.Seq && a.At.Equal(b.At) && a.Actor == b.Actor && a.Action == b.Action && a.Subject == b.Subject &&
			a.Reason == b.Reason && bytes.Equal(audit.Snapshot(a.Before), audit.Snapshot(b.Before)) &&
			bytes.Equal(audit.Snapshot(a.After), audit.Snapshot(b.After)) && a.PrevHash == b.PrevHash
		if bytes.Equal(ca, cb) != same {
			t.Fatalf("canonical equality %v but field equality %v:\n%q\n%q", bytes.Equal(ca, cb), same, ca, cb)
		}
		if same && audit.Hash(a) != audit.Hash(b) {
			t.Fatal("equal entries hash differently")
		}
		// Near misses: move one byte across each boundary between adjacent text fields.
		fields := func(e *backend.AuditEntry) []*string {
			return []*string{&e.Actor, &e.Action, &e.Subject, &e.Reason, &e.PrevHash}
		}
		for i := 0; i+1 < len(fields(&a)); i++ {
			c := a
			left, right := fields(&c)[i], fields(&c)[i+1]
			if *left == "" {
				continue
			}
			*left, *right = (*left)[:len(*left)-1], (*left)[len(*left)-1:]+*right
			if bytes.Equal(audit.Canonical(c), ca) {
				t.Fatalf("moving a byte from field %d to field %d keeps the canonical bytes %q", i, i+1, ca)
			}
		}
	})
}
