"""spaCy components of the InnoKG pipeline: each adds candidates to ``doc.user_data``.

Registered factories (configurable in ``nlp.add_pipe(..., config=...)``):

- ``ikg_gazetteer``: known names and aliases from ``kg/resources/gazetteers/*.tsv``;
- ``ikg_head_grammar``: the suffix/head grammar of ``kg/resources/entity_rules.tsv``;
- ``ikg_quoted_names``: 《…》 policy titles, “…九条” programs, quoted names before a head;
- ``ikg_name_patterns``: regexes of ``kg/resources/patterns/name_patterns.tsv`` (环东湖 areas);
- ``ikg_people``: names with titles and speakers (周耕表示);
- ``ikg_enumerations``: names listed before a category word (蓝帆、蓝沙等企业).

Candidates are character-offset :class:`~kg.extract.candidates.Candidate` objects under
``doc.user_data["ikg_candidates"]``: jieba tokens do not always align with names.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.candidates import find_gazetteer, find_patterns, find_quoted, token_boundaries
from kg.extract.enumerations import find_listed
from kg.extract.grammar import find_heads
from kg.extract.people import find_people, find_speakers

KEY = "ikg_candidates"


def boundaries(doc: Doc) -> frozenset[int]:
    """Character offsets where a jieba token starts or ends (cached on the doc)."""
    cached = doc.user_data.get("ikg_boundaries")
    if cached is None:
        cached = token_boundaries((t.idx, t.idx + len(t.text)) for t in doc)
        doc.user_data["ikg_boundaries"] = cached
    return cached


def _adder(finder: Callable[[Doc], list], enabled: bool) -> Callable[[Doc], Doc]:
    def component(doc: Doc) -> Doc:
        doc.user_data.setdefault(KEY, [])
        if enabled:
            doc.user_data[KEY].extend(finder(doc))
        return doc

    return component


@Language.factory("ikg_gazetteer", default_config={"enabled": True})
def make_gazetteer(nlp: Language, name: str, enabled: bool) -> Callable[[Doc], Doc]:
    return _adder(lambda doc: find_gazetteer(doc.text, boundaries(doc)), enabled)


@Language.factory("ikg_head_grammar", default_config={"enabled": True})
def make_head_grammar(nlp: Language, name: str, enabled: bool) -> Callable[[Doc], Doc]:
    return _adder(lambda doc: find_heads(doc.text, boundaries(doc)), enabled)


@Language.factory("ikg_quoted_names", default_config={"enabled": True})
def make_quoted_names(nlp: Language, name: str, enabled: bool) -> Callable[[Doc], Doc]:
    return _adder(lambda doc: find_quoted(doc.text), enabled)


@Language.factory("ikg_people", default_config={"enabled": True, "speakers": True})
def make_people(nlp: Language, name: str, enabled: bool, speakers: bool) -> Callable[[Doc], Doc]:
    def finder(doc: Doc) -> list:
        found = find_people(doc.text)
        return found + find_speakers(doc.text) if speakers else found

    return _adder(finder, enabled)


@Language.factory("ikg_enumerations", default_config={"enabled": True})
def make_enumerations(nlp: Language, name: str, enabled: bool) -> Callable[[Doc], Doc]:
    return _adder(lambda doc: find_listed(doc.text), enabled)


@Language.factory("ikg_name_patterns", default_config={"enabled": True})
def make_name_patterns(nlp: Language, name: str, enabled: bool) -> Callable[[Doc], Doc]:
    return _adder(lambda doc: find_patterns(doc.text), enabled)
