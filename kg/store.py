"""Run SPARQL on the graph: an on-disk pyoxigraph store (default) or rdflib's memory store.

``kg build`` calls :func:`load_store` after writing the graph; the store lives under
``build/store`` and carries a stamp (size, mtime, SHA-256 of the graph file), so later calls
reuse it and reload it only when the graph changed. :func:`run_query` is the one entry point
for the CLI and the tests; :func:`execute` runs a query on any backend (also remote ones).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from kg.errors import GraphError, QueryError, QueryTimeout, UnknownEntity
from kg.sparql import PREFIXES, QueryInfo, QueryResult, Term, check_params, parse_header, query_form

DEFAULT_GRAPH = Path("build/innokg.ttl")
STAMP = "innokg-stamp.json"
FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG",
           ".jsonld": "JSON_LD", ".rdf": "RDF_XML", ".owl": "RDF_XML", ".n3": "N3"}
T = TypeVar("T")


class Backend(Protocol):
    """Something that evaluates a query with variables bound to terms."""

    def execute(self, text: str, bindings: dict[str, Term], max_rows: int | None) -> QueryResult:
        ...


# ----------------------------------------------------------------------------- store on disk


def default_store_dir(graph_path: str | Path) -> Path:
    """``build/innokg.ttl`` -> ``build/store``."""
    return Path(graph_path).parent / "store"


def _fingerprint(graph_path: Path) -> dict[str, Any]:
    info = graph_path.stat()
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_stamp(store_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((store_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def store_is_current(graph_path: str | Path, store_dir: str | Path) -> bool:
    """True when ``store_dir`` holds exactly the current content of ``graph_path``."""
    graph_path, store_dir = Path(graph_path), Path(store_dir)
    stamp = _read_stamp(store_dir)
    if not stamp:
        return False
    if {k: stamp.get(k) for k in ("size", "mtime_ns")} == _fingerprint(graph_path):
        return True
    return stamp.get("sha256") == _sha256(graph_path)


def rdf_format(path: Path) -> str:
    """The pyoxigraph format name for a graph file, by its suffix."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise GraphError(f"unknown graph format {path.suffix!r} (use one of "
                         f"{', '.join(sorted(FORMATS))})", str(path)) from None


def _check_graph(graph_path: Path) -> None:
    if not graph_path.is_file():
        raise GraphError("graph file not found; run `kg build` first or pass --graph FILE",
                         str(graph_path))


def load_store(graph_path: str | Path, store_dir: str | Path | None = None) -> Path:
    """Load ``graph_path`` into a pyoxigraph store at ``store_dir`` unless it is current.

    The new store is written next to the old one and swapped in, so a failed load never
    destroys a working store. Returns the store directory.
    """
    import pyoxigraph as ox

    graph_path = Path(graph_path)
    store_dir = Path(store_dir) if store_dir else default_store_dir(graph_path)
    _check_graph(graph_path)
    if store_is_current(graph_path, store_dir):
        return store_dir
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    fmt = getattr(ox.RdfFormat, rdf_format(graph_path))
    stamp = {**_fingerprint(graph_path), "sha256": _sha256(graph_path),
             "graph": str(graph_path), "pyoxigraph": ox.__version__}
    tmp = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}-", dir=store_dir.parent))
    try:
        store = ox.Store(str(tmp))
        store.bulk_load(path=str(graph_path), format=fmt)
        store.flush()
        del store
        (tmp / STAMP).write_text(json.dumps(stamp, sort_keys=True), encoding="utf-8")
        _swap_in(tmp, store_dir)
    except SyntaxError as err:
        raise GraphError(f"cannot parse graph: {err}", str(graph_path)) from err
    except OSError as err:
        raise GraphError(f"cannot write store {store_dir}: {err}", str(graph_path)) from err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return store_dir


