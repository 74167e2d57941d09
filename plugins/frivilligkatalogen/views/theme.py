"""What the theme's overrides (footer, search box, feed links, 404 page) and the plugin's plain
page (``adapters/theme/plain.html``) read from ``config.extra.katalog``: the site's options and
the words they show, in the site's language."""

from __future__ import annotations

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.views.addresses import ACTIVITY_FEED, CONTACT, NEWS_FEED, PLAIN_STYLESHEET


def theme_values(settings: Settings, has_site_url: bool) -> dict:
    """The values for ``config.extra.katalog`` (``overrides/``)."""
    return {
        "accessibility_statement": settings.accessibility_statement,
        "privacy_page": settings.privacy_page,
        "contact_email": settings.contact_email,
        "coordinator": _coordinator(settings),
        "feeds": [
            {"title": t("rss.link_news"), "path": NEWS_FEED},
            {"title": t("rss.link_activities"), "path": ACTIVITY_FEED},
        ]
        if has_site_url
        else [],
        "footer_label": t("footer.label"),
        "accessibility_label": t("footer.accessibility_statement"),
        "privacy_label": t("footer.privacy"),
        "contact_label": t("footer.contact"),
        "credit": t("footer.credit"),
        "not_found_title": t("not_found.title"),
        "not_found_text": t("not_found.text"),
        "front_page_label": t("not_found.front_page"),
        "search": settings.search,
        "search_label": t("search.form_label"),
        "search_placeholder": t("search.placeholder"),
        "search_button": t("search.button"),
        "plain_stylesheet": PLAIN_STYLESHEET,
        "skip_label": t("header.skip"),
        "sections_label": t("header.sections"),
    }


def _coordinator(settings: Settings) -> dict | None:
    """The coordinator for the footer of every page: who, how to reach them, and the contact
    page."""
    coordinator = settings.coordinator
    if coordinator is None:
        return None
    return {
        "label": coordinator.role or t("footer.coordinator"),
        "name": coordinator.name,
        "email": coordinator.email,
        "phone": coordinator.shown_phone,
        "tel": coordinator.dialled_phone,
        "page": CONTACT,
    }
