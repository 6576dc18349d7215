"""Regression: entity scores on the hand-written seed gold stay at or above what was reached.

FLOORS are the scores measured when the rules were last tuned, minus a small margin (and never
below the issue's target once it was reached). Raise them when the rules improve. Relations are
scored by the same report; their floor belongs with the relation tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "seeds.jsonl"
SEEDS = ROOT / "seeds"

DEV_GOLD = ROOT / "tests" / "dev" / "gold.jsonl"
DEV = ROOT / "tests" / "dev"

# measured on tests/gold/seeds.jsonl (typed 0.926, untyped 0.930, 2026-11-23) minus a 0.01
# margin, and never below the target of 0.90 for typed entities
FLOORS = {"typed": 0.916, "untyped": 0.920}
# measured on the development set tests/dev (typed 0.991, untyped 0.997, 2026-11-23) minus 0.02:
# the rules were tuned on it, so it guards against regressions, not for generalization
DEV_FLOORS = {"typed": 0.970, "untyped": 0.976}

DEV2_GOLD = ROOT / "tests" / "dev2" / "gold.jsonl"
DEV2 = ROOT / "tests" / "dev2"
# measured on the second, independently written development set tests/dev2 (typed 0.946,
# untyped 0.959, 2026-11-23; 0.782 / 0.789 before general boundary rules) minus 0.02
DEV2_FLOORS = {"typed": 0.926, "untyped": 0.939}


@pytest.fixture(scope="module")
def report():
    if not GOLD.exists():
        pytest.skip(f"{GOLD.relative_to(ROOT)} is not written yet")
    from kg.commands.extract import build_report

    return build_report(str(GOLD), (str(SEEDS),))


@pytest.fixture(scope="module")
def dev_report():
    if not DEV_GOLD.exists():
        pytest.skip(f"{DEV_GOLD.relative_to(ROOT)} is not written yet")
    from kg.commands.extract import build_report

    return build_report(str(DEV_GOLD), (str(DEV),))


def test_gold_scores_every_gold_article_is_built(report) -> None:
    assert report.missing == []


def test_gold_scores_typed_entity_f1(report) -> None:
    assert report.typed.f1 >= FLOORS["typed"], report.as_dict()["entities"]


def test_gold_scores_untyped_entity_f1(report) -> None:
    assert report.untyped.f1 >= FLOORS["untyped"], report.as_dict()["entities"]


def test_gold_scores_dev_every_article_is_built(dev_report) -> None:
    assert dev_report.missing == []


def test_gold_scores_dev_typed_entity_f1(dev_report) -> None:
    assert dev_report.typed.f1 >= DEV_FLOORS["typed"], dev_report.as_dict()["entities"]


def test_gold_scores_dev_untyped_entity_f1(dev_report) -> None:
    assert dev_report.untyped.f1 >= DEV_FLOORS["untyped"], dev_report.as_dict()["entities"]


@pytest.fixture(scope="module")
def dev2_report():
    if not DEV2_GOLD.exists():
        pytest.skip(f"{DEV2_GOLD.relative_to(ROOT)} is not written yet")
    from kg.commands.extract import build_report

    return build_report(str(DEV2_GOLD), (str(DEV2),))


def test_gold_scores_dev2_every_article_is_built(dev2_report) -> None:
    assert dev2_report.missing == []


def test_gold_scores_dev2_typed_entity_f1(dev2_report) -> None:
    assert dev2_report.typed.f1 >= DEV2_FLOORS["typed"], dev2_report.as_dict()["entities"]


def test_gold_scores_dev2_untyped_entity_f1(dev2_report) -> None:
    assert dev2_report.untyped.f1 >= DEV2_FLOORS["untyped"], dev2_report.as_dict()["entities"]
