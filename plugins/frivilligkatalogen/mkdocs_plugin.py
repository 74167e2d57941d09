"""The MkDocs adapter: wires the core into MkDocs + Material, and nothing more.

The core reads ``data/``, checks it and renders page bodies; this plugin turns
those views into MkDocs files and pages:

* ``on_config``: reads the plugin options into the core's :class:`Settings`.
* ``on_files``: loads the catalogue (failing the build with every problem when
  the data is wrong: nothing is published half-valid) and adds one generated
  file per page view. Entity pages are kept out of the navigation, since every
  page in the nav renders the whole nav.
* ``on_nav``: gives each generated page the parent of its directory page, so
  breadcrumbs and the active section work.
* ``on_page_markdown`` / ``on_page_content``: skip the Markdown round trip and
  hand Material the ready HTML body, with an escaped title and description.
* Association and venue pages, thousands in a city, are not MkDocs pages: one
  prototype per section goes through the theme, and ``on_post_build`` fills it
  in for every entity (:mod:`stamping`), then adds them to the sitemap.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import BuildError, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import clean_directory

from .annual_wheel import CampaignError, campaign_dates
from .catalog import Catalog, load_catalog
from .content_policy import add_policy, policy
from .site_search import WASM_POLICY, SearchIndex, indexed, mark_for_search
from .i18n import set_language, t
from .generate import write_files
from .outputs import iter_site_files
from .parallel_files import FileWriter, Shared, Worker
from .pages import PageRenderer, PageView, build_pages
from .problems import printable
from .rss import ACTIVITIES_PATH, NEWS_PATH
from .settings import Settings, settings_from_options
from .stamping import BODY, DESCRIPTION, EDIT, TITLE, Shell, prototype_id, sitemap_with, split_sitemap, write_filled

log = logging.getLogger("mkdocs.plugins.katalog")

POLICY_FILE = "content-security-policy.txt"
"""The Content-Security-Policy as one line, for a host's header configuration."""

FRAGMENT = re.compile(r"<!--\s*katalog:([a-z-]+)\s*-->")
"""A marker in a hand-written page that the plugin replaces with live data."""


def _answered(event):
    """An unexpected failure in the catalogue's part of a build ends it with one Norwegian line and
    exit code 1, like any other build error, instead of a traceback (``mkdocs build -v`` shows it)."""

    @functools.wraps(event)
    def answered(self, *args, **kwargs):
        try:
            return event(self, *args, **kwargs)
        except (PluginError, BuildError):
            raise
        except Exception as error:
            log.debug("", exc_info=True)
            raise PluginError(t("log.unexpected", kind=type(error).__name__, detail=printable(str(error)))) from error

    return answered


class KatalogConfig(Config):
    """The options of the ``katalog`` plugin in ``mkdocs.yml``."""

    data_dir = c.Type(str, default="data")
    """Folder of the YAML data (organizations, venues, grants, holidays), relative to ``mkdocs.yml``."""

    municipality = c.Type(str, default="Kommunen")
    """The municipality's name as residents say it, e.g. ``Lindvik kommune``."""

    areas = c.ListOfItems(c.Type(str), default=[])
    """The municipality's areas (bydeler, grender). When set, an association's ``area`` must be one of them."""

    stale_after_days = c.Type(int, default=365)
    """Entries whose ``verified`` date is older than this many days are marked as possibly out of date."""

    campaigns = c.ListOfItems(c.Type(dict), default=[{"name": "Frivillighetsdagen", "date": "12-05"}])
    """National campaign days and weeks for the annual wheel, each ``{name, date: "MM-DD", until?: "MM-DD", url?}``.
    The default is Frivillighetsdagen, 5 December."""

    edit_branch = c.Type(str, default="main")
    """The branch the "Endre" links of generated pages open their YAML file on (with ``repo_url``)."""

    county = c.Type(str, default="")
    """The county (fylke) the municipality lies in, e.g. ``Vestland``; HSDS addresses need it."""

    licence = c.Type(dict, default={"name": "Norsk lisens for offentlige data (NLOD) 2.0", "url": "https://data.norge.no/nlod/no/2.0"})
    """The licence of the open data (``/data/``), ``{name, url}``; shown on the "Åpne data" page and in every export."""

    accessibility_statement = c.Optional(c.URL())
    """The municipality's accessibility statement (tilgjengelighetserklæring, usually on uustatus.no),
    linked from the footer of every page as the law requires."""

    privacy_page = c.Type(str, default="personvern/")
    """The site's privacy page (personvernerklæring), linked from every page's footer."""

    contact_email = c.Optional(c.Type(str))
    """Where residents and associations write about the site; shown in every page's footer."""

    search = c.Type(bool, default=True)
    """Index the built site with Pagefind and offer the search page (``/sok/``) and header search box.
    Turn off only to save a second on quick local builds."""


