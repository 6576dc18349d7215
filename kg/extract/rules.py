"""Load the extraction rule data shipped in ``kg/resources`` (heads, stop words, gazetteers ...).

Every loader is cached per process and raises :class:`kg.errors.ResourceError` naming the file
and line when a file is malformed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import ResourceError

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
PATTERNS = RESOURCES / "patterns"
GAZETTEERS = RESOURCES / "gazetteers"

CLASSES = frozenset(
    [
        "Company",
        "GovernmentBody",
        "University",
        "Hospital",
        "Lab",
        "ResearchInstitute",
        "Fund",
        "Association",
        "Province",
        "City",
        "District",
        "Area",
        "Park",
        "Program",
        "Project",
        "Person",
        "Event",
        "Sector",
    ]
)


@dataclass(frozen=True)
class HeadRule:
    """One suffix of the head grammar: ``<left extension><head>`` is a name of ``type``."""

    head: str
    type: str
    min_prefix: int
    max_len: int
    flags: frozenset[str]


@dataclass(frozen=True)
class GazetteerEntry:
    """A known entity: canonical name, class, other names."""

    name: str
    type: str
    aliases: tuple[str, ...]
    part_of: str | None = None


def _rows(path: Path, min_cols: int) -> list[tuple[int, list[str]]]:
    """Non-comment, non-blank TSV rows of ``path`` with their line numbers."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise ResourceError(f"cannot read rule file: {err}", str(path)) from err
    rows = []
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < min_cols:
            raise ResourceError(f"line {no}: expected {min_cols} tab-separated columns", str(path))
        rows.append((no, cols))
    return rows


def _check_type(type_: str, path: Path, no: int) -> str:
    if type_ not in CLASSES:
        raise ResourceError(f"line {no}: unknown class {type_!r}", str(path))
    return type_


@cache
def head_rules(path: Path = RESOURCES / "entity_rules.tsv") -> tuple[HeadRule, ...]:
    """The head grammar, longest head first."""
    rules = []
    for no, cols in _rows(path, 5):
        try:
            min_prefix, max_len = int(cols[2]), int(cols[3])
        except ValueError as err:
            raise ResourceError(
                f"line {no}: min_prefix/max_len must be integers", str(path)
            ) from err
        flags = frozenset(f for f in cols[4].split(",") if f and f != "-")
        rules.append(HeadRule(cols[0], _check_type(cols[1], path, no), min_prefix, max_len, flags))
    return tuple(sorted(rules, key=lambda r: (-len(r.head), r.head)))


@cache
def word_list(name: str) -> frozenset[str]:
    """A one-word-per-line (or space-separated) list from ``patterns/<name>.txt``."""
    path = PATTERNS / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ResourceError(f"cannot read word list: {err}", str(path)) from err
    words = set()
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@cache
def keyed_list(name: str) -> tuple[tuple[str, str], ...]:
    """Two-column TSV ``patterns/<name>.tsv`` as (key, value) pairs, in file order."""
    path = PATTERNS / f"{name}.tsv"
    return tuple((cols[0], cols[1]) for _, cols in _rows(path, 2))


def _compile_with_group(pattern: str, group: str, path: Path, no: int) -> re.Pattern[str]:
    """Compile a rule regex that must capture a named ``group``; errors name the file and line."""
    try:
        rx = re.compile(pattern)
    except re.error as err:
        raise ResourceError(f"line {no}: bad regex: {err}", str(path)) from err
    if group not in rx.groupindex:
        raise ResourceError(f"line {no}: regex needs a group named '{group}'", str(path))
    return rx


@cache
def alias_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Alias cue regexes (``（以下简称X）``) with a named group ``alias``."""
    path = PATTERNS / "aliases.tsv"
    return tuple(
        (cols[0], _compile_with_group(cols[1], "alias", path, no)) for no, cols in _rows(path, 2)
    )


@cache
def name_patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(rule name, class, regex with a group ``name``) from ``patterns/name_patterns.tsv``."""
    path = PATTERNS / "name_patterns.tsv"
    out = []
    for no, cols in _rows(path, 3):
        rx = _compile_with_group(cols[2], "name", path, no)
        out.append((cols[0], _check_type(cols[1], path, no), rx))
    return tuple(out)


@cache
def legal_suffixes() -> tuple[str, ...]:
    """Legal-form suffixes, longest first (股份有限公司 before 有限公司)."""
    path = PATTERNS / "name_suffixes.tsv"
    words = [cols[0] for _, cols in _rows(path, 1)]
    return tuple(sorted(words, key=len, reverse=True))


@cache
def gazetteer() -> tuple[GazetteerEntry, ...]:
    """Every entry of ``gazetteers/*.tsv`` (canonical, type, aliases, part_of)."""
    entries: dict[tuple[str, str], GazetteerEntry] = {}
    for path in sorted(GAZETTEERS.glob("*.tsv")):
        for no, cols in _rows(path, 2):
            type_ = _check_type(cols[1], path, no)
            aliases = tuple(a for a in (cols[2].split("|") if len(cols) > 2 else []) if a)
            part_of = cols[3] if len(cols) > 3 and cols[3] else None
            if (type_, cols[0]) in entries:
                raise ResourceError(f"line {no}: duplicate entry {cols[0]!r}", str(path))
            entries[(type_, cols[0])] = GazetteerEntry(cols[0], type_, aliases, part_of)
    return tuple(entries.values())


@cache
def gazetteer_index() -> dict[str, GazetteerEntry]:
    """Surface form (name or alias) -> entry; a form claimed twice raises."""
    index: dict[str, GazetteerEntry] = {}
    for entry in gazetteer():
        for form in (entry.name, *entry.aliases):
            other = index.get(form)
            if other is not None and other != entry:
                raise ResourceError(
                    f"{form!r} names both {other.name} and {entry.name}", str(GAZETTEERS)
                )
            index[form] = entry
    return index


PLACE_CLASSES = frozenset({"Province", "City", "District", "Area"})


def user_words() -> list[tuple[str, str]]:
    """(word, jieba POS) pairs to add to jieba so names and heads segment whole.

    Places are tagged ``ns``, other known names ``nt``, heads and titles ``n``.
    """
    words: dict[str, str] = {}
    for rule in head_rules():
        words[rule.head] = "n"
    for title, _ in keyed_list("person_titles"):
        words[title] = "n"
    for word in word_list("user_words"):
        words[word] = "n"
    for form, entry in gazetteer_index().items():
        words[form] = "ns" if entry.type in PLACE_CLASSES else "nt"
    return sorted((w, t) for w, t in words.items() if len(w) >= 2)
