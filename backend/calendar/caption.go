package calendar

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tend/backend"
)

// The built-in caption drafter: no model, no network. It writes a caption from a post's brief
// with the guide's pattern — a hook fitting the format, a line serving the goal, the link, and one
// hashtag naming the pillar — and always fits the channel's limit, shortening the title first.

type captionTexts struct {
	hooks map[backend.PostFormat]string // %s is the title
	goals map[backend.PostGoal]string
	// convertNoLink replaces the conversion line when the post has no link to follow it.
	convertNoLink string
	// link introduces the link; linkInBio replaces it where captions cannot hold live links.
	link, linkInBio string
}

var captionLanguages = map[backend.Language]captionTexts{
	backend.LanguageEnglish: {
		hooks: map[backend.PostFormat]string{
			backend.FormatShortVideo:   "🎬 %s",
			backend.FormatMicroArticle: "%s 🧵",
			backend.FormatLive:         "🔴 Live: %s",
			backend.FormatStory:        "%s ✨",
			backend.FormatCarousel:     "%s — swipe ➡️",
			backend.FormatDMTouchpoint: "Hi! %s",
		},
		goals: map[backend.PostGoal]string{
			backend.GoalAwareness:  "Save it for later and share it with someone who will love it.",
			backend.GoalCommunity:  "Tell us in the comments: what would you like to see next?",
			backend.GoalConversion: "Yours in a few clicks:",
			backend.GoalRetention:  "Thank you for being here. A question? Reply, we read everything.",
		},
		convertNoLink: "Want yours? Send us a message and we will help you choose.",
		link:          "👉 ",
		linkInBio:     "👉 Link in bio.",
	},
	backend.LanguageFrench: {
		hooks: map[backend.PostFormat]string{
			backend.FormatShortVideo:   "🎬 %s",
			backend.FormatMicroArticle: "%s 🧵",
			backend.FormatLive:         "🔴 En live : %s",
			backend.FormatStory:        "%s ✨",
			backend.FormatCarousel:     "%s — faites défiler ➡️",
			backend.FormatDMTouchpoint: "Bonjour ! %s",
		},
		goals: map[backend.PostGoal]string{
			backend.GoalAwareness:  "Enregistrez-le pour plus tard et partagez-le à quelqu’un qui va adorer.",
			backend.GoalCommunity:  "Dites-nous en commentaire ce que vous aimeriez voir ensuite !",
			backend.GoalConversion: "À vous en quelques clics :",
			backend.GoalRetention:  "Merci d’être là. Une question ? Répondez, on lit tout.",
		},
		convertNoLink: "Envie de la vôtre ? Écrivez-nous, on vous aide à choisir.",
		link:          "👉 ",
		linkInBio:     "👉 Lien en bio.",
	},
}

// LinksInCaption reports whether a platform turns a link in a caption into a live link
// (Instagram and TikTok captions do not: the guide's "link in bio").
func LinksInCaption(channel string) bool {
	return channel != backend.PlatformInstagram && channel != backend.PlatformTikTok
}

// Hashtag turns a pillar's name into one hashtag: "Product education" → "#ProductEducation";
// "" when nothing is left.
func Hashtag(name string) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		r, size := utf8.DecodeRuneInString(word)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(word[size:])
	}
	if b.Len() == 0 {
		return ""
	}
	return "#" + b.String()
}

// DraftCaption writes b's caption, within b.Limit characters (when above 0).
func DraftCaption(b backend.CaptionBrief) backend.CaptionDraft {
	lang := b.Language
	texts, ok := captionLanguages[lang]
	if !ok {
		lang, texts = backend.LanguageEnglish, captionLanguages[backend.LanguageEnglish]
	}
	hook, ok := texts.hooks[b.Format]
	if !ok {
		hook = "%s"
	}
	goal := texts.goals[b.Goal]
	if b.Goal == backend.GoalConversion && b.Link == "" {
		goal = texts.convertNoLink
	}
	var tail []string
	switch {
	case b.Link != "" && LinksInCaption(b.Channel):
		tail = append(tail, texts.link+b.Link)
	case b.Link != "":
		tail = append(tail, texts.linkInBio)
	}
	if tag := Hashtag(b.Pillar); tag != "" && b.Format != backend.FormatDMTouchpoint {
		tail = append(tail, tag)
	}
	build := func(title string) string {
		parts := []string{strings.Replace(hook, "%s", title, 1)}
		if goal != "" {
			parts = append(parts, goal)
		}
		return strings.Join(append(parts, tail...), "\n\n")
	}
	title := strings.TrimSpace(b.Title)
	text := build(title)
	if b.Limit > 0 {
		// Shorten the title, then drop the goal line and the extras, until it fits.
		for over := utf8.RuneCountInString(text) - b.Limit; over > 0 && title != ""; over = utf8.RuneCountInString(text) - b.Limit {
			title = truncateRunes(title, max(utf8.RuneCountInString(title)-over-1, 0))
			text = build(title)
		}
		for utf8.RuneCountInString(text) > b.Limit && (goal != "" || len(tail) > 0) {
			if len(tail) > 0 {
				tail = tail[:len(tail)-1]
			} else {
				goal = ""
			}
			text = build(title)
		}
		if utf8.RuneCountInString(text) > b.Limit {
			text = truncateRunes(text, b.Limit)
		}
	}
	name := backend.PlatformName(b.Channel)
	if b.Channel == "" {
		name = "every channel"
	}
	return backend.CaptionDraft{
		Channel: b.Channel, Text: text, Source: backend.DraftFromBuiltin, Language: lang,
		Length: utf8.RuneCountInString(text), Limit: b.Limit,
		Explanation: backend.Explanation{
			Text: "Built-in caption for a " + strings.ReplaceAll(string(b.Format), "_", " ") + " aiming at " + string(b.Goal) + ", within " +
				strconv.Itoa(b.Limit) + " characters on " + name + ".",
			Key:    "caption_explain_builtin",
			Params: map[string]string{"format": string(b.Format), "goal": string(b.Goal), "limit": strconv.Itoa(b.Limit), "channel": b.Channel},
		},
	}
}

// truncateRunes cuts s to at most n characters, ending with "…" when it cut.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return string([]rune(s)[:max(n, 0)])
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
}
