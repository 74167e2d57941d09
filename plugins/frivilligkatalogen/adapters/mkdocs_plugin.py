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
  prototype per section goes through the theme, and ``on_post_build`` has
  :class:`~frivilligkatalogen.build.site_build.SiteBuild` fill it in for every entity, write the
  open data and put the pages into the sitemap and the search index.

Every event that does the catalogue's work is wrapped by :func:`_answered`: a failure ends the
build with one Norwegian line, never a traceback.
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

from frivilligkatalogen.base.errors import KatalogError, printable
from frivilligkatalogen.base.i18n import set_language, t
from frivilligkatalogen.base.options import Settings, option_fields, settings_from_options
from frivilligkatalogen.build.content_policy import add_policy, policy
from frivilligkatalogen.build.parallel import shared_map, worker_pool
from frivilligkatalogen.build.search_index import WASM_POLICY, mark_for_search
from frivilligkatalogen.build.site_build import SiteBuild
from frivilligkatalogen.build.stamping import BODY, DESCRIPTION, EDIT, TITLE, Shell, prototype_id
from frivilligkatalogen.catalog.loading import Catalog, load_catalog
from frivilligkatalogen.views.addresses import STYLESHEET, edition_links
from frivilligkatalogen.views.annual_wheel import campaign_dates
from frivilligkatalogen.views.editions import language_links
from frivilligkatalogen.views.pages import PageRenderer, PageView, build_pages
from frivilligkatalogen.views.theme import theme_values

log = logging.getLogger("mkdocs.plugins.katalog")

POLICY_FILE = "content-security-policy.txt"
"""The Content-Security-Policy as one line, for a host's header configuration."""

THEME_TEMPLATES = Path(__file__).parent / "theme"
"""The plugin's own theme templates (``plain.html``), behind the theme's and ``custom_dir``'s, so a
site can override them like any of Material's."""

FRAGMENT = re.compile(r"<!--\s*katalog:([a-z-]+)\s*-->")
"""A marker in a hand-written page that the plugin replaces with live data."""


def _answered(event):
    """An unexpected failure in the catalogue's part of a build ends it with one Norwegian line and
    exit code 1, like any other build error, instead of a traceback (``mkdocs build -v`` shows
    it)."""

    @functools.wraps(event)
    def answered(self, *args, **kwargs):
        try:
            return event(self, *args, **kwargs)
        except (PluginError, BuildError):
            raise
        except KatalogError as error:  # the catalogue's own errors say what is wrong in Norwegian
            raise PluginError(printable(str(error))) from error
        except Exception as error:
            log.debug("", exc_info=True)
            raise PluginError(
                t("log.unexpected", kind=type(error).__name__, detail=printable(str(error)))
            ) from error

    return answered


class _AsWritten(c.BaseConfigOption):
    """An option's value as written: :func:`settings_from_options` checks it, in Norwegian."""

    def run_validation(self, value):
        return value


KatalogConfig = type(
    "KatalogConfig", (Config,), {name: c.Optional(_AsWritten()) for name in option_fields()}
)
"""The options of the ``katalog`` plugin in ``mkdocs.yml``: derived from the fields of
:class:`~frivilligkatalogen.base.options.Settings`, where each is declared and documented."""


