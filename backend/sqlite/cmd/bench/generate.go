package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"tend/backend"
)

// generator makes a deterministic, realistic-looking inbox: FR and EN messages of every intent
// across seven channels, DMs, comment threads on shared posts and a few very long live chats.
type generator struct {
	rng      *rand.Rand
	channels []backend.Channel
	convs    []genConversation
	start    time.Time
	clock    time.Duration
	seq      int
	vocab    []string
}

type genConversation struct {
	channel int64
	kind    backend.ConversationKind
	thread  string
	post    *backend.Post
	lang    string
	intent  int
	contact int
	count   int
}

var platforms = []string{"instagram", "facebook", "messenger", "tiktok", "youtube", "whatsapp", "telegram"}

func newGenerator(conversations int) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(7, 42)), start: time.Now().Add(-60 * 24 * time.Hour)}
	for i, p := range platforms {
		g.channels = append(g.channels, backend.Channel{ID: int64(i + 1), Platform: p, Account: "brand-" + p, Name: p, Kind: backend.ChannelSandbox})
	}
	// A long tail of rare words, as real messages have (names, places, typos).
	syllables := []string{"ba", "lo", "mi", "ra", "tu", "ne", "ko", "sa", "vi", "de", "pu", "ge", "fo", "li", "zo", "cha"}
	for range 20_000 {
		var b strings.Builder
		for range 2 + g.rng.IntN(3) {
			b.WriteString(syllables[g.rng.IntN(len(syllables))])
		}
		g.vocab = append(g.vocab, b.String())
	}
	posts := conversations / 40
	contacts := conversations * 3 / 5
	for i := range conversations {
		c := genConversation{lang: "fr", intent: g.pick([]int{22, 25, 10, 5, 38}), contact: g.rng.IntN(contacts)}
		if g.rng.IntN(100) < 45 {
			c.lang = "en"
		}
		switch k := g.rng.IntN(1000); {
		case k < 2: // a live broadcast: thousands of messages
			c.kind, c.channel = backend.ConversationLiveChat, 5
			c.thread = fmt.Sprintf("live-%d", i)
			c.post = &backend.Post{ID: c.thread, Title: "Live shopping " + c.thread}
		case k < 380:
			c.kind = backend.ConversationCommentThread
			c.channel = []int64{1, 2, 4, 5}[g.rng.IntN(4)]
			post := g.rng.IntN(max(posts, 1))
			c.thread = fmt.Sprintf("c%d", i)
			c.post = &backend.Post{ID: fmt.Sprintf("post-%d", post), Title: fmt.Sprintf("Post %d", post)}
		default:
			c.kind = backend.ConversationDM
			c.channel = []int64{1, 3, 4, 6, 7}[g.rng.IntN(5)]
			c.thread = fmt.Sprintf("dm%d", i)
		}
		g.convs = append(g.convs, c)
	}
	return g
}

