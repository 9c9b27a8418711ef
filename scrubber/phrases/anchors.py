"""Literal anchors of a phrase pattern: strings one of which every match of the pattern contains.

A block that holds none of a pack's anchors cannot match any of its phrases, so one scan for the anchors
spares most blocks the full patterns. The analysis reads the top level of a pattern only: a run of
literal characters, or a group of literal alternatives such as ``(donate|give)``, that is not optional.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Generic, TypeVar

from ahocorasick_rs import AhoCorasick

from scrubber.scripts import is_word_char

Label = TypeVar("Label", bound=Hashable)

_SPECIAL = set("\\()|?*+{}[].^$")
_OPTIONAL = re.compile(r"\?|\*|\{0")
_QUANTIFIER = re.compile(r"[?*+]|\{\d*(?:,\d*)?\}")


def _group_end(pattern: str, start: int) -> int:
    """The index just past the group or character class opening at ``start``."""
    if pattern[start] == "[":
        end = start + 1
        while pattern[end] != "]" or end == start + 1:
            end += 2 if pattern[end] == "\\" else 1
        return end + 1
    depth, end = 0, start
    while True:
        char = pattern[end]
        if char == "\\":
            end += 2
            continue
        if char == "[":
            end = _group_end(pattern, end)
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        end += 1
        if depth == 0:
            return end


def _literal_alternatives(group: str) -> tuple[str, ...] | None:
    body = group[3:-1] if group.startswith("(?:") else group[1:-1]
    options = body.split("|")
    if any(not option or _SPECIAL & set(option) for option in options):
        return None
    return tuple(options)


def anchors(pattern: str) -> list[tuple[str, bool]] | None:
    """The anchors of ``pattern`` as ``(literal, starts_a_word)`` pairs, or None when it has none.

    ``starts_a_word`` is true when the literal can only match at the start of a word (it opens the
    pattern, which the packs match at word starts, or follows a literal space).
    """
    found: list[tuple[tuple[str, ...], bool]] = []
    run, run_at_word_start, position = "", True, 0
    previous = " "  # the pattern opens at a word start
    while position <= len(pattern):
        char = pattern[position] if position < len(pattern) else ""
        if char == "|":
            return None  # alternatives at the top level: no single anchor
        if char == "\\" and not pattern[position + 1].isalnum():
            literal, end = pattern[position + 1], position + 2
        elif char and char not in _SPECIAL:
            literal, end = char, position + 1
        else:
            literal, end = "", position
        quantifier = _QUANTIFIER.match(pattern, end) if literal else None
        if literal and not quantifier:
            if not run:
                run_at_word_start = previous == " "
            run += literal
            previous, position = literal, end
            continue
        if run.strip():
            stripped = run.lstrip()
            found.append(((stripped.rstrip(),), run_at_word_start or stripped != run))
        run = ""
        if not char:
            break
        if char in "([":
            end = _group_end(pattern, position)
            quantifier = _QUANTIFIER.match(pattern, end)
            if char == "(" and not (quantifier and _OPTIONAL.match(quantifier.group())):
                options = _literal_alternatives(pattern[position:end])
                if options:
                    found.append((options, previous == " "))
        elif char == "\\":
            end = position + 2
            quantifier = _QUANTIFIER.match(pattern, end)
        else:
            end = position + 1 if not literal else end
            quantifier = _QUANTIFIER.match(pattern, end)
        previous = ""
        position = quantifier.end() if quantifier else end
    if not found:
        return None
    best, at_word_start = max(found, key=lambda item: min(len(option) for option in item[0]))
    return [(option, at_word_start and is_word_char(option[:1])) for option in best]


class Gate(Generic[Label]):
    """Finds where the labels' patterns may match a text, by scanning once for their anchors.

    The scan is an Aho-Corasick automaton of the literals (ahocorasick_rs), so one pass over the text
    finds every occurrence of every literal, overlapping ones included, in time that does not grow
    with the number of literals. Literals that must start a word count only where they do.
    """

    def __init__(self, anchors_by_label: Mapping[Label, Iterable[tuple[str, bool]]]) -> None:
        anywhere: dict[str, set[Label]] = {}
        by_literal: dict[str, set[Label]] = {}
        for label, found in anchors_by_label.items():
            for literal, word_start_only in found:
                by_literal.setdefault(literal, set()).add(label)
                if not word_start_only:
                    anywhere.setdefault(literal, set()).add(label)
        literals = list(by_literal)
        # for each literal: its labels where it starts inside a word, and where it starts a word
        self._labels_of = [
            (frozenset(anywhere.get(literal, ())), frozenset(by_literal[literal])) for literal in literals
        ]
        self._automaton = AhoCorasick(literals) if literals else None

    def matches(self, text: str) -> Iterator[tuple[int, frozenset[Label]]]:
        """Each position of ``text`` where an anchor starts, with the labels it stands for there."""
        if self._automaton is None:
            return
        for index, start, _ in self._automaton.find_matches_as_indexes(text, overlapping=True):
            inside, starting = self._labels_of[index]
            yield start, starting if start == 0 or not is_word_char(text[start - 1]) else inside
