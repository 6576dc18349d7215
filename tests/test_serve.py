"""kg serve: a read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1 (GET/POST, negotiation,
size cap, updates refused, an escaped HTML page)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
import requests

from kg.errors import QueryError
from kg.serve import make_server
from kg.store import open_store

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"
FUNDS = ("PREFIX ikg: <https://w3id.org/innokg/ontology#> "
         "SELECT ?f ?s WHERE { ?f ikg:fundSize ?s } ORDER BY DESC(?s)")

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    shutil.copy(FIXTURE, folder / "innokg.ttl")
    server = make_server(open_store(folder / "innokg.ttl"), port=0, timeout=10, max_rows=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def test_serve_get_json_with_size_cap(endpoint) -> None:
    r = requests.get(endpoint + "/sparql", params={"query": FUNDS}, timeout=10)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/sparql-results+json")
    assert r.headers.get("X-KG-Truncated") == "true"
    bindings = r.json()["results"]["bindings"]
    assert [b["s"]["value"] for b in bindings] == ["10000000000", "3000000000"]


@pytest.mark.parametrize(("accept", "media", "start"), [
    ("text/csv", "text/csv", "f,s"), ("text/tab-separated-values", "text/tab-separated-values", "?f\t?s"),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
    ("text/csv;q=0.2, application/sparql-results+json", "application/sparql-results+json", "{"),
])
def test_serve_post_content_negotiation(endpoint, accept, media, start) -> None:
    r = requests.post(endpoint + "/sparql", data=FUNDS.encode(), timeout=10,
                      headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith(media)
    assert r.text.startswith(start)


def test_serve_refuses_updates_and_bad_queries(endpoint) -> None:
    r = requests.post(endpoint + "/sparql", data={"update": "DROP ALL"}, timeout=10)
    assert r.status_code == 403
    r = requests.get(endpoint + "/sparql", params={"query": "DROP ALL"}, timeout=10)
    assert r.status_code == 403 and "read-only" in r.text
    r = requests.get(endpoint + "/sparql", params={"query": "SELECT * {"}, timeout=10)
    assert r.status_code == 400 and "line 1" in r.text
    r = requests.get(endpoint + "/sparql", params={"query": FUNDS}, headers={"Accept": "image/png"},
                     timeout=10)
    assert r.status_code == 406
    count = requests.get(endpoint + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) {?s ?p ?o}"},
                         timeout=10).json()["results"]["bindings"][0]["n"]["value"]
    assert count == "141"


def test_serve_page_escapes_everything(endpoint) -> None:
    page = requests.get(endpoint + "/", timeout=10)
    assert page.status_code == 200 and "<form" in page.text and "<textarea" in page.text
    evil = 'SELECT ?x WHERE { BIND("<script>alert(1)</script>" AS ?x) } # </textarea><b>'
    r = requests.get(endpoint + "/", params={"query": evil}, timeout=10)
    assert "<script>" not in r.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "</textarea><b>" not in r.text
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]


def test_serve_only_on_loopback(tmp_path) -> None:
    with pytest.raises(QueryError, match="loopback"):
        make_server(object(), host="0.0.0.0", port=0)
