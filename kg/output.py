"""Render query results: table (rich), W3C SPARQL 1.1 JSON / CSV / TSV / XML, Markdown, N-Triples.

``json``, ``csv``, ``tsv`` and ``xml`` follow the W3C SPARQL 1.1 results formats exactly;
``table`` and ``md`` are for people (prefixed names, plain values, label columns before the
IRIs they name, long IRIs cut in tables, a row limit for tables).
CONSTRUCT/DESCRIBE results are written as N-Triples in every format but ``json``.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from kg.errors import QueryError
from kg.sparql import NUMERIC, QueryResult, Term, escape_string, shorten

FORMATS = ("table", "csv", "tsv", "json", "md", "xml")
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "md": "text/markdown",
    "table": "text/plain",
    "nt": "application/n-triples",
}
TABLE_LIMIT = 100
"""Rows shown in a table unless ``--limit`` says otherwise."""


def display(term: Term | None) -> str:
    """A short human form: prefixed IRIs, plain literal values, ``_:`` blank nodes.

    >>> display(Term.uri("https://w3id.org/innokg/ontology#fundSize"))
    'ikg:fundSize'
    """
    if term is None:
        return ""
    if term.kind == "uri":
        return shorten(term.value)
    if term.kind == "bnode":
        return f"_:{term.value}"
    return term.value


def to_json(result: QueryResult) -> str:
    """W3C SPARQL 1.1 Query Results JSON (Chinese kept as is)."""
    if result.kind == "ask":
        data: dict = {"head": {}, "boolean": result.boolean}
    elif result.kind == "graph":
        raise QueryError("CONSTRUCT/DESCRIBE results have no JSON results form; use --format "
                         "table/csv/tsv/md (N-Triples)")
    else:
        bindings = [{v: _json_term(t) for v, t in zip(result.variables, row, strict=True)
                     if t is not None} for row in result.rows]
        data = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    out = {"type": term.kind, "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.datatype:
        out["datatype"] = term.datatype
    return out


def to_csv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 CSV: header of variable names, plain values, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if t.kind == "bnode" else t.value)
                         for t in row])
    return buffer.getvalue()


def tsv_term(term: Term | None) -> str:
    """A term as written in SPARQL 1.1 TSV (Turtle syntax; numbers bare).

    >>> tsv_term(Term.literal("3000000000.5", datatype="http://www.w3.org/2001/XMLSchema#decimal"))
    '3000000000.5'
    """
    if term is None:
        return ""
    if term.kind == "literal" and term.datatype in NUMERIC and _is_bare_number(term):
        return term.value
    return term.n3()


def _is_bare_number(term: Term) -> bool:
    import re

    patterns = {"integer": r"[+-]?\d+", "decimal": r"[+-]?\d*\.\d+",
                "double": r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+"}
    return bool(re.fullmatch(patterns[term.datatype.rsplit("#", 1)[1]], term.value))


def to_tsv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 TSV: ``?var`` header, terms in Turtle form, LF line ends."""
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_xml(result: QueryResult) -> str:
    """W3C SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>"
                                      for v in result.variables) + "</head>")
        out.append("<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(result.variables, row, strict=True) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _xml_term(term: Term) -> str:
    if term.kind == "uri":
        return f"<uri>{xml_escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    attr = (f" xml:lang={quoteattr(term.lang)}" if term.lang
            else f" datatype={quoteattr(term.datatype)}" if term.datatype else "")
    return f"<literal{attr}>{xml_escape(term.value)}</literal>"


def to_ntriples(result: QueryResult) -> str:
    """CONSTRUCT/DESCRIBE triples as sorted N-Triples."""
    return "".join(sorted(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in result.triples or []))


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def to_markdown(result: QueryResult, limit: int | None = None) -> str:
    """A GitHub Markdown table (``|`` escaped, newlines folded)."""
    if result.kind == "ask":
        return "| boolean |\n|---|\n| " + ("true" if result.boolean else "false") + " |\n"
    order = label_first(result.variables)
    rows = result.rows[:limit] if limit is not None else result.rows
    lines = ["| " + " | ".join(result.variables[i] for i in order) + " |",
             "|" + "---|" * len(result.variables)]
    lines += ["| " + " | ".join(_md_cell(display(row[i])) for i in order) + " |" for row in rows]
    return "\n".join(lines) + "\n"


IRI_WIDTH = 36
"""Table cells of IRI columns that have a label column are cut to this width (…)."""


def label_partners(variables: list[str]) -> dict[str, str]:
    """IRI column -> its label column: ``xName`` for ``x``; ``name`` for the first column.

    >>> sorted(label_partners(["fund", "name", "size", "where", "whereName"]).items())
    [('fund', 'name'), ('where', 'whereName')]
    """
    partners = {v: v + "Name" for v in variables if v + "Name" in variables}
    if variables and "name" in variables and variables[0] != "name":
        partners.setdefault(variables[0], "name")
    return partners


def label_first(variables: list[str]) -> list[int]:
    """Column order for people: each label column right before the IRI column it names.

    >>> label_first(["thing", "name", "class", "where", "whereName"])
    [1, 0, 2, 4, 3]
    """
    partners = label_partners(variables)
    labels = set(partners.values())
    order: list[int] = []
    for i, name in enumerate(variables):
        if name in labels:
            continue
        if name in partners:
            order.append(variables.index(partners[name]))
        order.append(i)
    order += [i for i, name in enumerate(variables) if name in labels and i not in order]
    return order


def to_table(result: QueryResult, limit: int | None = TABLE_LIMIT, width: int | None = None) -> str:
    """A rich table (wide Chinese characters measured correctly) as text."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    table = Table(show_lines=False)
    order, named = label_first(result.variables), label_partners(result.variables)
    for i in order:
        name = result.variables[i]
        if name in named:  # the label column shows what it is; keep the IRI short
            table.add_column(escape(name), overflow="ellipsis", no_wrap=True, max_width=IRI_WIDTH)
        else:
            table.add_column(escape(name), overflow="fold")
    rows = result.rows[:limit] if limit is not None else result.rows
    for row in rows:
        table.add_row(*(escape(display(row[i])) for i in order))
    console = Console(file=io.StringIO(), width=width or 200, color_system=None,
                      force_terminal=False, legacy_windows=False)
    console.print(table)
    return console.file.getvalue()


def render(result: QueryResult, fmt: str, limit: int | None = None,
           width: int | None = None) -> str:
    """Render ``result`` in ``fmt``; ``limit`` caps the rows (tables default to 100)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if result.kind == "graph" and fmt != "json":
        return to_ntriples(result)
    if limit is not None and result.kind == "select" and fmt not in ("table", "md"):
        result = QueryResult(result.variables, result.rows[:limit])
    if fmt == "table":
        return to_table(result, TABLE_LIMIT if limit is None else limit, width)
    if fmt == "md":
        return to_markdown(result, limit)
    return {"json": to_json, "csv": to_csv, "tsv": to_tsv, "xml": to_xml}[fmt](result)


def hidden_rows(result: QueryResult, fmt: str, limit: int | None) -> int:
    """How many rows :func:`render` leaves out (for a note on stderr)."""
    if result.kind != "select":
        return 0
    cap = TABLE_LIMIT if (limit is None and fmt == "table") else limit
    return max(0, len(result.rows) - cap) if cap is not None else 0


__all__ = ["FORMATS", "MEDIA_TYPES", "render", "hidden_rows", "display", "escape_string"]
