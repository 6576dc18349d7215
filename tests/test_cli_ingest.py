"""``kg ingest``: report, JSON lines output, and bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.commands.ingest import expand_offsets

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_cli_ingest_seeds_report_and_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("sections,") == 5
    assert "ingested 5 file(s)" in result.output
    assert "suspicious mojibake" in result.stdout
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"][:3] for r in records] == ["000", "001", "002", "003", "004"]
    for r in records:
        assert len(expand_offsets(r["offsets"])) == len(r["text"])
        assert r["sections"]
    again = tmp_path / "again"
    CliRunner().invoke(cli, ["ingest", str(SEEDS), "--out", str(again)])
    assert (again / "articles.jsonl").read_bytes() == (out / "articles.jsonl").read_bytes()


def test_cli_ingest_skips_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("长江日报讯 10月25日，武汉印发《实施方案》。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\x00\xfe" * 8)
    (tmp_path / "bad.txt").write_bytes(bytes([0x80, 0xFF, 0x41, 0xFD]) * 20)
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path)])
    assert result.exit_code == 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 3
    assert any("empty.txt" in e and "E101" in e for e in errors)
    assert any("binary.txt" in e and "E102" in e for e in errors)
    assert any("bad.txt" in e and "E103" in e for e in errors)
    assert "skipped 3" in result.stderr


def test_cli_ingest_nothing_ingested(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path)])
    assert result.exit_code == 1
    assert "E105" in result.output


def test_cli_ingest_empty_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path)])
    assert result.exit_code == 1 and "no .txt files" in result.output


def test_cli_ingest_missing_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert "E104" in result.output and "missing" in result.output
