"""From a filled-in issue form to a proposed data file, or to a Norwegian comment.

``katalog from-issue`` reads the GitHub event file (``$GITHUB_EVENT_PATH``), never
the shell: an issue's title and body are only ever data here. It finds the form
by the issue's label, reads the answers, writes a YAML file whose every value typed
in the form is a quoted string (so nothing typed can become YAML structure or a
tag), and runs the full validation of the whole catalogue. A change form changes the
existing file in place: its comments and untouched lines stay as they were. Valid: the file stays
for a pull request.
Invalid: the file is removed and the errors become a comment for the submitter,
with each error named by the question it came from.
"""

from __future__ import annotations

import errno
import json
import re
from dataclasses import dataclass, field
from itertools import chain, count
from pathlib import Path

from frivilligkatalogen.base.errors import KatalogError
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.catalog.folders import unusable_folder
from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.forms.definitions import Form, FormField, form_by_label
from frivilligkatalogen.model.values import is_id, slugify
from frivilligkatalogen.registers.yaml_writer import (
    dump,
    dump_changed,
    load_for_change,
    merge_into,
    quoted,
)

MAX_BODY_BYTES = 64 * 1024
NO_RESPONSE = "_No response_"


@dataclass
class Outcome:
    """What the workflow does next: open a pull request, comment, or nothing."""

    result: str  # pull-request, comment, report, ignore
    comment: str = ""
    path: str | None = None
    title: str = ""
    body: str = ""
    branch: str = ""
    problems: list = field(default_factory=list)


def answers(body: str, form: Form) -> dict[str, str]:
    """The answer to each question, by field id ("" when left empty).

    GitHub writes each question as a ``### label`` line. Only the form's own labels,
    in the form's order, start an answer: a ``###`` heading typed inside a long
    answer stays part of that answer.
    """
    lines = body.replace("\r\n", "\n").split("\n")
    found: dict[str, str] = {}
    current = None
    collected: list[str] = []
    remaining = list(form.fields)

    def close():
        if current is not None:
            value = "\n".join(collected).strip()
            found[current.id] = "" if value == NO_RESPONSE else value

    for line in lines:
        heading = line[4:].strip() if line.startswith("### ") else None
        upcoming = (
            next((i for i, item in enumerate(remaining) if item.label == heading), None)
            if heading
            else None
        )
        if upcoming is not None:
            close()
            current = remaining[upcoming]
            remaining = remaining[upcoming + 1 :]
            collected = []
        elif current is not None:
            collected.append(line)
    close()
    return found


def _checked(value: str) -> bool:
    return bool(re.search(r"^- \[[xX]\]", value, flags=re.MULTILINE))


class FormMistake(KatalogError):
    def __init__(self, item: FormField, message: str):
        super().__init__(message)
        self.item = item
        self.message = message


def convert(item: FormField, value: str):
    """A text answer as the value for the file (lists split, choices mapped back to codes)."""
    if item.convert == "bool":
        return "true" if _checked(value) else "false"
    if item.kind == "dropdown":
        labels = {label: code for code, label in item.options}
        chosen = (
            [part.strip() for part in value.split(",") if part.strip()]
            if item.multiple
            else [value]
        )
        codes = []
        for part in chosen:
            if part not in labels:
                raise FormMistake(item, t("forms.unknown_choice", value=part))
            codes.append(labels[part])
        return codes if item.multiple else codes[0]
    return value


def _put(tree: dict, path: str, value) -> None:
    parts = path.split(".")
    node = tree
    for here, following in zip(parts, parts[1:]):
        key = int(here) if here.isdigit() else here
        if isinstance(node, list):
            while len(node) <= key:
                node.append({})
            node = node[key]
        else:
            node = node.setdefault(key, [] if following.isdigit() else {})
    last = parts[-1]
    node[last] = value


def _comment(problems: list[str]) -> str:
    return "\n".join(
        [t("forms.comment_invalid"), "", *[f"- {p}" for p in problems], "", t("forms.comment_fix")]
    )


class EventError(KatalogError):
    """An event file that is not a GitHub issue event; the message is Norwegian."""


MAX_EVENT_BYTES = 25 * 1024 * 1024
"""GitHub's own limit for a webhook payload; a larger file is not an event."""


