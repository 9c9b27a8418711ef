"""Bylines: tell a credit line ("By Jane Doe and John Roe, Reuters") from prose, and pull clean names.

A byline is cut into parts at separators and joiners ("A, B and C", "A & B", "Von A und B", "山田太郎、鈴木花子");
each part is a person, an organization (a news agency, an outlet, the site itself) or neither (a role, a
date). Word lists (prefixes, joiners, roles, agencies, outlet words) are data in the phrase packs. Better no
author than a wrong one: a part that does not look like a name is dropped."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from scrubber.phrases import with_defaults, words_of
from scrubber.scripts import WORD_AFTER, count_words

_SPLIT = re.compile(r"\s*(?:,|;|\||/|•|·|、|，|\s-\s|\s–\s|\s—\s|\n|／|；|・)\s*")
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЇІЄҐ][\w'’.\-]*|[a-zà-ÿ]{1,3}|(?:al|el|bin|ibn)-\w+)$")
# Han, kana and hangul: names written without capitals, usually two to four characters
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
CJK_NAME = re.compile(rf"^[{_CJK}]{{2,5}}(?:[ \u3000・][{_CJK}]{{1,5}})?$")
_MAX_BYLINE_WORDS = 16
_PARTICLES = {"van", "von", "der", "de", "da", "del", "di", "du", "le", "la", "al", "bin", "ibn", "ten", "ter", "dos"}
_DIGIT = re.compile(r"\d")
# a link starts where a run of non-spaces does (tried from each of its characters, it cost n² steps)
_URL = re.compile(r"(?<!\S)\S*://\S*|www\.\S+")
# an outlet and its website ("Deutsche Welle (www.dw.com)"); a match starts after a separator, as the leftmost
# one does (trying every position of a long run of words made a credit of n words cost n² steps)
_WITH_ADDRESS = re.compile(r"(?<![^,;|()\n])([^,;|()\n]+?)\s*\((?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?\)")
# a single-word name: a letter, then letters or digits, some lower-case ("Susan", "jsteinhardt", "lulug30"; not
# "MS", "fiona-leishman", "2025")
_SINGLE_NAME = re.compile(r"^(?=.*[^\W\d_](?<![A-Z]))[^\W\d_][^\W_'’]{1,30}$")
# a middle or maiden name in brackets between the others ("Paramita (Guha) Ghosh"); not a bracket that ends
# the part, which holds an agency or a place as often ("Jane Doe (Reuters)")
_BRACKETED_INSIDE = re.compile(r"(?<=\S)\s\(([^()]+)\)\s(?=\S)")
_MIN_TITLE_ROLE = 5  # letters: a shorter role word ending a part may be a degree after a name ("MS", "PhD")
_MIN_COMPOUND_ROLE = 6  # shorter role words end surnames too ("Whitehead", "Flagstaff")
# a bracket that closes a name ("Jane Doe (Reuters)", "Ann Lee (AP), Jan Roth"): the credit of an outlet beside it
_BRACKET_CLOSING = re.compile(r"(?<=\S)\s*\(([^()]+)\)\s*(?=$|[,;|\n])")
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s.])[A-ZÀ-ÖØ-Þ]$")  # "Nelson C.J", "Miguel A": the dot is the name's
_COUNTS = re.compile(r"^\s*\d.*$", re.MULTILINE)  # a line that starts with a number: a count, a date
# a label with its count, on one line or two ("留言 (42)", "人氣(23925)", "Likes Received: 1"): a counter of the
# page or of a forum member's profile, never a name (it starts where its run of words does, as the leftmost
# match would: trying each word of a long run made a credit of n words cost n² steps)
_COUNTER = re.compile(
    r"(?<![^\W\d_]|[ \t])[ \t]*[^\W\d_]+(?:[ \t]+[^\W\d_]+)*\s*[:：(（]\s*\d[\d,.]*\s*[)）]?[ \t]*(?=\n|$)"
)


@dataclass
class Credit:
    """What a byline credits: person names in order and organizations (agencies, outlets)."""

    authors: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Words:
    prefix: re.Pattern[str]
    label: re.Pattern[str]
    joiner: re.Pattern[str]
    role: re.Pattern[str]
    tail: re.Pattern[str]
    agencies: frozenset[str]
    outlet_words: frozenset[str]
    roles: frozenset[str]
    suffix: re.Pattern[str]  # a title after the name: "홍길동 기자", "山田太郎記者"
    lone_label: re.Pattern[str]  # a prefix or date label standing alone ("By", "Von", "Updated")
    author_label: re.Pattern[str]  # "By", "Von" anywhere
    other_credit: re.Pattern[str]  # "Contributions from", "Reviewed by", "Photography by"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(char for char in text if not unicodedata.combining(char)).split())


@lru_cache(maxsize=64)
def _words(languages: tuple[str, ...]) -> _Words:
    prefixes = "|".join(words_of("byline", "prefixes", languages))
    dated = "|".join(words_of("byline", "date_prefixes", languages)) or "(?!)"
    joiners = "|".join(re.escape(j) for j in words_of("byline", "joiners", languages))
    role_list = words_of("byline", "roles", languages)
    by_length = sorted(role_list, key=len, reverse=True)
    # CJK roles follow the name with no space ("山田太郎記者"): no word boundary to ask for
    spaced = "|".join(re.escape(role) for role in by_length if not CJK_NAME.match(role))
    unspaced = "|".join(re.escape(role) for role in by_length if CJK_NAME.match(role)) or "(?!)"
    # a compound ending in a long role is a role too ("Wirtschaftsredakteur", "Sportreporter")
    compound = "|".join(re.escape(role) for role in by_length if len(role) >= _MIN_COMPOUND_ROLE) or "(?!)"
    months = "|".join(words_of("byline", "months", languages) + words_of("byline", "month_abbreviations", languages))
    # what ends a name: "Jane Doe for The Times", "Jane Doe in Kyiv", "Jane Doe Tuesday", "Jane Doe March 3"
    tails = "|".join(words_of("byline", "name_ends", languages))
    others = "|".join(words_of("byline", "other_credits", languages)) or "(?!)"
    return _Words(
        prefix=re.compile(rf"^\s*(?:{prefixes}){WORD_AFTER}\s*(?=\S)", re.IGNORECASE),
        label=re.compile(rf"\s(?:{prefixes})$", re.IGNORECASE),
        joiner=re.compile(rf"\s+(?:{joiners})\s+|\s*&\s*", re.IGNORECASE),
        # a compound starts where a word does: tried from every letter of a long word, it cost n² steps
        role=re.compile(rf"(?<!\w)(?:{spaced})(?!\w)|{unspaced}|(?<!\w)\w+(?:{compound})(?!\w)", re.IGNORECASE),
        tail=re.compile(rf"(?:^|\s+)(?:(?:{tails})(?!\w)|(?:{months})\.?\s+\d|\d|@).*$", re.IGNORECASE),
        agencies=frozenset(_fold(name) for name in words_of("byline", "agencies", languages)),
        outlet_words=frozenset(_fold(word) for word in words_of("byline", "outlet_words", languages)),
        roles=frozenset(_fold(role) for role in role_list),
        suffix=re.compile(rf"\s*(?:{'|'.join(words_of('byline', 'suffixes', languages)) or '(?!)'})\s*$"),
        lone_label=re.compile(rf"^(?:{prefixes}|{dated})$", re.IGNORECASE),
        author_label=re.compile(rf"(?<!\w)(?:{prefixes})(?!\w)", re.IGNORECASE),
        other_credit=re.compile(rf"(?<!\w)(?:{others})(?!\w)", re.IGNORECASE),
    )


def _case_runs(part: str) -> list[str]:
    """Split where the writing changes from ALL CAPS to Title Case ("JO ALLEN The Daily Courier"): two
    elements' texts run together; each run is two words or more."""
    words = part.split()
    # an initial ("D.") goes with either writing
    shouting = [None if sum(char.isalpha() for char in word) < 2 else word.isupper() for word in words]
    if len({loud for loud in shouting if loud is not None}) < 2:
        return [part]
    runs: list[list[str]] = [[]]
    writing = None
    for word, loud in zip(words, shouting, strict=True):
        if loud is not None and writing is not None and loud != writing:
            runs.append([])
        writing = writing if loud is None else loud
        runs[-1].append(word)
    if any(len(run) < 2 for run in runs):
        return [part]  # "JR Raphael": initials in capitals, one name
    return [" ".join(run) for run in runs]


def _unbracketed(part: str, agencies: frozenset[str]) -> str:
    """``part`` with a middle or maiden name in brackets unwrapped ("Paramita (Guha) Ghosh"): words written
    as names are (a capital, then lower-case letters), not an agency ("John (AP) Smith", "Jane Doe (Reuters)
    Washington") nor what is left of a role taken out ("Mary (Staff Writer) Jones" -> "Mary ( ) Jones")."""

    def unwrapped(match: re.Match[str]) -> str:
        inside = match[1].split()
        named = bool(inside) and all(word[:1].isupper() and any(char.islower() for char in word) for word in inside)
        return f" {match[1]} " if named and _fold(match[1]) not in agencies else match[0]

    return _BRACKETED_INSIDE.sub(unwrapped, part)


def looks_like_name(part: str, roles: frozenset[str] = frozenset(), agencies: frozenset[str] = frozenset()) -> bool:
    if CJK_NAME.match(part):
        return True
    words = _unbracketed(part, agencies).split()
    if not 1 < len(words) <= 5:
        return False
    if any(word.lower().strip(".,") in roles for word in words):
        return False
    if all(len(word) <= 2 for word in words):
        return False  # "PM ET", "A B": initials or abbreviations, not a name
    capitalised = [w for w in words if w.lower() not in _PARTICLES]
    return bool(capitalised) and all(_NAME_WORD.match(word) and word[:1].isupper() for word in capitalised)


