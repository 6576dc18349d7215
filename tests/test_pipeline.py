"""The whole build (kg.pipeline.build_corpus): outputs, determinism, cache, atomicity."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Dataset, Graph

from kg.errors import GraphError, MissingInput
from kg.namespaces import IKG
from kg.pipeline import build_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

FUND_SIZE_QUERY = """
PREFIX ikg: <https://w3id.org/innokg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?fund ?size ?sentence ?file WHERE {
  ?fund a ikg:Fund ; ikg:fundSize ?size .
  ?ev rdf:subject ?fund ; rdf:predicate ikg:fundSize ; rdf:object ?size ;
      ikg:sentence ?sentence ; prov:wasDerivedFrom ?article .
  ?article ikg:sourceFile ?file .
}
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the seed articles (tests may edit it)."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


def _quick(paths, out: Path, cache: Path | None, **kw):
    return build_corpus(paths, out, cache_dir=cache, store_dir=None, html=None, **kw)


def test_pipeline_seed_build_outputs(seed_build) -> None:
    assert seed_build.graph.is_file() and seed_build.graph.stat().st_size > 0
    assert seed_build.articles == len(list(SEEDS.glob("*.txt")))
    assert seed_build.entities > 0 and seed_build.triples > 0
    assert (seed_build.out_dir / "ontology.ttl").read_bytes() == \
        (ROOT / "ontology" / "innokg.ttl").read_bytes()
    for path in (seed_build.store, seed_build.html):
        assert path is None or path.exists()


def test_pipeline_seed_graph_has_articles_and_mentions(seed_graph: Graph) -> None:
    articles = set(seed_graph.subjects(RDF.type, IKG.Article))
    assert len(articles) == len(list(SEEDS.glob("*.txt")))
    assert all(seed_graph.value(a, IKG.sourceFile) for a in articles)
    assert len(set(seed_graph.subject_objects(IKG.mentions))) > 0


@pytest.mark.parametrize("fmt", ["TURTLE", "N_TRIPLES"])
def test_pipeline_seed_graph_parses_strictly_in_pyoxigraph(seed_build, seed_graph, tmp_path,
                                                           fmt: str) -> None:
    import pyoxigraph

    path = seed_build.graph
    if fmt == "N_TRIPLES":
        from kg.graphio import save_graph

        path = save_graph(seed_graph, tmp_path / "seed.nt")
    triples = list(pyoxigraph.parse(path=str(path), format=getattr(pyoxigraph.RdfFormat, fmt)))
    assert len(triples) == len(seed_graph)


def test_pipeline_seed_fund_size_traces_to_sentence(seed_graph: Graph) -> None:
    """One SPARQL query finds, for a fund's size, its sentence and source article."""
    rows = list(seed_graph.query(FUND_SIZE_QUERY))
    assert rows, "the seed graph has no ikg:fundSize with evidence"
    by_fund = {str(fund): (size, sentence, file) for fund, size, sentence, file in rows}
    qiaokou = [v for k, v in by_fund.items() if "/fund/wu-han-hong-tai-qiao-kou" in k]
    assert qiaokou, sorted(by_fund)
    size, sentence, file = qiaokou[0]
    assert Decimal(str(size)) == Decimal("3000000000")
    assert "30亿元" in str(sentence) and "武汉宏泰硚口生物医疗科技创新创业基金" in str(sentence)
    assert str(file) == "000_4ba99b4df923a25e.txt"


