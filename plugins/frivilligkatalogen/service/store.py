"""The form service's only state, in one SQLite file in the catalogue's folder.

* changes waiting for their confirmation, and what became of each (a used link stays used
  after a restart);
* confirmed changes not yet delivered (GitHub or git was down): kept and sent again;
* recent requests per client and per entry, for the rate limits;
* the reminders sent, so an association is not asked twice within the limit.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

STATE_FOLDER = ".katalog"
"""The service's folder in the catalogue's: its SQLite file, its outbox, its local secret."""

_SCHEMA = """
create table if not exists changes (
    id text primary key,
    kind text not null,          -- change, confirm-only, new, report
    folder text not null,
    record_id text not null,
    answers text not null,       -- the submitted form, as JSON pairs
    address text not null,       -- where the confirmation went
    created real not null,
    state text not null,         -- waiting, confirmed, sending, delivered, conflict, failed
    result text not null default '',
    base text                    -- the file as the form showed it (None: new, or as it is)
);
create table if not exists hits (bucket text not null, at real not null);
create index if not exists hits_by_bucket on hits (bucket, at);
create table if not exists reminders (record_id text not null, sent real not null);
"""

WAITING, CONFIRMED, SENDING, DELIVERED = "waiting", "confirmed", "sending", "delivered"
CONFLICT, FAILED = "conflict", "failed"
"""A change's life: waiting for its confirmation, confirmed, being sent (by one thread only),
delivered. A send that GitHub or git did not take puts it back to confirmed, to be tried again;
a change that no longer fits the file (changed or removed since) ends as a conflict, and one
that failed in an unexpected way as failed (its reason kept for the coordinator)."""

KEEP_DAYS = 30
"""Days a change is kept after it was made, whatever became of it (the person's answers are
personal data: kept no longer than the confirmation and its delivery need)."""


@dataclass
class Change:
    """A change as submitted, waiting for (or past) its confirmation."""

    id: str
    kind: str
    folder: str
    record_id: str
    answers: list[tuple[str, str]]
    address: str
    created: float
    state: str
    result: str
    base: str | None = None


class Store:
    """The service's SQLite file (one connection per call: the service has several threads)."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600, exist_ok=True)  # the answers are personal data: owner only
        with self._connect() as db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30, isolation_level="IMMEDIATE")

    def add(
        self,
        kind: str,
        folder: str,
        record_id: str,
        answers,
        address: str,
        change_id=None,
        base: str | None = None,
    ) -> Change:
        """Keep a change until it is confirmed (``change_id`` given: once only)."""
        change = Change(
            change_id or secrets.token_urlsafe(16),
            kind,
            folder,
            record_id,
            list(answers),
            address,
            time.time(),
            WAITING,
            "",
            base,
        )
        with self._connect() as db:
            db.execute(
                "insert or ignore into changes values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    change.id,
                    kind,
                    folder,
                    record_id,
                    json.dumps(change.answers),
                    address,
                    change.created,
                    WAITING,
                    "",
                    base,
                ),
            )
        return change

    def get(self, change_id: str) -> Change | None:
        with self._connect() as db:
            row = db.execute("select * from changes where id = ?", (change_id,)).fetchone()
        if row is None:
            return None
        values = list(row)
        values[4] = [tuple(pair) for pair in json.loads(values[4])]
        return Change(*values)

    def _move(self, change_id: str, before: str, after: str) -> bool:
        with self._connect() as db:
            cursor = db.execute(
                "update changes set state = ? where id = ? and state = ?",
                (after, change_id, before),
            )
        return cursor.rowcount == 1

    def recover(self) -> None:
        """At the service's start: a send cut off by a stop is tried again."""
        self.forget_old()
        with self._connect() as db:
            db.execute("update changes set state = ? where state = ?", (CONFIRMED, SENDING))

    def take(self, change_id: str) -> bool:
        """Mark a waiting change confirmed; False when it was not waiting (a link used twice)."""
        return self._move(change_id, WAITING, CONFIRMED)

    def claim(self, change_id: str) -> bool:
        """Take a confirmed change to send it; False when another thread has it."""
        return self._move(change_id, CONFIRMED, SENDING)

    def give_back(self, change_id: str) -> None:
        """A send failed: the change waits to be tried again."""
        self._move(change_id, SENDING, CONFIRMED)

    def ended(self, change_id: str, state: str, reason: str) -> None:
        """A change that will not be delivered: a conflict, or an unexpected failure."""
        with self._connect() as db:
            db.execute(
                "update changes set state = ?, result = ? where id = ?", (state, reason, change_id)
            )

    def forget_old(self) -> None:
        """Drop what is older than ``KEEP_DAYS``: changes, counts and used robot answers."""
        with self._connect() as db:
            db.execute("delete from changes where created < ?", (time.time() - KEEP_DAYS * 86400,))
            db.execute("delete from hits where at < ?", (time.time() - 86400,))

    def delivered(self, change_id: str, result: str) -> None:
        with self._connect() as db:
            db.execute(
                "update changes set state = ?, result = ? where id = ? and state = ?",
                (DELIVERED, result, change_id, SENDING),
            )

    def undelivered(self) -> list[Change]:
        """Confirmed changes still to send (their first try failed)."""
        with self._connect() as db:
            ids = [
                row[0]
                for row in db.execute(
                    "select id from changes where state = ? order by created", (CONFIRMED,)
                )
            ]
        return [change for change in map(self.get, ids) if change is not None]

    def count(self, bucket: str, within: float) -> int:
        """Record one request in ``bucket``; how many it has had within ``within`` seconds."""
        now = time.time()
        with self._connect() as db:
            db.execute("delete from hits where at < ?", (now - 86400,))
            db.execute("insert into hits values (?, ?)", (bucket, now))
            (found,) = db.execute(
                "select count(*) from hits where bucket = ? and at >= ?", (bucket, now - within)
            ).fetchone()
        return found

    def reminded(self, record_id: str, since: float) -> bool:
        with self._connect() as db:
            row = db.execute(
                "select 1 from reminders where record_id = ? and sent >= ?", (record_id, since)
            ).fetchone()
        return row is not None

    def remember_reminder(self, record_id: str) -> None:
        with self._connect() as db:
            db.execute("insert into reminders values (?, ?)", (record_id, time.time()))

    def last_reminders(self) -> dict[str, float]:
        """Each reminded association's last reminder (a time stamp)."""
        with self._connect() as db:
            rows = db.execute("select record_id, max(sent) from reminders group by record_id")
            return dict(rows)
