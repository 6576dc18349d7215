"""Regression: extraction scores on the gold sets stay at or above their floors.

Each gold set is built and scored once per session, reading the RDF graph as an outside
evaluator would (``kg eval``). A floor is the score measured on 2026-11-23 when the rules were
last tuned, minus a margin (0.01 on the seeds, 0.02 on the development sets), and never below
issue 4's targets (typed entity F1 0.90, relation F1 0.70 on the seeds). Raise the floors when
the rules improve.

- ``seeds``: the five seed articles (``tests/gold/seeds.jsonl``).
- ``dev``, ``dev2``: articles written independently of the rules and used to tune them, so their
  floors guard against regressions; they do not measure generalization. ``tests/heldout/`` is
  deliberately not scored here: nobody tunes against it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOLD_SETS = {
    "seeds": (ROOT / "tests" / "gold" / "seeds.jsonl", ROOT / "seeds"),
    "dev": (ROOT / "tests" / "dev" / "gold.jsonl", ROOT / "tests" / "dev"),
    "dev2": (ROOT / "tests" / "dev2" / "gold.jsonl", ROOT / "tests" / "dev2"),
}

# measured: seeds typed 0.926 / untyped 0.931, relations P 0.931 R 0.825 F1 0.874;
# dev 0.991 / 0.997, relations P 0.963 R 0.970 F1 0.967;
# dev2 0.956 / 0.969, relations P 0.968 R 0.704 F1 0.815
FLOORS = {
    "seeds": {"typed": 0.916, "untyped": 0.920, "f1": 0.864, "precision": 0.921, "recall": 0.815},
    "dev": {"typed": 0.970, "untyped": 0.976, "f1": 0.947, "precision": 0.943, "recall": 0.950},
    "dev2": {"typed": 0.936, "untyped": 0.949, "f1": 0.795, "precision": 0.948, "recall": 0.684},
}

ENTITY_MEASURES = ("typed", "untyped")
RELATION_MEASURES = ("f1", "precision", "recall")


@pytest.fixture(scope="session")
def reports() -> dict:
    """Build and score every gold set once (about 10 s in all)."""
    from kg.commands.extract import build_report

    return {
        name: build_report(str(gold), (str(articles),))
        for name, (gold, articles) in GOLD_SETS.items()
    }


def test_scores_floors_respect_issue_targets() -> None:
    assert FLOORS["seeds"]["typed"] >= 0.90
    assert FLOORS["seeds"]["f1"] >= 0.70


@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_scores_every_gold_article_is_built(reports, name: str) -> None:
    assert reports[name].missing == []


@pytest.mark.parametrize("measure", ENTITY_MEASURES)
@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_scores_entity_f1(reports, name: str, measure: str) -> None:
    got = getattr(reports[name], measure).f1
    assert got >= FLOORS[name][measure], reports[name].as_dict()["classes"]


@pytest.mark.parametrize("measure", RELATION_MEASURES)
@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_scores_relations(reports, name: str, measure: str) -> None:
    got = getattr(reports[name].relations, measure)
    assert got >= FLOORS[name][measure], reports[name].as_dict()["properties"]
