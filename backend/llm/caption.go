package llm

import (
	"strconv"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"tend/backend"
	"tend/backend/calendar"
)

// captionPrompt holds the fixed text of a caption prompt in one language.
type captionPrompt struct {
	intro                                                   func(brand string) string
	language, limit, answer, facts, hashtags, link, linkBio string
	post, channel, everyChannel, format, goal, pillar, now  string
	formats                                                 map[backend.PostFormat]string
}

var captionPrompts = map[backend.Language]captionPrompt{
	backend.LanguageEnglish: {
		intro: func(brand string) string {
			who := "a brand"
			if brand != "" {
				who = "the brand " + strconv.Quote(brand)
			}
			return "You write the social media captions of " + who + ". A person on the team approves every caption before it is published."
		},
		language: "Write in English.",
		limit:    "At most %d characters, spaces and emojis included; shorter is better.",
		answer:   "Answer with the caption only: no preamble, no quotation marks, no notes.",
		facts:    "Never invent prices, discounts, dates, product facts or promises the brief does not give.",
		hashtags: "At most three hashtags.",
		link:     "Include this link once, as is: %s",
		linkBio:  "Captions there cannot hold a live link: write \"link in bio\" instead of the address.",
		post:     "Post", channel: "Channel", everyChannel: "every channel of the post", format: "Format", goal: "Goal",
		pillar: "Content pillar", now: "What the post says so far",
		formats: map[backend.PostFormat]string{
			backend.FormatShortVideo: "short video (Reels, Shorts, TikTok)", backend.FormatMicroArticle: "micro-article or thread",
			backend.FormatLive: "live session", backend.FormatStory: "story", backend.FormatCarousel: "carousel",
			backend.FormatDMTouchpoint: "private message touchpoint",
		},
	},
	backend.LanguageFrench: {
		intro: func(brand string) string {
			who := "d’une marque"
			if brand != "" {
				who = "de la marque " + strconv.Quote(brand)
			}
			return "Tu écris les légendes des publications " + who + " sur les réseaux sociaux. Une personne de l’équipe approuve chaque légende avant sa publication."
		},
		language: "Écris en français.",
		limit:    "%d caractères au plus, espaces et émojis compris ; plus court, c’est mieux.",
		answer:   "Réponds uniquement avec la légende : pas d’introduction, pas de guillemets, pas de notes.",
		facts:    "N’invente jamais de prix, de remise, de date, de caractéristique produit ni de promesse absents du brief.",
		hashtags: "Trois hashtags au plus.",
		link:     "Inclus ce lien une fois, tel quel : %s",
		linkBio:  "Les légendes n’y rendent pas les liens cliquables : écris « lien en bio » au lieu de l’adresse.",
		post:     "Publication", channel: "Canal", everyChannel: "tous les canaux de la publication", format: "Format", goal: "Objectif",
		pillar: "Pilier de contenu", now: "Ce que dit la publication pour l’instant",
		formats: map[backend.PostFormat]string{
			backend.FormatShortVideo: "vidéo courte (Reels, Shorts, TikTok)", backend.FormatMicroArticle: "micro-article ou fil",
			backend.FormatLive: "live", backend.FormatStory: "story", backend.FormatCarousel: "carrousel",
			backend.FormatDMTouchpoint: "message privé",
		},
	},
}

// captionMessages builds the prompt of a caption: the rules, the brand and its voice in the system
// message; the brief, written by the team, in the user message.
func captionMessages(b backend.CaptionBrief, voice string) []openai.ChatCompletionMessage {
	p, ok := captionPrompts[b.Language]
	if !ok {
		p = captionPrompts[backend.LanguageEnglish]
	}
	var sys strings.Builder
	sys.WriteString(p.intro(cleanLine(b.Brand, maxFactRunes)))
	sys.WriteString("\n\n" + prompts[languageOr(b.Language)].voice)
	if v := strings.TrimSpace(cleanText(voice)); v != "" {
		sys.WriteString(truncate(v, backend.MaxBrandVoiceRunes))
	} else {
		sys.WriteString(prompts[languageOr(b.Language)].voiceNone)
	}
	sys.WriteString("\n\n" + prompts[languageOr(b.Language)].rulesHead + "\n")
	rules := []string{p.language, strings.Replace(p.limit, "%d", strconv.Itoa(b.Limit), 1), p.answer, p.facts, p.hashtags}
	switch link := cleanLine(b.Link, backend.MaxPostURLBytes); {
	case link != "" && calendar.LinksInCaption(b.Channel):
		rules = append(rules, strings.Replace(p.link, "%s", link, 1))
	case link != "":
		rules = append(rules, p.linkBio)
	}
	for _, r := range rules {
		sys.WriteString("- " + r + "\n")
	}

	channel := p.everyChannel
	if b.Channel != "" {
		channel = backend.PlatformName(b.Channel)
	}
	lines := []string{
		p.post + ": " + cleanLine(b.Title, backend.MaxPostTitleRunes),
		p.channel + ": " + channel,
		p.format + ": " + p.formats[b.Format],
		p.goal + ": " + string(b.Goal),
	}
	if pillar := cleanLine(b.Pillar, maxFactRunes); pillar != "" {
		if d := cleanLine(b.PillarDescription, maxFactRunes); d != "" {
			pillar += " — " + d
		}
		lines = append(lines, p.pillar+": "+pillar)
	}
	if now := truncate(strings.TrimSpace(cleanText(b.Notes)), MaxMessageRunes); now != "" {
		lines = append(lines, p.now+":\n"+now)
	}
	return []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: strings.TrimRight(sys.String(), "\n")},
		{Role: openai.ChatMessageRoleUser, Content: strings.Join(lines, "\n")},
	}
}

// languageOr returns l when prompts exist for it, else English.
func languageOr(l backend.Language) backend.Language {
	if _, ok := prompts[l]; ok {
		return l
	}
	return backend.LanguageEnglish
}
