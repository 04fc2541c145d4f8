package reply_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"tend/backend"
	"tend/backend/reply"
)

// templateReply is a human-chosen template reply in a calm sale conversation on Instagram: no
// reason fires for it unless a test adds one.
func templateReply(text string) backend.OutgoingReply {
	return backend.OutgoingReply{
		ID:           "draft-1",
		Text:         text,
		TemplateID:   "faq.shipping.fr",
		Conversation: backend.Conversation{ID: 1, Platform: backend.PlatformInstagram, Kind: backend.ConversationDM},
		Contact:      &backend.Contact{ID: 2, DisplayName: "Léa Martin"},
		Triage:       &backend.TriageResult{Intent: backend.IntentSale, Sentiment: backend.SentimentNeutral, Language: backend.LanguageFrench},
		Platform:     backend.PlatformInstagram,
	}
}

// reasonsOf returns the details of the reasons of kind k.
func reasonsOf(d backend.ApprovalDecision, k backend.ApprovalKind) []backend.ApprovalReason {
	var out []backend.ApprovalReason
	for _, r := range d.Reasons {
		if r.Kind == k {
			out = append(out, r)
		}
	}
	return out
}

func TestEvaluateTextReasons(t *testing.T) {
	tests := []struct {
		text   string
		kind   backend.ApprovalKind
		detail string // "" when the kind must not fire
	}{
		// money
		{"Elle coûte 32 € pièce.", backend.ApprovalMoney, `matched "32 €"`},
		{"Only €32 today", backend.ApprovalMoney, `matched "€32"`},
		{"It's $15.99 with shipping", backend.ApprovalMoney, `matched "$15.99"`},
		{"Total : 15,99 EUR", backend.ApprovalMoney, `matched "15,99 eur"`},
		{"Le plaid est à 1 299,00 €", backend.ApprovalMoney, `matched "1 299,00 €"`},
		{"Profitez de -20 % ce week-end", backend.ApprovalMoney, `matched "-20 %"`},
		{"20% off with a discount code", backend.ApprovalMoney, `matched "20%", "discount"`},
		{"Voici le PRIX et un code promo", backend.ApprovalMoney, `matched "code promo", "prix"`},
		{"Nos tarifs sont sur le site", backend.ApprovalMoney, `matched "tarifs"`},
		{"Merci beaucoup, à bientôt !", backend.ApprovalMoney, ""},
		{"Votre commande ML-20481 part demain", backend.ApprovalMoney, ""},
		{"100% coton, fait main", backend.ApprovalMoney, ""},
		{"Vous avez 2 colis en route", backend.ApprovalMoney, ""},
		// legal
		{"Notre avocat vous répondra", backend.ApprovalLegal, `matched "avocat"`},
		{"C'est couvert par la GARANTIE légale", backend.ApprovalLegal, `matched "garantie", "legale"`},
		{"Under warranty and GDPR rules", backend.ApprovalLegal, `matched "warranty", "gdpr"`},
		{"Voir nos conditions générales de vente", backend.ApprovalLegal, `matched "conditions generales"`},
		{"Vous pouvez porter plainte au tribunal", backend.ApprovalLegal, `matched "plainte", "tribunal"`},
		{"Le délai est plus court en semaine", backend.ApprovalLegal, ""},
		{"Merci pour votre confiance", backend.ApprovalLegal, ""},
		// refunds and disputes
		{"Nous allons vous rembourser", backend.ApprovalRefund, `matched "rembourser"`},
		{"Votre remboursement est en cours", backend.ApprovalRefund, `matched "remboursement"`},
		{"We issued a refund", backend.ApprovalRefund, `matched "refund"`},
		{"Le litige est clos", backend.ApprovalRefund, `matched "litige"`},
		{"A chargeback was opened", backend.ApprovalRefund, `matched "chargeback"`},
		{"Voici votre bon de retour", backend.ApprovalRefund, `matched "bon de retour"`},
		{"Merci pour votre retour, ça nous aide !", backend.ApprovalRefund, ""},
		{"Thanks, happy to help in return", backend.ApprovalRefund, ""},
		// personal data
		{"Écrivez à lea.martin@example.fr", backend.ApprovalPersonalData, "contains email"},
		{"Appelez le 06 12 34 56 78", backend.ApprovalPersonalData, "contains phone"},
		{"Appelez le +33 6 12 34 56 78", backend.ApprovalPersonalData, "contains phone"},
		{"Call +44 20 7946 0958", backend.ApprovalPersonalData, "contains phone"},
		{"Call (415) 555-0132", backend.ApprovalPersonalData, "contains phone"},
		{"Livraison au 12 bis rue des Lilas", backend.ApprovalPersonalData, "contains address"},
		{"Ship to 221B Baker Street", backend.ApprovalPersonalData, "contains address"},
		{"Carte 4242 4242 4242 4242 reçue", backend.ApprovalPersonalData, "contains card"},
		{"card 4111-1111-1111-1111 exp 12/28", backend.ApprovalPersonalData, "contains card"},
		{"Carte 4242 4242 4242 4242 12/28", backend.ApprovalPersonalData, "contains card"},
		{"IBAN FR76 3000 6000 0112 3456 7890 189", backend.ApprovalPersonalData, "contains iban"},
		{"Mail lea@example.com ou 0612345678", backend.ApprovalPersonalData, "contains email, phone"},
		{"Commande 2048193377615402 expédiée", backend.ApprovalPersonalData, ""},
		{"Carte 4242 4242 4242 4241", backend.ApprovalPersonalData, ""},
		{"Commande #ML-20481 du 12/03", backend.ApprovalPersonalData, ""},
		{"Il reste 2 places pour l'atelier", backend.ApprovalPersonalData, ""},
		{"FR76 3000 6000 0112 3456 7890 188", backend.ApprovalPersonalData, ""},
		{"Écrivez-nous @maisonlumiere", backend.ApprovalPersonalData, ""},
	}
	policy := backend.DefaultApprovalPolicy()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			d := reply.Evaluate(policy, templateReply(tt.text))
			got := reasonsOf(d, tt.kind)
			switch {
			case tt.detail == "" && len(got) != 0:
				t.Errorf("%s fired: %+v", tt.kind, got)
			case tt.detail != "" && (len(got) != 1 || got[0].Detail != tt.detail):
				t.Errorf("%s reasons = %+v, want one with detail %q", tt.kind, got, tt.detail)
			case tt.detail != "" && (got[0].Key != "approval_reason_"+string(tt.kind) || !d.NeedsApproval || d.Autopilot):
				t.Errorf("decision %+v: want approval with key approval_reason_%s", d, tt.kind)
			}
		})
	}
}

