"""Text from outsiders made safe to show.

Descriptions come from anyone who can open a pull request or fill in a form.
They are rendered by a Markdown instance of their own, with no extensions and
with raw HTML turned off (so ``<script>`` shows as text), then cleaned with
``nh3`` against a short allowlist: no event handlers, no ``javascript:`` or
``data:`` links, no images (a picture from another host would be a third-party
request), no attribute lists. The site's own Markdown settings never touch it.
"""

from __future__ import annotations

import re

import markdown
import markdown.treeprocessors
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


class _DemoteHeadings(markdown.treeprocessors.Treeprocessor):
    """A heading in a description sits under the page's own headings: h1-h2 become h3, h5-h6 h4."""

    def run(self, root):
        for element in root.iter():
            if element.tag in ("h1", "h2"):
                element.tag = "h3"
            elif element.tag in ("h5", "h6"):
                element.tag = "h4"
        return root


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 5)
    return md


_MD = _markdown()


def render_markdown(text: str | None) -> Markup:
    """Outsiders' Markdown as clean HTML; raw HTML in it shows as text."""
    if not text:
        return Markup("")
    _MD.reset()
    html = _MD.convert(text)
    return Markup(clean_html(html))


_LINK_WITHOUT_ADDRESS = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)
"""A link whose address nh3 removed (``javascript:`` …): its text stays, as text."""


def clean_html(html: str) -> str:
    """Keep only harmless markup: the allowlist, safe link schemes, ``rel`` on links; a link
    left without an address becomes its text (an ``<a>`` without ``href`` is no link, and HTML
    checkers flag it)."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )
    return _LINK_WITHOUT_ADDRESS.sub(r"\1", cleaned)
