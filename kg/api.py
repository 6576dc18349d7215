"""A small Python API for notebooks: load a built graph, query it, look at it.

>>> import kg
>>> g = kg.load()                                   # doctest: +SKIP
>>> g.query("funds_by_size")                        # doctest: +SKIP
>>> g.query("SELECT ?s WHERE { ?s rdfs:label ?l FILTER(STR(?l) = ?name) }", name="武汉市")  # doctest: +SKIP
>>> g.entity("硚口区")                               # doctest: +SKIP
>>> g.show(focus="武汉市", depth=1)                   # doctest: +SKIP

Everything here delegates: SPARQL to :mod:`kg.store` / :mod:`kg.sparql` (parameters bound
as RDF terms), the network to :mod:`kg.analysis`, the view to :func:`kg.viz.render_html`.
This module only turns their results into pandas DataFrames and notebook-friendly objects.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import MissingInput

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd
    import rdflib

GRAPH_ENV = "KG_GRAPH"
"""Environment variable naming the graph file to load (used by notebooks and their tests)."""

DEFAULT_GRAPH = Path("build") / "innokg.ttl"
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "SimHei")
VIEW_HEIGHT = "600px"


# ----------------------------------------------------------------------------- finding the graph


def find_graph(start: str | Path | None = None) -> Path | None:
    """The graph to load: ``$KG_GRAPH`` if set, else ``build/innokg.ttl`` in ``start``
    (default: the current folder) or the nearest parent folder that has one; None if none.
    """
    env = os.environ.get(GRAPH_ENV)
    if env:
        return Path(env)
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DEFAULT_GRAPH).is_file():
            return folder / DEFAULT_GRAPH
    return None


def find_repo(start: str | Path | None = None) -> Path:
    """The project folder (the one holding ``seeds/``): ``start`` or its nearest parent,
    else the folder above the ``kg`` package.

    Raises:
        MissingInput: no ``seeds/`` folder is found.
    """
    here = Path(start or Path.cwd()).resolve()
    package_parent = Path(__file__).resolve().parent.parent
    for folder in (here, *here.parents, package_parent):
        if (folder / "seeds").is_dir():
            return folder
    raise MissingInput("no seeds/ folder found here or above; pass the corpus path", str(here))


def load(path: str | Path | None = None) -> KnowledgeGraph:
    """Load a built graph file (Turtle, N-Triples, ...) for exploration.

    Without ``path``: ``$KG_GRAPH``, else ``build/innokg.ttl`` here or in a parent folder.
    Nothing is built silently: a missing graph is an error that says to run ``kg build``.

    Raises:
        MissingInput: no graph file was found.
        GraphError: the file is not a readable graph.
    """
    from kg.graphio import load_graph

    if path is None:
        path = find_graph()
    if path is None:
        raise MissingInput(f"no graph found (looked for ${GRAPH_ENV} and {DEFAULT_GRAPH} here and "
                           "above); run `kg build` first or pass a path", str(DEFAULT_GRAPH))
    path = Path(path)
    if not path.is_file():
        raise MissingInput("graph file not found; run `kg build` first", str(path))
    return KnowledgeGraph(load_graph(path), path)


# ----------------------------------------------------------------------------- terms

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {"integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
             "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong"}


def to_term(value: Any) -> Any:
    """A Python value as a :class:`kg.sparql.Term` (str = plain literal, never parsed).

    >>> to_term("武汉市").n3()
    '"武汉市"'
    >>> to_term(30).n3()
    '"30"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    import datetime
    from decimal import Decimal

    from rdflib import Literal, URIRef

    from kg.sparql import Term

    if isinstance(value, Term):
        return value
    if isinstance(value, URIRef):
        return Term.uri(str(value))
    if isinstance(value, Literal):
        return Term.literal(str(value), value.language, str(value.datatype) if value.datatype else None)
    typed: list[tuple[type | tuple[type, ...], str, Any]] = [
        (bool, "boolean", lambda v: "true" if v else "false"), (int, "integer", str),
        (Decimal, "decimal", str), (float, "double", repr),
        (datetime.datetime, "dateTime", lambda v: v.isoformat()),
        (datetime.date, "date", lambda v: v.isoformat()),
    ]
    for kind, datatype, text in typed:
        if isinstance(value, kind):
            return Term.literal(text(value), datatype=XSD + datatype)
    if isinstance(value, str):
        return Term.literal(value)
    raise TypeError(f"cannot bind a {type(value).__name__} as an RDF term")


