"""Full-text search with Pagefind, instead of an index of every word shipped to every visitor.

Pagefind indexes the site while it is built (it stems words by the pages' `lang`: nb, nn or en)
and a visitor downloads only the index chunks a query needs. Only pages worth
finding are indexed: associations, venues, grants and the hand-written pages;
lists that repeat everything (the directory, the calendars) are left out so
they do not crowd the results.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import subprocess
from pathlib import Path

from frivilligkatalogen.base.i18n import language, t
from frivilligkatalogen.views.addresses import (
    ACTIVITIES,
    CALENDAR,
    CATEGORIES,
    ORGANIZATIONS,
    SEARCH,
)

NOT_INDEXED = (ORGANIZATIONS, ACTIVITIES, CALENDAR, CATEGORIES, SEARCH)
"""Page addresses (and the pages under them, for categories) kept out of the index."""

WASM_POLICY = "'wasm-unsafe-eval'"
"""What Pagefind's WebAssembly needs in ``script-src``."""

_ARTICLE = '<article class="md-content__inner md-typeset">'


def indexed(url: str) -> bool:
    """True for pages the search should find."""
    if url in NOT_INDEXED or url.startswith((CATEGORIES, CALENDAR, ACTIVITIES)):
        return False
    return not url.endswith("404.html")


def mark_for_search(html: str, url: str) -> str:
    """Tell Pagefind to index this page's content (and nothing of the theme around it)."""
    if not indexed(url):
        return html
    return html.replace(
        _ARTICLE, '<article class="md-content__inner md-typeset" data-pagefind-body>', 1
    )


PATIENCE = 600
"""Seconds to wait for a reply before Pagefind is taken to have stalled (the build then fails)."""

NEVER_INDEXED_FOLDERS = {
    "embed",
    "kalender",
    "aktiviteter",
    "kategorier",
    "sok",
    "assets",
    "data",
    "pagefind",
    "schema",
    "search",
    "stylesheets",
    "javascripts",
}
"""Top-level folders of the built site with nothing to index; Pagefind does not even read them."""


