"""Ingest: files -> normalized ``Article`` objects.

MINIMAL PLACEHOLDER (to be deepened): UTF-8 only, naive line joining, OpenCC t2s.
Public contract used by later stages:

    read_articles(paths) -> IngestResult(articles=[Article...], errors=[KGError...])
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import EmptyInput, KGError, MissingInput, NoArticles
from kg.model import Article


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[KGError] = field(default_factory=list)


def list_files(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.suffix == ".txt"))
        elif p.exists():
            files.append(p)
        else:
            raise MissingInput("no such file or folder", str(p))
    return files


def read_articles(paths: Sequence[str | Path]) -> IngestResult:
    from opencc import OpenCC

    t2s = OpenCC("t2s")
    result = IngestResult()
    for f in list_files(paths):
        raw = f.read_bytes()
        if not raw.strip():
            result.errors.append(EmptyInput("file is empty", str(f)))
            continue
        text = raw.decode("utf-8-sig")
        text = re.sub(r"\(([a-zü]+[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)", "", text)
        text = re.sub(r"(?<=[\u4e00-\u9fff，、])\n(?=[\u4e00-\u9fff])", "", text)
        text = t2s.convert(text)
        result.articles.append(
            Article(
                id=f.stem,
                path=str(f),
                file_name=f.name,
                text=text,
                encoding="utf-8",
                content_hash=hashlib.sha256(raw).hexdigest(),
                offsets=tuple(range(len(text))),
            )
        )
    if not result.articles:
        raise NoArticles("no articles could be read", ", ".join(map(str, paths)))
    return result
