"""The Content-Security-Policy of every page, as a ``<meta>`` tag and as a header value.

A static host cannot always send headers, so each page carries the policy in a
``<meta http-equiv>`` placed first in ``<head>``. Scripts may only come from the
site itself, plus the theme's own inline scripts, allowed by their SHA-256 hash.
Only scripts *outside* the page's content are hashed: whatever stands in the
content came through data from outsiders and must never be allowed, even if a
bug elsewhere let a script element through. JSON-LD blocks are data, not run.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_CONTENT = re.compile(r'<article class="md-content__inner[^"]*"[^>]*>.*?</article>', re.DOTALL)
"""The content area, whatever attributes follow the class (search marks it
``data-pagefind-body``)."""
_DATA_TYPES = ("application/ld+json", "application/json")

BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self' blob:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
"""What every page may load: its own site only. ``'unsafe-inline'`` for styles is
needed by the theme's style attributes; styles cannot run code."""


def theme_script_hashes(html: str) -> list[str]:
    """Hashes of the inline scripts outside the content area, in ``'sha256-…'`` form."""
    outside = _CONTENT.sub("", html)
    hashes = []
    for match in _SCRIPT.finditer(outside):
        attrs = match.group("attrs").lower()
        if "src=" in attrs or any(kind in attrs for kind in _DATA_TYPES):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        token = "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def policy(hashes: list[str], extra: tuple[str, ...] = ()) -> str:
    """The policy text for a page whose theme scripts have these hashes.

    ``extra`` adds script sources a feature needs (Pagefind: ``'wasm-unsafe-eval'``).
    """
    parts = []
    for directive, sources in BASE_POLICY:
        if directive == "script-src":
            sources = " ".join([sources, *extra, *sorted(hashes)])
        parts.append(f"{directive} {sources}")
    return "; ".join(parts)


def add_policy(html: str, extra: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """The page with its policy as the first element of ``<head>``, and the hashes it allowed."""
    hashes = theme_script_hashes(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, extra)}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1), hashes
