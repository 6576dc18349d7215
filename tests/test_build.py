"""The graph builder and serialization: IRIs, labels, articles, evidence, formats, determinism."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal
from rdflib.compare import isomorphic

from kg.build import build_graph, build_quads
from kg.errors import GraphError
from kg.graphio import FORMATS, load_graph, save_quads, serialize_quads, write_text_atomic
from kg.iris import SLUG_MAX, article_iri, entity_iri
from kg.model import Entity, Evidence, KnowledgeBase, Relation
from kg.namespaces import IKG, PROV, SCHEMA

ROOT = Path(__file__).resolve().parent.parent
FUND = "Fund/武汉宏泰硚口生物医疗科技创新创业基金"

PROVENANCE_QUERY = """
PREFIX ikg: <https://w3id.org/innokg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?name ?size ?sentence ?file ?start ?end WHERE {
  ?fund a ikg:Fund ; rdfs:label ?name ; ikg:fundSize ?size .
  FILTER (lang(?name) = "zh")
  ?ev a ikg:Evidence ; rdf:subject ?fund ; rdf:predicate ikg:fundSize ; rdf:object ?size ;
      ikg:sentence ?sentence ; ikg:startOffset ?start ; ikg:endOffset ?end ;
      prov:wasDerivedFrom ?article .
  ?article ikg:sourceFile ?file .
}
"""


@pytest.fixture
def graph(sample_kb: KnowledgeBase) -> Graph:
    return build_graph(sample_kb)


# ----------------------------------------------------------------------------- IRIs


def test_build_entity_iri_is_deterministic_and_readable() -> None:
    iri = entity_iri("Fund", "武汉宏泰硚口生物医疗科技创新创业基金")
    assert iri == entity_iri("Fund", "武汉宏泰硚口生物医疗科技创新创业基金")
    assert str(iri).startswith("https://w3id.org/innokg/id/fund/wu-han-hong-tai-qiao-kou-")
    assert entity_iri("Company", "长江") != entity_iri("Fund", "长江")
    assert entity_iri("Fund", "长江基金") != entity_iri("Fund", "长江基金一期")


def test_build_entity_iri_slug_is_bounded() -> None:
    iri = str(entity_iri("Program", "关于加快推进" * 30 + "的实施方案"))
    slug = iri.rsplit("/", 1)[1]
    assert len(slug) <= SLUG_MAX + 9 and slug.isascii()


def test_build_iris_stable_across_processes() -> None:
    code = "from kg.iris import entity_iri; print(entity_iri('Fund', '长江基金'))"
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert outs == {str(entity_iri("Fund", "长江基金")) + "\n"}


def test_build_article_iri_from_file_name() -> None:
    assert str(article_iri("000_4ba99b4df923a25e")) == \
        "https://w3id.org/innokg/id/article/000_4ba99b4df923a25e"


# ----------------------------------------------------------------------------- entities


def test_build_entity_labels(graph: Graph) -> None:
    fund = entity_iri("Fund", FUND.split("/", 1)[1])
    assert (fund, RDF.type, IKG.Fund) in graph
    zh = [lbl for lbl in graph.objects(fund, RDFS.label) if lbl.language == "zh"]
    assert zh == [Literal("武汉宏泰硚口生物医疗科技创新创业基金", lang="zh")]
    assert set(graph.objects(fund, SKOS.altLabel)) == {Literal("科创基金", lang="zh")}
    pinyin = [lbl for lbl in graph.objects(fund, RDFS.label) if lbl.language == "zh-Latn-pinyin"]
    assert pinyin and str(pinyin[0]).startswith("wǔ hàn")
    city = entity_iri("City", "武汉市")
    assert Literal("Wuhan", lang="en") in set(graph.objects(city, RDFS.label))
    assert not [lbl for lbl in graph.objects(city, RDFS.label) if lbl.language == "zh-Latn-pinyin"]


def test_build_referenced_entity_without_description_gets_label(sample_kb) -> None:
    kb = replace(sample_kb, entities=sample_kb.entities[1:])  # the fund is only referenced
    g = build_graph(kb)
    fund = entity_iri("Fund", FUND.split("/", 1)[1])
    assert (fund, RDF.type, IKG.Fund) in g
    assert (fund, RDFS.label, Literal(FUND.split("/", 1)[1], lang="zh")) in g


# ----------------------------------------------------------------------------- articles


def test_build_article_metadata_and_mentions(graph: Graph, sample_kb: KnowledgeBase) -> None:
    article = article_iri("sample_0001")
    assert (article, RDF.type, IKG.Article) in graph
    assert graph.value(article, SCHEMA.datePublished) == Literal("2024-10-26", datatype=XSD.date)
    assert str(graph.value(article, IKG.sourceFile)) == "sample_0001.txt"
    assert graph.value(article, SCHEMA.headline) == Literal("硚口科创基金揭牌", lang="zh")
    assert graph.value(article, SCHEMA.publisher) == Literal("长江日报", lang="zh")
    mentioned = set(graph.objects(article, IKG.mentions))
    assert mentioned == {entity_iri(e.type, e.name) for e in sample_kb.entities}


# ----------------------------------------------------------------------------- relations


def test_build_amount_is_decimal_with_text(graph: Graph) -> None:
    fund = entity_iri("Fund", FUND.split("/", 1)[1])
    size = graph.value(fund, IKG.fundSize)
    assert size.datatype == XSD.decimal and str(size) == "3000000000"
    assert str(graph.value(fund, IKG.amountText)) == "30亿元"


@pytest.mark.parametrize("value, datatype", [
    ("2024-10-22", XSD.date), ("2024-10", XSD.gYearMonth), ("2024", XSD.gYear),
])
def test_build_founding_date_datatype(sample_kb, value: str, datatype) -> None:
    rel = Relation(FUND, "foundingDate", value=value, evidence=sample_kb.relations[0].evidence)
    g = build_graph(replace(sample_kb, relations=(rel,)))
    assert g.value(entity_iri("Fund", FUND.split("/", 1)[1]), IKG.foundingDate) == \
        Literal(value, datatype=datatype)


def test_build_evidence_is_complete(graph: Graph, sample_kb: KnowledgeBase) -> None:
    text = sample_kb.articles[0].text
    evidence = list(graph.subjects(RDF.type, IKG.Evidence))
    assert len(evidence) == len(sample_kb.relations)
    for ev in evidence:
        start, end = (int(graph.value(ev, p)) for p in (IKG.startOffset, IKG.endOffset))
        assert text[start:end] == str(graph.value(ev, IKG.sentence))
        # sample offsets map normalized i -> source i + 2
        assert int(graph.value(ev, IKG.sourceStartOffset)) == start + 2
        assert int(graph.value(ev, IKG.sourceEndOffset)) == end + 2
        assert graph.value(ev, PROV.wasDerivedFrom) == article_iri("sample_0001")
        assert 0 <= float(graph.value(ev, IKG.confidence)) <= 1
        assert str(graph.value(ev, IKG.method))
        s, p, o = (graph.value(ev, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in graph, "evidence must describe a direct triple of the graph"


def test_build_sparql_traces_fund_size_to_sentence_and_article(graph: Graph) -> None:
    rows = list(graph.query(PROVENANCE_QUERY))
    assert len(rows) == 1
    name, size, sentence, file, start, end = rows[0]
    assert str(name) == "武汉宏泰硚口生物医疗科技创新创业基金"
    assert Decimal(str(size)) == Decimal("3000000000")
    assert "总规模30亿元" in str(sentence)
    assert str(file) == "sample_0001.txt"


def test_build_sparql_provenance_in_pyoxigraph(sample_kb, tmp_path: Path) -> None:
    import pyoxigraph

    path = save_quads(build_quads(sample_kb).quads, tmp_path / "g.nq")
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS)
    rows = list(store.query(PROVENANCE_QUERY, use_default_graph_as_union=True))
    assert len(rows) == 1 and "30亿元" in rows[0]["sentence"].value


def test_build_partner_of_stored_once(sample_kb) -> None:
    a, b = "Company/甲公司", "Company/乙公司"
    ev = sample_kb.relations[0].evidence
    rels = (Relation(b, "partnerOf", a, evidence=ev), Relation(a, "partnerOf", b, evidence=ev))
    g = build_graph(replace(sample_kb, relations=rels))
    assert len(list(g.triples((None, IKG.partnerOf, None)))) == 1


def test_build_does_not_materialize_inference(graph: Graph) -> None:
    """partOf is declared transitive in the ontology; the data holds only stated triples."""
    assert len(list(graph.triples((None, IKG.partOf, None)))) == 1
    assert not list(graph.triples((None, RDF.type, IKG.Organization)))


@pytest.mark.parametrize("relation, reason", [
    (Relation("Company/甲公司", "fundSize", value=Decimal(5)), "domain"),
    (Relation(FUND, "fundSize", value=Decimal(-5)), "negative"),
    (Relation(FUND, "fundSize", value="三十亿"), "not a number"),
    (Relation(FUND, "locatedIn", "Person/马大为"), "range"),
    (Relation(FUND, "hasFriend", "Person/马大为"), "unknown property"),
    (Relation(FUND, "foundingDate", value="去年"), "not ISO"),
    (Relation("Spaceship/天舟", "locatedIn", "City/武汉市"), "unknown class"),
])
def test_build_rejects_statements_outside_the_contract(sample_kb, relation, reason) -> None:
    kb = replace(sample_kb, relations=(relation,))
    result = build_quads(kb)
    assert result.relations == 0 and result.evidence == 0
    assert any(reason in msg for msg in result.rejected), result.rejected


def test_build_rejects_evidence_from_unknown_article(sample_kb) -> None:
    ev = Evidence("other_article", "某句。", 0, 3, 0.5, "rule:x")
    kb = replace(sample_kb, relations=(Relation(FUND, "locatedIn", "District/硚口区", evidence=ev),))
    result = build_quads(kb)
    assert result.relations == 0 and "unknown article 'other_article'" in result.rejected[0]


# ----------------------------------------------------------------------------- serialization


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_build_every_format_round_trips(sample_kb, tmp_path: Path, suffix: str) -> None:
    quads = build_quads(sample_kb).quads
    path = save_quads(quads, tmp_path / f"g{suffix}")
    assert isomorphic(load_graph(path), build_graph(sample_kb))


def test_build_trig_has_one_named_graph_per_article(sample_kb, tmp_path: Path) -> None:
    path = save_quads(build_quads(sample_kb).quads, tmp_path / "g.trig")
    data = Dataset()
    data.parse(path, format="trig")
    names = {str(g.identifier) for g in data.graphs() if len(g)} - {
        "urn:x-rdflib:default"}
    assert names == {str(article_iri("sample_0001"))}


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "TURTLE"), (".nq", "N_QUADS"),
                                         (".nt", "N_TRIPLES"), (".trig", "TRIG")])
def test_build_output_parses_strictly_in_pyoxigraph(sample_kb, tmp_path, suffix, fmt) -> None:
    import pyoxigraph

    path = save_quads(build_quads(sample_kb).quads, tmp_path / f"g{suffix}")
    quads = list(pyoxigraph.parse(path=str(path), format=getattr(pyoxigraph.RdfFormat, fmt)))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(build_graph(sample_kb))


def test_build_serialization_is_byte_identical_across_processes(tmp_path: Path) -> None:
    code = (
        "import sys, hashlib; sys.path.insert(0, 'tests'); from conftest import make_sample_kb; "
        "from kg.build import build_quads; from kg.graphio import serialize_quads; "
        "q = build_quads(make_sample_kb()).quads; "
        "print(*(hashlib.sha256(serialize_quads(q, f).encode()).hexdigest() "
        "for f in ('turtle', 'nt', 'nquads', 'trig', 'json-ld')))"
    )
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "1", "12345")
    }
    assert len(outs) == 1


def test_build_serialization_escapes_literals() -> None:
    from rdflib import URIRef

    s = URIRef("https://w3id.org/innokg/id/x")
    text = serialize_quads([(s, IKG.sentence, Literal('他说："a\\b"\n换行\x00\x1f\x7f'), None)], "turtle")
    g = Graph().parse(data=text, format="turtle")
    assert str(g.value(s, IKG.sentence)) == '他说："a\\b"\n换行\x00\x1f\x7f'
    import pyoxigraph

    assert len(list(pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.TURTLE))) == 1


def test_build_unknown_format_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="unknown graph format"):
        save_quads([], tmp_path / "g.xyz")


def test_build_atomic_write_keeps_old_file_on_failure(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "g.ttl"
    target.write_text("old graph", encoding="utf-8")

    def boom(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("kg.graphio.os.fsync", boom)
    with pytest.raises(OSError):
        write_text_atomic(target, "new graph")
    assert target.read_text(encoding="utf-8") == "old graph"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_build_load_graph_reports_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(GraphError, match="bad.ttl"):
        load_graph(bad)
    with pytest.raises(GraphError, match="run `kg build`"):
        load_graph(tmp_path / "missing.ttl")


def test_build_same_statement_from_two_articles_has_two_evidence(sample_kb) -> None:
    ev1 = sample_kb.relations[2].evidence
    ev2 = Evidence("sample_0002", "硚口区人民政府设立该基金。", 0, 13, 0.8, "rule:y")
    rels = (Relation(FUND, "establishedBy", "GovernmentBody/硚口区人民政府", evidence=ev1),
            Relation(FUND, "establishedBy", "GovernmentBody/硚口区人民政府", evidence=ev2))
    second = replace(sample_kb.articles[0], id="sample_0002", file_name="sample_0002.txt")
    kb = replace(sample_kb, articles=(*sample_kb.articles, second), relations=rels)
    g = build_graph(kb)
    assert len(list(g.triples((None, IKG.establishedBy, None)))) == 1
    assert len(list(g.subjects(RDF.type, IKG.Evidence))) == 2
    forward = serialize_quads(build_quads(kb).quads, "nquads")
    backward = serialize_quads(build_quads(replace(kb, relations=rels[::-1])).quads, "nquads")
    assert hashlib.sha256(forward.encode()).digest() == hashlib.sha256(backward.encode()).digest()


def test_build_entity_with_latin_name_gets_english_label(sample_kb) -> None:
    kb = replace(sample_kb, entities=(Entity("Association", "PostgreSQL"),), relations=())
    g = build_graph(kb)
    node = entity_iri("Association", "PostgreSQL")
    assert set(g.objects(node, RDFS.label)) == {Literal("PostgreSQL", lang="zh"),
                                                Literal("PostgreSQL", lang="en")}


@pytest.mark.parametrize("module", ["kg.iris", "kg.build", "kg.graphio", "kg.namespaces"])
def test_build_doctests(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0


def test_build_relation_without_evidence_is_kept_in_default_graph(sample_kb) -> None:
    """Gazetteer facts (e.g. partOf) have no sentence: direct triple only, no Evidence node."""
    rel = Relation("District/硚口区", "partOf", "City/武汉市")
    result = build_quads(replace(sample_kb, relations=(rel,)))
    part_of = [q for q in result.quads if q[1] == IKG.partOf]
    assert part_of == [(entity_iri("District", "硚口区"), IKG.partOf, entity_iri("City", "武汉市"),
                        None)]
    assert result.evidence == 0 and result.relations == 1