def read_event(path: Path) -> dict:
    """The issue event in a GitHub event file, or EventError saying why it is not one."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_EVENT_BYTES + 1)
    except FileNotFoundError:
        raise EventError(t("forms.event_unreadable", reason=t("forms.event_missing"))) from None
    except OSError as error:
        reason = (
            t("forms.event_folder")
            if isinstance(error, IsADirectoryError)
            else errno.errorcode.get(error.errno or 0, type(error).__name__)
        )
        raise EventError(t("forms.event_unreadable", reason=reason)) from None
    if len(raw) > MAX_EVENT_BYTES:
        raise EventError(t("forms.event_not_json"))
    try:
        event = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        # not UTF-8, not JSON, NaN, numbers of thousands of digits, nesting past Python's stack
        raise EventError(t("forms.event_not_json")) from None
    if not isinstance(event, dict) or not isinstance(event.get("issue"), dict):
        raise EventError(t("forms.event_not_issue"))
    return event


def _no_constant(name: str):
    raise ValueError(name)


def _text(value) -> str:
    """A text value of the event ("" for anything else: a list, a number, null)."""
    return value if isinstance(value, str) else ""


_SURROGATE = re.compile("[\ud800-\udfff]")


def _issue_number(issue: dict) -> int | None:
    number = issue.get("number")
    if isinstance(number, int) and not isinstance(number, bool) and 0 < number < 10**12:
        return number
    return None


@dataclass
class Proposal:
    """A data file as a form would have it: where, its new text, and what to restore on failure."""

    path: Path
    text: str
    record: dict
    original: bytes | None = None
    """The file's bytes before a change form; None for a new file."""


