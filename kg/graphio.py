"""Read and write graphs: canonical (sorted, byte-stable) serialization and atomic writes.

rdflib's own Turtle writer does not promise a stable order, so graphs are written here from
sorted quads: N-Triples/N-Quads as sorted lines, Turtle/TriG grouped by sorted subject,
JSON-LD with sorted nodes. The same triples always give the same bytes.

Formats follow the file extension: ``.ttl``, ``.nt``, ``.nq``, ``.trig`` (one named graph per
article), ``.jsonld``. Blank nodes are not supported in written graphs (the builder mints IRIs).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import GraphError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

Quad = tuple["Node", "Node", "Node", "Node | None"]

FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
}
"""File extension -> rdflib format name."""

_PACKAGE_ONTOLOGY = Path(__file__).resolve().parent / "resources" / "ontology"
_SOURCE_ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def ontology_file(name: str = "innokg.ttl") -> Path:
    """Path of an ontology file (``innokg.ttl`` or ``shapes.ttl``).

    The packaged copy under ``kg/resources/ontology/`` is used when present (installed
    package); else the source checkout's ``ontology/``. Tests keep both copies identical.
    """
    for folder in (_PACKAGE_ONTOLOGY, _SOURCE_ONTOLOGY):
        if (folder / name).is_file():
            return folder / name
    raise GraphError("ontology file not found (reinstall the package)", name)


def format_for(path: str | Path) -> str:
    """The rdflib format name for a graph file, from its extension.

    >>> format_for("build/innokg.nq")
    'nquads'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(FORMATS)
        raise GraphError(f"unknown graph format {suffix or '(none)'!r}; use one of {known}", str(path))
    return FORMATS[suffix]


# ----------------------------------------------------------------------------- terms


