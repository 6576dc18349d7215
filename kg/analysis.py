"""Link analysis on networkx: the RDF graph as a network of entities, with evidence.

``to_networkx`` turns the rdflib graph (shaped as ``spec/ontology.md`` says) into a
``MultiDiGraph`` whose nodes are entity IRIs and whose edges are object properties between
entities. Articles, Evidence nodes and literals are not nodes; their sentences are attached
to the nodes and edges they support. The other functions are plain functions over that graph:
``resolve``, ``neighbors``, ``shortest_path``, ``all_paths``, ``centrality``, ``communities``.

Everything is deterministic: nodes and edges are inserted in sorted order and the random
algorithms are seeded.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import GraphError, MissingInput, UnknownEntity

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import rdflib

IKG = "https://w3id.org/innokg/ontology#"
IKGR = "https://w3id.org/innokg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"

NOT_ENTITIES = frozenset({"Article", "Evidence"})
SUPERCLASSES = frozenset({"Organization", "Place"})
PINYIN_TAG = "zh-latn-pinyin"
DEFAULT_GRAPH = Path("build/innokg.ttl")
MAX_NODE_EVIDENCE = 3


@dataclass(frozen=True)
class Edge:
    """One edge of a path or neighbourhood, in its RDF direction, with its evidence."""

    subject: str
    property: str
    object: str
    evidence: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Hop:
    """One step of a path: from ``source`` to ``target`` over one or more edges."""

    source: str
    target: str
    edges: tuple[Edge, ...]


@dataclass
class Community:
    """One community: its members sorted by PageRank (highest first)."""

    id: int
    members: list[str] = field(default_factory=list)

    def top(self, n: int = 5) -> list[str]:
        """The ``n`` most central members."""
        return self.members[:n]


# ---------------------------------------------------------------------------- loading


def read_graph(path: str | Path = DEFAULT_GRAPH) -> rdflib.Graph:
    """Parse an RDF file (format guessed from the suffix, Turtle by default).

    Raises:
        MissingInput: the file does not exist.
        GraphError: the file is not valid RDF.
    """
    import rdflib
    from rdflib.util import guess_format

    path = Path(path)
    if not path.is_file():
        raise MissingInput("graph file not found; run `kg build` first or pass --graph", str(path))
    graph = rdflib.Graph()
    try:
        graph.parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as err:  # rdflib raises many unrelated types for bad syntax
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise GraphError(f"not valid RDF: {first}", str(path)) from err
    return graph


def local_name(iri: str) -> str:
    """The part of an IRI after the last ``#`` or ``/``.

    >>> local_name("https://w3id.org/innokg/ontology#locatedIn")
    'locatedIn'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# ---------------------------------------------------------------------------- RDF -> networkx


def _scan(graph: rdflib.Graph) -> dict[str, Any]:
    """One pass over the triples: classes, labels, entity links, evidence and articles."""
    from rdflib import Literal, URIRef

    data: dict[str, Any] = {
        "types": defaultdict(set), "labels": defaultdict(list), "alt": defaultdict(set),
        "links": set(), "facts": defaultdict(set), "evidence": defaultdict(dict),
        "articles": defaultdict(dict), "mentions": set(),
    }
    for s, p, o in graph:
        s, p = str(s), str(p)
        if p == RDF + "type" and isinstance(o, URIRef) and str(o).startswith(IKG):
            data["types"][s].add(str(o)[len(IKG):])
        elif p == RDFS + "label" and isinstance(o, Literal):
            data["labels"][s].append((str(o.language or "").lower(), str(o)))
        elif p == SKOS + "altLabel" and isinstance(o, Literal):
            data["alt"][s].add(str(o))
        elif p in _EVIDENCE_KEYS:
            data["evidence"][s][_EVIDENCE_KEYS[p]] = o
        elif p in _ARTICLE_KEYS:
            data["articles"][s][_ARTICLE_KEYS[p]] = str(o)
        elif p == IKG + "mentions" and isinstance(o, URIRef):
            data["mentions"].add((s, str(o)))
        elif p.startswith(IKG) and isinstance(o, URIRef):
            data["links"].add((s, p, str(o)))
        elif p.startswith(IKG) and isinstance(o, Literal):
            data["facts"][s].add((local_name(p), str(o)))
    return data