def from_issue(event: dict, settings: Settings) -> Outcome:
    """Turn one issue event into an outcome; writes the data file when valid."""
    issue = event.get("issue")
    if not isinstance(issue, dict):
        raise EventError(t("forms.event_not_issue"))
    labels = issue.get("labels") if isinstance(issue.get("labels"), list) else []
    form = form_by_label([_text(label.get("name")) for label in labels if isinstance(label, dict)])
    if form is None:
        return Outcome("ignore")
    number = _issue_number(issue)
    if number is None:
        raise EventError(t("forms.event_no_number"))
    body = _text(issue.get("body"))
    if _SURROGATE.search(body):  # half of a character: the text was damaged on its way here
        return Outcome("comment", _comment([t("forms.damaged_text")]))
    size = len(body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        return Outcome(
            "comment", t("forms.comment_too_long", size=size // 1024, limit=MAX_BODY_BYTES // 1024)
        )
    if form.kind is None:
        return Outcome("report", t("forms.comment_report"))
    given = answers(body, form)
    tree, mistakes = _tree(form, given)
    if mistakes:
        return Outcome("comment", _comment(mistakes))
    folder = "organizations" if form.kind == "organization" else "venues"
    refused = unusable_folder(settings, folder)
    if refused:
        raise EventError(refused)
    proposal = (
        _changed(settings.data_path / folder, given, tree, settings)
        if form.change
        else _new(settings.data_path / folder, form, tree, number, settings)
    )
    if isinstance(proposal, Outcome):
        return proposal
    return _validated(proposal, form, number, settings)


def _tree(form: Form, given: dict[str, str]) -> tuple[dict, list[str]]:
    """The answers as the record's tree of quoted values, and a line for each answer that cannot be
    one."""
    tree: dict = {}
    mistakes: list[str] = []
    for item in form.fields:
        value = given.get(item.id, "")
        unticked = (
            item.convert == "bool" and not _checked(value) and item.id != "free_for_volunteers"
        )
        if item.target is None or item.target == "id" or value == "" or unticked:
            continue
        try:
            _put(tree, item.target, convert(item, value))
        except FormMistake as mistake:
            mistakes.append(f"{t('forms.label_of_field', label=item.label)}: {mistake.message}")
    person = (
        tree.get("contact", {}).get("person") if isinstance(tree.get("contact"), dict) else None
    )
    if person and person.get("name") and person.get("consent") != "true":
        mistakes.append(t("forms.consent_missing"))
    return tree, mistakes


def _changed(
    directory: Path, given: dict[str, str], tree: dict, settings: Settings
) -> Proposal | Outcome:
    """A change form: the existing file changed in place, its comments and untouched lines kept."""
    record_id = given.get("id", "").strip().strip("/").split("/")[-1]
    path = directory / f"{record_id}.yaml"
    if not is_id(record_id) or path.is_symlink() or not path.is_file():
        return Outcome("comment", _comment([t("forms.comment_unknown_id", id=record_id)]))
    if not tree:
        return Outcome("comment", _comment([t("forms.nothing_to_change")]))
    original = path.read_bytes()
    merged = load_for_change(original.decode("utf-8")) or {}
    added = tree.pop("activities", None)
    merge_into(merged, tree)
    if added:  # a change form describes a new activity; it never renames the first one
        activity = added[0]
        taken = {str(a.get("id")) for a in merged.get("activities") or [] if isinstance(a, dict)}
        base = slugify(str(activity.get("title") or ""), "aktivitet")
        activity["id"] = next(
            candidate
            for candidate in chain([base], (f"{base}-{n}" for n in count(2)))
            if candidate not in taken
        )
        if isinstance(merged.get("activities"), list):
            merged["activities"].append(quoted(activity))
        else:
            merged["activities"] = quoted([activity])
    merged["verified"] = settings.today
    return Proposal(path, dump_changed(merged), merged, original)


def _new(directory: Path, form: Form, tree: dict, number: int, settings: Settings) -> Proposal:
    """A new entry: a file named after it, never one that exists (nor a link, even a dangling
    one)."""
    record_id = slugify(str(tree.get("name") or ""), f"sak-{number}")
    path = directory / f"{record_id}.yaml"
    counter = 2
    while path.exists() or path.is_symlink():
        path = directory / f"{record_id}-{counter}.yaml"
        counter += 1
    record = dict(tree)
    if form.kind == "organization":
        record.setdefault("contact", {})
        activity = (record.get("activities") or [None])[0]
        if isinstance(activity, dict):
            activity.setdefault("id", slugify(str(activity.get("title") or ""), "aktivitet"))
    record["verified"] = settings.today.isoformat()
    return Proposal(
        path, f"# {t('forms.' + form.id + '.name')}: sak #{number}\n" + dump(record) + "\n", record
    )


def _validated(proposal: Proposal, form: Form, number: int, settings: Settings) -> Outcome:
    """Write the file and check the whole catalogue: a pull request, or the file put back and a
    comment."""
    path = proposal.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(proposal.text, encoding="utf-8")
    catalog = load_catalog(settings)
    relative = path.relative_to(settings.root).as_posix()
    mine = [p for p in catalog.problems if p.path == relative]
    others = [p for p in catalog.problems if p.path != relative]
    if mine or others:
        if proposal.original is None:
            path.unlink()
        else:
            path.write_bytes(proposal.original)
        labels_by_target = {item.target: item.label for item in form.fields if item.target}
        lines = [_explain(p, labels_by_target) for p in mine] or [str(p) for p in others]
        return Outcome("comment", _comment(lines), problems=mine or others)
    return Outcome(
        "pull-request",
        path=relative,
        title=t("forms.pr_title", name=str(proposal.record.get("name") or path.stem)),
        body=t("forms.pr_body", issue=number).replace("\\n", "\n"),
        branch=f"skjema/sak-{number}",
    )


def _explain(problem, labels_by_target: dict) -> str:
    """An error in the words of the form: the question's label instead of the field path."""
    target = re.sub(r"\[(\d+)\]", r".\1", problem.field)
    label = labels_by_target.get(target)
    if label is None:  # a rule about a group of fields: name the questions in it
        inside = [text for path, text in labels_by_target.items() if path.startswith(target + ".")]
        if target and inside:
            return f"{t('forms.label_of_field', label=' / '.join(inside))}: {problem.message}"
    while label is None and "." in target:
        target = target.rsplit(".", 1)[0]
        label = labels_by_target.get(target)
    where = (
        t("forms.label_of_field", label=label)
        if label
        else problem.field or t("forms.label_of_field", label="…")
    )
    return f"{where}: {problem.message}"


def write_outputs(outcome: Outcome, folder: Path, github_output: str | None) -> None:
    """Files and step outputs for the workflow: the comment or the pull request text."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kommentar.md").write_text(outcome.comment, encoding="utf-8")
    (folder / "pr-tekst.md").write_text(outcome.body, encoding="utf-8")
    (folder / "pr-tittel.txt").write_text(outcome.title, encoding="utf-8")
    if github_output:
        with open(github_output, "a", encoding="utf-8") as handle:
            handle.write(f"result={outcome.result}\n")
            if outcome.path:
                handle.write(f"path={outcome.path}\n")
                handle.write(f"branch={outcome.branch}\n")
