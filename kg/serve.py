"""A read-only SPARQL 1.1 Protocol endpoint on the loopback interface (stdlib http.server).

``GET /sparql?query=…`` and ``POST /sparql`` (form or ``application/sparql-query``), results
by content negotiation (JSON, XML, CSV, TSV; N-Triples for CONSTRUCT), a query timeout and a
result-size cap (``X-KG-Truncated: true`` when rows were cut). ``/`` is a small HTML page to
type queries into; everything shown on it is escaped and it runs no script.
"""

from __future__ import annotations

import html
import ipaddress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import QueryError, QueryTimeout, UpdateRefused
from kg.output import MEDIA_TYPES, render
from kg.sparql import QueryResult, parse_header

NEGOTIABLE = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/html": "html",
}
EXAMPLE = """PREFIX ikg: <https://w3id.org/innokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?fund ?name ?size WHERE {
  ?fund a ikg:Fund ; rdfs:label ?name ; ikg:fundSize ?size .
} ORDER BY DESC(?size) LIMIT 20"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"


def negotiate(accept: str | None, explicit: str | None = None) -> str | None:
    """The result format for an Accept header (q-values honoured), or None if none fits.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json")
    'json'
    """
    if explicit:
        return explicit if explicit in ("json", "xml", "csv", "tsv", "html") else None
    if not accept:
        return "json"
    choices = []
    for index, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        fmt = "json" if media in ("*/*", "application/*") else NEGOTIABLE.get(media)
        if fmt and q > 0:
            choices.append((-q, index, fmt))
    return min(choices)[2] if choices else None


class Handler(BaseHTTPRequestHandler):
    """SPARQL Protocol requests; the server carries backend, timeout and max_rows."""

    server_version = "InnoKG-SPARQL/1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        url = urlsplit(self.path)
        form = parse_qs(url.query)
        if url.path == "/":
            self._page(form.get("query", [None])[0])
        elif url.path == "/sparql":
            self._answer(form.get("query", [None])[0], form)
        else:
            self._send(404, "text/plain", "not found: use /sparql or /\n")

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._send(404, "text/plain", "not found: use /sparql\n")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1 << 20)).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        form = parse_qs(url.query)
        if ctype == "application/sparql-query":
            text = body
        elif ctype == "application/x-www-form-urlencoded":
            form.update(parse_qs(body))
            text = form.get("query", [None])[0]
        else:
            self._send(415, "text/plain", "use application/sparql-query or a form\n")
            return
        if "update" in form:
            self._send(403, "text/plain", "read-only endpoint: updates are refused\n")
            return
        self._answer(text, form)

    def _run(self, text: str) -> QueryResult:
        from kg.store import execute

        info = parse_header(text, "request", "<request>")
        return execute(self.server.backend, info, timeout=self.server.query_timeout,  # type: ignore[attr-defined]
                       max_rows=self.server.max_rows)  # type: ignore[attr-defined]

    def _answer(self, text: str | None, form: dict[str, list[str]]) -> None:
        if not text:
            self._send(400, "text/plain", "missing query\n")
            return
        fmt = negotiate(self.headers.get("Accept"), form.get("format", [None])[0])
        if fmt is None:
            self._send(406, "text/plain", "acceptable: " + ", ".join(NEGOTIABLE) + "\n")
            return
        try:
            result = self._run(text)
        except UpdateRefused as err:
            self._send(403, "text/plain", f"{err}\n")
            return
        except QueryTimeout as err:
            self._send(503, "text/plain", f"{err}\n")
            return
        except QueryError as err:
            self._send(400, "text/plain", f"{err}\n")
            return
        if fmt == "html":
            self._page(text, result)
            return
        media = "nt" if result.kind == "graph" else fmt
        self._send(200, MEDIA_TYPES[media], render(result, fmt if media != "nt" else "tsv"),
                   truncated=result.truncated)

    def _page(self, text: str | None, result: QueryResult | None = None) -> None:
        error = None
        if text and result is None:
            try:
                result = self._run(text)
            except QueryError as err:
                error = str(err)
        self._send(200, "text/html", page(text or EXAMPLE, result, error),
                   truncated=bool(result and result.truncated))

    def _send(self, status: int, media: str, body: str, truncated: bool = False) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if media == "text/html":
            self.send_header("Content-Security-Policy", CSP)
        if truncated:
            self.send_header("X-KG-Truncated", "true")
        self.end_headers()
        self.wfile.write(data)


def page(text: str, result: QueryResult | None, error: str | None) -> str:
    """The query page: a form and the escaped results (no script)."""
    from kg.output import display

    esc = html.escape
    parts = ["<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>InnoKG SPARQL"
             "</title><style>body{font-family:sans-serif;margin:1em}textarea{width:100%;"
             "height:12em}td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>",
             "<h1>InnoKG SPARQL</h1><form method='get' action='/'>",
             f"<textarea name='query'>{esc(text)}</textarea><br><button>Run</button></form>"]
    if error:
        parts.append(f"<p class='error'>{esc(error)}</p>")
    if result is not None and result.kind == "select":
        parts.append("<table><tr>" + "".join(f"<th>{esc(v)}</th>" for v in result.variables)
                     + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{esc(display(t))}</td>" for t in row) + "</tr>"
                  for row in result.rows]
        parts.append(f"</table><p>{len(result.rows)} rows"
                     f"{' (cut at the size cap)' if result.truncated else ''}</p>")
    elif result is not None:
        parts.append(f"<pre>{esc(render(result, 'tsv'))}</pre>")
    parts.append("</body></html>")
    return "".join(parts)


def make_server(backend: Any, *, host: str = "127.0.0.1", port: int = 7879,
                timeout: float | None = 30, max_rows: int | None = 10000) -> ThreadingHTTPServer:
    """A threaded server bound to a loopback address (refuses any other address)."""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise QueryError(f"refusing to serve on {host!r}: only loopback addresses (127.0.0.1)")
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.backend = backend  # type: ignore[attr-defined]
    server.query_timeout = timeout  # type: ignore[attr-defined]
    server.max_rows = max_rows  # type: ignore[attr-defined]
    return server
