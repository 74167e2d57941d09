"""Previewing a large catalogue: a subset of associations by id pattern, and no re-reading of unchanged files."""

from __future__ import annotations

import os
import subprocess
import sys

from frivilligkatalogen.catalog import loading as catalog_module
from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.base.options import Settings

from conftest import VALID_VENUE, write_site

ORG = "name: {name}\ncategories: [1200]\ncontact: {{email: post@lag.no}}\nvenues: [hallen]\nverified: 2026-09-01\n"


def site(tmp_path):
    return write_site(tmp_path, {
        "data/venues/hallen.yaml": VALID_VENUE,
        "data/organizations/lindvik-il.yaml": ORG.format(name="Lindvik IL"),
        "data/organizations/lindvik-kor.yaml": ORG.format(name="Lindvik kor"),
        "data/organizations/tertnes-korps.yaml": ORG.format(name="Tertnes korps"),
    })


def test_subset_builds_only_the_matching_associations(tmp_path):
    root = site(tmp_path)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KATALOG_UTVALG="lindvik-*")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "out")], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    built = sorted(p.name for p in (tmp_path / "out/organisasjoner").iterdir() if p.is_dir())
    assert built == ["lindvik-il", "lindvik-kor"]
    assert "Bygger bare et utvalg: 2 lag (lindvik-*)" in result.stderr


def test_unchanged_files_are_not_parsed_again(tmp_path, monkeypatch):
    root = site(tmp_path)
    load_catalog(Settings(root=root, only=[]), cache=True)
    parsed = []
    original = catalog_module._parse_record_file
    monkeypatch.setattr(catalog_module, "_parse_record_file", lambda *args: parsed.append(args[1]) or original(*args))
    path = root / "data/organizations/lindvik-kor.yaml"
    path.write_text(ORG.format(name="Lindvik kammerkor"), encoding="utf-8")
    again = load_catalog(Settings(root=root, only=[]), cache=True)
    assert parsed == ["data/organizations/lindvik-kor.yaml"]
    assert again.organizations["lindvik-kor"].name == "Lindvik kammerkor"
    assert again.ok


def test_a_failing_file_writer_fails_the_build_with_its_reason(tmp_path, monkeypatch):
    """The feeds are written beside the pages; if that fails, the build fails too and says why."""
    from pathlib import Path

    import pytest

    from frivilligkatalogen.base.errors import BuildFailed
    from frivilligkatalogen.build import parallel
    from frivilligkatalogen.build.site_build import SiteBuild

    root = site(tmp_path)
    settings = Settings(root=root, only=[])
    catalog = load_catalog(settings)

    def broken(_catalog, _part="all"):
        yield "kalender/alle.ics", b"x"
        raise OSError("disken er full")

    monkeypatch.setattr(parallel, "iter_site_files", broken)
    build = SiteBuild(catalog, [], settings.edit_url, Path(tmp_path / "ut"), fork=True, search=False)
    try:
        with pytest.raises(BuildFailed, match="disken er full"):
            build.fill_pages({}, {}, "")
    finally:
        build.stop()


def read_in_processes(root):
    from frivilligkatalogen.build.parallel import shared_map, worker_pool

    with worker_pool() as pool:
        return load_catalog(Settings(root=root, only=[]), map_files=shared_map(pool))


def large_site(tmp_path, broken: str | None = None):
    files = {"data/venues/hallen.yaml": VALID_VENUE}
    for number in range(catalog_module.PARALLEL_FROM + 10):
        files[f"data/organizations/lag-{number:04d}.yaml"] = ORG.format(name=f"Lag {number}")
    if broken:  # a venue that does not exist, on line 4, in the half a second process reads
        files[f"data/organizations/{broken}.yaml"] = ORG.format(name="Feil lag").replace("[hallen]", "[finnes-ikke]")
    return write_site(tmp_path, files)


def test_a_large_folder_read_in_two_processes_gives_the_same_catalogue(tmp_path):
    root = large_site(tmp_path)
    one = load_catalog(Settings(root=root, only=[]))
    two = read_in_processes(root)
    assert one.ok and two.ok
    assert list(two.organizations) == list(one.organizations)
    assert all(two.organizations[key] == org for key, org in one.organizations.items())


def test_a_wrong_file_in_a_large_folder_is_reported_with_its_line(tmp_path):
    root = large_site(tmp_path, broken="lag-0900-feil")
    two = read_in_processes(root)
    one = load_catalog(Settings(root=root, only=[]))
    assert [str(p) for p in two.problems] == [str(p) for p in one.problems]
    assert len(two.problems) == 1
    problem = two.problems[0]
    assert (problem.path, problem.line, problem.field) == ("data/organizations/lag-0900-feil.yaml", 4, "venues[0]")
