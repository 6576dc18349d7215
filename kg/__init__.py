"""InnoKG: Chinese news about innovation ecosystems -> an RDF knowledge graph.

The pipeline is a chain of plain functions, one module per stage::

    ingest.read_articles -> extract.extract_articles -> resolve.resolve_entities
        -> build.build_graph -> store / query / viz / analysis

Nothing heavy is imported here, so ``kg --help`` stays fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "load"]


def load(path=None):
    """Load a built graph for exploration (see :class:`kg.api.KnowledgeGraph`)."""
    from kg.api import load as _load

    return _load(path)