def iri(name: str) -> Any:
    """An IRI parameter value from ``prefix:local`` (known prefixes) or a full IRI.

    >>> iri("ikg:fundSize").value
    'https://w3id.org/innokg/ontology#fundSize'

    Raises:
        QueryError: ``name`` is not an IRI.
    """
    from kg.errors import QueryError
    from kg.sparql import Term, check_iri, parse_value

    term = parse_value(name)
    if term.kind == "uri":
        return term
    if "://" in name:
        return Term.uri(check_iri(name))
    raise QueryError(f"not an IRI or known prefixed name: {name!r}")


def to_python(term: Any) -> Any:
    """A result term as a plain Python value (Decimal for xsd:decimal, date for xsd:date ...).

    >>> from kg.sparql import Term
    >>> to_python(Term.literal("3000000000", datatype=XSD + "decimal"))
    Decimal('3000000000')
    """
    import datetime
    from decimal import Decimal, InvalidOperation

    if term is None:
        return None
    if term.kind != "literal":
        return term.value if term.kind == "uri" else f"_:{term.value}"
    kind = (term.datatype or "")[len(XSD):] if (term.datatype or "").startswith(XSD) else ""
    parse = {"decimal": Decimal, "double": float, "float": float,
             "boolean": lambda v: v.strip() in ("true", "1"),
             "date": datetime.date.fromisoformat, "dateTime": datetime.datetime.fromisoformat}
    parse.update({name: int for name in _INTEGERS})
    try:
        return parse[kind](term.value) if kind in parse else term.value
    except (ValueError, InvalidOperation):  # ill-typed literal: keep its text
        return term.value


def _prologue(text: str) -> str:
    """PREFIX lines for the known prefixes a query uses without declaring them."""
    import re

    from kg.sparql import PREFIXES

    declared = {m.lower() for m in re.findall(r"(?i)\bprefix\s+(\w*):", text)}
    used = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w<]){p}:", text)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used)


# ----------------------------------------------------------------------------- entity cards


@dataclass(frozen=True)
class Link:
    """One relation of an entity, seen from that entity."""

    direction: str  # "out" (entity is the subject) or "in" (entity is the object)
    property: str
    other: str  # the other entity's label
    other_class: str
    other_iri: str
    sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityCard:
    """What the graph knows about one entity: names, class, facts, relations, evidence."""

    iri: str
    label: str
    class_name: str
    label_en: str = ""
    pinyin: str = ""
    aliases: tuple[str, ...] = ()
    facts: dict[str, list[str]] = field(default_factory=dict)
    links: tuple[Link, ...] = ()
    evidence: tuple[dict[str, str], ...] = ()

    @property
    def labels(self) -> dict[str, str]:
        """Canonical Chinese name, English name and pinyin (empty when unknown)."""
        return {"zh": self.label, "en": self.label_en, "pinyin": self.pinyin}

    @property
    def outgoing(self) -> list[Link]:
        """Relations where this entity is the subject."""
        return [link for link in self.links if link.direction == "out"]

    @property
    def incoming(self) -> list[Link]:
        """Relations where this entity is the object."""
        return [link for link in self.links if link.direction == "in"]

    @property
    def sentences(self) -> list[str]:
        """The evidence sentences about this entity."""
        return [ev["sentence"] for ev in self.evidence]

    def relations(self) -> pd.DataFrame:
        """The relations as a table (direction, property, other entity, its class, a sentence)."""
        import pandas as pd

        rows = [{"direction": link.direction, "property": link.property, "other": link.other,
                 "other_class": link.other_class, "sentence": link.sentences[0] if link.sentences else ""}
                for link in self.links]
        return pd.DataFrame(rows, columns=["direction", "property", "other", "other_class", "sentence"])

    def __repr__(self) -> str:
        names = f" ({', '.join(self.aliases)})" if self.aliases else ""
        return (f"<EntityCard {self.label}{names} [{self.class_name}]: "
                f"{len(self.outgoing)} out, {len(self.incoming)} in, {len(self.evidence)} sentences>")

    def _repr_html_(self) -> str:
        esc = html.escape
        head = f"<h4>{esc(self.label)} <small>{esc(self.class_name)}</small></h4>"
        names = [esc(n) for n in (self.label_en, self.pinyin) if n]
        if self.aliases:
            names.append("aliases: " + esc("、".join(self.aliases)))
        parts = [head, f"<p>{' · '.join(names)}</p>" if names else "",
                 _html_table(["fact", "value"], [(k, "; ".join(v)) for k, v in sorted(self.facts.items())]),
                 _html_table(["", "property", "entity", "class"],
                             [("→" if ln.direction == "out" else "←", ln.property, ln.other,
                               ln.other_class) for ln in self.links]),
                 _html_list([f"{ev['sentence']} ({ev.get('headline') or ev.get('source', '')})"
                             for ev in self.evidence])]
        return f'<div class="kg-entity">{"".join(parts)}</div>'


