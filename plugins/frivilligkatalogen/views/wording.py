"""Norwegian wording of values: dates, times, phone numbers, schedules, prices.

One place for how a value reads, so the pages, the feeds' descriptions and the
exports say it the same way. Words come from the locale file.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from frivilligkatalogen.base.i18n import t, table, word_list
from frivilligkatalogen.model import Activity, Address, Audience, EventDate, Price, Rule
from frivilligkatalogen.model.activity import WEEKDAYS
from frivilligkatalogen.model.privacy import goes_through_person
from frivilligkatalogen.model.values import is_web_address


def short_date(day: date) -> str:
    """``1. sep. 2026`` (``1 Sep 2026`` in English)."""
    month = word_list("time.months_short")[day.month - 1]
    return t("time.date", day=day.day, month=month, year=day.year)


def long_date(day: date) -> str:
    """``1. september 2026`` (``1 September 2026``)."""
    return t("time.date", day=day.day, month=word_list("time.months")[day.month - 1], year=day.year)


def month_year(day: date) -> str:
    """``Desember 2026``."""
    return sentence_case(f"{word_list('time.months')[day.month - 1]} {day.year}")


def weekday_date(day: date) -> str:
    """``Tirsdag 1. sep. 2026`` (``Tysdag 1. sep. 2026``, ``Tuesday 1 Sep 2026``)."""
    return f"{word_list('time.weekdays')[day.weekday()].capitalize()} {short_date(day)}"


def clock(moment: time | datetime) -> str:
    """``18:00``."""
    return moment.strftime("%H:%M")


def time_span(start: time | datetime, end: time | datetime) -> str:
    """``18:00–20:00``."""
    return f"{clock(start)}–{clock(end)}"


def date_span(first: date, last: date | None) -> str:
    """``1. sep. 2026–27. apr. 2027``, or ``fra 1. sep. 2026`` when it runs on."""
    if last is None:
        return t("time.from_only", first=short_date(first))
    if last == first:
        return short_date(first)
    return t("time.from_until", first=short_date(first), until=short_date(last))


def sentence_case(text: str) -> str:
    """First letter upper case, the rest as written (``HC-parkering`` stays)."""
    return text[:1].upper() + text[1:]


def join_words(words: list[str]) -> str:
    """``a``, ``a og b``, ``a, b og c``."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {t('time.and')} {words[-1]}"


def rule(rule: Rule) -> str:
    """A recurrence rule in words: ``Tirsdager 18:00–20:00, 1. sep. 2026–27. apr. 2027``."""
    ordered = [day for day in WEEKDAYS if day in rule.days]
    singular = [word_list("time.weekdays")[WEEKDAYS.index(d)] for d in ordered]
    plural = [word_list("time.weekdays_plural")[WEEKDAYS.index(d)] for d in ordered]
    if rule.week_of_month is not None:
        ordinal = (
            t("time.last")
            if rule.week_of_month == -1
            else word_list("time.ordinals")[rule.week_of_month]
        )
        days = t("time.week_of_month", ordinal=ordinal, day=join_words(singular))
    elif rule.every == 2:
        days = t("time.every_other", day=join_words(singular))
    elif rule.every > 2:
        days = t("time.every_nth", days=join_words(plural), n=rule.every)
    else:
        days = join_words(plural)
    span = date_span(rule.first, rule.until)
    text = f"{sentence_case(days)} {time_span(rule.start, rule.end)}, {span}"
    notes = []
    if rule.exceptions:
        notes.append(
            t("time.except", dates=join_words([short_date(d) for d in sorted(rule.exceptions)]))
        )
    if rule.skip_school_holidays:
        notes.append(t("time.skip_school_holidays"))
    if not rule.skip_public_holidays:
        notes.append(t("time.keeps_public_holidays"))
    return text + (f" ({'; '.join(notes)})" if notes else "")


def event_date(event: EventDate) -> str:
    """A single date in words: ``Søndag 13. des. 2026 17:00–18:30`` or an all-day span."""
    if event.is_all_day:
        if event.end_date and event.end_date != event.date:
            text = f"{date_span(event.date, event.end_date)} ({t('time.all_day')})"
        else:
            text = f"{weekday_date(event.date)} ({t('time.all_day')})"
    elif event.start.date() == event.end.date():
        text = f"{weekday_date(event.start.date())} {time_span(event.start, event.end)}"
    else:
        last = weekday_date(event.end.date()).lower()
        text = f"{weekday_date(event.start.date())} {clock(event.start)}–{last} {clock(event.end)}"
    return f"{text} ({t('time.cancelled')})" if event.cancelled else text


def when(activity: Activity) -> list[str]:
    """Every line of an activity's times in words."""
    if activity.schedule:
        return [rule(r) for r in activity.schedule]
    return [event_date(d) for d in activity.dates or []]


def ages(audience: Audience | None) -> str | None:
    """``8–16 år``, ``fra 60 år``, ``til og med 12 år``, or None without limits."""
    if audience is None or (audience.age_min is None and audience.age_max is None):
        return None
    if audience.age_min is not None and audience.age_max is not None:
        return t("page.ages", min=audience.age_min, max=audience.age_max)
    if audience.age_min is not None:
        return t("page.age_from", min=audience.age_min)
    return t("page.age_until", max=audience.age_max)


def groups(audience: Audience | None) -> str | None:
    if audience is None or not audience.groups:
        return None
    names = table("audience_groups")
    return join_words([names[g] for g in audience.groups])


def kroner(amount: int) -> str:
    """``1 800`` with a narrow no-break space as the thousands separator."""
    return f"{amount:,}".replace(",", "\u202f")


def price(value: Price | None) -> str | None:
    """``Gratis`` or ``100 kr per gang``, with the note after."""
    if value is None:
        return None
    if value.is_free:
        text = t("page.price_free")
    else:
        text = t("page.price_amount", amount=kroner(value.amount))
        if value.per:
            text += " " + table("fee_periods")[value.per]
    return f"{text}. {value.note}" if value.note else text


def languages(codes: list[str]) -> str:
    names = table("languages")
    return join_words([names.get(code, code) for code in codes])


def public_street(value: Address) -> str | None:
    """The street line as it may be published: none when it goes through a person
    (:mod:`privacy`)."""
    return None if goes_through_person(value.street) else value.street


def address(value: Address | None) -> str:
    """``Tertnesveien 30, 5113 Tertnes`` (without a ``c/o`` line)."""
    if value is None:
        return ""
    place = " ".join(part for part in (value.postal_code, value.city) if part)
    return ", ".join(part for part in (public_street(value), place) if part)


def occurrence(value) -> str:
    """One occurrence: ``Tirsdag 24. nov. 2026 18:00–20:00`` or ``… (hele dagen)``."""
    if value.all_day:
        last = (value.end - timedelta(days=1)).date()
        if last != value.start.date():
            return f"{date_span(value.start.date(), last)} ({t('time.all_day')})"
        return f"{weekday_date(value.start.date())} ({t('time.all_day')})"
    return f"{weekday_date(value.start.date())} {time_span(value.start, value.end)}"


def decimal(number: float) -> str:
    """``320`` or ``320,5`` (``320.5`` in English): the language's decimal mark, no needless
    decimals."""
    if float(number).is_integer():
        return str(int(number))
    return f"{number:g}".replace(".", t("time.decimal_mark"))


def contact_href(contact: str) -> str:
    """The link for a volunteering contact: ``mailto:`` for an address, the address itself for a web
    page."""
    return contact if is_web_address(contact) else "mailto:" + contact
