"""The JSON Schema an editor uses agrees with the validator on every example file and broken rule it can express."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from frivilligkatalogen.base.config_file import read_site_settings
from frivilligkatalogen.load.yaml_source import Mapping, Sequence, parse_text

from conftest import REPO
from test_check_reports_every_broken_rule import BASES, CASES

# Rules JSON Schema cannot state: they need arithmetic, other files or the configured areas' files.
VALIDATOR_ONLY = {
    "org-orgnr-check",  # MOD11 check digit
    "org-age-order", "rule-end-before-start", "rule-until-before-from", "date-end-before-start", "date-end-date",
    "rule-except-weekday", "rule-except-outside",  # except dates against the rule
    "org-venue-unknown", "act-venue-unknown",  # other files
    "act-id-repeated",
    "org-postal-code",  # unquoted, 150 and 0150 are the same number to a YAML 1.2 editor
}

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def as_editor_reads(node):
    """A located YAML tree as a YAML 1.2 (core schema) editor sees it."""
    if isinstance(node, Mapping):
        return {key: as_editor_reads(value) for key, value in node.values.items()}
    if isinstance(node, Sequence):
        return [as_editor_reads(item) for item in node.items]
    value = node.value
    if value is None:
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def editor_view(text: str):
    document = parse_text(text)
    assert not document.problems
    # Quoted scalars stay text for an editor: re-read them with quoting kept.
    return _quoted_aware(text)


def _quoted_aware(text: str):
    import yaml

    class Loader12(yaml.SafeLoader):
        pass

    # Resolve only YAML 1.2 core types for plain scalars; quoted stay strings.
    Loader12.yaml_implicit_resolvers = {}
    Loader12.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    Loader12.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
    Loader12.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"), list("-+0123456789."))
    Loader12.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
    Loader12.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(node.value, 10))
    return yaml.load(text, Loader=Loader12)


@pytest.fixture(scope="module")
def schemas(example_site):
    return {kind: json.loads((example_site / f"schema/{kind}.json").read_text(encoding="utf-8")) for kind in ("organization", "venue")}


def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def test_schemas_are_valid_json_schema(schemas):
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"].startswith("https://lindvik-kommune.github.io/frivilligkatalogen/schema/")


def test_schema_accepts_every_file_in_data(schemas):
    for kind, folder in (("organization", "organizations"), ("venue", "venues")):
        check = validator(schemas[kind])
        files = sorted((REPO / "data" / folder).glob("*.yaml"))
        assert files
        for path in files:
            errors = [e.message for e in check.iter_errors(editor_view(path.read_text(encoding="utf-8")))]
            assert errors == [], f"{path.name}: {errors[:3]}"


def test_schema_rejects_the_broken_rules_it_can_express(schemas, tmp_path):
    settings = read_site_settings(REPO)
    from frivilligkatalogen.views.json_schema import schema_for

    settings.areas = ["Sentrum", "Nordbygda", "Sørbygda", "Vestsida", "Øyane"]
    kinds = {"organizations": validator(schema_for("organization", settings)), "venues": validator(schema_for("venue", settings))}
    assert not list(kinds["organizations"].iter_errors(editor_view(BASES["organizations"])))
    assert not list(kinds["venues"].iter_errors(editor_view(BASES["venues"])))
    checked = 0
    for case in CASES:
        if case.kind not in kinds or case.name in VALIDATOR_ONLY:
            continue
        errors = list(kinds[case.kind].iter_errors(editor_view(case.text())))
        assert errors, f"{case.name}: the schema accepts what the validator refuses"
        checked += 1
    assert checked >= 60


def test_new_file_template_names_the_schema(tmp_path):
    from conftest import SITE_CONFIG, katalog, write_site

    write_site(tmp_path, {}, config="site_url: https://katalog.lindvik.no/\n" + SITE_CONFIG)
    katalog("new", "organization", "nytt-lag", "--root", str(tmp_path))
    first = (tmp_path / "data/organizations/nytt-lag.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://katalog.lindvik.no/schema/organization.json"


def test_the_published_schemas_pass_check_jsonschemas_metaschema_check(example_site):
    """Editors compile a schema's patterns as ECMA-262 regular expressions in Unicode mode;
    check-jsonschema checks the schema against its metaschema with that regex engine."""
    import subprocess
    import sys
    from pathlib import Path

    files = [str(example_site / f"schema/{kind}.json") for kind in ("organization", "venue")]
    checked = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--check-metaschema", *files], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
