"""What stands between the internet and the form service: a cap on every request's size,
security headers on every answer, signed forms that another site cannot post, rate limits per
client and per entry, a honeypot field, ALTCHA's robot check (a proof of work the browser
solves), and signed confirmation links that expire."""

from __future__ import annotations

import hashlib
import time

import altcha
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from starlette.datastructures import ImmutableMultiDict
from starlette.requests import Request

from frivilligkatalogen.service.config import (
    FORM_HOURS,
    LINK_DAYS,
    MAX_BODY_BYTES,
    POSTS_PER_ENTRY_PER_HOUR,
    POSTS_PER_MINUTE,
)
from frivilligkatalogen.service.editing import CONFIRM_ONLY, CONFIRMATION, UNCHECKED
from frivilligkatalogen.service.store import Change, Store

ROBOT_CHECK = "altcha"
"""The answer of ALTCHA's widget: a proof of work solved by the browser."""

ROBOT_CHECK_COST = 5000
"""PBKDF2 iterations of one try; a browser needs about 256 tries (the key must start 00)."""

ROBOT_CHECK_MINUTES = 30
"""How long a challenge may be solved and sent."""

HONEYPOT = "nettsted2"
"""A field people never see; a program that fills in every field fills it in."""

TOKEN = "_token"

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
        b"worker-src 'self'; connect-src 'self'; form-action 'self'; "
        b"frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"no-store"),
]

Refusal = tuple[str, int]
"""A page key of the locale's ``service.pages`` and the HTTP status to answer with."""


class Guard:
    def __init__(self, store: Store, signer: URLSafeTimedSerializer, secret: str):
        self.store = store
        self.signer = signer
        self.secret = secret

    def form_token(self, path: str) -> str:
        """The signed token a form carries: for this address, for ``FORM_HOURS`` hours."""
        return self.signer.dumps(path, salt="skjema")

    async def posted(self, request: Request) -> Refusal | None:
        """Why a post is refused (another site, too many, an old or forged form), or None."""
        answers, refused = await self.answers(request)
        return refused

    def too_many(self, *buckets: str) -> bool:
        """Count one kept change in each bucket (an entry, an address); True when one of them
        has had more than ``POSTS_PER_ENTRY_PER_HOUR`` in the last hour."""
        counts = [self.store.count(bucket, 3600) for bucket in buckets]
        return max(counts) > POSTS_PER_ENTRY_PER_HOUR

    async def answers(self, request: Request) -> tuple[ImmutableMultiDict | None, Refusal | None]:
        """The answers of a post, or why it is refused; (None, None) when the honeypot was
        filled in (the sender is told it went well, and nothing happens)."""
        site = request.headers.get("sec-fetch-site")
        if site == "cross-site":
            return None, ("cross_site", 403)
        client = request.client.host if request.client else "?"
        if self.store.count(f"klient:{client}", 60) > POSTS_PER_MINUTE:
            return None, ("too_many", 429)
        form = await request.form(max_files=0, max_fields=4000, max_part_size=MAX_BODY_BYTES)
        token = form.get(TOKEN)
        try:
            path = self.signer.loads(str(token or ""), salt="skjema", max_age=FORM_HOURS * 3600)
        except BadSignature:
            return None, ("old_form", 400)
        if path != request.url.path:
            return None, ("old_form", 400)
        if str(form.get(HONEYPOT) or ""):
            return None, None
        solved = str(form.get(ROBOT_CHECK) or "")
        if solved and not self.robot_check_passed(solved):
            return None, ("robot_check", 400)
        pairs = [
            (key, value)
            for key, value in form.multi_items()
            if key not in (TOKEN, HONEYPOT, ROBOT_CHECK, UNCHECKED) and isinstance(value, str)
        ]
        if not solved:
            pairs.append((UNCHECKED, "1"))
        return ImmutableMultiDict(pairs), None

    def robot_challenge(self) -> dict:
        """A new ALTCHA challenge, signed with the service's secret."""
        challenge = altcha.create_challenge(
            "PBKDF2/SHA-256",
            ROBOT_CHECK_COST,
            expires_at=int(time.time()) + ROBOT_CHECK_MINUTES * 60,
            hmac_secret=self.secret,
            hmac_key_secret=self.secret + ":nøkkel",
        )
        return challenge.to_dict()

    def robot_check_passed(self, payload: str) -> bool:
        """A solved challenge, used once (the same answer sent again is refused)."""
        try:
            found = altcha.verify_solution(
                payload, self.secret, hmac_key_secret=self.secret + ":nøkkel"
            )
        except (ValueError, TypeError, KeyError):
            return False
        if not found.verified:
            return False
        used = hashlib.sha256(payload.encode("utf-8", "replace")).hexdigest()
        return self.store.count(f"robot:{used}", ROBOT_CHECK_MINUTES * 60) == 1

    def confirmation(self, link: str) -> tuple[Change | None, str | None]:
        """The change a confirmation link is for, or why it cannot be used."""
        try:
            payload = self.signer.loads(link, salt=CONFIRMATION, max_age=LINK_DAYS * 86400)
        except SignatureExpired:
            return None, "expired_link"
        except BadSignature:
            return None, "forged_link"
        if not isinstance(payload, dict):
            return None, "forged_link"
        if "v" in payload:  # "Alt stemmer" from a reminder: the change is made on first use
            change_id = "v-" + str(payload.get("n"))
            self.store.add(
                CONFIRM_ONLY,
                "organizations",
                str(payload["v"]),
                [],
                "påminnelse",
                change_id=change_id,
            )
        else:
            change_id = str(payload.get("c"))
        change = self.store.get(change_id)
        return (change, None) if change is not None else (None, "forged_link")


class Protected:
    """ASGI middleware: refuses a body over ``MAX_BODY_BYTES``, or one that does not say its
    length (browsers always do), before it is read; adds the security headers to every answer.
    The server holds a request to the length it declares."""

    def __init__(self, app, too_large):
        self.app = app
        self.too_large = too_large

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        unsaid = declared is None and b"transfer-encoding" in headers
        if unsaid or (
            declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES)
        ):
            return await self.too_large(scope, receive, with_headers)
        return await self.app(scope, receive, with_headers)