def _swap_in(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def open_store(graph_path: str | Path, store_dir: str | Path | None = None) -> OxigraphBackend:
    """A read-only backend on the store of ``graph_path`` (loaded first if stale)."""
    import pyoxigraph as ox

    path = load_store(graph_path, store_dir)
    try:
        return OxigraphBackend(ox.Store.read_only(str(path)))
    except OSError as err:
        raise GraphError(f"cannot open store: {err}", str(path)) from err


def open_graph(graph_path: str | Path) -> RdflibBackend:
    """A backend on the graph parsed into rdflib's memory store (named graphs merged)."""
    from rdflib import Dataset, Graph

    graph_path = Path(graph_path)
    _check_graph(graph_path)
    fmt = {"TURTLE": "turtle", "N_TRIPLES": "nt", "N_QUADS": "nquads", "TRIG": "trig",
           "JSON_LD": "json-ld", "RDF_XML": "xml", "N3": "n3"}[rdf_format(graph_path)]
    try:
        if fmt in ("nquads", "trig"):
            data = Dataset(default_union=True)
            data.parse(graph_path, format=fmt)
            return RdflibBackend(data)
        return RdflibBackend(Graph().parse(graph_path, format=fmt))
    except Exception as err:  # rdflib raises many unrelated types for bad input
        raise GraphError(f"cannot parse graph: {err}", str(graph_path)) from err


# ----------------------------------------------------------------------------- backends


def _from_ox(term: Any) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term.uri(term.value)
    if isinstance(term, ox.BlankNode):
        return Term.bnode(term.value)
    if isinstance(term, ox.Literal):
        return Term.literal(term.value, term.language, term.datatype.value)
    raise QueryError(f"unsupported result term {term!r}")


class OxigraphBackend:
    """Queries on a pyoxigraph Store (all graphs form the default graph)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def execute(self, text: str, bindings: dict[str, Term], max_rows: int | None) -> QueryResult:
        import pyoxigraph as ox

        from kg.sparql import inject_values

        try:
            # pyoxigraph substitutions only accept projected variables: bind with VALUES
            answer = self.store.query(inject_values(text, bindings),
                                      use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult(boolean=bool(answer))
            if isinstance(answer, ox.QueryTriples):
                triples = _take(((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object))
                                 for t in answer), max_rows)
                return QueryResult(triples=triples[0], truncated=triples[1])
            names = [v.value for v in answer.variables]
            rows, cut = _take((tuple(_from_ox(s[n]) for n in names) for s in answer), max_rows)
            return QueryResult(names, rows, truncated=cut)
        except SyntaxError as err:
            from kg.sparql import syntax_error

            raise syntax_error(str(err)) from err
        except OSError as err:
            raise QueryError(f"query failed: {err}") from err


def _take(items: Any, limit: int | None) -> tuple[list[Any], bool]:
    out = []
    for item in items:
        if limit is not None and len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


def _from_rdflib(term: Any) -> Term | None:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return Term.uri(str(term))
    if isinstance(term, BNode):
        return Term.bnode(str(term))
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else None
        return Term.literal(str(term), term.language, datatype)
    raise QueryError(f"unsupported result term {term!r}")


def _to_rdflib(term: Term) -> Any:
    from rdflib import BNode, Literal, URIRef

    if term.kind == "uri":
        return URIRef(term.value)
    if term.kind == "bnode":
        return BNode(term.value)
    return Literal(term.value, lang=term.lang,
                   datatype=URIRef(term.datatype) if term.datatype else None)


class RdflibBackend:
    """Queries on an rdflib Graph or Dataset in memory."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def execute(self, text: str, bindings: dict[str, Term], max_rows: int | None) -> QueryResult:
        from pyparsing import ParseException
        from rdflib import Variable

        init = {Variable(k): _to_rdflib(v) for k, v in bindings.items()}
        try:
            answer = self.graph.query(text, initBindings=init)
            if answer.type == "ASK":
                return QueryResult(boolean=bool(answer.askAnswer))
            if answer.type in ("CONSTRUCT", "DESCRIBE"):
                triples, cut = _take((tuple(_from_rdflib(x) for x in t) for t in answer), max_rows)
                return QueryResult(triples=triples, truncated=cut)
            names = [str(v) for v in answer.vars]
            rows, cut = _take((tuple(_from_rdflib(x) for x in row) for row in answer), max_rows)
            return QueryResult(names, rows, truncated=cut)
        except ParseException as err:
            raise QueryError(f"syntax error at line {err.lineno}, column {err.col}: {err.msg}") from err
        except QueryError:
            raise
        except Exception as err:  # rdflib evaluation errors have no common base class
            raise QueryError(f"query failed: {err}") from err


# ----------------------------------------------------------------------------- running


LOOKUP = f"""PREFIX rdfs: <{PREFIXES['rdfs']}>
PREFIX skos: <{PREFIXES['skos']}>
SELECT DISTINCT ?entity ?rank WHERE {{
  {{ ?entity rdfs:label ?label BIND(0 AS ?rank) }}
  UNION {{ ?entity skos:altLabel ?label BIND(1 AS ?rank) }}
  FILTER(STR(?label) = ?name)
}} ORDER BY ?rank ?entity"""
"""Label lookup. ``?name`` is bound to a simple literal and compared without ``STR()``:
Virtuoso 7 turns ``STR()`` of a non-ASCII simple literal given in the query into ``"???"``
(a narrow string), so ``STR(?label) = STR(?name)`` never matches Chinese names there."""


def resolve_entity(backend: Backend, label: Term, param: str = "entity") -> Term:
    """The entity whose rdfs:label (else skos:altLabel) is ``label``; errors if none or several.

    Only the label's text counts (a language tag or datatype on ``label`` is ignored).
    """
    rows = backend.execute(LOOKUP, {"name": Term.literal(label.value)}, None).rows
    if not rows:
        raise UnknownEntity(f"--param {param}: no entity has the label or alias {label.value!r} "
                            "(labels match exactly; check the spelling, or pass the entity as "
                            "<IRI>)")
    best = rows[0][1]
    found = sorted({row[0] for row in rows if row[1] == best and row[0] is not None})
    if len(found) > 1:
        listed = ", ".join(f"<{t.value}>" for t in found[:5])
        raise UnknownEntity(f"--param {param}: {label.value!r} names {len(found)} entities "
                            f"({listed}); pass one IRI as <…>")
    return found[0]


def bind_params(backend: Backend, info: QueryInfo, params: dict[str, Term]) -> dict[str, Term]:
    """Check params against the query; resolve labels given for ``entity`` params."""
    check_params(info, params)
    kinds = {p.name: p.kind for p in info.params}
    bound = dict(params)
    for name, term in params.items():
        if kinds.get(name) == "entity" and term.kind == "literal":
            bound[name] = resolve_entity(backend, term, name)
    return bound


def with_timeout(func: Callable[[], T], timeout: float | None) -> T:
    """Run ``func`` in a worker thread; raise QueryTimeout after ``timeout`` seconds.

    The engines release the GIL while evaluating; a timed-out evaluation is abandoned.
    """
    if not timeout:
        return func()
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = func()
        except BaseException as err:  # re-raised in the caller's thread
            box["error"] = err

    worker = threading.Thread(target=work, daemon=True, name="kg-query")
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"query did not finish within {timeout:g} s; raise --timeout "
                           "or add a LIMIT")
    if "error" in box:
        raise box["error"]
    return box["value"]


