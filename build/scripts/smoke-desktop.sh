#!/usr/bin/env bash
# Desktop smoke test: starts the built binary on a virtual X display, waits for its window,
# screenshots the screen and checks the page really painted (many colours, not one flat fill).
# With --keyboard it then drives the inbox with keys only (j, Enter) and checks that a
# conversation opened in the real window, saving that screenshot too. With --compose it then
# presses r, types a reply that quotes a price and sends it with Ctrl+Enter, and checks in the
# workspace's audit trail that the policy held it for approval because of the money in it.
#
#   build/scripts/smoke-desktop.sh BINARY SCREENSHOT.png [--keyboard OPENED.png [--compose COMPOSED.png]]
set -euo pipefail
bin=$(realpath "$1")
shot=$2
opened=
composed=
if [ "${3:-}" = --keyboard ]; then opened=$4; fi
if [ "${5:-}" = --compose ]; then composed=$6; fi
work=$(mktemp -d)
display=
cleanup() {
  if [ -n "${app_pid:-}" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "${xvfb_pid:-}" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for n in $(seq 90 120); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "smoke: no free X display" >&2; exit 1; }
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done

"$bin" --data-dir "$work/data" demo >/dev/null
DISPLAY=$display LANG=en_US.UTF-8 "$bin" --data-dir "$work/data" --workspace demo >"$work/app.log" 2>&1 &
app_pid=$!

window=
for _ in $(seq 150); do
  window=$(DISPLAY=$display xdotool search --onlyvisible --name '^Tend' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  kill -0 "$app_pid" 2>/dev/null || { echo "smoke: the app exited:" >&2; cat "$work/app.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$window" ] || { echo "smoke: no window after 15 s" >&2; cat "$work/app.log" >&2; exit 1; }

# The window maps before the web view paints: wait until the picture is rich, up to 20 s.
colours=0
for _ in $(seq 40); do
  sleep 0.5
  DISPLAY=$display import -window root "$shot"
  colours=$(convert "$shot" -format '%k' info:)
  [ "$colours" -ge 200 ] && break
done
if [ "$colours" -lt 200 ]; then
  echo "smoke: the window did not paint ($colours colours in $shot)" >&2
  cat "$work/app.log" >&2
  exit 1
fi
# Let the first data load settle, then keep that picture as the screenshot.
sleep 2
DISPLAY=$display import -window root "$shot"
echo "smoke: window $window painted ($colours colours), screenshot $shot"

[ -n "$opened" ] || exit 0

# Keys only: focus the window, move to the first conversation and open it. The conversation pane
# must change: compare the right half of the screen before and after.
DISPLAY=$display xdotool windowfocus --sync "$window" 2>/dev/null || DISPLAY=$display xdotool windowfocus "$window"
sleep 0.5
DISPLAY=$display xdotool key --delay 150 j Return
changed=0
for _ in $(seq 20); do
  sleep 0.5
  DISPLAY=$display import -window root "$opened"
  changed=$(compare -metric AE -crop 620x700+660+80 "$shot" "$opened" null: 2>&1 | cut -d' ' -f1 || true)
  [ "${changed%.*}" -ge 20000 ] 2>/dev/null && break
done
if [ "${changed%.*}" -lt 20000 ] 2>/dev/null; then
  echo "smoke: j then Enter did not open a conversation ($changed pixels changed)" >&2
  exit 1
fi
sleep 2 # the thread loads after the pane opens
DISPLAY=$display import -window root "$opened"
echo "smoke: keyboard opened a conversation ($changed pixels changed), screenshot $opened"

[ -n "$composed" ] || exit 0

DISPLAY=$display xdotool key --delay 150 r
sleep 0.5
DISPLAY=$display xdotool type --delay 40 'Le coffret Prestige coûte 49 €.'
sleep 3 # the live policy check answers after a pause in typing
DISPLAY=$display import -window root "$composed"
DISPLAY=$display xdotool key --delay 150 ctrl+Return
held=
for _ in $(seq 20); do
  sleep 0.5
  if "$bin" --data-dir "$work/data" --workspace demo audit export --format jsonl 2>/dev/null |
    grep '"action":"reply.submitted"' | grep 'coûte 49 €' | grep -q 'money: matched'; then
    held=yes
    break
  fi
done
if [ -z "$held" ]; then
  echo "smoke: the reply typed in the window did not reach the approval queue" >&2
  cat "$work/app.log" >&2
  exit 1
fi
"$bin" --data-dir "$work/data" --workspace demo audit verify
echo "smoke: r, typing and Ctrl+Enter put a reply quoting a price in the approval queue, screenshot $composed"
