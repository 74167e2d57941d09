"""Property: whatever a data file holds, the check answers in one Norwegian line per problem, and
every file it accepts builds: pages, calendars, open data, embeds and RSS, without a traceback.

Hypothesis writes the files: mutations of the example's own association files (a value replaced
by an odd date, time, number or text, a line dropped, doubled or added) and activities with
arbitrary dates, times and numbers, weighted towards the edges of what the check accepts. The
normal suite runs a bounded number of examples; a longer run is one environment variable away:

    KATALOG_FUZZ_EXAMPLES=5000 scripts/test.sh tests/catalog/test_any_accepted_file_builds.py
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.build.files import write_files, write_pages
from frivilligkatalogen.build.outputs import iter_site_files
from frivilligkatalogen.views.pages import build_pages
from frivilligkatalogen.base.config_file import read_site_settings

from conftest import REPO, SITE_CONFIG

EXAMPLES = int(os.environ.get("KATALOG_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture], derandomize=not os.environ.get("KATALOG_FUZZ_EXAMPLES"))
"""The normal suite runs the same bounded examples every time (no flaky failures from new draws);
a long run with ``KATALOG_FUZZ_EXAMPLES`` draws new ones."""

TODAY = date(2026, 11, 22)
ORGANIZATION_FILES = sorted((REPO / "data/organizations").glob("*.yaml"))
PROBLEM_LINE = re.compile(r"^data/organizations/fuzz\.yaml:([1-9][0-9]*):([1-9][0-9]*): (\S.*)$")
LIBRARY_ENGLISH = re.compile(r"\b(Traceback|Error|could not|expected|found|while (parsing|scanning)|position|unacceptable)\b")


@pytest.fixture(scope="module")
def site():
    """The example's venues, grants and holidays, and room for one association file at a time."""
    root = Path(tempfile.mkdtemp(prefix="katalog-fuzz-"))
    (root / "mkdocs.yml").write_text(SITE_CONFIG.replace("areas: [Sentrum, Nordbygda, Sørbygda, Vestsida, Øyane]", "areas: [Sentrum, Nordbygda, Sørbygda, Vestsida, Øyane, Holmøy]"), encoding="utf-8")
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("organizations"))
    (root / "data/organizations").mkdir()
    yield root
    shutil.rmtree(root, ignore_errors=True)


def check_and_build(root: Path, text: str) -> list[str]:
    """Write the file, check the catalogue, and build everything when the check accepts it."""
    (root / "data/organizations/fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    site_settings = read_site_settings(root)
    site_settings.today = TODAY
    catalog = load_catalog(site_settings)
    lines = [str(problem) for problem in catalog.problems]
    for line in lines:
        match = PROBLEM_LINE.match(line)
        assert match and "\n" not in line and "\r" not in line, repr(line)
        said = re.sub(r"«[^»]*»", "«»", match[3])  # what the editor typed is quoted back as typed
        assert not LIBRARY_ENGLISH.search(said), line
    if catalog.ok:  # written to disk, as a build writes them: a name too long for it fails here
        out = Path(tempfile.mkdtemp(prefix="katalog-fuzz-ut-"))
        try:
            assert write_pages(build_pages(catalog), out) > 0
            assert write_files(iter_site_files(catalog), out) > 0
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return lines


# --- mutations of valid files ------------------------------------------------------------------------

YEARS = st.one_of(st.sampled_from([1, 1000, 1899, 1900, 1901, 2025, 2026, 2027, 2199, 2200, 2201, 9998, 9999]), st.integers(0, 9999))
EDGE_DATES = st.sampled_from(["0001-01-01", "0001-01-02", "1899-12-31", "1900-01-01", "2200-12-31", "2201-01-01", "9999-12-01", "9999-12-31", "2026-02-29", "2028-02-29"])
DATES = st.one_of(EDGE_DATES, st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", YEARS, st.integers(0, 13), st.integers(0, 32)))
VALID_DATES = st.dates(date(1890, 1, 1), date(2210, 12, 31)).map(date.isoformat)
TIMES = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 25), st.integers(0, 61))
NUMBERS = st.one_of(st.integers(-(10**20), 10**20).map(str), st.floats().map(repr), st.sampled_from([".inf", "-.inf", ".nan", "0x1F", "1e400", "1_000", "+5", "-0"]))
WORDS = st.sampled_from(["~", "null", "true", "false", "yes", "no", "''", '""', "[]", "{}", "[mon, mon]", "[1200, 1200]", "{free: true, amount: 5}"])
QUOTED_TEXT = st.text(max_size=40).map(lambda text: json.dumps(text))  # any character, escaped as YAML reads it
PLAIN_TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=20)
LONG_IDS = st.integers(95, 110).map(lambda n: "a" * n)
SCALARS = st.one_of(LONG_IDS, DATES, VALID_DATES, TIMES, TIMES.map(lambda t: f'"{t}"'), st.builds(lambda d, t: f"{d}T{t}", VALID_DATES, TIMES), NUMBERS, WORDS, QUOTED_TEXT, PLAIN_TEXT)
KEYS = st.sampled_from(["name", "categories", "summary", "verified", "status", "area", "languages", "audience", "membership", "activities", "contact", "address", "venues", "tags", "social", "volunteering", "org_number", "unknown_key"])


