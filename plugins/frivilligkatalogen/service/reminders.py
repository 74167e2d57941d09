"""The monthly reminders: every association whose entry is stale gets a short e-mail with the
entry as published and two links, "Alt stemmer" (one confirmation sets ``verified`` to today)
and "Endre". Never twice to the same association within ``REMIND_AGAIN_DAYS``.

The "Alt stemmer" link carries what it confirms (signed), so it works on the form service
whichever machine sent the reminder (the monthly workflow, say)."""

from __future__ import annotations

import secrets
import time

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.catalog.contents import Catalog
from frivilligkatalogen.service.config import LINK_DAYS, ServiceConfig
from frivilligkatalogen.service.editing import still_right_link
from frivilligkatalogen.service.mail import MailFailed, message, send
from frivilligkatalogen.service.store import Store
from frivilligkatalogen.views.addresses import organization_url
from frivilligkatalogen.views.freshness import stale_entries

REMIND_AGAIN_DAYS = 28
"""The fewest days between two reminders to one association: one a month at most."""


def remind(catalog: Catalog, config: ServiceConfig) -> tuple[list[tuple[str, str]], int]:
    """Send the reminders; the (name, address) of each one sent, and how many were passed over
    (reminded recently, or no e-mail address in the data). MailFailed stops the round: what was
    sent stays recorded."""
    store = Store(config.state / "skjema.sqlite")
    since = time.time() - REMIND_AGAIN_DAYS * 86400
    sent, skipped = [], 0
    for entry in stale_entries(catalog):
        org = catalog.organizations.get(entry.id) if entry.kind == "organization" else None
        address = org.contact.email if org is not None else None
        if not address or store.reminded(org.id, since):
            skipped += 1
            continue
        body = t(
            "service.mail_reminder",
            name=org.name,
            municipality=catalog.settings.municipality,
            verified=org.verified.isoformat(),
            page=catalog.settings.absolute_url(organization_url(org.id)) or "",
            still_right=still_right_link(config, org.id, secrets.token_urlsafe(12)),
            change=config.link(f"endre/{org.id}"),
            days=LINK_DAYS,
        )
        try:
            mail = message(
                config.mailer, address, t("service.reminder_subject", name=org.name), body
            )
        except MailFailed:  # an address the mail standard refuses: this one is passed over
            skipped += 1
            continue
        send(config.mailer, mail)
        store.remember_reminder(org.id)
        sent.append((org.name, address))
    return sent, skipped
