"""Extraction throughput (characters/s) against plain ``jieba.lcut`` of the same text, same run.

    python bench/bench_extract.py [PATH ...]     # default: seeds/

Prints chars/s for jieba.lcut, for entity extraction (spaCy + rule components + in-article
coreference, no relations) and for the full extract_article (with relations), and the ratios.
Each is the best of --repeat runs after one warm-up (pipeline and jieba dictionary loaded).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["seeds"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import jieba

    from kg.extract import extract_article, make_nlp
    from kg.extract.components import KEY, boundaries
    from kg.extract.local import choose, group, to_model
    from kg.ingest import read_articles

    t0 = time.perf_counter()
    articles = read_articles(args.paths).articles
    t1 = time.perf_counter()
    nlp = make_nlp()
    t2 = time.perf_counter()
    chars = sum(len(a.text) for a in articles)

    def entities_only() -> None:
        for a in articles:
            doc = nlp(a.text)
            to_model(a, group(a, choose(doc.user_data.get(KEY, []), a), boundaries(doc)))

    def full() -> None:
        for a in articles:
            extract_article(a, nlp)

    def lcut() -> None:
        for a in articles:
            jieba.lcut(a.text)

    cold = best(full, 1)  # first pass fills the POS cache of candidate windows
    base = best(lcut, args.repeat)
    ent = best(entities_only, args.repeat)
    whole = best(full, args.repeat)
    print(
        f"{len(articles)} articles, {chars} chars; ingest {t1 - t0:.2f}s, make_nlp {t2 - t1:.2f}s, first extract {cold:.2f}s"
    )
    print(f"jieba.lcut           {chars / base:12,.0f} chars/s")
    print(
        f"entities (no rels)   {chars / ent:12,.0f} chars/s   speed ratio vs jieba {base / ent:.2f} ({ent / base:.1f}x the time)"
    )
    print(
        f"extract_article      {chars / whole:12,.0f} chars/s   speed ratio vs jieba {base / whole:.2f} ({whole / base:.1f}x the time)"
    )


if __name__ == "__main__":
    main()