_EVIDENCE_KEYS = {
    RDF + "subject": "subject", RDF + "predicate": "predicate", RDF + "object": "object",
    IKG + "sentence": "sentence", PROV + "wasDerivedFrom": "article",
}
_ARTICLE_KEYS = {
    SCHEMA + "headline": "headline", DCTERMS + "source": "source",
    SCHEMA + "datePublished": "date",
}


def _entity_class(types: set[str]) -> str:
    """The most specific ikg class: a subclass wins over Organization/Place."""
    specific = sorted(types - SUPERCLASSES)
    return specific[0] if specific else (sorted(types)[0] if types else "Entity")


def _pick_labels(labels: list[tuple[str, str]], iri: str) -> dict[str, str]:
    """Canonical zh label, English label and pinyin label of one entity."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for lang, text in labels:
        by_lang[lang].append(text)
    zh = sorted(by_lang.get("zh", []) or by_lang.get("", []) or [t for _, t in sorted(labels)])
    return {
        "label": zh[0] if zh else local_name(iri),
        "label_en": min(by_lang.get("en", []), default=""),
        "pinyin": min(by_lang.get(PINYIN_TAG, []), default=""),
    }


def _evidence_record(ev: dict[str, Any], articles: dict[str, dict[str, str]]) -> dict[str, str]:
    """A flat, printable evidence record: sentence and its article."""
    article = str(ev.get("article", ""))
    info = articles.get(article, {})
    return {
        "sentence": str(ev.get("sentence", "")),
        "article": article,
        "headline": info.get("headline", ""),
        "source": info.get("source", ""),
        "date": info.get("date", ""),
    }


def _evidence_index(data: dict[str, Any]) -> tuple[dict, dict]:
    """Evidence by (s, p, o) statement and by entity (subject or object)."""
    by_statement: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    by_entity: dict[str, list[dict[str, str]]] = defaultdict(list)
    for ev in data["evidence"].values():
        if "subject" not in ev or "sentence" not in ev:
            continue
        record = _evidence_record(ev, data["articles"])
        s, p, o = str(ev["subject"]), str(ev.get("predicate", "")), str(ev.get("object", ""))
        by_statement[(s, p, o)].append(record)
        by_entity[s].append(record)
        by_entity[o].append(record)
    return by_statement, by_entity


def _dedupe(records: list[dict[str, str]]) -> list[dict[str, str]]:
    """Sorted, without repeats (same sentence from the same article)."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for rec in records:
        seen.setdefault((rec["sentence"], rec["article"]), rec)
    return [seen[k] for k in sorted(seen)]


def to_networkx(graph: rdflib.Graph, *, mentions: bool = False) -> nx.MultiDiGraph:
    """The entity network of an InnoKG RDF graph.

    Nodes are entity IRIs with attributes ``label`` (canonical zh name), ``aliases``,
    ``label_en``, ``pinyin``, ``class`` (most specific ikg class), ``facts`` (literal values)
    and ``evidence`` (sentences about the entity with their article). Edges run subject ->
    object, keyed by property local name, with ``property``, ``iri`` and ``evidence``.
    With ``mentions=True`` articles become nodes too (class ``Article``, edges ``mentions``).
    """
    import networkx as nx

    data = _scan(graph)
    by_statement, by_entity = _evidence_index(data)
    skip = set(data["evidence"]) | set(data["articles"])
    skip |= {s for s, t in data["types"].items() if t & NOT_ENTITIES}
    entities = {s for s, t in data["types"].items() if s not in skip}
    links = sorted((s, p, o) for s, p, o in data["links"] if s not in skip and o not in skip)
    entities.update(x for s, _, o in links for x in (s, o))
    out = nx.MultiDiGraph()
    for iri in sorted(entities):
        out.add_node(iri, **_node_attrs(iri, data, by_entity))
    for s, p, o in links:
        evidence = _dedupe(by_statement.get((s, p, o), []))
        out.add_edge(s, o, key=local_name(p), property=local_name(p), iri=p, evidence=evidence)
    if mentions:
        _add_mentions(out, data)
    return out


