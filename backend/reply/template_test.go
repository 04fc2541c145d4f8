package reply_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"tend/assets"
	"tend/backend"
	"tend/backend/reply"
)

// fullContext has a value for every standard token and one custom field.
var fullContext = backend.RenderContext{
	FirstName:   "Léa",
	AuthorName:  "Léa Martin",
	OrderID:     "ML-20481",
	ProductName: "Bougie Figue noire",
	Brand:       "Maison Lumière",
	Issue:       "colis non reçu",
	Custom:      map[string]string{"promo_code": "MERCI10"},
}

func mustParse(t *testing.T, body string) reply.Compiled {
	t.Helper()
	c, err := reply.Parse(body)
	if err != nil {
		t.Fatalf("Parse(%q): %v", body, err)
	}
	return c
}

func TestRenderTokenForms(t *testing.T) {
	tests := []struct {
		name string
		body string
		rc   backend.RenderContext
		want string
	}{
		{"every standard token", "{first_name}/{author_name}/{order_id}/{product_name}/{brand}/{issue}", fullContext,
			"Léa/Léa Martin/ML-20481/Bougie Figue noire/Maison Lumière/colis non reçu"},
		{"value beats fallback", "Salut {first_name|à vous} !", fullContext, "Salut Léa !"},
		{"fallback when missing", "Hi {first_name|there}!", backend.RenderContext{}, "Hi there!"},
		{"fallback when blank", "Hi {first_name|there}!", backend.RenderContext{FirstName: "  "}, "Hi there!"},
		{"empty fallback drops the token", "Merci{first_name|} !", backend.RenderContext{}, "Merci !"},
		{"fallback keeps its spaces and pipes", "{issue| a | b }", backend.RenderContext{}, " a | b "},
		{"spaces around the name", "{ brand }", fullContext, "Maison Lumière"},
		{"custom field", "Code {custom.promo_code}", fullContext, "Code MERCI10"},
		{"custom field fallback", "Code {custom.promo_code|à venir}", backend.RenderContext{}, "Code à venir"},
		{"escaped braces", "{{brand}} = {brand}, }} {{", fullContext, "{brand} = Maison Lumière, } {"},
		{"escape then token", "{{{brand}}}", fullContext, "{Maison Lumière}"},
		{"values are trimmed", "[{brand}]", backend.RenderContext{Brand: " Maison "}, "[Maison]"},
		{"no tokens", "Merci !", backend.RenderContext{}, "Merci !"},
		{"multi-line body", "Bonjour {first_name},\nà bientôt.", fullContext, "Bonjour Léa,\nà bientôt."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reply.Render(mustParse(t, tt.body), tt.rc)
			if got.Text != tt.want || len(got.Missing) != 0 {
				t.Errorf("Render(%q) = %q missing %v, want %q and nothing missing", tt.body, got.Text, got.Missing, tt.want)
			}
		})
	}
}

func TestRenderFailsClosed(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		rc          backend.RenderContext
		wantText    string
		wantMissing []string
	}{
		{"missing token stays visible", "Commande {order_id} en route", backend.RenderContext{}, "Commande {order_id} en route", []string{"order_id"}},
		{"each missing token once, in order", "{issue} {order_id} {issue} {brand|x}", backend.RenderContext{},
			"{issue} {order_id} {issue} x", []string{"issue", "order_id"}},
		{"missing custom field", "Code {custom.promo_code}", backend.RenderContext{Custom: map[string]string{"other": "x"}},
			"Code {custom.promo_code}", []string{"custom.promo_code"}},
		{"spaced name shown canonically", "{ order_id }", backend.RenderContext{}, "{order_id}", []string{"order_id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reply.Render(mustParse(t, tt.body), tt.rc)
			if got.Text != tt.wantText || !slices.Equal(got.Missing, tt.wantMissing) {
				t.Errorf("Render(%q) = %q missing %v, want %q missing %v", tt.body, got.Text, got.Missing, tt.wantText, tt.wantMissing)
			}
		})
	}
}

