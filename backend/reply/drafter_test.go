package reply_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"tend/assets"
	"tend/backend"
	"tend/backend/reply"
)

// conv describes a conversation to draft for; zero fields take the defaults of request.
type conv struct {
	platform    string
	kind        backend.ConversationKind
	text        string
	intent      backend.Intent
	lang        backend.Language
	sentiment   backend.Sentiment
	escalations []backend.EscalationReason
	answered    bool // the brand already replied in this conversation
	contact     *backend.Contact
	author      string
}

var brandSettings = backend.Settings{BrandName: "Maison Lumière", Languages: []string{"fr", "en"}, TimeZone: "Europe/Paris", Theme: "system"}

var catalogue = []string{"Bougie", "Bougie Figue noire", "Fig candle", "Plaid Cocoon", "Diffuseur Ambre"}

func request(c conv) backend.DraftRequest {
	if c.platform == "" {
		c.platform = backend.PlatformInstagram
	}
	if c.kind == "" {
		c.kind = backend.ConversationDM
	}
	if c.sentiment == "" {
		c.sentiment = backend.SentimentNeutral
	}
	if c.author == "" {
		c.author = "Léa Martin"
	}
	if c.contact == nil {
		c.contact = &backend.Contact{ID: 7, DisplayName: c.author}
	}
	received := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	conversation := backend.Conversation{
		ID: 42, Platform: c.platform, Kind: c.kind, Intent: c.intent, Language: c.lang, Sentiment: c.sentiment,
		Contact: &backend.ContactSummary{ID: c.contact.ID, DisplayName: c.contact.DisplayName, Influencer: c.contact.Influencer, VIP: c.contact.VIP},
	}
	if c.answered {
		conversation.FirstResponseAt = &received
	}
	return backend.DraftRequest{
		Conversation: conversation,
		Message: backend.Message{
			ID: 9, Direction: backend.DirectionIn, AuthorName: c.author, Text: c.text, SentAt: received,
			Triage: &backend.TriageResult{Intent: c.intent, Language: c.lang, Sentiment: c.sentiment, Reasons: c.escalations},
		},
		Contact:  c.contact,
		Settings: brandSettings,
		Products: catalogue,
	}
}