func TestEvaluateNeverQuotesPersonalData(t *testing.T) {
	d := reply.Evaluate(backend.DefaultApprovalPolicy(), templateReply("lea@example.com, 06 12 34 56 78, 4242 4242 4242 4242"))
	for _, r := range d.Reasons {
		for _, secret := range []string{"lea@", "06 12", "4242"} {
			if strings.Contains(r.Detail, secret) || strings.Contains(fmt.Sprint(r.Params), secret) {
				t.Errorf("reason %+v quotes personal data", r)
			}
		}
	}
}

func TestEvaluateConversationReasons(t *testing.T) {
	tests := []struct {
		name   string
		change func(*backend.OutgoingReply)
		kind   backend.ApprovalKind
		detail string
	}{
		{"negative sentiment", func(r *backend.OutgoingReply) {
			r.Triage.Sentiment, r.Triage.SentimentScore = backend.SentimentNegative, -0.62
		}, backend.ApprovalNegativeSentiment, "the conversation's latest message is negative (score -0.62)"},
		{"negative conversation without triage", func(r *backend.OutgoingReply) {
			r.Triage = nil
			r.Conversation.Sentiment, r.Conversation.SentimentScore = backend.SentimentNegative, -0.5
		}, backend.ApprovalNegativeSentiment, "the conversation's latest message is negative (score -0.50)"},
		{"danger intent", func(r *backend.OutgoingReply) { r.Triage.Intent = backend.IntentDanger },
			backend.ApprovalDanger, "the conversation was triaged as abusive or threatening"},
		{"danger escalation", func(r *backend.OutgoingReply) {
			r.Triage.Reasons = []backend.EscalationReason{{Kind: backend.EscalationDanger, Detail: "threat"}}
		}, backend.ApprovalDanger, "the conversation was triaged as abusive or threatening"},
		{"influencer", func(r *backend.OutgoingReply) { r.Contact.Influencer = true },
			backend.ApprovalInfluencer, "the contact is flagged influencer"},
		{"VIP from the conversation summary", func(r *backend.OutgoingReply) {
			r.Contact = nil
			r.Conversation.Contact = &backend.ContactSummary{VIP: true, Influencer: true}
		}, backend.ApprovalInfluencer, "the contact is flagged influencer and VIP"},
		{"AI-generated", func(r *backend.OutgoingReply) { r.AIGenerated, r.TemplateID = true, "" },
			backend.ApprovalAIGenerated, "the text was written by a language model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := templateReply("Merci, à bientôt !")
			if calm := reply.Evaluate(backend.DefaultApprovalPolicy(), r); len(calm.Reasons) != 0 || calm.NeedsApproval {
				t.Fatalf("the calm reply needs approval: %+v", calm)
			}
			tt.change(&r)
			d := reply.Evaluate(backend.DefaultApprovalPolicy(), r)
			got := reasonsOf(d, tt.kind)
			if len(got) != 1 || got[0].Detail != tt.detail || !d.NeedsApproval || d.Autopilot {
				t.Errorf("decision %+v, want one %s reason %q", d, tt.kind, tt.detail)
			}
		})
	}
}

