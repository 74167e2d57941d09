"""The words of the form service's pages and e-mails, put together from the locale file."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.datastructures import ImmutableMultiDict

from frivilligkatalogen.base.errors import Problem
from frivilligkatalogen.base.i18n import t, table, word_list
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.service.editing import UNCHECKED
from frivilligkatalogen.service.web_form import Question

STYLESHEETS = (
    "/ressurser/material/main.css",
    "/ressurser/material/palette.css",
    "/ressurser/skjema.css",
)
"""Material's own stylesheets (the site's look) and the service's additions."""

MATERIAL_STYLESHEETS = {"main.css": "main.*.min.css", "palette.css": "palette.*.min.css"}


def material_stylesheet(name: str) -> Path | None:
    """Material's stylesheet ``name`` as installed (its file name carries a hash)."""
    import material

    pattern = MATERIAL_STYLESHEETS.get(name)
    if pattern is None:
        return None
    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return next(iter(sorted(folder.glob(pattern))), None)


def paragraphs(key: str) -> list[str]:
    return word_list(f"service.pages.{key}.text")


def form_title(kind: str, entry) -> str:
    if kind == "new":
        return t("service.pages.register.title")
    return t("service.pages.edit.title", name=entry.name)


def form_intro(kind: str, entry) -> list[str]:
    return paragraphs("register" if kind == "new" else "edit")


def before_button(kind: str, entry) -> list[str]:
    if kind == "new":
        return [t("service.before_send_new")]
    if entry.email:
        return [t("service.before_send", address=masked(entry.email))]
    return [t("service.before_send_no_address")]


def email_needed() -> Problem:
    return Problem("", 0, 0, "contact.email", t("service.email_needed"))


def masked(address: str) -> str:
    """An e-mail address shown on a page without giving all of it away: ``ka…@fjordvik.no``."""
    local, _, domain = address.partition("@")
    return f"{local[:2]}…@{domain}"


def report_questions(page: str, answers: ImmutableMultiDict | None = None) -> list[Question]:
    answers = answers or ImmutableMultiDict()
    problem = answers.get("melding", "")
    return [
        Question(
            "side",
            "text",
            t("forms.fields.page.label"),
            t("forms.fields.page.help"),
            answers.get("side", page)[:300],
        ),
        Question(
            "melding",
            "textarea",
            t("forms.fields.problem.label"),
            t("forms.fields.problem.help"),
            problem[:5000],
            required=True,
            error=""
            if problem.strip() or answers.get("side") is None
            else t("service.report.problem_missing"),
        ),
        Question(
            "svar",
            "text",
            t("service.report.reply"),
            t("service.report.reply_help"),
            answers.get("svar", "")[:200],
            input_mode="email",
        ),
    ]


def report_text(answers: ImmutableMultiDict, fenced: bool) -> tuple[str, str]:
    """A report's title and text; ``fenced`` for a GitHub issue (the typed text in code blocks),
    plain for an e-mail."""
    page = answers.get("side", "").strip()[:300]
    title = t("service.report.title", page=page or "–")
    shown = _quoted if fenced else str
    body = t(
        "service.report.body",
        page=shown(page or "–"),
        problem=shown(answers.get("melding", "").strip()[:5000]),
        reply=shown(answers.get("svar", "").strip()[:200] or "–"),
    )
    if answers.get(UNCHECKED):
        body += "\n" + t("service.pr_body_unchecked") + "\n"
    return title, body


def _quoted(text: str) -> str:
    """An outsider's text as a fenced block: in a GitHub issue it stays text (no @-mention, no
    link, no markup), and in an e-mail it reads the same."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f"{fence}text\n{text}\n{fence}"


def robot_words() -> dict:
    """The words of ALTCHA's widget, from the locale file (its own keys)."""
    return table("service.robot.widget")


def confirmation_mail(kind: str, name: str, link: str, days: int, settings: Settings) -> str:
    key = {"new": "mail_new", "confirm-only": "mail_still_right"}.get(kind, "mail_change")
    return t(f"service.{key}", name=name, link=link, days=days, municipality=settings.municipality)
