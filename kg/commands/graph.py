"""Commands ``kg build``, ``kg validate`` and ``kg stats`` (thin wrappers over kg.pipeline etc.)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.commands.common import handle_errors, progress

DEFAULT_GRAPH = "build/innokg.ttl"


def _echo_report(report) -> None:
    click.echo(
        f"{report.articles} articles ({report.cached} cached, {report.extracted} extracted), "
        f"{report.entities} entities, {report.relations} relations, "
        f"{report.evidence} evidence, {report.triples} triples"
    )
    if report.rejected:
        click.echo(f"{len(report.rejected)} statement(s) rejected by the ontology (logged above)")
    for err in report.input_errors:
        click.echo(f"skipped input: {err}", err=True)
    for path in report.files:
        click.echo(f"wrote {path}")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", default=DEFAULT_GRAPH, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Graph file; format from the extension: .ttl .nt .nq .trig .jsonld.")
@click.option("--with-ontology", is_flag=True,
              help="Merge the ontology into the graph (else copy it beside as ontology.ttl).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Extraction cache folder [default: cache/ beside the output].")
@click.option("--no-cache", is_flag=True, help="Extract every article again (no cache).")
@click.option("--store-dir", type=click.Path(file_okay=False, path_type=Path),
              help="SPARQL store folder [default: store/ beside the output].")
@click.option("--no-store", is_flag=True, help="Do not load the embedded SPARQL store.")
@click.option("--html", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML view [default: innokg.html beside the output].")
@click.option("--no-viz", is_flag=True, help="Do not write the HTML view.")
@handle_errors
def build(paths: tuple[Path, ...], out: Path, with_ontology: bool, cache_dir: Path | None,
          no_cache: bool, store_dir: Path | None, no_store: bool, html: Path | None,
          no_viz: bool) -> None:
    """Build the knowledge graph from article files or folders (default: seeds/).

    Example: kg build seeds/ -o build/innokg.ttl
    """
    from kg.pipeline import DEFAULT_INPUT, build_corpus

    report = build_corpus(
        list(paths) or [DEFAULT_INPUT], out, with_ontology=with_ontology,
        cache_dir=None if no_cache else (cache_dir or ""),
        store_dir=None if no_store else (store_dir or ""),
        html=None if no_viz else (html or ""),
        progress=progress,
    )
    _echo_report(report)


@click.command()
@click.argument("graph", default=DEFAULT_GRAPH, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="SHACL shapes file [default: the packaged ontology/shapes.ttl].")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@handle_errors
def validate(graph: Path, shapes: Path | None, as_json: bool) -> None:
    """Check a graph against the SHACL shapes; exit 1 on any violation.

    Example: kg validate build/innokg.ttl
    """
    from dataclasses import asdict

    from kg.errors import ValidationFailed
    from kg.validate import validate_file

    report = validate_file(graph, shapes)
    if as_json:
        data = {"conforms": report.conforms, "triples": report.triples,
                "violations": [asdict(v) for v in report.violations]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for v in report.violations:
            value = f" (value: {v.value})" if v.value else ""
            click.echo(f"{v.severity}: {v.focus} {v.path}: {v.message}{value}")
        click.echo(f"{graph}: {report.summary()}")
    if not report.conforms:
        raise ValidationFailed(f"{len(report.violations)} SHACL violation(s)", str(graph))


@click.command()
@click.argument("graph", default=DEFAULT_GRAPH, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@handle_errors
def stats(graph: Path, as_json: bool) -> None:
    """Count classes, properties, articles, evidence and entities without relations.

    Example: kg stats build/innokg.ttl --json
    """
    from kg.stats import file_stats

    data = file_stats(str(graph))
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print_tables(data)


def _print_tables(data: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=True)
    summary = Table("measure", "count", title="graph")
    for key in ("triples", "articles", "entities", "evidence", "entities_without_relations"):
        summary.add_row(key.replace("_", " "), str(data[key]))
    console.print(summary)
    for title, column in (("classes", "class"), ("properties", "property")):
        table = Table(column, "count", title=title)
        for name, count in data[title].items():
            table.add_row(name, str(count))
        console.print(table)
