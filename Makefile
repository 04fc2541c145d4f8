# Tend — the two commands are `make run` and `make test`; each installs what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

GOBIN   := $(shell go env GOPATH)/bin
WAILS   := $(GOBIN)/wails
VERSION := $(shell build/scripts/version.sh)
BIN     := build/bin/tend
# Every Go package of the project; node_modules can ship Go files of its own (flatted does).
GO_PKGS = $(shell go list ./... | grep -v /node_modules/)

FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/package.json frontend/vite.config.ts \
                  frontend/tsconfig.json -type f 2>/dev/null)
GO_SRC       := $(shell find . -name '*.go' -not -path './frontend/*' 2>/dev/null) go.mod go.sum wails.json \
                  $(shell find assets backend/sqlite/migrations -type f 2>/dev/null)

.PHONY: run test setup setup-run bindings frontend build lint go-test keyring-test frontend-test e2e smoke \
        bench model eval dist dist-test clean

## run: install what is missing, build, and open the app on the demo workspace
run: setup-run $(BIN)
	$(BIN) demo
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display here: serving the demo workspace for a browser instead (Ctrl-C to stop)."; \
	  exec $(BIN) --workspace demo serve; \
	fi
	$(BIN) --workspace demo

## test: install what is missing and run every check and test
test: setup lint go-test keyring-test frontend-test $(BIN) e2e smoke dist-test
	@echo "make test: all checks passed"

setup:
	build/scripts/setup.sh test

setup-run:
	build/scripts/setup.sh run

# Wails generates the TypeScript bindings and models the frontend compiles against. It compiles
# main.go, which embeds frontend/dist: on a clean clone a placeholder stands in until the real build.
frontend/wailsjs/go/models.ts: $(GO_SRC)
	@mkdir -p frontend/dist && touch frontend/dist/.placeholder
	$(WAILS) generate module >/dev/null
	@touch $@

bindings: frontend/wailsjs/go/models.ts

frontend/dist/index.html: frontend/wailsjs/go/models.ts $(FRONTEND_SRC) frontend/package-lock.json
	cd frontend && npm run build

frontend: frontend/dist/index.html

$(BIN): frontend/dist/index.html $(GO_SRC)
	$(WAILS) build -s -m -skipbindings -trimpath -ldflags "-X main.version=$(VERSION)" -o tend >/dev/null
	@echo "built $(BIN) $(VERSION)"

build: $(BIN)

lint: frontend/dist/index.html
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	go vet $(GO_PKGS)
	$(GOBIN)/staticcheck $(GO_PKGS)
	cd frontend && npm run typecheck && npm run lint

go-test: frontend/dist/index.html
	go test -count=1 $(GO_PKGS)

# The keyring adapter is tested against a real Secret Service in a private D-Bus session.
keyring-test:
	XDG_DATA_HOME=$$(mktemp -d) dbus-run-session -- sh -c \
	  'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && \
	   TEND_KEYRING_TEST=1 go test -count=1 ./backend/keyring/' 2>&1 | grep -v 'Failed to set fd limit'

frontend-test: frontend/wailsjs/go/models.ts
	cd frontend && npm test

e2e: $(BIN)
	go build -o build/bin/faketelegram ./backend/connector/telegram/telegramtest/faketelegram
	go build -o build/bin/fakeopenai ./backend/llm/llmtest/fakeopenai
	# A private D-Bus session with gnome-keyring: connecting an account stores its token in a real
	# Secret Service, as on a desktop.
	cd frontend && XDG_DATA_HOME=$$(mktemp -d) TEND_BIN=$(CURDIR)/$(BIN) FAKE_TELEGRAM_BIN=$(CURDIR)/build/bin/faketelegram \
	  FAKE_OPENAI_BIN=$(CURDIR)/build/bin/fakeopenai \
	  dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && npm run e2e' \
	  2>&1 | grep -v 'Failed to set fd limit'; exit $${PIPESTATUS[0]}

smoke: $(BIN)
	build/scripts/smoke-desktop.sh $(BIN) build/bin/smoke.png --keyboard build/bin/smoke-opened.png --compose build/bin/smoke-composed.png \
	  --calendar build/bin/smoke-calendar.png --caption build/bin/smoke-caption.png --live build/bin/smoke-live.png \
	  --creator build/bin/smoke-creator.png

## bench: performance figures on a generated 1M-message workspace, one "BENCH name value unit" line each
bench:
	@mkdir -p build/bin
	go run ./backend/sqlite/cmd/bench | tee build/bin/bench.txt

# The training corpora live beside the repository (see ../shared/data/training/README.md); the
# trained model is committed, so only retraining needs them.
SHARED ?= ../shared

## model: retrain the triage model from the public corpora and assets/triage/labelled
model:
	go run ./backend/triage/cmd/train -data $(SHARED)/data/training -labelled assets/triage/labelled \
	  -out assets/triage/model.bin.gz

## eval: per-class precision, recall and F1 on the held-back validation split
eval:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  go run ./backend/triage/cmd/train -data $(SHARED)/data/training -labelled assets/triage/labelled \
	    -out "$$tmp/model.bin.gz" -attribution "$$tmp/ATTRIBUTION" -eval

## dist: Windows installer and portable exe, Linux .deb and SHA256SUMS under build/dist/
dist: setup frontend
	build/scripts/dist.sh

dist-test: frontend
	build/scripts/dist-test.sh

clean:
	rm -rf build/bin build/dist frontend/dist frontend/wailsjs
