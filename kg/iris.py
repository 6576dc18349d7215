"""Deterministic, readable IRIs for entities, articles and evidence.

An entity IRI is ``ikgr:<class>/<pinyin slug>-<hash>``: the slug makes it readable, the hash
(of class and canonical name) makes it unique; nothing depends on run order, counters or
randomness, so the same name gets the same IRI on every machine and every run.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from decimal import Decimal

from rdflib import URIRef

from kg.namespaces import IKGR_IRI

SLUG_MAX = 48
"""Longest slug (characters, before the hash); cut at a word boundary."""

_HASH_LEN = 8
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def short_hash(*parts: object, length: int = _HASH_LEN) -> str:
    """A short, stable hex digest of ``parts`` (joined by a unit separator).

    >>> short_hash("Fund", "长江基金")
    'b3203e5f'
    """
    data = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:length]


def pinyin_syllables(text: str) -> list[str]:
    """Toneless pinyin syllables of Chinese characters; other runs kept as written.

    >>> pinyin_syllables("武汉AI基金")
    ['wu', 'han', 'AI', 'ji', 'jin']
    """
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, errors="default", v_to_u=False)


def slugify(text: str, max_len: int = SLUG_MAX) -> str:
    """A lowercase ASCII slug of ``text`` (pinyin for Chinese), at most ``max_len`` chars.

    >>> slugify("武汉宏泰硚口生物医疗科技创新创业基金")
    'wu-han-hong-tai-qiao-kou-sheng-wu-yi-liao-ke-ji'
    >>> slugify("《武汉市AI九条》")
    'wu-han-shi-ai-jiu-tiao'
    """
    text = unicodedata.normalize("NFKC", text)
    words: list[str] = []
    for syllable in pinyin_syllables(text):
        words.extend(w for w in _NON_SLUG.split(syllable.lower()) if w)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    return slug or "x"


def class_segment(type_: str) -> str:
    """The path segment of a class: kebab-case of its local name.

    >>> class_segment("GovernmentBody")
    'government-body'
    """
    return _CAMEL.sub("-", type_).lower()


def entity_iri(type_: str, name: str) -> URIRef:
    """The IRI of the entity of class ``type_`` with canonical name ``name``.

    >>> str(entity_iri("Fund", "长江基金"))
    'https://w3id.org/innokg/id/fund/chang-jiang-ji-jin-b3203e5f'
    """
    return URIRef(f"{IKGR_IRI}{class_segment(type_)}/{slugify(name)}-{short_hash(type_, name)}")


def key_iri(key: str) -> URIRef:
    """The IRI of an entity key ``"<Class>/<name>"`` (see :func:`kg.model.entity_key`)."""
    type_, _, name = key.partition("/")
    return entity_iri(type_, name)


def article_slug(article_id: str) -> str:
    """A safe path segment for an article id (normally the file stem).

    >>> article_slug("000_4ba99b4df923a25e")
    '000_4ba99b4df923a25e'
    """
    if re.fullmatch(r"[A-Za-z0-9_.-]+", article_id):
        return article_id
    return f"{slugify(article_id)}-{short_hash(article_id)}"


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article, from its id (the input file name without extension).

    >>> str(article_iri("000_4ba99b4df923a25e"))
    'https://w3id.org/innokg/id/article/000_4ba99b4df923a25e'
    """
    return URIRef(f"{IKGR_IRI}article/{article_slug(article_id)}")


def evidence_iri(
    article_id: str,
    subject: str,
    predicate: str,
    obj: str | Decimal | None,
    start: int,
    end: int,
) -> URIRef:
    """The IRI of one evidence node: a hash of article, statement and offsets."""
    digest = short_hash(article_id, subject, predicate, obj, start, end, length=16)
    return URIRef(f"{IKGR_IRI}evidence/{article_slug(article_id)}-{digest}")
