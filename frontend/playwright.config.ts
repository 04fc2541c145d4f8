import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

// The real backend, serving the built frontend (`npm run build`, then `go build -o build/bin/tend .`).
const tendBin = resolve(process.env.TEND_BIN ?? '../build/bin/tend');
// The in-repo fake Telegram Bot API (`go build -o build/bin/faketelegram ./backend/connector/telegram/telegramtest/faketelegram`).
const fakeTelegramBin = resolve(process.env.FAKE_TELEGRAM_BIN ?? '../build/bin/faketelegram');
// The in-repo fake OpenAI-compatible server (`go build -o build/bin/fakeopenai ./backend/llm/llmtest/fakeopenai`).
const fakeOpenAIBin = resolve(process.env.FAKE_OPENAI_BIN ?? '../build/bin/fakeopenai');
const port = 7879;
export const fakeTelegramPort = 7880;
export const fakeOpenAIPort = 7881;

export default defineConfig({
  testDir: './e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI !== undefined,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI !== undefined ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    // Debian's Chromium: never a downloaded browser.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      // A fresh data folder with the demo workspace for every run.
      command: `sh -c 'D=$(mktemp -d) && "$TEND_BIN" --data-dir "$D" demo >/dev/null && exec "$TEND_BIN" --data-dir "$D" --workspace demo serve --addr 127.0.0.1:${port} --token e2e-token'`,
      env: { TEND_BIN: tendBin },
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The bot administers @tend_demo_channel, where calendar posts are published.
      command: `"${fakeTelegramBin}" --addr 127.0.0.1:${fakeTelegramPort} --token 123456:e2e-token --channel @tend_demo_channel`,
      url: `http://127.0.0.1:${fakeTelegramPort}/_health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `"${fakeOpenAIBin}" --addr 127.0.0.1:${fakeOpenAIPort}`,
      url: `http://127.0.0.1:${fakeOpenAIPort}/_health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
