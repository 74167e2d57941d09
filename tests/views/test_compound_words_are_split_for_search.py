"""Norwegian compounds are split into their parts for the search index (views/compounds.py), so
"korps" finds "skulekorps"; a word the domain word list does not cover stays whole."""

from __future__ import annotations

import re

import pytest

from frivilligkatalogen.views.compounds import WORDS, compound_parts, known_parts, split


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        # bokmål
        ("skolekorps", ["skole", "korps"]),
        ("Padleklubben", ["padle", "klubb"]),
        ("hjelpekorpset", ["hjelpe", "korps"]),  # linking e, definite ending -et
        ("idrettslaget", ["idrett", "lag"]),  # linking s
        ("sjakklubb", ["sjakk", "klubb"]),  # sjakk + klubb: three k written as two
        ("veteranmusikkorps", ["veteran", "musikk", "korps"]),
        ("bygdekvinnelag", ["bygde", "kvinne", "lag"]),
        ("pensjonistforeningen", ["pensjonist", "forening"]),
        ("padleklubber", ["padle", "klubb"]),  # plural -er
        ("speidergruppa", ["speider", "gruppe"]),  # gruppe → gruppa
        # nynorsk
        ("skulekorps", ["skule", "korps"]),
        ("Sjakklubben", ["sjakk", "klubb"]),
        ("trekkspelklubbar", ["trekkspel", "klubb"]),  # plural -ar
        ("idrettsklubbane", ["idrett", "klubb"]),  # definite plural -ane
        ("songlaget", ["song", "lag"]),
        ("fellesturar", ["felles", "tur"]),
        ("skulekorpsa", ["skule", "korps"]),  # definite plural neuter -a
        ("hovudkorps", ["hovud", "korps"]),
        ("ungdomslag", ["ungdom", "lag"]),
    ],
)
def test_a_compound_is_split_into_the_base_forms_of_its_parts(word, parts):
    assert split(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        "korps",  # one part: Pagefind finds it already
        "klubbar",  # one part with an ending
        "Lindvik",  # a place name
        "Nordbygda",
        "utslag",  # ends like "lag", but "uts" is no part
        "trening",  # a listed word that is no compound
        "orientering",
        "kulisse",
        "sykehjemmet",  # not covered by the list: left alone
        "ukrainere",
        "",
    ],
)
def test_a_word_that_is_not_a_compound_of_listed_parts_stays_whole(word):
    assert split(word) == []


def test_the_parts_of_an_associations_texts_once_each_with_the_written_ending():
    parts = compound_parts(
        "Lindvik sjakklubb",
        "Klubbkveld med sjakk hver onsdag. Sjakklubben møtes i kulturhuset.",
        ["sjakk", "brettspill"],
        ["Fritid og hobby"],
    ).split()
    assert parts == ["sjakk", "klubb", "kveld", "klubben", "kultur", "hus", "huset"]
    assert compound_parts("Lindvik IL", None, [], ["Idrett"]) == ""


def test_the_word_list_is_base_forms_of_three_letters_or_more_once_each():
    lines = [
        line.strip()
        for line in WORDS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(lines) == len(set(lines)), "a word is listed twice"
    for word in lines:
        assert re.fullmatch(r"[a-zæøåé]{3,}", word), word
    assert {"korps", "klubb", "lag", "forening", "foreining", "skole", "skule"} <= known_parts()