func shippedDrafter(t testing.TB) *reply.Drafter {
	t.Helper()
	templates, err := reply.ParseLibrary(assets.Templates)
	if err != nil {
		t.Fatal(err)
	}
	d, err := reply.NewDrafter(templates)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDraftChoosesAndExplains(t *testing.T) {
	d := shippedDrafter(t)
	tests := []struct {
		name        string
		conv        conv
		template    string
		explanation string
		key         string
		text        string // a part of the text; "" to skip
	}{
		{
			name:        "FR Instagram DM about a late parcel",
			conv:        conv{text: "Bonjour, ma commande #ML-20481 n'est toujours pas arrivée, c'est normal ?", intent: backend.IntentSupport, lang: backend.LanguageFrench},
			template:    "order_support.issue.fr",
			explanation: "Order support template in French for an Instagram DM, because the message is about a delivery problem.",
			key:         "draft_explanation_issue",
			text:        "Pour la commande ML-20481, je vérifie ce qui s'est passé (livraison en retard ou non reçue)",
		},
		{
			name:        "FR support without an order number asks for it",
			conv:        conv{text: "Mon colis n'est toujours pas arrivé", intent: backend.IntentSupport, lang: backend.LanguageFrench},
			template:    "order_support.ask_number.fr",
			explanation: "Order support template in French for an Instagram DM, because the message is about a delivery problem.",
			key:         "draft_explanation_issue",
			text:        "Pouvez-vous m'envoyer votre numéro de commande ?",
		},
		{
			name:        "WhatsApp-specific order follow-up wins on WhatsApp",
			conv:        conv{platform: backend.PlatformWhatsApp, text: "Where is my order CMD-88213?", intent: backend.IntentSupport, lang: backend.LanguageEnglish, author: "Sam Carter"},
			template:    "order_support.whatsapp.en",
			explanation: "Order support template in English for a WhatsApp DM, because the message is about a delivery problem.",
			key:         "draft_explanation_issue",
			text:        "Hi Sam, it's the Maison Lumière team 👋 I'm checking on your order CMD-88213",
		},
		{
			name:        "EN support about an order without a known problem",
			conv:        conv{platform: backend.PlatformMessenger, text: "Hi, question about order 558812 please", intent: backend.IntentSupport, lang: backend.LanguageEnglish},
			template:    "order_support.status.en",
			explanation: "Order support template in English for a Messenger DM, because the message is about an order.",
			key:         "draft_explanation_issue",
			text:        "I'm looking at order 558812 right now",
		},
		{
			name:        "EN sale DM gets qualification with the product",
			conv:        conv{text: "Hi! Is the fig candle also made in a bigger size?", intent: backend.IntentSale, lang: backend.LanguageEnglish},
			template:    "qualification.product.en",
			explanation: "Qualification template in English for an Instagram DM, because the message is a purchase question.",
			key:         "draft_explanation_sale",
			text:        "Thanks for your interest in Fig candle!",
		},
		{
			name:        "FR sale DM asking about shipping gets the FAQ",
			conv:        conv{text: "Vous livrez en Belgique ?", intent: backend.IntentSale, lang: backend.LanguageFrench},
			template:    "faq.shipping.fr",
			explanation: `FAQ template in French for an Instagram DM, because the message mentions "livrez".`,
			key:         "draft_explanation_keyword",
		},
		{
			name:        "LinkedIn-specific qualification",
			conv:        conv{platform: backend.PlatformLinkedIn, text: "We'd like to discuss a partnership for our shops", intent: backend.IntentSale, lang: backend.LanguageEnglish},
			template:    "qualification.linkedin.en",
			explanation: "Qualification template in English for a LinkedIn DM, because the message is a purchase question.",
			key:         "draft_explanation_sale",
		},
		{
			name:        "first FR DM gets a welcome",
			conv:        conv{text: "Coucou 😊", intent: backend.IntentOther, lang: backend.LanguageFrench},
			template:    "welcome.menu.fr",
			explanation: "Welcome template in French for an Instagram DM, because the brand has not answered this conversation yet.",
			key:         "draft_explanation_first_message",
			text:        "Salut Léa ! Bienvenue chez Maison Lumière. Répondez 1 pour découvrir nos produits, 2 pour de l'aide sur une commande.",
		},
		{
			name:        "WhatsApp welcome in English",
			conv:        conv{platform: backend.PlatformWhatsApp, text: "hello", intent: backend.IntentOther, lang: backend.LanguageEnglish, author: "+44 7700 900123"},
			template:    "welcome.whatsapp.en",
			explanation: "Welcome template in English for a WhatsApp DM, because the brand has not answered this conversation yet.",
			key:         "draft_explanation_first_message",
			text:        "Hi there 👋",
		},
		{
			name:        "FR Instagram comment: short Instagram acknowledgement",
			conv:        conv{kind: backend.ConversationCommentThread, text: "Magnifique 😍", intent: backend.IntentOther, lang: backend.LanguageFrench},
			template:    "comment_ack.instagram.fr",
			explanation: "Comment acknowledgement template in French for an Instagram comment, because the comment deserves a thank-you and an invitation to write in private.",
			key:         "draft_explanation_comment",
			text:        "Merci Léa Martin 💛",
		},
		{
			name:        "EN YouTube comment praising",
			conv:        conv{platform: backend.PlatformYouTube, kind: backend.ConversationCommentThread, text: "Love this video, beautiful work", intent: backend.IntentOther, lang: backend.LanguageEnglish, author: "Maya"},
			template:    "comment_ack.thanks.en",
			explanation: "Comment acknowledgement template in English for a YouTube comment, because the comment deserves a thank-you and an invitation to write in private.",
			key:         "draft_explanation_comment",
			text:        "Thank you Maya for the kind words",
		},
		{
			name:        "FR Facebook support comment goes to DM",
			conv:        conv{platform: backend.PlatformFacebook, kind: backend.ConversationCommentThread, text: "Commande CMD-88213 toujours pas reçue !", intent: backend.IntentSupport, lang: backend.LanguageFrench},
			template:    "comment_ack.order_dm.fr",
			explanation: "Comment acknowledgement template in French for a Facebook comment, because order problems are best handled in private messages.",
			key:         "draft_explanation_public_support",
		},
		{
			name:        "FR comment asking availability gets the FAQ",
			conv:        conv{platform: backend.PlatformTikTok, kind: backend.ConversationCommentThread, text: "c'est dispo le Plaid Cocoon ?", intent: backend.IntentSale, lang: backend.LanguageFrench},
			template:    "faq.stock.fr",
			explanation: `FAQ template in French for a TikTok comment, because the message mentions "dispo".`,
			key:         "draft_explanation_keyword",
			text:        "Je vérifie la disponibilité de Plaid Cocoon",
		},
		{
			name:        "EN TikTok live chat: TikTok acknowledgement",
			conv:        conv{platform: backend.PlatformTikTok, kind: backend.ConversationLiveChat, text: "omg want it", intent: backend.IntentSale, lang: backend.LanguageEnglish, author: "jo"},
			template:    "comment_ack.tiktok.en",
			explanation: "Comment acknowledgement template in English for a TikTok live chat, because the comment deserves a thank-you and an invitation to write in private.",
			key:         "draft_explanation_comment",
			text:        "Thank you jo!",
		},
		{
			name:        "danger DM is handed to a person",
			conv:        conv{text: "Vous êtes des escrocs, je vais venir vous voir", intent: backend.IntentDanger, lang: backend.LanguageFrench, sentiment: backend.SentimentNegative},
			template:    "handoff.care.fr",
			explanation: "Handoff template in French for an Instagram DM, because the message is abusive or threatening, so a person should take over.",
			key:         "draft_explanation_danger",
		},
		{
			name:        "asking for a person",
			conv:        conv{text: "je veux parler à un humain svp", intent: backend.IntentSupport, lang: backend.LanguageFrench},
			template:    "handoff.person.fr",
			explanation: `Handoff template in French for an Instagram DM, because the contact asked for a person ("humain").`,
			key:         "draft_explanation_human_requested",
		},
		{
			name:        "refund is handed over with a summary",
			conv:        conv{text: "Je veux être remboursée pour la commande #ML-20481", intent: backend.IntentSupport, lang: backend.LanguageFrench},
			template:    "handoff.summary.fr",
			explanation: "Handoff template in French for an Instagram DM, because the message asks for a refund, which a person must handle.",
			key:         "draft_explanation_dispute",
			text:        "Résumé : commande ML-20481, problème : demande de remboursement.",
		},
		{
			name:        "influencer DM goes to a person",
			conv:        conv{text: "Hi! Would love to collaborate", intent: backend.IntentSale, lang: backend.LanguageEnglish, contact: &backend.Contact{ID: 3, DisplayName: "Maya Thompson", Influencer: true}},
			template:    "handoff.care.en",
			explanation: "Handoff template in English for an Instagram DM, because the contact is an influencer or VIP, whom a person should answer.",
			key:         "draft_explanation_influencer",
		},
		{
			name: "very negative DM goes to a person",
			conv: conv{text: "This is the worst order ever", intent: backend.IntentSupport, lang: backend.LanguageEnglish, sentiment: backend.SentimentNegative,
				escalations: []backend.EscalationReason{{Kind: backend.EscalationLowSentiment, Detail: "sentiment -0.80"}}},
			template:    "handoff.summary.en",
			explanation: "Handoff template in English for an Instagram DM, because the message is very negative, so a person should take over.",
			key:         "draft_explanation_low_sentiment",
			text:        "Summary: order not given, issue: to be confirmed.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Draft(context.Background(), request(tt.conv))
			if err != nil {
				t.Fatal(err)
			}
			if got.TemplateID != tt.template || got.Explanation.Text != tt.explanation || got.Explanation.Key != tt.key {
				t.Errorf("Draft = %s %q (%s), want %s %q (%s)", got.TemplateID, got.Explanation.Text, got.Explanation.Key, tt.template, tt.explanation, tt.key)
			}
			if !strings.Contains(got.Text, tt.text) {
				t.Errorf("text %q does not contain %q", got.Text, tt.text)
			}
			if got.Source != backend.DraftFromTemplate || len(got.Missing) != 0 || strings.ContainsAny(got.Text, "{}") {
				t.Errorf("draft %+v: want a complete template draft", got)
			}
			if got.Language != tt.conv.lang || got.Explanation.Params["category"] == "" || got.Explanation.Params["platform"] != request(tt.conv).Conversation.Platform {
				t.Errorf("draft language %s, params %v", got.Language, got.Explanation.Params)
			}
		})
	}
}