def test_pipeline_build_twice_is_byte_identical(corpus: Path, tmp_path: Path) -> None:
    """Two clean builds in fresh processes (different hash seeds) give the same bytes."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed / "innokg.ttl"
        subprocess.run(
            [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-cache",
             "--no-store", "--no-viz"],
            check=True, capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outs.append(out.read_bytes())
    if outs[0] != outs[1]:
        import difflib

        diff = difflib.unified_diff(outs[0].decode().splitlines(), outs[1].decode().splitlines(),
                                    lineterm="", n=1)
        pytest.fail("builds differ:\n" + "\n".join(list(diff)[:40]))


def test_pipeline_incremental_build_equals_clean_build(corpus: Path, tmp_path: Path) -> None:
    work = tmp_path / "articles"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    first = _quick([work], tmp_path / "a" / "g.ttl", cache)
    assert first.extracted == first.articles and first.cached == 0
    again = _quick([work], tmp_path / "b" / "g.ttl", cache)
    assert again.extracted == 0 and again.cached == again.articles
    assert again.graph.read_bytes() == first.graph.read_bytes()

    changed = sorted(work.glob("*.txt"))[-1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n武汉市设立武汉长江科创基金。\n",
                       encoding="utf-8")
    incremental = _quick([work], tmp_path / "c" / "g.ttl", cache)
    assert incremental.extracted == 1 and incremental.cached == incremental.articles - 1
    clean = _quick([work], tmp_path / "d" / "g.ttl", None)
    assert incremental.graph.read_bytes() == clean.graph.read_bytes()
    assert incremental.graph.read_bytes() != first.graph.read_bytes()


def test_pipeline_corrupt_cache_entry_is_a_miss(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _quick([corpus], tmp_path / "a" / "g.ttl", cache)
    for entry in cache.rglob("*.pkl"):
        entry.write_bytes(b"not a pickle")
    again = _quick([corpus], tmp_path / "b" / "g.ttl", cache)
    assert again.extracted == again.articles
    assert again.graph.read_bytes() == first.graph.read_bytes()


def test_pipeline_failed_build_keeps_previous_graph(corpus: Path, tmp_path: Path,
                                                    shared_cache: Path, monkeypatch) -> None:
    out = tmp_path / "innokg.ttl"
    _quick([corpus], out, shared_cache)
    before = out.read_bytes()

    def broken_build(kb):
        raise RuntimeError("simulated crash while building the graph")

    monkeypatch.setattr("kg.build.build_quads", broken_build)
    with pytest.raises(RuntimeError, match="simulated"):
        _quick([corpus], out, shared_cache)
    assert out.read_bytes() == before


def test_pipeline_failure_while_writing_keeps_previous_graph(corpus: Path, tmp_path: Path,
                                                             shared_cache: Path,
                                                             monkeypatch) -> None:
    out = tmp_path / "innokg.ttl"
    _quick([corpus], out, shared_cache)
    before = sorted(p.name for p in tmp_path.iterdir())
    content = out.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.graphio.os.fsync", disk_full)
    with pytest.raises(OSError):
        _quick([corpus], out, shared_cache)
    assert out.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temp file left


def test_pipeline_trig_has_one_named_graph_per_article(corpus, tmp_path, shared_cache) -> None:
    report = _quick([corpus], tmp_path / "g.trig", shared_cache)
    data = Dataset()
    data.parse(report.graph, format="trig")
    named = {g.identifier for g in data.graphs() if len(g) and (
        None, RDF.type, IKG.Article) in g}
    assert len(named) == report.articles


def test_pipeline_nquads_parse_strictly_in_pyoxigraph(corpus, tmp_path, shared_cache) -> None:
    import pyoxigraph

    report = _quick([corpus], tmp_path / "g.nq", shared_cache)
    quads = list(pyoxigraph.parse(path=str(report.graph), format=pyoxigraph.RdfFormat.N_QUADS))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == report.triples


def test_pipeline_jsonld_output_parses(corpus, tmp_path, shared_cache) -> None:
    report = _quick([corpus], tmp_path / "g.jsonld", shared_cache)
    assert len(Graph().parse(report.graph, format="json-ld")) == report.triples


def test_pipeline_with_ontology_merges_it(corpus, tmp_path, shared_cache) -> None:
    report = _quick([corpus], tmp_path / "g.ttl", shared_cache, with_ontology=True)
    graph = Graph().parse(report.graph, format="turtle")
    assert (None, RDF.type, OWL.Ontology) in graph
    assert (IKG.partnerOf, RDF.type, OWL.SymmetricProperty) in graph
    assert not (tmp_path / "ontology.ttl").exists() and report.ontology is None


def test_pipeline_bad_output_extension_fails_before_work(corpus, tmp_path) -> None:
    with pytest.raises(GraphError, match="unknown graph format"):
        _quick([corpus], tmp_path / "g.xml", None)


def test_pipeline_missing_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(MissingInput):
        _quick([tmp_path / "nope"], tmp_path / "g.ttl", None)


def test_pipeline_cache_key_follows_rules_and_article(sample_kb, tmp_path, monkeypatch) -> None:
    from dataclasses import replace

    import kg.cache as cache_mod
    from kg.model import ArticleResult

    rules = tmp_path / "rules.tsv"
    rules.write_text("基金\tFund\n", encoding="utf-8")
    monkeypatch.setattr(cache_mod, "_extraction_files", lambda: [rules])
    monkeypatch.setattr(cache_mod, "PACKAGE", tmp_path)
    cache_mod.rules_version.cache_clear()
    article = sample_kb.articles[0]
    cache = cache_mod.ExtractionCache(tmp_path / "cache")
    cache.put(article, ArticleResult(article))
    assert cache.get(article) == ArticleResult(article)
    assert cache.get(replace(article, text=article.text + "。")) is None

    rules.write_text("基金\tFund\n母基金\tFund\n", encoding="utf-8")
    cache_mod.rules_version.cache_clear()
    assert cache_mod.ExtractionCache(tmp_path / "cache").get(article) is None
    cache_mod.rules_version.cache_clear()