def execute(backend: Backend, info: QueryInfo, params: dict[str, Term] | None = None, *,
            timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
    """Check a query (read-only, params), bind its params and run it on ``backend``."""
    query_form(info.text, info.source)

    def run() -> QueryResult:
        bound = bind_params(backend, info, params or {})
        try:
            return backend.execute(info.text, bound, max_rows)
        except QueryError as err:
            if err.path is not None:
                raise
            raise type(err)(err.message, info.source) from err

    return with_timeout(run, timeout)


def open_backend(graph: str | Path = DEFAULT_GRAPH, *, store_dir: str | Path | None = None,
                 backend: str = "oxigraph") -> Backend:
    """The embedded store (``oxigraph``) or the rdflib memory store (``rdflib``) of a graph."""
    if backend == "oxigraph":
        return open_store(graph, store_dir)
    if backend == "rdflib":
        return open_graph(graph)
    raise QueryError(f"unknown backend {backend!r} (oxigraph or rdflib)")


def run_query(query: str | QueryInfo, *, graph: str | Path = DEFAULT_GRAPH,
              store_dir: str | Path | None = None, params: dict[str, Term] | None = None,
              backend: str = "oxigraph", timeout: float | None = None,
              max_rows: int | None = None) -> QueryResult:
    """Run a read-only SPARQL query on a graph file.

    Args:
        query: SPARQL text or a :class:`~kg.sparql.QueryInfo` (see :func:`kg.sparql.load_query`).
        graph: the graph file (``build/innokg.ttl`` by default).
        store_dir: the pyoxigraph store folder (default: ``store`` next to the graph).
        params: variables to bind, as terms (labels for ``entity`` params are resolved).
        backend: ``oxigraph`` (embedded, on disk) or ``rdflib`` (parsed into memory).
        timeout: seconds before :class:`~kg.errors.QueryTimeout`.
        max_rows: stop after this many rows (``truncated`` is then set).

    Raises:
        QueryError: syntax errors (with line and column), updates, bad params, timeouts.
        GraphError: the graph file is missing or unreadable.
    """
    info = query if isinstance(query, QueryInfo) else parse_header(query)
    engine = open_backend(graph, store_dir=store_dir, backend=backend)
    return execute(engine, info, params, timeout=timeout, max_rows=max_rows)
