"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pySHACL).

The ontology is passed as ``ont_graph`` so ``rdfs:subClassOf`` links are visible to
``sh:class``/``sh:targetClass`` (a ``ikg:Fund`` is an ``ikg:Organization``); no inference is
materialized into the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import GraphError

if TYPE_CHECKING:
    from rdflib import Graph


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the message, the severity."""

    focus: str
    path: str
    message: str
    severity: str
    value: str = ""


@dataclass
class ValidationReport:
    """The outcome of :func:`validate_graph`."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def summary(self) -> str:
        """One line: conforms, or how many violations."""
        if self.conforms:
            return f"conforms: {self.triples} triples, 0 violations"
        return f"does not conform: {len(self.violations)} violation(s) in {self.triples} triples"


def _load_shapes(shapes: str | Path | None) -> Graph:
    from rdflib import Graph

    from kg.graphio import ontology_file

    path = Path(shapes) if shapes else ontology_file("shapes.ttl")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as err:  # rdflib's BadSyntax and friends
        raise GraphError(f"shapes file is not valid Turtle: {err}", str(path)) from err


def _short(term: object, graph: Graph) -> str:
    from rdflib import BNode, URIRef

    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except ValueError:
            return f"<{term}>"
    if isinstance(term, BNode):
        return "(path expression)"
    return "" if term is None else str(term)


def _violations(results: Graph, data: Graph) -> list[Violation]:
    from rdflib import RDF, SH

    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        values = {p: results.value(result, p) for p in (
            SH.resultMessage, SH.sourceConstraintComponent, SH.focusNode, SH.resultPath,
            SH.resultSeverity, SH.value)}
        message = values[SH.resultMessage] or _short(values[SH.sourceConstraintComponent], data)
        found.append(Violation(
            focus=_short(values[SH.focusNode], data),
            path=_short(values[SH.resultPath], data),
            message=str(message),
            severity=str(values[SH.resultSeverity]).rsplit("#", 1)[-1],
            value=_short(values[SH.value], data),
        ))
    return sorted(found, key=lambda v: (v.focus, v.path, v.message, v.value))


def validate_graph(data: Graph, shapes: str | Path | None = None) -> ValidationReport:
    """Validate ``data`` against the SHACL shapes (default: the packaged ``shapes.ttl``)."""
    from pyshacl import validate
    from rdflib import Graph

    from kg.graphio import ontology_file

    ontology = Graph().parse(ontology_file(), format="turtle")
    conforms, results, _ = validate(
        data, shacl_graph=_load_shapes(shapes), ont_graph=ontology, inference="none",
        advanced=True, allow_warnings=False, abort_on_first=False,
    )
    return ValidationReport(bool(conforms), _violations(results, data), len(data))


def validate_file(path: str | Path, shapes: str | Path | None = None) -> ValidationReport:
    """Load a graph file (any supported format) and validate it."""
    from kg.graphio import load_graph

    return validate_graph(load_graph(path), shapes)
