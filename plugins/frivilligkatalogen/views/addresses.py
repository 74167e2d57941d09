"""The published addresses of the site (the contract's "Published addresses" table).

Every page and file address is made here, relative to the site root, so pages,
feeds, exports and links agree.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

ORGANIZATIONS = "organisasjoner/"
VENUES = "lokaler/"
CATEGORIES = "kategorier/"
ACTIVITIES = "aktiviteter/"
CALENDAR = "kalender/"
GRANTS = "tilskudd/"
SEARCH = "sok/"
VOLUNTEER = "bli-frivillig/"
CONTACT = "kontakt/"
"""The municipality's volunteer coordinator (the ``coordinator`` option)."""


def _inside(folder: str, ending: str):
    """The address of one record in a folder of like records: ``folder + id + ending``."""

    def address(record_id: str | int) -> str:
        return f"{folder}{record_id}{ending}"

    address.__doc__ = f"``{folder}<id>{ending}``"
    return address


organization_url = _inside(ORGANIZATIONS, "/")
venue_url = _inside(VENUES, "/")
category_url = _inside(CATEGORIES, "/")

EMBED = "embed/"


def embed_url(page_url: str) -> str:
    """The light page another site can frame: ``organisasjoner/x/`` →
    ``embed/organisasjoner/x.html``.

    A file, not a folder with ``index.html``: a city has thousands, and a folder
    each costs more to create than the page inside it.
    """
    return EMBED + page_url.rstrip("/") + ".html"


FEED_ALL = CALENDAR + "alle.ics"
"""Every activity's coming events."""

FEED_DEADLINES = CALENDAR + "frister.ics"
"""The grants' application deadlines."""

FEED_WHEEL = CALENDAR + "arshjul.ics"
"""The annual wheel: campaigns, meeting places, deadlines and holidays."""

feed_path_organization = _inside(CALENDAR + "organisasjoner/", ".ics")
feed_path_venue = _inside(CALENDAR + "lokaler/", ".ics")
feed_path_category = _inside(CALENDAR + "kategorier/", ".ics")


def feed_path_single(org_id: str, activity_id: str) -> str:
    """A one-event file with an activity's next date. One folder for all of them (ids have no
    ``--``, so the name is unambiguous): a folder per association would cost more than its files."""
    return f"{CALENDAR}neste/{org_id}--{activity_id}.ics"


OPEN_DATA = {
    "organizations": "data/organisasjoner",
    "venues": "data/lokaler",
    "activities": "data/aktiviteter",
    "volunteering": "data/frivillige-oppgaver",
}
"""The open data, each published as ``.json`` and ``.csv``."""

HSDS = "data/hsds"
"""The Open Referral HSDS 3.0 export."""

NEWS_FEED = "rss.xml"
"""RSS: new and changed associations."""

ACTIVITY_FEED = "aktiviteter.xml"
"""RSS: the coming days' activities."""

SCHEMAS = {"organization": "schema/organization.json", "venue": "schema/venue.json"}
"""The published JSON Schemas of the data files."""

FILTER_INDEX = "organisasjoner/filter.json"
"""What the directory's filter script reads."""

VENUE_FILTER_INDEX = "lokaler/filter.json"
"""What the venue list's filter script reads."""

VOLUNTEER_FILTER_INDEX = "bli-frivillig/filter.json"
"""What the filter script of "Bli frivillig" reads."""

TASKS_FEED = "bli-frivillig.xml"
"""RSS: volunteering tasks, newest first."""

SCRIPTS = "assets/katalog/"
"""The scripts and styles the generated pages use."""

STYLESHEET = SCRIPTS + "katalog.css"
"""The catalogue's own look on top of Material's, on every page of every edition."""

PLAIN_STYLESHEET = SCRIPTS + "plain.css"
"""The look of the pages drawn without Material's stylesheet (``adapters/theme/plain.html``): what
they need of Material's, with its colours, light and dark."""