def _escape(text: str) -> str:
    """Escape a literal's text for N-Triples/Turtle (quotes, backslash, control characters)."""
    return "".join(
        _ESCAPES.get(ch) or (f"\\u{ord(ch):04X}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch)
        for ch in text
    )


def _iri(term: Node, prefixes: dict[str, str] | None) -> str:
    value = str(term)
    if any(ch in value for ch in '<>"{}|^`\\ \n'):
        raise GraphError(f"invalid IRI {value!r}")
    for prefix, ns in (prefixes or {}).items():
        if value.startswith(ns) and _LOCAL_NAME.fullmatch(value[len(ns):]):
            return f"{prefix}:{value[len(ns):]}"
    return f"<{value}>"


def term_text(term: Node, prefixes: dict[str, str] | None = None) -> str:
    """A term in N-Triples syntax, or Turtle with ``prefixes`` (IRIs shortened when safe)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return _iri(term, prefixes)
    if isinstance(term, Literal):
        text = f'"{_escape(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{text}^^{_iri(term.datatype, prefixes)}"
        return text
    if isinstance(term, BNode):
        raise GraphError("blank nodes cannot be written canonically; mint an IRI")
    raise GraphError(f"unsupported RDF term {term!r}")


# ----------------------------------------------------------------------------- writers


def _sort_key(quad: Quad) -> tuple[str, ...]:
    return tuple(term_text(t) if t is not None else "" for t in (quad[3], *quad[:3]))


def _lines(quads: Iterable[Quad], with_graph: bool) -> str:
    lines = set()
    for s, p, o, g in quads:
        parts = [term_text(s), term_text(p), term_text(o)]
        if with_graph and g is not None:
            parts.append(term_text(g))
        lines.add(" ".join(parts) + " .\n")
    return "".join(sorted(lines))


def _turtle_block(triples: set[tuple[Node, Node, Node]], prefixes: dict[str, str], indent: str) -> str:
    from rdflib import RDF

    by_subject: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        pred = "a" if p == RDF.type else term_text(p, prefixes)
        by_subject[term_text(s, prefixes)][pred].add(term_text(o, prefixes))
    blocks = []
    for subject in sorted(by_subject):
        preds = by_subject[subject]
        order = sorted(preds, key=lambda p: (p != "a", p))
        body = " ;\n".join(
            f"{indent}    {p} " + f" ,\n{indent}        ".join(sorted(preds[p])) for p in order
        )
        blocks.append(f"{indent}{subject}\n{body} .\n")
    return "\n".join(blocks)


def _prefix_header(prefixes: dict[str, str]) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()) + "\n"


def _trig(quads: list[Quad], prefixes: dict[str, str]) -> str:
    graphs: dict[Node | None, set] = defaultdict(set)
    for s, p, o, g in quads:
        graphs[g].add((s, p, o))
    parts = [_prefix_header(prefixes)]
    if None in graphs:
        parts.append(_turtle_block(graphs.pop(None), prefixes, ""))
    for name in sorted(graphs, key=term_text):
        block = _turtle_block(graphs[name], prefixes, "    ")
        parts.append(f"\n{term_text(name, prefixes)} {{\n{block}}}\n")
    return "".join(parts)


def _jsonld(triples: set[tuple[Node, Node, Node]], prefixes: dict[str, str]) -> str:
    from rdflib import Graph

    graph = Graph()
    for triple in triples:
        graph.add(triple)
    data = json.loads(graph.serialize(format="json-ld", context=dict(prefixes), auto_compact=True))
    return json.dumps(_sorted_json(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _sorted_json(value: object) -> object:
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def serialize_quads(quads: Iterable[Quad], fmt: str, prefixes: dict[str, str] | None = None) -> str:
    """Canonical text of ``quads`` in ``fmt`` (an rdflib format name from :data:`FORMATS`).

    Named graphs are kept by ``nquads`` and ``trig`` and merged by the other formats.
    """
    from kg.namespaces import PREFIXES

    prefixes = dict(PREFIXES if prefixes is None else prefixes)
    quads = list(quads)
    triples = {(s, p, o) for s, p, o, _ in quads}
    if fmt == "nt":
        return _lines(((s, p, o, None) for s, p, o in triples), with_graph=False)
    if fmt == "nquads":
        return _lines(quads, with_graph=True)
    if fmt == "turtle":
        return _prefix_header(prefixes) + _turtle_block(triples, prefixes, "")
    if fmt == "trig":
        return _trig(quads, prefixes)
    if fmt == "json-ld":
        return _jsonld(triples, prefixes)
    raise GraphError(f"unsupported format {fmt!r}")


def graph_quads(graph: Graph) -> list[Quad]:
    """The triples of an rdflib Graph (or the quads of a Dataset) as a list of quads."""
    from rdflib import Dataset

    if isinstance(graph, Dataset):
        return [(s, p, o, None if _is_default(g) else g) for s, p, o, g in graph.quads()]
    return [(s, p, o, None) for s, p, o in graph]


def _is_default(name: object) -> bool:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return name is None or name == DATASET_DEFAULT_GRAPH_ID


# ----------------------------------------------------------------------------- files


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` via a temp file and ``os.replace``.

    Readers see either the old file or the complete new one, never a partial write.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def save_quads(quads: Iterable[Quad], path: str | Path) -> Path:
    """Serialize ``quads`` canonically in the format of ``path``'s extension, atomically."""
    return write_text_atomic(path, serialize_quads(quads, format_for(path)))


def save_graph(graph: Graph, path: str | Path) -> Path:
    """Write an rdflib Graph or Dataset canonically and atomically (format from extension)."""
    return save_quads(graph_quads(graph), path)


def load_graph(path: str | Path) -> Graph:
    """Read a graph file (any format of :data:`FORMATS`) into one rdflib Graph.

    Raises:
        GraphError: the file is missing or is not valid RDF in the format of its extension.
    """
    from rdflib import Dataset, Graph

    path = Path(path)
    fmt = format_for(path)
    if not path.is_file():
        raise GraphError("no such graph file (run `kg build` first)", str(path))
    try:
        if fmt in ("nquads", "trig"):
            data = Dataset()
            data.parse(path, format=fmt)
            graph = Graph()
            for s, p, o, _ in data.quads():
                graph.add((s, p, o))
        else:
            graph = Graph().parse(path, format=fmt)
    except Exception as err:  # rdflib raises many unrelated types for bad syntax
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise GraphError(f"not valid {fmt}: {first}", str(path)) from err
    from kg.namespaces import PREFIXES

    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph
