"""A changed activity reaches subscribers: SEQUENCE and LAST-MODIFIED rise, the UID stays, the rest is untouched."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime

import icalendar

from calendar_site import CLUB, build_feeds, make_site


def git(root, *args, when="2026-09-01T12:00:00+00:00"):
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def events(feeds):
    calendar = icalendar.Calendar.from_ical(feeds["kalender/organisasjoner/klubben.ics"])
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def raw_events(feeds):
    raw = feeds["kalender/organisasjoner/klubben.ics"].decode()
    blocks = raw.split("BEGIN:VEVENT\r\n")[1:]
    return {next(l for l in b.replace("\r\n ", "").split("\r\n") if l.startswith("UID:")): b for b in blocks}


def test_start_time_change_raises_sequence_and_last_modified(tmp_path):
    root = make_site(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "første")
    before = build_feeds(root)
    uid = "klubben/trening/regel-1@katalog.lindvik.no"
    first = events(before)[uid]
    assert first["SEQUENCE"] == 0
    assert first["LAST-MODIFIED"].dt == datetime.fromisoformat("2026-09-01T12:00:00+00:00")

    (root / "data/organizations/klubben.yaml").write_text(CLUB.replace('start: "18:00"', 'start: "18:30"', 1), encoding="utf-8")
    git(root, "commit", "-qam", "ny tid", when="2026-10-15T08:00:00+00:00")
    after = build_feeds(root)
    changed = events(after)[uid]
    assert changed["SEQUENCE"] == 1
    assert changed["LAST-MODIFIED"].dt == datetime.fromisoformat("2026-10-15T08:00:00+00:00")
    assert changed["DTSTAMP"].dt >= first["DTSTAMP"].dt
    assert "T183000" in changed["DTSTART"].to_ical().decode()

    old, new = raw_events(before), raw_events(after)
    assert old.keys() == new.keys()
    for key in old:
        if "klubben/trening/" not in key:
            assert old[key] == new[key], key


def test_uncommitted_change_counts_too(tmp_path):
    root = make_site(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "første")
    path = root / "data/organizations/klubben.yaml"
    path.write_text(CLUB.replace('end: "20:00"', 'end: "20:30"', 1), encoding="utf-8")
    os.utime(path, (1793000000, 1793000000))
    feed = events(build_feeds(root))["klubben/trening/regel-1@katalog.lindvik.no"]
    assert feed["SEQUENCE"] == 1
    assert int(feed["LAST-MODIFIED"].dt.timestamp()) == 1793000000


def test_build_outside_git_still_works(tmp_path):
    root = make_site(tmp_path)
    feed = events(build_feeds(root))["klubben/trening/regel-1@katalog.lindvik.no"]
    assert feed["SEQUENCE"] == 0


def test_unchanged_committed_grant_keeps_version_zero(tmp_path):
    root = make_site(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "første")
    calendar = icalendar.Calendar.from_ical(build_feeds(root)["kalender/frister.ics"])
    for event in calendar.walk("VEVENT"):
        assert event["SEQUENCE"] == 0
        assert event["LAST-MODIFIED"].dt == datetime.fromisoformat("2026-09-01T12:00:00+00:00")
