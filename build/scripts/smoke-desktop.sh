#!/usr/bin/env bash
# Desktop smoke test: starts the built binary on a virtual X display, waits for its window,
# screenshots the screen and checks the page really painted (many colours, not one flat fill).
# With --keyboard it then drives the inbox with keys only (j, Enter) and checks that a
# conversation opened in the real window, saving that screenshot too. With --compose it then
# presses r, types a reply that quotes a price and sends it with Ctrl+Enter, and checks in the
# workspace's audit trail that the policy held it for approval because of the money in it.
# With --calendar it then opens the calendar, switches to the week view, drags the first idea of
# the backlog onto the week with the mouse (press, move, release), and checks in the workspace's
# database that the idea got that date, saving a screenshot of the planned week. With --caption it
# then opens that post from the week grid, drafts its caption with the built-in drafter, saves it,
# submits it for review and approves it, checking each in the database; with --live it plans a live
# from the calendar's toolbar and checks that the database holds the live and its announcement 48 h
# before it. Both need --calendar. With --creator it then opens the Creators page, adds a creator
# with an Instagram handle, gives them a discount code, a UTM link and a signed usage-rights
# checklist ending in 5 days, checks each in the database, and checks that the page's rights alerts
# and the navigation badge show one more alert. (The README's window-*.png pictures are copies of
# these screenshots, made by hand: a test run never writes to the source tree.)
#
#   build/scripts/smoke-desktop.sh BINARY SCREENSHOT.png [--keyboard OPENED.png [--compose COMPOSED.png]]
#                                  [--calendar CALENDAR.png [--caption CAPTION.png] [--live LIVE.png]]
#                                  [--creator CREATOR.png]
set -euo pipefail
usage() {
  echo "usage: $0 BINARY SCREENSHOT.png [--keyboard OPENED.png [--compose COMPOSED.png]]" \
    "[--calendar CALENDAR.png [--caption CAPTION.png] [--live LIVE.png]] [--creator CREATOR.png]" >&2
  exit 2
}
[ $# -ge 2 ] || usage
bin=$(realpath "$1")
shot=$2
shift 2
opened=
composed=
calendar=
caption=
live=
creator=
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case $1 in
    --keyboard) opened=$2 ;;
    --compose) composed=$2 ;;
    --calendar) calendar=$2 ;;
    --caption) caption=$2 ;;
    --live) live=$2 ;;
    --creator) creator=$2 ;;
    *) usage ;;
  esac
  shift 2
done
# The reply is typed into the conversation the keyboard step opened.
if [ -n "$composed" ] && [ -z "$opened" ]; then usage; fi
# The caption is drafted for the post the calendar step planned, and the live is planned from there.
if [ -n "$caption$live" ] && [ -z "$calendar" ]; then usage; fi
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

x() { DISPLAY=$display xdotool "$@"; }
snap() { DISPLAY=$display import -window root "$1"; }
# Debian's Python, whose sqlite3 module the database checks use.
python=/usr/bin/python3
[ -x "$python" ] || python=python3

# The areas of one colour (within 2%) in part of a screenshot (WxH+X+Y), as "LEFT TOP RIGHT BOTTOM"
# lines on the screen, top to bottom: filled buttons are found by their fill. Only areas of 100
# pixels or more count.
blobs() {
  local offset=${3#*+}
  convert "$1" -crop "$3" +repage -fuzz 2% -fill black +opaque "$2" -fill white -opaque "$2" \
    -define connected-components:verbose=true -define connected-components:area-threshold=100 \
    -connected-components 8 null: |
    awk -v ox="${offset%+*}" -v oy="${offset#*+}" 'NR > 1 && $NF ~ /255,255,255/ {
      split($2, b, /[x+]/); print b[3] + ox, b[4] + oy, b[3] + ox + b[1] - 1, b[4] + oy + b[2] - 1 }' | sort -n -k2
}

# The buttons of one colour in part of a screenshot: the blobs at least 50 px wide and 30 px high.
buttons() { blobs "$@" | awk '$3 - $1 >= 49 && $4 - $2 >= 29'; }

# Runs of MIN or more strongly coloured pixels in column X of a screenshot, as "TOP BOTTOM" lines.
strong_runs() {
  convert "$1" -crop 1x800+"$2"+0 +repage -depth 8 txt:- | awk -F'[(),: ]+' -v min="$3" '
    function strong(r, g, b,   hi, lo) { hi = r; lo = r
      if (g > hi) hi = g; if (b > hi) hi = b; if (g < lo) lo = g; if (b < lo) lo = b
      return hi - lo >= 90 }
    function flush() { if (start >= 0 && last - start + 1 >= min) print start, last; start = -1 }
    BEGIN { start = -1 }
    NR > 1 { if (strong($3, $4, $5)) { if (start < 0) start = $2; last = $2 } else flush() }
    END { flush() }'
}

# Mantine's colours at 1280x800 in the light scheme: the primary teal of filled buttons and checked
# chips, and the pale teal behind light buttons on a white page.
filled='srgb(12,166,120)'
light='srgb(230,246,241)'

