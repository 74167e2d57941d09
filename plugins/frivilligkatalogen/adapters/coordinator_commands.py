"""The coordinator's commands: ``katalog stale`` (the entries nobody has confirmed for long, as
lines or as the monthly report), ``katalog remind`` (e-mail them) and ``katalog only-verified``
(may an "Alt stemmer" pull request merge by itself?)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from frivilligkatalogen.adapters.progress import ProgressLine, print_problems
from frivilligkatalogen.base.config_file import read_site_settings
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.catalog.history import beyond_confirmation
from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.views.freshness import stale_entries, stale_markdown


def run_only_verified(root: Path, base: str) -> int:
    """Exit 0 when the change since ``base`` only moves ``verified`` dates (an "Alt stemmer"
    pull request a workflow may merge by itself); else each reason, and exit 1."""
    settings = read_site_settings(root)
    found = beyond_confirmation(root, settings.data_dir, base)
    for line in found:
        print(line)
    if not found:
        print(t("cli.only_verified"))
    return 1 if found else 0


def _read(root: Path, days: int | None):
    """The catalogue with the staleness limit of ``--days``; None (its problems printed) when it
    has problems."""
    settings = read_site_settings(root)
    if days is not None:
        settings.stale_after_days = days
    catalog = load_catalog(settings, progress=ProgressLine(t("cli.reading")))
    if catalog.problems:
        print_problems(catalog)
        return None
    return catalog


def run_stale(root: Path, days: int | None, markdown: bool) -> int:
    catalog = _read(root, days)
    if catalog is None:
        return 1
    settings = catalog.settings
    entries = stale_entries(catalog)
    if markdown:
        print(stale_markdown(catalog, entries, reminders_sent(settings)))
    else:
        for entry in entries:
            print(
                f"{entry.path}: "
                + t(
                    "stale.line",
                    name=entry.name,
                    date=entry.verified.isoformat(),
                    days=entry.age_days,
                )
            )
        print(t("stale.count", count=len(entries), days=settings.stale_after_days), file=sys.stderr)
    return 0


def run_remind(root: Path, days: int | None) -> int:
    """E-mail every stale association (never twice within ``REMIND_AGAIN_DAYS``)."""
    # The form service's packages (requirements/forms.txt) are needed here only: the site's
    # install has none of them, and katalog check must run there.
    from frivilligkatalogen.service.config import service_config
    from frivilligkatalogen.service.reminders import remind

    catalog = _read(root, days)
    if catalog is None:
        return 1
    config = service_config(catalog.settings, "http://127.0.0.1:8001")  # serve-forms' default
    host = urlsplit(config.public_url).hostname or ""
    if config.mailer.smtp_url and (host in ("localhost", "::1") or host.startswith("127.")):
        message = t("cli.remind_local_links", url=config.public_url)
        print(t("cli.error", message=message), file=sys.stderr)
        return 2
    sent, skipped = remind(catalog, config)
    for name, address in sent:
        print(t("cli.reminded", name=name, address=address))
    print(t("cli.reminders_done", sent=len(sent), skipped=skipped), file=sys.stderr)
    return 0


def reminders_sent(settings) -> dict:
    """The day of each association's last reminder, when this folder has sent any."""
    from frivilligkatalogen.service.store import STATE_FOLDER, Store

    path = settings.root / STATE_FOLDER / "skjema.sqlite"
    if not path.exists():
        return {}
    return {key: date.fromtimestamp(sent) for key, sent in Store(path).last_reminders().items()}
