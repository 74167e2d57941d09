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
# The Nu Html Checker (tests/whole_site/test_html_is_valid.py): vnu.jar, run with Java; and
# pa11y (tests/whole_site/test_pa11y_finds_no_error_of_ours.py), run with Debian's Chromium, so
# Puppeteer downloads no browser of its own. Both locked in tests/tools/package-lock.json.
if ! command -v java >/dev/null 2>&1; then
  echo "Installerer Java for HTML-sjekken ..."
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tests/tools --no-audit --no-fund --silent
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
