"""The ``katalog`` command: the core's work without MkDocs.

* ``katalog check [DIR]``: read and check every data file; print each problem
  on its own line (as GitHub annotations when ``GITHUB_ACTIONS=true``); exit 1
  when there is any.
* ``katalog new organization|venue <id>``: write a commented template.
* ``katalog generate --out DIR``: write the generated pages to a folder.
* ``katalog import brreg FILE|--kommune NNNN``: draft files for the associations
  of Enhetsregisteret not yet in ``data/``.
* ``katalog check --registers FILE``: also compare the organisation numbers in
  ``data/`` with a register extract.

DIR is the site root, the folder of ``mkdocs.yml``; the command reads the
``katalog`` plugin options from there so it agrees with the build.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from frivilligkatalogen.adapters.coordinator_commands import (
    run_only_verified,
    run_remind,
    run_stale,
)
from frivilligkatalogen.adapters.progress import ProgressLine, print_problems
from frivilligkatalogen.base.config_file import read_site_settings
from frivilligkatalogen.base.errors import KatalogError, printable
from frivilligkatalogen.base.i18n import set_language, t
from frivilligkatalogen.build.files import FolderRefused, replace_folder, write_files, write_pages
from frivilligkatalogen.build.outputs import iter_site_files
from frivilligkatalogen.catalog.folders import unusable_folder
from frivilligkatalogen.catalog.loading import Catalog, load_catalog
from frivilligkatalogen.forms.templates import write_templates
from frivilligkatalogen.model.values import is_id
from frivilligkatalogen.views.addresses import SCHEMAS
from frivilligkatalogen.views.pages import build_pages

SCAFFOLDS = Path(__file__).parent / "scaffolds"
NEW_KINDS = {"organization": "organizations", "venue": "venues"}


class NorwegianHelp(argparse.HelpFormatter):
    """argparse's help with Norwegian headings."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(
            usage, actions, groups, prefix=t("cli.usage") if prefix is None else prefix
        )