func TestEvaluateRecordsEveryReason(t *testing.T) {
	r := templateReply("Votre remboursement de 32 € part sur la carte 4242 4242 4242 4242, voir nos CGV.")
	r.AIGenerated = true
	r.Contact.VIP = true
	r.Triage.Sentiment = backend.SentimentNegative
	var kinds []backend.ApprovalKind
	for _, reason := range reply.Evaluate(backend.DefaultApprovalPolicy(), r).Reasons {
		kinds = append(kinds, reason.Kind)
	}
	want := []backend.ApprovalKind{backend.ApprovalMoney, backend.ApprovalLegal, backend.ApprovalRefund, backend.ApprovalPersonalData,
		backend.ApprovalNegativeSentiment, backend.ApprovalInfluencer, backend.ApprovalAIGenerated}
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds = %v, want %v", kinds, want)
	}
}

func TestEvaluateRespectsEditedRules(t *testing.T) {
	policy := backend.DefaultApprovalPolicy()
	policy.Kinds = slices.DeleteFunc(policy.Kinds, func(k backend.ApprovalKind) bool { return k == backend.ApprovalMoney })
	policy.ExtraLegalWords = map[backend.Language][]string{backend.LanguageFrench: {"huissier*"}, backend.LanguageEnglish: {"bailiff"}}
	tests := []struct {
		text string
		kind backend.ApprovalKind
		want bool
	}{
		{"Elle coûte 32 €", backend.ApprovalMoney, false},
		{"Un huissier passera", backend.ApprovalLegal, true},
		{"Les HUISSIERS sont prévenus", backend.ApprovalLegal, true},
		{"The bailiff will call", backend.ApprovalLegal, true},
		{"Merci beaucoup", backend.ApprovalLegal, false},
	}
	for _, tt := range tests {
		if got := len(reasonsOf(reply.Evaluate(policy, templateReply(tt.text)), tt.kind)) > 0; got != tt.want {
			t.Errorf("%q: %s fired = %v, want %v", tt.text, tt.kind, got, tt.want)
		}
	}
}

func TestAutopilot(t *testing.T) {
	policy := backend.DefaultApprovalPolicy()
	policy.QASampleRate = 0
	policy.Autopilot = []backend.AutopilotRule{{Intent: backend.IntentSale, Platform: backend.PlatformInstagram}}
	tests := []struct {
		name   string
		change func(*backend.OutgoingReply)
		want   bool
	}{
		{"enabled pair, calm template reply", func(*backend.OutgoingReply) {}, true},
		{"automated template reply", func(r *backend.OutgoingReply) { r.Automated = true }, true},
		{"platform from the conversation", func(r *backend.OutgoingReply) { r.Platform = "" }, true},
		{"other platform", func(r *backend.OutgoingReply) { r.Platform = backend.PlatformTikTok }, false},
		{"other intent", func(r *backend.OutgoingReply) { r.Triage.Intent = backend.IntentSupport }, false},
		{"not from a template", func(r *backend.OutgoingReply) { r.TemplateID = "" }, false},
		{"AI-written template edit", func(r *backend.OutgoingReply) { r.AIGenerated = true }, false},
		{"a reason fired", func(r *backend.OutgoingReply) { r.Text = "Elle coûte 32 €" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := templateReply("Nous expédions partout en France.")
			tt.change(&r)
			if got := reply.Evaluate(policy, r); got.Autopilot != tt.want {
				t.Errorf("Autopilot = %v, want %v (%+v)", got.Autopilot, tt.want, got)
			}
		})
	}
	// With AI approval switched off, an AI reply has no reason, needs no approval, and is still
	// never sent on autopilot.
	policy.Kinds = []backend.ApprovalKind{backend.ApprovalMoney}
	r := templateReply("Nous expédions partout en France.")
	r.AIGenerated = true
	if got := reply.Evaluate(policy, r); got.NeedsApproval || got.Autopilot {
		t.Errorf("AI reply without AI approval = %+v, want neither approval nor autopilot", got)
	}
}

