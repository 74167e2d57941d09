"""A synthetic municipality of N associations for benchmarks (deterministic for a given N).

Realistic field mix: Norwegian names and text, 1-3 categories, two activities each
(weekly rules of several shapes and one-off dates), one venue per ten
associations, a site configuration like the example's.

    python bench/synthetic.py 5000 /tmp/by5000
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

from frivilligkatalogen.model.venue import VENUE_TYPES

REPO = Path(__file__).resolve().parent.parent
CATEGORIES = [
    1100,
    1200,
    1300,
    2300,
    3400,
    4100,
    4200,
    5100,
    5200,
    6100,
    6200,
    7100,
    8200,
    9100,
    10100,
    13100,
    14100,
]
AREAS = ["Sentrum", "Nordbygda", "Sørbygda", "Vestsida", "Øyane"]
PLACES = [
    "Lindvik",
    "Nordbygda",
    "Sørbygda",
    "Vestsida",
    "Holmøy",
    "Berg",
    "Dalen",
    "Fjellheim",
    "Strand",
    "Haugen",
]
KINDS = [
    "idrettslag",
    "skolekorps",
    "kor",
    "speidergruppe",
    "pensjonistforening",
    "turlag",
    "sjakklubb",
    "historielag",
    "velforening",
    "teaterlag",
    "husflidslag",
    "fotballklubb",
    "dansegruppe",
    "menighetsgruppe",
    "leksehjelp",
    "språkkafé",
    "seniordans",
    "e-sportklubb",
    "fiskeforening",
    "hagelag",
]
WORDS = [
    "vi",
    "møtes",
    "hver",
    "uke",
    "og",
    "ønsker",
    "nye",
    "medlemmer",
    "velkommen",
    "alle",
    "kan",
    "være",
    "med",
    "uansett",
    "alder",
    "og",
    "erfaring",
    "vi",
    "har",
    "det",
    "sosialt",
    "og",
    "lærer",
    "av",
    "hverandre",
    "barn",
    "unge",
    "voksne",
    "og",
    "eldre",
    "trener",
    "øver",
    "spiller",
    "synger",
    "går",
    "tur",
    "lager",
    "mat",
    "hjelper",
    "naboer",
    "i",
    "nærmiljøet",
]
TYPES = list(VENUE_TYPES)
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def org_number(rng: random.Random) -> str:
    while True:
        digits = [rng.choice("89")] + [str(rng.randint(0, 9)) for _ in range(7)]
        remainder = sum(int(d) * w for d, w in zip(digits, (3, 2, 7, 6, 5, 4, 3, 2))) % 11
        check = 0 if remainder == 0 else 11 - remainder
        if check != 10:
            return "".join(digits) + str(check)


def sentence(rng: random.Random, count: int) -> str:
    words = [rng.choice(WORDS) for _ in range(count)]
    return (" ".join(words)).capitalize() + "."


def venue_yaml(rng: random.Random, index: int) -> str:
    place = rng.choice(PLACES)
    return f"""name: {place} {rng.choice(["grendahus", "skole", "hall", "kulturhus", "bedehus"])} {index}
