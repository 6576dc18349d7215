"""Offline interactive network views: RDF graph -> networkx -> one self-contained HTML page.

The page is drawn by vis-network 9.1.2, the copy that pyvis ships, inlined into our own
template (``kg/templates/network.html``): no CDN, no Bootstrap, works from ``file://``.
All text from articles travels as JSON data inside the page and is put on screen with
``textContent`` only; node ids are opaque hashes. Large views get precomputed positions
(community layout) and physics off so they open quickly.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import math
import os
import re
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import analysis
from kg.errors import GraphError, ResourceError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import rdflib

LAYOUT_THRESHOLD = 300
SIZE_BY = ("degree", "pagerank")
VIS_JS = "templates/lib/vis-9.1.2/vis-network.min.js"
STYLES_FILE = "viz_styles.tsv"
FONT_FACE = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"
MIN_SIZE, MAX_SIZE = 10.0, 32.0
MIN_FONT, MAX_FONT = 14, 24
ARTICLE_CLASS, MENTIONS = "Article", "mentions"
_MARKER = re.compile(r"/\*@([A-Z_]+)@\*/")


# ---------------------------------------------------------------------------- resources


@lru_cache(maxsize=4)
def load_styles(path: str | None = None) -> dict[str, dict[str, str]]:
    """Class -> {colour, shape, legend} from ``kg/resources/viz_styles.tsv`` (or ``path``).

    Raises:
        ResourceError: a line does not have four tab-separated fields.
    """
    source = Path(path) if path else resources.files("kg") / "resources" / STYLES_FILE
    text = source.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    styles: dict[str, dict[str, str]] = {}
    for lineno, row in enumerate(csv.reader(lines[1:], delimiter="\t"), start=2):
        if len(row) != 4 or not re.fullmatch(r"#[0-9a-fA-F]{6}", row[1]):
            raise ResourceError(f"line {lineno}: want class, #rrggbb, shape, legend", str(source))
        styles[row[0]] = {"colour": row[1], "shape": row[2], "legend": row[3]}
    return styles


def style_for(cls: str, styles: dict[str, dict[str, str]]) -> dict[str, str]:
    """The style of a class, falling back to the generic ``Entity`` style."""
    return styles.get(cls) or styles.get("Entity") or {"colour": "#999999", "shape": "dot",
                                                      "legend": cls}


@lru_cache(maxsize=1)
def property_labels() -> dict[str, dict[str, str]]:
    """Property local name -> {zh, en} labels, read from the packaged ontology.

    >>> property_labels()["locatedIn"]["zh"]
    '位于'
    """
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS

    from kg.graphio import ontology_file

    onto = rdflib.Graph().parse(ontology_file(), format="turtle")
    out: dict[str, dict[str, str]] = {}
    for prop in sorted(set(onto.subjects(RDF.type, OWL.ObjectProperty))):
        names = {str(o.language): str(o) for o in onto.objects(prop, RDFS.label)
                 if isinstance(o, rdflib.Literal) and o.language in ("zh", "en")}
        out[analysis.local_name(str(prop))] = names
    return out


def edge_label(prop: str) -> str:
    """Short Chinese name of a property for the canvas (qualifier in brackets dropped).

    >>> edge_label("partOf"), edge_label("noSuchProperty")
    ('隶属于', 'noSuchProperty')
    """
    zh = property_labels().get(prop, {}).get("zh", "")
    return re.sub(r"[（(].*?[）)]", "", zh).strip() or prop


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network's standalone bundle, as shipped inside the pyvis package."""
    return (resources.files("pyvis") / VIS_JS).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _template() -> str:
    return (resources.files("kg") / "templates" / "network.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- choosing what to draw


def node_id(iri: str) -> str:
    """Opaque, stable id of a node in the page (never the name: names are untrusted).

    >>> node_id("https://w3id.org/innokg/id/x")
    'n7932e459d563'
    """
    return "n" + hashlib.sha1(iri.encode("utf-8")).hexdigest()[:12]


def select_view(g: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 1,
                classes: list[str] | None = None, min_degree: int = 0,
                max_nodes: int | None = None) -> nx.MultiDiGraph:
    """The part of the network to draw.

    ``focus`` keeps the ego network of that entity (name or alias) within ``depth`` hops;
    ``classes`` keeps those classes; ``min_degree`` drops nodes with fewer links (in the
    whole network); ``max_nodes`` keeps the highest-PageRank nodes. The focus node is kept.

    Raises:
        UnknownEntity: the focus name matches no entity.
    """
    import networkx as nx

    keep = set(g)
    centre = analysis.resolve(g, focus) if focus else None
    if centre is not None:
        keep = set(nx.ego_graph(g.to_undirected(as_view=True), centre, radius=depth))
    if classes:
        wanted = {c.casefold() for c in classes}
        keep = {n for n in keep if g.nodes[n]["class"].casefold() in wanted or n == centre}
    if min_degree:
        keep = {n for n in keep if g.degree(n) >= min_degree or n == centre}
    if max_nodes is not None and len(keep) > max_nodes:
        rank = analysis.pagerank(g)
        order = sorted(keep, key=lambda n: (n != centre, -rank.get(n, 0.0), n))
        keep = set(order[:max(max_nodes, 0)])
    return g.subgraph(sorted(keep)).copy()


# ---------------------------------------------------------------------------- layout


def _local_layout(sub: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Positions of one block inside the unit disk (spring layout, fewer steps when big)."""
    import networkx as nx

    nodes = sorted(sub)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if sub.number_of_edges() == 0:  # a block of isolated nodes: a square grid
        side = math.ceil(math.sqrt(len(nodes)))
        return {n: ((i % side) / side * 2 - 1, (i // side) / side * 2 - 1)
                for i, n in enumerate(nodes)}
    iterations = max(10, min(50, 20000 // len(nodes)))
    pos = nx.spring_layout(sub, seed=seed, iterations=iterations)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def community_layout(g: nx.MultiDiGraph, seed: int = 42,
                     spacing: float = 45.0) -> dict[str, tuple[int, int]]:
    """Fast deterministic positions for big views: Louvain blocks, each laid out on its own,
    packed in rows (largest first); isolated nodes share one grid block.

    About 2-3 s at 5,000 nodes where a global spring layout takes 90 s.
    """
    import networkx as nx

    simple = analysis._weighted(g)
    if simple.number_of_nodes() == 0:
        return {}
    groups = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    singles = sorted(n for grp in groups if len(grp) == 1 for n in grp)
    blocks = sorted((sorted(grp) for grp in groups if len(grp) > 1), key=lambda b: (-len(b), b))
    if singles:
        blocks.append(singles)
    placed = _pack(blocks, spacing)
    pos: dict[str, tuple[int, int]] = {}
    for block, (cx, cy, radius) in zip(blocks, placed, strict=True):
        local = _local_layout(simple.subgraph(block), seed)
        for n, (x, y) in local.items():
            pos[n] = (round(cx + x * radius), round(cy + y * radius))
    return pos


def _pack(blocks: list[list[str]], spacing: float) -> list[tuple[float, float, float]]:
    """Shelf packing of discs (radius ~ sqrt(size)) in rows about as wide as the total is tall."""
    radii = [spacing * max(1.0, math.sqrt(len(b))) for b in blocks]
    width = max(max(radii) * 2, math.sqrt(sum((2 * r) ** 2 for r in radii)) * 1.1)
    out, x, y, row_h = [], 0.0, 0.0, 0.0
    for r in radii:
        if x > 0 and x + 2 * r > width:
            x, y, row_h = 0.0, y + row_h + spacing, 0.0
        out.append((x + r, y + r, r))
        x += 2 * r + spacing
        row_h = max(row_h, 2 * r)
    return out


# ---------------------------------------------------------------------------- page data


def _sizes(g: nx.MultiDiGraph, size_by: str) -> dict[str, float]:
    """Node size between MIN_SIZE and MAX_SIZE by degree or PageRank (square-root scale)."""
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {SIZE_BY}, not {size_by!r}")
    metric = analysis.pagerank(g) if size_by == "pagerank" else {n: g.degree(n) for n in g}
    top = max(metric.values(), default=0) or 1
    return {n: round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(metric.get(n, 0) / top), 2)
            for n in g}


def _evidence(records: list[dict[str, str]], limit: int) -> list[dict[str, str]]:
    """Evidence for the page: sentence and a readable article name."""
    return [{"sentence": r["sentence"],
             "article": r.get("headline") or r.get("source") or analysis.local_name(r["article"]),
             "date": r.get("date", "")}
            for r in records[:limit]]


def _font_size(size: float) -> int:
    """Label size that grows with the node, so small nodes' names hide first when zoomed out.

    >>> _font_size(MIN_SIZE), _font_size(MAX_SIZE)
    (14, 24)
    """
    share = (size - MIN_SIZE) / (MAX_SIZE - MIN_SIZE)
    return round(MIN_FONT + (MAX_FONT - MIN_FONT) * max(0.0, min(1.0, share)))


def _links(g: nx.MultiDiGraph, n: str) -> int:
    """Number of relations of a node, not counting article ``mentions`` edges."""
    return sum(1 for *_, k in g.in_edges(n, keys=True) if k != MENTIONS) + sum(
        1 for *_, k in g.out_edges(n, keys=True) if k != MENTIONS)


def _layer(g: nx.MultiDiGraph, n: str) -> str:
    """Which page layer a node belongs to: ``linked``, ``unlinked`` or ``articles``."""
    if g.nodes[n]["class"] == ARTICLE_CLASS:
        return "articles"
    return "linked" if _links(g, n) else "unlinked"


def _node_record(g: nx.MultiDiGraph, n: str, style: dict[str, str], size: float,
                 pos: tuple[int, int] | None) -> dict[str, Any]:
    attrs = g.nodes[n]
    record: dict[str, Any] = {
        "id": node_id(n), "label": attrs["label"], "group": attrs["class"],
        "shape": style["shape"], "color": style["colour"], "size": size,
        "font": _font_size(size), "layer": _layer(g, n),
        "info": {
            "label": attrs["label"], "aliases": list(attrs.get("aliases", [])),
            "en": attrs.get("label_en", ""), "pinyin": attrs.get("pinyin", ""),
            "class": attrs["class"], "legend": style["legend"], "iri": n,
            "degree": g.degree(n),
            "evidence": _evidence(attrs.get("evidence", []), analysis.MAX_NODE_EVIDENCE),
        },
    }
    if pos is not None:
        record["x"], record["y"] = pos
    return record


def _edge_records(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    names = property_labels()
    return [
        {"id": f"e{i}", "from": node_id(s), "to": node_id(o), "label": edge_label(key),
         "layer": "articles" if key == MENTIONS else "linked",
         "info": {"property": key, "property_zh": names.get(key, {}).get("zh", ""),
                  "from": g.nodes[s]["label"], "to": g.nodes[o]["label"],
                  "evidence": _evidence(attrs.get("evidence", []), 3)}}
        for i, (s, o, key, attrs) in enumerate(edges)
    ]


def view_data(g: nx.MultiDiGraph, *, size_by: str = "degree", physics: bool | None = None,
              layout_threshold: int = LAYOUT_THRESHOLD, seed: int = 42,
              title: str = "InnoKG") -> dict[str, Any]:
    """Everything the page draws, as JSON-able data (nodes and edges sorted, ids opaque)."""
    styles = load_styles()
    if physics is None:
        physics = g.number_of_nodes() <= layout_threshold
    positions = {} if physics else community_layout(g, seed=seed)
    sizes = _sizes(g, size_by)
    nodes = [_node_record(g, n, style_for(g.nodes[n]["class"], styles), sizes[n],
                          positions.get(n)) for n in sorted(g)]
    classes = sorted({g.nodes[n]["class"] for n in g})
    legend = [{"class": c, **style_for(c, styles),
               "count": sum(1 for n in g if g.nodes[n]["class"] == c)} for c in classes]
    layers = {name: sum(1 for n in nodes if n["layer"] == name)
              for name in ("linked", "unlinked", "articles")}
    return {"title": title, "physics": physics, "seed": seed, "font": FONT_FACE,
            "nodes": nodes, "edges": _edge_records(g), "legend": legend, "layers": layers,
            "show_unlinked": layers["linked"] == 0}


# ---------------------------------------------------------------------------- the page


def _script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element (no ``<``, ``>``, ``&`` or line separators).

    >>> _script_json({"a": "</script>"})
    '{"a": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def page_html(data: dict[str, Any]) -> str:
    """Fill the template in one pass (inserted text is never re-scanned for markers)."""
    values = {
        "TITLE": html.escape(data["title"]),
        "VIS_JS": _vis_js(),
        "DATA": _script_json(data),
    }
    return _MARKER.sub(lambda m: values[m.group(1)], _template())


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 text to a temp file beside ``path`` and move it into place.

    Raises:
        GraphError: the folder cannot be created or written.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as err:
        raise GraphError(f"cannot write: {err.strerror or err}", str(path)) from err
    return path


def render_html(graph: rdflib.Graph | nx.MultiDiGraph, out_path: str | Path, *,
                focus: str | None = None, depth: int = 1, classes: list[str] | None = None,
                min_degree: int = 0, max_nodes: int | None = None, size_by: str = "degree",
                mentions: bool = False, physics: bool | None = None,
                layout_threshold: int = LAYOUT_THRESHOLD, seed: int = 42,
                title: str = "InnoKG") -> Path:
    """Write an offline interactive view of the graph to ``out_path`` (UTF-8, atomically).

    ``graph`` is an rdflib Graph (converted with ``analysis.to_networkx``) or an already
    converted network. Returns the path written.

    Raises:
        UnknownEntity: ``focus`` names no entity.
        GraphError: the file cannot be written.
    """
    g = graph if hasattr(graph, "nodes") else analysis.to_networkx(graph, mentions=mentions)
    view = select_view(g, focus=focus, depth=depth, classes=classes, min_degree=min_degree,
                       max_nodes=max_nodes)
    data = view_data(view, size_by=size_by, physics=physics, layout_threshold=layout_threshold,
                     seed=seed, title=title)
    return write_text_atomic(out_path, page_html(data))