def _node_attrs(iri: str, data: dict[str, Any], by_entity: dict) -> dict[str, Any]:
    """Attributes of one entity node."""
    attrs: dict[str, Any] = _pick_labels(data["labels"].get(iri, []), iri)
    attrs["aliases"] = sorted(data["alt"].get(iri, set()) - {attrs["label"]})
    attrs["class"] = _entity_class(data["types"].get(iri, set()))
    facts: dict[str, list[str]] = defaultdict(list)
    for prop, value in sorted(data["facts"].get(iri, set())):
        facts[prop].append(value)
    attrs["facts"] = dict(facts)
    attrs["evidence"] = _dedupe(by_entity.get(iri, []))
    return attrs


def _add_mentions(out: nx.MultiDiGraph, data: dict[str, Any]) -> None:
    """The optional Article layer: one node per article, ``mentions`` edges to entities."""
    for article, entity in sorted(data["mentions"]):
        if entity not in out:
            continue
        if article not in out:
            info = data["articles"].get(article, {})
            out.add_node(
                article, label=info.get("headline") or info.get("source") or local_name(article),
                aliases=[], label_en="", pinyin="", facts={}, evidence=[], **{"class": "Article"},
            )
        out.add_edge(article, entity, key="mentions", property="mentions",
                     iri=IKG + "mentions", evidence=[])


# ---------------------------------------------------------------------------- names


def _norm(text: str) -> str:
    """Comparison form of a name: compatibility-normalized, case-folded, without spaces or
    tone marks.

    >>> _norm("Qiáo Kǒu ＱＵ")
    'qiaokouqu'
    """
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())


def _name_index(g: nx.MultiDiGraph) -> dict[str, list[tuple[int, str]]]:
    """normalized name -> [(rank, node)], rank 0 = canonical label, 1 = other names."""
    index: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for node, attrs in g.nodes(data=True):
        index[_norm(attrs.get("label", ""))].append((0, node))
        index[_norm(f"{attrs.get('class', '')}/{attrs.get('label', '')}")].append((0, node))
        index[_norm(node)].append((0, node))
        for other in (*attrs.get("aliases", []), attrs.get("label_en"), attrs.get("pinyin")):
            if other:
                index[_norm(other)].append((1, node))
    return index


def resolve(g: nx.MultiDiGraph, name: str) -> str:
    """The node a name refers to: canonical label, alias, English/pinyin label, IRI, or
    ``Class/label``. A canonical label wins over an alias; a tie goes to the higher degree.

    Raises:
        UnknownEntity: no node has that name (close matches are suggested).
    """
    index = _name_index(g)
    hits = sorted(set(index.get(_norm(name), [])))
    if hits:
        best = hits[0][0]
        tied = [node for rank, node in hits if rank == best]
        return sorted(tied, key=lambda n: (-g.degree(n), n))[0]
    names = sorted({g.nodes[n]["label"] for n in g} | {a for n in g for a in g.nodes[n]["aliases"]})
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.4)
    close += [n for n in names if name in n and n not in close][: 5 - len(close)]
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise UnknownEntity(f"no entity named {name!r}{hint}")


def describe(g: nx.MultiDiGraph, node: str) -> str:
    """``label (Class)`` for printing."""
    attrs = g.nodes[node]
    return f"{attrs.get('label', local_name(node))} ({attrs.get('class', '?')})"


# ---------------------------------------------------------------------------- neighbourhoods and paths


def _edges_between(g: nx.MultiDiGraph, a: str, b: str) -> tuple[Edge, ...]:
    """Every edge between two nodes, either direction, sorted."""
    found = []
    for s, o in ((a, b), (b, a)):
        for key, attrs in sorted((g.get_edge_data(s, o) or {}).items()):
            found.append(Edge(s, key, o, tuple(attrs.get("evidence", ()))))
    return tuple(found)


