"""Where a confirmed change goes: a branch in the catalogue's own git repository (local use), or
a pull request on GitHub (production). Either way the change is made against the file as it is
on the main branch at that moment, and the working tree is never touched."""

from __future__ import annotations

import base64
import contextlib
import os
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from frivilligkatalogen.base.errors import KatalogError
from frivilligkatalogen.base.i18n import t

BRANCH_PREFIX = "skjema/"

_AUTHOR = {
    "GIT_AUTHOR_NAME": "Frivilligkatalogen (skjema)",
    "GIT_AUTHOR_EMAIL": "skjema@frivilligkatalogen.invalid",
    "GIT_COMMITTER_NAME": "Frivilligkatalogen (skjema)",
    "GIT_COMMITTER_EMAIL": "skjema@frivilligkatalogen.invalid",
}


class ProposalFailed(KatalogError):
    """Git or GitHub did not take the change; it is kept and tried again."""


class ProposalConflict(KatalogError):
    """The change no longer fits the file (changed in the same place, removed, or a new entry's
    name taken since): it is not proposed, and the person is asked to send the form again."""


def merge_texts(current: str, base: str, changed: str) -> str | None:
    """``changed`` (an edit of ``base``) carried over to ``current`` by git's three-way file
    merge; None where both changed the same lines."""
    with tempfile.TemporaryDirectory() as scratch:
        paths = []
        for name, text in (("gjeldende", current), ("grunnlag", base), ("endret", changed)):
            path = Path(scratch) / name
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        done = subprocess.run(
            ["git", "merge-file", "-p", "--quiet", *paths], capture_output=True, text=True
        )
    if done.returncode == 0:
        return done.stdout
    if done.returncode > 0:
        return None
    raise ProposalFailed(t("service.git_failed", reason=done.stderr.strip()[:300]))


@dataclass(frozen=True)
class Proposal:
    """One change for the coordinator: which file, how it changes, and its words."""

    path: str
    """The file, relative to the repository's top."""
    change: Callable[[str | None], str]
    """The file's new text from its current text (None: the file is new)."""
    branch_stem: str
    title: str
    body: str
    labels: tuple[str, ...] = ()


def _git(repo: Path, *args: str, text_in: str | None = None, env: dict | None = None) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args],
        input=text_in,
        capture_output=True,
        text=True,
        env={**os.environ, **_AUTHOR, **(env or {})},
        check=False,
    )
    if done.returncode != 0:
        raise ProposalFailed(t("service.git_failed", reason=done.stderr.strip()[:300]))
    return done.stdout


def repository_top(folder: Path) -> Path:
    return Path(_git(folder, "rev-parse", "--show-toplevel").strip())


@dataclass(frozen=True)
class LocalBranches:
    """Each change a commit on a new branch ``skjema/<id>-<n>`` of the repository in ``repo``."""

    repo: Path

    def propose(self, proposal: Proposal) -> str:
        base = _git(self.repo, "rev-parse", "HEAD").strip()
        known = _git(self.repo, "ls-tree", "--name-only", base, "--", proposal.path).strip()
        current = _git(self.repo, "show", f"{base}:{proposal.path}") if known else None
        blob = _git(self.repo, "hash-object", "-w", "--stdin", text_in=proposal.change(current))
        with tempfile.TemporaryDirectory() as scratch:
            index = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            _git(self.repo, "read-tree", base, env=index)
            _git(
                self.repo,
                "update-index",
                "--add",
                "--cacheinfo",
                f"100644,{blob.strip()},{proposal.path}",
                env=index,
            )
            tree = _git(self.repo, "write-tree", env=index).strip()
        message = f"{proposal.title}\n\n{proposal.body}\n"
        commit = _git(self.repo, "commit-tree", tree, "-p", base, text_in=message).strip()
        for number in range(1, 1000):
            branch = f"{BRANCH_PREFIX}{proposal.branch_stem}-{number}"
            exists = (
                subprocess.run(
                    [
                        "git",
                        "-C",
                        str(self.repo),
                        "show-ref",
                        "--verify",
                        "--quiet",
                        f"refs/heads/{branch}",
                    ],
                    check=False,
                ).returncode
                == 0
            )
            if not exists:
                _git(self.repo, "update-ref", f"refs/heads/{branch}", commit, "")
                return branch
        raise ProposalFailed(t("service.git_failed", reason=proposal.branch_stem))

    def report(self, title: str, body: str) -> str | None:
        return None  # no issue tracker here: the report goes to the coordinator by e-mail


