"""SPARQL text handling: terms, query headers, read-only checks and safe parameter binding.

No SPARQL engine is imported here (that is :mod:`kg.store`); this module only looks at the
query text. Parameters are RDF terms: the engines bind them natively (pyoxigraph
substitutions, rdflib ``initBindings``); for remote endpoints :func:`inject_values` adds an
inline ``VALUES`` block whose terms are serialized with full escaping, never pasted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import QueryError, QuerySyntaxError, UnknownQuery, UpdateRefused

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
QUERIES_DIR = Path(__file__).resolve().parent / "queries"

PREFIXES: dict[str, str] = {
    "ikg": "https://w3id.org/innokg/ontology#",
    "ikgr": "https://w3id.org/innokg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
}
"""Prefixes known to ``--param`` values and used to shorten IRIs in tables."""

NUMERIC = {XSD + "integer", XSD + "decimal", XSD + "double"}
UPDATE_WORDS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
QUERY_WORDS = {"select", "construct", "describe", "ask"}


# ----------------------------------------------------------------------------- terms


@dataclass(frozen=True, order=True)
class Term:
    """An RDF term independent of the engine: ``kind`` is ``uri``, ``literal`` or ``bnode``.

    Simple literals have ``datatype`` None (``xsd:string`` is normalized away), language-tagged
    ones a ``lang`` and no datatype.

    >>> Term.literal('say "hi"').n3()
    '"say \\\\"hi\\\\""'
    """

    kind: str
    value: str
    lang: str | None = None
    datatype: str | None = None

    @classmethod
    def uri(cls, value: str) -> Term:
        return cls("uri", value)

    @classmethod
    def literal(cls, value: str, lang: str | None = None, datatype: str | None = None) -> Term:
        if lang:
            return cls("literal", value, lang.lower(), None)
        if datatype in (XSD + "string", RDF_LANGSTRING):
            datatype = None
        return cls("literal", value, None, datatype)

    @classmethod
    def bnode(cls, value: str) -> Term:
        return cls("bnode", value)

    def n3(self, ascii_only: bool = False) -> str:
        """The N-Triples form (escaped); safe to place in SPARQL text.

        ``ascii_only`` writes non-ASCII characters of literals as ``\\uXXXX`` escapes
        (some servers decode query text as Latin-1).
        """
        if self.kind == "uri":
            return f"<{check_iri(self.value)}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        value = escape_string(self.value)
        if ascii_only:
            value = "".join(ch if ord(ch) < 128 else (f"\\u{ord(ch):04X}" if ord(ch) < 0x10000
                            else f"\\U{ord(ch):08X}") for ch in value)
        text = f'"{value}"'
        if self.lang:
            return f"{text}@{self.lang}"
        return f"{text}^^<{check_iri(self.datatype)}>" if self.datatype else text


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_string(text: str) -> str:
    r"""Escape a string for a double-quoted SPARQL/N-Triples literal.

    >>> escape_string('a"} ; DROP ALL\n')
    'a\\"} ; DROP ALL\\n'
    """
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def check_iri(value: str | None) -> str:
    """Return ``value`` if it can be written as ``<value>``, else raise QueryError."""
    if not value or _BAD_IRI.search(value):
        raise QueryError(f"not a valid IRI: {value!r}")
    return value


def shorten(iri: str) -> str:
    """A prefixed name for display when a known prefix fits, else ``<iri>``.

    >>> shorten("https://w3id.org/innokg/ontology#Fund")
    'ikg:Fund'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[\w.\-/]*", iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


# ----------------------------------------------------------------------------- results


@dataclass
class QueryResult:
    """Rows of terms (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] | None = None
    truncated: bool = False

    @property
    def kind(self) -> str:
        if self.boolean is not None:
            return "ask"
        return "graph" if self.triples is not None else "select"

    def dicts(self) -> list[dict[str, Term]]:
        """Rows as ``{variable: term}`` without unbound variables."""
        return [{v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
                for row in self.rows]


# ----------------------------------------------------------------------------- headers


@dataclass(frozen=True)
class Param:
    """A parameter declared in a query header: ``# param NAME: KIND [optional] -- text``."""

    name: str
    kind: str = "any"
    optional: bool = False
    description: str = ""


@dataclass(frozen=True)
class QueryInfo:
    """A query's text with what its leading comment says it answers and which params it takes."""

    name: str
    text: str
    description: str
    params: tuple[Param, ...] = ()
    source: str = "<query>"