def _simple(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple view with sorted adjacency (deterministic traversal)."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    simple.add_edges_from(sorted({tuple(sorted((s, o))) for s, o in g.edges() if s != o}))
    return simple


def neighbors(g: nx.MultiDiGraph, node: str, depth: int = 1) -> list[tuple[int, Hop]]:
    """Nodes within ``depth`` hops, each with its distance and the hop that reached it."""
    import networkx as nx

    simple = _simple(g)
    dist = nx.single_source_shortest_path_length(simple, node, cutoff=depth)
    result = []
    for other in sorted(dist, key=lambda n: (dist[n], g.nodes[n].get("label", ""), n)):
        if other == node:
            continue
        parent = min((p for p in simple[other] if dist.get(p) == dist[other] - 1),
                     key=lambda p: (g.nodes[p].get("label", ""), p))
        result.append((dist[other], Hop(parent, other, _edges_between(g, parent, other))))
    return result


def _hops(g: nx.MultiDiGraph, nodes: list[str]) -> list[Hop]:
    return [Hop(a, b, _edges_between(g, a, b)) for a, b in zip(nodes, nodes[1:], strict=False)]


def shortest_path(g: nx.MultiDiGraph, source: str, target: str) -> list[Hop] | None:
    """One shortest path (edges in either direction), or None when not connected."""
    import networkx as nx

    try:
        nodes = nx.shortest_path(_simple(g), source, target)
    except nx.NetworkXNoPath:
        return None
    return _hops(g, nodes)


def all_paths(g: nx.MultiDiGraph, source: str, target: str, max_hops: int = 3,
              limit: int = 100) -> list[list[Hop]]:
    """Simple paths of at most ``max_hops`` hops, shortest first (at most ``limit``)."""
    import itertools

    import networkx as nx

    if source == target:
        return []
    found = itertools.islice(nx.all_simple_paths(_simple(g), source, target, cutoff=max_hops),
                             limit * 10)
    label = lambda n: g.nodes[n].get("label", "")  # noqa: E731
    ordered = sorted(found, key=lambda p: (len(p), [label(n) for n in p], p))
    return [_hops(g, p) for p in ordered[:limit]]


# ---------------------------------------------------------------------------- centrality and communities


def _weighted(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph with edge weight = number of RDF edges."""
    simple = _simple(g)
    for s, o in g.edges():
        if s != o:
            simple[s][o]["weight"] = simple[s][o].get("weight", 0) + 1
    return simple


def pagerank(g: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank on the undirected weighted network (links count both ways)."""
    import networkx as nx

    if g.number_of_nodes() == 0:
        return {}
    return nx.pagerank(_weighted(g), weight="weight")


def centrality(g: nx.MultiDiGraph, classes: list[str] | None = None,
               top: int | None = None, exact_limit: int = 1500) -> list[dict[str, Any]]:
    """Degree, PageRank and betweenness per node, highest PageRank first.

    Computed on the whole network; ``classes`` only filters the rows. Betweenness is exact up
    to ``exact_limit`` nodes, and estimated from that many seeded samples beyond.
    """
    import networkx as nx

    simple = _weighted(g)
    rank = pagerank(g)
    k = None if simple.number_of_nodes() <= exact_limit else exact_limit
    between = nx.betweenness_centrality(simple, k=k, seed=42) if len(simple) else {}
    wanted = {c.casefold() for c in classes or []}
    rows = [
        {"iri": n, "label": g.nodes[n]["label"], "class": g.nodes[n]["class"],
         "degree": g.degree(n), "pagerank": rank.get(n, 0.0), "betweenness": between.get(n, 0.0)}
        for n in g if not wanted or g.nodes[n]["class"].casefold() in wanted
    ]
    rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], r["label"], r["iri"]))
    return rows[:top] if top else rows


def communities(g: nx.MultiDiGraph, seed: int = 42, resolution: float = 1.0) -> list[Community]:
    """Louvain communities (seeded), largest first; members sorted by PageRank."""
    import networkx as nx

    if g.number_of_nodes() == 0:
        return []
    rank = pagerank(g)
    groups = nx.community.louvain_communities(_weighted(g), weight="weight", seed=seed,
                                              resolution=resolution)
    order = lambda n: (-rank.get(n, 0.0), g.nodes[n]["label"], n)  # noqa: E731
    members = [sorted(group, key=order) for group in groups]
    members.sort(key=lambda m: (-len(m), order(m[0])))
    return [Community(i + 1, m) for i, m in enumerate(members)]


def community_of(comms: list[Community]) -> dict[str, int]:
    """node -> community id."""
    return {n: c.id for c in comms for n in c.members}
