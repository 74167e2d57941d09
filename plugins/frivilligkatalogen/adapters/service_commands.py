"""``katalog serve-forms``: the form service, served by uvicorn."""

from __future__ import annotations

from pathlib import Path

from frivilligkatalogen.base.config_file import read_site_settings
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.service.config import service_config


def run_serve_forms(root: Path, host: str, port: int, proxies: str | None) -> int:
    """Serve the forms until stopped (uvicorn; ``--proxy`` names the proxies whose
    ``X-Forwarded-For`` is trusted)."""
    import uvicorn

    from frivilligkatalogen.service.app import create_app

    settings = read_site_settings(root)
    config = service_config(settings, f"http://{host}:{port}")
    listening = f"http://{host}:{port}/"
    print(t("cli.serving_forms", url=listening, public=config.public_url), flush=True)
    if not config.mailer.smtp_url:
        print(t("cli.serving_forms_outbox", outbox=config.mailer.outbox), flush=True)
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