func TestCompiledTokens(t *testing.T) {
	got := mustParse(t, "{brand} {first_name|x} {{order_id}} {brand} {custom.size}").Tokens()
	want := []string{"brand", "first_name", "custom.size"}
	if !slices.Equal(got, want) {
		t.Errorf("Tokens() = %v, want %v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		key      string
		position string // "" when the error has no position
	}{
		{"unclosed brace", "Bonjour {first_name", "template_brace_unclosed", "9"},
		{"unclosed before another token", "Bonjour {first_name {brand}", "template_brace_unclosed", "9"},
		{"token across lines", "Bonjour {first_name\n}", "template_brace_unclosed", "9"},
		{"unmatched closing brace", "Merci } beaucoup", "template_brace_unmatched", "7"},
		{"position counts characters, not bytes", "Ça été {", "template_brace_unclosed", "8"},
		{"escapes count two characters", "{{x}} }", "template_brace_unmatched", "7"},
		{"empty token", "Salut {} !", "template_token_empty", "7"},
		{"blank token with fallback", "Salut { |toi} !", "template_token_empty", "7"},
		{"unknown token", "Salut {nickname} !", "template_token_unknown", "7"},
		{"upper-case name", "{Brand}", "template_token_unknown", "1"},
		{"bad custom field", "{custom.Taille}", "template_token_unknown", "1"},
		{"bare custom prefix", "{custom.}", "template_token_unknown", "1"},
		{"guide's French name", "Salut {prénom} !", "template_token_alias", "7"},
		{"brace in a fallback", "{first_name|a{b}", "template_brace_unclosed", "1"},
		{"blank body", " \n\t", "template_body_required", ""},
		{"invalid UTF-8", "Merci \xff", "template_body_invalid", ""},
		{"ten thousand characters", strings.Repeat("é", 10_000), "template_body_too_long", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reply.Parse(tt.body)
			var e *backend.Error
			if !errors.As(err, &e) || e.Code != backend.EINVALID || e.Key != tt.key || e.Params["position"] != tt.position {
				t.Fatalf("Parse(%.40q) = %v (key %q, position %q), want EINVALID %s at %q", tt.body, err, keyOf(e), posOf(e), tt.key, tt.position)
			}
			if tt.position != "" && !strings.Contains(e.Message, "character "+tt.position) {
				t.Errorf("message %q does not give the position", e.Message)
			}
		})
	}
}

func TestParseErrorMessages(t *testing.T) {
	tests := []struct {
		body string
		want string
	}{
		{"Salut {prénom} !", "did you mean {first_name}?"},
		{"Salut {nickname} !", "Unknown token {nickname} at character 7"},
		{strings.Repeat("a", 10_000), "10000 characters long; the limit is 5000"},
	}
	for _, tt := range tests {
		_, err := reply.Parse(tt.body)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%.30q) = %v, want a message containing %q", tt.body, err, tt.want)
		}
	}
}

func TestParseLimitIsInclusive(t *testing.T) {
	if _, err := reply.Parse(strings.Repeat("é", backend.MaxTemplateBodyRunes)); err != nil {
		t.Errorf("a body of exactly %d characters: %v", backend.MaxTemplateBodyRunes, err)
	}
}

func keyOf(e *backend.Error) string {
	if e == nil {
		return ""
	}
	return e.Key
}

func posOf(e *backend.Error) string {
	if e == nil {
		return ""
	}
	return e.Params["position"]
}

func TestTemplateValidate(t *testing.T) {
	valid := backend.Template{ID: "welcome.menu.fr", Name: "Menu", Category: backend.CategoryWelcome, Language: backend.LanguageFrench, Body: "Salut !"}
	tests := []struct {
		name   string
		change func(*backend.Template)
		key    string // "" when valid
	}{
		{"valid", func(*backend.Template) {}, ""},
		{"channel-specific", func(t *backend.Template) { t.Channel = backend.PlatformWhatsApp }, ""},
		{"upper-case id", func(t *backend.Template) { t.ID = "Welcome" }, "template_id_invalid"},
		{"empty id", func(t *backend.Template) { t.ID = "" }, "template_id_invalid"},
		{"blank name", func(t *backend.Template) { t.Name = " " }, "template_name_required"},
		{"unknown category", func(t *backend.Template) { t.Category = "promo" }, "template_category_unknown"},
		{"other language", func(t *backend.Template) { t.Language = backend.LanguageOther }, "template_language_unsupported"},
		{"unknown channel", func(t *backend.Template) { t.Channel = "myspace" }, "channel_platform_unknown"},
		{"blank body", func(t *backend.Template) { t.Body = "  " }, "template_body_required"},
		{"long body", func(t *backend.Template) { t.Body = strings.Repeat("a", 10_000) }, "template_body_too_long"},
		{"blank keyword", func(t *backend.Template) { t.Keywords = []string{"*"} }, "template_keyword_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := valid
			tt.change(&tmpl)
			err := tmpl.Validate()
			var e *backend.Error
			switch {
			case tt.key == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.key != "" && (!errors.As(err, &e) || e.Key != tt.key || e.Code != backend.EINVALID):
				t.Errorf("Validate() = %v, want EINVALID %s", err, tt.key)
			}
		})
	}
}

