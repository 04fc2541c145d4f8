#!/usr/bin/env bash
# Installs what Tend's build and tests need and is not there yet: Debian packages, the Wails CLI,
# staticcheck and the frontend's npm packages. Each step is skipped when already satisfied, so a
# second run on a prepared machine takes seconds.
#
#   build/scripts/setup.sh [run|test]   (test adds the packages only the test suite needs)
set -euo pipefail

mode=${1:-test}
root=$(cd "$(dirname "$0")/../.." && pwd)
gobin=$(go env GOPATH)/bin
wails_version=v2.9.2
staticcheck_version=v0.8.2

run_packages=(libgtk-3-dev libwebkit2gtk-4.0-dev pkg-config build-essential)
test_packages=(xvfb xauth x11-utils imagemagick xdotool gnome-keyring dbus dbus-user-session libsecret-tools
  chromium nsis osslsigncode file jq openssl desktop-file-utils shellcheck python3-icalendar fonts-noto-color-emoji)

missing=()
want=("${run_packages[@]}")
[ "$mode" = test ] && want+=("${test_packages[@]}")
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  line="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root:  $line" >&2
    exit 2
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Wails CLI pins golang.org/x/tools v0.17.0, which does not compile on Go 1.26: build it in a
# throwaway wrapper module with a newer x/tools (-mod=mod records the sums that newer one needs).
if ! "$gobin/wails" version 2>/dev/null | grep -q "$wails_version"; then
  echo "setup: building the Wails CLI $wails_version"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && go mod init wailscli >/dev/null 2>&1 &&
    go get "github.com/wailsapp/wails/v2/cmd/wails@$wails_version" >/dev/null 2>&1 &&
    go get golang.org/x/tools@v0.30.0 >/dev/null 2>&1 &&
    go build -mod=mod -o "$gobin/wails" github.com/wailsapp/wails/v2/cmd/wails)
fi

if [ "$mode" = test ] && ! "$gobin/staticcheck" -version 2>/dev/null | grep -q "${staticcheck_version#v}"; then
  echo "setup: installing staticcheck $staticcheck_version"
  go install "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version"
fi

# npm ci wipes node_modules: only run it when the lock file changed since the last install.
stamp="$root/frontend/node_modules/.tend-lock"
if ! cmp -s "$root/frontend/package-lock.json" "$stamp" 2>/dev/null; then
  echo "setup: installing frontend packages (npm ci)"
  (cd "$root/frontend" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$root/frontend/package-lock.json" "$stamp"
fi
