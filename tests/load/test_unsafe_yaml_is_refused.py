"""Anchors, aliases, tags, duplicate keys, huge files: refused with a clear message, no crash."""

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.load.yaml_source import MAX_FILE_BYTES, parse_text, read_file

from conftest import write_site

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""


def test_billion_laughs_stops_at_the_first_anchor():
    document = parse_text(BILLION_LAUGHS)
    [problem] = document.problems
    assert document.root is None
    assert (problem.line, problem.column) == (1, 4)
    assert "anker" in problem.message


def test_alias_is_refused():
    [problem] = parse_text("a: *x\n").problems
    assert problem.line == 1 and "alias" in problem.message.lower()


def test_python_tags_are_refused_not_run():
    [problem] = parse_text("name: !!python/object/apply:os.system ['echo pwned']\n").problems
    assert problem.line == 1 and "merkelapp" in problem.message


def test_duplicate_key_names_both_lines():
    document = parse_text("name: A\ncontact: {}\nname: B\n")
    [problem] = document.problems
    assert problem.line == 3
    assert "name" in problem.message and "linje 1" in problem.message


def test_oversized_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "stor.yaml"
    big.write_bytes(b"description: '" + b"x" * (10 * 1024 * 1024) + b"'\n")
    document = read_file(big)
    [problem] = document.problems
    assert "256 KiB" in problem.message and str(10 * 1024) in problem.message
    assert MAX_FILE_BYTES == 256 * 1024


def test_syntax_error_is_norwegian_with_its_line():
    [problem] = parse_text("name: Laget\ncontact:\n  email: a@b.no\n phone: 12345678\n").problems
    assert problem.line == 4
    assert "Innrykket" in problem.message or "YAML" in problem.message


def test_unsafe_files_are_reported_through_the_catalogue(tmp_path):
    write_site(tmp_path, {
        "data/organizations/bombe.yaml": BILLION_LAUGHS,
        "data/organizations/dobbel.yaml": "name: A\nname: B\n",
        "data/venues/latin1.yaml": "name: Gr\xe5\n",
    })
    (tmp_path / "data/venues/latin1.yaml").write_bytes("name: Grendehus på Øya\n".encode("latin-1"))
    catalog = load_catalog(Settings(root=tmp_path))
    by_file = {p.path for p in catalog.problems}
    assert {"data/organizations/bombe.yaml", "data/organizations/dobbel.yaml", "data/venues/latin1.yaml"} <= by_file
    assert any("UTF-8" in p.message for p in catalog.problems if p.path == "data/venues/latin1.yaml")