type: {rng.choice(TYPES)}
address: {{street: "{place}vegen {index % 90 + 1}", postal_code: "{5700 + index % 20}", city: {place}}}
geo: {{lat: {60.3 + rng.random() / 3:.4f}, lon: {5.0 + rng.random() / 2:.4f}}}
capacity: {rng.randint(20, 400)}
accessibility: [{rng.choice(["step_free_entrance", "wheelchair_accessible", "elevator"])}]
booking: {{email: booking{index}@lindvik.kommune.no, free_for_volunteers: {str(rng.random() < 0.6).lower()}}}
verified: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}
"""


def activity_yaml(rng: random.Random, index: int, venue: str) -> str:
    start = rng.choice(["17:00", "18:00", "18:30", "19:00", "10:00"])
    end = {
        "17:00": "18:30",
        "18:00": "20:00",
        "18:30": "20:00",
        "19:00": "21:00",
        "10:00": "12:00",
    }[start]
    shape = rng.random()
    if shape < 0.7:
        days = ", ".join(sorted(rng.sample(DAYS, rng.choice([1, 1, 2])), key=DAYS.index))
        extra = "\n        every: 2" if rng.random() < 0.15 else ""
        extra += "\n        skip_school_holidays: true" if rng.random() < 0.5 else ""
        when = f"""    schedule:
      - days: [{days}]
        start: "{start}"
        end: "{end}"
        from: 2026-08-17
        until: 2027-06-18{extra}"""
    elif shape < 0.85:
        when = f"""    schedule:
      - {{days: [{rng.choice(DAYS)}], start: "{start}", end: "{end}", from: 2026-09-01, week_of_month: {rng.choice([1, 2, -1])}}}"""
    else:
        month = rng.randint(1, 6)
        when = f"""    dates:
      - {{start: 2027-0{month}-1{rng.randint(0, 9)}T{start}, end: 2027-0{month}-1{rng.randint(0, 9)}T{end}}}""".replace(
            f"T{end}}}", f"T{end}}}"
        )
        day = rng.randint(10, 19)
        when = f"""    dates:
      - {{start: 2027-0{month}-{day}T{start}, end: 2027-0{month}-{day}T{end}}}"""
    price = (
        "{free: true}"
        if rng.random() < 0.4
        else f"{{amount: {rng.choice([50, 100, 200])}, per: time}}"
    )
    return f"""  - id: aktivitet-{index}
    title: {rng.choice(["Trening", "Øvelse", "Møte", "Tur", "Kurs", "Kveld"])} {index}
    venue: {venue}
    price: {price}
{when}
"""


def organization_yaml(rng: random.Random, index: int, venues: int) -> str:
    place = rng.choice(PLACES)
    kind = rng.choice(KINDS)
    categories = ", ".join(str(c) for c in rng.sample(CATEGORIES, rng.choice([1, 1, 2, 3])))
    age_min = rng.choice([None, 6, 8, 10, 13, 18, 60])
    audience = (
        f"audience: {{age_min: {age_min}, age_max: {min(120, age_min + rng.choice([4, 8, 60]))}}}\n"
        if age_min is not None
        else ""
    )
    venue = f"venue-{rng.randrange(venues):05d}"
    description = "\n".join(
        "  " + sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(2, 5))
    )
    return f"""name: {place} {kind} {index}
org_number: "{org_number(rng)}"
categories: [{categories}]
summary: {sentence(rng, rng.randint(8, 18))}
description: |
{description}
{audience}languages: [{rng.choice(["nb", "nb, en", "nb, uk", "nn"])}]
area: {rng.choice(AREAS)}
contact: {{email: post{index}@lag.no, phone: "55{index % 1000000:06d}"}}
venues: [{venue}]
membership: {{fee: {rng.choice([0, 200, 500, 1200])}, per: year, reduced: {str(rng.random() < 0.5).lower()}}}
verified: 2026-0{rng.randint(1, 9)}-0{rng.randint(1, 9)}
activities:
{activity_yaml(rng, 1, venue)}{activity_yaml(rng, 2, venue)}"""


def generate(count: int, target: Path, seed: int = 2026) -> Path:
    """Write a site folder with ``count`` associations; returns it."""
    rng = random.Random(seed + count)
    if target.exists():
        shutil.rmtree(target)
    (target / "data/organizations").mkdir(parents=True)
    (target / "data/venues").mkdir(parents=True)
    (target / "data/grants").mkdir(parents=True)
    venues = max(1, count // 10)
    for index in range(venues):
        (target / f"data/venues/venue-{index:05d}.yaml").write_text(
            venue_yaml(rng, index), encoding="utf-8"
        )
    for index in range(count):
        (target / f"data/organizations/lag-{index:05d}.yaml").write_text(
            organization_yaml(rng, index, venues), encoding="utf-8"
        )
    shutil.copy(REPO / "data/holidays.yaml", target / "data/holidays.yaml")
    for grant in (REPO / "data/grants").glob("*.yaml"):
        shutil.copy(grant, target / "data/grants" / grant.name)
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "overrides", target / "overrides")
    (target / "mkdocs.yml").write_text(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return target


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