class KatalogPlugin(BasePlugin[KatalogConfig]):
    """Generates the catalogue's pages from ``data/`` inside a MkDocs build (see the module's
    description)."""

    def __init__(self):
        self.serving = False
        """True under ``mkdocs serve``, which runs threads: then nothing is forked."""
        self.site_dir: str | None = None
        self.settings: Settings | None = None
        self.catalog: Catalog | None = None
        self.renderer: PageRenderer | None = None
        self.views: dict[str, PageView] = {}
        """Generated pages that go through the theme, by their source path."""
        self.stamped: dict[str, list[PageView]] = {}
        """Association and venue pages, by section, filled into their section's prototype."""
        self.prototype_ids: dict[str, str] = {}
        self.shells: dict[str, Shell] = {}
        self.site_build: SiteBuild | None = None
        self.script_sources: tuple[str, ...] = ()
        self.script_hashes: set[str] = set()
        self.pages_started = 0.0
        self.alternates: dict[str, list[tuple[str, str]]] = {}
        """Each theme-rendered page's address in the other editions, by its address (the
        sitemap's ``hreflang`` alternates)."""

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    @_answered
    def on_config(self, config):
        language = config.theme.get("language") or "nb"
        set_language(language)
        self.site_dir = config.site_dir
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        options = {name: value for name, value in dict(self.config).items() if value is not None}
        self.settings = settings_from_options(
            options, root, config.repo_url or "", config.site_url or "", language
        )
        if str(THEME_TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.append(str(THEME_TEMPLATES))
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        for campaign in self.settings.campaigns:
            campaign_dates(campaign, self.settings.today.year)  # a wrong one stops the build here
        config.extra["katalog"] = theme_values(self.settings, bool(config.site_url))
        self.script_sources = (WASM_POLICY,) if self.settings.search else ()
        self.script_hashes = set()
        return config

    # Priority 50: the generated pages go into the file list before other plugins read it.
    @event_priority(50)
    @_answered
    def on_files(self, files: Files, *, config) -> Files:
        started = time.perf_counter()
        # The preview server keeps parsed files for its next rebuild; a build reads them once,
        # a large folder in other processes too.
        if self.serving:
            self.catalog = load_catalog(self.settings, cache=True)
        else:
            with worker_pool() as pool:
                self.catalog = load_catalog(self.settings, map_files=shared_map(pool))
        catalog = self.catalog
        if self.settings.only:
            log.info(
                t(
                    "log.subset",
                    count=len(catalog.organizations),
                    patterns=", ".join(self.settings.only),
                )
            )
        count = len(catalog.organizations) + len(catalog.venues) + len(catalog.grants)
        log.info(t("log.loaded", count=count, seconds=f"{time.perf_counter() - started:.1f}"))
        if not catalog.ok:
            for problem in catalog.problems:
                log.error(str(problem))
            raise PluginError(
                t("cli.problems_found", count=len(catalog.problems)) + " " + t("cli.build_failed")
            )
        self.views, self.stamped = {}, {}
        for view in build_pages(catalog):
            if view.stamped:
                self.stamped.setdefault(view.section, []).append(view)
            else:
                self._add_view(files, config, view)
        self.prototype_ids = {}
        for section, views in self.stamped.items():
            self.prototype_ids[section] = prototype_id(
                {view.url.rstrip("/").rsplit("/", 1)[1] for view in views}
            )
            self._add_view(files, config, self._prototype(section, self.prototype_ids[section]))
        self.renderer = PageRenderer(catalog)
        # The calendars depend only on the catalogue: the workers write them while the theme
        # renders.
        # A preview of a subset (KATALOG_UTVALG) has no search index: it would only know the subset.
        search = self.settings.search and not (self.serving and self.settings.only)
        pages = [(section, view) for section, views in self.stamped.items() for view in views]
        site_dir, fork = Path(config.site_dir), not self.serving
        self.site_build = SiteBuild(
            catalog, pages, self.settings.edit_url, site_dir, fork=fork, search=search
        )
        self.pages_started = time.perf_counter()
        return files

    def _prototype(self, section: str, page_id: str) -> PageView:
        """The one page of a section that goes through the theme, with tokens for what varies."""
        return PageView(
            url=f"{section}{page_id}/",
            title=TITLE,
            description=DESCRIPTION,
            render=lambda: BODY,
            section=section,
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
        # Generated pages are outside the navigation; each gets its directory page as parent,
        # so breadcrumbs and the active section work.
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
        if view.template:
            page.meta["template"] = view.template
        if view.edit_path == EDIT:
            page.edit_url = EDIT
        elif view.edit_path:
            page.edit_url = self.settings.edit_url(view.edit_path)
        else:
            page.edit_url = None
        return ""

    @_answered
    def on_page_content(self, html, *, page, config, files):
        if page.file.src_uri in self.views:
            # MkDocs populates every page before it renders any: the body comes in
            # on_page_context, one page at a time, so a city's pages never all sit in memory.
            return ""
        # Hand-written pages may ask for live data: <!-- katalog:NAME -->
        # Live lists change daily and repeat other pages: keep them out of the search index.
        return FRAGMENT.sub(
            lambda match: (
                "<div data-pagefind-ignore>"
                + self.renderer.fragment(match.group(1), page.url)
                + "</div>"
            ),
            html,
        )

    def on_build_error(self, *, error):
        if self.site_build is not None:
            self.site_build.stop()
            self.site_build = None
        # Nothing half-published: a failed build leaves an empty site folder, as MkDocs found it
        # after cleaning, so a publishing step after it has nothing to publish.
        if self.site_dir is not None and not self.serving:
            clean_directory(self.site_dir)

    def on_serve(self, server, *, config, builder):
        # Edits to the data rebuild the preview (only changed files are parsed again).
        server.watch(str(self.settings.data_path))
        return server

    @_answered
    def on_page_context(self, context, *, page, config, nav):
        view = self.views.get(page.file.src_uri)
        if view is not None:
            page.content = view.render()
        links = self.edition_links(page.url, None if view is not None else page.file.src_uri)
        self.alternates[page.url] = links
        context["katalog_editions"] = language_links(self.settings.site_url, links, page.url)
        return context

    @_answered
    def on_template_context(self, context, *, template_name, config):
        if template_name == "404.html":  # answers at any address: links from the site's root
            links = [(edition.language, edition.url) for edition in self.settings.editions]
            context["katalog_editions"] = language_links(self.settings.site_url, links, None)
        return context

    def _same_page_elsewhere(self, url: str) -> list[tuple[str, str]]:
        """The page's versions in other editions, leaving out a front page that stands in for a
        page not translated there."""
        links = self.alternates.get(url) or self.edition_links(url)
        return [(language, href) for language, href in links if href.endswith("/" + url)]

    def edition_links(self, url: str, src_uri: str | None = None) -> list[tuple[str, str]]:
        """The page at ``url`` in each other edition (see :func:`edition_links`)."""
        return edition_links(self.settings.editions, self.settings.root, url, src_uri)

    # Priority -100: after every other plugin has changed the page, so the search marks and the
    # policy's script hashes are those of the HTML that is written.
    @event_priority(-100)
    @_answered
    def on_post_page(self, output, *, page, config):
        view = self.views.get(page.file.src_uri)
        if view is not None:
            page.content = None  # written out: a city's pages need not stay in memory
        if self.settings.search:
            output = mark_for_search(output, page.url)
        output, hashes = add_policy(output, self.script_sources)
        self.script_hashes.update(hashes)
        if (
            view is not None
            and view.url == f"{view.section}{self.prototype_ids.get(view.section)}/"
        ):
            self.shells[view.section] = Shell.from_prototype(
                output, config.site_description, self.prototype_ids[view.section]
            )
        return output

    # Priority -100, as on_post_page: the policy must hash the final HTML of 404.html too.
    @event_priority(-100)
    @_answered
    def on_post_template(self, output_content, *, template_name, config):
        # Theme templates such as 404.html get the same policy as pages.
        if not template_name.endswith(".html"):
            return output_content
        output, hashes = add_policy(output_content, self.script_sources)
        self.script_hashes.update(hashes)
        return output

    @_answered
    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        base_url = self.settings.absolute_url("") or ""
        filled, files = self.site_build.fill_pages(
            self.shells, self.prototype_ids, base_url, self._same_page_elsewhere
        )
        seconds = f"{time.perf_counter() - self.pages_started:.1f}"
        log.info(t("log.pages", count=len(self.views) + filled, seconds=seconds))
        log.info(t("log.files", count=files, seconds=seconds))
        # The same policy for hosts that can send it as a header: all pages' theme hashes together.
        (site / POLICY_FILE).write_text(
            policy(sorted(self.script_hashes), self.script_sources) + "\n", encoding="utf-8"
        )
        started = time.perf_counter()
        site_build, self.site_build = self.site_build, None
        self.catalog = self.renderer = None  # let go before Pagefind needs the most memory
        self.views, self.stamped, self.shells = {}, {}, {}
        site_build.finish(skip=tuple(section.rstrip("/") for section in self.prototype_ids))
        if self.settings.search:
            log.info(t("log.search", seconds=f"{time.perf_counter() - started:.1f}"))
