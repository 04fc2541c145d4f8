package sqlite_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"tend/assets"
	"tend/backend"
	"tend/backend/reply"
	"tend/backend/sqlite"
)

// shippedLibrary is the template library main.go seeds workspaces with.
func shippedLibrary(t *testing.T) []backend.Template {
	t.Helper()
	library, err := reply.ParseLibrary(assets.Templates)
	if err != nil {
		t.Fatal(err)
	}
	return library
}

type templatesEnv struct {
	*inboxEnv
	settings  *sqlite.SettingsService
	templates *sqlite.TemplateService
	library   []backend.Template
}

// newTemplates opens a workspace with the demo's brand settings, an Instagram and a YouTube
// channel, and a template service over the shipped library.
func newTemplates(t *testing.T) *templatesEnv {
	t.Helper()
	env := &templatesEnv{inboxEnv: newInbox(t), library: shippedLibrary(t)}
	env.settings = sqlite.NewSettingsService(env.ws, env.events, defaultSettings)
	brand := defaultSettings
	brand.BrandName = "Maison Lumière"
	if err := env.settings.SetDefaults(context.Background(), brand); err != nil {
		t.Fatal(err)
	}
	env.templates = sqlite.NewTemplateService(env.ws, env.events, env.settings, env.library)
	return env
}

