"""``kg ingest``: read article files, report what was found, optionally write JSON lines."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import click

from kg.commands.common import handle_errors
from kg.model import Article


def article_record(article: Article) -> dict:
    """One JSON-lines object: id, metadata, text, sections, suspicious spans, offsets.

    ``offsets`` is run-length compressed: ``[[text_start, source_start, length], ...]`` for runs
    where both advance by one.
    """
    return {
        "id": article.id,
        "file_name": article.file_name,
        "path": article.path,
        "encoding": article.encoding,
        "content_hash": article.content_hash,
        "source": article.source,
        "published": article.published,
        "date_basis": article.date_basis,
        "headline": article.headline,
        "repairs": dict(article.repairs),
        "sections": [
            {"start": s.start, "end": s.end, "headline": s.headline} for s in article.sections
        ],
        "suspicious": [
            {"start": s.start, "end": s.end, "kind": s.kind, "note": s.note}
            for s in article.suspicious
        ],
        "text": article.text,
        "offsets": compress_offsets(article.offsets),
    }


def compress_offsets(offsets: tuple[int, ...]) -> list[list[int]]:
    """Run-length encode offsets as ``[text_start, source_start, length]`` runs.

    >>> compress_offsets((0, 1, 2, 5, 6, 6))
    [[0, 0, 3], [3, 5, 2], [5, 6, 1]]
    """
    runs: list[list[int]] = []
    for i, off in enumerate(offsets):
        if runs and off == runs[-1][1] + runs[-1][2] and i == runs[-1][0] + runs[-1][2]:
            runs[-1][2] += 1
        else:
            runs.append([i, off, 1])
    return runs


def expand_offsets(runs: list[list[int]]) -> list[int]:
    """Inverse of :func:`compress_offsets`."""
    return [src + k for _, src, n in runs for k in range(n)]


def write_jsonl(articles: list[Article], out_dir: Path) -> Path:
    """Write ``articles.jsonl`` into ``out_dir`` atomically (temp file + os.replace)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "articles.jsonl"
    fd, tmp = tempfile.mkstemp(prefix=".articles.", suffix=".tmp", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for article in articles:
                fh.write(json.dumps(article_record(article), ensure_ascii=False, sort_keys=True))
                fh.write("\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def describe(article: Article) -> list[str]:
    """Human-readable report lines for one article."""
    repairs = ", ".join(f"{k} {v}" for k, v in article.repairs) or "none"
    lines = [
        f"{article.file_name}: {article.encoding}, {len(article.text)} chars, "
        f"{len(article.sections)} sections, {len(article.suspicious)} suspicious spans",
        f"  source: {article.source or '-'}; published: {article.published or '-'}",
        f"  repairs: {repairs}",
    ]
    for n, s in enumerate(article.sections, 1):
        head = s.headline or article.text[s.start : min(s.end, s.start + 24)].replace("\n", " ") + "…"
        lines.append(f"  section {n} [{s.start}:{s.end}] {head}")
    for s in article.suspicious:
        snippet = article.text[s.start : s.end].replace("\n", " ")
        lines.append(f"  suspicious {s.kind} [{s.start}:{s.end}] {snippet}")
    return lines


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write normalized articles to DIR/articles.jsonl.")
@handle_errors
def ingest(paths: tuple[Path, ...], out_dir: Path | None) -> None:
    """Read article files (default seeds/) and report encoding, sections, repairs.

    Example: kg ingest seeds/ --out build/ingest
    """
    from kg.ingest import read_articles

    result = read_articles(list(paths) or [Path("seeds")])
    for err in result.errors:
        click.echo(f"Error: {err}", err=True)
    for article in result.articles:
        click.echo("\n".join(describe(article)))
    if out_dir is not None:
        target = write_jsonl(result.articles, out_dir)
        click.echo(f"wrote {len(result.articles)} articles to {target}")
    summary = f"ingested {len(result.articles)} file(s)"
    if result.errors:
        skipped = ", ".join(err.path or "?" for err in result.errors)
        summary += f"; skipped {len(result.errors)}: {skipped}"
    click.echo(summary, err=bool(result.errors))
