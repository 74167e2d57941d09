#!/usr/bin/env bash
# Set up and start the form service for the example catalogue on http://127.0.0.1:8001/.
# Confirmed changes become branches skjema/<id>-<n> in this repository; e-mails are written to
# .katalog/utboks/ (set KATALOG_SMTP_URL to send them). Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh forms
exec .venv/bin/katalog serve-forms . "$@"
