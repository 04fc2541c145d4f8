// Command fakeopenai serves the in-repo fake OpenAI-compatible chat-completions server on a fixed
// address, for the end-to-end tests that draft a reply with a model: it streams a fixed French
// answer in small deltas, slowly enough that the composer shows it arriving.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"tend/backend/llm/llmtest"
)

// Reply is the fake model's answer to every draft.
const Reply = "Bonjour ! Merci pour votre message. Je regarde votre demande avec l'équipe et je reviens vers vous très vite."

func main() {
	addr := flag.String("addr", "127.0.0.1:7881", "listen address")
	flag.Parse()
	fake := llmtest.NewServer(llmtest.Script{Reply: Reply, Deltas: 12, Delay: 80 * time.Millisecond, Models: []string{"fake-model"}})
	defer fake.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	mux.Handle("/", fake.Handler())
	mux.HandleFunc("GET /_health", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	log.Printf("fake OpenAI-compatible server on http://%s/v1", *addr)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
