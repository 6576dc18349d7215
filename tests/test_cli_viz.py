"""The viz/analysis commands through click: exit codes and printed content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

SMALL = str(Path(__file__).parent / "data" / "viz" / "small.ttl")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_cli_viz_path_prints_chain_with_sentences() -> None:
    result = run("path", "光谷生物城", "小米", "--graph", SMALL, "--max-hops", "4")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "shortest path (4 hops): 光谷生物城 → 东湖高新区 → 武汉市 → 长江基金 → 小米科技"
    assert lines[1] == "  光谷生物城 (Park) —locatedIn→ 东湖高新区 (District)"
    assert lines[2].startswith("      “光谷生物城位于东湖高新区。” — 《光谷生物城再添新基金》")
    assert "  长江基金 (Fund) —investsIn→ 小米科技 (Company)" in lines
    assert "all simple paths up to 4 hops: 1" in result.stdout


def test_cli_viz_path_json() -> None:
    result = run("path", "武汉", "小米科技", "--graph", SMALL, "--json")
    data = json.loads(result.stdout)
    assert data["shortest"]["chain"] == ["武汉市", "长江基金", "小米科技"]
    assert [e["evidence"][0]["sentence"] for e in data["shortest"]["edges"]] == [
        "长江基金落户武汉市。", "长江基金投资小米科技。"]
    assert [p["chain"] for p in data["paths"]] == [["武汉市", "长江基金", "小米科技"]]


def test_cli_viz_unknown_entity_suggests() -> None:
    result = run("path", "长江基", "小米", "--graph", SMALL)
    assert result.exit_code == 1
    assert "[E500]" in result.stderr and "长江基金" in result.stderr
    assert "Traceback" not in result.output


def test_cli_viz_missing_graph(tmp_path: Path) -> None:
    result = run("central", "--graph", str(tmp_path / "none.ttl"))
    assert result.exit_code == 1
    assert "[E104]" in result.stderr and "none.ttl" in result.stderr


def test_cli_viz_neighbors_table_and_json() -> None:
    table = run("neighbors", "武汉", "--graph", SMALL)
    assert table.exit_code == 0, table.output
    for name in ("东湖高新区", "武汉市人民政府", "长江基金", "长江基金落户武汉市。"):
        assert name in table.stdout
    data = json.loads(run("neighbors", "武汉", "--graph", SMALL, "--json", "--depth", "2").stdout)
    assert {n["label"]: n["distance"] for n in data["neighbors"]}["小米科技"] == 2


def test_cli_viz_central_and_class_filter() -> None:
    rows = json.loads(run("central", "--graph", SMALL, "--json").stdout)
    assert rows[0]["label"] == "武汉市"
    funds = json.loads(run("central", "--graph", SMALL, "--json", "--class", "Fund").stdout)
    assert [r["label"] for r in funds] == ["长江基金"]
    table = run("central", "--graph", SMALL, "--top", "2")
    assert table.exit_code == 0 and "武汉市" in table.stdout


def test_cli_viz_communities_cover_graph() -> None:
    data = json.loads(run("communities", "--graph", SMALL, "--json", "--min-size", "1").stdout)
    assert sum(c["size"] for c in data) == 10
    table = run("communities", "--graph", SMALL)
    assert table.exit_code == 0 and "<img src=x onerror=alert(1)>" in table.stdout  # plain text


def test_cli_viz_writes_html(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "v.html"
    result = run("viz", "--graph", SMALL, "-o", str(out), "--focus", "武汉", "--class", "Fund",
                 "--class", "City", "--size-by", "pagerank")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    raw = re.search(r'id="graph-data">(.*?)</script>', text, re.S).group(1)
    assert sorted(n["label"] for n in json.loads(raw)["nodes"]) == ["武汉市", "长江基金"]
    bad = run("viz", "--graph", SMALL, "-o", str(out), "--focus", "没有")
    assert bad.exit_code == 1 and "[E500]" in bad.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "jsonld", "csv"])
def test_cli_viz_export(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--graph", SMALL, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "nodes.csv").is_file() if fmt == "csv" else out.stat().st_size > 0


@pytest.mark.slow
def test_cli_viz_seed_path_chain(request: pytest.FixtureRequest) -> None:
    """Done-when of issue 6: `kg path` between two seed entities prints the chain with sentences.

    Gold (tests/gold/seeds.jsonl, required): 人工智能九条 issuedBy 硚口区 (001, 004) and
    硚口区 partOf 武汉市 (001).
    """
    build = request.getfixturevalue("seed_build")
    args = ["path", "人工智能九条", "武汉市", "--graph", str(build.graph), "--max-hops", "2"]
    data = json.loads(run(*args, "--json").stdout)
    assert data["shortest"]["chain"] == ["人工智能九条", "硚口区", "武汉市"]
    first, second = data["shortest"]["edges"]
    assert (first["subject"], first["property"], first["object"]) == ("人工智能九条", "issuedBy", "硚口区")
    assert (second["subject"], second["property"], second["object"]) == ("硚口区", "partOf", "武汉市")
    assert any("九条" in r["sentence"] and "硚口区" in r["sentence"] for r in first["evidence"])
    assert any("硚口区" in r["sentence"] for r in second["evidence"])
    text = run(*args)
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[0] == "shortest path (2 hops): 人工智能九条 → 硚口区 → 武汉市"
    assert lines[1] == "  人工智能九条 (Program) —issuedBy→ 硚口区 (District)"
    assert lines[2].startswith("      “") and "九条" in lines[2] and "》" in lines[2]
