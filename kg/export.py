"""Export the entity network for other tools: GraphML and GEXF (Gephi), CSV (spreadsheets),
JSON-LD (linked-data tools).

Every format holds the same nodes (entity IRIs with labels, class, centrality, community)
and edges (object properties with their evidence sentences). Output is deterministic and
written atomically.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import analysis
from kg.viz import write_text_atomic

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

FORMATS = ("graphml", "gexf", "csv", "jsonld")
SEP = " | "
NODE_COLUMNS = ("id", "label", "class", "aliases", "label_en", "pinyin", "degree", "pagerank",
                "betweenness", "community", "facts", "evidence")
EDGE_COLUMNS = ("source", "source_label", "property", "target", "target_label", "property_iri",
                "evidence", "articles")
JSONLD_CONTEXT = {
    "ikg": analysis.IKG, "ikgr": analysis.IKGR, "rdfs": analysis.RDFS, "skos": analysis.SKOS,
    "label": {"@id": "rdfs:label"}, "altLabel": {"@id": "skos:altLabel"},
}


def _fmt(value: float) -> str:
    """Fixed-precision number text (stable across runs)."""
    return f"{value:.6f}"


def node_table(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One flat row per node, sorted by IRI."""
    metrics = {r["iri"]: r for r in analysis.centrality(g)}
    community = analysis.community_of(analysis.communities(g))
    rows = []
    for n in sorted(g):
        attrs = g.nodes[n]
        facts = "; ".join(f"{k}={v}" for k, vs in sorted(attrs.get("facts", {}).items()) for v in vs)
        rows.append({
            "id": n, "label": attrs["label"], "class": attrs["class"],
            "aliases": SEP.join(attrs.get("aliases", [])), "label_en": attrs.get("label_en", ""),
            "pinyin": attrs.get("pinyin", ""), "degree": g.degree(n),
            "pagerank": _fmt(metrics[n]["pagerank"]), "betweenness": _fmt(metrics[n]["betweenness"]),
            "community": community.get(n, 0), "facts": facts,
            "evidence": SEP.join(r["sentence"] for r in attrs.get("evidence", [])),
        })
    return rows


def edge_table(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One flat row per edge, sorted by (source, target, property)."""
    rows = []
    for s, o, key, attrs in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        evidence = attrs.get("evidence", [])
        rows.append({
            "source": s, "source_label": g.nodes[s]["label"], "property": key, "target": o,
            "target_label": g.nodes[o]["label"], "property_iri": attrs.get("iri", ""),
            "evidence": SEP.join(r["sentence"] for r in evidence),
            "articles": SEP.join(r.get("headline") or r.get("source") or r["article"]
                                 for r in evidence),
        })
    return rows


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes and unique edge ids (what GraphML/GEXF accept)."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    for row in node_table(g):
        flat.add_node(row["id"], **{k: v for k, v in row.items() if k != "id"})
    for i, row in enumerate(edge_table(g)):
        attrs = {k: v for k, v in row.items() if k not in ("source", "target")}
        flat.add_edge(row["source"], row["target"], key=f"e{i}", **attrs)
    return flat


def to_graphml(g: nx.MultiDiGraph) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(flat_graph(g))) + "\n"


def to_gexf(g: nx.MultiDiGraph) -> str:
    """GEXF without networkx's ``lastmodifieddate`` (which would change every day)."""
    import networkx as nx

    flat = flat_graph(g)
    for i, (_, _, attrs) in enumerate(flat.edges(data=True)):
        attrs["id"] = f"e{i}"
    text = "\n".join(nx.generate_gexf(flat))
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1) + "\n"


def _cell(value: Any) -> Any:
    """Defuse spreadsheet formulas in article text (a leading ``'`` before = + - @).

    >>> _cell("=HYPERLINK(1)"), _cell("武汉"), _cell(3)
    ("'=HYPERLINK(1)", '武汉', 3)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    """CSV text with a UTF-8 byte-order mark so spreadsheets read the Chinese correctly."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return "\ufeff" + out.getvalue()


def to_jsonld(g: nx.MultiDiGraph) -> str:
    """The network as JSON-LD: one object per entity with its labels and links."""
    objects = []
    for n in sorted(g):
        attrs = g.nodes[n]
        obj: dict[str, Any] = {"@id": n, "@type": f"ikg:{attrs['class']}",
                               "label": [{"@value": attrs["label"], "@language": "zh"}]}
        if attrs.get("label_en"):
            obj["label"].append({"@value": attrs["label_en"], "@language": "en"})
        if attrs.get("pinyin"):
            obj["label"].append({"@value": attrs["pinyin"], "@language": "zh-Latn-pinyin"})
        if attrs.get("aliases"):
            obj["altLabel"] = [{"@value": a, "@language": "zh"} for a in attrs["aliases"]]
        for _, o, key, e in sorted(g.out_edges(n, keys=True, data=True), key=lambda x: x[1:3]):
            obj.setdefault(_curie(e.get("iri", ""), key), []).append({"@id": o})
        objects.append(obj)
    doc = {"@context": JSONLD_CONTEXT, "@graph": objects}
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _curie(iri: str, key: str) -> str:
    return f"ikg:{key}" if not iri or iri.startswith(analysis.IKG) else iri


def export(g: nx.MultiDiGraph, fmt: str, out: str | Path) -> list[Path]:
    """Write ``g`` in ``fmt``; for csv ``out`` is a folder that gets nodes.csv and edges.csv.

    Raises:
        ValueError: unknown format.
        GraphError: a file cannot be written.
    """
    out = Path(out)
    if fmt == "csv":
        return [write_text_atomic(out / "nodes.csv", to_csv(node_table(g), NODE_COLUMNS)),
                write_text_atomic(out / "edges.csv", to_csv(edge_table(g), EDGE_COLUMNS))]
    writers = {"graphml": to_graphml, "gexf": to_gexf, "jsonld": to_jsonld}
    if fmt not in writers:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    return [write_text_atomic(out, writers[fmt](g))]
