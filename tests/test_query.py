"""Bundled queries return the expected rows (fixture graph; robust facts of the seed build),
identically on the pyoxigraph store and rdflib; params are bound as terms; the CLI works."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError, UnknownEntity, UpdateRefused
from kg.sparql import Term, load_query, parse_params
from kg.store import load_store, run_query, store_is_current

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"
IKGR = "https://w3id.org/innokg/id/"
BACKENDS = ("oxigraph", "rdflib")


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("query")
    path = folder / "innokg.ttl"
    shutil.copy(FIXTURE, path)
    load_store(path)
    return path


def rows(graph: Path, name: str, *params: str, backend: str = "oxigraph", cols=None):
    result = run_query(load_query(name), graph=graph, params=parse_params(params), backend=backend)
    cols = cols or result.variables
    return [tuple(d.get(c).value if d.get(c) else None for c in cols) for d in result.dicts()]


@pytest.mark.parametrize("backend", BACKENDS)
def test_query_funds_by_size(graph, backend) -> None:
    assert rows(graph, "funds_by_size", backend=backend, cols=("name", "size")) == [
        ("武汉人工智能产业基金", "10000000000"),
        ("武汉宏泰硚口生物医疗科技创新创业基金", "3000000000"),
        ("光谷天使基金", "250000000.5"),
        ("长江基金", None),
    ]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("place", ["硚口区", "硚口", f"<{IKGR}district/qiao-kou-qu-00000003>"])
def test_query_located_in_transitively(graph, backend, place) -> None:
    found = rows(graph, "located_in", f"place={place}", backend=backend, cols=("name", "whereName"))
    assert sorted(found) == sorted([
        ("武汉宏泰硚口生物医疗科技创新创业基金", "硚口区"),
        ("汉江湾人工智能产业园", "汉正街"),  # park in 汉正街, which is part of 硚口区
        ("硚口区人民政府", "硚口区"),
        ("科恩泰生物", "硚口区"),
    ])


def test_query_located_in_city_reaches_all_districts(graph) -> None:
    names = {r[0] for r in rows(graph, "located_in", "place=武汉", cols=("name",))}
    assert names == {"武汉宏泰硚口生物医疗科技创新创业基金", "汉江湾人工智能产业园", "硚口区人民政府",
                     "科恩泰生物", "武汉市人民政府", "光谷天使基金", "华中科技大学"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_query_established_by(graph, backend) -> None:
    cols = ("founderName", "thingName", "date")
    assert rows(graph, "established_by", backend=backend, cols=cols) == [
        ("武汉市人民政府", "武汉人工智能产业基金", None),
        ("硚口区人民政府", "武汉宏泰硚口生物医疗科技创新创业基金", "2024-10-22"),
        ("硚口区人民政府", "汉江湾人工智能产业园", None),
    ]
    assert rows(graph, "established_by", "founder=硚口区政府", backend=backend, cols=cols[1:2]) == [
        ("武汉宏泰硚口生物医疗科技创新创业基金",), ("汉江湾人工智能产业园",)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_query_programs_by_body(graph, backend) -> None:
    cols = ("bodyName", "programName", "support")
    assert rows(graph, "programs_by_body", backend=backend, cols=cols) == [
        ("武汉市人民政府", "人工智能“九条”", "100000000"),
        ("武汉市人民政府", "锦鲤计划", None),
        ("硚口区人民政府", "《硚口区促进大健康产业发展实施方案》", "5000000"),
    ]
    assert rows(graph, "programs_by_body", "body=武汉市政府", backend=backend, cols=cols[1:2]) == [
        ("人工智能“九条”",), ("锦鲤计划",)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_query_entity_facts(graph, backend) -> None:
    found = rows(graph, "entity_facts", "entity=马大为", backend=backend,
                 cols=("direction", "property", "value", "valueName"))
    assert found == [
        ("out", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
         "https://w3id.org/innokg/ontology#Person", None),
        ("out", "http://www.w3.org/2000/01/rdf-schema#label", "马大为", None),
        ("out", "https://w3id.org/innokg/ontology#worksFor",
         f"{IKGR}company/ke-en-tai-sheng-wu-00000012", "科恩泰生物"),
        ("in", "https://w3id.org/innokg/ontology#mentions", f"{IKGR}article/a1", None),
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_query_link_paths(graph, backend) -> None:
    found = rows(graph, "link_paths", "from=马大为", "to=硚口区", backend=backend,
                 cols=("hops", "dir1", "p1", "n1", "dir2", "p2"))
    assert found == [("2", "→", "https://w3id.org/innokg/ontology#worksFor",
                      f"{IKGR}company/ke-en-tai-sheng-wu-00000012", "→",
                      "https://w3id.org/innokg/ontology#locatedIn")]
    three = rows(graph, "link_paths", "from=马大为", "to=硚口区人民政府", backend=backend,
                 cols=("hops", "n1", "n2"))
    assert (str(3), f"{IKGR}company/ke-en-tai-sheng-wu-00000012",
            f"{IKGR}district/qiao-kou-qu-00000003") in three
    assert all(int(h) <= 3 for h, *_ in three)


@pytest.mark.parametrize("backend", BACKENDS)
def test_query_evidence(graph, backend) -> None:
    cols = ("predicate", "sentence", "file", "method")
    found = rows(graph, "evidence", "subject=同济健康城科创基金", backend=backend, cols=cols)
    assert [(p.rsplit("#")[1], f, m) for p, _, f, m in found] == [
        ("establishedBy", "a1.txt", "rule:establishedBy"),
        ("fundSize", "a1.txt", "rule:amount"),
        ("locatedIn", "a1.txt", "rule:locatedIn"),
    ]
    assert "总规模30亿元" in found[1][1]
    amounts = rows(graph, "evidence", "predicate=ikg:fundSize", backend=backend, cols=("object",))
    assert amounts == [("3000000000",)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_query_co_mentions(graph, backend) -> None:
    found = rows(graph, "co_mentions", backend=backend, cols=("aName", "bName", "articles"))
    assert found[0] == ("硚口区", "硚口区人民政府", "2")
    assert all(n == "1" for *_, n in found[1:]) and len(found) == 21
    park = rows(graph, "co_mentions", "entity=汉江湾人工智能产业园", backend=backend,
                cols=("aName", "bName"))
    assert sorted(park) == sorted([("汉正街", "汉江湾人工智能产业园"), ("硚口区", "汉江湾人工智能产业园"),
                                   ("硚口区人民政府", "汉江湾人工智能产业园")])


CASES = [("funds_by_size", ()), ("located_in", ("place=武汉市",)), ("established_by", ()),
         ("programs_by_body", ()), ("entity_facts", ("entity=硚口区",)),
         ("link_paths", ("from=华科", "to=光谷天使基金")), ("evidence", ()), ("co_mentions", ())]


@pytest.mark.parametrize(("name", "params"), CASES)
def test_query_backends_give_identical_results(graph, name, params) -> None:
    info, bound = load_query(name), parse_params(params)
    ox = run_query(info, graph=graph, params=bound, backend="oxigraph")
    rd = run_query(info, graph=graph, params=bound, backend="rdflib")
    assert ox.variables == rd.variables
    assert ox.rows == rd.rows and ox.rows


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("value", ['x"} ; DROP ALL', "a'b\"c{d}e", '} ; DROP ALL ; #'])
def test_query_param_with_quotes_braces_drop_all_is_a_literal(graph, backend, value) -> None:
    q = "SELECT ?v (STR(?v) AS ?text) WHERE { OPTIONAL { ?s ?p ?v } }"
    result = run_query(q, graph=graph, params={"v": Term.literal(value)}, backend=backend)
    assert result.dicts() == [{"v": Term.literal(value), "text": Term.literal(value)}]
    count = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph=graph, backend=backend)
    assert count.rows[0][0].value == "141"  # nothing dropped
    with pytest.raises(UnknownEntity, match="no entity"):
        run_query(load_query("located_in"), graph=graph, backend=backend,
                  params=parse_params([f"place={value}"]))


def test_query_update_is_refused(graph) -> None:
    with pytest.raises(UpdateRefused):
        run_query("DELETE WHERE { ?s ?p ?o }", graph=graph)
    result = CliRunner().invoke(cli, ["query", "DROP ALL", "--graph", str(graph)])
    assert result.exit_code == 1 and "[E402]" in result.output and "read-only" in result.output


def test_query_param_errors(graph) -> None:
    with pytest.raises(QueryError, match="needs --param place"):
        run_query(load_query("located_in"), graph=graph)
    with pytest.raises(QueryError, match="no variable"):
        run_query("SELECT * { ?s ?p ?o }", graph=graph, params={"nope": Term.literal("x")})
    with pytest.raises(UnknownEntity, match="2 entities"):
        two = graph.parent / "two.ttl"
        two.write_text(FIXTURE.read_text(encoding="utf-8") + '\n<https://w3id.org/innokg/id/x> '
                       '<http://www.w3.org/2000/01/rdf-schema#label> "硚口区"@zh .\n', "utf-8")
        run_query(load_query("located_in"), graph=two, params=parse_params(["place=硚口区"]))


def test_query_store_reused_and_reloaded_when_graph_changes(tmp_path) -> None:
    path = tmp_path / "g.ttl"
    shutil.copy(FIXTURE, path)
    store = load_store(path)
    assert store == tmp_path / "store" and store_is_current(path, store)
    marker = (store / "innokg-stamp.json").stat().st_mtime_ns
    assert load_store(path) == store and (store / "innokg-stamp.json").stat().st_mtime_ns == marker
    path.write_text(path.read_text(encoding="utf-8") + '\n<a:x> <a:y> "new" .\n', "utf-8")
    assert not store_is_current(path, store)
    n = run_query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", graph=path).rows[0][0].value
    assert n == "142" and store_is_current(path, store)


def test_query_timeout(graph) -> None:
    import threading

    from kg.errors import QueryTimeout
    from kg.store import with_timeout
    never = threading.Event()
    with pytest.raises(QueryTimeout, match="within 0.1 s"):
        with_timeout(lambda: never.wait(5), 0.1)


def test_query_cli_formats(graph) -> None:
    runner = CliRunner()
    base = ["query", "funds_by_size", "--graph", str(graph)]
    out = runner.invoke(cli, base + ["--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["head"]["vars"] == ["fund", "name", "size", "sizeText"]
    assert data["results"]["bindings"][0]["name"] == {"type": "literal", "value": "武汉人工智能产业基金",
                                                      "xml:lang": "zh"}
    assert "武汉人工智能产业基金" in out.stdout  # ensure_ascii=False
    csv_out = runner.invoke(cli, base + ["--format", "csv"]).stdout
    assert csv_out.splitlines()[0] == "fund,name,size,sizeText"
    table = runner.invoke(cli, base + ["--limit", "2"])
    assert table.exit_code == 0 and "ikgr:fund/" in table.stdout and "长江基金" not in table.stdout
    assert "2 more rows" in table.stderr
    listed = runner.invoke(cli, ["query", "--list"]).stdout
    assert "located_in  [place]" in listed and "funds_by_size" in listed
    bad = runner.invoke(cli, ["query", "SELECT ?x WHERE {\n ?x ?y", "--graph", str(graph)])
    assert bad.exit_code == 1 and "[E401]" in bad.output and "line 2, column" in bad.output
    missing = runner.invoke(cli, ["query", "funds_by_size", "--graph", str(graph.parent / "no.ttl")])
    assert missing.exit_code == 1 and "kg build" in missing.output


def test_query_cli_param_and_backend(graph) -> None:
    out = CliRunner().invoke(cli, ["query", "located_in", "-p", "place=汉正街", "--graph", str(graph),
                                   "--backend", "rdflib", "--format", "tsv"])
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[1].split("\t")[1] == '"汉江湾人工智能产业园"@zh'


# ----------------------------------------------------------------------------- seed graph


# Facts stated in the seed articles (non-optional in tests/gold/seeds.jsonl), so they stay
# true as extraction improves. Rows are matched by label, never by minted IRIs.

IN_QIAOKOU = {"同济医院", "华中科技大学同济医学院附属同济医院", "数智天蚂", "北京零一万物", "湖北交投科技",
              "海洋·锦鲤", "诺玛具身智能人形机器人", "上海电气生物医疗", "摩天飞航低空经济",
              "皮子街F地块城市更新项目", "武汉帝沃思科技有限公司", "汉正街中央服务区", "汉江湾城市副中心"}


def seed(seed_build, name: str, *params: str, cols=None, backend: str = "oxigraph"):
    return rows(seed_build.graph, name, *params, cols=cols, backend=backend)


def test_query_seed_funds_by_size(seed_build) -> None:
    funds = dict(seed(seed_build, "funds_by_size", cols=("name", "size")))
    assert float(funds["武汉宏泰硚口生物医疗科技创新创业基金"]) == 3e9
    assert float(funds["城市更新基金"]) == 4.5e9 and float(funds["产业母基金"]) == 5e10
    sizes = [float(v) for v in funds.values() if v is not None]
    assert sizes == sorted(sizes, reverse=True)  # largest first


def test_query_seed_located_in_qiaokou(seed_build) -> None:
    found = seed(seed_build, "located_in", "place=硚口区", cols=("name", "whereName"))
    assert {n for n, _ in found} & IN_QIAOKOU, found
    city = {n for n, _ in seed(seed_build, "located_in", "place=武汉市", cols=("name", "whereName"))}
    assert {n for n, _ in found} <= city  # 硚口区 is part of 武汉市: transitive


def test_query_seed_programs_by_body(seed_build) -> None:
    found = seed(seed_build, "programs_by_body", "body=硚口区", cols=("programName", "support"))
    supported = {(n, float(s)) for n, s in found if s is not None}
    assert supported & {("人工智能九条", 5e6), ("人工智能九条", 1e6), ("人工智能九条", 1.5e7)}, found
    every = seed(seed_build, "programs_by_body", cols=("bodyName", "programName"))
    assert ("国务院办公厅", "关于规范招商引资行为促进招商引资高质量发展的若干措施") in every


def test_query_seed_established_by(seed_build) -> None:
    found = seed(seed_build, "established_by", "founder=雷军", cols=("thingName",))
    assert found == [("小米集团",)]


def test_query_seed_evidence(seed_build) -> None:
    found = seed(seed_build, "evidence", "subject=武汉宏泰硚口生物医疗科技创新创业基金",
                 "predicate=ikg:fundSize", cols=("object", "sentence", "file"))
    assert any(float(o) == 3e9 and "30亿元" in s and f.startswith("000_") for o, s, f in found)
    every = seed(seed_build, "evidence", cols=("sentence", "file"))
    assert len(every) >= 20 and all(s and f and f.endswith(".txt") for s, f in every)


def test_query_seed_link_paths(seed_build) -> None:
    direct = seed(seed_build, "link_paths", "from=硚口区", "to=武汉市", cols=("hops", "dir1", "p1"))
    assert ("1", "→", "https://w3id.org/innokg/ontology#partOf") in direct
    two = seed(seed_build, "link_paths", "from=人工智能九条", "to=武汉市", cols=("hops", "p1", "p2"))
    assert ("2", "https://w3id.org/innokg/ontology#issuedBy",
            "https://w3id.org/innokg/ontology#partOf") in two


def test_query_seed_entity_facts(seed_build) -> None:
    found = seed(seed_build, "entity_facts", "entity=硚口区", cols=("direction", "property", "valueName"))
    ikg = "https://w3id.org/innokg/ontology#"
    assert ("out", ikg + "partOf", "武汉市") in found
    assert any(d == "in" and p == ikg + "locatedIn" and n in IN_QIAOKOU for d, p, n in found)
    assert any(d == "in" and p == ikg + "issuedBy" and n == "人工智能九条" for d, p, n in found)


def test_query_seed_co_mentions(seed_build) -> None:
    found = seed(seed_build, "co_mentions", "entity=硚口区", cols=("aName", "bName", "articles"))
    pairs = {frozenset((a, b)): int(n) for a, b, n in found}
    assert pairs[frozenset(("硚口区", "武汉市"))] >= 2  # both named in several seed articles
    counts = [int(n) for *_, n in found]
    assert counts == sorted(counts, reverse=True)


SEED_CASES = [("funds_by_size", ()), ("located_in", ("place=硚口区",)), ("established_by", ()),
              ("programs_by_body", ()), ("entity_facts", ("entity=硚口区",)),
              ("link_paths", ("from=人工智能九条", "to=武汉市")), ("evidence", ()), ("co_mentions", ())]


@pytest.mark.parametrize(("name", "params"), SEED_CASES)
def test_query_seed_backends_identical(seed_build, name, params) -> None:
    info, bound = load_query(name), parse_params(params)
    ox = run_query(info, graph=seed_build.graph, params=bound, backend="oxigraph")
    rd = run_query(info, graph=seed_build.graph, params=bound, backend="rdflib")
    assert ox.rows == rd.rows and ox.rows, name


def test_query_seed_build_writes_store_and_query_reuses_it(seed_build, tmp_path) -> None:
    assert seed_build.store is not None and store_is_current(seed_build.graph, seed_build.store)
    graph, store = tmp_path / "innokg.ttl", tmp_path / "store"
    shutil.copy2(seed_build.graph, graph)
    shutil.copytree(seed_build.store, store)
    stamp = store / "innokg-stamp.json"
    before = (stamp.stat().st_ino, stamp.stat().st_mtime_ns)
    runner = CliRunner()
    out = runner.invoke(cli, ["query", "funds_by_size", "--graph", str(graph), "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert "武汉宏泰硚口生物医疗科技创新创业基金" in out.stdout
    assert (stamp.stat().st_ino, stamp.stat().st_mtime_ns) == before  # unchanged: not reloaded
    with graph.open("a", encoding="utf-8") as handle:
        handle.write('\n<https://w3id.org/innokg/id/fund/x> a <https://w3id.org/innokg/ontology#Fund> ;'
                     ' <http://www.w3.org/2000/01/rdf-schema#label> "新加基金"@zh .\n')
    out = runner.invoke(cli, ["query", "funds_by_size", "--graph", str(graph), "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert "新加基金" in out.stdout  # graph changed: reloaded
    assert (stamp.stat().st_ino, stamp.stat().st_mtime_ns) != before
    assert store_is_current(graph, store)
