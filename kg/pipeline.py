"""The whole build: files -> articles -> extraction (cached) -> resolution -> graph files.

:func:`build_corpus` is what ``kg build`` runs::

    ingest.read_articles -> extract.extract_articles -> resolve.resolve_entities
        -> build.build_quads -> graph file (atomic) [-> store, HTML view]
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.model import Article, ArticleResult, KnowledgeBase

log = logging.getLogger(__name__)

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "build/innokg.ttl"

Progress = Callable[[Iterable[Any], str, int | None], Iterator[Any]]


@dataclass
class BuildReport:
    """What a build read and wrote."""

    graph: Path
    out_dir: Path
    ontology: Path | None = None
    store: Path | None = None
    html: Path | None = None
    articles: int = 0
    entities: int = 0
    relations: int = 0
    evidence: int = 0
    triples: int = 0
    cached: int = 0
    extracted: int = 0
    rejected: list[str] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        """Every file or folder written, in order."""
        return [p for p in (self.graph, self.ontology, self.store, self.html) if p is not None]


def _no_progress(items: Iterable[Any], description: str, total: int | None = None) -> Iterator[Any]:
    yield from items


def read_corpus(paths: Sequence[str | Path], report: BuildReport) -> list[Article]:
    """Ingest the input files; unreadable files are reported and skipped."""
    from kg.ingest import read_articles

    result = read_articles(list(paths))
    for err in result.errors:
        log.warning("%s", err)
        report.input_errors.append(str(err))
    return sorted(result.articles, key=lambda a: a.id)


def extract_corpus(articles: list[Article], cache_dir: Path | None, report: BuildReport,
                   progress: Progress = _no_progress) -> list[ArticleResult]:
    """Extraction results for every article, re-using cached ones (cache_dir None = no cache)."""
    from kg.cache import ExtractionCache
    from kg.extract import extract_articles
    cache = ExtractionCache(cache_dir) if cache_dir is not None else None
    results: list[ArticleResult] = []
    for article in progress(articles, "extract", len(articles)):
        cached = cache.get(article) if cache else None
        if cached is None:
            cached = extract_articles([article])[0]
            report.extracted += 1
            if cache:
                cache.put(article, cached)
        else:
            report.cached += 1
        results.append(cached)
    return results


def resolve_corpus(results: list[ArticleResult]) -> KnowledgeBase:
    """Cross-article resolution: one entity per real-world thing."""
    from kg.resolve import resolve_entities

    return resolve_entities(results)


def knowledge_base(paths: Sequence[str | Path], *, cache_dir: Path | None = None,
                   report: BuildReport | None = None,
                   progress: Progress = _no_progress) -> KnowledgeBase:
    """Ingest, extract (cached) and resolve ``paths`` into a knowledge base."""
    report = report or BuildReport(Path(DEFAULT_OUTPUT), Path(DEFAULT_OUTPUT).parent)
    articles = read_corpus(paths, report)
    report.articles = len(articles)
    return resolve_corpus(extract_corpus(articles, cache_dir, report, progress))


def _write_ontology(out: Path, with_ontology: bool, quads: set, report: BuildReport) -> None:
    from kg.graphio import load_graph, ontology_file, write_text_atomic

    source = ontology_file()
    if with_ontology:
        quads.update((s, p, o, None) for s, p, o in load_graph(source))
        return
    target = out.parent / "ontology.ttl"
    if target.resolve() != source.resolve():
        write_text_atomic(target, source.read_text(encoding="utf-8"))
    report.ontology = target


def _write_store(graph_path: Path, store_dir: Path, report: BuildReport) -> None:
    from kg.store import load_store

    load_store(graph_path, store_dir)
    report.store = store_dir


def _write_html(quads: set, html: Path, report: BuildReport) -> None:
    from rdflib import Graph

    from kg.namespaces import PREFIXES
    from kg.viz import render_html

    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    for s, p, o, _ in quads:
        graph.add((s, p, o))
    render_html(graph, html)
    report.html = html


def build_corpus(
    paths: Sequence[str | Path] = (DEFAULT_INPUT,),
    out: str | Path = DEFAULT_OUTPUT,
    *,
    with_ontology: bool = False,
    cache_dir: str | Path | None = "",
    store_dir: str | Path | None = "",
    html: str | Path | None = "",
    progress: Progress = _no_progress,
) -> BuildReport:
    """Build the graph of ``paths`` into ``out`` (format from its extension), atomically.

    ``cache_dir``, ``store_dir`` and ``html`` default to ``cache/``, ``store/`` and
    ``innokg.html`` beside ``out``; pass None to skip the cache, the store or the view.
    Without ``with_ontology`` the ontology is copied beside ``out`` as ``ontology.ttl``.
    The graph file is replaced only once the whole graph is serialized: a failed build
    leaves the previous file intact.
    """
    from kg.build import build_quads
    from kg.graphio import format_for, save_quads

    out = Path(out)
    format_for(out)  # fail on a bad extension before any work
    report = BuildReport(graph=out, out_dir=out.parent)
    cache = out.parent / "cache" if cache_dir == "" else (Path(cache_dir) if cache_dir else None)
    kb = knowledge_base(paths, cache_dir=cache, report=report, progress=progress)
    result = build_quads(kb)
    report.entities, report.relations = result.entities, result.relations
    report.evidence, report.rejected = result.evidence, result.rejected
    quads = result.quads
    _write_ontology(out, with_ontology, quads, report)
    report.triples = len({(s, p, o) for s, p, o, _ in quads})
    save_quads(quads, out)
    if store_dir is not None:
        _write_store(out, out.parent / "store" if store_dir == "" else Path(store_dir), report)
    if html is not None:
        _write_html(quads, out.parent / "innokg.html" if html == "" else Path(html), report)
    return report

