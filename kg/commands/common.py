"""Helpers shared by the click commands: error handling and progress."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

from kg.errors import KGError

T = TypeVar("T")


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into ``Error: [Exxx] file: message`` and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KGError as err:
            raise click.ClickException(str(err)) from err

    return wrapper


def progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Iterate with a rich progress bar on stderr (one final line when not a terminal)."""
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    if not console.is_terminal:
        yield from items
        return
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)
