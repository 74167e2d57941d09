"""The coordinator's commands: ``katalog stale`` (the entries nobody has confirmed for long, as
lines or as the monthly report) and ``katalog only-verified`` (may an "Alt stemmer" pull request
merge by itself?)."""

from __future__ import annotations

import sys
from pathlib import Path

from frivilligkatalogen.adapters.progress import ProgressLine, print_problems
from frivilligkatalogen.adapters.service_commands import reminders_sent
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import read_site_settings
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


def run_stale(root: Path, days: int | None, markdown: bool) -> int:
    settings = read_site_settings(root)
    if days is not None:
        settings.stale_after_days = days
    catalog = load_catalog(settings, progress=ProgressLine(t("cli.reading")))
    if catalog.problems:
        print_problems(catalog)
        return 1
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
