"""The one rule for a web address: ``http://`` or ``https://``, a host with a dot, no spaces.

Here, in the first stage, because the site's own options (the accessibility statement, a
campaign's page, the licence) follow it as much as the data does (``model/values.py``)."""

from __future__ import annotations

import re

WEB_ADDRESS = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?::\d+)?([/?#][^\s]*)?$", re.IGNORECASE)


def is_web_address(text: str) -> bool:
    """True for an http(s) address."""
    return bool(WEB_ADDRESS.match(text))
