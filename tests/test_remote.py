"""Push the fixture graph to real servers on 127.0.0.1 and query it back: Oxigraph's server
(GSP and Update, no auth) and Virtuoso (digest auth). A server that cannot start is a skip."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from servers import start_oxigraph, start_virtuoso  # noqa: I001

from kg.cli import cli
from kg.errors import EndpointError, UnknownEntity
from kg.remote import RemoteBackend, push_graph
from kg.sparql import Term, load_query, parse_params
from kg.store import execute, run_query

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"
IKGR = "https://w3id.org/innokg/id/"
GRAPH = "https://w3id.org/innokg/graph"
pytestmark = [pytest.mark.server, pytest.mark.slow]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def local(name, *params, tmp):
    return run_query(load_query(name), graph=FIXTURE, store_dir=tmp / "store",
                     params=parse_params(params))


def values(result):
    """Rows with numbers compared by value (servers may rewrite decimal lexical forms)."""
    def norm(t):
        if t is not None and t.datatype and t.datatype.endswith(("decimal", "integer")):
            return Decimal(t.value)
        return t and (t.kind, t.value, t.lang)
    return [tuple(norm(t) for t in row) for row in result.rows]


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_remote_oxigraph_round_trip(oxigraph, tmp_path, method) -> None:
    url = oxigraph.base + ("/store" if method == "gsp" else "/update")
    assert push_graph(FIXTURE, url, method=method) == 141
    assert push_graph(FIXTURE, url, method=method) == 141  # replace, not duplicate
    backend = RemoteBackend(oxigraph.base + "/query")
    count = execute(backend, load_query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"))
    assert count.rows[0][0].value == "141"
    for name, params in [("funds_by_size", ()), ("located_in", ("place=硚口区",)),
                         ("link_paths", ("from=马大为", "to=硚口区")), ("evidence", ()),
                         ("co_mentions", ("entity=汉正街",))]:
        remote = execute(backend, load_query(name), parse_params(params))
        assert remote.rows == local(name, *params, tmp=tmp_path).rows, name


def test_remote_param_is_a_literal_on_the_server(oxigraph) -> None:
    push_graph(FIXTURE, oxigraph.base + "/store")
    backend = RemoteBackend(oxigraph.base + "/query")
    evil = 'x"} ; DROP ALL ; INSERT DATA { <a:a> <a:b> <a:c> } #'
    got = execute(backend, load_query("SELECT ?v WHERE { OPTIONAL { ?s ?p ?v } }"),
                  {"v": Term.literal(evil)})
    assert got.dicts() == [{"v": Term.literal(evil)}]
    count = execute(backend, load_query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"))
    assert count.rows[0][0].value == "141"


def test_remote_cli_push_and_query(oxigraph) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["push", str(FIXTURE), "--endpoint", oxigraph.base + "/store"])
    assert out.exit_code == 0, out.output
    assert "pushed 141 triples" in out.stderr
    out = runner.invoke(cli, ["query", "funds_by_size", "--endpoint", oxigraph.base + "/query",
                              "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[1].split(",")[1] == "武汉人工智能产业基金"


def test_remote_unreachable_endpoint_is_a_clear_error() -> None:
    from servers import free_port

    with pytest.raises(EndpointError, match="cannot reach"):
        execute(RemoteBackend(f"http://127.0.0.1:{free_port()}/query", timeout=5),
                load_query("funds_by_size"))


def test_remote_virtuoso_round_trip_with_digest(virtuoso, tmp_path) -> None:
    auth = {"user": virtuoso.user, "password": virtuoso.password, "auth": "digest"}
    with pytest.raises(EndpointError, match="401"):
        push_graph(FIXTURE, virtuoso.base + "/sparql-graph-crud-auth", graph_iri=GRAPH,
                   user="dba", password="wrong", auth="digest")
    assert push_graph(FIXTURE, virtuoso.base + "/sparql-graph-crud-auth", graph_iri=GRAPH,
                      **auth) == 141
    backend = RemoteBackend(virtuoso.base + "/sparql-auth", **auth)
    count = execute(backend, load_query(f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}> {{ ?s ?p ?o }}"))
    assert count.rows[0][0].value == "141"
    # labels and aliases as a user types them (resolved on the server), every bundled query
    for name, params in [("funds_by_size", ()), ("located_in", ("place=硚口区",)),
                         ("located_in", ("place=硚口",)), ("located_in", ("place=武汉",)),
                         ("link_paths", ("from=马大为", "to=硚口区")), ("evidence", ()),
                         ("co_mentions", ("entity=汉正街",)), ("entity_facts", ("entity=硚口区",)),
                         ("established_by", ("founder=硚口区政府",)), ("programs_by_body", ())]:
        remote = execute(backend, load_query(name), parse_params(params))
        assert values(remote) == values(local(name, *params, tmp=tmp_path)), (name, params)
        assert remote.rows, (name, params)
    # the same through SPARQL Update (INSERT DATA) into another graph
    other = GRAPH + "/update"
    push_graph(FIXTURE, virtuoso.base + "/sparql-auth", method="update", graph_iri=other, **auth)
    count = execute(backend, load_query(f"SELECT (COUNT(*) AS ?n) FROM <{other}> {{ ?s ?p ?o }}"))
    assert count.rows[0][0].value == "141"


def test_remote_virtuoso_cli_label_param(virtuoso) -> None:
    auth = ["--user", virtuoso.user, "--password", virtuoso.password, "--auth", "digest"]
    runner = CliRunner()
    out = runner.invoke(cli, ["push", str(FIXTURE), "--endpoint",
                              virtuoso.base + "/sparql-graph-crud-auth", "--graph-iri", GRAPH, *auth])
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["query", "located_in", "--param", "place=硚口区", "--endpoint",
                              virtuoso.base + "/sparql-auth", "--format", "csv", *auth])
    assert out.exit_code == 0, out.output
    names = {line.split(",")[1] for line in out.stdout.splitlines()[1:]}
    assert names == {"武汉宏泰硚口生物医疗科技创新创业基金", "汉江湾人工智能产业园", "硚口区人民政府",
                     "科恩泰生物"}
    out = runner.invoke(cli, ["query", "located_in", "--param", "place=不存在区", "--endpoint",
                              virtuoso.base + "/sparql-auth", *auth])
    assert out.exit_code != 0
    assert "no entity has the label or alias '不存在区'" in out.output


def test_remote_virtuoso_param_is_a_literal(virtuoso) -> None:
    auth = {"user": virtuoso.user, "password": virtuoso.password, "auth": "digest"}
    push_graph(FIXTURE, virtuoso.base + "/sparql-graph-crud-auth", graph_iri=GRAPH, **auth)
    backend = RemoteBackend(virtuoso.base + "/sparql-auth", **auth)
    count = load_query(f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}> {{ ?s ?p ?o }}")
    for evil in ['x"} ; DROP ALL ; INSERT DATA { <a:a> <a:b> <a:c> } #', "硚口区'\\\"\n}",
                 'say "hi" \\u0022 } DROP GRAPH <' + GRAPH + '>']:
        got = execute(backend, load_query("SELECT ?v WHERE { OPTIONAL { ?s ?p ?v } }"),
                      {"v": Term.literal(evil)})
        assert got.dicts() == [{"v": Term.literal(evil)}], evil
        with pytest.raises(UnknownEntity):
            execute(backend, load_query("located_in"), {"place": Term.literal(evil)})
    assert execute(backend, count).rows[0][0].value == "141"
