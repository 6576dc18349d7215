"""Remote SPARQL endpoints: push a graph (Graph Store Protocol or Update) and run queries.

Works with Oxigraph's server (``/store``, ``/update``, ``/query``) and Virtuoso
(``/sparql-graph-crud-auth``, ``/sparql-auth``, digest auth). Parameters are bound with an
escaped inline ``VALUES`` block (:func:`kg.sparql.inject_values`), never pasted as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.errors import EndpointError, GraphError, QueryError
from kg.sparql import QueryResult, Term, inject_values

UPDATE_CHUNK = 2000
"""Triples per ``INSERT DATA`` request."""


def make_auth(user: str | None, password: str | None, auth: str = "basic") -> Any:
    """A requests auth object (``basic`` or ``digest``), or None without a user."""
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    if not user:
        return None
    if auth not in ("basic", "digest"):
        raise QueryError(f"unknown auth {auth!r} (basic or digest)")
    cls = HTTPDigestAuth if auth == "digest" else HTTPBasicAuth
    return cls(user, password or "")


def _request(method: str, url: str, *, auth: Any, timeout: float | None, **kwargs: Any) -> Any:
    import requests

    try:
        response = requests.request(method, url, auth=auth, timeout=timeout or 60, **kwargs)
    except requests.Timeout as err:
        raise EndpointError(f"no answer within {timeout or 60:g} s", url) from err
    except requests.RequestException as err:
        raise EndpointError(f"cannot reach the endpoint: {err.__class__.__name__}", url) from err
    if response.status_code >= 400:
        text = " ".join(response.text.split())[:300]
        hint = " (check --user/--password and --auth)" if response.status_code == 401 else ""
        raise EndpointError(f"HTTP {response.status_code}{hint}: {text}", url)
    return response


# ----------------------------------------------------------------------------- push


def graph_ntriples(graph_path: str | Path) -> list[str]:
    """The triples of a graph file as sorted N-Triples lines (named graphs merged)."""
    import pyoxigraph as ox

    from kg.store import rdf_format

    path = Path(graph_path)
    if not path.is_file():
        raise GraphError("graph file not found; run `kg build` first", str(path))
    fmt = getattr(ox.RdfFormat, rdf_format(path))
    try:
        quads = ox.parse(path=str(path), format=fmt)
        lines = {f"{q.subject} {q.predicate} {q.object} ." for q in quads}
    except SyntaxError as err:
        raise GraphError(f"cannot parse graph: {err}", str(path)) from err
    return sorted(lines)


def push_graph(graph_path: str | Path, endpoint: str, *, method: str = "gsp",
               graph_iri: str | None = None, replace: bool = True, user: str | None = None,
               password: str | None = None, auth: str = "basic",
               timeout: float | None = 120) -> int:
    """Send a graph file to an endpoint; returns the number of triples sent.

    ``gsp``: SPARQL 1.1 Graph Store Protocol (PUT replaces, POST appends) to ``endpoint``
    (e.g. ``http://127.0.0.1:7878/store``). ``update``: ``INSERT DATA`` requests (after
    ``DROP SILENT`` when replacing) to an update endpoint (e.g. ``…/update``).
    """
    lines = graph_ntriples(graph_path)
    credentials = make_auth(user, password, auth)
    if method == "gsp":
        _push_gsp(lines, endpoint, graph_iri, replace, credentials, timeout)
    elif method == "update":
        _push_update(lines, endpoint, graph_iri, replace, credentials, timeout)
    else:
        raise QueryError(f"unknown push method {method!r} (gsp or update)")
    return len(lines)


def _push_gsp(lines: list[str], endpoint: str, graph_iri: str | None, replace: bool,
              credentials: Any, timeout: float | None) -> None:
    from kg.sparql import check_iri

    params = {"graph": check_iri(graph_iri)} if graph_iri else {"default": ""}
    body = ("\n".join(lines) + "\n").encode("utf-8")
    headers = {"Content-Type": "text/turtle; charset=utf-8"}  # N-Triples is valid Turtle
    _request("PUT" if replace else "POST", endpoint, params=params, data=body, headers=headers,
             auth=credentials, timeout=timeout)


def _push_update(lines: list[str], endpoint: str, graph_iri: str | None, replace: bool,
                 credentials: Any, timeout: float | None) -> None:
    from kg.sparql import check_iri

    target = f"GRAPH <{check_iri(graph_iri)}> " if graph_iri else ""
    updates = []
    if replace:
        updates.append(f"DROP SILENT GRAPH <{graph_iri}>" if graph_iri else "DROP SILENT DEFAULT")
    for start in range(0, len(lines), UPDATE_CHUNK):
        block = "\n".join(lines[start:start + UPDATE_CHUNK])
        updates.append(f"INSERT DATA {{ {target}{{\n{block}\n}} }}" if target
                       else f"INSERT DATA {{\n{block}\n}}")
    for update in updates:
        _request("POST", endpoint, data={"update": update}, auth=credentials, timeout=timeout,
                 headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})


# ----------------------------------------------------------------------------- query


def parse_json_results(data: dict[str, Any]) -> QueryResult:
    """W3C SPARQL JSON results (also Virtuoso's ``typed-literal``) -> QueryResult."""
    if "boolean" in data:
        return QueryResult(boolean=bool(data["boolean"]))
    try:
        names = list(data["head"].get("vars", []))
        rows = [tuple(_term(b.get(n)) for n in names) for b in data["results"]["bindings"]]
    except (KeyError, TypeError, AttributeError) as err:
        raise EndpointError(f"not SPARQL JSON results: missing {err}") from err
    return QueryResult(names, rows)


def _term(cell: dict[str, str] | None) -> Term | None:
    if cell is None:
        return None
    kind = cell.get("type")
    if kind == "uri":
        return Term.uri(cell["value"])
    if kind == "bnode":
        return Term.bnode(cell["value"])
    return Term.literal(cell["value"], cell.get("xml:lang"), cell.get("datatype"))


class RemoteBackend:
    """Queries sent to a SPARQL 1.1 Protocol endpoint."""

    def __init__(self, endpoint: str, *, user: str | None = None, password: str | None = None,
                 auth: str = "basic", timeout: float | None = None) -> None:
        self.endpoint = endpoint
        self.auth = make_auth(user, password, auth)
        self.timeout = timeout

    def execute(self, text: str, bindings: dict[str, Term], max_rows: int | None) -> QueryResult:
        from kg.sparql import query_form

        query = inject_values(text, bindings)  # UTF-8 text, percent-encoded in the form body
        graph = query_form(text) in ("construct", "describe")
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        response = _request("POST", self.endpoint, data={"query": query}, auth=self.auth,
                            timeout=self.timeout,
                            headers={"Accept": accept,
                                     "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        if graph:
            return _parse_triples(response.content, max_rows)
        try:
            result = parse_json_results(response.json())
        except ValueError as err:
            raise EndpointError(f"answer is not JSON: {err}", self.endpoint) from err
        if max_rows is not None and len(result.rows) > max_rows:
            result.rows, result.truncated = result.rows[:max_rows], True
        return result


def _parse_triples(content: bytes, max_rows: int | None) -> QueryResult:
    import pyoxigraph as ox

    from kg.store import _from_ox, _take

    try:
        triples = [(_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object))
                   for q in ox.parse(content, format=ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as err:
        raise EndpointError(f"answer is not N-Triples: {err}") from err
    rows, cut = _take(iter(triples), max_rows)
    return QueryResult(triples=rows, truncated=cut)