_PARAM_LINE = re.compile(
    r"#\s*param\s+(\w+)\s*:\s*(entity|literal|number|iri|any)\s*(optional)?\s*(?:--|—)?\s*(.*)",
    re.I)


def parse_header(text: str, name: str = "query", source: str = "<query>") -> QueryInfo:
    """Read the leading ``#`` comment block: description lines and ``# param`` lines.

    >>> info = parse_header("# Funds by size.\\n# param min: number optional -- floor\\nSELECT ...")
    >>> info.description, info.params[0].name, info.params[0].optional
    ('Funds by size.', 'min', True)
    """
    description: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _PARAM_LINE.fullmatch(stripped)
        if match:
            params.append(Param(match[1], match[2].lower(), bool(match[3]), match[4].strip()))
        else:
            description.append(stripped.lstrip("#").strip())
    return QueryInfo(name, text, " ".join(d for d in description if d), tuple(params), source)


# ----------------------------------------------------------------------------- lexing


_TOKEN = re.compile(
    r'(?P<ws>\s+)|(?P<comment>#[^\n]*)'
    r'|(?P<str>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\s]*>)'
    r'|(?P<var>[?$][\w]+)'
    r'|(?P<word>[A-Za-z_][\w\-.]*:?[\w\-.]*|\S)',
    re.S)


def tokens(text: str) -> list[tuple[str, str, int]]:
    """Significant tokens ``(kind, text, offset)``: comments and whitespace dropped."""
    found = []
    for match in _TOKEN.finditer(text):
        if match.lastgroup not in ("ws", "comment"):
            found.append((match.lastgroup or "word", match.group(), match.start()))
    return found


def query_form(text: str, source: str = "<query>") -> str:
    """``select``, ``construct``, ``describe`` or ``ask``; refuses updates (read-only).

    >>> query_form("PREFIX a: <x:> SELECT * { ?s ?p ?o }")
    'select'
    """
    toks = tokens(text)
    i = 0
    while i < len(toks):
        word = toks[i][1].lower()
        if word == "prefix":
            i += 3
        elif word == "base":
            i += 2
        elif word in QUERY_WORDS:
            return word
        elif word in UPDATE_WORDS:
            raise UpdateRefused(f"{toks[i][1].upper()} is an update; queries here are read-only "
                                "(SELECT, ASK, CONSTRUCT, DESCRIBE)", source)
        else:
            break
    raise QuerySyntaxError("expected SELECT, ASK, CONSTRUCT or DESCRIBE"
                           + (f" at {position(text, toks[i][2])}" if i < len(toks) else ""),
                           source)


def position(text: str, offset: int) -> str:
    """``line L, column C`` (1-based) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


_OX_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def syntax_error(message: str, source: str = "<query>") -> QuerySyntaxError:
    """A QuerySyntaxError with ``line L, column C`` from an engine message."""
    match = _OX_POSITION.search(message)
    if match:
        message = f"syntax error at line {match[1]}, column {match[2]}: {_short(match[3])}"
    else:
        message = f"syntax error: {_short(message)}"
    return QuerySyntaxError(message, source)


def _short(text: str, limit: int = 160) -> str:
    """One line of at most ``limit`` characters (engines list every expected token)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def variables_in(text: str) -> set[str]:
    """Names of the variables used in a query."""
    return {t[1][1:] for t in tokens(text) if t[0] == "var"}


def inject_values(text: str, bindings: dict[str, Term], source: str = "<query>",
                  ascii_only: bool = False) -> str:
    """Bind variables with an inline ``VALUES`` block at the start of the WHERE group.

    Terms are written with :meth:`Term.n3` (escaped), so a value can never change the query.

    >>> inject_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Term.literal('x"}')})
    'SELECT ?s WHERE { VALUES (?o) { ("x\\\\"}") } ?s ?p ?o }'
    """
    if not bindings:
        return text
    names = sorted(bindings)
    block = (" VALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
             + " ".join(bindings[n].n3(ascii_only) for n in names) + ") }")
    at = _where_start(text, source)
    return text[:at] + block + text[at:]


