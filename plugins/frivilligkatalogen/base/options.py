"""The site's own settings, shared by the MkDocs plugin and the ``katalog`` command.

A municipality writes them once, under the ``katalog`` plugin in ``mkdocs.yml``. Each option
is declared once, as a field of :class:`Settings` with its docstring; the MkDocs plugin derives
its config class from them, and the command line reads the same block (see
:func:`frivilligkatalogen.base.config_file.read_site_settings`), both checked by
:func:`check_options`, so both always agree.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import MISSING, Field, dataclass, field, fields
from datetime import UTC, date, datetime
from pathlib import Path

from frivilligkatalogen.base.coordinator import Coordinator, coordinator_mistakes
from frivilligkatalogen.base.errors import KatalogError
from frivilligkatalogen.base.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from frivilligkatalogen.base.web import is_web_address


@dataclass(frozen=True)
class Campaign:
    """A national campaign day or week on the annual wheel."""

    name: str
    date: str
    """The first day, ``MM-DD``."""
    until: str | None = None
    """The last day, ``MM-DD``, for a campaign of several days."""
    url: str | None = None


@dataclass(frozen=True)
class Licence:
    """The licence of the open data."""

    name: str
    url: str


@dataclass(frozen=True)
class Edition:
    """The same catalogue published in another language, built from the same data by its own
    configuration (for example ``mkdocs.en.yml``, which inherits ``mkdocs.yml``)."""

    language: str
    """``nb``, ``nn`` or ``en``."""
    url: str
    """The other edition's ``site_url``: a page's address there is this plus the page's path."""
    docs_dir: str | None = None
    """The other edition's hand-written pages, relative to ``mkdocs.yml``. A hand-written page
    that has no file of the same name there links to the other edition's front page; generated
    pages (associations, venues, calendars …) exist in every edition."""


OPTION = {"option": True}
"""Marks a field of :class:`Settings` as an option a municipality writes under ``katalog`` in
``mkdocs.yml``; the other fields come from MkDocs itself, the environment, or the build."""

WEB = {"web_address": True}
"""Marks an option whose value must be a web address (it becomes a link on every page)."""