@dataclass(frozen=True)
class GitHubPulls:
    """Each change a pull request on GitHub, through its REST API (a GitHub App token, or a
    fine-grained token for the one repository: the workflow's own token starts no checks)."""

    repository: str
    token: str
    api: str = "https://api.github.com"

    def _client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.api,
            timeout=30,
            headers={
                "Authorization": f"Bearer {self.token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
            },
        )

    def _call(
        self, client: httpx.Client, method: str, url: str, allowed=(), **kwargs
    ) -> httpx.Response:
        """One REST call; ProposalFailed for a failure not in ``allowed`` (or an answer that is
        not JSON)."""
        try:
            response = client.request(method, url, **kwargs)
            if response.status_code >= 400 and response.status_code not in allowed:
                raise ProposalFailed(t("service.github_failed", reason=response.status_code))
            if response.status_code != 204:  # "no content" has no JSON
                response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise ProposalFailed(t("service.github_failed", reason=str(error)[:200])) from error
        return response

    def propose(self, proposal: Proposal) -> str:
        repo = f"/repos/{self.repository}"
        with self._client() as client:
            default = self._call(client, "GET", repo).json()["default_branch"]
            base = self._call(client, "GET", f"{repo}/git/ref/heads/{default}").json()
            found = self._call(
                client,
                "GET",
                f"{repo}/contents/{proposal.path}",
                allowed=(404,),
                params={"ref": default},
            )
            current, sha = None, None
            if found.status_code == 200:
                content = found.json()
                current = base64.b64decode(content["content"]).decode("utf-8")
                sha = content["sha"]
            text = proposal.change(current)
            branch = self._new_branch(client, repo, proposal.branch_stem, base["object"]["sha"])
            try:
                pull = self._fill_branch(client, repo, proposal, branch, default, text, sha)
            except ProposalFailed:  # no half-made branch stays behind: the retry starts afresh
                with contextlib.suppress(ProposalFailed):
                    self._call(
                        client, "DELETE", f"{repo}/git/refs/heads/{branch}", allowed=(404, 422)
                    )
                raise
        return pull.get("html_url") or branch

    def _fill_branch(self, client, repo, proposal, branch, default, text, sha) -> dict:
        """The file on the new branch, its pull request and labels; the pull request."""
        put = {
            "message": proposal.title,
            "branch": branch,
            "content": base64.b64encode(text.encode("utf-8")).decode("ascii"),
        }
        if sha:
            put["sha"] = sha
        # Without a sha GitHub refuses to replace a file: a new entry never overwrites one.
        self._created(self._call(client, "PUT", f"{repo}/contents/{proposal.path}", json=put))
        pull = self._created(
            self._call(
                client,
                "POST",
                f"{repo}/pulls",
                json={
                    "title": proposal.title,
                    "head": branch,
                    "base": default,
                    "body": proposal.body,
                },
            )
        ).json()
        if proposal.labels:
            with contextlib.suppress(ProposalFailed):  # then a pull request without labels
                self._call(
                    client,
                    "POST",
                    f"{repo}/issues/{pull['number']}/labels",
                    json={"labels": list(proposal.labels)},
                )
        return pull

    def _new_branch(self, client, repo: str, stem: str, sha: str) -> str:
        for number in range(1, 1000):
            branch = f"{BRANCH_PREFIX}{stem}-{number}"
            made = self._call(
                client,
                "POST",
                f"{repo}/git/refs",
                allowed=(422,),
                json={"ref": f"refs/heads/{branch}", "sha": sha},
            )
            if made.status_code == 201:
                return branch
        raise ProposalFailed(t("service.github_failed", reason=stem))

    def _created(self, response: httpx.Response) -> httpx.Response:
        if response.status_code not in (200, 201):
            raise ProposalFailed(t("service.github_failed", reason=response.status_code))
        return response

    def report(self, title: str, body: str) -> str | None:
        with self._client() as client:
            made = self._created(
                self._call(
                    client,
                    "POST",
                    f"/repos/{self.repository}/issues",
                    json={"title": title, "body": body, "labels": ["meld-fra"]},
                )
            ).json()
        return made.get("html_url")