class KatalogPlugin(BasePlugin[KatalogConfig]):
    """Generates the catalogue's pages from ``data/`` inside a MkDocs build."""

    def __init__(self):
        self.settings: Settings | None = None
        self.catalog: Catalog | None = None
        self.views: dict[str, PageView] = {}
        self.renderer: PageRenderer | None = None
        self.search: SearchIndex | None = None
        self.helper: Worker | None = None
        self.prototype_ids: dict[str, str] = {}
        self.serving = False
        self.site_dir: str | None = None

    def on_startup(self, *, command, dirty):
        # The preview server runs threads; the build then does its work in one process.
        self.serving = command == "serve"

    @_answered
    def on_config(self, config):
        set_language(config.theme.get("language") or "nb")
        self.site_dir = config.site_dir
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.settings = settings_from_options(dict(self.config), root, config.repo_url or "", config.site_url or "")
        for campaign in self.settings.campaigns:
            try:
                campaign_dates(campaign, self.settings.today.year)
            except CampaignError as error:
                raise PluginError(str(error)) from error
        config.extra["katalog"] = {
            "accessibility_statement": self.config.accessibility_statement,
            "privacy_page": self.config.privacy_page,
            "contact_email": self.config.contact_email,
            "feeds": [
                {"title": t("rss.link_news"), "path": NEWS_PATH},
                {"title": t("rss.link_activities"), "path": ACTIVITIES_PATH},
            ] if config.site_url else [],
            "footer_label": t("footer.label"),
            "accessibility_label": t("footer.accessibility_statement"),
            "privacy_label": t("footer.privacy"),
            "contact_label": t("footer.contact"),
            "credit": t("footer.credit"),
            "search": self.config.search,
            "search_label": t("search.form_label"),
            "search_placeholder": t("search.placeholder"),
            "search_button": t("search.button"),
        }
        self.script_sources = (WASM_POLICY,) if self.config.search else ()
        self.script_hashes: set[str] = set()
        return config

    # Generated files go in before other plugins look at the file list.
    @event_priority(50)
    @_answered
    def on_files(self, files: Files, *, config) -> Files:
        started = time.perf_counter()
        # The preview server keeps parsed files for its next rebuild; a build reads them once.
        self.catalog = load_catalog(self.settings, parallel=not self.serving, cache=self.serving)
        if self.settings.only:
            log.info(t("log.subset", count=len(self.catalog.organizations), patterns=", ".join(self.settings.only)))
        log.info(t("log.loaded", count=len(self.catalog.organizations) + len(self.catalog.venues) + len(self.catalog.grants), seconds=f"{time.perf_counter() - started:.1f}"))
        if not self.catalog.ok:
            for problem in self.catalog.problems:
                log.error(str(problem))
            raise PluginError(t("cli.problems_found", count=len(self.catalog.problems)) + " " + t("cli.build_failed"))
        self.views = {}
        self.stamped = {}
        self.shells = {}
        for view in build_pages(self.catalog):
            if view.stamped:
                self.stamped.setdefault(view.section, []).append(view)
                continue
            self._add_view(files, config, view)
        self.prototype_ids = {}
        for section, views in self.stamped.items():
            self.prototype_ids[section] = prototype_id({view.url.rstrip("/").rsplit("/", 1)[1] for view in views})
            self._add_view(files, config, self._prototype(section, self.prototype_ids[section]))
        self.renderer = PageRenderer(self.catalog)
        # Feeds and exports depend only on the catalogue: written on the other core meanwhile.
        self.files_started = time.perf_counter()
        self.writer = FileWriter(self.catalog, Path(config.site_dir), part="calendars", fork=not self.serving)
        self.writer.start()
        # The search index is built by Pagefind's service beside the build, fed page by page.
        # A preview of a subset (KATALOG_UTVALG) has no search index: it would only know the subset.
        self.search = None
        if self.config.search and not (self.serving and self.settings.only):
            try:
                self.search = SearchIndex(Path(config.site_dir))
            except RuntimeError as error:
                raise PluginError(t("search.index_failed", detail=str(error))) from error
        self.pages_started = time.perf_counter()
        return files

    def _prototype(self, section: str, page_id: str) -> PageView:
        """The one page of a section that goes through the theme, with tokens for what varies."""
        return PageView(
            url=f"{section}{page_id}/", title=TITLE, description=DESCRIPTION, render=lambda: BODY, section=section,
            edit_path=EDIT if self.settings.repo_url else None,
        )

    def _add_view(self, files: Files, config, view: PageView) -> None:
        inclusion = InclusionLevel.INCLUDED if view.in_nav else InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(view.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, view.src_uri, content="", inclusion=inclusion))
        self.views[view.src_uri] = view

    @_answered
    def on_nav(self, nav, *, config, files):
        parents = {}
        for view in self.views.values():
            if view.in_nav:
                page = files.get_file_from_path(view.src_uri).page
                parents[view.url] = page.parent if page is not None else None
        for src_uri, view in self.views.items():
            if view.in_nav:
                continue
            page = files.get_file_from_path(src_uri).page
            if page is not None and page.parent is None:
                page.parent = parents.get(view.section)
        return nav

    @_answered
    def on_page_markdown(self, markdown, *, page, config, files):
        view = self.views.get(page.file.src_uri)
        if view is None:
            return markdown
        # Material prints these unescaped, so they are escaped once here.
        page.meta["title"] = str(escape(view.title))
        if view.description:
            page.meta["description"] = str(escape(view.description))
        if view.edit_path == EDIT:
            page.edit_url = EDIT
        elif view.edit_path:
            page.edit_url = self.settings.edit_url(view.edit_path)
        else:
            page.edit_url = None
        return ""

    @_answered
    def on_page_content(self, html, *, page, config, files):
        view = self.views.get(page.file.src_uri)
        if view is not None:
            # MkDocs populates every page before it renders any: the body comes in
            # on_page_context, one page at a time, so a city's pages never all sit in memory.
            return ""
        # Hand-written pages may ask for live data: <!-- katalog:NAME -->
        # Live lists change daily and repeat other pages: keep them out of the search index.
        return FRAGMENT.sub(lambda match: "<div data-pagefind-ignore>" + self.renderer.fragment(match.group(1), page.url) + "</div>", html)

    def on_build_error(self, *, error):
        # Nothing half-published: a failed build leaves an empty site folder, as MkDocs found it
        # after cleaning, so a publishing step after it has nothing to publish.
        if self.site_dir is not None and not self.serving:
            clean_directory(self.site_dir)
        writer = getattr(self, "writer", None)
        if writer is not None:
            writer.stop()
        helper = getattr(self, "helper", None)
        if helper is not None:
            helper.stop()
        search = getattr(self, "search", None)
        if search is not None:
            search.close()
            self.search = None

    def on_serve(self, server, *, config, builder):
        # Edits to the data rebuild the preview (only changed files are parsed again).
        server.watch(str(self.settings.data_path))
        return server

    @_answered
    def on_page_context(self, context, *, page, config, nav):
        view = self.views.get(page.file.src_uri)
        if view is not None:
            page.content = view.render()
        return context

    @_answered
    def on_post_page(self, output, *, page, config):
        if page.file.src_uri in self.views:
            page.content = None  # written out: a city's pages need not stay in memory
        if self.config.search:
            output = mark_for_search(output, page.url)
        output, hashes = add_policy(output, self.script_sources)
        self.script_hashes.update(hashes)
        view = self.views.get(page.file.src_uri)
        if view is not None and view.url == f"{view.section}{self.prototype_ids.get(view.section)}/":
            self.shells[view.section] = Shell.from_prototype(output, config.site_description, self.prototype_ids[view.section])
        return output

    @_answered
    def on_post_template(self, output_content, *, template_name, config):
        # Theme templates such as 404.html get the same policy as pages.
        if not template_name.endswith(".html"):
            return output_content
        output, hashes = add_policy(output_content, self.script_sources)
        self.script_hashes.update(hashes)
        return output

    def _stamp(self, site: Path) -> tuple[int, int]:
        """Every association and venue page, filled into its section's prototype, and the open data,
        embeds and RSS. A second worker writes those files, then joins the main process in filling in
        pages, each taking the next few until none are left. Returns (pages, files)."""
        import gzip
        import shutil

        jobs = Shared([(section, view) for section, views in self.stamped.items() for view in views], across_processes=not self.serving)
        edit_url = self.settings.edit_url

        def helper_job():
            files = write_files(iter_site_files(self.catalog, "views"), site)
            # The helper cannot write to Pagefind's pipe: its bodies wait in a file.
            spill = self.search.spill() if self.search is not None else None
            pages = write_filled(jobs, self.shells, edit_url, site, spill, indexed)
            if spill is not None:
                spill.close()
            return pages, files

        self.helper = Worker(helper_job, fork=not self.serving)
        self.helper.start()
        count = write_filled(jobs, self.shells, edit_url, site, self.search, indexed)
        log.debug("main process's pages done after %.1f s", time.perf_counter() - self.pages_started)
        try:
            pages, files = self.helper.finish()
        except RuntimeError as error:
            raise PluginError(t("log.pages_failed", detail=str(error))) from error
        finally:
            self.helper = None
        sitemap_path = site / "sitemap.xml"
        if sitemap_path.exists():
            sitemap = sitemap_path.read_text(encoding="utf-8")
            for section, views in self.stamped.items():
                sitemap = sitemap_with(sitemap, f"{section}{self.prototype_ids[section]}/", [view.url for view in views])
            for name, text in split_sitemap(sitemap, self.settings.absolute_url("") or "").items():
                (site / name).write_text(text, encoding="utf-8")
                with gzip.GzipFile(site / f"{name}.gz", "wb", mtime=0) as handle:
                    handle.write(text.encode("utf-8"))
        for section in self.stamped:
            shutil.rmtree(site / section / self.prototype_ids[section], ignore_errors=True)
        return count + pages, files

    def _release(self) -> None:
        """Let go of the catalogue and its views once every page and file is written."""
        import gc

        self.catalog = self.renderer = self.writer = None
        self.views, self.stamped, self.shells = {}, {}, {}
        gc.collect()

    @_answered
    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        log.debug("theme pages done after %.1f s", time.perf_counter() - self.pages_started)
        stamped, views_written = self._stamp(site)
        log.debug("filled-in pages, open data, embeds and RSS done after %.1f s", time.perf_counter() - self.pages_started)
        log.info(t("log.pages", count=len(self.views) + stamped, seconds=f"{time.perf_counter() - self.pages_started:.1f}"))
        # Feeds, exports and scripts, written one at a time (not held as MkDocs files).
        try:
            count = self.writer.finish()
        except RuntimeError as error:
            raise PluginError(t("log.files_failed", detail=str(error))) from error
        log.info(t("log.files", count=count + views_written, seconds=f"{time.perf_counter() - self.files_started:.1f}"))
        # The same policy for hosts that can send it as a header: all pages' theme hashes together.
        target = Path(config.site_dir) / POLICY_FILE
        target.write_text(policy(sorted(self.script_hashes), self.script_sources) + "\n", encoding="utf-8")
        if self.search is not None:
            started = time.perf_counter()
            skip = tuple(section.rstrip("/") for section in self.stamped)
            self._release()  # Pagefind needs the most memory now, while it writes the index
            try:
                self.search.finish(skip=skip)
                log.info(t("log.search", seconds=f"{time.perf_counter() - started:.1f}"))
            except RuntimeError as error:
                raise PluginError(t("search.index_failed", detail=str(error))) from error
            finally:
                self.search = None
