"""Shared helpers: small sites in temporary folders, built the way users build them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
AREAS = ["Sentrum", "Nordbygda", "Sørbygda", "Vestsida", "Øyane"]

SITE_CONFIG = """\
site_name: Testkommunens frivillighet
repo_url: https://github.com/test/katalog
edit_uri: edit/main/content/
docs_dir: content
theme:
  name: material
  language: nb
  font: false
plugins:
  - katalog:
      municipality: Testkommune
      areas: [Sentrum, Nordbygda, Sørbygda, Vestsida, Øyane]
nav:
  - Forside: index.md
  - Organisasjoner:
      - organisasjoner/index.md
  - Lokaler:
      - lokaler/index.md
"""

VALID_VENUE = """\
name: Hallen
type: sports_hall
address: {street: Hallveien 1, postal_code: "5700", city: Lindvik}
verified: 2026-09-01
"""


def write_site(root: Path, files: dict[str, str], config: str = SITE_CONFIG) -> Path:
    """A site folder: mkdocs.yml, a front page, and the given data files."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / "index.md").write_text("# Forside\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for folder in ("organizations", "venues", "grants"):
        (root / "data" / folder).mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def mkdocs_build(root: Path, out: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """``mkdocs build`` as a user runs it, in its own process (``config``: the file in
    ``root``, e.g. ``mkdocs.en.yml`` for the English edition)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795305600")  # 2026-11-22
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / config), "-d", str(out)],
        capture_output=True, text=True, env=env, cwd=root,
    )


def katalog(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The ``katalog`` command as a user runs it."""
    full_env = dict(os.environ, SOURCE_DATE_EPOCH="1795305600")
    full_env.pop("GITHUB_ACTIONS", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "frivilligkatalogen.adapters.cli", *args], capture_output=True, text=True, cwd=cwd, env=full_env)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The bundled example municipality, built once for the whole test run, with its
    English edition in ``en/`` as it is published."""
    out = tmp_path_factory.mktemp("example-site")
    result = mkdocs_build(REPO, out)
    assert result.returncode == 0, result.stderr
    english = mkdocs_build(REPO, out / "en", "mkdocs.en.yml")
    assert english.returncode == 0, english.stderr
    return out


pytest_plugins = ["browser", "form_service"]
