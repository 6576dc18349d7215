"""``kg query``, ``kg push`` and ``kg serve``: thin click wrappers around kg.store/remote/serve."""

from __future__ import annotations

import sys

import click

from kg.commands.common import handle_errors

FORMAT_CHOICES = ("table", "csv", "tsv", "json", "md", "xml")


def _list_queries() -> None:
    from kg.sparql import bundled_queries, parse_header

    for name, path in bundled_queries().items():
        info = parse_header(path.read_text(encoding="utf-8"), name)
        params = " ".join(f"{p.name}{'?' if p.optional else ''}" for p in info.params)
        click.echo(f"{name}{'  [' + params + ']' if params else ''}\n    {info.description}")


def _auth_options(func):
    func = click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic",
                        show_default=True, help="HTTP authentication scheme.")(func)
    func = click.option("--password", envvar="KG_ENDPOINT_PASSWORD",
                        help="Password (or env KG_ENDPOINT_PASSWORD).")(func)
    return click.option("--user", envvar="KG_ENDPOINT_USER", help="User for the endpoint.")(func)


@click.command()
@click.argument("query_spec", metavar="QUERY", required=False)
@click.option("--list", "list_", is_flag=True, help="List the bundled queries and exit.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME: <iri>, prefixed name, \"lit\"@lang, \"lit\"^^type, number, "
                   "else a plain literal (entity params also take a label).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="table",
              show_default=True, help="Output format (json/csv/tsv/xml: W3C results formats).")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds.")
@click.option("--limit", type=int, default=None, help="Rows to print (tables: 100).")
@click.option("-g", "--graph", "graph", type=click.Path(dir_okay=False),
              default="build/innokg.ttl", show_default=True, help="Graph file.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=None,
              help="pyoxigraph store folder [default: store/ next to the graph].")
@click.option("--backend", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph",
              show_default=True, help="Embedded store or rdflib's memory store.")
@click.option("--endpoint", metavar="URL", help="Query a remote SPARQL endpoint instead.")
@_auth_options
@handle_errors
def query(query_spec, list_, params, fmt, timeout, limit, graph, store_dir, backend, endpoint,
          user, password, auth):
    """Run a SPARQL query: inline text, a .rq file, '-' (stdin) or a bundled query name.

    Example: kg query located_in --param place=硚口区 --format csv
    """
    from kg.output import hidden_rows, render
    from kg.sparql import load_query, parse_params
    from kg.store import execute, open_backend

    if list_:
        _list_queries()
        return
    if not query_spec:
        raise click.UsageError("give a QUERY (SPARQL, a .rq file or a bundled name) or --list")
    info = load_query(query_spec)
    bindings = parse_params(params)
    if endpoint:
        from kg.remote import RemoteBackend

        engine = RemoteBackend(endpoint, user=user, password=password, auth=auth, timeout=timeout)
    else:
        engine = open_backend(graph, store_dir=store_dir, backend=backend)
    result = execute(engine, info, bindings, timeout=timeout)
    width = None if sys.stdout.isatty() else 200
    click.echo(render(result, fmt, limit, width), nl=False)
    hidden = hidden_rows(result, fmt, limit)
    if hidden:
        click.echo(f"… {hidden} more rows not shown (use --limit N or --format csv)", err=True)


@click.command()
@click.argument("graph", type=click.Path(dir_okay=False), default="build/innokg.ttl")
@click.option("--endpoint", required=True, metavar="URL",
              help="GSP URL (e.g. http://127.0.0.1:7878/store) or update URL for --method update.")
@click.option("--method", type=click.Choice(["gsp", "update"]), default="gsp",
              show_default=True, help="Graph Store Protocol or SPARQL Update (INSERT DATA).")
@click.option("--graph-iri", metavar="IRI", help="Named graph to write (default graph if absent).")
@click.option("--append", is_flag=True, help="Add to the graph instead of replacing it.")
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds per request.")
@_auth_options
@handle_errors
def push(graph, endpoint, method, graph_iri, append, timeout, user, password, auth):
    """Send the graph to a SPARQL server (Oxigraph, Virtuoso ...).

    Example: kg push --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --auth digest
    --user dba --graph-iri https://w3id.org/innokg/graph
    """
    from kg.remote import push_graph

    count = push_graph(graph, endpoint, method=method, graph_iri=graph_iri, replace=not append,
                       user=user, password=password, auth=auth, timeout=timeout)
    click.echo(f"pushed {count} triples to {endpoint}", err=True)


@click.command()
@click.option("-g", "--graph", "graph", type=click.Path(dir_okay=False),
              default="build/innokg.ttl", show_default=True, help="Graph file.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=None,
              help="pyoxigraph store folder [default: store/ next to the graph].")
@click.option("--backend", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph",
              show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback address only.")
@click.option("--port", type=int, default=7879, show_default=True)
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds per query.")
@click.option("--max-rows", type=int, default=10000, show_default=True,
              help="Result-size cap (rows or triples).")
@handle_errors
def serve(graph, store_dir, backend, host, port, timeout, max_rows):
    """Serve the graph read-only as a SPARQL 1.1 Protocol endpoint with a query page.

    Example: kg serve --port 7879   (then open http://127.0.0.1:7879/)
    """
    from kg.serve import make_server
    from kg.store import open_backend

    engine = open_backend(graph, store_dir=store_dir, backend=backend)
    server = make_server(engine, host=host, port=port, timeout=timeout, max_rows=max_rows)
    click.echo(f"SPARQL endpoint: http://{host}:{server.server_port}/sparql "
               f"(page: http://{host}:{server.server_port}/) — Ctrl-C to stop", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
