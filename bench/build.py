"""The build benchmark: this project against the obvious way, at 1,000, 5,000 and 20,000
associations.

For each size it generates a synthetic municipality (``synthetic.py``) and times:

* **ours**: ``mkdocs build`` of the site as it is: pages, feeds, exports, search index;
* **baseline**: the same associations and venues written as Markdown files kept
  out of the navigation, built by plain MkDocs + Material (its default search).

It prints wall time, peak memory and time per association for both, their ratio,
the cost of one generated page (ours, less the same build with an empty data
folder, over the pages generated), ``katalog check`` time, and writes a table to
the README. Each build runs in its own process, measured by GNU time; peak memory
is given for the largest process (GNU time) and for all of the build's processes
together (workers, Pagefind), sampled every 0.2 s as the sum of their PSS.

    .venv/bin/python bench/build.py [N ...]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from readme import write_table  # noqa: E402
from synthetic import generate  # noqa: E402

PYTHON = str(REPO / ".venv" / "bin" / "python") if (REPO / ".venv").exists() else sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795305600")


def timed(command: list[str], cwd: Path) -> tuple[float, float, float, str]:
    """Wall seconds, peak memory (MB) of the largest process, peak memory (MB) of all the build's
    processes together, and the output of a command, run under GNU time."""
    import threading

    started = time.perf_counter()
    process = subprocess.Popen(
        ["/usr/bin/time", "-f", "%M", *command],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    together = [0.0]

    def sample():
        while process.poll() is None:
            together[0] = max(together[0], tree_memory_mb(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(stdout + stderr)
    peak_kb = int(stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024, together[0], stderr


def tree_memory_mb(root: int) -> float:
    """The memory of a process and all its descendants now: the sum of their proportional set sizes
    (PSS), so pages a forked worker shares with its parent are counted once. Linux only."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    total_kb, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
                total_kb += next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return total_kb / 1024


def html_pages(folder: Path) -> int:
    """The HTML pages under a folder (pages are ``…/index.html``; embeds are ``embed/…/<id>.html``)."""
    return sum(1 for _ in folder.rglob("*.html")) if folder.exists() else 0


def markdown_site(root: Path, target: Path) -> Path:
    """The baseline: the same content as Markdown pages, built by plain MkDocs + Material."""
    sys.path.insert(0, str(REPO / "plugins"))
    from frivilligkatalogen.model.values import shown_phone
    from frivilligkatalogen.views import wording
    from frivilligkatalogen.base.options import read_site_settings
    from frivilligkatalogen.catalog.loading import load_catalog
    from frivilligkatalogen.model.categories import category_name

    catalog = load_catalog(read_site_settings(root))
    docs = target / "docs"
    (docs / "organisasjoner").mkdir(parents=True)
    (docs / "lokaler").mkdir(parents=True)
    (docs / "index.md").write_text("# Frivilligkatalogen\n", encoding="utf-8")
    for org in catalog.organizations.values():
        lines = [
            f"# {org.name}",
            "",
            org.summary or "",
            "",
            ", ".join(category_name(c) for c in org.categories),
            "",
            org.description or "",
            "",
            "## Kontakt",
            "",
        ]
        if org.contact.email:
            lines.append(f"- E-post: <{org.contact.email}>")
        if org.contact.phone:
            lines.append(f"- Telefon: {shown_phone(org.contact.phone)}")
        lines += ["", "## Aktiviteter", ""]
        for activity in org.activities or []:
            lines += [
                f"### {activity.title}",
                "",
                *[f"- {line}" for line in wording.when(activity)],
                "",
            ]
        (docs / "organisasjoner" / f"{org.id}.md").write_text("\n".join(lines), encoding="utf-8")
    for venue in catalog.venues.values():
        text = f"# {venue.name}\n\n{wording.address(venue.address)}\n\n{venue.description or ''}\n"
        (docs / "lokaler" / f"{venue.id}.md").write_text(text, encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: Baseline\ntheme:\n  name: material\n  language: nb\nnav:\n  - index.md\n"
        "not_in_nav: |\n  /organisasjoner/**\n  /lokaler/**\n",
        encoding="utf-8",
    )
    return target


def run(count: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"bench-{count}-"))
    root = generate(count, work / "ours")
    ours_s, ours_mb, ours_all_mb, output = timed(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(work / "ours-site")], root
    )
    empty = generate(0, work / "empty")
    empty_s, _, _, _ = timed(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(work / "empty-site")], empty
    )
    pages = html_pages(work / "ours-site") - html_pages(work / "empty-site")
    embeds = html_pages(work / "ours-site" / "embed") - html_pages(work / "empty-site" / "embed")
    check_s, _, _, _ = timed(
        [PYTHON, "-m", "frivilligkatalogen.adapters.cli", "check", str(root)], root
    )
    base = markdown_site(root, work / "baseline")
    base_s, base_mb, _, _ = timed(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(work / "baseline-site")], base
    )
    shutil.rmtree(work, ignore_errors=True)
    return {
        "count": count,
        "ours_s": ours_s,
        "ours_mb": ours_mb,
        "ours_all_mb": ours_all_mb,
        "base_s": base_s,
        "base_mb": base_mb,
        "per_page_ms": (ours_s - empty_s) * 1000 / max(pages, 1),
        "check_s": check_s,
        "pages": pages,
        "per_full_page_ms": (ours_s - empty_s) * 1000 / max(pages - embeds, 1),
    }


def main() -> int:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 5000, 20000]
    results = []
    for count in sizes:
        result = run(count)
        results.append(result)
        print(
            f"{count:>6} associations: ours {result['ours_s']:.1f} s, {result['ours_mb']:.0f} MB ({result['ours_all_mb']:.0f} MB all processes), "
            f"{result['ours_s'] * 1000 / count:.1f} ms per association | baseline {result['base_s']:.1f} s, "
            f"{result['base_mb']:.0f} MB, {result['base_s'] * 1000 / count:.1f} ms | ratio {result['ours_s'] / result['base_s']:.2f} | "
            f"{result['per_page_ms']:.1f} ms per generated page ({result['per_full_page_ms']:.1f} ms not counting embeds) | katalog check {result['check_s']:.1f} s",
            flush=True,
        )
    rows = [
        "| associations | ours: wall time | ours: peak memory (largest process; all processes) | ours: per association | baseline (plain MkDocs + Material) | ratio | per generated page (not counting embeds) | `katalog check` |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        rows.append(
            f"| {r['count']:,} | {r['ours_s']:.1f} s | {r['ours_mb']:.0f} MB; {r['ours_all_mb']:.0f} MB | {r['ours_s'] * 1000 / r['count']:.1f} ms | "
            f"{r['base_s']:.1f} s ({r['base_s'] * 1000 / r['count']:.1f} ms each, {r['base_mb']:.0f} MB) | {r['ours_s'] / r['base_s']:.2f} | "
            f"{r['per_page_ms']:.1f} ms ({r['per_full_page_ms']:.1f} ms) | {r['check_s']:.1f} s |"
        )
    write_table("build", "\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