func TestDraftRefusals(t *testing.T) {
	d := shippedDrafter(t)
	tests := []struct {
		name string
		conv conv
		key  string
	}{
		{"spam", conv{text: "Gagnez 1000 followers ici", intent: backend.IntentSpam, lang: backend.LanguageFrench}, "draft_none_spam"},
		{"abuse in public", conv{kind: backend.ConversationCommentThread, text: "bande de nuls", intent: backend.IntentDanger, lang: backend.LanguageFrench}, "draft_none_danger_public"},
		{"small talk after the welcome", conv{text: "ok super", intent: backend.IntentOther, lang: backend.LanguageFrench, answered: true}, "draft_no_template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.Draft(context.Background(), request(tt.conv))
			var e *backend.Error
			if !errors.As(err, &e) || e.Code != backend.ENOTFOUND || e.Key != tt.key {
				t.Errorf("Draft = %v, want ENOTFOUND %s", err, tt.key)
			}
		})
	}
}

func TestDraftTieBreaksAndArchive(t *testing.T) {
	tmpl := func(id string, usage int, channel string, archived bool) backend.Template {
		return backend.Template{ID: id, Name: id, Category: backend.CategoryWelcome, Language: backend.LanguageEnglish,
			Channel: channel, Body: "Hi from " + id, UsageCount: usage, Archived: archived}
	}
	tests := []struct {
		name      string
		templates []backend.Template
		want      string
	}{
		{"smaller id on a tie", []backend.Template{tmpl("b", 0, "", false), tmpl("a", 0, "", false)}, "a"},
		{"more used wins", []backend.Template{tmpl("a", 1, "", false), tmpl("b", 5, "", false)}, "b"},
		{"channel-specific beats more used", []backend.Template{tmpl("a", 9, "", false), tmpl("b", 0, backend.PlatformInstagram, false)}, "b"},
		{"other channel is ignored", []backend.Template{tmpl("a", 0, "", false), tmpl("b", 9, backend.PlatformTikTok, false)}, "a"},
		{"archived is never chosen", []backend.Template{tmpl("a", 0, "", true), tmpl("b", 0, "", false)}, "b"},
		{"complete beats channel-specific", []backend.Template{
			{ID: "a", Name: "a", Category: backend.CategoryWelcome, Language: backend.LanguageEnglish, Body: "Hi {first_name|there}"},
			{ID: "b", Name: "b", Category: backend.CategoryWelcome, Language: backend.LanguageEnglish, Channel: backend.PlatformInstagram, Body: "Order {order_id}"},
		}, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := reply.NewDrafter(tt.templates)
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.Draft(context.Background(), request(conv{text: "hello", intent: backend.IntentOther, lang: backend.LanguageEnglish}))
			if err != nil || got.TemplateID != tt.want {
				t.Errorf("Draft = %s, %v; want %s", got.TemplateID, err, tt.want)
			}
		})
	}
}