# Keys only: focus the window, move to the first conversation and open it. The conversation pane
# must change: compare the right half of the screen before and after.
keyboard_step() {
  x windowfocus --sync "$window" 2>/dev/null || x windowfocus "$window"
  sleep 0.5
  x key --delay 150 j Return
  changed=0
  for _ in $(seq 20); do
    sleep 0.5
    snap "$opened"
    changed=$(compare -metric AE -crop 620x700+660+80 "$shot" "$opened" null: 2>&1 | cut -d' ' -f1 || true)
    [ "${changed%.*}" -ge 20000 ] 2>/dev/null && break
  done
  if [ "${changed%.*}" -lt 20000 ] 2>/dev/null; then
    echo "smoke: j then Enter did not open a conversation ($changed pixels changed)" >&2
    exit 1
  fi
  sleep 2 # the thread loads after the pane opens
  snap "$opened"
  echo "smoke: keyboard opened a conversation ($changed pixels changed), screenshot $opened"
}

compose_step() {
  x key --delay 150 r
  sleep 0.5
  x type --delay 40 'Le coffret Prestige coûte 49 €.'
  sleep 3 # the live policy check answers after a pause in typing
  snap "$composed"
  x key --delay 150 ctrl+Return
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
}

# The Nth item of the ideas backlog on screen, as "TOP BOTTOM" (nothing when there is none): every
# backlog item has a 4 px left border in its pillar's colour at x = 902..905 of the 1280 px wide
# window, and nothing else in that column of pixels is a run of 40 or more strongly coloured pixels.
backlog_item() {
  convert "$1" -crop 1x800+903+0 +repage -depth 8 txt:- | awk -F'[(),: ]+' -v n="$2" '
    function strong(r, g, b,   hi, lo) { hi = r; lo = r
      if (g > hi) hi = g; if (b > hi) hi = b; if (g < lo) lo = g; if (b < lo) lo = b
      return hi - lo >= 90 }
    BEGIN { start = -1 }
    NR > 1 && found < n {
      if (strong($3, $4, $5)) { if (start < 0) start = $2; last = $2; next }
      if (start >= 0 && last - start >= 39 && ++found == n) print start, last
      start = -1 }'
}

# Reads the calendar from the database the window writes. "pick" prints "N|ids" where N is the
# position in the backlog (undated posts, oldest first) of its first short video (1 when there is
# none) and ids lists the backlog's ids in that order; "dated ID" prints
# "status|format|day|time|sunday|title" when post ID has a date: its day and time on the post's
# clock, and the Sunday of this week there; nothing while it has none. "review ID" prints
# "status|approved|decided_by|caption" where caption is "empty", "drafted" (its first line holds the
# post's title, as a drafted caption's hook does, and it is marked as the built-in drafter's) or
# that first line. "live TITLE" prints
# "live|hours|announcement" for the latest live session called TITLE: its live post's start on its
# clock ("2026-12-02 11:10"), the hours from its announcement post to it, and that post's title
# ("-" for what is missing); nothing while there is no such session.
calendar_db() {
  "$python" - "$(find "$work/data" -name demo.db -print -quit)" "$@" <<'PY'
import datetime, sqlite3, sys, zoneinfo
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
if sys.argv[2] == "pick":
    rows = db.execute("SELECT id, format FROM calendar_posts WHERE scheduled_at IS NULL ORDER BY created_at, id").fetchall()
    n = next((i for i, (_, format) in enumerate(rows, 1) if format == "short_video"), 1)
    print(f"{n}|{','.join(str(id) for id, _ in rows)}")
elif sys.argv[2] == "review":
    status, approved, decided_by, caption, title, source = db.execute(
        "SELECT status, approved, decided_by, caption, title, caption_source FROM calendar_posts WHERE id = ?",
        (int(sys.argv[3]),)).fetchone()
    first = caption.strip().split("\n")[0].replace("|", "/")
    state = "empty" if first == "" else "drafted" if title.strip() in first and source == "builtin" else first
    print(f"{status}|{approved}|{decided_by}|{state}")
elif sys.argv[2] == "live":
    session = db.execute("SELECT id FROM calendar_sessions WHERE kind = 'live' AND title = ? ORDER BY id DESC", (sys.argv[3],)).fetchone()
    if session is not None:
        posts = {role: (title, at, zone) for role, title, at, zone in db.execute(
            "SELECT session_role, title, scheduled_at, time_zone FROM calendar_posts WHERE session_id = ?", session)}
        instant = lambda at: datetime.datetime.fromisoformat(at[:19] + "+00:00")
        live, hours, announcement = "-", "-", posts.get("announcement", ("-",))[0]
        if "live" in posts and posts["live"][0] == sys.argv[3]:
            _, at, zone = posts["live"]
            live = f"{instant(at).astimezone(zoneinfo.ZoneInfo(zone)):%Y-%m-%d %H:%M}"
            if "announcement" in posts:
                before = posts["announcement"][1]
                seconds = (instant(at) - instant(before)).total_seconds()
                hours = f"{seconds / 3600:g}" if at[19:] == before[19:] else f"{seconds / 3600:g}+"
        print(f"{live}|{hours}|{announcement}")
else:
    row = db.execute("SELECT status, format, scheduled_at, time_zone, title FROM calendar_posts WHERE id = ?", (int(sys.argv[3]),)).fetchone()
    if row is not None and row[2] is not None:
        status, format, at, zone, title = row
        tz = zoneinfo.ZoneInfo(zone)
        local = datetime.datetime.fromisoformat(at[:19] + "+00:00").astimezone(tz)
        today = datetime.datetime.now(tz).date()
        sunday = today + datetime.timedelta(days=6 - today.weekday())
        print(f"{status}|{format}|{local:%Y-%m-%d}|{local:%H:%M}|{sunday}|{title}")
PY
}

