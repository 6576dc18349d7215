"""Ingest: article files -> normalized, sectioned ``Article`` objects.

Steps (each a small function, see :mod:`kg.encoding` and :mod:`kg.normalize`):
decode bytes (UTF-8/BOM, GB18030/GBK, Big5) -> remove pinyin annotations -> repair or mark
mojibake -> OpenCC t2s -> width/punctuation normalization -> drop page furniture (QR-code
prompts, ``（上接第一版）``, photo credits) -> join lines broken by the layout -> remove spaces
inside Chinese text -> split into sections -> metadata (``catalog.csv`` beside the files, else
the dateline in the text).

Public contract used by later stages::

    read_articles(paths) -> IngestResult(articles=[Article...], errors=[KGError...])

Every character of ``Article.text`` keeps the index of the character of the decoded original
it came from (``Article.offsets``). Punctuation policy: see :mod:`kg.normalize`.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.encoding import decode_bytes
from kg.errors import InputError, KGError, MissingInput, NoArticles, ResourceError
from kg.model import Article, Section, Span
from kg.normalize import (
    Mapped,
    Paragraph,
    join_layout_lines,
    normalize_width,
    remove_cjk_spaces,
    remove_pinyin,
    repair_mojibake,
    split_lines,
    to_simplified,
)

CATALOG = "catalog.csv"
CATALOG_COLUMNS = ("file", "source", "published", "date_basis")


@dataclass
class IngestResult:
    """Articles read, and one error per file that was skipped."""

    articles: list[Article] = field(default_factory=list)
    errors: list[KGError] = field(default_factory=list)


@dataclass(frozen=True)
class FurnitureRule:
    kind: str
    action: str
    pattern: re.Pattern[str]


@dataclass
class Cleaned:
    """Normalized text before sectioning, with the repairs made and source ranges to mark."""

    text: Mapped
    repairs: dict[str, int] = field(default_factory=dict)
    marks: list[tuple[int, int, str, str]] = field(default_factory=list)
    """(source start, source end, kind, note) of regions to mark suspicious"""
    breaks: set[int] = field(default_factory=set)
    """source offsets where a new section starts (continuation markers)"""


def _resource_lines(name: str) -> list[list[str]]:
    text = resources.files("kg.resources.ingest").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def furniture_rules() -> tuple[FurnitureRule, ...]:
    """Page-furniture patterns from ``kg/resources/ingest/furniture.tsv``."""
    rules = []
    for cols in _resource_lines("furniture.tsv"):
        if len(cols) != 3 or cols[1] not in ("drop_line", "drop", "mark"):
            raise ResourceError(f"bad furniture rule {cols!r}", "kg/resources/ingest/furniture.tsv")
        rules.append(FurnitureRule(cols[0], cols[1], re.compile(cols[2], re.M)))
    return tuple(rules)


@lru_cache(maxsize=1)
def dateline_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Dateline patterns from ``kg/resources/ingest/datelines.tsv`` (source, regex)."""
    return tuple((cols[0], re.compile(cols[1], re.M)) for cols in _resource_lines("datelines.tsv"))


# ---------------------------------------------------------------- files and catalog


