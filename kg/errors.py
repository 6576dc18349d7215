"""Errors raised by the library; the CLI turns them into one-line messages.

Each error has a code people can grep for, spaCy style: ``[E101] seeds/a.txt: file is empty``.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error the library raises on purpose."""

    code = "E000"

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(KGError):
    """An input file or folder cannot be read as articles."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class UndecodableInput(InputError):
    code = "E103"


class MissingInput(InputError):
    code = "E104"


class NoArticles(InputError):
    code = "E105"


class ResourceError(KGError):
    """A rule, gazetteer or pattern file is malformed."""

    code = "E200"


class GraphError(KGError):
    """A graph file cannot be read or written."""

    code = "E300"


class ValidationFailed(KGError):
    code = "E301"


class QueryError(KGError):
    """A SPARQL query is malformed, not allowed, or failed."""

    code = "E400"


class QuerySyntaxError(QueryError):
    code = "E401"


class UpdateRefused(QueryError):
    code = "E402"


class QueryTimeout(QueryError):
    code = "E403"


class UnknownQuery(QueryError):
    code = "E404"


class EndpointError(QueryError):
    code = "E405"


class UnknownEntity(KGError):
    code = "E500"
