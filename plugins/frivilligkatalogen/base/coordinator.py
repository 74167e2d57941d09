"""The municipality's volunteer coordinator (frivillighetskoordinator): one door in.

A record of the ``coordinator`` option in :mod:`frivilligkatalogen.base.options`; every part is
optional, but a coordinator the site shows must be reachable, by e-mail or phone, each checked by
the one rule the data follows too (:mod:`frivilligkatalogen.base.reach`)."""

from __future__ import annotations

from dataclasses import dataclass

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.reach import is_email, normal_phone, shown_phone


@dataclass(frozen=True)
class Coordinator:
    """The municipality's contact for associations and residents who want to volunteer."""

    name: str | None = None
    """The person's name (only with their consent) or a team's, e.g. ``Frivilligsentralen``."""
    role: str | None = None
    """What they are, e.g. ``Frivillighetskoordinator``; the page says so when it is left out."""
    email: str | None = None
    """A role address such as ``frivillighet@kommune.no`` rather than a private one."""
    phone: str | None = None
    """A Norwegian number, written as the data writes one (8 digits, with or without +47)."""
    visiting_address: str | None = None
    """Where to find them, e.g. ``Rådhuset, 2. etasje, Storgata 1, 5900 Lindvik``."""
    opening_hours: str | None = None
    """When they answer or receive visitors, in words, e.g. ``Mandag–fredag 09–15``."""

    @property
    def shown_phone(self) -> str | None:
        """The phone number as people read it (``+47 12 34 56 78``)."""
        number = self.dialled_phone
        return shown_phone(number) if number else None

    @property
    def dialled_phone(self) -> str | None:
        """The phone number for a ``tel:`` link and schema.org (``+4712345678``)."""
        return normal_phone(self.phone) if self.phone else None


def coordinator_mistakes(value: dict) -> list[str]:
    """A Norwegian line for each part of the ``coordinator`` option that breaks its rule."""
    mistakes = []
    if not value.get("email") and not value.get("phone"):
        mistakes.append(t("settings.coordinator_unreachable"))
    if value.get("email") and not is_email(value["email"]):
        mistakes.append(t("settings.coordinator_email", value=value["email"]))
    if value.get("phone") and not normal_phone(str(value["phone"])):
        mistakes.append(t("settings.coordinator_phone", value=value["phone"]))
    return mistakes
