"""The form service as a municipality runs it: ``katalog serve-forms`` in its own process, on a
copy of the example catalogue in a git repository of its own, with its outbox, and helpers to
post forms and read the mail it sends."""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from conftest import REPO

SECRET = "testhemmelighet-som-bare-testene-kjenner"
PATIENCE_S = 180
FORM = {"content-type": "application/x-www-form-urlencoded"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def catalogue_repo(folder: Path, form_service_url: str = "") -> Path:
    """A copy of the example catalogue, committed to its own git repository on ``main``."""
    folder.mkdir(parents=True)
    for name in ("data", "content", "overrides"):
        shutil.copytree(REPO / name, folder / name)
    for name in ("mkdocs.yml", ".gitignore"):
        shutil.copy(REPO / name, folder / name)
    if form_service_url:
        config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("form_service_url: http://127.0.0.1:8001/", f"form_service_url: {form_service_url}")
        (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    git(folder, "add", "-A")
    git(folder, "-c", "user.name=Koordinator", "-c", "user.email=k@lindvik.kommune.no", "commit", "-qm", "Katalogen")
    return folder


class Service:
    """``katalog serve-forms`` running on ``root`` until stopped."""

    def __init__(self, root: Path, port: int | None = None, env: dict | None = None):
        self.root = root
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = dict(os.environ, KATALOG_SECRET=SECRET, KATALOG_FORMS_URL=self.url, NO_MKDOCS_2_WARNING="1")
        full_env.pop("SOURCE_DATE_EPOCH", None)
        full_env.update(env or {})
        self.log = open(root.parent / f"tjeneste-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "frivilligkatalogen.adapters.cli", "serve-forms", str(root), "--port", str(self.port)],
            stdout=self.log, stderr=subprocess.STDOUT, env=full_env,
        )
        self.client = httpx.Client(base_url=self.url, timeout=PATIENCE_S, follow_redirects=False)
        deadline = time.monotonic() + PATIENCE_S
        while True:  # until the service answers its health check
            assert self.process.poll() is None, (root.parent / f"tjeneste-{self.port}.log").read_text()
            try:
                if self.client.get("/helse").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the form service did not start"
            time.sleep(0.2)

    def stop(self):
        self.client.close()
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.close()

    # Forms ------------------------------------------------------------------------------

    def form(self, path: str) -> tuple[str, list[tuple[str, str]]]:
        """A form page and the answers it would send as it stands (what a browser sends)."""
        page = self.client.get(path)
        assert page.status_code == 200, page.text
        return page.text, form_pairs(page.text)

    def post(self, path: str, pairs: list[tuple[str, str]], headers: dict | None = None) -> httpx.Response:
        return self.client.post(path, content=urlencode(pairs).encode(), headers={**FORM, **(headers or {})})

    def confirm(self, link: str) -> httpx.Response:
        """Follow a confirmation link as a person does: open it, then press «Bekreft»."""
        path = link.removeprefix(self.url)
        page = self.client.get(path)
        if page.status_code != 200:
            return page
        return self.post(path, [("_token", token_of(page.text))])

    @property
    def outbox(self) -> list[Path]:
        folder = self.root / ".katalog" / "utboks"
        return sorted(folder.glob("*.eml")) if folder.exists() else []


def token_of(html: str) -> str:
    return re.search(r'name="_token" value="([^"]+)"', html).group(1)


def form_pairs(html: str) -> list[tuple[str, str]]:
    """The name/value pairs a browser would send for the first form of ``html``, untouched."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.pairs, self.textarea, self.select = [], None, None

        def handle_starttag(self, tag, attrs):
            found = dict(attrs)
            if tag == "input" and found.get("name"):
                if found.get("type") == "checkbox":
                    if "checked" in found:
                        self.pairs.append((found["name"], found.get("value", "on")))
                else:
                    self.pairs.append((found["name"], found.get("value") or ""))
            elif tag == "textarea":
                self.textarea = len(self.pairs)
                self.pairs.append((found["name"], ""))
            elif tag == "select":
                self.select = len(self.pairs)
                self.pairs.append((found["name"], ""))
            elif tag == "option" and self.select is not None and "selected" in found:
                self.pairs[self.select] = (self.pairs[self.select][0], found.get("value") or "")

        def handle_endtag(self, tag):
            if tag == "textarea":
                name, value = self.pairs[self.textarea]
                self.pairs[self.textarea] = (name, value.removeprefix("\n"))
                self.textarea = None
            elif tag == "select":
                self.select = None

        def handle_data(self, data):
            if self.textarea is not None:
                name, value = self.pairs[self.textarea]
                self.pairs[self.textarea] = (name, value + data)

    reader = Reader()
    reader.feed(html)
    return reader.pairs


def answered(pairs: list[tuple[str, str]], **changes: str) -> list[tuple[str, str]]:
    """The pairs with some answers changed (``contact__phone="…"`` for ``contact.phone``)."""
    wanted = {key.replace("__", "."): value for key, value in changes.items()}
    out = [(name, wanted.pop(name) if name in wanted else value) for name, value in pairs]
    return out + list(wanted.items())


def read_mail(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def link_in(message) -> str:
    return re.search(r"(http://\S+/bekreft/\S+)", message.get_content()).group(1)


def check_branch(repo: Path, branch: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """``katalog check`` on the branch's files, in a worktree of their own."""
    tree = tmp_path / "gren"
    git(repo, "worktree", "add", "-q", "--detach", str(tree), branch)
    return subprocess.run([sys.executable, "-m", "frivilligkatalogen.adapters.cli", "check", str(tree)], capture_output=True, text=True)


def branches(repo: Path) -> list[str]:
    return git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/skjema/").split()


def changed_lines(repo: Path, branch: str) -> list[str]:
    """The lines a branch removes and adds against main."""
    diff = git(repo, "diff", f"main..{branch}")
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def new_item_index(pairs, list_name: str) -> int:
    """The index of a list's empty "add another" group in the form."""
    found = [int(m.group(1)) for name, _ in pairs for m in [re.match(rf"{re.escape(list_name)}\.(\d+)\.", name)] if m]
    return max(found)


@pytest.fixture()
def service(tmp_path):
    """The form service running on a copy of the example catalogue, for one test."""
    running = Service(catalogue_repo(tmp_path / "katalog"))
    yield running
    running.stop()