@st.composite
def mutated_file(draw) -> str:
    lines = ORGANIZATION_FILES[draw(st.integers(0, len(ORGANIZATION_FILES) - 1))].read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["value", "value", "value", "drop", "double", "add"]))
        line = lines[index]
        if operation == "value":
            match = re.match(r"^(\s*(?:- )?[A-Za-z_]+:)\s*(.*)$", line)
            if match:
                lines[index] = f"{match[1]} {draw(SCALARS)}"
            else:  # a list item or an inline mapping: change one value inside it
                lines[index] = re.sub(r"(?<=: )[^,}\]]+", lambda _: draw(SCALARS).replace("\n", " "), line, count=1)
        elif operation == "drop" and len(lines) > 1:
            del lines[index]
        elif operation == "double":
            lines.insert(index, line)
        elif operation == "add":
            lines.insert(index, f"{draw(KEYS)}: {draw(SCALARS)}")
    return "\n".join(lines) + "\n"


@FUZZ
@given(text=mutated_file())
def test_a_mutated_association_file_is_answered_or_builds(site, text):
    event("refused with a message" if check_and_build(site, text) else "accepted and built")


# --- activities with arbitrary dates, times and numbers -------------------------------------------

INTEGERS = st.one_of(st.integers(-2, 6), st.integers(-(10**6), 10**6))
GOOD_TIMES = st.times().map(lambda t: t.strftime("%H:%M"))
SOME_TIMES = st.one_of(GOOD_TIMES, GOOD_TIMES, TIMES)
SOME_DATES = st.one_of(VALID_DATES, VALID_DATES, VALID_DATES, EDGE_DATES, DATES)


def mostly(good, anything):
    """Values that pass the check two times in three, so that many examples reach the build."""
    return st.one_of(good, good, anything)


@st.composite
def activity_file(draw) -> str:
    days = draw(st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), min_size=1, max_size=3))
    start, end = sorted([draw(SOME_TIMES), draw(SOME_TIMES)])
    rule = {"days": days, "start": start, "end": end, "from": draw(SOME_DATES)}
    if draw(st.booleans()):
        rule["until"] = draw(SOME_DATES)
    if draw(st.booleans()):
        rule["every"] = draw(mostly(st.integers(1, 4), INTEGERS))
    if draw(st.booleans()):
        rule["week_of_month"] = draw(mostly(st.sampled_from([1, 2, 3, 4, -1]), INTEGERS))
    if draw(st.booleans()):
        rule["except"] = draw(st.lists(VALID_DATES, max_size=3))
    rule["skip_school_holidays"] = draw(st.booleans())
    rule["skip_public_holidays"] = draw(st.booleans())
    single = draw(st.lists(st.one_of(
        st.builds(lambda d, e: {"date": d, **({"end_date": e} if e else {})}, SOME_DATES, st.one_of(st.none(), SOME_DATES)),
        st.builds(lambda d1, t1, d2, t2: {"start": f"{d1}T{t1}", "end": f"{d2}T{t2}"}, SOME_DATES, SOME_TIMES, SOME_DATES, SOME_TIMES),
    ), min_size=1, max_size=3))
    activity = {"id": "trening", "title": "Trening", "location": "Hallen"}
    if draw(st.booleans()):
        activity["audience"] = {"age_min": draw(mostly(st.integers(0, 10), INTEGERS)), "age_max": draw(mostly(st.integers(10, 120), INTEGERS))}
    activity.update({"schedule": [rule]} if draw(st.booleans()) else {"dates": single})
    if draw(st.booleans()):
        activity["signup"] = {"required": True, "deadline": draw(SOME_DATES)}
    record = {
        "name": "Laget", "categories": [1200], "contact": {"email": "post@laget.no"},
        "membership": {"fee": draw(mostly(st.integers(0, 5000), INTEGERS)), "per": "year"}, "verified": draw(mostly(VALID_DATES, DATES)),
        "activities": [activity],
    }
    # Dates and times as plain YAML scalars, the way an editor types them (JSON would quote them).
    return re.sub(r'"([0-9]{1,4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2})?)"', r"\1", json.dumps(record, ensure_ascii=False))


EDGE_ACTIVITY = (
    '{"name": "Laget", "categories": [1200], "contact": {"email": "a@b.no"}, "verified": 2026-01-01, "activities": [{"id": "%s",'
    ' "title": "Trening", "location": "Hallen", "dates": [{"date": %s, "end_date": %s}]}]}'
)


@FUZZ
@example(text=EDGE_ACTIVITY % ("a" * 100, "1900-01-01", "2200-12-31"))
@example(text=EDGE_ACTIVITY % ("a" * 101, "0001-01-01", "9999-12-31"))
@example(text=EDGE_ACTIVITY % ("trening", "2200-12-31", "2200-12-31"))
@given(text=activity_file())
def test_an_activity_with_any_dates_times_and_numbers_is_answered_or_builds(site, text):
    event("refused with a message" if check_and_build(site, text) else "accepted and built")


def test_the_edges_of_the_accepted_years_are_among_the_examples(site):
    """The strategy reaches both sides of the rule, so the property says something about it."""
    accepted = check_and_build(site, '{"name": "Laget", "categories": [1200], "contact": {"email": "a@b.no"}, "verified": 2200-12-31}')
    refused = check_and_build(site, '{"name": "Laget", "categories": [1200], "contact": {"email": "a@b.no"}, "verified": 2201-01-01}')
    assert accepted == [] and len(refused) == 1 and "1900–2200" in refused[0]
