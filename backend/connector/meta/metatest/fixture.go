package metatest

import "time"

// Ids and names of the fixture.
const (
	Token       = "EAAGfakePageToken0SECRET0do0not0log"
	AppSecret   = "fake-app-secret-0123456789"
	PageID      = "1010000000000001"
	PageName    = "Maison Tend"
	IGUserID    = "17841400000000001"
	IGUsername  = "maison.tend"
	IGName      = "Maison Tend"
	ExpiredTok  = "EAAGexpiredToken"
	ChangedTok  = "EAAGpasswordChangedToken"
	MediaSpring = "17900000000000101"
	MediaQuiet  = "17900000000000102"
	PostSale    = PageID + "_5001"
)

// Public media addresses for publishing tests: Instagram fetches them itself.
const (
	ImageURL  = "https://cdn.example.com/tend/spring.jpg"
	ImageURL2 = "https://cdn.example.com/tend/atelier.jpg"
	VideoURL  = "https://cdn.example.com/tend/behind-the-scenes.mp4"
)

// People of the fixture.
var (
	Alice = User{ID: "6154000000000001", Username: "alice.martin"} // Instagram, writes within the hour
	Bob   = User{ID: "6154000000000002", Username: "bob_dupuis"}   // Instagram, wrote 30 hours ago
	Carla = User{ID: "6154000000000003", Username: "carla.b"}      // Instagram, wrote 10 days ago
	Dan   = User{ID: "2400000000000001", Name: "Dan Dupont"}       // Messenger, within the hour
	Eve   = User{ID: "3100000000000001", Name: "Eve Durand"}       // comments on the Page
	Frank = User{ID: "3100000000000002", Name: "Frank Leroy"}      // comments on the Page
	Gus   = User{ID: "6154000000000004", Username: "gus.the.cat"}  // comments on Instagram
	IG    = User{ID: IGUserID, Username: IGUsername, Name: IGName} // the Instagram account
	Page  = User{ID: PageID, Name: PageName}                       // the Page
)

// Fixture is the fake's starting state, its times relative to now: Instagram conversations with
// Alice (last message 30 minutes ago, the account answered in between), Bob (30 hours ago: only a
// HUMAN_AGENT reply may go) and Carla (10 days ago: nothing may go); a Messenger conversation with
// Dan; two Instagram media, one with comments and replies (one reply by the account), and a Page
// post with comments and replies (one reply by the Page). Nothing is published yet; containers
// finish at their first status read.
func Fixture(now time.Time) State {
	ago := func(d time.Duration) time.Time { return now.Add(-d).Truncate(time.Second) }
	return State{
		Token:       Token,
		TokenErrors: map[string]int{ExpiredTok: 463, ChangedTok: 460},
		AppSecret:   AppSecret,
		Page:        Page,
		IG:          IG,
		Conversations: []*Conversation{
			{ID: "aWdfZAG06conv1", Platform: "instagram", With: Alice, Messages: []*Message{
				{ID: "aWdfZAG1fmid1", From: Alice, Text: "Bonjour ! Vous livrez en Belgique ?", Created: ago(2 * time.Hour)},
				{ID: "aWdfZAG1fmid2", From: IG, Text: "Oui, sous 3 jours ouvrés.", Created: ago(time.Hour)},
				{ID: "aWdfZAG1fmid3", From: Alice, Text: "Super, merci ! Voici la photo.", Created: ago(30 * time.Minute), AttachmentURL: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"},
			}},
			{ID: "aWdfZAG06conv2", Platform: "instagram", With: Bob, Messages: []*Message{
				{ID: "aWdfZAG1fmid4", From: Bob, Text: "Is the blue dress still available?", Created: ago(30 * time.Hour)},
			}},
			{ID: "aWdfZAG06conv3", Platform: "instagram", With: Carla, Messages: []*Message{
				{ID: "aWdfZAG1fmid5", From: Carla, Text: "Coucou, une question sur ma commande", Created: ago(10 * 24 * time.Hour)},
			}},
			{ID: "t_10160000000000001", Platform: "messenger", With: Dan, Messages: []*Message{
				{ID: "m_mid.1001", From: Dan, Text: "Hello, where is my order #1234?", Created: ago(45 * time.Minute)},
				{ID: "m_mid.1002", From: Page, Text: "Let me check, one moment.", Created: ago(40 * time.Minute)},
			}},
		},
		Media: []*Media{
			{ID: MediaSpring, Caption: "Nouvelle collection printemps 🌸\nDécouvrez les 12 pièces sur le site.", Permalink: "https://www.instagram.com/p/C5spring/", Created: ago(3 * 24 * time.Hour),
				Comments: []*Comment{
					{ID: "17850000000000001", From: Alice, Text: "Trop beau ! C'est combien ?", Created: ago(2 * 24 * time.Hour), Replies: []*Comment{
						{ID: "17850000000000002", From: IG, Text: "@alice.martin 49 € 🙂", Created: ago(47 * time.Hour)},
						{ID: "17850000000000003", From: Bob, Text: "Je confirme, super qualité", Created: ago(46 * time.Hour)},
					}},
					{ID: "17850000000000004", From: Gus, Text: "Dispo en taille M ?", Created: ago(24 * time.Hour)},
				}},
			{ID: MediaQuiet, Caption: "Dans l'atelier", Permalink: "https://www.instagram.com/p/C5atelier/", Created: ago(5 * 24 * time.Hour)},
		},
		Posts: []*Post{
			{ID: PostSale, Message: "Soldes d'été : -30 % sur tout le site jusqu'à dimanche !", Permalink: "https://www.facebook.com/" + PageID + "/posts/5001", Created: ago(4 * 24 * time.Hour),
				Comments: []*Comment{
					{ID: "5001_7001", From: Eve, Text: "Les soldes s'appliquent aussi en boutique ?", Created: ago(3 * 24 * time.Hour), Replies: []*Comment{
						{ID: "5001_7002", From: Page, Text: "Oui, dans toutes nos boutiques.", Created: ago(70 * time.Hour)},
						{ID: "5001_7003", From: Frank, Text: "Merci pour l'info", Created: ago(60 * time.Hour)},
					}},
					{ID: "5001_7004", From: Frank, Text: "Livraison offerte ?", Created: ago(5 * time.Hour)},
				}},
		},
		LastInbound:       map[string]time.Time{},
		Unavailable:       map[string]bool{},
		ContainerFailures: map[string]string{},
	}
}
