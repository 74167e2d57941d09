"""``katalog serve-forms`` and ``katalog remind``: the form service's two commands."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from frivilligkatalogen.adapters.progress import ProgressLine, print_problems
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import read_site_settings
from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.service.config import STATE_FOLDER, service_config
from frivilligkatalogen.service.store import Store


def run_serve_forms(root: Path, host: str, port: int, proxies: str | None) -> int:
    """Serve the forms until stopped (uvicorn; ``--proxy`` names the proxies whose
    ``X-Forwarded-For`` is trusted)."""
    import uvicorn

    from frivilligkatalogen.service.app import create_app

    settings = read_site_settings(root)
    config = service_config(settings, f"http://{host}:{port}")
    print(t("cli.serving_forms", url=config.public_url, outbox=config.mailer.outbox), flush=True)
    uvicorn.run(
        create_app(config),
        host=host,
        port=port,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or "",
        server_header=False,
        log_level="warning",
    )
    return 0


def run_remind(root: Path, days: int | None) -> int:
    """E-mail every stale association (never twice within the limit)."""
    from frivilligkatalogen.service.reminders import remind

    settings = read_site_settings(root)
    if days is not None:
        settings.stale_after_days = days
    catalog = load_catalog(settings, progress=ProgressLine(t("cli.reading")))
    if catalog.problems:
        print_problems(catalog)
        return 1
    config = service_config(settings, "http://127.0.0.1:8001")  # the default of serve-forms
    sent, skipped = remind(catalog, config)
    for name, address in sent:
        print(t("cli.reminded", name=name, address=address))
    print(t("cli.reminders_done", sent=len(sent), skipped=skipped), file=sys.stderr)
    return 0


def reminders_sent(settings) -> dict:
    """The day of each association's last reminder, when this folder has sent any."""
    path = settings.root / STATE_FOLDER / "skjema.sqlite"
    if not path.exists():
        return {}
    return {key: date.fromtimestamp(sent) for key, sent in Store(path).last_reminders().items()}