def _html_table(header: list[str], rows: list[tuple[str, ...]]) -> str:
    """An escaped HTML table, or nothing when there are no rows."""
    if not rows:
        return ""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html_list(items: list[str]) -> str:
    """An escaped HTML list, or nothing."""
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


# ----------------------------------------------------------------------------- the inline view


class InlineView:
    """An offline network page shown inline as ``<iframe srcdoc=...>`` (no side files)."""

    def __init__(self, page: str, height: str = VIEW_HEIGHT) -> None:
        self.page = page
        self.height = height

    def _repr_html_(self) -> str:
        return _view_markup(self.page, self.height)

    def __repr__(self) -> str:
        return f"<InlineView: {len(self.page):,} characters of HTML>"

    def save(self, path: str | Path) -> Path:
        """Write the page to a file (atomically) to open it in a browser."""
        from kg.graphio import write_text_atomic

        return write_text_atomic(path, self.page)


def iframe(page: str, height: str = VIEW_HEIGHT) -> str:
    """A whole HTML page wrapped in an ``<iframe srcdoc>`` (the page is attribute-escaped).

    >>> iframe('<p title="x">a & b</p>', "10px")[:60]
    '<iframe srcdoc="&lt;p title=&quot;x&quot;&gt;a &amp; b&lt;/p'
    """
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" '
            f'style="width:100%;height:{html.escape(height)};border:0" '
            'sandbox="allow-scripts"></iframe>')


def _view_markup(page: str, height: str) -> str:
    """The iframe inside a div (IPython warns about a bare ``<iframe>`` given to ``HTML``)."""
    return f'<div class="kg-view">{iframe(page, height)}</div>'


# ----------------------------------------------------------------------------- the graph


