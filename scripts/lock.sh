#!/usr/bin/env bash
# Refresh the lock files in requirements/ from pyproject.toml, with exact versions and hashes.
# Usage: scripts/lock.sh            (newest versions that pyproject.toml allows)
#        scripts/lock.sh -P NAME    (upgrade one package only; any pip-compile option is passed on)
# Then run scripts/test.sh and commit pyproject.toml and requirements/ together.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv-lock
.venv-lock/bin/python -m pip install --quiet "pip-tools>=7.4,<8"
compile=(.venv-lock/bin/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe
         --all-build-deps --no-emit-index-url --no-emit-find-links)
upgrade=(--upgrade); [ $# -gt 0 ] && upgrade=()
# The test lock is resolved first; the site lock is held to the same versions (-c), so the
# tests always run the versions a municipality publishes with.
"${compile[@]}" "${upgrade[@]}" --extra test --output-file requirements/test.txt "$@" pyproject.toml
# (Always --upgrade: the constraint pins every version; -P NAME would add NAME to the site lock.)
"${compile[@]}" --upgrade --constraint requirements/test.txt --output-file requirements/site.txt pyproject.toml
# The form service's lock: the site's packages and the service's, at the test lock's versions.
"${compile[@]}" --upgrade --extra forms --constraint requirements/test.txt --output-file requirements/forms.txt pyproject.toml
echo "Låsefilene i requirements/ er oppdatert. Kjør scripts/test.sh før du committer."
