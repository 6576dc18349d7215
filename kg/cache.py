"""Incremental build cache: one extraction result per article, keyed by content and code.

The key of an article is a hash of the extraction code and rule files (:func:`rules_version`)
and of the normalized ``Article`` itself (text, offsets and metadata), so a changed article, a
changed rule file or a changed extraction module all miss the cache. Entries are pickles of
``ArticleResult`` written atomically under ``<cache_dir>/<key[:2]>/<key>.pkl``; an unreadable
entry is treated as a miss. Resolution and graph building always run on the whole corpus, so a
cached build equals a clean build.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from kg import __version__
from kg.model import Article, ArticleResult

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
CACHE_FORMAT = "1"

# modules that never change what extraction returns (graph side, views, commands)
_NOT_EXTRACTION = {
    "build.py", "cache.py", "cli.py", "graphio.py", "iris.py", "namespaces.py", "pipeline.py",
    "stats.py", "store.py", "validate.py", "viz.py", "analysis.py", "api.py", "output.py",
    "export.py", "sparql.py", "serve.py", "remote.py", "resolve.py", "__main__.py",
}
_NOT_RULES = {"ontology", "viz_styles.tsv", "queries", "templates"}


def _extraction_files() -> list[Path]:
    code = [p for p in PACKAGE.rglob("*.py")
            if p.name not in _NOT_EXTRACTION and "commands" not in p.relative_to(PACKAGE).parts]
    resources = PACKAGE / "resources"
    rules = [p for p in resources.rglob("*") if p.is_file()
             and not set(p.relative_to(resources).parts) & _NOT_RULES] if resources.is_dir() else []
    return sorted(p for p in code + rules if "__pycache__" not in p.parts)


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A hash of the package version, the extraction modules and the rule/gazetteer files."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\x1f{__version__}".encode())
    for path in _extraction_files():
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\x00")
        digest.update(path.read_bytes() + b"\x00")
    return digest.hexdigest()


def article_key(article: Article, version: str | None = None) -> str:
    """The cache key of one article: hash of the rules version and the normalized article."""
    digest = hashlib.sha256((version or rules_version()).encode() + b"\x1f")
    digest.update(repr(article).encode("utf-8"))
    return digest.hexdigest()


class ExtractionCache:
    """Extraction results on disk, one pickle per article key."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.version = rules_version()

    def _path(self, article: Article) -> Path:
        key = article_key(article, self.version)
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, article: Article) -> ArticleResult | None:
        """The cached result for ``article``, or None (missing or unreadable entry)."""
        path = self._path(article)
        if not path.is_file():
            return None
        try:
            result = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError) as err:
            log.warning("cache: ignoring unreadable entry %s (%s)", path, err)
            return None
        return result if isinstance(result, ArticleResult) and result.article == article else None

    def put(self, article: Article, result: ArticleResult) -> None:
        """Store ``result`` for ``article`` (atomically; a write failure only logs)."""
        path = self._path(article)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as err:
            log.warning("cache: cannot write %s (%s)", path, err)
