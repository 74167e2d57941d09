"""The catalogue's contents: every record of ``data/`` and every problem found, and what the
views read from them (associations by name and by category, active ones, their volunteering
tasks, each venue's users)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from frivilligkatalogen.base.errors import Problem
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.load.records import Reading
from frivilligkatalogen.model import Activity, Grant, Holidays, MeetingPlaces, Organization, Venue
from frivilligkatalogen.model.organization import Volunteering


@dataclass(frozen=True)
class Source:
    """Where a record came from: the file (relative to the site root) and its values' positions."""

    path: str
    positions: dict = field(hash=False, compare=False)

    def position(self, field_path: str) -> tuple[int, int]:
        return Reading(self.path, None, positions=self.positions).position(field_path)


@dataclass
class Catalog:
    """Everything in ``data/``, valid or with its problems listed."""

    settings: Settings
    organizations: dict[str, Organization] = field(default_factory=dict)
    venues: dict[str, Venue] = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)
    holidays: Holidays = field(default_factory=Holidays)
    meeting_places: MeetingPlaces = field(default_factory=MeetingPlaces)
    problems: list[Problem] = field(default_factory=list)
    derived: dict = field(default_factory=dict, repr=False, compare=False)
    """What is worked out from the records once and read many times (the sorted associations,
    each venue's users), filled in when first asked for; the catalogue does not change after
    loading."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def is_stale(self, verified: date) -> bool:
        """True when an entry was last confirmed longer ago than the site allows."""
        return verified < self.settings.today - timedelta(days=self.settings.stale_after_days)

    def organizations_by_category(self) -> dict[int, list[Organization]]:
        """Active associations under each category code they name."""
        out: dict[int, list[Organization]] = defaultdict(list)
        for org in self.active_organizations():
            for code in org.categories:
                out[code].append(org)
        return dict(out)

    def sorted_organizations(self) -> list[Organization]:
        """Associations by name (sorted once: the catalogue does not change once it is loaded)."""
        if "sorted" not in self.derived:
            self.derived["sorted"] = sorted(
                self.organizations.values(), key=lambda o: (o.name.casefold(), o.id)
            )
        return self.derived["sorted"]

    def active_organizations(self) -> list[Organization]:
        """Associations that are active (not ``inactive`` or ``closed``), by name: the ones the
        directory, the calendars, the open data and the embeds publish."""
        return [org for org in self.sorted_organizations() if org.is_active]

    def volunteering_tasks(self) -> list[tuple[Organization, Volunteering]]:
        """Every volunteering task of the active associations, association by association in
        name order, each association's tasks in its own order ("Bli frivillig", its filters,
        feed and open data)."""
        if "tasks" not in self.derived:
            self.derived["tasks"] = [
                (org, task)
                for org in self.active_organizations()
                for task in org.volunteering or []
            ]
        return self.derived["tasks"]

    def sorted_venues(self) -> list[Venue]:
        return sorted(self.venues.values(), key=lambda v: (v.name.casefold(), v.id))

    def users_of_venue(
        self, venue_id: str
    ) -> tuple[list[Organization], list[tuple[Organization, Activity]]]:
        """Associations that meet at a venue, and activities held there (indexed once, in name
        order)."""
        if "venue_users" not in self.derived:
            organizations: dict[str, list[Organization]] = defaultdict(list)
            activities: dict[str, list[tuple[Organization, Activity]]] = defaultdict(list)
            for org in self.sorted_organizations():
                for venue in dict.fromkeys(org.venues or []):
                    organizations[venue].append(org)
                for activity in org.activities or []:
                    if activity.venue:
                        activities[activity.venue].append((org, activity))
            self.derived["venue_users"] = (None, organizations, activities)
        index = self.derived["venue_users"]
        return list(index[1].get(venue_id, [])), list(index[2].get(venue_id, []))
