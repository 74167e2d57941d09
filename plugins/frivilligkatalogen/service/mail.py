"""The form service's e-mail: built with the standard library's ``email`` package (no typed text
is ever joined into a header), sent through an SMTP relay, or written as ``.eml`` files into an
outbox folder when no relay is set (local use and tests)."""

from __future__ import annotations

import smtplib
import ssl
import time
from dataclasses import dataclass
from email import errors
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from frivilligkatalogen.base.errors import KatalogError, printable
from frivilligkatalogen.base.i18n import t


class MailFailed(KatalogError):
    """The relay did not take the message."""


@dataclass(frozen=True)
class Mailer:
    """Where mail goes: an SMTP URL (``smtp://``, ``smtps://``, ``?starttls=1``), or the outbox."""

    sender: str
    reply_to: str | None
    smtp_url: str | None
    outbox: Path


def message(
    mailer: Mailer, to: str, subject: str, body: str, reply_to: str | None = None
) -> EmailMessage:
    """A plain-text message; MailFailed for an address the mail standard does not allow (the
    catalogue's own rule is looser: ``ola..nordmann@…``)."""
    try:
        return _message(mailer, to, subject, body, reply_to or mailer.reply_to)
    except (ValueError, IndexError, errors.HeaderParseError) as error:
        raise MailFailed(t("service.mail_failed", reason=printable(str(error)))) from error


def _message(mailer: Mailer, to: str, subject: str, body: str, reply_to: str | None):
    mail = EmailMessage()
    mail["From"] = Address(t("service.mail_sender_name"), addr_spec=mailer.sender)
    mail["To"] = Address(addr_spec=to)
    if reply_to:
        mail["Reply-To"] = Address(addr_spec=reply_to)
    mail["Date"] = formatdate(localtime=True)
    mail["Subject"] = printable(subject)
    mail["Message-ID"] = make_msgid(domain=mailer.sender.rpartition("@")[2] or None)
    mail.set_content(body)
    return mail


def send(mailer: Mailer, mail: EmailMessage) -> str:
    """Send (or write) one message; where it went. MailFailed when the relay refuses or is down."""
    if not mailer.smtp_url:
        mailer.outbox.mkdir(parents=True, exist_ok=True)
        path = mailer.outbox / f"{time.time_ns()}.eml"
        path.write_bytes(bytes(mail))
        return str(path)
    parts = urlsplit(mailer.smtp_url)
    secure = parts.scheme == "smtps"
    starttls = parse_qs(parts.query).get("starttls", ["0"])[0] in ("1", "true", "ja")
    try:
        server_class = smtplib.SMTP_SSL if secure else smtplib.SMTP
        port = parts.port or (465 if secure else 25)
        with server_class(parts.hostname or "localhost", port, timeout=30) as server:
            if starttls:
                server.starttls(context=ssl.create_default_context())
            if parts.username:
                server.login(unquote(parts.username), unquote(parts.password or ""))
            server.send_message(mail)
    except (OSError, smtplib.SMTPException) as error:
        raise MailFailed(t("service.mail_failed", reason=printable(str(error)))) from error
    return parts.hostname or "localhost"
