"""The ``kg`` command line: a click group whose commands are imported only when used.

Commands live in ``kg/commands/<stage>.py``; this module only wires them up, so
``kg --help`` stays fast (no spaCy, rdflib or pyvis import).
"""

from __future__ import annotations

import importlib
import logging

import click

from kg import __version__

# command name -> "module:attribute"; each command module holds thin click wrappers only.
COMMANDS: dict[str, str] = {
    "build": "kg.commands.graph:build",
    "validate": "kg.commands.graph:validate",
    "stats": "kg.commands.graph:stats",
    "ingest": "kg.commands.ingest:ingest",
    "extract": "kg.commands.extract:extract",
    "eval": "kg.commands.extract:evaluate",
    "query": "kg.commands.query:query",
    "push": "kg.commands.query:push",
    "serve": "kg.commands.query:serve",
    "viz": "kg.commands.viz:viz",
    "neighbors": "kg.commands.viz:neighbors",
    "path": "kg.commands.viz:path",
    "central": "kg.commands.viz:central",
    "communities": "kg.commands.viz:communities",
    "export": "kg.commands.viz:export",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is listed or run."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """InnoKG: turn Chinese news about innovation ecosystems into a knowledge graph.

    Start with `kg build` (seeds/ -> build/innokg.ttl and build/innokg.html),
    then `kg query --list`, `kg viz`, `kg path A B`.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    ctx.ensure_object(dict)["verbose"] = verbose
