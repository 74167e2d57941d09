"""The form service's web pages (Starlette): plain server-rendered forms that work without
JavaScript, each answer checked by the catalogue's own validator, and every change confirmed
through the association's e-mail address before it is proposed.

========================  ==================================================================
``/endre/<id>``           change an association's entry (``/endre-lokale/<id>`` a venue's)
``/alt-stemmer/<id>``     confirm that everything is still right (only ``verified`` changes)
``/registrer``            register a new association
``/meld-fra``             report a mistake to the coordinator
``/bekreft/<link>``       the link of a confirmation e-mail: shows the change and a button
``/helse``                health check for the host (JSON)
========================  ==================================================================
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import ImmutableMultiDict
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.staticfiles import StaticFiles

from frivilligkatalogen.base.i18n import language, set_language, t
from frivilligkatalogen.base.options import build_date
from frivilligkatalogen.model.values import is_email
from frivilligkatalogen.service import delivery, pages
from frivilligkatalogen.service.answers import SHOWN_GROUPS
from frivilligkatalogen.service.config import LINK_DAYS, ServiceConfig
from frivilligkatalogen.service.editing import (
    CHANGE,
    CONFIRM_ONLY,
    NEW,
    Entry,
    answered,
    changed_lines,
    check,
    confirmation_link,
    form_questions,
    new_id,
    new_text,
    proposed_text,
    read_entry,
)
from frivilligkatalogen.service.guard import Guard, Protected
from frivilligkatalogen.service.mail import MailFailed, message, send
from frivilligkatalogen.service.proposals import ProposalConflict, ProposalFailed
from frivilligkatalogen.service.store import WAITING, Change, Store
from frivilligkatalogen.service.web_form import REMOVE

HERE = Path(__file__).parent
log = logging.getLogger("frivilligkatalogen.skjema")
EDIT_PATHS = {"endre": "organizations", "endre-lokale": "venues"}


class FormService:
    """The service's state: its settings, its store, its signer and its templates."""

    def __init__(self, config: ServiceConfig):
        self.config = config
        self.settings = config.settings
        set_language(self.settings.language)  # the catalogue's language: pages, mail, messages
        self.store = Store(config.state / "skjema.sqlite")
        self.store.recover()
        self.guard = Guard(self.store, config.signer, config.secret)
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            t=t,
            language=language,
            settings=self.settings,
            stylesheets=pages.STYLESHEETS,
            remove=REMOVE,
            shown_groups=SHOWN_GROUPS,
            robot_words=pages.robot_words(),
        )

    # Pages -----------------------------------------------------------------------------

    def page(self, template: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("robot_check", template == "form.html")
        return HTMLResponse(self.env.get_template(template).render(**context), status)

    def say(self, key: str, status: int = 200, **values) -> HTMLResponse:
        """A page of the locale's ``service.pages.<key>``: its title and paragraphs."""
        return self.page(
            "message.html",
            status,
            title=t(f"service.pages.{key}.title", **values),
            paragraphs=[line.format(**values) for line in pages.paragraphs(key)],
            back=self.settings.site_url or None,
        )

    def form_page(
        self, request: Request, entry: Entry, kind: str, status=200, problems=(), removing=()
    ):
        found, placed = form_questions(entry, problems, set(removing))
        return self.page(
            "form.html",
            status,
            title=pages.form_title(kind, entry),
            intro=pages.form_intro(kind, entry),
            questions=found,
            problems=placed,
            action=request.url.path,
            token=self.guard.form_token(request.url.path),
            button=t("service.send_button"),
            before_button=pages.before_button(kind, entry),
        )

    # Routes ----------------------------------------------------------------------------

    async def edit(self, request: Request) -> Response:
        folder = EDIT_PATHS[request.url.path.split("/")[1]]
        entry = read_entry(self.settings, folder, request.path_params["id"])
        if entry is None:
            return self.say("unknown_entry", 404)
        if request.method == "GET":
            return self.form_page(request, entry, CHANGE)
        answers, stop = await self._posted(request)
        if stop:
            return stop
        today = build_date()
        text = new_text(CHANGE, folder, entry.text, answers, today)
        problems = await asyncio.to_thread(check, self.settings, folder, entry.record_id, text)
        if problems:
            shown, removing = answered(entry, answers)
            if removing:  # the mistakes placed in the form as shown, items to remove included
                text_shown = new_text(CHANGE, folder, shown.text, ImmutableMultiDict(), today)
                where = (check, self.settings, folder, entry.record_id, text_shown)
                problems = await asyncio.to_thread(*where) or problems
            return self.form_page(request, shown, CHANGE, 400, problems, removing)
        if text == new_text(CONFIRM_ONLY, folder, entry.text, answers, today):
            return self.say("nothing_changed", 200, link=f"/alt-stemmer/{entry.record_id}")
        return await self._ask_confirmation(CHANGE, entry, answers, entry.email)

    async def still_right(self, request: Request) -> Response:
        entry = read_entry(self.settings, "organizations", request.path_params["id"])
        if entry is None:
            return self.say("unknown_entry", 404)
        if request.method == "GET":
            return self.page(
                "confirm.html",
                title=t("service.pages.still_right.title", name=entry.name),
                paragraphs=pages.paragraphs("still_right"),
                lines=[],
                action=request.url.path,
                token=self.guard.form_token(request.url.path),
                button=t("service.still_right_button"),
            )
        answers, stop = await self._posted(request)
        if stop:
            return stop
        if entry.email is None:
            return self.say("no_address", 200)
        return await self._ask_confirmation(CONFIRM_ONLY, entry, ImmutableMultiDict(), entry.email)

    async def register(self, request: Request) -> Response:
        entry = Entry("organizations", "", None)
        if request.method == "GET":
            return self.form_page(request, entry, NEW)
        answers, stop = await self._posted(request)
        if stop:
            return stop
        record_id = new_id(self.settings, "organizations", answers)
        text = new_text(NEW, "organizations", None, answers, build_date())
        problems = await asyncio.to_thread(check, self.settings, "organizations", record_id, text)
        address = answers.get("contact.email", "").strip()
        new_entry = Entry("organizations", record_id, text)
        if not problems and new_entry.email is None:
            problems = [pages.email_needed()]
        if problems:
            return self.form_page(request, new_entry, NEW, 400, problems)
        return await self._ask_confirmation(NEW, new_entry, answers, address)

    async def report(self, request: Request) -> Response:
        if request.method == "GET":
            return self.page(
                "form.html",
                title=t("service.pages.report.title"),
                intro=pages.paragraphs("report"),
                questions=pages.report_questions(request.query_params.get("side", "")),
                problems=[],
                action=request.url.path,
                token=self.guard.form_token(request.url.path),
                button=t("service.send_button"),
                before_button=[],
            )
        answers, stop = await self._posted(request, "report_sent")
        if stop:
            return stop
        problem = answers.get("melding", "").strip()
        if not problem:
            questions = pages.report_questions(answers.get("side", ""), answers)
            return self.page(
                "form.html",
                400,
                title=t("service.pages.report.title"),
                intro=pages.paragraphs("report"),
                questions=questions,
                problems=[(questions[1].id, questions[1].error)],
                action=request.url.path,
                token=self.guard.form_token(request.url.path),
                button=t("service.send_button"),
                before_button=[],
            )
        title, fenced = pages.report_text(answers, fenced=True)
        try:
            where = await asyncio.to_thread(self.config.proposals.report, title, fenced)
            if (
                where is None
            ):  # no issue tracker: an e-mail to the coordinator, replies to the sender
                to = self.settings.contact_email or self.config.mailer.sender
                _, plain = pages.report_text(answers, fenced=False)
                reply = answers.get("svar", "").strip()
                mail = message(
                    self.config.mailer, to, title, plain, reply if is_email(reply) else None
                )
                await asyncio.to_thread(send, self.config.mailer, mail)
        except (ProposalFailed, MailFailed):
            return self.say("report_failed", 503)
        return self.say("report_sent", 200)

    async def confirm(self, request: Request) -> Response:
        change, refused = self.guard.confirmation(request.path_params["link"])
        if refused:
            return self.say(refused, 410 if refused != "forged_link" else 400)
        if change.state != WAITING:
            return self.say("used_link", 410)
        if request.method == "GET":
            entry = read_entry(self.settings, change.folder, change.record_id)
            before = entry.text if entry else None
            try:
                after = proposed_text(change, before, build_date())
            except ProposalConflict as conflict:
                return self.say("conflict", 409, reason=str(conflict))
            except ProposalFailed:
                return self.say("unreadable", 503)
            return self.page(
                "confirm.html",
                title=t("service.pages.confirm.title"),
                paragraphs=pages.paragraphs("confirm"),
                lines=changed_lines(before, after),
                action=request.url.path,
                token=self.guard.form_token(request.url.path),
                button=t("service.confirm_button"),
            )
        refused = await self.guard.posted(request)
        if refused:
            return self._refused(refused)
        if not self.store.take(change.id):
            return self.say("used_link", 410)
        outcome = await asyncio.to_thread(self.deliver, change, True)
        if outcome[0] == "confirmed" and change.kind == NEW:
            return self.say("registered", 200)
        return self.after_delivery(outcome)

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def robot_challenge(self, request: Request) -> Response:
        return JSONResponse(self.guard.robot_challenge())

    async def index(self, request: Request) -> Response:
        return self.say("index", 200)

    async def stylesheet(self, request: Request) -> Response:
        path = pages.material_stylesheet(request.path_params["name"])
        if path is None:
            return self.say("not_found", 404)
        return FileResponse(path, media_type="text/css")

    # Steps -----------------------------------------------------------------------------

    async def _ask_confirmation(self, kind: str, entry: Entry, answers, address: str | None):
        # Counted only when a change is kept or a mail would go: mistakes cost nothing, and nobody
        # can shut an entry, or the registrations, for everyone by sending wrong forms.
        if self.guard.too_many(f"oppforing:{entry.folder}/{entry.record_id}", f"adresse:{address}"):
            return self.say("too_many", 429)
        change = self.store.add(
            kind,
            entry.folder,
            entry.record_id,
            answers.multi_items(),
            address or "",
            base=entry.text if kind == CHANGE else None,
        )
        if not address:  # no address in the data: the coordinator decides, marked unconfirmed
            self.store.take(change.id)
            outcome = await asyncio.to_thread(self.deliver, change, False)
            if outcome[0] == "confirmed":
                return self.say("sent_unconfirmed", 200)
            return self.after_delivery(outcome)
        link = confirmation_link(self.config, change.id)
        # An existing entry is named as in the data: nothing typed reaches its association's mail.
        name = answers.get("name", "") if kind == NEW else entry.name
        try:
            mail = message(
                self.config.mailer,
                address,
                t("service.mail_subject_new" if kind == NEW else "service.mail_subject", name=name),
                pages.confirmation_mail(kind, name, link, LINK_DAYS, self.settings),
            )
            await asyncio.to_thread(send, self.config.mailer, mail)
        except MailFailed:
            return self.say("mail_failed", 503)
        return self.say("check_mail", 200, address=pages.masked(address))

    def deliver(self, change: Change, confirmed: bool) -> tuple[str, str]:
        return delivery.deliver(self.store, self.config, change, confirmed)

    def retry(self) -> int:
        return delivery.retry(self.store, self.config)

    def after_delivery(self, outcome: tuple[str, str]) -> Response:
        state, reason = outcome
        if state == "conflict":
            return self.say("conflict", 409, reason=reason)
        return self.say(state, 200)

    async def _posted(self, request: Request, thanks: str = "sent_unchecked"):
        """The answers of a post, or the page that ends it instead: a refusal, or the thanks a
        filled-in honeypot gets (and nothing else)."""
        answers, refused = await self.guard.answers(request)
        if refused:
            return None, self._refused(refused)
        if answers is None:
            return None, self.say(thanks, 200)
        return answers, None

    def _refused(self, refused: tuple[str, int]) -> Response:
        key, status = refused
        return self.say(key, status)


def create_app(config: ServiceConfig) -> Starlette:
    service = FormService(config)

    async def not_found(request: Request, exc: HTTPException) -> Response:
        key = {404: "not_found", 405: "not_allowed", 413: "too_large"}.get(exc.status_code, "error")
        return service.say(key, exc.status_code)

    async def failed(request: Request, exc: Exception) -> Response:
        return service.say("error", 500)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        async def keep_retrying():
            while True:
                try:
                    await asyncio.to_thread(service.retry)
                except Exception:  # the loop must outlive any one round (a locked store …)
                    log.exception("Nytt forsøk på å sende endringer feilet")
                await asyncio.sleep(config.retry_seconds)

        task = asyncio.create_task(keep_retrying())
        yield
        task.cancel()

    both = ["GET", "POST"]
    routes = [
        Route("/", service.index),
        Route("/helse", service.health),
        Route("/altcha", service.robot_challenge),
        Route("/endre/{id}", service.edit, methods=both),
        Route("/endre-lokale/{id}", service.edit, methods=both),
        Route("/alt-stemmer/{id}", service.still_right, methods=both),
        Route("/registrer", service.register, methods=both),
        Route("/meld-fra", service.report, methods=both),
        Route("/bekreft/{link}", service.confirm, methods=both),
        Route("/ressurser/material/{name}", service.stylesheet),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: not_found, Exception: failed},
        lifespan=lifespan,
    )
    app.mount("/ressurser", StaticFiles(directory=HERE / "static"))
    # An association's form is large (every field, every activity): about a tenth compressed.
    # The forms hold no secret worth guessing byte by byte (a form token is free to fetch).
    app.add_middleware(GZipMiddleware, minimum_size=2000)
    app.state.service = service

    async def too_large(scope, receive, send):
        await service.say("too_large", 413)(scope, receive, send)

    return Protected(app, too_large)