@dataclass
class Settings:
    """Everything the core needs to know about the site, each option declared once, here.

    The fields marked :data:`OPTION` are the plugin's options: the MkDocs plugin derives its
    config class from them and the ``katalog`` command reads the same block, and both check it
    with :func:`settings_from_options`, so a mistake gets the same Norwegian message either way.
    """

    data_dir: str = field(default="data", metadata=OPTION)
    """Folder of the YAML data (organizations, venues, grants, holidays), relative to
    ``mkdocs.yml``."""

    municipality: str = field(default="Kommunen", metadata=OPTION)
    """The municipality's name as residents say it, e.g. ``Lindvik kommune``."""

    areas: list[str] = field(default_factory=list, metadata=OPTION)
    """The municipality's areas (bydeler, grender). When set, an association's ``area`` must be one
    of them."""

    stale_after_days: int = field(default=365, metadata=OPTION)
    """Entries whose ``verified`` date is older than this many days are marked as possibly out of
    date."""

    campaigns: list[Campaign] = field(default_factory=lambda: [DEFAULT_CAMPAIGN], metadata=OPTION)
    """National campaign days and weeks for the annual wheel, each ``{name, date: "MM-DD", until?:
    "MM-DD",
    url?}``. The default is Frivillighetsdagen, 5 December."""

    edit_branch: str = field(default="main", metadata=OPTION)
    """The branch the "Endre" links of generated pages open their YAML file on (with
    ``repo_url``)."""

    county: str = field(default="", metadata=OPTION)
    """The county (fylke) the municipality lies in, e.g. ``Vestland``; HSDS addresses need it."""

    licence: Licence = field(default_factory=lambda: DEFAULT_LICENCE, metadata=OPTION)
    """The licence of the open data (``/data/``), ``{name, url}``; shown on the "Åpne data" page and
    in
    every export. Norway's NLOD 2.0 unless the municipality chooses another."""

    accessibility_statement: str | None = field(default=None, metadata=OPTION | WEB)
    """The municipality's accessibility statement (tilgjengelighetserklæring, usually on
    uustatus.no),
    linked from the footer of every page, embeds included, as the law requires."""

    privacy_page: str = field(default="personvern/", metadata=OPTION)
    """The site's privacy page (personvernerklæring), relative to the site root or a full address;
    linked from every page's footer."""

    contact_email: str | None = field(default=None, metadata=OPTION)
    """Where residents and associations write about the site; shown in every page's footer."""

    coordinator: Coordinator | None = field(default=None, metadata=OPTION)
    """The municipality's volunteer coordinator, ``{name?, role?, email?, phone?,
    visiting_address?, opening_hours?}`` with at least an e-mail address or a phone number: shown
    on the contact page (``/kontakt/``), on the front page and in every page's footer."""

    form_service_url: str | None = field(default=None, metadata=OPTION | WEB)
    """The public address of the form service (``katalog serve-forms``). When set, "Endre
    oppføringen", "Alt stemmer", "Registrer laget ditt" and "Meld fra om feil" open its forms,
    which need no GitHub account; without it they open GitHub's issue forms (with ``repo_url``)."""

    editions: list[Edition] = field(default_factory=list, metadata=OPTION)
    """The catalogue in other languages, each ``{language, url, docs_dir?}``: every page links to
    the same page in each of them (a language link and ``hreflang`` alternates)."""

    search: bool = field(default=True, metadata=OPTION)
    """Index the built site with Pagefind and offer the search page (``/sok/``) and header search
    box.
    Turn off only to save a second on quick local builds."""

    repo_url: str = ""
    """The repository's web address (MkDocs ``repo_url``); with ``edit_branch`` it gives "Endre"
    links."""

    site_url: str = ""
    """The site's public address (MkDocs ``site_url``); needed for ``webcal://`` links and feed
    URLs."""

    only: list[str] = field(default_factory=lambda: only_from_environment())
    """Id patterns of the associations to build (``KATALOG_UTVALG``); empty builds all."""

    language: str = DEFAULT_LANGUAGE
    """The language of everything the catalogue writes (MkDocs ``theme.language``: nb, nn or
    en)."""

    root: Path = field(default=Path("."), repr=False)
    """The site root (the folder of ``mkdocs.yml``)."""

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
        """A new issue with one of the forms, its questions prefilled (GitHub's ``?template=``
        links)."""
        if not self.repo_url:
            return None
        from urllib.parse import urlencode

        return f"{self.repo_url.rstrip('/')}/issues/new?" + urlencode(
            {"template": f"{form}.yml", **answers}
        )

    def form_service(self, path: str, **query: str) -> str | None:
        """An address of the form service; None when the site has none."""
        if not self.form_service_url:
            return None
        from urllib.parse import urlencode

        tail = "?" + urlencode(query) if query else ""
        return self.form_service_url.rstrip("/") + "/" + path.lstrip("/") + tail

    def edit_url(self, relative_path: str) -> str | None:
        """Where a data file opens in the repository's web editor."""
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{relative_path}"


def option_fields() -> dict[str, Field]:
    """The options, by name, in the order they are declared."""
    return {item.name: item for item in fields(Settings) if item.metadata.get("option")}


class OptionsError(KatalogError):
    """Options in ``mkdocs.yml`` that break their rule; the message names each in Norwegian."""


MONTH_DAY = re.compile(r"^[0-9]{2}-[0-9]{2}$")


def is_month_day(text: str) -> bool:
    """True for a day of the year as ``MM-DD`` (29 February included: it comes in leap years)."""
    if not MONTH_DAY.match(text):
        return False
    try:
        date.fromisoformat(f"2000-{text}")
    except ValueError:
        return False
    return True


def check_options(options: dict) -> list[str]:
    """A Norwegian line for each option that is unknown or of the wrong type (empty when all is
    well)."""
    known = option_fields()
    mistakes = []
    for name, value in options.items():
        if name not in known:
            close = difflib.get_close_matches(str(name), known, n=1)
            mistakes.append(
                t(
                    "settings.unknown_option",
                    name=name,
                    hint=t("settings.did_you_mean", name=close[0]) if close else "",
                )
            )
        elif value is not None and not _fits(value, known[name].type):
            mistakes.append(
                t(
                    "settings.bad_option",
                    name=name,
                    expected=t(f"settings.type.{_type_key(known[name].type)}"),
                )
            )
        elif value is not None:
            mistakes += _value_mistakes(name, value, known[name])
    return mistakes


