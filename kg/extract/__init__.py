"""Extraction: normalized articles -> mentions, local entities and relations.

    nlp = make_nlp()                      # spaCy blank zh + jieba + InnoKG components
    results = extract_articles(articles)  # list[ArticleResult]

Entity recognition is rule data (``kg/resources``): a suffix/head grammar with a left-boundary
rule, gazetteers, alias cues and person titles. Relations come from :mod:`kg.relations`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.model import Article, ArticleResult

if TYPE_CHECKING:
    from spacy.language import Language

PIPES = (
    "ikg_gazetteer",
    "ikg_head_grammar",
    "ikg_quoted_names",
    "ikg_name_patterns",
    "ikg_people",
    "ikg_enumerations",
)


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The InnoKG pipeline: ``spacy.blank("zh")`` with jieba and the rule components (cached)."""
    import jieba
    import spacy

    from kg.extract import components  # noqa: F401  (registers the factories)
    from kg.extract.rules import user_words

    jieba.setLogLevel(logging.WARNING)
    for word, tag in user_words():
        jieba.add_word(word, tag=tag)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for pipe in PIPES:
        nlp.add_pipe(pipe)
    return nlp


def extract_article(article: Article, nlp: Language | None = None) -> ArticleResult:
    """Mentions, local entities and relations of one article."""
    from kg.extract.components import KEY, boundaries
    from kg.extract.local import choose, group, to_model

    nlp = nlp or make_nlp()
    doc = nlp(article.text)
    chosen = choose(doc.user_data.get(KEY, []), article)
    local = group(article, chosen, boundaries(doc))
    mentions, entities = to_model(article, local)
    relations = _relations(article, doc, list(mentions))
    return ArticleResult(article=article, mentions=mentions, entities=entities, relations=relations)


def _relations(article: Article, doc, mentions: list) -> tuple:
    try:
        from kg.relations import extract_relations
    except ImportError:
        return ()
    return tuple(extract_relations(article, doc, mentions))


def extract_articles(articles: Iterable[Article]) -> list[ArticleResult]:
    """:func:`extract_article` over many articles, in input order."""
    nlp = make_nlp()
    return [extract_article(a, nlp) for a in articles]
