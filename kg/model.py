"""The data passed between pipeline stages: frozen dataclasses, no behaviour beyond helpers.

Flow: ``Article`` (ingest) -> ``ArticleResult`` (extract: mentions, local entities, relations)
-> ``KnowledgeBase`` (resolve: one ``Entity`` per real-world thing) -> RDF (build).

Entity keys are ``"<Class>/<canonical name>"`` (e.g. ``"Fund/武汉宏泰硚口生物医疗科技创新创业基金"``);
relations refer to entities by key, before and after resolution.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Span:
    """A marked region of normalized text (mojibake, page furniture, photo credit ...)."""

    start: int
    end: int
    kind: str
    note: str = ""


@dataclass(frozen=True)
class Section:
    """One article/section of a newspaper page: ``text[start:end]``, with its headline if known."""

    start: int
    end: int
    headline: str | None = None


@dataclass(frozen=True)
class Article:
    """One normalized input file.

    ``offsets[i]`` is the index in the decoded original text of normalized character ``i``
    (``len(offsets) == len(text)``), so evidence can point back at the source file.
    Nothing is extracted from ``suspicious`` spans.
    """

    id: str
    path: str
    file_name: str
    text: str
    encoding: str
    content_hash: str
    source: str | None = None
    published: str | None = None
    date_basis: str | None = None
    headline: str | None = None
    sections: tuple[Section, ...] = ()
    suspicious: tuple[Span, ...] = ()
    repairs: tuple[tuple[str, int], ...] = ()
    offsets: tuple[int, ...] = ()

    def source_offset(self, index: int) -> int:
        """Map a normalized offset to the original text (end offsets map past the last char)."""
        if not self.offsets:
            return index
        if index >= len(self.offsets):
            return self.offsets[-1] + 1 if self.offsets else index
        return self.offsets[index]

    def is_suspicious(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a suspicious span."""
        return any(s.start < end and start < s.end for s in self.suspicious)


def entity_key(type_: str, name: str) -> str:
    """The key of an entity: class local name and canonical name.

    >>> entity_key("Fund", "长江基金")
    'Fund/长江基金'
    """
    return f"{type_}/{name}"


def split_key(key: str) -> tuple[str, str]:
    """Inverse of :func:`entity_key`.

    >>> split_key("Fund/长江基金")
    ('Fund', '长江基金')
    """
    type_, _, name = key.partition("/")
    return type_, name


@dataclass(frozen=True)
class Mention:
    """One surface occurrence of an entity in an article."""

    article_id: str
    start: int
    end: int
    text: str
    type: str
    method: str
    canonical: str | None = None


@dataclass(frozen=True)
class Entity:
    """One real-world thing: canonical simplified-Chinese name, class and every other surface form."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    name_en: str | None = None
    articles: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return entity_key(self.type, self.name)


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: the sentence and its offsets in the normalized article text."""

    article_id: str
    sentence: str
    start: int
    end: int
    confidence: float
    method: str


@dataclass(frozen=True)
class Relation:
    """A statement: ``subject predicate object`` (entity keys) or ``subject predicate value``.

    ``value`` is a ``Decimal`` in yuan for amounts, an ISO date string (``2024-10-22``,
    ``2024-10`` or ``2024``) for ``foundingDate``. ``value_text`` keeps the original wording.
    """

    subject: str
    predicate: str
    object: str | None = None
    value: Decimal | str | None = None
    value_text: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class ArticleResult:
    """What extraction found in one article, before cross-article resolution."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    """Resolved extraction results for a corpus: what the graph builder turns into RDF."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    mentions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """article id -> keys of the entities it mentions"""
