"""kg.output: W3C SPARQL 1.1 JSON/CSV/TSV/XML, Markdown, rich tables with a row limit."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from kg.output import hidden_rows, render
from kg.sparql import XSD, QueryResult, Term

RESULT = QueryResult(
    ["s", "name", "size"],
    [(Term.uri("https://w3id.org/innokg/id/fund/x"), Term.literal("长江,基金\"A\"", "zh"),
      Term.literal("3000000000", datatype=XSD + "decimal")),
     (Term.bnode("b0"), Term.literal("a|b\nc\td"), None)])


def test_output_json_is_w3c_results() -> None:
    data = json.loads(render(RESULT, "json"))
    assert data["head"] == {"vars": ["s", "name", "size"]}
    first, second = data["results"]["bindings"]
    assert first["s"] == {"type": "uri", "value": "https://w3id.org/innokg/id/fund/x"}
    assert first["name"] == {"type": "literal", "value": '长江,基金"A"', "xml:lang": "zh"}
    assert first["size"]["datatype"] == XSD + "decimal"
    assert second["s"] == {"type": "bnode", "value": "b0"} and "size" not in second
    assert "长江" in render(RESULT, "json")


def test_output_csv_is_w3c() -> None:
    text = render(RESULT, "csv")
    assert text.split("\r\n")[0] == "s,name,size"
    assert text.split("\r\n")[1] == 'https://w3id.org/innokg/id/fund/x,"长江,基金""A""",3000000000'
    assert text.endswith("\r\n")


def test_output_tsv_is_w3c() -> None:
    lines = render(RESULT, "tsv").split("\n")
    assert lines[0] == "?s\t?name\t?size"
    assert lines[1] == '<https://w3id.org/innokg/id/fund/x>\t"长江,基金\\"A\\""@zh\t"3000000000"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    # a bare 3000000000 would read back as xsd:integer; integers and dotted decimals are bare
    one = QueryResult(["i", "d"], [(Term.literal("7", datatype=XSD + "integer"),
                                   Term.literal("0.5", datatype=XSD + "decimal"))])
    assert render(one, "tsv") == "?i\t?d\n7\t0.5\n"
    assert lines[2] == '_:b0\t"a|b\\nc\\td"\t'


def test_output_xml_parses() -> None:
    root = ET.fromstring(render(RESULT, "xml"))
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert [v.get("name") for v in root.iter(ns + "variable")] == ["s", "name", "size"]
    assert len(list(root.iter(ns + "result"))) == 2


def test_output_markdown_escapes_pipes() -> None:
    text = render(RESULT, "md")
    assert text.splitlines()[0] == "| name | s | size |"  # the label before the IRI it names
    assert "a\\|b c\td" in text and "ikgr:fund/x" in text


def test_output_table_shows_labels_first_and_cuts_long_iris() -> None:
    long = "https://w3id.org/innokg/id/hospital/" + "hua-zhong-ke-ji-da-xue-tong-ji-yi-xue-yuan" * 2
    result = QueryResult(["thing", "name", "where", "whereName"],
                         [(Term.uri(long), Term.literal("同济医院", "zh"),
                           Term.uri("https://w3id.org/innokg/id/district/q"), Term.literal("硚口区", "zh"))])
    header, row = [line for line in render(result, "table").splitlines() if "│" in line or "┃" in line]
    assert [c.strip() for c in header.split("┃")[1:5]] == ["name", "thing", "whereName", "where"]
    cells = [c.strip() for c in row.split("│")[1:5]]
    assert cells[0] == "同济医院" and cells[1].startswith("ikgr:hospital/") and cells[1].endswith("…")
    assert cells[2:] == ["硚口区", "ikgr:district/q"]
    assert long in render(result, "csv")  # machine formats keep full IRIs, original order


def test_output_table_limit_and_wide_chars() -> None:
    many = QueryResult(["n"], [(Term.literal(f"硚口{i}"),) for i in range(150)])
    table = render(many, "table")
    assert "硚口99" in table and "硚口100" not in table and hidden_rows(many, "table", None) == 50
    assert "硚口4" not in render(many, "table", limit=3) and hidden_rows(many, "table", 3) == 147
    lines = render(QueryResult(["名称", "x"], [(Term.literal("汉江湾人工智能产业园"), Term.literal("a"))]),
                   "table").splitlines()
    from rich.cells import cell_len
    assert len({cell_len(line) for line in lines if line.strip()}) == 1  # aligned columns


def test_output_ask_and_construct() -> None:
    assert json.loads(render(QueryResult(boolean=True), "json")) == {"head": {}, "boolean": True}
    graph = QueryResult(triples=[(Term.uri("a:s"), Term.uri("a:p"), Term.literal("x\"y"))])
    assert render(graph, "table") == '<a:s> <a:p> "x\\"y" .\n'
