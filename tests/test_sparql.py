"""kg.sparql: read-only checks, syntax errors with positions, param parsing, safe binding."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError, QuerySyntaxError, UnknownQuery, UpdateRefused
from kg.sparql import (
    XSD,
    Term,
    bundled_queries,
    inject_values,
    load_query,
    parse_header,
    parse_params,
    parse_value,
    query_form,
)

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"
EVIL = ['x"} ; DROP ALL', "a'b\"c{d}e", '"} ; DROP ALL ; INSERT DATA { <a:a> <a:b> <a:c> } #']


@pytest.mark.parametrize("update", ["DROP ALL", "INSERT DATA { <a:a> <a:b> <a:c> }",
                                    "PREFIX a: <a:> DELETE WHERE { ?s ?p ?o }", "clear default",
                                    "LOAD <http://example.org/x>"])
def test_sparql_updates_are_refused(update: str) -> None:
    with pytest.raises(UpdateRefused, match="read-only"):
        query_form(update)


def test_sparql_query_forms() -> None:
    assert query_form("# c\nPREFIX x: <a:> BASE <b:> ASK {}") == "ask"
    assert query_form("construct { ?s ?p ?o } where { ?s ?p ?o }") == "construct"


@pytest.mark.parametrize("value", EVIL)
def test_sparql_param_with_quotes_and_braces_is_one_literal(value: str) -> None:
    term = parse_value(value)
    assert term == Term.literal(value)
    text = inject_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": term})
    assert text.startswith("SELECT ?s WHERE { VALUES (?o) { (")
    assert text.endswith(") } ?s ?p ?o }")
    assert query_form(text) == "select"


@pytest.mark.parametrize(("text", "expected"), [
    ("<https://w3id.org/innokg/id/x>", Term.uri("https://w3id.org/innokg/id/x")),
    ("ikg:fundSize", Term.uri("https://w3id.org/innokg/ontology#fundSize")),
    ("42", Term.literal("42", datatype=XSD + "integer")),
    ("-1.5", Term.literal("-1.5", datatype=XSD + "decimal")),
    ("1e9", Term.literal("1e9", datatype=XSD + "double")),
    ('"硚口"@zh', Term.literal("硚口", lang="zh")),
    ('"2024-10-22"^^xsd:date', Term.literal("2024-10-22", datatype=XSD + "date")),
    ('"a\\"b"', Term.literal('a"b')),
    ("硚口区", Term.literal("硚口区")),
    ("unknown:prefix", Term.literal("unknown:prefix")),
])
def test_sparql_parse_value(text: str, expected: Term) -> None:
    assert parse_value(text) == expected


def test_sparql_bad_iri_and_bad_param() -> None:
    assert parse_value("<a b>") == Term.literal("<a b>")
    with pytest.raises(QueryError, match="not a valid IRI"):
        Term.uri("a> } DROP ALL <b").n3()
    with pytest.raises(QueryError, match="name=value"):
        parse_params(["novalue"])


def test_sparql_inject_values_construct_and_subselect() -> None:
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    out = inject_values(text, {"s": Term.uri("a:b")})
    assert out == "CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<a:b>) } ?s ?p ?o }"
    text = 'SELECT ?s (COUNT(?o) AS ?n) { ?s ?p "}{" }'
    assert inject_values(text, {"p": Term.uri("a:p")}).endswith('{ VALUES (?p) { (<a:p>) } ?s ?p "}{" }')


def test_sparql_ascii_only_escapes() -> None:
    assert Term.literal("硚口").n3(ascii_only=True) == '"\\u785A\\u53E3"'


def test_sparql_every_bundled_query_has_a_description() -> None:
    queries = bundled_queries()
    assert {"funds_by_size", "located_in", "established_by", "programs_by_body", "entity_facts",
            "link_paths", "evidence", "co_mentions"} <= set(queries)
    for name, path in queries.items():
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# "), name
        info = parse_header(text, name)
        assert len(info.description) > 20, name
        assert query_form(text) == "select"


def test_sparql_load_query_sources(tmp_path) -> None:
    assert load_query("funds_by_size").name == "funds_by_size"
    rq = tmp_path / "mine.rq"
    rq.write_text("# mine\nSELECT * { ?s ?p ?o }", encoding="utf-8")
    assert load_query(str(rq)).description == "mine"
    assert load_query("SELECT * { ?s ?p ?o }").name == "inline"
    with pytest.raises(UnknownQuery, match="kg query --list"):
        load_query("no_such_query")


def test_sparql_syntax_error_has_line_and_column(tmp_path) -> None:
    from kg.store import run_query

    with pytest.raises(QuerySyntaxError, match=r"line 3, column \d+"):
        run_query("SELECT ?x WHERE {\n ?x ?y ?z\n FILTER( }", graph=FIXTURE,
                  store_dir=tmp_path / "store")

