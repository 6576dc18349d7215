"""Regression: relation scores on the development set (tests/dev/) stay at or above a floor.

The development articles were written independently of the rules, so their scores show how
relation extraction generalizes. FLOORS are the scores measured when the relation rules were
last tuned, minus 0.02; raise them when the rules improve.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "dev" / "gold.jsonl"
DEV = ROOT / "tests" / "dev"

# measured on tests/dev/gold.jsonl (relation F1 0.947-0.955, P 0.962-0.970, R 0.933-0.941 while
# entity rules were changing, 2026-11-23): the lower figures minus 0.02
FLOORS = {"f1": 0.927, "precision": 0.942, "recall": 0.913}


@pytest.fixture(scope="module")
def report():
    if not GOLD.exists():
        pytest.skip(f"{GOLD.relative_to(ROOT)} is missing")
    from kg.commands.extract import build_report

    return build_report(str(GOLD), (str(DEV),))


def test_dev_scores_every_article_is_built(report) -> None:
    assert report.missing == []


@pytest.mark.parametrize("measure", ["f1", "precision", "recall"])
def test_dev_scores_relations(report, measure: str) -> None:
    got = getattr(report.relations, measure)
    assert got >= FLOORS[measure], report.as_dict()["properties"]


# ---------------------------------------------------------------- second development set

GOLD2 = ROOT / "tests" / "dev2" / "gold.jsonl"
DEV2 = ROOT / "tests" / "dev2"
# measured on tests/dev2/gold.jsonl after the structure mechanisms (parenthesised places, list
# items, carried topics, role nouns, title programs; relation F1 0.713, P 0.952, R 0.570,
# 2026-11-23): minus 0.02
FLOORS2 = {"f1": 0.693, "precision": 0.931, "recall": 0.550}


@pytest.fixture(scope="module")
def report2():
    if not GOLD2.exists():
        pytest.skip(f"{GOLD2.relative_to(ROOT)} is missing")
    from kg.commands.extract import build_report

    return build_report(str(GOLD2), (str(DEV2),))


@pytest.mark.parametrize("measure", ["f1", "precision", "recall"])
def test_dev2_scores_relations(report2, measure: str) -> None:
    got = getattr(report2.relations, measure)
    assert got >= FLOORS2[measure], report2.as_dict()["properties"]