def _is_organization(part: str, words: _Words, publishers: tuple[str, ...]) -> bool:
    bare = _fold(part).removeprefix("the ")
    if bare in words.agencies or any(bare == _fold(name).removeprefix("the ") for name in publishers):
        return True
    return bool(words.outlet_words & set(bare.split()))


def _strip_roles(part: str, words: _Words) -> str:
    """The part without role words around the name ("Senior Editor Jane Doe", "김철수 기자")."""
    return _trimmed(" ".join(words.role.sub(" ", part).split()), " .:-–—")


def _is_job_title(part: str, words: _Words) -> bool:
    """A job title of several words that ends in a role word ("Content Marketing Coordinator", "Home Security
    Expert"): the words before the role describe the job, they are no name. Not a name followed by a title
    of role words ("Jane Doe Senior Editor"), nor by a degree, whose short word ends a part too ("Lauren
    Manaker MS")."""
    *before, last = part.lower().split() or [""]
    return (bool(before) and len(last) >= _MIN_TITLE_ROLE and last.strip(".,") in words.roles
            and before[-1].strip(".,") not in words.roles)


def _trimmed(part: str, chars: str) -> str:
    """``part`` without ``chars`` at its ends, except the dot of a closing initial ("Nelson C.J.")."""
    trimmed = part.strip(chars)
    return trimmed + "." if part.rstrip().endswith(".") and _ENDS_WITH_INITIAL.search(trimmed) else trimmed