def list_files(paths: Sequence[str | Path]) -> list[Path]:
    """The ``.txt`` files named or found (not recursively) in the folders given, sorted.

    Raises:
        MissingInput: a path does not exist.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.suffix == ".txt" and f.is_file()))
        elif p.exists():
            files.append(p)
        else:
            raise MissingInput("no such file or folder", str(p))
    return files


def read_catalog(folder: Path) -> dict[str, dict[str, str]]:
    """Rows of ``folder/catalog.csv`` by file name ({} when there is none).

    Raises:
        InputError: the catalog lacks the ``file`` column or cannot be read.
    """
    path = folder / CATALOG
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise InputError("catalog has no 'file' column", str(path))
            return {row["file"].strip(): row for row in reader if row.get("file")}
    except (UnicodeDecodeError, csv.Error) as err:
        raise InputError(f"catalog cannot be read: {err}", str(path)) from err


# ---------------------------------------------------------------- normalization pipeline


def drop_furniture(m: Mapped) -> tuple[Mapped, dict[str, int], list[tuple[int, int]], set[int]]:
    """Remove page furniture line by line.

    Returns the text, counts per kind, the source ranges of photo captions (lines that carried a
    photo credit) and the source offsets where a continuation marker started a new section.
    """
    counts: dict[str, int] = {}
    captions: list[tuple[int, int]] = []
    breaks: set[int] = set()
    kept: list[Mapped] = []
    lines = split_lines(m)
    for idx, line in enumerate(lines):
        dropped = False
        for rule in furniture_rules():
            hits = list(rule.pattern.finditer(line.text))
            if not hits:
                continue
            counts[rule.kind] = counts.get(rule.kind, 0) + len(hits)
            if rule.kind == "continuation":
                nxt = next((ln for ln in lines[idx + 1 :] if ln.text.strip()), None)
                breaks.add(nxt.offsets[0] if nxt and nxt.offsets else line.offsets[0])
            if rule.action == "drop_line":
                dropped = True
                break
            if rule.action == "drop":
                line = line.sub(rule.pattern, "")
                if rule.kind == "photo_credit" and line.offsets:
                    captions.append((line.offsets[0], line.offsets[-1] + 1))
        if dropped:
            kept.append(Mapped("", []))
        else:
            kept.append(line)
    return Mapped.join(kept), counts, captions, breaks


def clean_text(decoded: str) -> Cleaned:
    """Run every normalization step on decoded text (before sectioning)."""
    m = Mapped.of(decoded).sub(re.compile(r"\r\n?"), "\n")
    cleaned = Cleaned(m)
    m, n = remove_pinyin(m)
    _count(cleaned, "pinyin_annotations_removed", n)
    m, fixed, marks = repair_mojibake(m)
    _count(cleaned, "mojibake_repaired", fixed)
    cleaned.marks.extend(marks)
    m, n = to_simplified(m)
    _count(cleaned, "traditional_to_simplified", n)
    m, n = normalize_width(m)
    _count(cleaned, "width_normalized", n)
    m, counts, captions, breaks = drop_furniture(m)
    for kind, n in sorted(counts.items()):
        _count(cleaned, f"furniture_removed:{kind}", n)
    cleaned.marks.extend((a, b, "caption", "photo caption") for a, b in captions)
    cleaned.breaks = breaks
    cleaned.text = m
    return cleaned


def _count(cleaned: Cleaned, kind: str, n: int) -> None:
    if n:
        cleaned.repairs[kind] = cleaned.repairs.get(kind, 0) + n


# ---------------------------------------------------------------- sections

DATELINE_START = re.compile(r"^(长江日报讯|新华社.{2,6}电|央广网.{2,8}消息|本报讯|■)")
MARKDOWN_HEAD = re.compile(r"^#{1,6}\s*")
SIDEBAR_LABEL = re.compile(r"^[【\[][^】\]]{1,12}[】\]]$")
"""a label inside a sidebar (【奖励】, [建设目标]): a sub-heading, not a new section"""


def _para_kinds(paras: list[Paragraph], cleaned: Cleaned) -> list[str]:
    """'caption', 'head' or 'body' per paragraph."""
    kinds = []
    for p in paras:
        first = p.text.offsets[0] if p.text.offsets else -1
        if any(a <= first < b for a, b, kind, _ in cleaned.marks if kind == "caption"):
            kinds.append("caption")
        elif DATELINE_START.match(p.text.text.strip()) and not p.text.text.lstrip().startswith("■"):
            kinds.append("body")  # a dateline opens running text even when its line has no comma
        elif p.head or MARKDOWN_HEAD.match(p.text.text):
            kinds.append("head")
        else:
            kinds.append("body")
    return kinds


def build_sections(
    paras: list[Paragraph], cleaned: Cleaned
) -> tuple[Mapped, tuple[Section, ...], list[tuple[int, int]]]:
    """Join paragraphs into the article text and split it into sections.

    A section starts at a run of headline lines that follows running text, at a dateline
    (``长江日报讯``) not directly under a headline, and after a continuation marker
    (``（上接第一版）``). Returns the text, sections and caption spans (text offsets).
    """
    kinds = _para_kinds(paras, cleaned)
    pieces: list[Mapped] = []
    starts: list[tuple[int, list[str]]] = []  # (paragraph index, headline lines)
    caption_spans: list[tuple[int, int]] = []
    pos = 0
    prev = "body"
    for i, (p, kind) in enumerate(zip(paras, kinds, strict=True)):
        text = p.text
        if kind == "head":
            text = text.sub(MARKDOWN_HEAD, "")
        first = p.text.offsets[0] if p.text.offsets else -1
        label = kind == "head" and bool(SIDEBAR_LABEL.match(text.text.strip())) and bool(starts)
        if kind == "head" and not label and (prev != "head" or not starts) or kind == "body" and (prev != "head") and (
            DATELINE_START.match(text.text) or first in cleaned.breaks or not starts
        ) or first in cleaned.breaks:
            starts.append((i, []))
        if kind == "head" and not label and all(k == "head" for k in kinds[starts[-1][0] : i + 1]):
            starts[-1][1].append(text.text.strip())
        if kind == "caption":
            caption_spans.append((pos, pos + len(text.text)))
        if kind != "caption":
            prev = kind
        pieces.append(text)
        pos += len(text.text) + 1
    full = Mapped.join(pieces)
    para_pos = [0]
    for piece in pieces:
        para_pos.append(para_pos[-1] + len(piece.text) + 1)
    heads = reassign_headlines(starts, [p.text for p in pieces])
    sections = []
    for n, (i, _) in enumerate(starts):
        end_para = starts[n + 1][0] if n + 1 < len(starts) else len(pieces)
        start, end = para_pos[i], min(para_pos[end_para] - 1, len(full.text))
        sections.append(Section(start, end, heads[n]))
    return full, tuple(sections), caption_spans


HEADLINE_OWNER_MIN = 0.5
"""share of a headline's character pairs an earlier article must contain to claim it"""
HEADLINE_OWNER_MARGIN = 0.2
"""and by how much more than the article below the headline"""
FRAGMENT_CHARS = 20
BYLINE = re.compile(r"^■|记者|通讯员")


