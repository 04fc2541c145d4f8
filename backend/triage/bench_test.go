package triage_test

import (
	"testing"
	"time"

	"tend/backend"
)

// benchMessages is a realistic mix of French and English DMs and comments.
var benchMessages = []backend.TriageInput{
	{Text: "Bonjour, est-ce que la robe existe en taille 44 ? Et c'est combien la livraison en Belgique ?", Kind: backend.ConversationDM},
	{Text: "Je n'ai toujours pas reçu ma commande #48213 passée il y a trois semaines, je veux être remboursée !!", Kind: backend.ConversationDM, RecentInbound: 3},
	{Text: "trop beau 😍😍", Kind: backend.ConversationCommentThread, BusyPost: true},
	{Text: "How much is the blue hoodie? Do you ship to Canada?", Kind: backend.ConversationCommentThread},
	{Text: "My parcel never arrived and support doesn't answer. This is a scam, I'll call my lawyer.", Kind: backend.ConversationDM, Influencer: true},
	{Text: "🔥🔥 Gagne 500€ par jour avec la crypto, DM moi pour le lien 👉 www.promo-crypto.biz", Kind: backend.ConversationCommentThread},
	{Text: "Hello, je voudrais commander deux t-shirts pour ma fille, vous avez du S ?", Kind: backend.ConversationLiveChat},
	{Text: "Love the new collection, great quality as always!", Kind: backend.ConversationCommentThread},
	{Text: "t'es vraiment une grosse merde, on va te retrouver", Kind: backend.ConversationDM},
	{Text: "Is the code SAVE10 still valid? It says expired at checkout :(", Kind: backend.ConversationDM},
}

func BenchmarkTriage(b *testing.B) {
	engine := newEngine(b, backend.DefaultSLAPolicy())
	received := time.Date(2026, 6, 3, 10, 0, 0, 0, time.UTC)
	for i := range benchMessages {
		benchMessages[i].Received = received
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		engine.Triage(benchMessages[i%len(benchMessages)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
