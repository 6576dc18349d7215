"""kg.export: GraphML, GEXF, CSV and JSON-LD read back with other tools, deterministically."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from kg import analysis, export

SMALL = Path(__file__).parent / "data" / "viz" / "small.ttl"
R = "https://w3id.org/innokg/id/"


@pytest.fixture(scope="module")
def g():
    return analysis.to_networkx(analysis.read_graph(SMALL))


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_graph_formats_read_back(g, tmp_path: Path, fmt: str, reader) -> None:
    [path] = export.export(g, fmt, tmp_path / f"g.{fmt}")
    back = reader(path)
    assert back.number_of_nodes() == 10 and back.number_of_edges() == 9
    labels = {back.nodes[n].get("label") for n in back}
    assert {"长江基金", "<img src=x onerror=alert(1)>"} <= labels
    fund = back.nodes[R + "fund-cj"]
    assert fund["class"] == "Fund" and fund["aliases"] == "长江产业基金"
    props = sorted(d["property"] for _, _, d in back.edges(data=True))
    assert props.count("locatedIn") == 3 and "investsIn" in props
    evidence = [d["evidence"] for _, _, d in back.edges(data=True) if d["property"] == "investsIn"]
    assert evidence == ["长江基金投资小米科技。"]


def test_export_gexf_has_no_date(g, tmp_path: Path) -> None:
    [path] = export.export(g, "gexf", tmp_path / "g.gexf")
    assert "lastmodifieddate" not in path.read_text(encoding="utf-8")


def test_export_csv_nodes_and_edges(g, tmp_path: Path) -> None:
    nodes_path, edges_path = export.export(g, "csv", tmp_path / "csv")
    assert nodes_path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    with nodes_path.open(encoding="utf-8-sig", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with edges_path.open(encoding="utf-8-sig", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert len(nodes) == 10 and len(edges) == 9
    assert tuple(nodes[0]) == export.NODE_COLUMNS and tuple(edges[0]) == export.EDGE_COLUMNS
    city = next(r for r in nodes if r["label"] == "武汉市")
    assert (city["class"], city["aliases"], city["degree"]) == ("City", "武汉 | 江城", "3")
    fund = next(r for r in nodes if r["label"] == "长江基金")
    assert fund["facts"] == "fundSize=3000000000.0"
    row = next(r for r in edges if r["property"] == "partOf")
    assert (row["source_label"], row["target_label"]) == ("东湖高新区", "武汉市")
    assert row["evidence"] == "东湖高新区是武汉市的国家级高新区。"
    assert row["articles"] == "光谷生物城再添新基金"


def test_export_csv_defuses_formulas(g, tmp_path: Path) -> None:
    h = g.copy()
    h.nodes[R + "company-xm"]["label"] = "=HYPERLINK(\"x\")"
    nodes_path, _ = export.export(h, "csv", tmp_path / "csv")
    assert "'=HYPERLINK" in nodes_path.read_text(encoding="utf-8-sig")


def test_export_jsonld_parses_as_rdf(g, tmp_path: Path) -> None:
    import rdflib
    from rdflib import RDF, RDFS, SKOS, Literal, URIRef

    [path] = export.export(g, "jsonld", tmp_path / "g.jsonld")
    back = rdflib.Graph().parse(path, format="json-ld")
    ikg = rdflib.Namespace(analysis.IKG)
    fund, xm = URIRef(R + "fund-cj"), URIRef(R + "company-xm")
    assert (fund, RDF.type, ikg.Fund) in back
    assert (fund, ikg.investsIn, xm) in back
    assert (fund, RDFS.label, Literal("长江基金", lang="zh")) in back
    assert (fund, SKOS.altLabel, Literal("长江产业基金", lang="zh")) in back
    links = {(s, p, o) for s, p, o in back if isinstance(o, URIRef) and p != RDF.type}
    assert len(links) == 9


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_export_is_deterministic(g, tmp_path: Path, fmt: str) -> None:
    first = export.export(g, fmt, tmp_path / "a" / f"out.{fmt}")
    second = export.export(analysis.to_networkx(analysis.read_graph(SMALL)), fmt,
                           tmp_path / "b" / f"out.{fmt}")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_export_unknown_format(g, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format"):
        export.export(g, "xlsx", tmp_path / "x")