// all lists every template, archived ones included.
func (env *templatesEnv) all(t *testing.T) []backend.Template {
	t.Helper()
	list, err := env.templates.ListTemplates(context.Background(), backend.TemplateFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// changes returns the ids of every templates:changed event so far, one slice per event.
func (env *templatesEnv) changes() [][]string {
	env.events.mu.Lock()
	defer env.events.mu.Unlock()
	var out [][]string
	for _, e := range env.events.events {
		if e.Name == backend.EventTemplatesChanged {
			out = append(out, e.Payload.(backend.TemplatesChangedEvent).IDs)
		}
	}
	return out
}

func ids(list []backend.Template) []string {
	out := make([]string, len(list))
	for i, t := range list {
		out[i] = t.ID
	}
	return out
}

// errorKey returns the translation key of err and its "position" parameter.
func errorKey(err error) (key, position string) {
	e := backend.Public(err)
	return e.Key, e.Params["position"]
}

func TestTemplateSeeding(t *testing.T) {
	ctx := context.Background()

	t.Run("FirstUseSeedsTheLibraryOnce", func(t *testing.T) {
		env := newTemplates(t)
		list := env.all(t)
		if len(list) != len(env.library) || len(list) != 56 {
			t.Fatalf("seeded %d templates, want the library's %d", len(list), len(env.library))
		}
		for _, tpl := range list {
			if !tpl.Shipped || tpl.UsageCount != 0 || tpl.Archived || !tpl.CreatedAt.Equal(fixedNow) {
				t.Fatalf("seeded template %+v", tpl)
			}
		}
		if got := env.changes(); len(got) != 1 || len(got[0]) != len(env.library) {
			t.Fatalf("want one templates:changed event naming every template, got %d events", len(got))
		}
		env.all(t)
		if got := env.changes(); len(got) != 1 {
			t.Fatalf("a second use seeded again: %d events", len(got))
		}
	})

	t.Run("ReseedingKeepsEditsArchivesAndUserTemplates", func(t *testing.T) {
		env := newTemplates(t)
		edited, err := env.templates.UpdateTemplate(ctx, "welcome.menu.fr", backend.TemplateUpdate{Body: ptr("Coucou {first_name|} !")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.templates.ArchiveTemplate(ctx, "faq.hours.en", true); err != nil {
			t.Fatal(err)
		}
		if _, err := env.templates.RecordTemplateUse(ctx, "faq.shipping.fr"); err != nil {
			t.Fatal(err)
		}
		mine, err := env.templates.CreateTemplate(ctx, backend.Template{Name: "Horaires", Category: backend.CategoryFAQ,
			Language: backend.LanguageFrench, Body: "Nous répondons de 9 h à 18 h."})
		if err != nil {
			t.Fatal(err)
		}
		before := len(env.changes())

		// A restart: a new service seeds the same workspace again.
		again := sqlite.NewTemplateService(env.ws, env.events, env.settings, env.library)
		list, err := again.ListTemplates(ctx, backend.TemplateFilter{IncludeArchived: true})
		if err != nil || len(list) != len(env.library)+1 {
			t.Fatalf("after reseeding: %d templates, %v", len(list), err)
		}
		got := map[string]backend.Template{}
		for _, tpl := range list {
			got[tpl.ID] = tpl
		}
		switch {
		case got["welcome.menu.fr"].Body != edited.Body || !got["welcome.menu.fr"].Shipped:
			t.Fatalf("the edit was overwritten: %+v", got["welcome.menu.fr"])
		case !got["faq.hours.en"].Archived:
			t.Fatal("the archived template came back")
		case got["faq.shipping.fr"].UsageCount != 1:
			t.Fatalf("usage reset: %+v", got["faq.shipping.fr"])
		case got[mine.ID].Shipped || got[mine.ID].Name != "Horaires":
			t.Fatalf("user template changed: %+v", got[mine.ID])
		}
		if len(env.changes()) != before {
			t.Fatal("reseeding an up-to-date workspace published a change")
		}
	})

	t.Run("ANewerLibraryAddsOnlyItsNewTemplates", func(t *testing.T) {
		env := newTemplates(t)
		older := sqlite.NewTemplateService(env.ws, env.events, env.settings, env.library[:len(env.library)-1])
		list, err := older.ListTemplates(ctx, backend.TemplateFilter{IncludeArchived: true})
		if err != nil || len(list) != len(env.library)-1 {
			t.Fatalf("older library: %d, %v", len(list), err)
		}
		if _, err := older.UpdateTemplate(ctx, "faq.shipping.fr", backend.TemplateUpdate{Name: ptr("Livraison (perso)")}); err != nil {
			t.Fatal(err)
		}
		list = env.all(t) // env.templates holds the full library
		newest := env.library[len(env.library)-1].ID
		if len(list) != len(env.library) || !slices.Contains(ids(list), newest) {
			t.Fatalf("the new template %s was not added: %d templates", newest, len(list))
		}
		if last := env.changes()[len(env.changes())-1]; !slices.Equal(last, []string{newest}) {
			t.Fatalf("seeding published %v, want only the new template", last)
		}
		if tpl, err := env.templates.GetTemplate(ctx, "faq.shipping.fr"); err != nil || tpl.Name != "Livraison (perso)" {
			t.Fatalf("edit lost: %+v, %v", tpl, err)
		}
	})

	t.Run("AnExistingWorkspaceIsSeededOnFirstUse", func(t *testing.T) {
		env := newTemplates(t)
		env.ingest(t, env.dm("t1", "lea", "Bonjour !", time.Minute))
		if len(env.changes()) != 0 {
			t.Fatal("seeded before the template service was used")
		}
		if _, err := env.templates.DraftReply(ctx, 1); err != nil {
			t.Fatal(err)
		}
		if len(env.changes()) != 1 || len(env.all(t)) != len(env.library) {
			t.Fatal("the first draft did not seed the library")
		}
	})
}

func TestCreateTemplate(t *testing.T) {
	ctx := context.Background()
	valid := backend.Template{Name: "Délais de livraison", Category: backend.CategoryFAQ, Language: backend.LanguageFrench,
		Body: "Bonjour {first_name|}, {brand} livre en 48 h.", Keywords: []string{" délai* ", "livraison"}}

	t.Run("RejectsBadBodiesAndFieldsWritingNothing", func(t *testing.T) {
		env := newTemplates(t)
		seeded := len(env.all(t))
		events := len(env.changes())
		with := func(change func(*backend.Template)) backend.Template {
			tpl := valid
			change(&tpl)
			return tpl
		}
		for _, tc := range []struct {
			name     string
			tpl      backend.Template
			key      string
			position string
		}{
			{"UnknownToken", with(func(t *backend.Template) { t.Body = "Bonjour {client}, merci !" }), "template_token_unknown", "9"},
			{"GuideToken", with(func(t *backend.Template) { t.Body = "Merci {prénom} !" }), "template_token_alias", "7"},
			{"UnclosedBrace", with(func(t *backend.Template) { t.Body = "Bonjour {first_name, merci" }), "template_brace_unclosed", "9"},
			{"UnmatchedBrace", with(func(t *backend.Template) { t.Body = "Merci } à bientôt" }), "template_brace_unmatched", "7"},
			{"EmptyToken", with(func(t *backend.Template) { t.Body = "Bonjour {} !" }), "template_token_empty", "9"},
			{"TenThousandCharacters", with(func(t *backend.Template) { t.Body = strings.Repeat("é", 10_000) }), "template_body_too_long", ""},
			{"BlankBody", with(func(t *backend.Template) { t.Body = "  \n " }), "template_body_required", ""},
			{"NoName", with(func(t *backend.Template) { t.Name = "  " }), "template_name_required", ""},
			{"Category", with(func(t *backend.Template) { t.Category = "gossip" }), "template_category_unknown", ""},
			{"Language", with(func(t *backend.Template) { t.Language = "de" }), "template_language_unsupported", ""},
			{"Channel", with(func(t *backend.Template) { t.Channel = "myspace" }), "channel_platform_unknown", ""},
			{"ID", with(func(t *backend.Template) { t.ID = "Mon Modèle" }), "template_id_invalid", ""},
			{"Keyword", with(func(t *backend.Template) { t.Keywords = []string{"*"} }), "template_keyword_invalid", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := env.templates.CreateTemplate(ctx, tc.tpl)
				key, position := errorKey(err)
				if backend.ErrorCode(err) != backend.EINVALID || key != tc.key || position != tc.position {
					t.Fatalf("got %v (key %q, position %q), want EINVALID %s at %q", err, key, position, tc.key, tc.position)
				}
			})
		}
		if len(env.all(t)) != seeded || len(env.changes()) != events {
			t.Fatal("a rejected template was saved or announced")
		}
	})

	t.Run("MakesReadableUniqueIDs", func(t *testing.T) {
		env := newTemplates(t)
		for _, tc := range []struct {
			name, id, want string
		}{
			{valid.Name, "", "custom.delais-de-livraison"},
			{valid.Name, "", "custom.delais-de-livraison-2"},
			{"  Délais de livraison ", "", "custom.delais-de-livraison-3"},
			{"🎉🎉", "", "custom.template"},
			{"Œuvre d'art : « prix » ?", "", "custom.oeuvre-d-art-prix"},
			{strings.Repeat("Très long nom ", 7), "", "custom.tres-long-nom-tres-long-nom-tres-long-nom-tres"},
			{strings.Repeat("a", 80), "", "custom." + strings.Repeat("a", 49)},
			{"Given", "faq.gift_wrap.fr", "faq.gift_wrap.fr"},
		} {
			tpl := valid
			tpl.Name, tpl.ID = tc.name, tc.id
			got, err := env.templates.CreateTemplate(ctx, tpl)
			if err != nil || got.ID != tc.want {
				t.Fatalf("%q: got id %q, %v; want %q", tc.name, got.ID, err, tc.want)
			}
			if len(got.ID) > backend.MaxTemplateIDBytes || got.Shipped || got.UsageCount != 0 || !got.CreatedAt.Equal(fixedNow) {
				t.Fatalf("created %+v", got)
			}
			if stored, err := env.templates.GetTemplate(ctx, got.ID); err != nil || stored.Name != strings.TrimSpace(tc.name) ||
				!slices.Equal(stored.Keywords, []string{"délai*", "livraison"}) {
				t.Fatalf("stored %+v, %v", stored, err)
			}
		}
		if last := env.changes()[len(env.changes())-1]; !slices.Equal(last, []string{"faq.gift_wrap.fr"}) {
			t.Fatalf("last event %v", last)
		}
	})

	t.Run("DuplicateIDConflicts", func(t *testing.T) {
		env := newTemplates(t)
		tpl := valid
		tpl.ID = "faq.shipping.fr"
		_, err := env.templates.CreateTemplate(ctx, tpl)
		if key, _ := errorKey(err); backend.ErrorCode(err) != backend.ECONFLICT || key != "template_exists" {
			t.Fatalf("got %v", err)
		}
		if got, _ := env.templates.GetTemplate(ctx, "faq.shipping.fr"); got.Name != "Livraison" {
			t.Fatalf("the shipped template was overwritten: %+v", got)
		}
	})
}

func TestChangeTemplates(t *testing.T) {
	ctx := context.Background()
	env := newTemplates(t)
	env.all(t) // seeds at fixedNow
	later := fixedNow.Add(time.Hour)
	env.clock.Set(later)

	t.Run("Update", func(t *testing.T) {
		got, err := env.templates.UpdateTemplate(ctx, "faq.hours.fr", backend.TemplateUpdate{
			Body: ptr("Nous répondons de 9 h à 19 h, {first_name|}."), Keywords: ptr([]string{"horaire*", " ouvert "}),
		})
		if err != nil || got.Body != "Nous répondons de 9 h à 19 h, {first_name|}." || !slices.Equal(got.Keywords, []string{"horaire*", "ouvert"}) ||
			got.Name != "Horaires et contact" || !got.UpdatedAt.Equal(later) || !got.CreatedAt.Equal(fixedNow) || !got.Shipped {
			t.Fatalf("got %+v, %v", got, err)
		}
		if stored, _ := env.templates.GetTemplate(ctx, "faq.hours.fr"); stored.Body != got.Body || !stored.UpdatedAt.Equal(later) {
			t.Fatalf("not saved: %+v", stored)
		}
		_, err = env.templates.UpdateTemplate(ctx, "faq.hours.fr", backend.TemplateUpdate{Body: ptr("Ouvert {horaires}")})
		if key, position := errorKey(err); backend.ErrorCode(err) != backend.EINVALID || key != "template_token_unknown" || position != "8" {
			t.Fatalf("bad body: %v", err)
		}
		if _, err := env.templates.UpdateTemplate(ctx, "faq.hours.fr", backend.TemplateUpdate{Language: ptr(backend.Language("de"))}); backend.ErrorCode(err) != backend.EINVALID {
			t.Fatalf("bad language: %v", err)
		}
		if stored, _ := env.templates.GetTemplate(ctx, "faq.hours.fr"); stored.Body != got.Body || stored.Language != backend.LanguageFrench {
			t.Fatalf("a rejected update was saved: %+v", stored)
		}
		_, err = env.templates.UpdateTemplate(ctx, "faq.nope", backend.TemplateUpdate{Name: ptr("x")})
		if key, _ := errorKey(err); backend.ErrorCode(err) != backend.ENOTFOUND || key != "template_not_found" {
			t.Fatalf("missing: %v", err)
		}
	})

	t.Run("Duplicate", func(t *testing.T) {
		if _, err := env.templates.RecordTemplateUse(ctx, "welcome.menu.en"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.templates.ArchiveTemplate(ctx, "welcome.menu.en", true); err != nil {
			t.Fatal(err)
		}
		longName := strings.Repeat("Réponse ", 12) + "long" // 100 characters, the limit
		created, err := env.templates.CreateTemplate(ctx, faqTemplate(longName))
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct{ id, name, newID string }{
			{"welcome.menu.fr", "Bienvenue avec menu (copie)", "custom.bienvenue-avec-menu-copie"},
			{"welcome.menu.fr", "Bienvenue avec menu (copie)", "custom.bienvenue-avec-menu-copie-2"},
			{"welcome.menu.en", "Welcome with menu (copy)", "custom.welcome-with-menu-copy"},
			{created.ID, strings.TrimSpace(string([]rune(longName)[:92])) + " (copie)", ""},
		} {
			original, _ := env.templates.GetTemplate(ctx, tc.id)
			got, err := env.templates.DuplicateTemplate(ctx, tc.id)
			if err != nil || got.Name != tc.name || (tc.newID != "" && got.ID != tc.newID) || got.ID == tc.id {
				t.Fatalf("duplicate %s: got %q %q, %v; want %q %q", tc.id, got.ID, got.Name, err, tc.newID, tc.name)
			}
			if got.UsageCount != 0 || got.Archived || got.Shipped || got.Body != original.Body || got.Category != original.Category ||
				!slices.Equal(got.Keywords, original.Keywords) || !got.CreatedAt.Equal(later) || len([]rune(got.Name)) > backend.MaxTemplateNameRunes {
				t.Fatalf("duplicate of %+v is %+v", original, got)
			}
		}
		if _, err := env.templates.DuplicateTemplate(ctx, "faq.nope"); backend.ErrorCode(err) != backend.ENOTFOUND {
			t.Fatalf("missing: %v", err)
		}
	})

	t.Run("ArchiveHidesFromTheDefaultList", func(t *testing.T) {
		got, err := env.templates.ArchiveTemplate(ctx, "faq.stock.fr", true)
		if err != nil || !got.Archived || !got.UpdatedAt.Equal(later) {
			t.Fatalf("archive: %+v, %v", got, err)
		}
		list, err := env.templates.ListTemplates(ctx, backend.TemplateFilter{})
		if err != nil || slices.Contains(ids(list), "faq.stock.fr") {
			t.Fatalf("the archived template is listed: %v", err)
		}
		if !slices.Contains(ids(env.all(t)), "faq.stock.fr") {
			t.Fatal("the archived template is not listed on request")
		}
		if got, err := env.templates.ArchiveTemplate(ctx, "faq.stock.fr", false); err != nil || got.Archived {
			t.Fatalf("restore: %+v, %v", got, err)
		}
		list, _ = env.templates.ListTemplates(ctx, backend.TemplateFilter{})
		if !slices.Contains(ids(list), "faq.stock.fr") {
			t.Fatal("the restored template is not listed")
		}
		if _, err := env.templates.ArchiveTemplate(ctx, "faq.nope", true); backend.ErrorCode(err) != backend.ENOTFOUND {
			t.Fatalf("missing: %v", err)
		}
	})

	t.Run("UsageCounts", func(t *testing.T) {
		events := len(env.changes())
		for want := 1; want <= 3; want++ {
			got, err := env.templates.RecordTemplateUse(ctx, "order_support.status.fr")
			if err != nil || got.UsageCount != want || !got.UpdatedAt.Equal(fixedNow) {
				t.Fatalf("use %d: %+v, %v", want, got, err)
			}
		}
		if len(env.changes()) != events+3 {
			t.Fatal("usage changes were not published")
		}
		if _, err := env.templates.RecordTemplateUse(ctx, "faq.nope"); backend.ErrorCode(err) != backend.ENOTFOUND {
			t.Fatalf("missing: %v", err)
		}
	})
}

// faqTemplate returns a well-formed French FAQ template named name.
func faqTemplate(name string) backend.Template {
	return backend.Template{Name: name, Category: backend.CategoryFAQ, Language: backend.LanguageFrench, Body: "Merci {first_name|} !"}
}

func TestListTemplates(t *testing.T) {
	ctx := context.Background()
	env := newTemplates(t)
	if _, err := env.templates.ArchiveTemplate(ctx, "faq.returns.fr", true); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    backend.TemplateFilter
		want []string // the ids, in order; nil to check only the predicate
		keep func(backend.Template) bool
	}{
		{name: "FAQInFrench", f: backend.TemplateFilter{Category: backend.CategoryFAQ, Language: backend.LanguageFrench},
			want: []string{"faq.stock.fr", "faq.sizes.fr", "faq.hours.fr", "faq.shipping.fr"}},
		{name: "FAQInFrenchWithArchived", f: backend.TemplateFilter{Category: backend.CategoryFAQ, Language: backend.LanguageFrench, IncludeArchived: true},
			want: []string{"faq.stock.fr", "faq.sizes.fr", "faq.hours.fr", "faq.shipping.fr", "faq.returns.fr"}},
		{name: "QueryIgnoresCaseAndAccents", f: backend.TemplateFilter{Query: "DELAI"},
			keep: func(t backend.Template) bool {
				return strings.Contains(strings.ToLower(t.Name+t.Body+strings.Join(t.Keywords, " ")), "délai")
			}},
		{name: "WhatsAppAndGenericTemplates", f: backend.TemplateFilter{Channel: backend.PlatformWhatsApp, Category: backend.CategoryWelcome},
			keep: func(t backend.Template) bool {
				return t.Category == backend.CategoryWelcome && (t.Channel == "" || t.Channel == backend.PlatformWhatsApp)
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list, err := env.templates.ListTemplates(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != nil && !slices.Equal(ids(list), tc.want) {
				t.Fatalf("got %v, want %v", ids(list), tc.want)
			}
			if tc.keep == nil {
				return
			}
			var want []string
			for _, tpl := range env.all(t) {
				if tc.keep(tpl) && !tpl.Archived {
					want = append(want, tpl.ID)
				}
			}
			if len(want) == 0 || !slices.Equal(ids(list), want) {
				t.Fatalf("got %v, want %v", ids(list), want)
			}
		})
	}
	for name, f := range map[string]backend.TemplateFilter{
		"Category": {Category: "gossip"},
		"Language": {Language: "de"},
		"Channel":  {Channel: "myspace"},
		"Query":    {Query: strings.Repeat("x", backend.MaxTemplateQueryRunes+1)},
	} {
		if _, err := env.templates.ListTemplates(ctx, f); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("bad %s: %v", name, err)
		}
	}
	if _, err := env.templates.GetTemplate(ctx, "faq.nope"); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Fatalf("missing: %v", err)
	}
}

// demoConversation ingests an Instagram DM from Léa Martin about order #ML-20481, as in the demo
// workspace, and returns its id.
func (env *templatesEnv) demoConversation(t *testing.T, text string) int64 {
	t.Helper()
	m := env.dm("lea-"+text, "lea", text, 5*time.Minute)
	m.Author.DisplayName = "Léa Martin"
	return env.ingest(t, m).ConversationIDs[0]
}

func TestPreviewTemplate(t *testing.T) {
	ctx := context.Background()
	env := newTemplates(t)
	id := env.demoConversation(t, "Bonjour, je n'ai jamais reçu ma commande #ML-20481")
	for _, tc := range []struct {
		name, body, text string
		missing          []string
	}{
		{"FillsNameOrderAndBrand", "Bonjour {first_name}, votre commande {order_id} chez {brand}.",
			"Bonjour Léa, votre commande ML-20481 chez Maison Lumière.", []string{}},
		{"ListsMissingTokensWithoutFallback", "{first_name}, {product_name} ({custom.shoe_size}) : {product_name|votre article}",
			"Léa, {product_name} ({custom.shoe_size}) : votre article", []string{"product_name", "custom.shoe_size"}},
		{"FillsTheIssue", "Problème : {issue}.", "Problème : livraison en retard ou non reçue.", []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := env.templates.PreviewTemplate(ctx, tc.body, id)
			if err != nil || got.Text != tc.text || !slices.Equal(got.Missing, tc.missing) {
				t.Fatalf("got %+v, %v; want %q missing %v", got, err, tc.text, tc.missing)
			}
		})
	}
	_, err := env.templates.PreviewTemplate(ctx, "Bonjour {first_nom} !", id)
	if key, position := errorKey(err); backend.ErrorCode(err) != backend.EINVALID || key != "template_token_unknown" || position != "9" {
		t.Fatalf("bad body: %v", err)
	}
	if _, err := env.templates.PreviewTemplate(ctx, "Bonjour", 999); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Fatalf("missing conversation: %v", err)
	}
}

