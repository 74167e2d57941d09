"""Reading built HTML the way a browser would, to assert what a person sees."""

from __future__ import annotations

from html.parser import HTMLParser


class Scan(HTMLParser):
    """Collects tags with attributes, script bodies, the title, and the visible text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.data_blocks: list[str] = []
        """Contents of ``<script type="application/ld+json">``: data, never run."""
        self.text_parts: list[str] = []
        self.title = ""
        self._in: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data):
        current = self._in[-1] if self._in else ""
        if current == "script":
            script_type = next((a.get("type") for t, a in reversed(self.tags) if t == "script"), None)
            (self.data_blocks if script_type == "application/ld+json" else self.scripts).append(data)
        elif current == "title":
            self.title += data
        elif current != "style":
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def links(self) -> list[str]:
        return [attrs.get("href") or "" for tag, attrs in self.tags if tag == "a"]

    def meta(self, name: str) -> str | None:
        for tag, attrs in self.tags:
            if tag == "meta" and attrs.get("name") == name:
                return attrs.get("content")
        return None

    def article(self) -> str:
        """The visible text of the page's main content only."""
        return self.text
