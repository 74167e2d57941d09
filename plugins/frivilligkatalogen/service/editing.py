"""What the form service does with an answer, apart from HTTP: the entry as published, the
answer put into it and checked, the change kept until the association confirms it, and then
proposed to the coordinator. The web routes (:mod:`.app`) and ``katalog remind`` call this."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from starlette.datastructures import ImmutableMultiDict

from frivilligkatalogen.base.errors import Problem
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.catalog.folders import KINDS
from frivilligkatalogen.catalog.loading import check_candidate, load_catalog
from frivilligkatalogen.model.values import is_email, is_id, slugify
from frivilligkatalogen.registers.yaml_writer import dump_changed, load_for_change
from frivilligkatalogen.service.answers import put_answers
from frivilligkatalogen.service.config import ServiceConfig
from frivilligkatalogen.service.proposals import (
    Proposal,
    ProposalConflict,
    ProposalFailed,
    merge_texts,
    repository_top,
)
from frivilligkatalogen.service.store import Change
from frivilligkatalogen.service.web_form import REMOVE, Question, questions

RECORDS = dict(KINDS)

CHANGE, CONFIRM_ONLY, NEW = "change", "confirm-only", "new"

UNCHECKED = "_uten_robotsjekk"
"""Added to the answers of a form sent without the robot check's answer (no JavaScript):
allowed, and marked for the coordinator to look at more closely."""


@dataclass
class Entry:
    """A data file as published: its text and its values (None for a new entry)."""

    folder: str
    record_id: str
    text: str | None

    @property
    def data(self):
        return load_for_change(self.text) if self.text else None

    @property
    def email(self) -> str | None:
        """The address a change to this entry is confirmed through: the one in the data."""
        data = self.data or {}
        contact = data.get("contact") if self.folder == "organizations" else data.get("booking")
        address = str(contact.get("email") or "").strip() if isinstance(contact, dict) else ""
        return address if is_email(address) else None

    @property
    def name(self) -> str:
        return str((self.data or {}).get("name") or self.record_id)


def read_entry(settings: Settings, folder: str, record_id: str) -> Entry | None:
    """The entry's file in ``data/``, or None when there is none (or the id cannot be one)."""
    if folder not in RECORDS or not is_id(record_id):
        return None
    path = settings.data_path / folder / f"{record_id}.yaml"
    if path.is_symlink() or not path.is_file():
        return None
    return Entry(folder, record_id, path.read_text(encoding="utf-8"))


def new_text(
    kind: str, folder: str, current: str | None, answers: ImmutableMultiDict, today: date | None
) -> str:
    """The file after the answers: a change, a confirmation only (``verified`` alone), or new;
    ``verified`` set to ``today`` (None: left as it is)."""
    document = (load_for_change(current) if current else None) or CommentedMap()
    if kind != CONFIRM_ONLY:
        put_answers(RECORDS[folder], document, answers)
    if today is not None:
        document["verified"] = today
    text = dump_changed(document)
    if kind == NEW and not current:
        text = (
            f"# {t('service.new_file_comment', day=(today or date.today()).isoformat())}\n" + text
        )
    return text


def proposed_text(change: Change, current: str | None, today: date) -> str:
    """The file a confirmed change proposes, made against the file as it is now (``current``).

    The person's edit is the form's answers against the file as the form showed it (``base``);
    where the file has changed since, git's three-way merge carries the edit over, so nothing
    changed by someone else in between is undone. ProposalConflict when that cannot be done:
    both changed the same lines, the entry is gone, or a new entry's file exists by now."""
    try:
        return _proposed_text(change, current, today)
    except YAMLError as error:  # the file on main is broken: wait until it is mended
        raise ProposalFailed(t("service.file_unreadable")) from error


def _proposed_text(change: Change, current: str | None, today: date) -> str:
    answers = ImmutableMultiDict(change.answers)
    if change.kind == NEW:
        if current is not None:
            raise ProposalConflict(t("service.conflict_taken"))
        return new_text(NEW, change.folder, None, answers, today)
    if current is None:
        raise ProposalConflict(t("service.conflict_gone"))
    base = change.base if change.base is not None else current
    edited = new_text(change.kind, change.folder, base, answers, None)
    merged = edited if current == base else merge_texts(current, base, edited)
    if merged is None:
        raise ProposalConflict(t("service.conflict_changed"))
    document = load_for_change(merged)
    document["verified"] = today
    return dump_changed(document)


def check(settings: Settings, folder: str, record_id: str, text: str) -> list[Problem]:
    """What ``katalog check`` would say of the file, against the rest of the catalogue."""
    catalog = load_catalog(settings, cache=True)
    return check_candidate(catalog, folder, record_id, text)