func TestDraftReportsMissingTokens(t *testing.T) {
	d, err := reply.NewDrafter([]backend.Template{{ID: "code", Name: "code", Category: backend.CategoryWelcome, Language: backend.LanguageEnglish,
		Body: "Welcome! Your code: {custom.promo_code}"}})
	if err != nil {
		t.Fatal(err)
	}
	req := request(conv{text: "hi", intent: backend.IntentOther, lang: backend.LanguageEnglish})
	got, err := d.Draft(context.Background(), req)
	if err != nil || !slices.Equal(got.Missing, []string{"custom.promo_code"}) || !strings.Contains(got.Text, "{custom.promo_code}") {
		t.Fatalf("Draft = %+v, %v; want the missing custom field listed and visible", got, err)
	}
	req.ContactFields = map[string]string{"promo_code": "HELLO10"}
	if got, _ := d.Draft(context.Background(), req); got.Text != "Welcome! Your code: HELLO10" || len(got.Missing) != 0 {
		t.Errorf("with the field: %+v", got)
	}
}

func TestNewDrafterRejectsBadTemplates(t *testing.T) {
	_, err := reply.NewDrafter([]backend.Template{{ID: "bad", Name: "Bad", Category: backend.CategoryFAQ, Language: backend.LanguageFrench, Body: "Salut {prénom}"}})
	var e *backend.Error
	if !errors.As(err, &e) || e.Code != backend.EINVALID || e.Params["id"] != "bad" || !strings.Contains(e.Message, "did you mean {first_name}") {
		t.Errorf("NewDrafter = %v, want EINVALID naming the template and the token", err)
	}
}

