package whatsapp

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// ParseWebhook reads one verified delivery of the "messages" webhook field and returns, by
// account id, the messages customers sent and the statuses of messages the business sent. A
// change is matched to an account by metadata.phone_number_id; changes of unknown numbers and other
// objects are ignored. Messages are inbound DMs keyed by the customer (their phone number, or their
// business-scoped user id when WhatsApp hides the number); reactions, system notices and
// unsupported messages are skipped. Every message returned passes IncomingMessage.Validate.
// EINVALID with the key whatsapp_webhook_malformed when body is not a JSON object, or
// account_channel_missing when messages came for an account without a WhatsApp inbox channel.
func ParseWebhook(accts []backend.Account, body []byte) (map[int64]backend.WebhookBatch, error) {
	var env struct {
		Object string `json:"object"`
		Entry  []struct {
			ID      flexString `json:"id"`
			Changes []struct {
				Field string          `json:"field"`
				Value json.RawMessage `json:"value"`
			} `json:"changes"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		if !lenientEnvelope(body, &env) {
			return nil, backend.Wrap(backend.EINVALID, err, "The WhatsApp webhook delivery is not valid JSON.").
				Localized(KeyWebhookMalformed, "platform", platformName)
		}
	}
	out := map[int64]backend.WebhookBatch{}
	if env.Object != "" && env.Object != "whatsapp_business_account" {
		return out, nil
	}
	now := time.Now().UTC()
	seenMsg := map[string]bool{}
	seenStatus := map[string]bool{}
	for _, entry := range env.Entry {
		for _, change := range entry.Changes {
			if change.Field != "" && change.Field != "messages" {
				continue
			}
			var value struct {
				Metadata struct {
					PhoneNumberID flexString `json:"phone_number_id"`
				} `json:"metadata"`
				Contacts []json.RawMessage `json:"contacts"`
				Messages []json.RawMessage `json:"messages"`
				Statuses []json.RawMessage `json:"statuses"`
			}
			if json.Unmarshal(change.Value, &value) != nil {
				continue
			}
			acct, ok := findAccount(accts, string(value.Metadata.PhoneNumberID))
			if !ok {
				continue
			}
			batch := out[acct.ID]
			contacts := readContacts(value.Contacts)
			channelID := acct.Channels[backend.PlatformWhatsApp]
			if channelID <= 0 && len(value.Messages) > 0 {
				// Refused, so that Meta delivers the messages again once the account is fixed.
				return nil, backend.Errorf(backend.EINVALID, "The WhatsApp account %q has no inbox channel to fill.", acct.Name).
					Localized(KeyChannelMissing, "platform", platformName, "account", acct.Name)
			}
			for _, raw := range value.Messages {
				m, ok := mapMessage(raw, contacts, channelID, now)
				if !ok || seenMsg[m.PlatformMessageID] {
					continue
				}
				seenMsg[m.PlatformMessageID] = true
				batch.Messages = append(batch.Messages, m)
			}
			for _, raw := range value.Statuses {
				st, ok := mapStatus(raw, now)
				if !ok {
					continue
				}
				key := st.PlatformMessageID + "\x00" + st.Status
				if seenStatus[key] {
					continue
				}
				seenStatus[key] = true
				batch.Statuses = append(batch.Statuses, st)
			}
			if len(batch.Messages) > 0 || len(batch.Statuses) > 0 {
				out[acct.ID] = batch
			}
		}
	}
	return out, nil
}

// lenientEnvelope retries the envelope when a field of an unexpected type broke it (an entry id
// as an object, say): it keeps what can be read. False when body is not a JSON object at all.
func lenientEnvelope(body []byte, env any) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return false
	}
	var object string
	_ = json.Unmarshal(obj["object"], &object)
	var entries []json.RawMessage
	_ = json.Unmarshal(obj["entry"], &entries)
	type change struct {
		Field string          `json:"field"`
		Value json.RawMessage `json:"value"`
	}
	var kept []json.RawMessage
	for _, e := range entries {
		var ent struct {
			Changes []json.RawMessage `json:"changes"`
		}
		if json.Unmarshal(e, &ent) != nil {
			var loose map[string]json.RawMessage
			if json.Unmarshal(e, &loose) != nil || json.Unmarshal(loose["changes"], &ent.Changes) != nil {
				continue
			}
		}
		var changes []change
		for _, c := range ent.Changes {
			var ch change
			if json.Unmarshal(c, &ch) == nil {
				changes = append(changes, ch)
			}
		}
		b, _ := json.Marshal(struct {
			Changes []change `json:"changes"`
		}{changes})
		kept = append(kept, b)
	}
	b, _ := json.Marshal(struct {
		Object string            `json:"object"`
		Entry  []json.RawMessage `json:"entry"`
	}{object, kept})
	return json.Unmarshal(b, env) == nil
}

func findAccount(accts []backend.Account, phoneNumberID string) (backend.Account, bool) {
	if phoneNumberID == "" {
		return backend.Account{}, false
	}
	for _, a := range accts {
		if (a.Platform == "" || a.Platform == backend.PlatformWhatsApp) && strings.TrimSpace(a.IDs[IDPhoneNumber]) == phoneNumberID {
			return a, true
		}
	}
	return backend.Account{}, false
}

// contact is a customer as contacts[] describes them.
type contact struct {
	WaID    flexString `json:"wa_id"`
	UserID  flexString `json:"user_id"`
	Profile struct {
		Name     string `json:"name"`
		Username string `json:"username"`
	} `json:"profile"`
}

type contactBook struct {
	all      []contact
	byWaID   map[string]contact
	byUserID map[string]contact
}

func readContacts(raws []json.RawMessage) contactBook {
	book := contactBook{byWaID: map[string]contact{}, byUserID: map[string]contact{}}
	for _, raw := range raws {
		var c contact
		if json.Unmarshal(raw, &c) != nil {
			continue
		}
		book.all = append(book.all, c)
		if c.WaID != "" {
			book.byWaID[string(c.WaID)] = c
		}
		if c.UserID != "" {
			book.byUserID[string(c.UserID)] = c
		}
	}
	return book
}

// find returns the contact of a message's sender.
func (b contactBook) find(from, fromUserID string) (contact, bool) {
	if c, ok := b.byWaID[from]; ok && from != "" {
		return c, true
	}
	if c, ok := b.byUserID[fromUserID]; ok && fromUserID != "" {
		return c, true
	}
	if len(b.all) == 1 {
		return b.all[0], true
	}
	return contact{}, false
}

type media struct {
	ID       flexString `json:"id"`
	MIMEType string     `json:"mime_type"`
	Caption  string     `json:"caption"`
	Filename string     `json:"filename"`
}

type inMessage struct {
	ID         flexString `json:"id"`
	From       flexString `json:"from"`
	FromUserID flexString `json:"from_user_id"`
	Timestamp  flexTime   `json:"timestamp"`
	Type       string     `json:"type"`
	Text       *struct {
		Body string `json:"body"`
	} `json:"text"`
	Context *struct {
		ID flexString `json:"id"`
	} `json:"context"`
	Image    *media `json:"image"`
	Video    *media `json:"video"`
	Audio    *media `json:"audio"`
	Document *media `json:"document"`
	Sticker  *media `json:"sticker"`
	Location *struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
		Name      string  `json:"name"`
		Address   string  `json:"address"`
	} `json:"location"`
	Contacts []struct {
		Name struct {
			FormattedName string `json:"formatted_name"`
		} `json:"name"`
		Phones []struct {
			Phone string `json:"phone"`
		} `json:"phones"`
	} `json:"contacts"`
	Button *struct {
		Text string `json:"text"`
	} `json:"button"`
	Interactive *struct {
		ButtonReply *struct {
			Title string `json:"title"`
		} `json:"button_reply"`
		ListReply *struct {
			Title       string `json:"title"`
			Description string `json:"description"`
		} `json:"list_reply"`
	} `json:"interactive"`
}

// mapMessage turns one messages[] item into an inbound DM; false for what is not a customer's
// message (reactions, system notices, unsupported types) or cannot be keyed.
func mapMessage(raw json.RawMessage, book contactBook, channelID int64, now time.Time) (backend.IncomingMessage, bool) {
	var in inMessage
	if json.Unmarshal(raw, &in) != nil {
		return backend.IncomingMessage{}, false
	}
	from, fromUserID := strings.TrimSpace(string(in.From)), strings.TrimSpace(string(in.FromUserID))
	who, known := book.find(from, fromUserID)
	key := from
	if key == "" && known {
		key = strings.TrimSpace(string(who.WaID))
	}
	if key == "" {
		key = fromUserID
	}
	if key == "" && known {
		key = strings.TrimSpace(string(who.UserID))
	}
	m := backend.IncomingMessage{
		ChannelID:         channelID,
		Kind:              backend.ConversationDM,
		PlatformMessageID: strings.TrimSpace(string(in.ID)),
		ThreadKey:         key,
		Direction:         backend.DirectionIn,
		Author: backend.Author{
			PlatformUserID: key,
			Handle:         strings.TrimPrefix(strings.TrimSpace(who.Profile.Username), "@"),
			DisplayName:    strings.TrimSpace(who.Profile.Name),
		},
		SentAt: in.Timestamp.time(now),
	}
	if in.Context != nil {
		m.ReplyTo = string(in.Context.ID)
	}
	attach := func(kind string, md *media) {
		if md == nil {
			return
		}
		m.Attachments = append(m.Attachments, backend.Attachment{Kind: kind, MIME: md.MIMEType, Name: md.Filename})
		m.Text = md.Caption
	}
	switch in.Type {
	case "text":
		if in.Text != nil {
			m.Text = in.Text.Body
		}
	case "image":
		attach("image", in.Image)
	case "video":
		attach("video", in.Video)
	case "audio":
		attach("audio", in.Audio)
	case "document":
		attach("file", in.Document)
	case "sticker":
		attach("sticker", in.Sticker)
	case "location":
		if in.Location != nil {
			m.Text = locationText(in.Location.Name, in.Location.Address, in.Location.Latitude, in.Location.Longitude)
		}
	case "contacts":
		var parts []string
		for _, c := range in.Contacts {
			p := strings.TrimSpace(c.Name.FormattedName)
			for _, ph := range c.Phones {
				if ph.Phone != "" {
					p = strings.TrimSpace(p + " " + ph.Phone)
				}
			}
			if p != "" {
				parts = append(parts, p)
			}
		}
		if len(parts) > 0 {
			m.Text = "Contact: " + strings.Join(parts, "; ")
		}
	case "button":
		if in.Button != nil {
			m.Text = in.Button.Text
		}
	case "interactive":
		if in.Interactive != nil {
			switch {
			case in.Interactive.ButtonReply != nil:
				m.Text = in.Interactive.ButtonReply.Title
			case in.Interactive.ListReply != nil:
				m.Text = strings.TrimSpace(in.Interactive.ListReply.Title + "\n" + in.Interactive.ListReply.Description)
			}
		}
	default:
		// reaction, system, unsupported, order, request_welcome and whatever comes next: not
		// something a person wrote to answer.
		return backend.IncomingMessage{}, false
	}
	m.Text = truncate(strings.ToValidUTF8(m.Text, "\uFFFD"), backend.MaxMessageTextBytes)
	m.Author.Handle = strings.ToValidUTF8(m.Author.Handle, "")
	m.Author.DisplayName = strings.ToValidUTF8(m.Author.DisplayName, "")
	m.ReplyTo = strings.ToValidUTF8(m.ReplyTo, "")
	if len(m.ReplyTo) > backend.MaxPlatformIDBytes {
		m.ReplyTo = ""
	}
	if m.Validate() != nil {
		return backend.IncomingMessage{}, false
	}
	return m, true
}

func locationText(name, address string, lat, long float64) string {
	place := strings.TrimSpace(strings.Join(strings.Fields(name+" "+address), " "))
	coords := strconv.FormatFloat(lat, 'f', -1, 64) + ", " + strconv.FormatFloat(long, 'f', -1, 64)
	if place == "" {
		return "Location: " + coords
	}
	return "Location: " + place + " (" + coords + ")"
}

// mapStatus turns one statuses[] item into a DeliveryStatus; false for unknown states.
func mapStatus(raw json.RawMessage, now time.Time) (backend.DeliveryStatus, bool) {
	var in struct {
		ID        flexString `json:"id"`
		Status    string     `json:"status"`
		Timestamp flexTime   `json:"timestamp"`
		Errors    []struct {
			Code      flexInt         `json:"code"`
			Title     string          `json:"title"`
			Message   string          `json:"message"`
			ErrorData json.RawMessage `json:"error_data"`
		} `json:"errors"`
	}
	if json.Unmarshal(raw, &in) != nil {
		return backend.DeliveryStatus{}, false
	}
	id := strings.TrimSpace(string(in.ID))
	if id == "" || len(id) > backend.MaxPlatformIDBytes || !utf8.ValidString(id) {
		return backend.DeliveryStatus{}, false
	}
	st := backend.DeliveryStatus{PlatformMessageID: id, Status: in.Status, At: in.Timestamp.time(now)}
	switch in.Status {
	case "sent", "delivered", "read":
	case "failed":
		code, reason := 0, ""
		if len(in.Errors) > 0 {
			e := in.Errors[0]
			code = int(e.Code)
			reason = apiError{ErrorData: e.ErrorData}.details()
			if reason == "" {
				reason = e.Message
			}
			if reason == "" {
				reason = e.Title
			}
		}
		st.Error = deliveryError(code, strings.ToValidUTF8(reason, ""))
	default:
		return backend.DeliveryStatus{}, false
	}
	return st, true
}

// deliveryError is the error of a message WhatsApp accepted and later failed to deliver: nothing
// retries it by itself, so temporary failures say to send it again.
func deliveryError(code int, reason string) *backend.Error {
	be := ErrorFor(code, reason)
	switch be.Code {
	case backend.ERATELIMITED:
		return backend.Wrap(backend.ERATELIMITED, be.Err, "WhatsApp did not deliver the message because too many were sent too fast: send it again later.").
			Localized(KeyRateLimited, "platform", platformName)
	case backend.EUNAVAILABLE:
		return backend.Wrap(backend.EUNAVAILABLE, be.Err, "WhatsApp failed to deliver the message: send it again later.").
			Localized(KeyUnreachable, "platform", platformName)
	}
	return be
}

// flexTime decodes a Unix time given as a string or a number, in seconds (or milliseconds when it
// is too large for seconds).
type flexTime struct {
	t time.Time
}

func (f *flexTime) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || n <= 0 || n > 1e16 {
		f.t = time.Time{}
		return nil
	}
	if n > 1e11 { // milliseconds: seconds that large are past the year 5000
		n /= 1000
	}
	sec, frac := math.Modf(n)
	f.t = time.Unix(int64(sec), int64(frac*1e9)).UTC()
	return nil
}

// time returns the decoded time, or fallback when there was none.
func (f flexTime) time(fallback time.Time) time.Time {
	if f.t.IsZero() {
		return fallback
	}
	return f.t
}

// truncate cuts s to at most n bytes without splitting a rune.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
