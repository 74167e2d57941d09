#!/usr/bin/env bash
# Set up and build the example site into site/; with "serve", serve it on http://127.0.0.1:8000 instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
if [ "${1:-}" = "serve" ]; then
  exec .venv/bin/mkdocs serve
fi
.venv/bin/mkdocs build --strict
echo "Nettstedet er bygget i site/. Åpne site/index.html, eller kjør: scripts/site.sh serve"