func TestDraftReply(t *testing.T) {
	ctx := context.Background()
	env := newTemplates(t)
	undelivered := env.demoConversation(t, "Bonjour, je n'ai jamais reçu ma commande #ML-20481")

	t.Run("FrenchSupportForAMissingOrder", func(t *testing.T) {
		d, err := env.templates.DraftReply(ctx, undelivered)
		if err != nil {
			t.Fatal(err)
		}
		tpl, err := env.templates.GetTemplate(ctx, d.TemplateID)
		if err != nil || tpl.Category != backend.CategoryOrderSupport || tpl.Language != backend.LanguageFrench {
			t.Fatalf("drafted from %+v, %v", tpl, err)
		}
		if d.Source != backend.DraftFromTemplate || d.Language != backend.LanguageFrench || !strings.Contains(d.Text, "ML-20481") ||
			len(d.Missing) != 0 || d.Explanation.Key != "draft_explanation_issue" || d.Explanation.Params["issue"] != "delivery" ||
			!strings.Contains(d.Explanation.Text, "Order support template in French") || !strings.Contains(d.Explanation.Text, "delivery") {
			t.Fatalf("draft %+v", d)
		}
		if again, _ := env.templates.GetTemplate(ctx, d.TemplateID); again.UsageCount != 0 {
			t.Fatal("drafting counted a use")
		}
	})

	t.Run("ArchivedTemplatesAreNotDrafted", func(t *testing.T) {
		first, _ := env.templates.DraftReply(ctx, undelivered)
		if _, err := env.templates.ArchiveTemplate(ctx, first.TemplateID, true); err != nil {
			t.Fatal(err)
		}
		defer env.templates.ArchiveTemplate(ctx, first.TemplateID, false)
		d, err := env.templates.DraftReply(ctx, undelivered)
		if err != nil || d.TemplateID == first.TemplateID || !strings.HasSuffix(d.TemplateID, ".fr") {
			t.Fatalf("drafted %q after archiving %q: %v", d.TemplateID, first.TemplateID, err)
		}
	})

	t.Run("RefusesSpam", func(t *testing.T) {
		spam := env.demoConversation(t, "Gagnez un iPhone, cliquez ici")
		if _, err := env.inbox.UpdateConversations(ctx, []int64{spam}, backend.ConversationUpdate{MarkSpam: true}); err != nil {
			t.Fatal(err)
		}
		_, err := env.templates.DraftReply(ctx, spam)
		if key, _ := errorKey(err); backend.ErrorCode(err) != backend.ENOTFOUND || key != "draft_none_spam" {
			t.Fatalf("spam: %v", err)
		}
	})

	t.Run("NeedsAMessageFromTheContact", func(t *testing.T) {
		res := env.ingest(t, env.reply("brand-first", "Bonjour, votre colis est parti !", time.Minute))
		_, err := env.templates.DraftReply(ctx, res.ConversationIDs[0])
		if key, _ := errorKey(err); backend.ErrorCode(err) != backend.ENOTFOUND || key != "draft_no_inbound" {
			t.Fatalf("outbound only: %v", err)
		}
	})

	t.Run("MissingConversation", func(t *testing.T) {
		_, err := env.templates.DraftReply(ctx, 999)
		if key, _ := errorKey(err); backend.ErrorCode(err) != backend.ENOTFOUND || key != "conversation_not_found" {
			t.Fatalf("missing: %v", err)
		}
	})
}
