"""A confirmed change on its way to the coordinator: proposed once, kept and tried again while
git or GitHub does not take it, ended as a conflict or a failure when it cannot go."""

from __future__ import annotations

import logging

from frivilligkatalogen.base.options import build_date
from frivilligkatalogen.service.config import ServiceConfig
from frivilligkatalogen.service.editing import proposal
from frivilligkatalogen.service.proposals import ProposalConflict, ProposalFailed
from frivilligkatalogen.service.store import CONFLICT, FAILED, Change, Store

log = logging.getLogger("frivilligkatalogen.skjema")


def deliver(
    store: Store, config: ServiceConfig, change: Change, confirmed: bool
) -> tuple[str, str]:
    """Propose a confirmed change: ("confirmed", where) when it went; ("kept", "") when git
    or GitHub did not take it (it is tried again) or another thread is sending it;
    ("conflict", why) when it no longer fits the file; ("failed", "") when anything else went
    wrong (kept with its reason for the coordinator, never tried again in a loop)."""
    if not store.claim(change.id):
        return "kept", ""
    try:
        result = config.proposals.propose(
            proposal(config.settings, change, confirmed, build_date())
        )
    except ProposalConflict as conflict:
        store.ended(change.id, CONFLICT, str(conflict))
        return "conflict", str(conflict)
    except (ProposalFailed, OSError):
        store.give_back(change.id)
        return "kept", ""
    except Exception as error:  # a file main cannot read, an answer GitHub never gives …
        log.exception("Endring %s kunne ikke sendes", change.id)
        store.ended(change.id, FAILED, f"{type(error).__name__}: {error}"[:500])
        return "failed", ""
    store.delivered(change.id, result)
    return "confirmed", result


def retry(store: Store, config: ServiceConfig) -> int:
    """Send again what was confirmed but not delivered; how many went."""
    store.forget_old()
    outcomes = [
        deliver(store, config, change, bool(change.address))[0] for change in store.undelivered()
    ]
    return outcomes.count("confirmed")
