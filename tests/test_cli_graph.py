"""``kg build``, ``kg validate`` and ``kg stats`` through click's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import XSD, Literal

from kg.build import build_graph
from kg.cli import cli
from kg.graphio import save_graph
from kg.iris import entity_iri
from kg.namespaces import IKG

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def graph_file(sample_kb, tmp_path: Path) -> Path:
    return save_graph(build_graph(sample_kb), tmp_path / "sample.ttl")


@pytest.fixture
def broken_file(sample_kb, tmp_path: Path) -> Path:
    graph = build_graph(sample_kb)
    fund = entity_iri("Fund", "武汉宏泰硚口生物医疗科技创新创业基金")
    graph.set((fund, IKG.fundSize, Literal("-3", datatype=XSD.decimal)))
    return save_graph(graph, tmp_path / "broken.nt")


def test_cli_validate_conforming_graph(graph_file: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(graph_file)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout and "0 violations" in result.stdout


def test_cli_validate_reports_violations_and_fails(broken_file: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(broken_file)])
    assert result.exit_code == 1
    assert "ikg:fundSize must be a non-negative xsd:decimal" in result.stdout
    assert "[E301]" in result.stderr and "broken.nt" in result.stderr


def test_cli_validate_json(broken_file: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--json", str(broken_file)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["conforms"] is False and data["violations"][0]["path"] == "ikg:fundSize"


def test_cli_validate_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "none.ttl")])
    assert result.exit_code == 1
    assert "[E300]" in result.stderr and "none.ttl" in result.stderr
    assert "Traceback" not in result.output


def test_cli_validate_unparsable_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix broken", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1 and "[E300]" in result.stderr and "bad.ttl" in result.stderr


def test_cli_stats_json(graph_file: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "--json", str(graph_file)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == 1 and data["evidence"] == 6 and data["entities"] == 6
    assert data["classes"]["Fund"] == 1 and data["properties"]["ikg:fundSize"] == 1
    assert data["entities_without_relations"] == 0


def test_cli_stats_counts_isolated_entities(sample_kb, tmp_path: Path) -> None:
    from dataclasses import replace

    path = save_graph(build_graph(replace(sample_kb, relations=())), tmp_path / "g.ttl")
    data = json.loads(CliRunner().invoke(cli, ["stats", "--json", str(path)]).stdout)
    assert data["entities_without_relations"] == 6


def test_cli_stats_table(graph_file: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", str(graph_file)])
    assert result.exit_code == 0
    assert "Fund" in result.stdout and "ikg:fundSize" in result.stdout


def test_cli_build_bad_extension(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(ROOT / "seeds"), "-o", str(tmp_path / "g.rdf")])
    assert result.exit_code == 1 and "unknown graph format" in result.stderr


def test_cli_build_missing_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code == 1 and "[E104]" in result.stderr


def test_cli_build_writes_graph_and_summary(tmp_path: Path) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    for path in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        shutil.copy(path, articles / path.name)
    out = tmp_path / "out" / "g.ttl"
    result = CliRunner().invoke(cli, ["build", str(articles), "-o", str(out), "--no-store",
                                      "--no-viz"])
    assert result.exit_code == 0, result.output
    assert out.is_file() and (out.parent / "ontology.ttl").is_file()
    assert "2 articles" in result.stdout and f"wrote {out}" in result.stdout
    assert (out.parent / "cache").is_dir()
    again = CliRunner().invoke(cli, ["build", str(articles), "-o", str(out), "--no-store",
                                     "--no-viz"])
    assert "2 cached" in again.stdout
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0
