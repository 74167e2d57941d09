#!/usr/bin/env bash
# Set up and build the example site into site/, its English edition into site/en/ (mkdocs.en.yml);
# with "serve", serve the Norwegian site on http://127.0.0.1:8000 instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
if [ "${1:-}" = "serve" ]; then
  exec .venv/bin/mkdocs serve
fi
.venv/bin/mkdocs build --strict
.venv/bin/mkdocs build --strict -f mkdocs.en.yml   # after the first: that one empties site/
echo "Nettstedet er bygget i site/ (den engelske utgaven i site/en/). Åpne site/index.html, eller kjør: scripts/site.sh serve"