# The calendar with the mouse, as a person plans a week: the Calendar link of the navigation rail,
# the week view, then the backlog's first short video dragged onto Sunday 07:00 of this week, which
# the week's cadence then counts. FullCalendar's dragging wants a press, moves in small steps and
# a release, which xdotool gives as real X pointer events. Positions come from the screen: backlog
# items are found by their pillar-coloured border, and the page is scrolled (mouse wheel, 86 px a
# notch) until they sit mid-screen. The rest of the page lies at fixed offsets from the first item
# (the 1280 px layout: calendar beside the backlog, their tops aligned): the view switch's Week
# 82 px above it, the week grid's 07:00 row 30 px below its top, the Sunday column at x = 815.
calendar_step() {
  local pick n ids id
  pick=$(calendar_db pick)
  n=${pick%%|*}
  ids=${pick#*|}
  id=$(echo "$ids" | cut -d, -f"$n")
  [ -n "$id" ] || { echo "smoke: the demo workspace has nothing in its backlog to plan" >&2; exit 1; }

  x windowfocus --sync "$window" 2>/dev/null || x windowfocus "$window"
  # The Calendar link is the fourth of the rail: Inbox, Approvals, Templates, Calendar.
  x mousemove 44 282
  sleep 0.3
  x click 1
  # Scroll until the first item is 180 px or more from the top (the view switch above it clear of
  # the header) and the item to drag ends 60 px or more above the bottom.
  local first='' item='' top=0 placed=''
  for _ in $(seq 40); do
    sleep 0.5
    snap "$work/calendar.png"
    first=$(backlog_item "$work/calendar.png" 1)
    item=$(backlog_item "$work/calendar.png" "$n")
    top=${first% *}
    x mousemove 500 500
    if [ -z "$first" ]; then
      x click 5 # the page still loads, or the backlog is further down
    elif [ "$top" -lt 180 ]; then
      x click 4
    elif [ -z "$item" ] || [ "${item#* }" -gt 740 ]; then
      [ "$top" -ge 266 ] || break # scrolling further hides the view switch
      x click 5
    else
      placed=yes
      break
    fi
  done
  if [ -z "$placed" ]; then
    echo "smoke: the calendar's ideas backlog (item $n of $ids) did not come on screen after clicking Calendar in the rail" >&2
    cp "$work/calendar.png" "$calendar"
    exit 1
  fi

  # Week: the middle segment of the view switch. The grid beside the backlog changes.
  cp "$work/calendar.png" "$work/month.png"
  x mousemove 787 $((top - 82))
  sleep 0.3
  x click 1
  local changed=0
  for _ in $(seq 20); do
    sleep 0.5
    snap "$work/calendar.png"
    changed=$(compare -metric AE -crop 745x$((800 - top))+120+"$top" "$work/month.png" "$work/calendar.png" null: 2>&1 | cut -d' ' -f1 || true)
    [ "${changed%.*}" -ge 10000 ] 2>/dev/null && break
  done
  if [ "${changed%.*}" -lt 10000 ] 2>/dev/null; then
    echo "smoke: clicking Week did not switch the calendar to the week view ($changed pixels changed)" >&2
    cp "$work/calendar.png" "$calendar"
    exit 1
  fi
  sleep 0.5
  snap "$work/calendar.png"
  if [ "$(backlog_item "$work/calendar.png" 1)" != "$first" ] || [ "$(backlog_item "$work/calendar.png" "$n")" != "$item" ]; then
    echo "smoke: the backlog moved when the calendar changed view" >&2
    cp "$work/calendar.png" "$calendar"
    exit 1
  fi

  # Press on the item's grip, travel in small steps to Sunday 07:00, release.
  local x0=919 y0=$((${item% *} + 12)) x1=815 y1=$((top + 30))
  x mousemove "$x0" "$y0"
  sleep 0.2
  x mousedown 1
  sleep 0.1
  for i in $(seq 15); do
    x mousemove $((x0 + (x1 - x0) * i / 15)) $((y0 + (y1 - y0) * i / 15))
    sleep 0.05
  done
  sleep 0.3
  x mouseup 1
  x mousemove 1275 795

  # The post now has a date, this week's Sunday at 07:00 on its clock, and is a draft.
  local dated='' status format day time sunday title
  for _ in $(seq 20); do
    sleep 0.5
    dated=$(calendar_db dated "$id")
    [ -n "$dated" ] && break
  done
  IFS='|' read -r status format day time sunday title <<<"$dated"
  if [ -z "$dated" ] || [ "$status" != draft ] || [ "$day" != "$sunday" ] || [ "$time" != 07:00 ]; then
    echo "smoke: post $id dragged onto Sunday $sunday 07:00 did not get that date (${dated:-still undated})" >&2
    snap "$calendar"
    cat "$work/app.log" >&2
    exit 1
  fi
  # Scroll the calendar's toolbar up under the header, so that the picture holds the week with the
  # new post, the backlog and the cadence panel below it.
  x mousemove 500 500
  local notches=$(((top - 100 - 70) / 86))
  [ "$notches" -ge 0 ] || notches=0
  for _ in $(seq "$notches"); do
    x click 5
    sleep 0.1
  done
  sleep 1.5 # the calendar and its panels refetch after the move
  snap "$calendar"
  echo "smoke: dragged backlog item $n, post $id ($format, \"$title\"), onto the week: a $status on $day at $time, screenshot $calendar"
  # For the steps after this one: the post, where its event should be now, and this week's Sunday.
  planned_id=$id
  planned_title=$title
  planned_y=$((y1 - 86 * notches))
  planned_sunday=$sunday
}

# A step that found nothing to act on says so, saves the screen as its screenshot and stops.
fail() {
  echo "smoke: $2" >&2
  snap "$1"
  echo "smoke: screenshot $1" >&2
  tail -n 20 "$work/app.log" >&2
  exit 1
}

# Waits up to 10 s for "READER ARGS..." (calendar_db or creator_db) to print something matching the
# pattern PATTERN, and prints what it printed last.
db_wait() {
  local pattern=$1 out=''
  shift
  for _ in $(seq 20); do
    out=$("$@")
    [[ $out =~ $pattern ]] && break
    sleep 0.5
  done
  echo "$out"
}

# Scrolls the post editor drawer to its end (the wheel over its header, clear of the toasts at the
# top right) and prints its lowest filled button as "LEFT TOP RIGHT BOTTOM", nothing when none.
editor_end_button() {
  x mousemove 700 20
  x click --repeat 15 --delay 30 5
  sleep 0.7
  snap "$work/editor.png"
  buttons "$work/editor.png" "$filled" 740x800+540+0 | tail -n 1
}

# The drawer's lowest filled button once its left edge is within MIN_LEFT..MAX_LEFT and its right
# edge at MIN_RIGHT or more, trying for 10 s; nothing when it never is.
end_button_where() {
  local button
  for _ in $(seq 20); do
    button=$(editor_end_button | awk -v a="$1" -v b="$2" -v c="$3" '$1 >= a && $1 <= b && $3 >= c')
    if [ -n "$button" ]; then
      echo "$button"
      return
    fi
    sleep 0.5
  done
}

# Clicks the middle of a "LEFT TOP RIGHT BOTTOM" box, then moves the pointer off the buttons.
click_box() {
  local left top right bottom
  read -r left top right bottom <<<"$1"
  x mousemove $(((left + right) / 2)) $(((top + bottom) / 2))
  sleep 0.2
  x click 1
  x mousemove 700 20
}

# The post just planned, taken through review in its editor as a person does. Its event in the
# week grid (a run of its pillar's colour in the Sunday column, x = 769, nearest to where it was
# dropped) opens the editor drawer; "Draft caption" (the pale teal button at the drawer's left
# edge, x = 540) opens its menu, whose first item, the built-in drafter, Down then Enter pick; then
# Save, "Submit for review" and "Approve". Those are each, in turn, the lowest filled button of the
# drawer scrolled to its end: Save (at its right edge) while the drafted caption is unsaved, for
# "Submit for review" is disabled until it is saved; then "Submit for review" (at its left edge),
# Save being disabled; then Approve (after the approval note's field), Reject being light. Each
# click is checked in the database.
caption_step() {
  local top bottom d best=100000 y='' button='' review status approved decided drafted
  snap "$work/editor.png"
  while read -r top bottom; do
    d=$(((top + bottom) / 2 - planned_y))
    d=${d#-}
    if [ "$d" -lt "$best" ]; then
      best=$d
      y=$(((top + bottom) / 2))
    fi
  done < <(strong_runs "$work/editor.png" 769 15)
  if [ -z "$y" ] || [ "$best" -gt 60 ]; then
    fail "$caption" "post $planned_id (\"$planned_title\") is not in the week grid's Sunday column near y = $planned_y"
  fi
  x mousemove 815 "$y"
  sleep 0.2
  x click 1
  x mousemove 700 20
  for i in $(seq 20); do
    sleep 0.5
    snap "$work/editor.png"
    button=$(blobs "$work/editor.png" "$light" 760x800+520+0 |
      awk '$1 >= 538 && $1 <= 542 && $3 - $1 >= 99 && $4 - $2 >= 19 && $4 - $2 <= 40' | head -n 1)
    [ -z "$button" ] || break
    # Below the fold when the post carries notices above its fields.
    [ "$i" -lt 6 ] || x click 5
  done
  [ -n "$button" ] ||
    fail "$caption" "clicking post $planned_id's event did not open its editor with a Draft caption button"
  click_box "$button"
  sleep 0.7
  x key Down
  sleep 0.3
  x key Return

  button=$(end_button_where 0 1280 1250)
  [ -n "$button" ] ||
    fail "$caption" "the built-in drafter left nothing to save in the editor (no enabled Save at the end of the drawer)"
  click_box "$button"
  review=$(db_wait '\|drafted$' calendar_db review "$planned_id")
  [[ $review =~ \|drafted$ ]] ||
    fail "$caption" "Save did not store a drafted caption for post $planned_id (status|approved|decided by|caption: $review)"

  button=$(end_button_where 0 542 0)
  [ -n "$button" ] ||
    fail "$caption" "no Submit for review button at the end of the editor once the caption was saved"
  click_box "$button"
  review=$(db_wait '^in_review\|' calendar_db review "$planned_id")
  [[ $review =~ ^in_review\| ]] ||
    fail "$caption" "Submit for review did not put post $planned_id in review (status|approved|decided by|caption: $review)"

  button=$(end_button_where 561 1280 0)
  [ -n "$button" ] ||
    fail "$caption" "no Approve button at the end of the editor once post $planned_id was in review"
  click_box "$button"
  review=$(db_wait '^approved\|1\|[^|]+\|drafted$' calendar_db review "$planned_id")
  IFS='|' read -r status approved decided drafted <<<"$review"
  if [ "$status" != approved ] || [ "$approved" != 1 ] || [ -z "$decided" ] || [ "$drafted" != drafted ]; then
    fail "$caption" "Approve did not approve post $planned_id's drafted caption (status|approved|decided by|caption: $review)"
  fi

  # The drawer from its top: the Approved badge, who approved it and when, and the caption, once
  # the toasts over its top right (a teal bar at their left edge) are gone.
  x mousemove 700 20
  x click --repeat 15 --delay 30 4
  for _ in $(seq 20); do
    sleep 0.5
    snap "$caption"
    [ -n "$(blobs "$caption" "$filled" 460x300+820+0)" ] || break
  done
  echo "smoke: drafted post $planned_id's caption with the built-in drafter, saved, submitted and approved it (by $decided), screenshot $caption"
}

# A live planned from the calendar's toolbar as a person does: the drawer closed with Escape, the
# page scrolled to its top, "Plan a live" (the pale teal button right of the filled "New post", the
# page's first filled button), a title typed into the dialog's focused first field, Tab to "Starts
# at", whose date and time WebKitGTK edits one part at a time (month, day, year, hour, minute,
# AM/PM for en-US: digits, then Right to the next part), Tab past the minutes to the Instagram chip,
# Space, and "Plan the live" (the lowest filled button, right of the middle of the screen). The
# live is on next week's Wednesday at 11:10 on the workspace's clock, so that its announcement, 48 h
# earlier, is ahead too, and the database must hold both: the live and its announcement exactly
# 48 h before it. The screenshot shows next week's grid (the calendar's next arrow, left of the
# title, 82 px above the backlog's first item) with the live, its announcement and its reminder.
live_step() {
  local title='Smoke test live' day new plan='' first='' top=0 at hours announcement changed=0
  day=$(date -d "$planned_sunday + 3 days" +%F)
  x key Escape
  sleep 0.8
  x mousemove 500 500
  x click --repeat 30 --delay 30 4
  sleep 0.8
  snap "$work/live.png"
  new=$(buttons "$work/live.png" "$filled" 1160x740+120+60 | head -n 1)
  [ -n "$new" ] && plan=$(buttons "$work/live.png" "$light" 1160x740+120+60 |
    awk -v top="$(echo "$new" | cut -d' ' -f2)" -v right="$(echo "$new" | cut -d' ' -f3)" \
      '$2 >= top - 3 && $2 <= top + 3 && $1 > right' | sort -n | head -n 1)
  [ -n "$plan" ] || fail "$live" "no Plan a live button beside New post at the top of the calendar page"
  click_box "$plan"
  changed=0
  for _ in $(seq 20); do
    sleep 0.5
    snap "$work/live-dialog.png"
    changed=$(compare -metric AE "$work/live.png" "$work/live-dialog.png" null: 2>&1 | cut -d' ' -f1 || true)
    [ "${changed%.*}" -ge 200000 ] 2>/dev/null && break
  done
  [ "${changed%.*}" -ge 200000 ] 2>/dev/null || fail "$live" "clicking Plan a live did not open its dialog"
  sleep 0.5 # the dialog focuses its first field
  x type --delay 40 "$title"
  x key Tab
  sleep 0.2
  local part
  for part in "$(date -d "$day" +%m)" "$(date -d "$day" +%d)" "$(date -d "$day" +%Y)" 11 10; do
    x type --delay 120 "$part"
    x key --delay 120 Right
  done
  x type --delay 120 A
  x key --delay 150 Tab Tab space
  sleep 0.5
  snap "$work/live-dialog.png"
  plan=$(buttons "$work/live-dialog.png" "$filled" 1280x800+0+0 | awk '$1 > 640' | tail -n 1)
  [ -n "$plan" ] ||
    fail "$live" "Plan the live stayed disabled after typing a title and a start and ticking Instagram"
  click_box "$plan"
  IFS='|' read -r at hours announcement <<<"$(db_wait '.' calendar_db live "$title")"
  if [ "$at" != "$day 11:10" ] || [ "$hours" != 48 ] || [[ $announcement != *"$title"* ]]; then
    fail "$live" "the live \"$title\" planned in the window for $day 11:10 is not in the database with its announcement 48 h earlier (live ${at:-none}, ${hours:--} h after announcement \"${announcement:--}\")"
  fi

  # Next week in the grid: bring the backlog's first item into view, click the next arrow.
  x mousemove 500 500
  for _ in $(seq 12); do
    sleep 0.5
    snap "$work/live.png"
    first=$(backlog_item "$work/live.png" 1)
    top=${first% *}
    if [ -z "$first" ] || [ "$top" -gt 560 ]; then
      x click 5
    elif [ "$top" -lt 180 ]; then
      x click 4
    else
      break
    fi
  done
  if [ -z "$first" ] || [ "$top" -lt 180 ] || [ "$top" -gt 560 ]; then
    fail "$live" "the ideas backlog did not come back on screen to find the calendar's toolbar"
  fi
  x mousemove 263 $((top - 82))
  sleep 0.2
  x click 1
  x mousemove 500 500
  for _ in $(seq 20); do
    sleep 0.5
    snap "$work/live-week.png"
    changed=$(compare -metric AE -crop 745x$((800 - top))+120+"$top" "$work/live.png" "$work/live-week.png" null: 2>&1 | cut -d' ' -f1 || true)
    [ "${changed%.*}" -ge 2000 ] 2>/dev/null && break
  done
  [ "${changed%.*}" -ge 2000 ] 2>/dev/null || fail "$live" "the calendar's next arrow did not show next week"
  local notches=$(((top - 170) / 86))
  [ "$notches" -ge 0 ] || notches=0
  for _ in $(seq "$notches"); do
    x click 5
    sleep 0.1
  done
  sleep 1.5
  snap "$live"
  echo "smoke: planned the live \"$title\" for $day 11:10 in the window: its announcement \"$announcement\" is $hours h before it, screenshot $live"
}

# Reads the creator tracker from the database the window writes. "today" prints "day|alert days":
# today on the workspace's clock (its time zone setting, UTC without one), as the app counts the
# days left on usage rights, and how many days ahead their alerts come. "creator NAME" prints
# "id|platform:handle,..." for the latest creator called NAME; "codes ID" prints that creator's
# codes as "CODE:percent,..."; "link ID" prints its latest UTM link as
# "base|source|medium|campaign|url"; "rights ID" prints its latest usage rights as
# "scopes|start|end|territories|terms|edit consent|signed" (lists joined with commas, consent
# yes, no or unset); nothing while there is none. "alerts" prints "count|names" for the rights the
# app alerts on: signed, with an end date at most the alert days away, before or after today,
# ordered by end date as the page lists them.
creator_db() {
  "$python" - "$(find "$work/data" -name demo.db -print -quit)" "$@" <<'PY'
import datetime, json, sqlite3, sys, zoneinfo
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
def setting(key, default):
    row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return default if row is None else json.loads(row[0])
try:
    zone = zoneinfo.ZoneInfo(setting("time_zone", "") or "UTC")
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    zone = zoneinfo.ZoneInfo("UTC")
today = datetime.datetime.now(zone).date()
alert_days = setting("creators", {}).get("alert_days") or 14
clean = lambda value: str(value).replace("|", "/").replace("\n", " ")
command, args = sys.argv[2], sys.argv[3:]
if command == "today":
    print(f"{today}|{alert_days}")
elif command == "creator":
    row = db.execute("SELECT id FROM creators WHERE name = ? ORDER BY id DESC", (args[0],)).fetchone()
    if row is not None:
        handles = db.execute("SELECT platform, handle FROM creator_handles WHERE creator_id = ? ORDER BY position, id", row)
        print(f"{row[0]}|{','.join(f'{p}:{h}' for p, h in handles)}")
elif command == "codes":
    codes = db.execute("SELECT code, discount_percent FROM creator_codes WHERE creator_id = ? ORDER BY id", (int(args[0]),)).fetchall()
    if codes:
        print(",".join(f"{c}:{d}" for c, d in codes))
elif command == "link":
    row = db.execute("SELECT base_url, utm_source, utm_medium, utm_campaign, url FROM creator_links WHERE creator_id = ? ORDER BY id DESC",
                     (int(args[0]),)).fetchone()
    if row is not None:
        print("|".join(clean(v) for v in row))
elif command == "rights":
    row = db.execute("""SELECT scopes, start_date, end_date, territories, compensation_terms, edit_consent, signed_date
                        FROM creator_rights WHERE creator_id = ? ORDER BY id DESC""", (int(args[0]),)).fetchone()
    if row is not None:
        scopes, start, end, territories, terms, consent, signed = row
        consent = "unset" if consent is None else "yes" if consent else "no"
        print("|".join(clean(v) for v in (",".join(json.loads(scopes)), start, end, ",".join(json.loads(territories)), terms, consent, signed)))
elif command == "alerts":
    names = []
    for end, name in db.execute("""SELECT r.end_date, c.name FROM creator_rights r JOIN creators c ON c.id = r.creator_id
                                   WHERE r.signed_date <> '' AND r.end_date <> '' ORDER BY r.end_date, r.id"""):
        try:
            days = (datetime.date.fromisoformat(end) - today).days
        except ValueError:
            continue
        if -alert_days <= days <= alert_days:
            names.append(clean(name))
    print(f"{len(names)}|{', '.join(names)}")
PY
}

# Mantine's light orange of the page's rights alerts box, and the red of the navigation's badges.
pale_orange='srgb(248,235,226)'
badge_red='srgb(240,62,62)'

# The rights alerts box at the top of the Creators page, as "LEFT TOP RIGHT BOTTOM": an area of its
# light orange 800 px wide or more (nothing when none, or while a drawer's overlay dims the page).
# It grows by a line for each alert.
alert_box() { blobs "$1" "$pale_orange" 1160x740+120+60 | awk '$3 - $1 >= 799' | head -n 1; }

# The part of the screen where the Creators link of the rail (its fifth, 62 px below Calendar)
# wears its red badge with the number of rights alerts, and how many pixels of it are that red.
creators_badge=40x30+30+308
badge_pixels() {
  convert "$1" -crop "$creators_badge" +repage -fuzz 10% -fill black +opaque "$badge_red" \
    -fill white -opaque "$badge_red" -format '%[fx:int(mean*w*h+0.5)]' info:
}

# The creator drawer's active tab, as "LEFT TOP RIGHT BOTTOM" of its underline: a line 2 px high of
# the primary teal under the tab row, near the drawer's top (its left edge at x = 360). A focused
# field's teal border is 1 px.
tab_line() { blobs "$1" "$filled" 920x200+360+0 | awk '$4 - $2 == 1 && $3 - $1 >= 39' | head -n 1; }

# Moves the creator drawer to its next tab as a person can with keys: a click on the active tab
# (17 px above the middle of its underline), then Right, which Mantine's tabs follow; then the
# underline must sit further right. Focus stays on the new tab: Tab enters its panel.
next_tab() {
  local line='' moved='' left top right
  for _ in $(seq 20); do
    snap "$work/tabs.png"
    line=$(tab_line "$work/tabs.png")
    [ -n "$line" ] && break
    sleep 0.5
  done
  [ -n "$line" ] || fail "$creator" "no tab row (an underlined active tab) at the top of the creator drawer, to go to $1"
  read -r left top right _ <<<"$line"
  x mousemove $(((left + right) / 2)) $((top - 17))
  sleep 0.2
  x click 1
  sleep 0.3
  x key Right
  for _ in $(seq 20); do
    sleep 0.5
    snap "$work/tabs.png"
    moved=$(tab_line "$work/tabs.png")
    [ -n "$moved" ] && [ "${moved%% *}" -gt "$left" ] && break
  done
  if [ -z "$moved" ] || [ "${moved%% *}" -le "$left" ]; then
    fail "$creator" "clicking the creator drawer's active tab then Right did not move it to $1"
  fi
  sleep 0.5 # the panel mounts
}

# Types a date into a focused WebKitGTK date field one part at a time (en-US: month, day, year).
type_date() {
  local part
  for part in $(date -d "$1" '+%m %d %Y'); do
    x type --delay 120 "$part"
    x key --delay 120 Right
  done
}

# A creator added and equipped in the window as a person does, with the keyboard wherever the form
# allows: the Creators link of the rail (the page scrolled to its top), "New creator" (the page's
# first filled button), a name typed into the drawer's focused first field, Tab past the platform
# (Instagram) to the handle, Enter. The drawer then shows the creator: its next tab, "Codes &
# links", takes a code (Tab past the campaign to the code field, Tab past its suggest button to the
# discount, Enter) and then a UTM link (Tab past "Add code", the link's campaign and "Fill in" to
# the landing page URL, then source, medium and campaign, whose "Noël 2026" the app normalises, and
# Enter); its next tab, "Usage rights", takes a checklist ("Add a checklist", Tab past the campaign
# to the Organic posts box, Space, Tab past the other scopes to the dates: from today, until today
# + 5 days, signed today on the workspace's clock, then the territory FR, the compensation terms,
# Right in "Consent for edits" for Edits allowed, and Tab past the notes and Cancel to Save). Each
# is checked in the database. Then, the drawer closed with Escape, the database must alert on one
# more usage right, this creator's among them, the page's alerts box must have grown by a line and
# the badge on the rail's Creators link must have changed (1 then 2 in the demo): the screenshot
# shows them.
creator_step() {
  local name='Smoke Creator' handle='smoke.creator' code=SMOKE10 base='https://maisonlumiere.example/noel'
  local terms='Two organic posts and one story, 300 EUR' today days end before count0 names0 new='' box0='' box='' h0=0
  local row='' id changed=0 codes link want rights alerts count names red=0 diff=0
  IFS='|' read -r today days <<<"$(creator_db today)"
  end=$(date -d "$today + 5 days" +%F)
  before=$(creator_db alerts)
  IFS='|' read -r count0 names0 <<<"$before"

  x windowfocus --sync "$window" 2>/dev/null || x windowfocus "$window"
  x key Escape # nothing left open from an earlier step
  x mousemove 44 344
  sleep 0.3
  x click 1
  x mousemove 700 500
  for _ in $(seq 20); do
    sleep 0.5
    x click --repeat 10 --delay 20 4
    snap "$work/creators.png"
    new=$(buttons "$work/creators.png" "$filled" 1160x300+120+60 | head -n 1)
    box0=$(alert_box "$work/creators.png")
    [ -n "$new" ] && { [ "$count0" -eq 0 ] || [ -n "$box0" ]; } && break
  done
  [ -n "$new" ] || fail "$creator" "no New creator button at the top of the page after clicking Creators in the rail"
  if [ "$count0" -gt 0 ] && [ -z "$box0" ]; then
    fail "$creator" "the Creators page shows no rights alerts box, though the database alerts on $count0 usage right(s) ($names0)"
  fi
  [ -z "$box0" ] || h0=$(echo "$box0" | awk '{ print $4 - $2 + 1 }')

  click_box "$new"
  for _ in $(seq 20); do
    sleep 0.5
    snap "$work/creator-drawer.png"
    changed=$(compare -metric AE "$work/creators.png" "$work/creator-drawer.png" null: 2>&1 | cut -d' ' -f1 || true)
    [ "${changed%.*}" -ge 200000 ] 2>/dev/null && break
  done
  [ "${changed%.*}" -ge 200000 ] 2>/dev/null || fail "$creator" "clicking New creator did not open the creator drawer"
  sleep 0.5 # the drawer focuses the name
  x type --delay 40 "$name"
  x key --delay 150 Tab Tab
  x type --delay 40 "$handle"
  x key Return
  row=$(db_wait '^[0-9]+\|' creator_db creator "$name")
  [ "${row#*|}" = "instagram:$handle" ] ||
    fail "$creator" "the creator \"$name\" with the Instagram handle $handle typed in the drawer is not in the database (${row:-no such creator})"
  id=${row%%|*}

  next_tab 'Codes & links'
  x key --delay 150 Tab Tab
  x type --delay 40 "$code"
  x key --delay 150 Tab Tab
  x type --delay 40 10
  x key Return
  codes=$(db_wait '.' creator_db codes "$id")
  [ "$codes" = "$code:10" ] ||
    fail "$creator" "the code $code (10 %) added in the drawer is not creator $id's in the database (codes: ${codes:-none})"

  sleep 0.5 # the list of codes shows the new one; the discount field keeps the focus
  x key --delay 150 Tab Tab Tab Tab
  x type --delay 30 "$base"
  x key Tab
  x type --delay 40 instagram
  x key Tab
  x type --delay 40 influencer
  x key Tab
  x type --delay 40 'Noël 2026'
  sleep 0.5
  x key Return
  link=$(db_wait '.' creator_db link "$id")
  want="$base|instagram|influencer|noel-2026|$base?utm_source=instagram&utm_medium=influencer&utm_campaign=noel-2026"
  [ "$link" = "$want" ] ||
    fail "$creator" "the UTM link saved in the drawer is not in the database as expected (want $want, got ${link:-none})"

  next_tab 'Usage rights'
  x key Tab
  sleep 0.2
  x key Return # Add a checklist
  sleep 0.8
  x key --delay 150 Tab Tab space
  x key --delay 100 Tab Tab Tab Tab Tab Tab
  type_date "$today"
  x key Tab
  type_date "$end"
  x key Tab
  type_date "$today"
  x key Tab
  x type --delay 60 'FR,'
  x key Tab
  x type --delay 30 "$terms"
  x key --delay 150 Tab Right
  sleep 0.3
  snap "$work/rights-form.png"
  x key --delay 150 Tab Tab Tab Return
  rights=$(db_wait '.' creator_db rights "$id")
  want="organic|$today|$end|FR|$terms|yes|$today"
  if [ "$rights" != "$want" ]; then
    cp "$work/rights-form.png" "$creator"
    fail "$creator" "the usage rights filled in the drawer are not in the database as typed (scopes|start|end|territories|terms|edit consent|signed: want $want, got ${rights:-none})"
  fi
  alerts=$(db_wait "^$((count0 + 1))\|" creator_db alerts)
  IFS='|' read -r count names <<<"$alerts"
  if [ "$count" -ne $((count0 + 1)) ] || [[ ", $names, " != *", $name, "* ]]; then
    fail "$creator" "rights ending $end (in 5 days, alerts $days days ahead) do not add \"$name\" to the usage rights the app alerts on (before: $before; after: $alerts)"
  fi

  # The page, the drawer closed: one more line in the alerts box, another number on the badge.
  x key Escape
  sleep 0.5
  # A click on the blank right of the page's title, so that New creator, which has the focus back,
  # shows no focus ring in the picture.
  x mousemove 1000 105
  x click 1
  x mousemove 1275 795
  for _ in $(seq 20); do
    sleep 0.5
    snap "$work/creator.png"
    box=$(alert_box "$work/creator.png")
    red=$(badge_pixels "$work/creator.png")
    diff=$(compare -metric AE -fuzz 10% -crop "$creators_badge" "$work/creators.png" "$work/creator.png" null: 2>&1 | cut -d' ' -f1 || true)
    [ -n "$box" ] && [ "$(echo "$box" | awk '{ print $4 - $2 + 1 }')" -ge $((h0 + 16)) ] &&
      [ "$red" -ge 60 ] && [ "${diff%.*}" -ge 15 ] 2>/dev/null && break
  done
  [ -n "$box" ] || fail "$creator" "no rights alerts box on the Creators page once the drawer was closed"
  [ "$(echo "$box" | awk '{ print $4 - $2 + 1 }')" -ge $((h0 + 16)) ] ||
    fail "$creator" "the Creators page's rights alerts box did not grow by a line for \"$name\" (${h0} px high before, now $box)"
  [ "$red" -ge 60 ] || fail "$creator" "no red badge on the rail's Creators link ($red red pixels at $creators_badge)"
  [ "${diff%.*}" -ge 15 ] 2>/dev/null ||
    fail "$creator" "the badge on the rail's Creators link did not change from $count0 to $count alerts ($diff pixels changed at $creators_badge)"
  # The picture once the toasts at the top right (a teal bar at their left edge) are gone.
  for _ in $(seq 20); do
    [ -z "$(blobs "$work/creator.png" "$filled" 460x300+820+0)" ] && break
    sleep 0.5
    snap "$work/creator.png"
  done
  cp "$work/creator.png" "$creator"
  echo "smoke: added the creator \"$name\" (@$handle) with the code $code, the link ${link##*|} and usage rights signed $today, ending $end: the app alerts on $count rights ($names), the page's alerts box grew from $h0 to $(echo "$box" | awk '{ print $4 - $2 + 1 }') px and the badge on the rail's Creators link changed ($diff pixels), screenshot $creator"
}

[ -z "$opened" ] || keyboard_step
[ -z "$composed" ] || compose_step
[ -z "$calendar" ] || calendar_step
[ -z "$caption" ] || caption_step
[ -z "$live" ] || live_step
[ -z "$creator" ] || creator_step