class SearchIndex:
    """A Pagefind index, fed page by page while the site is written, and written into the site at
    the end.

    Pagefind runs beside the build as a service (``pagefind --service``, the
    protocol its Node and Python interfaces speak: base64 JSON messages ended by a
    comma on stdin and stdout). Pages made from data are given to it as their body
    alone, not the theme around it, with their address: nothing is written to disk
    for the index but the index itself, and Pagefind indexes while the build goes on.
    Only the process that started Pagefind talks to it: worker processes return the
    bodies of the pages they wrote, and that process hands them on (:meth:`add_page`).
    """

    def __init__(self, site_dir: Path):
        import tempfile

        self.site_dir = site_dir
        self.language = language()
        """The ``lang`` the data pages are indexed under, the theme's (Pagefind's stemming)."""
        self.errors: list[str] = []
        self._buffer = b""
        self._message_id = 0
        self._added = 0
        self._replies_due = 0
        self._stopped = False
        self._replies: dict[int, dict] = {}
        self.process = None
        # Pagefind's own messages go to a file (a pipe nobody reads would fill up and stop it).
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - open while Pagefind runs; close() ends it
        try:
            self.process = subprocess.Popen(
                [str(_pagefind_binary()), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.log,
            )
            self.index_id = self._ask({"type": "NewIndex", "config": None})["index_id"]
        except BaseException as error:
            self.close()
            if isinstance(error, OSError):
                raise RuntimeError(t("search.not_started", detail=str(error))) from error
            raise

    def add_page(self, url: str, body: str) -> None:
        """One page made from data: its address and its body."""
        self._send(
            {
                "type": "AddFile",
                "index_id": self.index_id,
                "url": "/" + url,
                "file_contents": self._page(body),
            }
        )
        self._added += 1

    def finish(self, skip: tuple[str, ...]) -> None:
        """Add the theme's pages (``skip``: folders whose pages came one by one), write the index
        into the site and stop Pagefind; raises with Pagefind's errors."""
        try:
            for page in _theme_pages(self.site_dir, skip):
                html = page.read_text(encoding="utf-8")
                if "data-pagefind-body" not in html:
                    continue  # Pagefind would read it and drop it: see mark_for_search
                url = page.relative_to(self.site_dir).as_posix()
                url = "/" + (url[: -len("index.html")] if url.endswith("index.html") else url)
                self._send(
                    {
                        "type": "AddFile",
                        "index_id": self.index_id,
                        "url": url,
                        "file_contents": html,
                    }
                )
            # Pagefind indexes files concurrently: every page must be in before the index is
            # written.
            while self._replies_due > 0 and not self._stopped:
                self._wait_and_read()
            self._ask(
                {
                    "type": "WriteFiles",
                    "index_id": self.index_id,
                    "output_path": str(self.site_dir / "pagefind"),
                }
            )
            if self.errors:
                raise RuntimeError("\n".join(self.errors))
        finally:
            self.close()

    def close(self) -> None:
        """Stop Pagefind (also after a failed build)."""
        if self.process is not None and self.process.poll() is None:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout) if self.process is not None else ():
            with contextlib.suppress(OSError):
                pipe.close()
        self.log.close()

    def _stopped_because(self) -> str:
        """What Pagefind said before it stopped, and how it ended."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)
        code = self.process.poll() if self.process is not None else None
        self.log.seek(0)
        said = self.log.read().decode("utf-8", "replace").strip()[-2000:]
        how = t("search.stopped", code=code if code is not None else "?")
        return f"{how}\n{said}" if said else how

    def _page(self, body: str) -> str:
        return (
            f'<!doctype html><html lang="{self.language}"><head><meta charset="utf-8"></head>'
            f"<body><article data-pagefind-body>{body}</article></body></html>"
        )

    def _send(self, payload: dict) -> int:
        """Write one message, reading replies whenever Pagefind has some (so neither side waits on a
        full pipe)."""
        if self._stopped:
            return 0
        self._message_id += 1
        self._replies_due += 1
        data = memoryview(
            base64.b64encode(
                json.dumps({"message_id": self._message_id, "payload": payload}).encode("utf-8")
            )
            + b","
        )
        stdin, stdout = self.process.stdin.fileno(), self.process.stdout.fileno()
        while data:
            readable, writable, _ = select.select([stdout], [stdin], [])
            if readable and not self._read():
                return 0
            if writable:
                try:
                    data = data[os.write(stdin, data[:65536]) :]
                except OSError:  # Pagefind has ended: the build fails at finish()
                    self._stop()
                    return 0
        return self._message_id

    def _ask(self, payload: dict) -> dict:
        """Send a message and wait for its reply."""
        message_id = self._send(payload)
        while message_id not in self._replies:
            if self._stopped or not self._wait_and_read():
                raise RuntimeError("\n".join(self.errors))
        reply = self._replies.pop(message_id)
        if reply.get("type") == "Error":
            raise RuntimeError(reply.get("message", t("search.pagefind_said_no")))
        return reply

    def _stop(self) -> None:
        if not self._stopped:
            self._stopped = True
            self.errors.append(self._stopped_because())

    def _wait_and_read(self) -> bool:
        """Wait for Pagefind's next reply (at most ``PATIENCE`` seconds); False when it has
        ended."""
        readable, _, _ = select.select([self.process.stdout.fileno()], [], [], PATIENCE)
        if not readable:
            self.errors.append(t("search.no_answer", minutes=PATIENCE // 60))
            self.process.kill()
            self._stop()
            return False
        return self._read()

    def _read(self) -> bool:
        """Read what Pagefind has written; False when it has ended."""
        chunk = os.read(self.process.stdout.fileno(), 65536)
        if not chunk:
            self._stop()
            return False
        *messages, self._buffer = (self._buffer + chunk).split(b",")
        for message in messages:
            reply = json.loads(base64.b64decode(message))
            self._replies_due -= 1
            payload = reply.get("payload") or {}
            if payload.get("type") == "Error":
                self.errors.append(payload.get("message", t("search.pagefind_said_no")))
            if payload.get("type") != "IndexedFile":
                self._replies[reply.get("message_id")] = payload
        return True


def _pagefind_binary() -> Path:
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise RuntimeError(t("search.not_installed"))
    return binary


def _theme_pages(site_dir: Path, skip: tuple[str, ...]):
    """The built pages Pagefind should read: the front page and the folders that can hold indexed
    pages."""
    if (site_dir / "index.html").exists():
        yield site_dir / "index.html"
    for entry in sorted(site_dir.iterdir()):
        if not entry.is_dir() or entry.name in NEVER_INDEXED_FOLDERS:
            continue
        if entry.name in skip:
            if (entry / "index.html").exists():
                yield entry / "index.html"
            continue
        yield from sorted(entry.rglob("*.html"))
