"""The form service's settings: the catalogue's own options from ``mkdocs.yml``, and the
service's from the environment (secrets never go into the repository).

==========================  =================================================================
``KATALOG_FORMS_URL``       The service's public address, used in the links of its e-mails.
                            Default: ``form_service_url`` in ``mkdocs.yml``, else the address
                            it listens on.
``KATALOG_SECRET``          The key that signs links and forms. Default (local use): a random
                            key kept in ``DIR/.katalog/hemmelig``.
``KATALOG_SMTP_URL``        The mail relay, e.g. ``smtp://relay.kommune.no:25``,
                            ``smtps://user:pass@host:465`` or ``smtp://host:587?starttls=1``.
                            Default: every e-mail is written to ``DIR/.katalog/utboks/``.
``KATALOG_MAIL_FROM``       The sender address. Default: the site's ``contact_email``.
``KATALOG_GITHUB_REPO``     ``owner/name``: confirmed changes become pull requests there.
``KATALOG_GITHUB_TOKEN``    A GitHub App token (or a fine-grained token for that repository).
``KATALOG_GITHUB_API``      The REST API's address (default ``https://api.github.com``).
``KATALOG_RETRY_SECONDS``   How often a confirmed change that git or GitHub did not take is
                            tried again (default 300).
==========================  =================================================================
Without a repository and token, a confirmed change is a commit on a new branch
``skjema/<id>-<n>`` of DIR's own git repository.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import URLSafeTimedSerializer

from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.service.mail import Mailer
from frivilligkatalogen.service.proposals import GitHubPulls, LocalBranches
from frivilligkatalogen.service.store import STATE_FOLDER

LINK_DAYS = 7
"""How long a confirmation link works."""

FORM_HOURS = 12
"""How long a form may stay open before it must be loaded again (its signed token)."""

MAX_BODY_BYTES = 256 * 1024
"""The largest request the service reads."""

POSTS_PER_MINUTE = 10
"""Posts one client may make in a minute."""

POSTS_PER_ENTRY_PER_HOUR = 6
"""Changes submitted for one entry in an hour."""


@dataclass(frozen=True)
class ServiceConfig:
    settings: Settings
    public_url: str
    secret: str
    mailer: Mailer
    proposals: object
    """:class:`LocalBranches` or :class:`GitHubPulls`."""
    retry_seconds: float = 300
    """How often undelivered confirmed changes are tried again."""

    @property
    def state(self) -> Path:
        return self.settings.root / STATE_FOLDER

    def link(self, path: str) -> str:
        return self.public_url.rstrip("/") + "/" + path.lstrip("/")

    @property
    def signer(self) -> URLSafeTimedSerializer:
        """Signs and dates links and forms with the service's secret."""
        return URLSafeTimedSerializer(self.secret)


def _local_secret(folder: Path) -> str:
    path = folder / "hemmelig"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def service_config(settings: Settings, listen_url: str, environ=os.environ) -> ServiceConfig:
    state = settings.root / STATE_FOLDER
    sender = environ.get("KATALOG_MAIL_FROM") or settings.contact_email or "skjema@localhost"
    mailer = Mailer(
        sender=sender,
        reply_to=settings.contact_email,
        smtp_url=environ.get("KATALOG_SMTP_URL") or None,
        outbox=state / "utboks",
    )
    repo, token = environ.get("KATALOG_GITHUB_REPO"), environ.get("KATALOG_GITHUB_TOKEN")
    proposals = (
        GitHubPulls(repo, token, environ.get("KATALOG_GITHUB_API") or "https://api.github.com")
        if repo and token
        else LocalBranches(settings.root.resolve())
    )
    return ServiceConfig(
        settings=settings,
        public_url=environ.get("KATALOG_FORMS_URL") or settings.form_service_url or listen_url,
        secret=environ.get("KATALOG_SECRET") or _local_secret(state),
        mailer=mailer,
        proposals=proposals,
        retry_seconds=float(environ.get("KATALOG_RETRY_SECONDS") or 300),
    )
