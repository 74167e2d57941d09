#!/usr/bin/env bash
# Create the project's virtual environment and install the project into it.
# Usage: scripts/setup.sh [extra]   (extra: "test" also installs the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "test" ]; then
  .venv/bin/python -m pip install --quiet -e ".[test]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
