"""Commands that draw and analyse the network: viz, neighbors, path, central, communities,
export. Thin click wrappers over ``kg.viz``, ``kg.analysis`` and ``kg.export``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kg.commands.common import handle_errors

DEFAULT_GRAPH = Path("build/innokg.ttl")
DEFAULT_HTML = Path("build/innokg.html")

graph_option = click.option(
    "--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_GRAPH, show_default=True, help="RDF graph file (Turtle) written by `kg build`.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def _network(graph_path: Path, mentions: bool = False) -> Any:
    from kg import analysis

    return analysis.to_networkx(analysis.read_graph(graph_path), mentions=mentions)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    """A rich table on stdout; cells are Text, so article text is never read as markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(str(cell)) for cell in row))
    Console(width=max(100, Console().width)).print(table)


def _edge_json(g: Any, edge: Any) -> dict[str, Any]:
    return {"subject": g.nodes[edge.subject]["label"], "property": edge.property,
            "object": g.nodes[edge.object]["label"], "subject_iri": edge.subject,
            "object_iri": edge.object, "evidence": list(edge.evidence)}


def _evidence_line(record: dict[str, str]) -> str:
    where = record.get("headline") or record.get("source") or record.get("article", "")
    extra = " ".join(x for x in (record.get("source", ""), record.get("date", ""))
                     if x and x != where)
    return f"“{record['sentence']}” — 《{where}》{(' ' + extra) if extra else ''}"


def _echo_hop(g: Any, hop: Any, indent: str = "  ") -> None:
    from kg.analysis import describe

    for edge in hop.edges:
        click.echo(f"{indent}{describe(g, edge.subject)} —{edge.property}→ {describe(g, edge.object)}")
        for record in edge.evidence or ():
            click.echo(f"{indent}    {_evidence_line(record)}")
        if not edge.evidence:
            click.echo(f"{indent}    (no evidence sentence)")


@click.command()
@graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_HTML, show_default=True, help="HTML file to write.")
@click.option("--focus", help="Only this entity (name or alias) and its neighbourhood.")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True,
              help="Hops around --focus.")
@click.option("--class", "classes", multiple=True, help="Keep only this class (repeatable).")
@click.option("--min-degree", type=click.IntRange(0), default=0, help="Drop nodes with fewer links.")
@click.option("--max-nodes", type=click.IntRange(1), help="Keep the most central N nodes (PageRank).")
@click.option("--size-by", type=click.Choice(["degree", "pagerank"]), default="degree",
              show_default=True)
@click.option("--mentions", is_flag=True, help="Also draw articles and their mentions.")
@click.option("--physics/--no-physics", default=None,
              help="Force physics on/off (default: on up to 300 nodes, else precomputed layout).")
@click.option("--title", default="InnoKG", show_default=True, help="Page title.")
@handle_errors
def viz(graph_path: Path, output: Path, focus: str | None, depth: int, classes: tuple[str, ...],
        min_degree: int, max_nodes: int | None, size_by: str, mentions: bool,
        physics: bool | None, title: str) -> None:
    """Write an interactive offline HTML view of the graph.

    Example: kg viz --focus 光谷 --depth 2 -o build/guanggu.html
    """
    from kg.viz import render_html

    g = _network(graph_path, mentions)
    path = render_html(g, output, focus=focus, depth=depth, classes=list(classes) or None,
                       min_degree=min_degree, max_nodes=max_nodes, size_by=size_by,
                       physics=physics, title=title)
    click.echo(f"wrote {path}", err=True)


@click.command()
@click.argument("name")
@graph_option
@click.option("--depth", type=click.IntRange(1), default=1, show_default=True)
@json_option
@handle_errors
def neighbors(name: str, graph_path: Path, depth: int, as_json: bool) -> None:
    """List the entities linked to NAME, with the property and evidence of each link.

    Example: kg neighbors 武汉市 --depth 2
    """
    from kg import analysis

    g = _network(graph_path)
    node = analysis.resolve(g, name)
    found = analysis.neighbors(g, node, depth)
    if as_json:
        _echo_json({"entity": g.nodes[node]["label"], "iri": node, "neighbors": [
            {"distance": d, "label": g.nodes[h.target]["label"], "iri": h.target,
             "class": g.nodes[h.target]["class"], "via": g.nodes[h.source]["label"],
             "edges": [_edge_json(g, e) for e in h.edges]} for d, h in found]})
        return
    rows = [[d, g.nodes[h.target]["label"], g.nodes[h.target]["class"],
             "; ".join(f"{g.nodes[e.subject]['label']} —{e.property}→ {g.nodes[e.object]['label']}"
                       for e in h.edges),
             " | ".join(r["sentence"] for e in h.edges for r in e.evidence)] for d, h in found]
    _table(f"{analysis.describe(g, node)}: {len(rows)} neighbours",
           ["hops", "entity", "class", "link", "evidence"], rows)


