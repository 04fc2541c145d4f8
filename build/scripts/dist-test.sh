#!/usr/bin/env bash
# Packaging test (make dist-test, the end of make test): builds the release artefacts with a
# throwaway code-signing certificate and checks that
#   - a missing makensis, or a missing osslsigncode when signing is asked for, fails dist.sh
#     with a clear message;
#   - the Windows exe and installer are PE32+ x86-64 GUI files that carry the stamped version
#     and whose Authenticode signatures verify; no build-machine path is in any binary;
#   - the .deb has the stamped version, its files and library Depends, installs with apt-get,
#     `tend version` prints the version, the installed binary opens its window under Xvfb, and
#     `apt-get remove` leaves the user's data in place.
# The package is removed again even when a check fails. Needs root (apt-get).
#
#   build/scripts/dist-test.sh
set -euo pipefail
umask 022

root=$(cd "$(dirname "$0")/../.." && pwd)
start=$SECONDS
fail() { echo "dist-test: FAIL: $*" >&2; exit 1; }
ok() { echo "dist-test: ok: $* (+$((SECONDS - start)) s)"; }
need() { command -v "$1" >/dev/null 2>&1 || fail "'$1' is not installed ($2)"; }

[ "$(id -u)" -eq 0 ] || fail "installing the .deb needs root"
need file "apt-get install file"
need strings "apt-get install binutils"
need openssl "apt-get install openssl"
need osslsigncode "apt-get install osslsigncode"
need apt-get "a Debian system"
if dpkg-query -W -f='${Status}' tend 2>/dev/null | grep -q 'ok installed'; then
  fail "a tend package is already installed on this machine: remove it first (apt-get remove tend)"
fi