class NorwegianParser(argparse.ArgumentParser):
    """An argument parser that explains mistakes in Norwegian."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", NorwegianHelp)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = t("cli.arguments_title")
        self._optionals.title = t("cli.options_title")
        self.add_argument("-h", "--help", action="help", help=t("cli.help"))

    def error(self, message):
        self.print_usage(sys.stderr)
        english = message
        if "the following arguments are required:" in english:
            message = t("cli.missing_arguments", names=english.split(":", 1)[1].strip())
        elif "invalid choice:" in english:
            value = english.split("invalid choice:", 1)[1].split("(")[0].strip()
            choices = (
                english.split("choose from", 1)[1].strip(" )") if "choose from" in english else ""
            )
            message = t("cli.invalid_choice", value=value, choices=choices)
        elif "unrecognized arguments:" in english:
            message = t("cli.unknown_arguments", names=english.split(":", 1)[1].strip())
        self.exit(2, t("cli.error", message=message) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Run one command; an unexpected failure is one Norwegian line and exit code 3, never a
    traceback (set ``KATALOG_DEBUG=1`` to see it)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except KatalogError as error:  # the catalogue's own errors say what is wrong (mkdocs.yml, say)
        print(t("cli.error", message=printable(str(error))), file=sys.stderr)
        return 2
    except Exception as error:
        if os.environ.get("KATALOG_DEBUG"):
            raise
        print(
            t("cli.unexpected", kind=type(error).__name__, detail=printable(str(error))),
            file=sys.stderr,
        )
        return 3


COMMANDS = {
    "check": [("root", {"nargs": "?", "default": "."}), ("--registers", {"metavar": "FIL"})],
    "import": [
        ("register", {"choices": ["brreg"]}),
        ("file", {"nargs": "?", "metavar": "FIL"}),
        ("--kommune", {"metavar": "NNNN"}),
        ("--kategorier", {"metavar": "FIL"}),
        ("--root", {"default": "."}),
    ],
    "new": [
        ("kind", {"choices": ["organization", "venue"]}),
        ("id", {}),
        ("--root", {"default": "."}),
    ],
    "generate": [("--out", {"required": True}), ("--root", {"default": "."})],
    "from-issue": [
        ("--event", {"default": None}),
        ("--root", {"default": "."}),
        ("--out", {"default": "skjema-resultat"}),
    ],
    "stale": [
        ("root", {"nargs": "?", "default": "."}),
        ("--days", {"type": int}),
        ("--markdown", {"action": "store_true"}),
    ],
    "forms": [("--root", {"default": "."})],
    "serve-forms": [
        ("root", {"nargs": "?", "default": "."}),
        ("--host", {"default": "127.0.0.1"}),
        ("--port", {"type": int, "default": 8001}),
        ("--proxy", {"default": None, "metavar": "IP"}),
    ],
    "only-verified": [
        ("root", {"nargs": "?", "default": "."}),
        ("--base", {"default": "origin/main"}),
    ],
    "remind": [("root", {"nargs": "?", "default": "."}), ("--days", {"type": int})],
}
"""Each command's arguments; their help texts are ``cli.about.<command>`` and
``cli.about.<command>_<argument>`` in the locale file."""


def parser() -> NorwegianParser:
    """The ``katalog`` command line, every word of it from the locale file."""
    top = NorwegianParser(prog="katalog", description=t("cli.about.description"))
    commands = top.add_subparsers(
        dest="command",
        required=True,
        metavar=t("cli.command_metavar"),
        title=t("cli.commands_title"),
        parser_class=NorwegianParser,
    )
    for command, arguments in COMMANDS.items():
        sub = commands.add_parser(command, help=t(f"cli.about.{command}"))
        for name, options in arguments:
            sub.add_argument(
                name, help=t(f"cli.about.{command.replace('-', '_')}_{name.lstrip('-')}"), **options
            )
    return top


def speak_the_site_language(root: Path) -> None:
    """Speak the language of the catalogue at ``root`` (its ``theme.language``), so a nynorsk
    municipality's messages and pull-request annotations are in nynorsk; bokmål while its
    ``mkdocs.yml`` cannot be read (the command then says why)."""
    try:
        set_language(read_site_settings(root).language)
    except KatalogError:
        set_language(None)


def _root_named(words: list[str]) -> Path:
    """The catalogue a command line is for, read before it is parsed: ``--root``, a command's
    first argument where that is its catalogue (``katalog check ../lindvik``), else here."""
    if "--root" in words and words.index("--root") + 1 < len(words):
        return Path(words[words.index("--root") + 1])
    takes_root = words and any(name == "root" for name, _ in COMMANDS.get(words[0], []))
    if takes_root and len(words) > 1 and not words[1].startswith("-"):
        return Path(words[1])
    return Path(".")


def _main(argv: list[str] | None) -> int:
    # The help is in the language of the catalogue the command is for, so speak it first.
    speak_the_site_language(_root_named(sys.argv[1:] if argv is None else argv))
    args = parser().parse_args(argv)
    root = Path(args.root) if hasattr(args, "root") else Path(".")
    speak_the_site_language(root)
    if args.command == "from-issue":
        return run_from_issue(
            root, args.event or os.environ.get("GITHUB_EVENT_PATH"), Path(args.out)
        )
    if args.command == "stale":
        return run_stale(root, args.days, args.markdown)
    if args.command == "forms":
        for path in write_templates(root / ".github" / "ISSUE_TEMPLATE"):
            print(path)
        return 0
    if args.command == "check":
        return run_check(root, args.registers)
    if args.command == "serve-forms":
        from frivilligkatalogen.adapters.service_commands import run_serve_forms

        return run_serve_forms(root, args.host, args.port, args.proxy)
    if args.command == "remind":
        return run_remind(root, args.days)
    if args.command == "only-verified":
        return run_only_verified(root, args.base)
    if args.command == "import":
        return run_import(root, args.file, args.kommune, args.kategorier)
    if args.command == "new":
        return run_new(root, args.kind, args.id)
    return run_generate(root, Path(args.out))


def _load(root: Path) -> Catalog:
    settings = read_site_settings(root)
    return load_catalog(settings, progress=ProgressLine(t("cli.reading")))


def run_check(root: Path, registers: str | None = None) -> int:
    settings = read_site_settings(root)
    catalog = load_catalog(
        settings, progress=ProgressLine(t("cli.reading")), keep_positions=bool(registers)
    )
    if catalog.problems:
        print_problems(catalog)
        print(t("cli.problems_found", count=len(catalog.problems)), file=sys.stderr)
        return 1
    print(
        t(
            "cli.checked_ok",
            organizations=len(catalog.organizations),
            venues=len(catalog.venues),
            grants=len(catalog.grants),
        )
    )
    if registers:
        return run_register_check(catalog, Path(registers))
    return 0


def run_register_check(catalog: Catalog, path: Path) -> int:
    """Associations the register has as deleted, renamed or unknown; one line each."""
    from frivilligkatalogen.registers.compare import compare
    from frivilligkatalogen.registers.reading import RegisterError, read_units

    try:
        units = read_units(path)
    except RegisterError as error:
        print(t("cli.error", message=error), file=sys.stderr)
        return 2
    organizations = [org for org in catalog.sorted_organizations() if org.org_number]
    positions = {org.id: org.source.position("org_number") for org in organizations}
    findings = compare(organizations, units, positions)
    for finding in findings:
        print(finding)
    if findings:
        print(t("cli.registers_found", count=len(findings)), file=sys.stderr)
        return 1
    print(t("cli.registers_ok", count=len(organizations)))
    return 0


def run_import(
    root: Path, file: str | None, municipality: str | None, category_file: str | None
) -> int:
    from frivilligkatalogen.registers.drafts import import_units
    from frivilligkatalogen.registers.reading import (
        RegisterError,
        fetch_categories,
        fetch_municipality,
        read_category_file,
        read_units,
    )

    if not file and not municipality:
        print(t("cli.error", message=t("import.need_source")), file=sys.stderr)
        return 2
    settings = read_site_settings(root)
    try:
        if file:
            units = read_units(Path(file))
        else:
            units = fetch_municipality(municipality, progress=ProgressLine(t("import.fetching")))
        categories = read_category_file(Path(category_file)) if category_file else {}
        if municipality and not file and not category_file:
            numbers = [
                str(unit.get("organisasjonsnummer"))
                for unit in units
                if isinstance(unit, dict) and unit.get("registrertIFrivillighetsregisteret") is True
            ]
            categories = fetch_categories(
                numbers, progress=ProgressLine(t("import.fetching_categories"))
            )
    except RegisterError as error:
        print(t("cli.error", message=error), file=sys.stderr)
        return 2
    refused = unusable_folder(settings, "organizations")
    if refused:
        print(t("cli.error", message=refused), file=sys.stderr)
        return 2
    result = import_units(units, settings, categories, municipality)
    for path in result.written:
        print(t("import.written", path=path))
    if result.existing:
        print(t("import.existing", count=len(result.existing)))
    if result.skipped:
        print(t("import.skipped_title", count=len(result.skipped)))
        for number, name, reason in result.skipped:
            print(t("import.skipped_line", number=number, name=name, reason=reason))
    print(t("import.summary", count=len(result.written)))
    return 0


def run_new(root: Path, kind: str, new_id: str) -> int:
    if not is_id(new_id):
        print(t("field.not_slug", value=new_id), file=sys.stderr)
        return 2
    settings = read_site_settings(root)
    refused = unusable_folder(settings, NEW_KINDS[kind])
    if refused:
        print(t("cli.error", message=refused), file=sys.stderr)
        return 2
    target = settings.data_path / NEW_KINDS[kind] / f"{new_id}.yaml"
    if target.exists():
        print(t("cli.new_exists", path=target), file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    template = (
        (SCAFFOLDS / f"{kind}.yaml")
        .read_text(encoding="utf-8")
        .replace("{today}", settings.today.isoformat())
    )
    schema = settings.absolute_url(SCHEMAS[kind])
    if schema:  # editors with yaml-language-server then complete and check the file
        template = f"# yaml-language-server: $schema={schema}\n" + template
    target.write_text(template, encoding="utf-8")
    print(t("cli.new_written", path=target))
    return 0


def run_generate(root: Path, out: Path) -> int:
    catalog = _load(root)
    if catalog.problems:
        print_problems(catalog)
        print(t("cli.build_failed"), file=sys.stderr)
        return 1

    def write(folder: Path) -> int:
        return write_pages(
            build_pages(catalog), folder, progress=ProgressLine(t("cli.writing"))
        ) + write_files(iter_site_files(catalog), folder)

    try:
        count = replace_folder(out, root, write)
    except FolderRefused as error:
        print(t("cli.error", message=error), file=sys.stderr)
        return 2
    print(t("cli.generated", count=count, out=out))
    return 0


def run_from_issue(root: Path, event_path: str | None, out: Path) -> int:
    from frivilligkatalogen.forms.from_issue import (
        EventError,
        from_issue,
        read_event,
        write_outputs,
    )

    if not event_path:
        print(t("cli.no_event"), file=sys.stderr)
        return 2
    try:
        outcome = from_issue(read_event(Path(event_path)), read_site_settings(root))
    except EventError as error:
        print(t("cli.error", message=error), file=sys.stderr)
        return 2
    write_outputs(outcome, out, os.environ.get("GITHUB_OUTPUT"))
    print(outcome.result + (f": {outcome.path}" if outcome.path else ""))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