def _pairs(text: str) -> list[str]:
    chars = [c for c in text if c.isalnum()]
    return [a + b for a, b in zip(chars, chars[1:], strict=False)]


def headline_overlap(headline: str, body: str) -> float:
    """Share of the headline's character pairs found in ``body`` (0 for an empty headline).

    >>> headline_overlap("武汉金山软件园开园", "武汉金山软件园正式开园")
    0.875
    """
    pairs = _pairs(headline)
    return sum(p in body for p in pairs) / len(pairs) if pairs else 0.0


def reassign_headlines(starts: list[tuple[int, list[str]]], texts: list[str]) -> list[str | None]:
    """Give headlines printed after their article back to it; fold headless scraps into the section before.

    Pages print some headlines below or beside their article, so the headline lines opening a
    section may belong to an earlier article that has no headline yet. The leading headline lines
    go to the earlier headless article whose text contains most of their character pairs, when
    clearly more than the text below them does; when that article is directly above, the lines
    join its section. A section left with no headline and a few characters of text (``汉江湾。``)
    is folded into the section before. ``starts`` is updated in place; returns the headlines.
    """
    def body(k: int) -> str:
        i, head = starts[k]
        end = starts[k + 1][0] if k + 1 < len(starts) else len(texts)
        return "\n".join(texts[i + len(head) : end])

    heads: list[str | None] = [" ".join(h for h in head if h) or None for _, head in starts]
    foreign = [0] * len(starts)  # leading paragraphs that are another article's headline
    for k in range(1, len(starts)):
        i, head = starts[k]
        own = body(k)
        movable = next((n for n, h in enumerate(head) if BYLINE.search(h)), len(head))
        best: tuple[float, int, int] | None = None  # (margin, lines, owner)
        for j in range(1, movable + 1):
            moved = "".join(head[:j])
            owners = [m for m in range(k) if heads[m] is None or BYLINE.match(heads[m] or "")]
            if not owners:
                break
            m = max(owners, key=lambda m: (headline_overlap(moved, body(m)), m))
            score = headline_overlap(moved, body(m))
            margin = score - headline_overlap(moved, own)
            if score >= HEADLINE_OWNER_MIN and margin >= HEADLINE_OWNER_MARGIN and (best is None or margin >= best[0]):
                best = (margin, j, m)
        if best is None:
            continue
        _, j, m = best
        while j < movable and headline_overlap(head[j], own) < HEADLINE_OWNER_MIN and headline_overlap(
            head[j], body(m)
        ) >= headline_overlap(head[j], own):
            j += 1  # the rest of the same headline (a subtitle) goes along
        heads[m] = " ".join(head[:j])
        starts[k] = (i + j, head[j:]) if m == k - 1 else (i, head[j:])
        foreign[k] = 0 if m == k - 1 else j
        heads[k] = " ".join(head[j:]) or None
    k = 1
    while k < len(starts):
        i, head = starts[k]
        end = starts[k + 1][0] if k + 1 < len(starts) else len(texts)
        text = "".join(texts[i + foreign[k] : end])
        if i >= end or heads[k] is None and len(text) < FRAGMENT_CHARS and not DATELINE_START.match(text):
            del starts[k], heads[k], foreign[k]
        else:
            k += 1
    return heads


