"""``kg extract`` (show what the rules find) and ``kg eval`` (score against a gold file)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.commands.common import handle_errors, progress

DEFAULT_INPUT = ("seeds",)


def _extract(paths: tuple[str, ...]) -> list:
    from kg.extract import extract_article, make_nlp
    from kg.ingest import read_articles

    articles = read_articles(list(paths or DEFAULT_INPUT)).articles
    nlp = make_nlp()
    return [extract_article(a, nlp) for a in progress(articles, "extracting", total=len(articles))]


def _result_json(result) -> dict:
    return {
        "article": result.article.file_name,
        "entities": [
            {"name": e.name, "type": e.type, "aliases": list(e.aliases)} for e in result.entities
        ],
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "canonical": m.canonical,
                "method": m.method,
            }
            for m in result.mentions
        ],
        "relations": [
            {
                "s": r.subject,
                "p": r.predicate,
                "o": r.object,
                "value": None if r.value is None else str(r.value),
            }
            for r in result.relations
        ],
    }


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@handle_errors
def extract(paths: tuple[str, ...], fmt: str) -> None:
    """Show the entities, mentions and relations found in articles (for debugging rules).

    Example: kg extract seeds/001_3ec393a1e9ad7a2c.txt --format json
    """
    results = _extract(paths)
    if fmt == "json":
        click.echo(json.dumps([_result_json(r) for r in results], ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for r in results:
        methods: dict[str, set[str]] = {}
        for m in r.mentions:
            methods.setdefault(f"{m.type}/{m.canonical}", set()).add(m.method)
        table = Table(
            title=f"{r.article.file_name}: {len(r.entities)} entities, {len(r.relations)} relations"
        )
        for col in ("type", "name", "aliases", "mentions", "rules"):
            table.add_column(col)
        for e in r.entities:
            n = sum(1 for m in r.mentions if m.type == e.type and m.canonical == e.name)
            table.add_row(
                e.type,
                e.name,
                "、".join(e.aliases),
                str(n),
                ",".join(sorted(methods.get(e.key, ()))),
            )
        console.print(table)


def build_report(gold_path: str, paths: tuple[str, ...], graph_path: str | None = None):
    """Score the graph of ``paths`` (or the graph file ``graph_path``) against ``gold_path``.

    The graph is read through the ontology's IRIs (mentions, labels, Evidence), as an outside
    evaluator reads it, so a statement the builder drops costs recall here too.
    """
    from rdflib import Graph

    from kg.evaluate import load_gold, predictions_from_graph, score

    gold = load_gold(gold_path)
    graph = Graph()
    if graph_path:
        from kg.graphio import load_graph

        graph = load_graph(Path(graph_path))
    else:
        from kg.build import build_quads
        from kg.resolve import resolve_entities

        for s, p, o, _ in build_quads(resolve_entities(_extract(paths))).quads:
            graph.add((s, p, o))
    return score(gold, predictions_from_graph(graph))


def _row(name: str, c) -> list[str]:
    return [
        name,
        str(c.tp),
        str(c.fp),
        str(c.fn),
        f"{c.precision:.3f}",
        f"{c.recall:.3f}",
        f"{c.f1:.3f}",
    ]


def _table(title: str, rows: list[list[str]]):
    from rich.table import Table

    table = Table(title=title)
    for col in ("", "tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(col, justify="right" if col else "left")
    for row in rows:
        table.add_row(*row)
    return table


@click.command()
@click.option(
    "--gold", "gold_path", required=True, type=click.Path(), help="Gold JSONL file (annotation.md)."
)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@click.option(
    "--graph", "graph_path", type=click.Path(exists=True, dir_okay=False),
    help="Score this built graph file instead of building PATHS.",
)
@handle_errors
def evaluate(gold_path: str, paths: tuple[str, ...], as_json: bool, graph_path: str | None) -> None:
    """Build the articles and score entities and relations against a gold file.

    Example: kg eval --gold tests/gold/seeds.jsonl seeds/
    """
    if not Path(gold_path).exists():
        raise click.BadParameter(f"{gold_path}: no such file", param_hint="--gold")
    report = build_report(gold_path, paths, graph_path)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1, sort_keys=True))
        return
    from rich.console import Console

    console = Console()
    console.print(
        _table(
            "Totals",
            [
                _row("entities (untyped)", report.untyped),
                _row("entities (typed)", report.typed),
                _row("relations", report.relations),
            ],
        )
    )
    rows = []
    for name, s in sorted(report.articles.items()):
        rows += [
            _row(f"{name} ent", s.untyped),
            _row(f"{name} typed", s.typed),
            _row(f"{name} rel", s.relations),
        ]
    console.print(_table("Per article", rows))
    console.print(
        _table(
            "Per class (typed entities)", [_row(k, v) for k, v in sorted(report.classes.items())]
        )
    )
    console.print(
        _table("Per property", [_row(k, v) for k, v in sorted(report.properties.items())])
    )
    if report.missing:
        console.print(
            f"[yellow]gold articles not in the input: {', '.join(report.missing)}[/yellow]"
        )
