#!/usr/bin/env bash
# Set up and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
# Browser tests drive Debian's Chromium (no browser download needed).
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installerer chromium for nettlesertestene ..."
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