def parse_credit(
    text: str, languages: tuple[str, ...] = (), publishers: tuple[str, ...] = (), *, stated: bool = False
) -> Credit:
    """The persons and organizations a byline or an author field credits; ``publishers`` are the page's own
    names for its site and publisher, organizations whatever they look like. A ``stated`` author (a page's
    author metadata, not a line of its text) may be a single name, a pen name or a user name; so may the
    name of a byline that says "By" or holds that one word alone."""
    words = _words(with_defaults(languages))
    credit = Credit()
    for outlet in _WITH_ADDRESS.findall(text):  # "Deutsche Welle (www.dw.com)": an outlet and its website
        credit.organizations.append(outlet.strip())
    text = _COUNTER.sub("\n", _WITH_ADDRESS.sub(",", text))
    text = _BRACKET_CLOSING.sub(r", \1", text)
    # one word alone, or beside counts only ("jdoe 1,204 3 gold badges": a user card), is a credited name
    credited = words.prefix.match(text.strip()) is not None or len(_COUNTS.sub(" ", text).split()) == 1
    text = words.joiner.sub(" & ", words.prefix.sub("", _URL.sub(",", text.strip())))  # one joiner: "A, and B"
    for piece in _SPLIT.split(text):
        for joined, member in enumerate(words.joiner.split(piece)):
            runs = _case_runs(member)
            for part in runs:
                whole = _trimmed(words.prefix.sub("", part), " .:()[]")
                part = _trimmed(words.tail.sub("", whole), " .:()[]")
                if not part or _DIGIT.match(part) or words.label.search(part) or words.lone_label.match(part):
                    continue  # a date, or a label before the names ("Kommentar von", "Commentary by") or alone
                if _is_organization(part, words, publishers):
                    if part not in credit.organizations:
                        credit.organizations.append(part)
                    continue
                if _is_job_title(part, words):
                    continue
                name = _strip_roles(part, words)
                # a lone word is a name first or joined to other lone names ("Maria & Katerina"), not after
                # a full name or apart ("Jane Doe | Sponsored", "Posted by BeauHD … from the … dept."), and
                # not the first word of a longer part ("Organization for Transformative Works", "Audiophile On")
                single = ((stated or credited) and len(runs) == 1 and name == part == whole
                          and _SINGLE_NAME.match(name) is not None
                          and not credit.organizations
                          and (not credit.authors or (joined > 0 and all(" " not in a for a in credit.authors))))
                if (single or looks_like_name(name, words.roles, words.agencies)) and name not in credit.authors:
                    credit.authors.append(name)
    return credit


def credited_otherwise(names: list[str], byline: str, languages: tuple[str, ...] = ()) -> set[str]:
    """Which of ``names`` a shown ``byline`` credits for something other than the writing: each name takes
    the last credit before it ("By A Contributions from B, C Reviewed by D": B, C and D)."""
    words = _words(with_defaults(languages))
    other, end, credited = False, 0, set()
    for start, name in sorted((byline.find(name), name) for name in names if name in byline):
        between = byline[end:start]
        if words.other_credit.search(between):
            other = True
        elif words.author_label.search(between):
            other = False
        if other:
            credited.add(name)
        end = start + len(name)
    return credited


def author_label(languages: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A byline's label ("By", "Von:", "Author:"): ``author_label(languages).match(text)`` tells whether
    ``text`` starts with one."""
    return _words(with_defaults(languages)).author_label


def parse_labelled_credit(text: str, languages: tuple[str, ...] = (), publishers: tuple[str, ...] = ()) -> Credit:
    """The credit of a line that only its label tells for a byline ("Von: Ana Weber, Jan Roth"): full names
    right after the label, else none ("By contrast, …", "By signing up, you agree to our Privacy Policy")."""
    credit = parse_credit(text, languages, publishers)
    label = _words(with_defaults(languages)).author_label.match(text.lstrip())
    rest = text.lstrip()[label.end():].lstrip(" :\n") if label else ""
    if not credit.authors or not rest.startswith(credit.authors[0]):
        return Credit()
    if not all(_is_full_name(name) for name in credit.authors):
        return Credit()
    return credit


def _is_full_name(name: str) -> bool:
    """A name of several words ("Jane Doe") or in Han, kana or hangul: a single word after a label may as
    well be a common noun ("By car", "By train")."""
    return " " in name or CJK_NAME.match(name) is not None


def split_authors(text: str, languages: tuple[str, ...] = ()) -> list[str]:
    """The person names in a byline, in order, without "By", dates, roles or agencies."""
    return parse_credit(text, languages).authors


def parse_byline(text: str, languages: tuple[str, ...] = ()) -> list[str] | None:
    """The authors when ``text`` is a byline line ("By Jane Doe"), else None."""
    if count_words(text) > _MAX_BYLINE_WORDS:
        return None
    words = _words(with_defaults(languages))
    if not words.prefix.match(text) and not words.suffix.search(text):
        return None
    authors = [name for name in split_authors(text, languages) if _is_full_name(name)]
    return authors or None