@click.command()
@click.argument("source")
@click.argument("target")
@graph_option
@click.option("--max-hops", type=click.IntRange(1), default=3, show_default=True,
              help="Longest path listed under 'all paths'.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True,
              help="At most this many paths.")
@json_option
@handle_errors
def path(source: str, target: str, graph_path: Path, max_hops: int, limit: int,
         as_json: bool) -> None:
    """Show how SOURCE and TARGET are linked: the shortest path and every simple path up to
    --max-hops, each link with its evidence sentence and article.

    Example: kg path 光谷生物城 小米 --max-hops 4
    """
    from kg import analysis

    g = _network(graph_path)
    a, b = analysis.resolve(g, source), analysis.resolve(g, target)
    shortest = analysis.shortest_path(g, a, b)
    paths = analysis.all_paths(g, a, b, max_hops=max_hops, limit=limit)
    if as_json:
        chain = lambda hops: [g.nodes[h.source]["label"] for h in hops[:1]] + [  # noqa: E731
            g.nodes[h.target]["label"] for h in hops]
        _echo_json({
            "source": g.nodes[a]["label"], "target": g.nodes[b]["label"],
            "shortest": None if shortest is None else {
                "chain": chain(shortest),
                "edges": [_edge_json(g, e) for h in shortest for e in h.edges]},
            "paths": [{"chain": chain(p), "edges": [_edge_json(g, e) for h in p for e in h.edges]}
                      for p in paths]})
        return
    _print_paths(g, a, b, shortest, paths, max_hops)


def _print_paths(g: Any, a: str, b: str, shortest: Any, paths: list, max_hops: int) -> None:
    label = lambda n: g.nodes[n]["label"]  # noqa: E731
    if shortest is None:
        click.echo(f"{label(a)} and {label(b)} are not connected.")
        return
    names = [label(shortest[0].source)] + [label(h.target) for h in shortest] if shortest else [
        label(a)]
    click.echo(f"shortest path ({len(shortest)} hops): {' → '.join(names)}")
    for hop in shortest:
        _echo_hop(g, hop)
    click.echo(f"\nall simple paths up to {max_hops} hops: {len(paths)}")
    for i, hops in enumerate(paths, start=1):
        chain = [label(hops[0].source)] + [label(h.target) for h in hops]
        click.echo(f"{i}. {' → '.join(chain)}")
        for hop in hops:
            _echo_hop(g, hop, indent="   ")


@click.command()
@graph_option
@click.option("--class", "classes", multiple=True, help="Only rank this class (repeatable).")
@click.option("--top", type=click.IntRange(1), default=20, show_default=True)
@json_option
@handle_errors
def central(graph_path: Path, classes: tuple[str, ...], top: int, as_json: bool) -> None:
    """Rank entities by PageRank, with degree and betweenness.

    Example: kg central --class Fund --top 10
    """
    from kg import analysis

    rows = analysis.centrality(_network(graph_path), classes=list(classes) or None, top=top)
    if as_json:
        _echo_json(rows)
        return
    _table("most central entities", ["#", "entity", "class", "degree", "pagerank", "betweenness"],
           [[i, r["label"], r["class"], r["degree"], f"{r['pagerank']:.4f}",
             f"{r['betweenness']:.4f}"] for i, r in enumerate(rows, start=1)])


@click.command()
@graph_option
@click.option("--top", type=click.IntRange(1), default=5, show_default=True,
              help="Top entities shown per community.")
@click.option("--seed", type=int, default=42, show_default=True, help="Louvain seed.")
@click.option("--min-size", type=click.IntRange(1), default=2, show_default=True,
              help="Hide smaller communities.")
@json_option
@handle_errors
def communities(graph_path: Path, top: int, seed: int, min_size: int, as_json: bool) -> None:
    """Find communities (Louvain) and show each one's size and most central entities.

    Example: kg communities --top 3
    """
    from kg import analysis

    g = _network(graph_path)
    found = [c for c in analysis.communities(g, seed=seed) if len(c.members) >= min_size]
    if as_json:
        _echo_json([{"id": c.id, "size": len(c.members),
                     "top": [g.nodes[n]["label"] for n in c.top(top)],
                     "members": [{"label": g.nodes[n]["label"], "class": g.nodes[n]["class"],
                                  "iri": n} for n in c.members]} for c in found])
        return
    _table(f"{len(found)} communities", ["#", "size", "top entities"],
           [[c.id, len(c.members), "、".join(g.nodes[n]["label"] for n in c.top(top))]
            for c in found])


@click.command()
@graph_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv", "jsonld"]),
              required=True, help="Output format (csv writes nodes.csv and edges.csv).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output file (for csv: a folder).")
@handle_errors
def export(graph_path: Path, fmt: str, output: Path) -> None:
    """Export the entity network for Gephi, spreadsheets or linked-data tools.

    Example: kg export --format gexf -o build/innokg.gexf
    """
    from kg.export import export as write

    for written in write(_network(graph_path), fmt, output):
        click.echo(f"wrote {written}", err=True)
