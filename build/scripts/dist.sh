#!/usr/bin/env bash
# Builds Tend's installable artefacts, cross-built from Linux, into build/dist/ ($TEND_DIST_DIR):
#   tend-<version>-windows-amd64.exe         the portable Windows exe
#   tend-<version>-windows-amd64-setup.exe   its NSIS installer (with the WebView2 bootstrapper)
#   tend_<deb version>_amd64.deb             the Debian/Ubuntu package
#   SHA256SUMS
# Every artefact carries the one version build/scripts/version.sh prints. Binaries are built with
# -trimpath in a throwaway copy of the working tree whose wails.json carries that version, so the
# tracked wails.json is never modified and concurrent builds in the repo are not disturbed.
#
# Signing (Authenticode): set TEND_SIGN_CERT and TEND_SIGN_KEY to PEM files (TEND_SIGN_PASS for
# an encrypted key). The exe is signed, the installer is built around the signed exe, then the
# installer is signed. No timestamp server is used (none is reachable from CI).
#
#   build/scripts/dist.sh        (make dist)
set -euo pipefail
umask 022

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${TEND_DIST_DIR:-$root/build/dist}
cert=${TEND_SIGN_CERT:-}
key=${TEND_SIGN_KEY:-}
wails=$(go env GOPATH)/bin/wails

die() { echo "dist: error: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed: $2"; }
step_start=$SECONDS
step() { echo "dist: $* (+$((SECONDS - step_start)) s)"; }

# --- Check everything first: a missing tool fails here, not after minutes of building ----------
need go "install Go"
[ -x "$wails" ] || die "the Wails CLI is missing at $wails (run build/scripts/setup.sh)"
need makensis "the Windows installer needs NSIS (apt-get install nsis)"
need dpkg-deb "the .deb needs dpkg"
need dpkg-shlibdeps "the .deb's Depends need dpkg-shlibdeps (apt-get install dpkg-dev)"
need jq "reading wails.json needs jq (apt-get install jq)"
need sha256sum "install coreutils"
if [ -n "$cert$key" ]; then
  if [ -z "$cert" ] || [ -z "$key" ]; then
    die "signing needs both TEND_SIGN_CERT and TEND_SIGN_KEY (only one is set)"
  fi
  [ -r "$cert" ] || die "TEND_SIGN_CERT=$cert is not a readable file"
  [ -r "$key" ] || die "TEND_SIGN_KEY=$key is not a readable file"
  need osslsigncode "signing was requested (TEND_SIGN_CERT/TEND_SIGN_KEY) but osslsigncode is missing (apt-get install osslsigncode)"
fi
[ -f "$root/frontend/dist/index.html" ] || die "frontend/dist is missing: build the frontend first (make frontend)"