def _where_start(text: str, source: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group."""
    form = query_form(text, source)
    toks = tokens(text)
    depth, parens, skip_template = 0, 0, form == "construct"
    for kind, tok, offset in toks:
        low = tok.lower()
        if kind != "word":
            continue
        if low == "where" and depth == 0:
            skip_template = False
        elif tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif tok == "{" and parens == 0:
            if depth == 0 and not skip_template:
                return offset + 1
            depth += 1
        elif tok == "}" and parens == 0:
            depth -= 1
            if depth == 0 and skip_template:
                skip_template = False
    raise QueryError("cannot bind parameters: the query has no WHERE group", source)


# ----------------------------------------------------------------------------- parameters


_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(<[^>]*>|\w+:\w+))?',
                     re.S)
_UNESCAPE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "'": "'"}


def parse_value(text: str) -> Term:
    """A ``--param`` value as an RDF term.

    ``<iri>`` and known prefixed names are IRIs; ``"x"@lang`` and ``"x"^^type`` typed
    literals; integers, decimals and doubles numbers; anything else a plain literal.

    >>> parse_value("<https://w3id.org/innokg/id/x>").kind
    'uri'
    >>> parse_value("42").datatype
    'http://www.w3.org/2001/XMLSchema#integer'
    >>> parse_value('x"} ; DROP ALL').value
    'x"} ; DROP ALL'
    """
    if re.fullmatch(r"<[^<>\s]*>", text):
        return Term.uri(check_iri(text[1:-1]))
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and re.fullmatch(r"[\w.\-/]+", local):
        return Term.uri(PREFIXES[prefix] + local)
    match = _QUOTED.fullmatch(text)
    if match:
        value = re.sub(r"\\(.)", lambda m: _UNESCAPE.get(m[1], m[1]), match[1])
        datatype = match[3]
        if datatype:
            datatype = datatype[1:-1] if datatype.startswith("<") else parse_value(datatype).value
        return Term.literal(value, lang=match[2], datatype=datatype and check_iri(datatype))
    for pattern, datatype in ((r"[+-]?\d+", "integer"), (r"[+-]?\d*\.\d+", "decimal"),
                              (r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+", "double")):
        if re.fullmatch(pattern, text):
            return Term.literal(text, datatype=XSD + datatype)
    return Term.literal(text)


def parse_params(items: tuple[str, ...] | list[str]) -> dict[str, Term]:
    """``["name=value", ...]`` -> ``{name: Term}``; raises QueryError on a malformed item."""
    params: dict[str, Term] = {}
    for item in items:
        name, eq, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not eq or not re.fullmatch(r"\w+", name):
            raise QueryError(f"bad --param {item!r}: expected name=value")
        params[name] = parse_value(value)
    return params


def check_params(info: QueryInfo, params: dict[str, Term]) -> None:
    """Every given param is a variable of the query; every required declared param is given."""
    used = variables_in(info.text)
    for name in params:
        if name not in used:
            declared = ", ".join(p.name for p in info.params)
            hint = f" (its params: {declared})" if declared else ""
            raise QueryError(f"--param {name}: the query has no variable ?{name}{hint}", info.source)
    missing = [p.name for p in info.params if not p.optional and p.name not in params]
    if missing:
        hint = " ".join(f"--param {m}=…" for m in missing)
        raise QueryError(f"query {info.name!r} needs {hint}", info.source)


# ----------------------------------------------------------------------------- finding queries


def bundled_queries() -> dict[str, Path]:
    """Bundled query names -> files under ``kg/queries``."""
    return {p.stem: p for p in sorted(QUERIES_DIR.glob("*.rq"))}


def load_query(spec: str) -> QueryInfo:
    """A query from inline SPARQL, a ``.rq`` file, ``-`` (stdin) or a bundled query name."""
    import sys

    if spec == "-":
        return parse_header(sys.stdin.read(), "stdin", "<stdin>")
    bundled = bundled_queries()
    name = spec[:-3] if spec.endswith(".rq") else spec
    path = Path(spec)
    if spec.endswith(".rq") and path.is_file():
        return _read_file(path)
    if name in bundled and not path.is_file():
        return _read_file(bundled[name], name)
    if re.search(r"[\s{]", spec):
        return parse_header(spec, "inline", "<query>")
    known = ", ".join(bundled) or "none"
    raise UnknownQuery(f"no query file or bundled query named {spec!r} (bundled: {known}); "
                       "try `kg query --list`")


def _read_file(path: Path, name: str | None = None) -> QueryInfo:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"cannot read query: {err}", str(path)) from err
    return parse_header(text, name or path.stem, str(path))
