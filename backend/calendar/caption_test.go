package calendar_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/calendar"
)

func TestDraftCaption(t *testing.T) {
	brief := backend.CaptionBrief{Title: "Trois heures de coulage", Pillar: "Coulisses de l'atelier", Format: backend.FormatShortVideo,
		Goal: backend.GoalConversion, Channel: backend.PlatformFacebook, Limit: 63206, Language: backend.LanguageFrench,
		Link: "https://atelier.example/figue?utm_source=facebook"}
	d := calendar.DraftCaption(brief)
	want := "🎬 Trois heures de coulage\n\nÀ vous en quelques clics :\n\n👉 https://atelier.example/figue?utm_source=facebook\n\n#CoulissesDeLAtelier"
	if d.Text != want || d.Source != backend.DraftFromBuiltin || d.Language != backend.LanguageFrench || d.Length != utf8.RuneCountInString(want) {
		t.Fatalf("%+v", d)
	}
	if d.Explanation.Key != "caption_explain_builtin" || d.Explanation.Params["limit"] != "63206" {
		t.Errorf("%+v", d.Explanation)
	}

	// Instagram captions hold no live link: "link in bio".
	brief.Channel, brief.Limit, brief.Language = backend.PlatformInstagram, 2200, backend.LanguageEnglish
	if d := calendar.DraftCaption(brief); !strings.Contains(d.Text, "👉 Link in bio.") || strings.Contains(d.Text, "https://") {
		t.Fatalf("%q", d.Text)
	}

	// Without a link, the conversion line does not point at one.
	brief.Link, brief.Channel = "", backend.PlatformTelegram
	if d := calendar.DraftCaption(brief); strings.Contains(d.Text, "clicks:") || !strings.Contains(d.Text, "Send us a message") {
		t.Fatalf("%q", d.Text)
	}

	// Every format and goal has its words in both languages.
	for _, lang := range []backend.Language{backend.LanguageEnglish, backend.LanguageFrench} {
		for _, f := range backend.PostFormats {
			for _, g := range backend.PostGoals {
				d := calendar.DraftCaption(backend.CaptionBrief{Title: "T", Format: f, Goal: g, Language: lang, Limit: 2200})
				if lines := strings.Split(d.Text, "\n\n"); len(lines) < 2 || lines[0] == "T" && f != backend.FormatMicroArticle {
					t.Errorf("%s %s %s: %q", lang, f, g, d.Text)
				}
			}
		}
	}
}

func TestDraftCaptionFitsTheLimit(t *testing.T) {
	long := strings.Repeat("Bougie parfumée à la figue et au cèdre, ", 40)
	for _, limit := range []int{1, 5, 20, 40, 80, 120, 300, 1024} {
		d := calendar.DraftCaption(backend.CaptionBrief{Title: long, Pillar: "Product education", Format: backend.FormatCarousel,
			Goal: backend.GoalCommunity, Channel: backend.PlatformTelegram, Limit: limit, Language: backend.LanguageEnglish, Link: "https://a.example/x"})
		if n := utf8.RuneCountInString(d.Text); n > limit || n == 0 || d.Length != n || !utf8.ValidString(d.Text) {
			t.Errorf("limit %d: %d characters %q", limit, n, d.Text)
		}
	}
	// With room enough, only the title is shortened: the goal, link and hashtag stay.
	d := calendar.DraftCaption(backend.CaptionBrief{Title: long, Pillar: "Product education", Format: backend.FormatCarousel,
		Goal: backend.GoalCommunity, Channel: backend.PlatformTelegram, Limit: 300, Language: backend.LanguageEnglish, Link: "https://a.example/x"})
	for _, part := range []string{"…", "comments", "https://a.example/x", "#ProductEducation"} {
		if !strings.Contains(d.Text, part) {
			t.Errorf("missing %q in %q", part, d.Text)
		}
	}
}

func TestHashtag(t *testing.T) {
	for in, want := range map[string]string{
		"Product education": "#ProductEducation", "coulisses de l'atelier": "#CoulissesDeLAtelier", "Éco-gestes 2026": "#ÉcoGestes2026",
		"  ": "", "!!": "",
	} {
		if got := calendar.Hashtag(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
