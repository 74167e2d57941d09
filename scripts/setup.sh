#!/usr/bin/env bash
# Create the project's virtual environment and install the locked versions into it.
# Usage: scripts/setup.sh [test|forms]   ("test" also installs the test tools, "forms" the form
# service's packages: katalog serve-forms and katalog remind)
# The versions and hashes are in requirements/site.txt and requirements/test.txt;
# refresh them with scripts/lock.sh, never by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=requirements/site.txt
[ "${1:-}" = "test" ] && lock=requirements/test.txt
[ "${1:-}" = "forms" ] && lock=requirements/forms.txt
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r "$lock"
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
