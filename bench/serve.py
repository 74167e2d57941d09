"""Serve benchmark: with 5,000 associations in data/, edit one file and time until the served page
shows it.

Runs ``mkdocs serve`` the documented way for a large catalogue, with
``KATALOG_UTVALG`` naming the associations being edited, changes one
association's summary, and polls its page on 127.0.0.1 until the new text is
there.

    .venv/bin/python bench/serve.py [N]
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from readme import write_table  # noqa: E402
from synthetic import generate  # noqa: E402

LIMIT_S = 3.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except Exception:
        return ""


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    root = generate(count, Path(tempfile.mkdtemp(prefix="serve-")) / "site-root")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KATALOG_UTVALG="lag-0000*")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/frivilligkatalogen/organisasjoner/lag-00003/"
    try:
        deadline = time.monotonic() + 300
        while "lag 3" not in fetch(page):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the preview server did not start")
            time.sleep(0.2)
        time.sleep(1.5)  # let the watcher settle
        path = root / "data/organizations/lag-00003.yaml"
        marker = f"Endret {time.time():.0f}"
        text = path.read_text(encoding="utf-8").replace("\nsummary: ", f"\nsummary: {marker} ", 1)
        started = time.monotonic()
        path.write_text(text, encoding="utf-8")
        while marker not in fetch(page):
            if time.monotonic() - started > 120:
                raise SystemExit("the change never showed")
            time.sleep(0.05)
        seconds = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(
        f"{count} associations in data/, serving KATALOG_UTVALG=lag-0000*: change shown after {seconds:.1f} s (limit {LIMIT_S:.0f} s)"
    )
    write_table(
        "serve",
        "\n".join(
            [
                "| associations in data/ | served with | edit to page showing it |",
                "|---|---|---|",
                f"| {count:,} | `KATALOG_UTVALG=lag-0000*` | {seconds:.1f} s (limit {LIMIT_S:.0f} s) |",
            ]
        ),
    )
    return 0 if seconds <= LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
