"""The Norwegian issue forms, defined once: GitHub's form files are generated from
these definitions, and ``katalog from-issue`` reads a submitted form with them.

A form field names the contract field it fills (``target``) and how its text
becomes a value. The YAML a form produces is written with quoted strings only, so
whatever an outsider types stays data; then the file goes through the same full
validation as every other file before anything is proposed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from frivilligkatalogen.base.i18n import t, table
from frivilligkatalogen.model.activity import WEEKDAYS
from frivilligkatalogen.model.categories import CATEGORY_CODES, category_name
from frivilligkatalogen.model.field_texts import path_text
from frivilligkatalogen.model.organization import VOLUNTEER_GROUPS, Organization
from frivilligkatalogen.model.venue import ACCESSIBILITY, FACILITIES, VENUE_TYPES, Venue


@dataclass(frozen=True)
class FormField:
    """One question of a form."""

    id: str
    kind: str  # input, textarea, dropdown, checkboxes
    target: str | None = None
    """Contract field path it fills (``contact.email``), or None when it only informs the
    coordinator."""
    required: bool = False
    options: tuple = ()
    """For dropdowns: (value, label) pairs; the label is shown, the value stored."""
    multiple: bool = False
    convert: str = "text"
    """text, int, list, categories, days, bool, id."""
    record: type | None = None
    """The record the form makes; a question that fills a field takes that field's label and
    help (:mod:`~frivilligkatalogen.model.field_texts`), the same words as the web form's."""

    @property
    def label(self) -> str:
        if self.record is not None and self.target and self.target != "id":
            return path_text(self.record, self.target, "label")
        return t(f"forms.fields.{self.id}.label")

    @property
    def description(self) -> str:
        if self.record is not None and self.target and self.target != "id":
            return path_text(self.record, self.target, "help")
        return t(f"forms.fields.{self.id}.help")


@dataclass(frozen=True)
class Form:
    """One issue form: which kind of file it makes, and its questions."""

    id: str
    kind: str | None  # organization, venue, None (a report only)
    change: bool
    fields: tuple = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return t(f"forms.{self.id}.name")

    @property
    def label(self) -> str:
        return "skjema:" + self.id


def _texts(parent: str, *names: str, id_prefix: str = "", **more) -> tuple:
    """One text question for each of the fields ``names`` under ``parent``, each with the
    question id ``id_prefix + name``."""
    return tuple(FormField(id_prefix + name, "input", parent + name, **more) for name in names)


def _dropdown(field_id: str, target: str, options: tuple, **more) -> FormField:
    """A question answered by choosing from ``options`` ((value, label) pairs)."""
    return FormField(field_id, "dropdown", target, options=options, **more)


def _category_options() -> tuple:
    return tuple((str(code), category_name(code)) for code in CATEGORY_CODES)


def _choices(name: str, values) -> tuple:
    labels = table(name)
    return tuple((value, labels[value]) for value in values)


def _day_options() -> tuple:
    from frivilligkatalogen.base.i18n import word_list

    return tuple(zip(WEEKDAYS, word_list("time.weekdays")))


def organization_fields(change: bool) -> tuple:
    required = not change
    which = (FormField("id", "input", "id", required=True, convert="id"),) if change else ()
    return which + (
        FormField("name", "input", "name", required=required),
        _dropdown(
            "categories",
            "categories",
            _category_options(),
            required=required,
            multiple=True,
            convert="categories",
        ),
        FormField("summary", "textarea", "summary", required=required),
        FormField("description", "textarea", "description"),
        *_texts("contact.", "email", "phone", "website"),
        *_texts("contact.person.", "name", "role", id_prefix="person_"),
        FormField("consent", "checkboxes", "contact.person.consent", convert="bool"),
        FormField("area", "input", "area"),
        *_texts("audience.", "age_min", "age_max", convert="int"),
        *_texts("address.", "street", "postal_code", "city"),
        FormField("org_number", "input", "org_number"),
        FormField("fee", "input", "membership.fee", convert="int"),
        FormField("activity_title", "input", "activities.0.title"),
        FormField("activity_place", "input", "activities.0.location"),
        _dropdown(
            "activity_days",
            "activities.0.schedule.0.days",
            _day_options(),
            multiple=True,
            convert="days",
        ),
        *_texts("activities.0.schedule.0.", "start", "end", "from", "until", id_prefix="activity_"),
        FormField("volunteer_title", "input", "volunteering.0.title"),
        FormField("volunteer_description", "textarea", "volunteering.0.description"),
        _dropdown(
            "volunteer_suited_for",
            "volunteering.0.suited_for",
            _choices("volunteer_groups", VOLUNTEER_GROUPS),
            multiple=True,
            convert="list",
        ),
        FormField("volunteer_contact", "input", "volunteering.0.contact"),
        FormField("confirm", "checkboxes", None, required=True, convert="bool"),
    )


def venue_fields() -> tuple:
    return (
        FormField("venue_name", "input", "name", required=True),
        _dropdown("venue_type", "type", _choices("venue_types", VENUE_TYPES), required=True),
        *_texts("address.", "street", "postal_code", "city", required=True),
        FormField("venue_area", "input", "area"),
        FormField("venue_description", "textarea", "description"),
        FormField("capacity", "input", "capacity", convert="int"),
        _dropdown(
            "facilities",
            "facilities",
            _choices("facilities", FACILITIES),
            multiple=True,
            convert="list",
        ),
        _dropdown(
            "accessibility",
            "accessibility",
            _choices("accessibility", ACCESSIBILITY),
            multiple=True,
            convert="list",
        ),
        *_texts("booking.", "url", "email", id_prefix="booking_"),
        FormField(
            "free_for_volunteers", "checkboxes", "booking.free_for_volunteers", convert="bool"
        ),
    )


def report_fields() -> tuple:
    return (
        FormField("page", "input", None, required=True),
        FormField("problem", "textarea", None, required=True),
    )


def forms() -> list[Form]:
    """Every form, in the order GitHub shows them."""
    new, change = organization_fields(False), organization_fields(True)
    return [
        Form("ny-organisasjon", "organization", False, _of(Organization, new)),
        Form("endre-oppforing", "organization", True, _of(Organization, change)),
        Form("nytt-lokale", "venue", False, _of(Venue, venue_fields())),
        Form("meld-fra", None, False, report_fields()),
    ]


def _of(record: type, fields: tuple) -> tuple:
    return tuple(replace(item, record=record) for item in fields)


def form_by_label(labels: list[str]) -> Form | None:
    """The form an issue was made with, from the label its template sets."""
    for form in forms():
        if form.label in labels:
            return form
    return None