func TestShippedLibrary(t *testing.T) {
	templates, err := reply.ParseLibrary(assets.Templates)
	if err != nil {
		t.Fatal(err)
	}
	count := map[backend.TemplateCategory]map[backend.Language]int{}
	channels := map[string]bool{}
	for _, tmpl := range templates {
		c := mustParse(t, tmpl.Body)
		for _, tok := range c.Tokens() {
			if !backend.ValidTokenName(tok) {
				t.Errorf("%s: unknown token %q", tmpl.ID, tok)
			}
		}
		if !strings.HasPrefix(tmpl.ID, string(tmpl.Category)+".") || !strings.HasSuffix(tmpl.ID, "."+string(tmpl.Language)) {
			t.Errorf("%s: the id should read <category>.<name>.<language>", tmpl.ID)
		}
		if strings.Contains(tmpl.Body, "Maison") {
			t.Errorf("%s: shipped templates name the brand with {brand}", tmpl.ID)
		}
		if tmpl.Category == backend.CategoryReengagement && !strings.Contains(tmpl.Body, "STOP") {
			t.Errorf("%s: re-engagement templates must offer the STOP opt-out", tmpl.ID)
		}
		if tmpl.Category == backend.CategoryFAQ && len(tmpl.Keywords) == 0 {
			t.Errorf("%s: an FAQ template without keywords is never drafted", tmpl.ID)
		}
		if count[tmpl.Category] == nil {
			count[tmpl.Category] = map[backend.Language]int{}
		}
		count[tmpl.Category][tmpl.Language]++
		if tmpl.Channel != "" {
			channels[tmpl.Channel] = true
		}
	}
	for _, cat := range backend.TemplateCategories {
		for _, lang := range []backend.Language{backend.LanguageFrench, backend.LanguageEnglish} {
			if n := count[cat][lang]; n < 3 {
				t.Errorf("%s in %s: %d templates, want at least 3", cat, lang, n)
			}
		}
	}
	for _, want := range []string{backend.PlatformInstagram, backend.PlatformWhatsApp} {
		if !channels[want] {
			t.Errorf("no %s-specific template", want)
		}
	}
	if _, err := reply.NewDrafter(templates); err != nil {
		t.Errorf("NewDrafter(shipped library): %v", err)
	}
}

func TestParseLibraryErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		key  string
	}{
		{"not JSON", "[", "template_library_json"},
		{"unknown field", `{"version":1,"templates":[],"extra":1}`, "template_library_json"},
		{"wrong version", `{"version":2,"templates":[]}`, "template_library_version"},
		{"bad body", `{"version":1,"templates":[{"id":"a","name":"A","category":"faq","language":"fr","body":"{nope}"}]}`, "template_library_invalid"},
		{"duplicate id", `{"version":1,"templates":[` +
			`{"id":"a","name":"A","category":"faq","language":"fr","body":"x"},` +
			`{"id":"a","name":"B","category":"faq","language":"fr","body":"y"}]}`, "template_library_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reply.ParseLibrary([]byte(tt.data))
			var e *backend.Error
			if !errors.As(err, &e) || e.Code != backend.EINVALID || e.Key != tt.key {
				t.Errorf("ParseLibrary = %v, want EINVALID %s", err, tt.key)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"Salut {first_name|à vous} ! Bienvenue chez {brand}.", "{{", "}}", "{", "}", "{|}", "{custom.x|y}",
		"{{{brand}}}", "{ order_id }", "Ça {prénom}", "{first_name\n}", "\xff{",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		c, err := reply.Parse(body)
		if err != nil {
			var e *backend.Error
			if !errors.As(err, &e) || e.Code != backend.EINVALID || e.Key == "" {
				t.Fatalf("Parse(%q) = %v, want EINVALID with a key", body, err)
			}
			if pos := e.Params["position"]; pos != "" && !strings.Contains(e.Message, pos) {
				t.Fatalf("message %q lacks position %s", e.Message, pos)
			}
			return
		}
		for _, tok := range c.Tokens() {
			if !backend.ValidTokenName(tok) {
				t.Fatalf("Parse(%q) accepted token %q", body, tok)
			}
		}
		// With every value empty and no fallback, Missing must name exactly the tokens rendered
		// as "{name}", and rendering must give valid text.
		r := reply.Render(c, backend.RenderContext{})
		if !utf8.ValidString(r.Text) {
			t.Fatalf("Render gave invalid UTF-8 for %q", body)
		}
		for _, m := range r.Missing {
			if !strings.Contains(r.Text, "{"+m+"}") {
				t.Fatalf("missing %q is not visible in %q", m, r.Text)
			}
		}
		full := reply.Render(c, backend.RenderContext{FirstName: "a", AuthorName: "a", OrderID: "a", ProductName: "a", Brand: "a", Issue: "a",
			Custom: customFor(c.Tokens())})
		if len(full.Missing) != 0 {
			t.Fatalf("Render(%q) with every value still misses %v", body, full.Missing)
		}
	})
}

// customFor gives every custom field among tokens a value.
func customFor(tokens []string) map[string]string {
	m := map[string]string{}
	for _, tok := range tokens {
		if f, ok := strings.CutPrefix(tok, backend.CustomTokenPrefix); ok {
			m[f] = "v"
		}
	}
	return m
}