# ---------------------------------------------------------------- metadata


def metadata_from_text(text: str) -> dict[str, str | None]:
    """Source and date from a dateline such as ``央广网武汉2月26日消息``.

    The year must be stated next to the date; otherwise ``published`` stays None and
    ``date_basis`` records the month and day that were stated.

    >>> metadata_from_text("央广网武汉2月26日消息（记者左洋）")["source"]
    '央广网'
    >>> metadata_from_text("新华社北京2024年8月18日电 为")["published"]
    '2024-08-18'
    """
    for source, pattern in dateline_rules():
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        published = None
        basis = f"stated: {m.group(0)}"
        if groups.get("month") and groups.get("day"):
            if groups.get("year"):
                published = f"{groups['year']}-{int(groups['month']):02d}-{int(groups['day']):02d}"
            else:
                basis += " (year not stated)"
        return {"source": source, "published": published, "date_basis": basis}
    return {"source": None, "published": None, "date_basis": None}


def article_metadata(file_name: str, text: str, catalog: dict[str, dict[str, str]]) -> dict[str, str | None]:
    """Metadata from the catalog row of the file when present, else from the text."""
    row = catalog.get(file_name)
    if row:
        return {k: (row.get(k) or "").strip() or None for k in ("source", "published", "date_basis")}
    return metadata_from_text(text)


# ---------------------------------------------------------------- articles


def _spans(full: Mapped, cleaned: Cleaned, captions: list[tuple[int, int]]) -> tuple[Span, ...]:
    spans = [Span(a, b, "caption", "photo caption (credit removed)") for a, b in captions]
    for src_a, src_b, kind, note in cleaned.marks:
        if kind == "caption":
            continue
        idx = [i for i, o in enumerate(full.offsets) if src_a <= o < src_b]
        if idx:
            spans.append(Span(idx[0], idx[-1] + 1, kind, note))
    return tuple(sorted(set(spans), key=lambda s: (s.start, s.end, s.kind)))


def normalize_article(path: Path, raw: bytes, catalog: dict[str, dict[str, str]]) -> Article:
    """Turn one file's bytes into an ``Article`` (raises an ``InputError`` for bad input)."""
    decoded = decode_bytes(raw, str(path))
    cleaned = clean_text(decoded.text)
    paras, joins = join_layout_lines(cleaned.text)
    _count(cleaned, "lines_joined", joins)
    spaced = []
    for p in paras:
        p.text, n = remove_cjk_spaces(p.text)
        _count(cleaned, "spaces_removed", n)
        if p.text.text.strip():
            spaced.append(p)
    if not spaced:
        raise InputError("no article text left after removing page furniture", str(path))
    full, sections, captions = build_sections(spaced, cleaned)
    meta = article_metadata(path.name, full.text, catalog)
    return Article(
        id=path.stem,
        path=str(path),
        file_name=path.name,
        text=full.text,
        encoding=decoded.encoding,
        content_hash=hashlib.sha256(raw).hexdigest(),
        source=meta["source"],
        published=meta["published"],
        date_basis=meta["date_basis"],
        headline=next((s.headline for s in sections if s.headline), None),
        sections=sections,
        suspicious=_spans(full, cleaned, captions),
        repairs=tuple(sorted(cleaned.repairs.items())),
        offsets=tuple(full.offsets),
    )


def read_articles(paths: Sequence[str | Path]) -> IngestResult:
    """Read and normalize every article file under ``paths``.

    Bad files are skipped with one error each in ``IngestResult.errors``.

    Raises:
        MissingInput: a path does not exist.
        NoArticles: nothing at all could be ingested.
    """
    result = IngestResult()
    catalogs: dict[Path, dict[str, dict[str, str]]] = {}
    for f in list_files(paths):
        try:
            if f.parent not in catalogs:
                catalogs[f.parent] = read_catalog(f.parent)
            result.articles.append(normalize_article(f, f.read_bytes(), catalogs[f.parent]))
        except InputError as err:
            result.errors.append(err)
        except OSError as err:
            result.errors.append(InputError(f"cannot be read: {err.strerror}", str(f)))
    if not result.articles:
        where = ", ".join(map(str, paths)) or "(no paths)"
        detail = f"{len(result.errors)} file(s) skipped" if result.errors else "no .txt files"
        raise NoArticles(f"no articles could be ingested ({detail})", where)
    return result