// pick returns an index chosen with the given weights.
func (g *generator) pick(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.rng.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// batch returns the next n messages, spread over conversations as they would arrive.
func (g *generator) batch(n int) []backend.IncomingMessage {
	out := make([]backend.IncomingMessage, 0, n)
	for range n {
		var c *genConversation
		if g.rng.IntN(100) < 5 { // live chats are busy
			c = &g.convs[g.rng.IntN(len(g.convs))]
			for c.kind != backend.ConversationLiveChat && g.rng.IntN(50) > 0 {
				c = &g.convs[g.rng.IntN(len(g.convs))]
			}
		} else {
			c = &g.convs[g.rng.IntN(len(g.convs))]
		}
		g.seq++
		g.clock += time.Duration(1+g.rng.IntN(8)) * time.Second
		m := backend.IncomingMessage{
			ChannelID: c.channel, Kind: c.kind, PlatformMessageID: fmt.Sprintf("m%d", g.seq), ThreadKey: c.thread,
			Post: c.post, SentAt: g.start.Add(g.clock), Direction: backend.DirectionIn,
		}
		contact := c.contact
		if c.kind != backend.ConversationDM && c.count > 0 {
			contact = g.rng.IntN(len(g.convs) * 3 / 5)
		}
		if c.count > 0 && c.kind != backend.ConversationLiveChat && g.rng.IntN(100) < 35 {
			m.Direction = backend.DirectionOut
			m.Text = g.text(c.lang, replyTemplates)
		} else {
			m.Author = backend.Author{PlatformUserID: fmt.Sprintf("u%d", contact), Handle: fmt.Sprintf("user.%d", contact),
				DisplayName: fmt.Sprintf("User %d", contact)}
			m.Text = g.text(c.lang, intentTemplates[c.intent])
		}
		c.count++
		out = append(out, m)
	}
	return out
}

func (g *generator) text(lang string, templates map[string][]string) string {
	t := templates[lang][g.rng.IntN(len(templates[lang]))]
	r := strings.NewReplacer(
		"{p}", products[g.rng.IntN(len(products))],
		"{n}", fmt.Sprintf("ML-%d", 10000+g.rng.IntN(900000)),
		"{e}", fmt.Sprint(12+g.rng.IntN(80)),
		"{w}", g.vocab[g.rng.IntN(len(g.vocab))],
		"{x}", emoji[g.rng.IntN(len(emoji))],
	)
	return r.Replace(t)
}

var products = []string{"Figue", "Ambre Noir", "Mimosa", "Nuit Étoilée", "Rose Poivrée", "Cèdre", "Vanille", "Thé Vert",
	"Fleur d'Oranger", "Bois de Santal", "Lavande", "Pamplemousse", "Coffret Noël", "diffuseur", "fondants", "recharge"}

var emoji = []string{"😍", "🔥", "🙏", "😡", "❤️", "✨", "😂", "👀", "👏"}

var intentTemplates = []map[string][]string{
	{ // sale
		"fr": {"Bonjour, combien coûte la bougie {p} ? {x}", "c'est quoi le prix du {p} svp", "Vous livrez en Belgique ? Je voudrais commander la {p}",
			"le {p} est dispo en grand format ? c'est pour offrir", "vous avez un code promo pour la {p} ? {w}", "lien pour acheter la {p} ?? {x}"},
		"en": {"Hi, how much is the {p} candle? {x}", "do you ship to Canada? I want the {p}", "is the {p} back in stock?",
			"price of the {p} please", "any discount code for the {p}? {w}", "where can I buy the {p} {x}"},
	},
	{ // support
		"fr": {"Je n'ai jamais reçu ma commande {n}, je veux un remboursement", "ma commande {n} est arrivée cassée {x}",
			"j'ai reçu le mauvais article, commande {n}", "ça fait {e} jours que j'attends ma commande {n}, c'est inadmissible",
			"comment utiliser la recharge {p} ? {w}", "je voudrais annuler ma commande {n}"},
		"en": {"I never received my order {n}, I want a refund", "my order {n} arrived broken {x}", "wrong item in order {n}, I ordered the {p}",
			"it's been {e} days and still no tracking for {n}", "how do I use the {p} refill? {w}", "please cancel my order {n}"},
	},
	{ // spam
		"fr": {"Gagne 5000€ par semaine avec la crypto, écris-moi {x}", "Devenez ambassadeur !! Envoyez-nous un DM {w}", "suivez mon compte pour des promos {x}"},
		"en": {"Make $5000 a week with crypto, DM me {x}", "Become our brand ambassador!! Send us a DM {w}", "check my page for free followers {x}"},
	},
	{ // danger
		"fr": {"vous êtes des escrocs, je vais vous détruire {x}", "je sais où est votre atelier, ça va mal se passer", "bande de voleurs, honte à vous"},
		"en": {"you are scammers and I will ruin you {x}", "I know where your shop is, watch out", "your team is garbage, I'll keep harassing you"},
	},
	{ // other
		"fr": {"trop belle cette vidéo {x}", "@{w} regarde ça", "j'adore la {p}, merci {x}", "première fois que je vous vois, c'est top", "{x}{x}"},
		"en": {"love this video {x}", "@{w} look at this", "the {p} smells amazing, thank you {x}", "first time here, this is great", "{x}{x}"},
	},
}

var replyTemplates = map[string][]string{
	"fr": {"Bonjour ! La {p} est à {e} € et nous livrons partout en France et en Belgique.", "Nous sommes désolés, nous vérifions votre commande tout de suite.",
		"Merci beaucoup pour votre message {x}", "Votre commande {n} part demain, voici le suivi."},
	"en": {"Hi! The {p} is {e} € and we ship to Canada.", "We are so sorry, we are checking your order right now.",
		"Thank you so much for your message {x}", "Your order {n} ships tomorrow, here is the tracking."},
}

type search struct{ name, query string }

// searches are the queries timed on the generated workspace: common words in both languages,
// rare words, phrases, prefixes and operators.
func (g *generator) searches() []search {
	return []search{
		{"common_fr", "je"},
		{"common_en", "the"},
		{"common_two_words", "commande la"},
		{"rare_word", g.vocab[123]},
		{"order_number", "ML-123456"},
		{"product", "mimosa"},
		{"phrase", `"never received"`},
		{"prefix", "rembour"},
		{"operators", "commande is:open channel:instagram"},
		{"from_handle", "from:@user.42"},
	}
}
