// Command faketelegram serves the in-repo fake Telegram Bot API on a fixed address, for the
// end-to-end tests that connect a bot from the UI. Besides the Bot API under /bot<token>/, it has
// test-control routes: POST /_queue {"chat_id","from_id","first_name","text"} delivers a private
// message to the bot, GET /_sent lists what the bot sent with sendMessage, and GET /_channel_posts
// what it published in channels.
//
// -channel @name (or the environment variable TEND_FAKE_TELEGRAM_CHANNEL) declares a public
// channel whose administrator the bot is, with the id -1001000000001 (-channel-id changes it), so
// that an account whose publish_chat is @name can publish posts.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"tend/backend/connector/telegram/telegramtest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:7880", "listen address")
	token := flag.String("token", "123456:e2e-token", "the bot token the server accepts")
	channel := flag.String("channel", os.Getenv("TEND_FAKE_TELEGRAM_CHANNEL"),
		"a public channel (@name) the bot administers, e.g. @tend_demo_channel; \"\" for none (default $TEND_FAKE_TELEGRAM_CHANNEL)")
	channelID := flag.Int64("channel-id", -1001000000001, "the id of the -channel")
	flag.Parse()
	fake := telegramtest.NewServer(*token)
	defer fake.Close()
	if name, ok := strings.CutPrefix(strings.TrimSpace(*channel), "@"); ok && name != "" {
		fake.AddChannel(telegramtest.Chat{ID: *channelID, Title: name, Username: name}, telegramtest.BotAdministrator)
		log.Printf("channel @%s (%d): the bot is an administrator", name, *channelID)
	} else if *channel != "" {
		fmt.Fprintf(os.Stderr, "-channel wants @name, got %q\n", *channel)
		os.Exit(2)
	}

	mux := http.NewServeMux()
	mux.Handle("/", fake)
	mux.HandleFunc("POST /_queue", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			ChatID    int64  `json:"chat_id"`
			FromID    int64  `json:"from_id"`
			FirstName string `json:"first_name"`
			Text      string `json:"text"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.ChatID == 0 || in.Text == "" {
			http.Error(w, "want {chat_id, from_id, first_name, text}", http.StatusBadRequest)
			return
		}
		user := telegramtest.User{ID: in.FromID, FirstName: in.FirstName}
		fake.Queue(telegramtest.Update{Message: &telegramtest.Message{
			MessageID: time.Now().UnixNano() % 1_000_000_000, From: &user, Date: time.Now().Unix(),
			Chat: telegramtest.Chat{ID: in.ChatID, Type: "private", FirstName: in.FirstName}, Text: in.Text,
		}})
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /_sent", func(w http.ResponseWriter, _ *http.Request) {
		type sent struct {
			ChatID int64  `json:"chat_id"`
			Text   string `json:"text"`
		}
		out := []sent{}
		for _, s := range fake.Sent() {
			out = append(out, sent{ChatID: s.ChatID, Text: s.Text})
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})
	mux.HandleFunc("GET /_channel_posts", func(w http.ResponseWriter, _ *http.Request) {
		type post struct {
			ChatID       int64  `json:"chat_id"`
			MessageID    int64  `json:"message_id"`
			Method       string `json:"method"`
			Kind         string `json:"kind"`
			Text         string `json:"text"`
			Caption      string `json:"caption"`
			FileName     string `json:"file_name,omitempty"`
			URL          string `json:"url,omitempty"`
			MediaGroupID string `json:"media_group_id,omitempty"`
		}
		out := []post{}
		for _, p := range fake.ChannelPosts() {
			item := post{ChatID: p.ChatID, MessageID: p.Message.MessageID, Method: p.Method, Kind: p.Kind, Text: p.Text,
				Caption: p.Caption, URL: p.URL, MediaGroupID: p.MediaGroupID}
			if p.Upload != nil {
				item.FileName = p.Upload.FileName
			}
			out = append(out, item)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})
	mux.HandleFunc("GET /_health", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	log.Printf("fake Telegram Bot API on http://%s (token %s)", *addr, *token)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