class KnowledgeGraph:
    """A loaded InnoKG graph: ``.graph`` (rdflib), ``.file`` (where it was read from), plus
    queries, network analysis and inline views."""

    def __init__(self, graph: rdflib.Graph, path: str | Path | None = None) -> None:
        self.graph = graph
        self.file = Path(path) if path is not None else None
        self._network: nx.MultiDiGraph | None = None
        self._backend: Any = None

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.file or '(in memory)'}: {len(self.graph):,} triples>"

    # -- network ---------------------------------------------------------------

    @property
    def network(self) -> nx.MultiDiGraph:
        """The entity network (built once, shared by the analysis methods; do not modify)."""
        if self._network is None:
            from kg.analysis import to_networkx

            self._network = to_networkx(self.graph)
        return self._network

    def to_networkx(self, mentions: bool = False) -> nx.MultiDiGraph:
        """A fresh networkx ``MultiDiGraph`` of the entities (articles too with ``mentions``)."""
        from kg.analysis import to_networkx

        return to_networkx(self.graph, mentions=True) if mentions else self.network.copy()

    def resolve(self, name: str) -> str:
        """The IRI of the entity called ``name`` (label, alias, English/pinyin name or IRI).

        Raises:
            UnknownEntity: no entity has that name (close matches are suggested).
        """
        from kg.analysis import resolve

        return resolve(self.network, name)

    def label(self, iri: str) -> str:
        """The canonical label of an entity IRI."""
        return self.network.nodes[iri].get("label", iri) if iri in self.network else iri

    # -- counts ----------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Counts: triples, articles, evidence, entities, by class and by property."""
        from kg.stats import graph_stats

        return graph_stats(self.graph)

    def class_counts(self) -> pd.DataFrame:
        """Entities per class in the network (most frequent first)."""
        import pandas as pd

        counts = Counter(attrs["class"] for _, attrs in self.network.nodes(data=True))
        rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return pd.DataFrame(rows, columns=["class", "entities"])

    # -- SPARQL ----------------------------------------------------------------

    def queries(self) -> pd.DataFrame:
        """The bundled queries: name, what each answers, and its parameters."""
        import pandas as pd

        from kg.sparql import bundled_queries, load_query

        rows = []
        for name in bundled_queries():
            info = load_query(name)
            params = ", ".join(f"{p.name}: {p.kind}{' (optional)' if p.optional else ''}"
                               for p in info.params)
            rows.append({"name": name, "answers": info.description, "params": params})
        return pd.DataFrame(rows, columns=["name", "answers", "params"])

    def query(self, sparql: str, **params: Any) -> pd.DataFrame:
        """Run SPARQL (text, a ``.rq`` file or a bundled query's name) and return a DataFrame.

        ``params`` are bound as RDF terms by the SPARQL layer, never pasted into the text:
        a str is a plain literal (an ``entity`` parameter resolves it by label or alias),
        int/Decimal/float/date typed literals, an rdflib URIRef an IRI. The usual prefixes
        (``ikg:``, ``rdfs:``, ``schema:`` ...) may be used without declaring them. Cells are
        plain Python values: str (IRIs too), Decimal/int/float, date, bool, or None when unbound.

        Raises:
            QueryError: syntax error (line and column), an update, a bad or missing parameter.
            UnknownEntity: an ``entity`` parameter names no entity.
        """
        import dataclasses

        import pandas as pd

        from kg.sparql import load_query
        from kg.store import execute

        info = load_query(sparql)
        info = dataclasses.replace(info, text=_prologue(info.text) + info.text)
        result = execute(self._engine(), info, {k: to_term(v) for k, v in params.items()})
        if result.boolean is not None:
            return pd.DataFrame({"answer": [result.boolean]})
        if result.triples is not None:
            rows = [tuple(to_python(t) for t in triple) for triple in result.triples]
            return pd.DataFrame(rows, columns=["subject", "predicate", "object"])
        rows = [tuple(to_python(t) for t in row) for row in result.rows]
        return pd.DataFrame(rows, columns=result.variables)

    def _engine(self) -> Any:
        """The SPARQL backend: the on-disk pyoxigraph store beside the file (loaded if stale),
        or rdflib on ``.graph`` for a graph that has no file."""
        if self._backend is None:
            from kg.store import RdflibBackend, open_backend

            self._backend = (open_backend(self.file) if self.file is not None
                             else RdflibBackend(self.graph))
        return self._backend

    # -- links -----------------------------------------------------------------

    def entity(self, name: str) -> EntityCard:
        """Everything about one entity: names, class, facts, relations in and out, evidence.

        Raises:
            UnknownEntity: no entity has that name.
        """
        g = self.network
        iri = self.resolve(name)
        attrs = g.nodes[iri]
        links = [_link(g, "out", o, key, data) for _, o, key, data in g.out_edges(iri, keys=True, data=True)]
        links += [_link(g, "in", s, key, data) for s, _, key, data in g.in_edges(iri, keys=True, data=True)]
        links.sort(key=lambda ln: (ln.direction != "out", ln.property, ln.other, ln.other_iri))
        return EntityCard(
            iri=iri, label=attrs.get("label", iri), class_name=attrs.get("class", ""),
            label_en=attrs.get("label_en", ""), pinyin=attrs.get("pinyin", ""),
            aliases=tuple(attrs.get("aliases", ())), facts=dict(attrs.get("facts", {})),
            links=tuple(links), evidence=tuple(attrs.get("evidence", ())),
        )

    def neighbors(self, name: str, depth: int = 1) -> pd.DataFrame:
        """Entities within ``depth`` links of ``name``: distance, entity, class, and the link."""
        import pandas as pd

        from kg.analysis import neighbors

        g = self.network
        rows = [{"distance": dist, "entity": self.label(hop.target),
                 "class": g.nodes[hop.target].get("class", ""), "via": self.label(hop.source),
                 "link": self._edges_text(hop.edges), "iri": hop.target}
                for dist, hop in neighbors(g, self.resolve(name), depth=depth)]
        return pd.DataFrame(rows, columns=["distance", "entity", "class", "via", "link", "iri"])

    def path(self, source: str, target: str) -> pd.DataFrame:
        """One shortest chain of relations between two entities (links in either direction),
        one row per hop with its evidence sentence; empty when they are not connected."""
        from kg.analysis import shortest_path

        hops = shortest_path(self.network, self.resolve(source), self.resolve(target))
        return self._hops_frame(hops or [])

    def paths(self, source: str, target: str, max_hops: int = 3, limit: int = 20) -> pd.DataFrame:
        """Every simple chain of at most ``max_hops`` links, shortest first: one row per path."""
        import pandas as pd

        from kg.analysis import all_paths

        found = all_paths(self.network, self.resolve(source), self.resolve(target),
                          max_hops=max_hops, limit=limit)
        rows = [{"path": i + 1, "hops": len(hops), "chain": self._chain_text(hops)}
                for i, hops in enumerate(found)]
        return pd.DataFrame(rows, columns=["path", "hops", "chain"])

    def central(self, top: int | None = 10, classes: list[str] | None = None) -> pd.DataFrame:
        """The most central entities (PageRank, degree, betweenness), highest PageRank first."""
        import pandas as pd

        from kg.analysis import centrality

        rows = centrality(self.network, classes=classes, top=top)
        columns = ["label", "class", "degree", "pagerank", "betweenness", "iri"]
        return pd.DataFrame(rows, columns=columns)

    def communities(self, top: int = 5, seed: int = 42) -> pd.DataFrame:
        """Louvain communities, largest first: size, most central members, main classes."""
        import pandas as pd

        from kg.analysis import communities

        g = self.network
        rows = []
        for comm in communities(g, seed=seed):
            classes = Counter(g.nodes[n]["class"] for n in comm.members)
            rows.append({"community": comm.id, "size": len(comm.members),
                         "top": "、".join(self.label(n) for n in comm.top(top)),
                         "classes": ", ".join(f"{c} {k}" for c, k in
                                              sorted(classes.items(), key=lambda kv: (-kv[1], kv[0])))})
        return pd.DataFrame(rows, columns=["community", "size", "top", "classes"])

    def show(self, focus: str | None = None, depth: int = 1, **opts: Any) -> Any:
        """The offline interactive view, inline in a notebook (an ``<iframe srcdoc>``).

        ``opts`` go to :func:`kg.viz.render_html` (``classes``, ``min_degree``, ``max_nodes``,
        ``size_by``, ``mentions``, ``physics``, ...), except ``height`` (CSS, default 600px).

        Raises:
            UnknownEntity: ``focus`` names no entity.
        """
        from kg.viz import render_html

        height = opts.pop("height", VIEW_HEIGHT)
        source = self.graph if opts.get("mentions") else self.network
        with tempfile.TemporaryDirectory(prefix="kg-view-") as tmp:
            out = render_html(source, Path(tmp) / "view.html", focus=focus, depth=depth, **opts)
            page = out.read_text(encoding="utf-8")
        return _display_html(_view_markup(page, height), InlineView(page, height))

    # -- helpers ---------------------------------------------------------------

    def _edges_text(self, edges: Any) -> str:
        """``A —investsIn→ B`` for each edge, joined."""
        return "; ".join(f"{self.label(e.subject)} —{e.property}→ {self.label(e.object)}"
                         for e in edges)

    def _chain_text(self, hops: list[Any]) -> str:
        """A whole path as one line: ``A —p→ B ←q— C``."""
        if not hops:
            return ""
        text = self.label(hops[0].source)
        for hop in hops:
            edge = hop.edges[0]
            arrow = f" —{edge.property}→ " if edge.subject == hop.source else f" ←{edge.property}— "
            text += arrow + self.label(hop.target)
        return text

    def _hops_frame(self, hops: list[Any]) -> pd.DataFrame:
        """One row per hop: from, relation(s), to, and the first evidence sentence."""
        import pandas as pd

        rows = []
        for i, hop in enumerate(hops):
            sentences = [ev["sentence"] for e in hop.edges for ev in e.evidence]
            rows.append({"step": i + 1, "from": self.label(hop.source),
                         "relation": self._edges_text(hop.edges), "to": self.label(hop.target),
                         "sentence": sentences[0] if sentences else ""})
        return pd.DataFrame(rows, columns=["step", "from", "relation", "to", "sentence"])