func TestDraftIsDeterministic(t *testing.T) {
	templates, err := reply.ParseLibrary(assets.Templates)
	if err != nil {
		t.Fatal(err)
	}
	req := request(conv{text: "Bonjour, ma commande #ML-20481 n'est pas arrivée", intent: backend.IntentSupport, lang: backend.LanguageFrench})
	base, err := shippedDrafter(t).Draft(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		rng.Shuffle(len(templates), func(i, j int) { templates[i], templates[j] = templates[j], templates[i] })
		d, err := reply.NewDrafter(templates)
		if err != nil {
			t.Fatal(err)
		}
		got, err := d.Draft(context.Background(), req)
		if err != nil || got.Text != base.Text || got.TemplateID != base.TemplateID || got.Explanation.Text != base.Explanation.Text {
			t.Fatalf("draft changed with the library order: %+v vs %+v", got, base)
		}
	}
}

func TestDraftHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := shippedDrafter(t).Draft(ctx, request(conv{text: "hi", intent: backend.IntentOther})); !errors.Is(err, context.Canceled) {
		t.Errorf("Draft with a cancelled context = %v", err)
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		name    string
		message backend.Language
		conv    backend.Language
		contact string
		brand   []string
		want    backend.Language
	}{
		{"message language", backend.LanguageEnglish, backend.LanguageFrench, "fr", []string{"fr", "en"}, backend.LanguageEnglish},
		{"other falls back to the conversation", backend.LanguageOther, backend.LanguageFrench, "", []string{"en", "fr"}, backend.LanguageFrench},
		{"then the contact", backend.LanguageOther, "", "en", []string{"fr", "en"}, backend.LanguageEnglish},
		{"then the brand's first language", backend.LanguageOther, "", "", []string{"fr", "en"}, backend.LanguageFrench},
		{"only languages the brand answers in", backend.LanguageEnglish, "", "", []string{"fr"}, backend.LanguageFrench},
		{"English without settings", "", "", "", nil, backend.LanguageEnglish},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := backend.DraftRequest{
				Message:      backend.Message{Triage: &backend.TriageResult{Language: tt.message}},
				Conversation: backend.Conversation{Language: tt.conv},
				Contact:      &backend.Contact{Language: tt.contact},
				Settings:     backend.Settings{Languages: tt.brand},
			}
			if got := reply.Language(req); got != tt.want {
				t.Errorf("Language = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestOrderID(t *testing.T) {
	tests := []struct{ text, want string }{
		{"ma commande #ML-20481 est en retard", "ML-20481"},
		{"order #20481?", "20481"},
		{"réf CMD-88213 svp", "CMD-88213"},
		{"commande n° 204815", "204815"},
		{"Commande numéro 77120", "77120"},
		{"my order number: 558812", "558812"},
		{"appelez-moi au 06 12 34 56 78", ""},
		{"j'ai 2 commandes", ""},
	}
	for _, tt := range tests {
		if got := reply.OrderID(tt.text); got != tt.want {
			t.Errorf("OrderID(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestRenderContext(t *testing.T) {
	tests := []struct {
		name string
		conv conv
		want backend.RenderContext
	}{
		{"names, order and longest product", conv{text: "La Bougie Figue noire de ma commande #ML-20481 est arrivée cassée", author: "léa martin"},
			backend.RenderContext{FirstName: "Léa", AuthorName: "léa martin", OrderID: "ML-20481", ProductName: "Bougie Figue noire", Brand: "Maison Lumière", Issue: "article reçu abîmé"}},
		{"a handle is not a first name", conv{text: "hello", author: "chloe.cocooning", lang: backend.LanguageEnglish},
			backend.RenderContext{AuthorName: "chloe.cocooning", Brand: "Maison Lumière"}},
		{"products match without accents or case", conv{text: "le diffuseur ambre est top", author: "Zoé"},
			backend.RenderContext{FirstName: "Zoé", AuthorName: "Zoé", ProductName: "Diffuseur Ambre", Brand: "Maison Lumière"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := tt.conv.lang
			if lang == "" {
				lang = backend.LanguageFrench
			}
			got := reply.RenderContext(request(tt.conv), lang)
			if got.FirstName != tt.want.FirstName || got.AuthorName != tt.want.AuthorName || got.OrderID != tt.want.OrderID ||
				got.ProductName != tt.want.ProductName || got.Brand != tt.want.Brand || got.Issue != tt.want.Issue {
				t.Errorf("RenderContext = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func BenchmarkDraft(b *testing.B) {
	d := shippedDrafter(b)
	req := request(conv{text: "Bonjour, ma commande #ML-20481 n'est toujours pas arrivée et la Bougie Figue noire était pour un cadeau, c'est normal ?",
		intent: backend.IntentSupport, lang: backend.LanguageFrench})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Draft(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}