# --- One version, in the forms each format needs ------------------------------------------------
version=$("$root/build/scripts/version.sh")
[[ $version =~ ^([0-9]+)\.([0-9]+)\.([0-9]+) ]] || die "version '$version' does not start with X.Y.Z"
file_version="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.${BASH_REMATCH[3]}.0" # Windows VERSIONINFO: numbers only
# Debian: X.Y.Z-dev+<commit> comes after the tag X.Y.Z, so it becomes X.Y.Z+dev.<commit> (newer than
# X.Y.Z, older than the next release); any other '-' (X.Y.Z-rc1) is a pre-release: X.Y.Z~rc1.
deb_version=${version/-dev+/+dev.}
deb_version=${deb_version//-/\~}
dpkg --validate-version "$deb_version" 2>/dev/null || die "'$deb_version' (from '$version') is not a valid Debian version"

product=$(jq -er '.info.productName' "$root/wails.json")
summary=$(jq -er '.info.comments' "$root/wails.json")
maintainer="$(jq -er '.author.name' "$root/wails.json") <$(jq -er '.author.email' "$root/wails.json")>"
echo "dist: $product $version (Windows file version $file_version, .deb $deb_version)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/src
mkdir -p "$src" "$out"
rm -f "$out"/tend-*-windows-amd64*.exe "$out"/tend_*_amd64.deb "$out/SHA256SUMS"

# --- A private copy of the working tree, stamped with the version ------------------------------
# Wails writes a .syso into the project root and its outputs into build/bin while it builds, and
# reads the version from wails.json: doing that in a copy leaves the repository as it was.
tar -C "$root" --exclude=./.git --exclude=./frontend --exclude=./build/bin --exclude=./build/dist --exclude='./*.syso' -cf - . |
  tar -C "$src" -xf -
mkdir -p "$src/frontend"
cp -R "$root/frontend/dist" "$src/frontend/dist"
jq --arg v "$version" '.info.productVersion = $v' "$root/wails.json" >"$src/wails.json"
ldflags="-X main.version=$version"

run_wails() { # run_wails LOG ARGS... — Wails is chatty: keep its output unless it fails
  local log=$1
  shift
  if ! (cd "$src" && "$wails" build -s -m -skipbindings -trimpath -ldflags "$ldflags" "$@") >"$log" 2>&1; then
    cat "$log" >&2
    die "wails build $* failed"
  fi
}

# --- Linux binary (desktop tags, WebKitGTK) ------------------------------------------------------
run_wails "$work/linux.log" -platform linux/amd64 -o tend
step "built the Linux binary"

# --- Windows exe and installer ------------------------------------------------------------------
# `-nsis` makes Wails render the installer's include file (wails_tools.nsh, with the product
# information) and copy the WebView2 bootstrapper it ships next to project.nsi. Its own makensis
# call would pack the unsigned exe with a non-numeric version, so a no-op makensis stands in for
# it; the real makensis runs below, after signing.
mkdir -p "$work/stub"
printf '#!/bin/sh\nexit 0\n' >"$work/stub/makensis"
chmod +x "$work/stub/makensis"
PATH="$work/stub:$PATH" run_wails "$work/windows.log" -platform windows/amd64 -nsis -o tend.exe
installer_dir=$src/build/windows/installer
for f in wails_tools.nsh tmp/MicrosoftEdgeWebview2Setup.exe; do
  [ -f "$installer_dir/$f" ] || die "wails did not prepare $f in $installer_dir"
done
step "built the Windows exe"

exe=$out/tend-$version-windows-amd64.exe
setup=$out/tend-$version-windows-amd64-setup.exe
sign() { # sign IN OUT
  local pass=()
  [ -n "${TEND_SIGN_PASS:-}" ] && pass=(-pass "$TEND_SIGN_PASS")
  osslsigncode sign -certs "$cert" -key "$key" "${pass[@]}" -h sha256 -n "$product" \
    -in "$1" -out "$2" >"$work/sign.log" 2>&1 || { cat "$work/sign.log" >&2; die "signing $1 failed"; }
}
if [ -n "$cert" ]; then
  sign "$src/build/bin/tend.exe" "$exe"
  step "signed the exe"
else
  cp "$src/build/bin/tend.exe" "$exe"
fi

if ! (cd "$installer_dir" && makensis -V2 -DARG_WAILS_AMD64_BINARY="$exe" -DINFO_PRODUCTVERSION="$version" \
  -DARG_FILE_VERSION="$file_version" -DARG_OUTFILE="$work/setup.exe" project.nsi) >"$work/nsis.log" 2>&1; then
  cat "$work/nsis.log" >&2
  die "makensis failed"
fi
if [ -n "$cert" ]; then
  sign "$work/setup.exe" "$setup"
  step "built and signed the installer"
else
  cp "$work/setup.exe" "$setup"
  step "built the installer"
fi

# --- Debian package -----------------------------------------------------------------------------
pkg=$work/deb
install -Dm755 "$src/build/bin/tend" "$pkg/usr/bin/tend"
install -Dm644 "$root/build/linux/tend.desktop" "$pkg/usr/share/applications/tend.desktop"
for icon in "$root"/build/linux/icons/hicolor/*/apps/tend.png; do
  size=$(basename "$(dirname "$(dirname "$icon")")")
  install -Dm644 "$icon" "$pkg/usr/share/icons/hicolor/$size/apps/tend.png"
done
install -Dm644 /dev/stdin "$pkg/usr/share/doc/tend/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: $product
Upstream-Contact: $maintainer

Files: *
Copyright: $(jq -er '.info.copyright' "$root/wails.json")
EOF

# dpkg-shlibdeps reads a debian/control stub and prints the libraries' packages.
mkdir -p "$work/shlibs/debian"
printf 'Source: tend\n\nPackage: tend\nArchitecture: amd64\n' >"$work/shlibs/debian/control"
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O -e"$pkg/usr/bin/tend" 2>"$work/shlibs.log" |
  sed -n 's/^shlibs:Depends=//p') || { cat "$work/shlibs.log" >&2; die "dpkg-shlibdeps failed"; }
[ -n "$depends" ] || { cat "$work/shlibs.log" >&2; die "dpkg-shlibdeps found no dependencies"; }

mkdir -p "$pkg/DEBIAN"
cat >"$pkg/DEBIAN/control" <<EOF
Package: tend
Version: $deb_version
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $(du -sk "$pkg/usr" | cut -f1)
Depends: $depends
Recommends: gnome-keyring
Section: net
Priority: optional
Description: $summary
 $product is a desktop app for solo marketers and creators: one inbox for the
 direct messages, comments and live chats of every account, with replies that
 stay personal. Workspaces are kept in the user's data folder
 (~/.local/share/tend); removing the package leaves them in place.
EOF
deb=$out/tend_${deb_version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
step "built the .deb (Depends: $depends)"

# --- Checksums and summary ----------------------------------------------------------------------
(cd "$out" && sha256sum -- "$(basename "$exe")" "$(basename "$setup")" "$(basename "$deb")" >SHA256SUMS)
signed="unsigned"
[ -n "$cert" ] && signed="signed"
echo "dist: artefacts in $out ($signed):"
(cd "$out" && stat -c '%s %n' -- "$(basename "$exe")" "$(basename "$setup")" "$(basename "$deb")" SHA256SUMS |
  awk '{ printf "  %-58s %6.1f MB\n", $2, $1 / 1048576 }')