def _value_mistakes(name: str, value, declared: Field) -> list[str]:
    """What is wrong with an option of the right type: an address that is not a web address, a
    campaign day that is not ``MM-DD``."""
    addresses = [value] if declared.metadata.get("web_address") else []
    if name == "licence":
        addresses.append(value["url"])
    mistakes = [
        t("settings.not_web_address", name=name, value=text)
        for text in addresses
        if not is_web_address(text)
    ]
    if name == "coordinator":
        mistakes += coordinator_mistakes(value)
    for edition in value if name == "editions" else []:
        if edition["language"] not in LANGUAGES:
            mistakes.append(t("settings.bad_language", value=edition["language"]))
        if not is_web_address(edition["url"]):
            mistakes.append(t("settings.not_web_address", name=name, value=edition["url"]))
    for campaign in value if name == "campaigns" else []:
        days = [campaign["date"]] + ([campaign["until"]] if campaign.get("until") else [])
        if not all(is_month_day(day) for day in days):
            mistakes.append(
                t("settings.bad_campaign", value=f"{campaign['name']} ({', '.join(days)})")
            )
        if campaign.get("url") and not is_web_address(campaign["url"]):
            mistakes.append(t("settings.not_web_address", name=name, value=campaign["url"]))
    return mistakes


def _type_key(annotation: str) -> str:
    return {
        "str": "text",
        "str | None": "text",
        "int": "integer",
        "bool": "boolean",
        "list[str]": "texts",
        "list[Campaign]": "campaigns",
        "list[Edition]": "editions",
        "Licence": "licence",
        "Coordinator | None": "coordinator",
    }[annotation]


def _fits(value, annotation: str) -> bool:
    kind = _type_key(annotation)
    if kind == "text":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "texts":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind in ("licence", "coordinator"):
        return _record_fits(value, Licence if kind == "licence" else Coordinator)
    record = Edition if kind == "editions" else Campaign
    return isinstance(value, list) and all(_record_fits(item, record) for item in value)


def _record_fits(value, record: type) -> bool:
    """A mapping with the record's required fields and no others, every value text (a phone
    number may be written unquoted, as in the data)."""
    if not isinstance(value, dict):
        return False
    known = {item.name: item for item in fields(record)}
    required = {name for name, item in known.items() if item.default is MISSING}
    return required <= value.keys() <= known.keys() and all(
        isinstance(item, str) or (key == "phone" and type(item) is int)
        for key, item in value.items()
    )


def _typed(name: str, value):
    """An option's value as its field declares it (campaigns and the licence as records)."""
    if name == "campaigns":
        return [Campaign(**item) for item in value]
    if name == "licence":
        return Licence(**value)
    if name == "editions":
        return [Edition(**item) for item in value]
    if name == "coordinator":
        return Coordinator(**{key: str(item) for key, item in value.items()})
    return value


DEFAULT_LICENCE = Licence(
    "Norsk lisens for offentlige data (NLOD) 2.0", "https://data.norge.no/nlod/no/2.0"
)

DEFAULT_CAMPAIGN = Campaign("Frivillighetsdagen", "12-05")
"""The international volunteer day, 5 December."""


def only_from_environment() -> list[str]:
    """``KATALOG_UTVALG="lindvik-*,tertnes-skolekorps"``: preview a subset of a large catalogue."""
    return [
        part.strip() for part in os.environ.get("KATALOG_UTVALG", "").split(",") if part.strip()
    ]


def build_date() -> date:
    """Today, or the reproducible-builds date ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def settings_from_options(
    options: dict,
    root: Path,
    repo_url: str = "",
    site_url: str = "",
    language: str | None = DEFAULT_LANGUAGE,
) -> Settings:
    """Settings from the plugin's options block; OptionsError names every option that breaks its
    rule."""
    mistakes = check_options(options)
    if language not in LANGUAGES:
        mistakes.append(t("settings.bad_language", value=language))
    if mistakes:
        raise OptionsError(t("settings.options_wrong", mistakes=" ".join(mistakes)))
    chosen = {name: _typed(name, value) for name, value in options.items() if value is not None}
    return Settings(
        root=root, repo_url=repo_url or "", site_url=site_url or "", language=language, **chosen
    )
