"""Literal anchors of a phrase pattern: strings one of which every match of the pattern contains.

A block that holds none of a pack's anchors cannot match any of its phrases, so one scan for the anchors
spares most blocks the full patterns. The analysis reads the top level of a pattern only: a run of
literal characters, or a group of literal alternatives such as ``(donate|give)``, that is not optional.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Generic, TypeVar

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
    return [(option, at_word_start and option[:1].isalnum()) for option in best]


class Gate(Generic[Label]):
    """Finds which labels' patterns may match a text, by scanning once for their anchors.

    The scan is one regex shaped as a trie of the literals (so each position costs a character
    test or two, not one per literal); it reports non-overlapping literals, so a literal found also
    stands for every literal that could hide inside it or start inside it and run on past its end.
    """

    def __init__(self, anchors_by_label: Mapping[Label, Iterable[tuple[str, bool]]]) -> None:
        labels_of: dict[str, set[Label]] = {}
        word_starts: set[str] = set()
        anywhere: set[str] = set()
        for label, found in anchors_by_label.items():
            for literal, at_word_start in found:
                labels_of.setdefault(literal, set()).add(label)
                (word_starts if at_word_start else anywhere).add(literal)
        self._labels_of = _closure(labels_of)
        branches = []
        if word_starts:
            branches.append(rf"(?<!\w){_trie(word_starts)}")
        if anywhere:
            branches.append(_trie(anywhere))
        self._scan = re.compile("|".join(branches)) if branches else None

    def labels(self, text: str) -> set[Label]:
        """The labels with an anchor in ``text``."""
        found: set[Label] = set()
        if self._scan is not None:
            for match in self._scan.finditer(text):
                found |= self._labels_of[match.group()]
        return found


def _closure(labels_of: dict[str, set[Label]]) -> dict[str, frozenset[Label]]:
    """For each literal, the labels of every literal that a match of it can hide: one that lies inside
    it, or one that starts inside it and runs on past its end."""
    starting_with: dict[str, set[str]] = {}
    for literal in labels_of:
        for end in range(1, len(literal) + 1):
            starting_with.setdefault(literal[:end], set()).add(literal)
    closure = {}
    for literal in labels_of:
        hidden: set[str] = set()
        for start in range(len(literal)):
            rest = literal[start:]
            hidden |= starting_with.get(rest, set())  # starts here and runs on (or ends exactly at the end)
            hidden.update(rest[:end] for end in range(1, len(rest)) if rest[:end] in labels_of)  # lies inside
        closure[literal] = frozenset().union(*(labels_of[other] for other in hidden))
    return closure


def _trie(literals: Iterable[str]) -> str:
    """A regex matching exactly ``literals``, longest first, shaped as a trie."""
    root: dict[str, Any] = {}
    for literal in literals:
        node = root
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(root)


def _trie_node(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_node(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else f"{body}?"
