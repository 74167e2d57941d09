"""The site's own settings, shared by the MkDocs plugin and the ``katalog`` command.

A municipality writes them once, under the ``katalog`` plugin in ``mkdocs.yml``;
the command line reads the same block (see :func:`read_site_settings`) so both
always agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timezone
from pathlib import Path

import yaml


@dataclass
class Settings:
    """Everything the core needs to know about the site."""

    data_dir: str = "data"
    """Folder of the YAML data, relative to the site root."""

    areas: list[str] = field(default_factory=list)
    """The municipality's areas (bydeler, grender); empty means any text is accepted."""

    stale_after_days: int = 365
    """An entry not confirmed for this many days is marked as stale."""

    municipality: str = "Kommunen"
    """The municipality's name, as residents say it ("Lindvik kommune")."""

    repo_url: str = ""
    """The repository's web address; with ``edit_branch`` it gives "Endre" links to data files."""

    edit_branch: str = "main"
    """The branch whose files the edit links open."""

    site_url: str = ""
    """The site's public address (MkDocs ``site_url``); needed for ``webcal://`` links and feed URLs."""

    campaigns: list[dict] = field(default_factory=lambda: [dict(DEFAULT_CAMPAIGN)])
    """National campaign days and weeks for the annual wheel: ``{name, date: "MM-DD", until?: "MM-DD"}``."""

    county: str = ""
    """The county (fylke) the municipality lies in; the ``state_province`` of addresses in the HSDS export."""

    licence: dict = field(default_factory=lambda: dict(DEFAULT_LICENCE))
    """The licence of the open data, ``{name, url}``; Norway's NLOD 2.0 unless the municipality chooses another."""

    accessibility_statement: str | None = None
    """The municipality's accessibility statement; every page links it, embeds included."""

    privacy_page: str = "personvern/"
    """The privacy page, relative to the site root (or a full address)."""

    only: list[str] = field(default_factory=lambda: only_from_environment())
    """Id patterns of the associations to build (``KATALOG_UTVALG``); empty builds all."""

    root: Path = field(default=Path("."), repr=False)
    """The site root (the folder of ``mkdocs.yml``); not a user option."""

    today: date = field(default_factory=lambda: build_date(), repr=False)
    """The day the build is for; from ``SOURCE_DATE_EPOCH`` when set, else today."""

    @property
    def data_path(self) -> Path:
        return self.root / self.data_dir

    def absolute_url(self, url: str) -> str | None:
        """A site address made absolute with ``site_url``; None when no site_url is set."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + url.lstrip("/")

    @property
    def uid_domain(self) -> str:
        """The right-hand side of calendar UIDs: the site's host, stable for the site's life."""
        from urllib.parse import urlsplit

        return urlsplit(self.site_url).hostname or "frivilligkatalogen.invalid"

    def issue_form_url(self, form: str, **answers: str) -> str | None:
        """A new issue with one of the forms, its questions prefilled (GitHub's ``?template=`` links)."""
        if not self.repo_url:
            return None
        from urllib.parse import urlencode

        return f"{self.repo_url.rstrip('/')}/issues/new?" + urlencode({"template": f"{form}.yml", **answers})

    def edit_url(self, relative_path: str) -> str | None:
        """Where a data file opens in the repository's web editor."""
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{relative_path}"


OPTION_NAMES = ("data_dir", "areas", "stale_after_days", "municipality", "edit_branch", "campaigns", "county", "licence", "accessibility_statement", "privacy_page")

DEFAULT_LICENCE = {"name": "Norsk lisens for offentlige data (NLOD) 2.0", "url": "https://data.norge.no/nlod/no/2.0"}

DEFAULT_CAMPAIGN = {"name": "Frivillighetsdagen", "date": "12-05"}
"""The international volunteer day, 5 December."""


def only_from_environment() -> list[str]:
    """``KATALOG_UTVALG="lindvik-*,tertnes-skolekorps"``: preview a subset of a large catalogue."""
    return [part.strip() for part in os.environ.get("KATALOG_UTVALG", "").split(",") if part.strip()]


def build_date() -> date:
    """Today, or the reproducible-builds date ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def settings_from_options(options: dict, root: Path, repo_url: str = "", site_url: str = "") -> Settings:
    """Settings from the plugin's options block (unknown names are ignored here; MkDocs checks them)."""
    chosen = {name: options[name] for name in OPTION_NAMES if name in options and options[name] is not None}
    return Settings(root=root, repo_url=repo_url or "", site_url=site_url or "", **chosen)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running it: unknown tags (``!!python/name``) become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_site_settings(root: Path) -> Settings:
    """The settings of the site at ``root`` from its ``mkdocs.yml`` (defaults where missing)."""
    config_path = root / "mkdocs.yml"
    if not config_path.exists():
        return Settings(root=root)
    with open(config_path, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_ConfigLoader) or {}
    options: dict = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "katalog" in plugin:
            options = plugin["katalog"] or {}
    return settings_from_options(options, root, config.get("repo_url") or "", config.get("site_url") or "")