def _link(g: nx.MultiDiGraph, direction: str, other: str, key: str, data: dict[str, Any]) -> Link:
    """A :class:`Link` from one network edge."""
    attrs = g.nodes[other]
    return Link(direction, data.get("property", key), attrs.get("label", other),
                attrs.get("class", ""), other,
                tuple(ev["sentence"] for ev in data.get("evidence", ())))


def _display_html(markup: str, fallback: Any) -> Any:
    """An ``IPython.display.HTML`` object when IPython is installed, else ``fallback``."""
    try:
        from IPython.display import HTML
    except ImportError:  # plain Python without Jupyter: the fallback has _repr_html_ too
        return fallback
    return HTML(markup)


# ----------------------------------------------------------------------------- charts


def use_cjk_font(candidates: tuple[str, ...] = CJK_FONTS) -> str | None:
    """Make matplotlib draw Chinese with the first installed font of ``candidates``.

    Returns the font used, or None (charts still draw; Chinese may show as boxes).
    """
    import matplotlib
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in candidates:
        if name in installed:
            matplotlib.rcParams["font.sans-serif"] = [name, *matplotlib.rcParams["font.sans-serif"]]
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["axes.unicode_minus"] = False
            return name
    return None


def plot_amounts(frame: pd.DataFrame, label: str, amount: str, title: str = "",
                 unit: str = "亿元", ax: Any = None) -> Any:
    """A horizontal bar chart of yuan amounts (Decimal or float) in ``unit`` (亿元 = 1e8 yuan).

    Rows without an amount are left out; a label that appears on several rows (a program
    with several subsidy ceilings) gets one bar, its largest amount. The largest bar is on
    top. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    scale = {"元": 1, "万元": 10**4, "亿元": 10**8}[unit]
    data = frame[[label, amount]].dropna()
    values: dict[str, float] = {}
    for name, value in zip(data[label], data[amount], strict=True):
        values[str(name)] = max(values.get(str(name), 0.0), float(value) / scale)
    bars = sorted(values.items(), key=lambda kv: (kv[1], kv[0]))
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * max(len(bars), 2) + 1))
    ax.barh([name for name, _ in bars], [value for _, value in bars], color="#4c72b0")
    ax.set_xlabel(unit)
    if title:
        ax.set_title(title)
    ax.figure.tight_layout()
    return ax