def new_id(settings: Settings, folder: str, answers: ImmutableMultiDict) -> str:
    """A file name for a new entry, from its name, that no file has."""
    stem = slugify(answers.get("name", ""), "nytt-lag")
    taken = {path.stem for path in (settings.data_path / folder).glob("*.yaml")}
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def form_questions(
    entry: Entry, problems: list[Problem] = (), removing: set[str] = frozenset()
) -> tuple[list[Question], list]:
    """The form of an entry, and the problems as (question id or None, message) pairs, each
    problem placed beside the question it is about (or the nearest group around it); the items
    in ``removing`` shown with their remove box ticked."""
    found = questions(RECORDS[entry.folder], entry.data)
    by_name = {}

    def index(items):
        for question in items:
            by_name[question.name] = question
            index(question.children)

    index(found)
    for name in removing:
        if name in by_name:
            by_name[name].removed = True
    placed = []
    for problem in problems:
        name = re.sub(r"\[(\d+)\]", r".\1", problem.field)
        while name and name not in by_name:
            name = name.rpartition(".")[0]
        question = by_name.get(name)
        if question is not None and not question.error:
            question.error = problem.message
        if question is None:
            placed.append((None, problem.message))
        else:
            said = t("service.problem_line", label=question.label, message=problem.message)
            placed.append((question.id, said))
    return found, placed


def answered(entry: Entry, answers: ImmutableMultiDict) -> tuple[Entry, set[str]]:
    """The entry as the form shows it after an answer with mistakes: what was typed stays, and
    items ticked for removal stay in place with their box ticked (so every item keeps its
    number, and the form sent again means what it meant). Also the names of those items."""
    removing = {name for name, value in answers.multi_items() if name.endswith("." + REMOVE)}
    kept = ImmutableMultiDict([pair for pair in answers.multi_items() if pair[0] not in removing])
    document = (entry.data if entry.text else None) or CommentedMap()
    put_answers(RECORDS[entry.folder], document, kept)
    shown = Entry(entry.folder, entry.record_id, dump_changed(document))
    return shown, {name.removesuffix("." + REMOVE) for name in removing}


def changed_lines(before: str | None, after: str) -> list[str]:
    """The lines a change removes (``-``) and adds (``+``), for the confirmation page."""
    diff = difflib.unified_diff((before or "").splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def proposal(settings: Settings, change: Change, confirmed: bool, today: date) -> Proposal:
    """The coordinator's proposal for a change confirmed by the association (or, with no address
    in the data, marked unconfirmed)."""
    answers = ImmutableMultiDict(change.answers)
    root = repository_path(settings)
    folder = (settings.data_path / change.folder).resolve()  # the file itself is not followed
    relative = (folder / f"{change.record_id}.yaml").relative_to(root).as_posix()
    label = t("service.label_confirmed") if confirmed else t("service.label_unconfirmed")
    entry = read_entry(settings, change.folder, change.record_id) if change.kind != NEW else None
    # An existing entry is named as in the data, never by what was typed in the form.
    name = entry.name if entry else answers.get("name") or change.record_id
    unchecked = bool(answers.get(UNCHECKED))
    return Proposal(
        path=relative,
        change=lambda current: proposed_text(change, current, today),
        branch_stem=change.record_id,
        title=t(f"service.pr_title_{change.kind.replace('-', '_')}", name=name),
        body=t(
            ("service.pr_body_new" if change.kind == NEW else "service.pr_body_confirmed")
            if confirmed
            else "service.pr_body_unconfirmed",
            day=today.isoformat(),
        )
        + (("\n\n" + t("service.pr_body_unchecked")) if unchecked else ""),
        labels=("skjema", label)
        + (("alt-stemmer",) if change.kind == CONFIRM_ONLY else ())
        + ((t("service.label_unchecked"),) if unchecked else ()),
    )


CONFIRMATION = "bekreft"
"""The salt of confirmation links (forms have their own)."""


def confirmation_link(config: ServiceConfig, change_id: str) -> str:
    """The link that confirms a stored change."""
    return config.link("bekreft/" + config.signer.dumps({"c": change_id}, salt=CONFIRMATION))


def still_right_link(config: ServiceConfig, record_id: str, nonce: str) -> str:
    """A link that confirms an association's entry as it stands: it carries the entry's id and a
    one-time number, so no stored change is needed to make it (a reminder can be sent from
    anywhere the secret is)."""
    payload = {"v": record_id, "n": nonce}
    return config.link("bekreft/" + config.signer.dumps(payload, salt=CONFIRMATION))


def repository_path(settings: Settings) -> Path:
    return repository_top(settings.root.resolve())