work=$(mktemp -d)
installed=
cleanup() {
  if [ -n "$installed" ] && dpkg-query -W -f='${Status}' tend 2>/dev/null | grep -q 'ok installed'; then
    echo "dist-test: removing the tend package"
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tend >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# path_without TOOL — $PATH in which TOOL cannot be found (each folder holding it is replaced by
# a copy made of links to everything else in it).
path_without() {
  local tool=$1 dir shadow path='' i=0
  local -a dirs
  IFS=: read -ra dirs <<<"$PATH"
  for dir in "${dirs[@]}"; do
    i=$((i + 1))
    if [ -e "$dir/$tool" ]; then
      shadow=$work/no-$tool/$i
      mkdir -p "$shadow"
      ln -s "$dir"/* "$shadow/"
      rm "$shadow/$tool"
      dir=$shadow
    fi
    path+=${path:+:}$dir
  done
  echo "$path"
}

# expect_failure NAME MESSAGE-PATTERN ENV... — dist.sh must exit non-zero and say why.
expect_failure() {
  local name=$1 pattern=$2
  shift 2
  if env "$@" TEND_DIST_DIR="$work/failed" "$root/build/scripts/dist.sh" >"$work/fail.log" 2>&1; then
    cat "$work/fail.log" >&2
    fail "dist.sh succeeded $name"
  fi
  grep -q -- "$pattern" "$work/fail.log" || { cat "$work/fail.log" >&2; fail "dist.sh failed $name without saying '$pattern'"; }
  ok "dist.sh refuses to build $name: $(grep 'error' "$work/fail.log" | head -1)"
}

# --- A throwaway code-signing certificate -------------------------------------------------------
openssl req -x509 -newkey rsa:3072 -nodes -days 2 -subj "/CN=Tend Test Code Signing" \
  -addext keyUsage=critical,digitalSignature -addext extendedKeyUsage=codeSigning \
  -keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1 || fail "openssl could not make a test certificate"

# --- Failure paths (they stop before building anything) ----------------------------------------
expect_failure "without makensis" "makensis" PATH="$(path_without makensis)"
expect_failure "when signing without osslsigncode" "osslsigncode" PATH="$(path_without osslsigncode)" \
  TEND_SIGN_CERT="$work/cert.pem" TEND_SIGN_KEY="$work/key.pem"
expect_failure "with a certificate but no key" "TEND_SIGN_KEY" TEND_SIGN_CERT="$work/cert.pem" TEND_SIGN_KEY=

# --- Build, signed -------------------------------------------------------------------------------
dist=$work/dist
version=$("$root/build/scripts/version.sh")
TEND_DIST_DIR=$dist TEND_SIGN_CERT=$work/cert.pem TEND_SIGN_KEY=$work/key.pem "$root/build/scripts/dist.sh"
ok "dist.sh built the artefacts of $version"
exe=$dist/tend-$version-windows-amd64.exe
setup=$dist/tend-$version-windows-amd64-setup.exe
debs=("$dist"/tend_*_amd64.deb)
deb=${debs[0]}
for f in "$exe" "$setup" "$deb" "$dist/SHA256SUMS"; do [ -s "$f" ] || fail "missing artefact $f"; done
(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match the artefacts"
ok "SHA256SUMS matches"

# --- Windows ------------------------------------------------------------------------------------
for f in "$exe" "$setup"; do
  kind=$(file -b "$f")
  [[ $kind == "PE32+ executable (GUI) x86-64"* ]] || fail "${f##*/} is not a 64-bit Windows GUI program: $kind"
  # The VERSIONINFO strings are UTF-16: ProductVersion and FileVersion hold the full version.
  [ "$(strings -el "$f" | grep -cxF "$version")" -ge 2 ] || fail "${f##*/} does not carry the version $version"
  osslsigncode verify -CAfile "$work/cert.pem" -in "$f" >"$work/verify.log" 2>&1 ||
    { cat "$work/verify.log" >&2; fail "the signature of ${f##*/} does not verify"; }
  grep -q "Signature verification: ok" "$work/verify.log" || { cat "$work/verify.log" >&2; fail "${f##*/}: no verified signature"; }
  ok "${f##*/}: ${kind%%,*}, version $version, signature verifies"
done
strings -el "$setup" | grep -qxF "Tend Installer" || fail "the installer has no product information"

# -trimpath: no folder of the build machine may appear in a shipped binary.
dpkg-deb -x "$deb" "$work/deb-root"
for f in "$exe" "$work/deb-root/usr/bin/tend"; do
  for p in "$root" "$(go env GOMODCACHE)" "$(go env GOROOT)" "$(go env GOPATH)" /tmp/; do
    if grep -qaF -- "$p" "$f"; then fail "${f##*/} contains the build-machine path $p (is -trimpath missing?)"; fi
  done
done
ok "no build-machine path in the binaries"

# --- Debian package: contents -------------------------------------------------------------------
deb_version=$(dpkg-deb -f "$deb" Version)
[[ $deb_version == "${version/-dev+/+dev.}" || $deb_version == "${version//-/\~}" ]] ||
  fail "the .deb version $deb_version does not come from $version"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libc6 libgtk-3-0 libwebkit2gtk-4.0-37; do
  [[ $depends == *"$lib"* ]] || fail "the .deb does not depend on $lib: $depends"
done
for path in usr/bin/tend usr/share/applications/tend.desktop; do
  [ -f "$work/deb-root/$path" ] || fail "the .deb has no $path"
done
for n in 16 32 48 64 128 256 512; do
  icon=$work/deb-root/usr/share/icons/hicolor/${n}x$n/apps/tend.png
  [ -f "$icon" ] || fail "the .deb has no ${n}x$n icon"
  [ "$(file -b "$icon" | grep -o "$n x $n")" = "$n x $n" ] || fail "the ${n}x$n icon is $(file -b "$icon")"
done
desktop=$work/deb-root/usr/share/applications/tend.desktop
for line in 'Exec=tend' 'Icon=tend' 'Categories=Network;Chat;Office;' 'StartupWMClass=Tend'; do
  grep -qxF "$line" "$desktop" || fail "tend.desktop lacks '$line'"
done
if command -v desktop-file-validate >/dev/null; then desktop-file-validate --no-hints "$desktop" || fail "tend.desktop is invalid"; fi
ok "tend_${deb_version}_amd64.deb: files, icons, desktop entry and Depends ($depends)"

# --- Debian package: install, run, remove -------------------------------------------------------
installed=yes
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt-get install $deb failed"; }
[ "$(dpkg-query -W -f='${Version}' tend)" = "$deb_version" ] || fail "dpkg does not list tend $deb_version"
out=$(/usr/bin/tend version)
[[ $out == "tend $version ("* ]] || fail "tend version printed '$out', want 'tend $version (...)'"
ok "apt-get installed the .deb; tend version: $out"

"$root/build/scripts/smoke-desktop.sh" /usr/bin/tend "$work/installed.png"
ok "the installed binary opened its window"

home=$work/home
HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config XDG_CACHE_HOME=$home/.cache \
  /usr/bin/tend workspace create Packaging >"$work/ws.log" 2>&1 || { cat "$work/ws.log" >&2; fail "tend workspace create failed"; }
data=$home/.local/share/tend
before=$(find "$data" -type f | sort | xargs sha256sum)
[ -n "$before" ] || fail "tend workspace create wrote nothing into $data"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tend >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt-get remove tend failed"; }
installed=
[ ! -e /usr/bin/tend ] || fail "/usr/bin/tend is still there after apt-get remove"
after=$(find "$data" -type f | sort | xargs sha256sum)
[ "$before" = "$after" ] || fail "apt-get remove changed the user's data in $data"
ok "apt-get remove left the user's data untouched ($(find "$data" -type f | wc -l) files in ~/.local/share/tend)"

echo "dist-test: all packaging checks passed in $((SECONDS - start)) s. Artefacts (signed with a test certificate):"
(cd "$dist" && stat -c '%s %n' -- * | awk '{ printf "  %-58s %6.1f MB\n", $2, $1 / 1048576 }')