def edition_links(editions, root, page_url: str, src_uri: str | None) -> list[tuple[str, str]]:
    """(language, address) of a page in each other edition of the catalogue: the same path there,
    or that edition's front page when a hand-written page (``src_uri`` in ``docs_dir``) has no
    file of the same name in the other edition's folder. Generated pages (``src_uri`` None) are
    in every edition: the data is the same."""
    links = []
    for edition in editions:
        base = edition.url.rstrip("/") + "/"
        there = src_uri is None or (
            edition.docs_dir is not None and (root / edition.docs_dir / src_uri).is_file()
        )
        links.append((edition.language, base + page_url if there else base))
    return links


def link_from_page(site_url: str, page_url: str, address: str) -> str:
    """``address`` as a link on the page at ``page_url``: relative when it is on the same host as
    the site (an edition under ``/en/`` then works in any preview and under any base path), else
    as it is."""
    if not _on_the_site(site_url, address):
        return address
    here = urlsplit(site_url.rstrip("/") + "/" + page_url)
    return relative_link(here.path.lstrip("/"), urlsplit(address).path.lstrip("/"))


def address_path(site_url: str, address: str) -> str:
    """``address`` from the host's root (``/frivilligkatalogen/en/``) when it is on the site's
    host, for a page such as 404.html that answers at any address; else as it is."""
    return urlsplit(address).path or "/" if _on_the_site(site_url, address) else address


def _on_the_site(site_url: str, address: str) -> bool:
    """Whether ``address`` is on the same scheme and host as the site."""
    here, there = urlsplit(site_url), urlsplit(address)
    return bool(site_url) and (here.scheme, here.netloc) == (there.scheme, there.netloc)


def list_page(section: str, number: int) -> str:
    """Page ``number`` of a long list (the first is the list itself): ``organisasjoner/side/2/``."""
    return section if number <= 1 else f"{section}side/{number}/"


def list_cards(section: str) -> str:
    """Every card of a list as HTML, for the filter script: ``organisasjoner/kort.json``."""
    return f"{section}kort.json"


def volunteering_anchor(org_id: str) -> str:
    """The volunteering tasks on an association's page."""
    return f"{ORGANIZATIONS}{org_id}/#frivillig"


def grant_anchor(grant_id: str) -> str:
    """A grant's place on the grants page."""
    return f"{GRANTS}#{grant_id}"


def activity_anchor(org_id: str, activity_id: str) -> str:
    """An activity's place on its association's page."""
    return f"{organization_url(org_id)}#aktivitet-{activity_id}"


def meeting_place_anchor(day: date) -> str:
    """A meeting place's place on the guidance page about them."""
    return f"veiledning/moteplasser/#moteplass-{day.isoformat()}"


# The form service (``katalog serve-forms``), at the site's ``form_service_url`` ---------------

form_edit_url = _inside("endre/", "")
"""Change an association's entry."""

form_edit_venue_url = _inside("endre-lokale/", "")
"""Change a venue's entry."""

form_still_right_url = _inside("alt-stemmer/", "")
"""Confirm that an association's entry is still right."""

FORM_REGISTER = "registrer"
"""Register a new association."""

FORM_REPORT = "meld-fra"
"""Report a mistake to the coordinator (``?side=`` names the page)."""

form_confirm_url = _inside("bekreft/", "")
"""The link of a confirmation e-mail."""


def relative_link(from_url: str, to_url: str) -> str:
    """A link from one page address to another that works under any base path.

    ``from_url`` is a folder address (``a/b/``) or a file (``a/b.html``, whose links
    start from ``a/``). The shortest relative path, as ``posixpath.relpath`` gives it,
    computed on the address segments directly (a city's pages make hundreds of
    thousands of links).
    """
    if to_url.startswith(("http://", "https://", "mailto:", "tel:", "#")):
        return to_url
    target = [part for part in to_url.split("/") if part and part != "."]
    base = [part for part in from_url.split("/")[:-1] if part and part != "."]
    common = 0
    for mine, theirs in zip(target, base):
        if mine != theirs:
            break
        common += 1
    link = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    return link + "/" if to_url.endswith("/") else link