func TestQASampling(t *testing.T) {
	policy := backend.DefaultApprovalPolicy()
	sampledCount := 0
	const n = 20_000
	for i := range n {
		r := templateReply("Nous expédions partout en France.")
		r.ID, r.Automated = fmt.Sprintf("outbox-%d", i), true
		first := reply.Evaluate(policy, r)
		if again := reply.Evaluate(policy, r); again.QASample != first.QASample {
			t.Fatalf("%s: sampling is not stable", r.ID)
		}
		if first.QASample {
			sampledCount++
			if first.NeedsApproval || len(first.Reasons) > 0 {
				t.Fatalf("%s: a sampled reply is held: %+v", r.ID, first)
			}
		}
	}
	if share := float64(sampledCount) / n; math.Abs(share-0.10) > 0.01 {
		t.Errorf("sampled %.3f of automated replies, want about 0.10", share)
	}

	tests := []struct {
		name      string
		rate      float64
		automated bool
		want      bool
	}{
		{"rate 1 samples every automated reply", 1, true, true},
		{"rate 0 samples none", 0, true, false},
		{"replies a person sends are not sampled", 1, false, false},
	}
	for _, tt := range tests {
		policy.QASampleRate = tt.rate
		r := templateReply("Merci !")
		r.Automated = tt.automated
		if got := reply.Evaluate(policy, r).QASample; got != tt.want {
			t.Errorf("%s: sampled = %v", tt.name, got)
		}
	}
}

func TestApprovalPolicyValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*backend.ApprovalPolicy)
		key    string // "" when valid
	}{
		{"default", func(*backend.ApprovalPolicy) {}, ""},
		{"footer mode", func(p *backend.ApprovalPolicy) { p.Disclosure.Mode = backend.DisclosureFooter }, ""},
		{"autopilot pair", func(p *backend.ApprovalPolicy) {
			p.Autopilot = []backend.AutopilotRule{{Intent: backend.IntentSupport, Platform: backend.PlatformWhatsApp}}
		}, ""},
		{"unknown kind", func(p *backend.ApprovalPolicy) { p.Kinds = append(p.Kinds, "vibes") }, "approval_kind_unknown"},
		{"kind twice", func(p *backend.ApprovalPolicy) { p.Kinds = append(p.Kinds, backend.ApprovalMoney) }, "approval_kind_duplicate"},
		{"rate above 1", func(p *backend.ApprovalPolicy) { p.QASampleRate = 1.5 }, "approval_qa_rate"},
		{"rate NaN", func(p *backend.ApprovalPolicy) { p.QASampleRate = math.NaN() }, "approval_qa_rate"},
		{"legal word language", func(p *backend.ApprovalPolicy) {
			p.ExtraLegalWords = map[backend.Language][]string{"de": {"anwalt"}}
		}, "approval_legal_language"},
		{"blank legal word", func(p *backend.ApprovalPolicy) {
			p.ExtraLegalWords = map[backend.Language][]string{backend.LanguageFrench: {" "}}
		}, "approval_legal_word_invalid"},
		{"autopilot for danger", func(p *backend.ApprovalPolicy) {
			p.Autopilot = []backend.AutopilotRule{{Intent: backend.IntentDanger, Platform: backend.PlatformInstagram}}
		}, "approval_autopilot_intent"},
		{"autopilot on an unknown platform", func(p *backend.ApprovalPolicy) {
			p.Autopilot = []backend.AutopilotRule{{Intent: backend.IntentSale, Platform: "myspace"}}
		}, "channel_platform_unknown"},
		{"unknown disclosure mode", func(p *backend.ApprovalPolicy) { p.Disclosure.Mode = "banner" }, "disclosure_mode_unknown"},
		{"missing English prefix", func(p *backend.ApprovalPolicy) { delete(p.Disclosure.Prefix, backend.LanguageEnglish) }, "disclosure_text_required"},
		{"missing French notice", func(p *backend.ApprovalPolicy) { p.Disclosure.Notice[backend.LanguageFrench] = " " }, "disclosure_text_required"},
		{"long footer", func(p *backend.ApprovalPolicy) {
			p.Disclosure.Footer[backend.LanguageFrench] = strings.Repeat("a", backend.MaxDisclosureRunes+1)
		}, "disclosure_text_too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := backend.DefaultApprovalPolicy()
			tt.change(&p)
			err := p.Validate()
			var e *backend.Error
			switch {
			case tt.key == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.key != "" && (!errors.As(err, &e) || e.Code != backend.EINVALID || e.Key != tt.key):
				t.Errorf("Validate() = %v, want EINVALID %s", err, tt.key)
			}
		})
	}
}
