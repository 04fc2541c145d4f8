#!/usr/bin/env bash
# Prints Tend's version, the one source every artefact is stamped from: the tag vX.Y.Z on HEAD
# gives X.Y.Z; otherwise the latest such tag (or 0.0.0) plus -dev+<commit>.
set -euo pipefail
cd "$(dirname "$0")/../.."
if tag=$(git describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null); then
  echo "${tag#v}"
  exit 0
fi
last=$(git describe --tags --abbrev=0 --match 'v[0-9]*' 2>/dev/null || echo v0.0.0)
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
echo "${last#v}-dev+${commit}"
