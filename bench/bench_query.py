"""Bundled queries: embedded pyoxigraph store vs rdflib memory store, median latency and ratio.

Runs on the seed graph (``build/innokg.ttl``, or ``--graph``) and on a synthetic graph of
``--triples`` triples (1,000,000 by default; ``--triples 100000`` for a quick run), in one run.
Not run by pytest.

    python bench/bench_query.py --triples 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kg.errors import QueryTimeout
from kg.sparql import Term, bundled_queries, load_query, parse_value
from kg.store import execute, open_graph, open_store, resolve_entity

IKG = "https://w3id.org/innokg/ontology#"
IKGR = "https://w3id.org/innokg/id/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#label"
RDFLIB_TIMEOUT = 120.0
SLOW = 10.0
"""Seconds: a warm-up slower than this is taken as the only sample (keeps runs short)."""
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def synthetic(path: Path, triples: int) -> Path:
    """A graph shaped like InnoKG: places, funds, programs, articles, mentions, evidence."""
    lines, n = [], 0
    districts = [f"{IKGR}district/d{i}" for i in range(20)]
    city = f"{IKGR}city/wuhan"
    lines += [f'<{city}> <{TYPE}> <{IKG}City> .', f'<{city}> <{RDFS}> "武汉市"@zh .']
    for i, d in enumerate(districts):
        lines += [f"<{d}> <{TYPE}> <{IKG}District> .", f'<{d}> <{RDFS}> "区{i}"@zh .',
                  f"<{d}> <{IKG}partOf> <{city}> ."]
    while len(lines) < triples:
        e = f"{IKGR}fund/f{n}"
        g = f"{IKGR}governmentbody/g{n % 500}"
        a = f"{IKGR}article/a{n // 20}"
        ev = f"{IKGR}evidence/e{n}"
        lines += [f"<{e}> <{TYPE}> <{IKG}Fund> .", f'<{e}> <{RDFS}> "基金{n}"@zh .',
                  f'<{e}> <{IKG}fundSize> "{(n * 7919) % 10**10}"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
                  f"<{e}> <{IKG}locatedIn> <{districts[n % 20]}> .",
                  f"<{e}> <{IKG}establishedBy> <{g}> .", f'<{g}> <{RDFS}> "政府{n % 500}"@zh .',
                  f"<{a}> <{TYPE}> <{IKG}Article> .", f"<{a}> <{IKG}mentions> <{e}> .",
                  f"<{ev}> <{TYPE}> <{IKG}Evidence> .", f"<{ev}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{e}> .",
                  f"<{ev}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <{IKG}locatedIn> .",
                  f"<{ev}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <{districts[n % 20]}> .",
                  f'<{ev}> <{IKG}sentence> "句子{n}" .', f"<{ev}> <http://www.w3.org/ns/prov#wasDerivedFrom> <{a}> ."]
        n += 1
    path.write_text("\n".join(lines[:triples]) + "\n", encoding="utf-8")
    return path


def params_for(name: str, entity: Term, other: Term) -> dict:
    """Parameters for a bundled query: required entity params get real IRIs of the graph."""
    table = {"located_in": {"place": entity}, "entity_facts": {"entity": entity},
             "link_paths": {"from": entity, "to": other}}
    return table.get(name, {})


def entity(backend, name: str) -> Term:
    """``<iri>`` as is, else the entity labelled ``name`` (resolved once, outside the timing)."""
    term = parse_value(name)
    return term if term.kind == "uri" else resolve_entity(backend, term)


def median_ms(func, repeat: int, first: float | None = None) -> float:
    """Median of ``repeat`` timed calls; a warm-up slower than SLOW s counts as the one sample."""
    if first is not None and first > SLOW:
        return first * 1000
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def bench(graph: Path, label: str, repeat: int, names: tuple[str, str]) -> list[float]:
    """Print one table; return the rdflib/oxigraph ratios of the queries both finished."""
    start = time.perf_counter()
    ox = open_store(graph, Path(tempfile.mkdtemp()) / "store")
    ox_load = time.perf_counter() - start
    start = time.perf_counter()
    rd = open_graph(graph)
    rd_load = time.perf_counter() - start
    print(f"\n## {label}: {graph} (load: oxigraph {ox_load:.2f} s, rdflib {rd_load:.2f} s)")
    first, second = entity(ox, names[0]), entity(ox, names[1])
    print(f"(params: {first.value}, {second.value}; ratio = rdflib ms / oxigraph ms, "
          "both measured in this run)")
    print(f"{'query':18} {'oxigraph ms':>12} {'rdflib ms':>12} {'ratio':>8}  rows")
    cases = {name: (load_query(name), params_for(name, first, second)) for name in bundled_queries()}
    ox_ms, ox_rows = {}, {}
    for name, (info, params) in cases.items():  # oxigraph first: no abandoned rdflib thread yet
        warm = timed(lambda info=info, params=params, name=name: ox_rows.__setitem__(
            name, len(execute(ox, info, params).rows)))
        ox_ms[name] = median_ms(lambda info=info, params=params: execute(ox, info, params), repeat,
                                warm)
    ratios = []
    for name, (info, params) in cases.items():
        t_ox, rows = ox_ms[name], ox_rows[name]
        try:
            warm = timed(lambda info=info, params=params:
                         execute(rd, info, params, timeout=RDFLIB_TIMEOUT))
        except QueryTimeout:  # the abandoned rdflib thread still runs: later rdflib numbers are upper bounds
            print(f"{name:18} {t_ox:12.1f} {'>' + str(RDFLIB_TIMEOUT) + ' s':>12} {'—':>8}  {rows}")
            continue
        t_rd = median_ms(lambda info=info, params=params: execute(rd, info, params), repeat, warm)
        ratios.append(t_rd / max(t_ox, 1e-6))
        print(f"{name:18} {t_ox:12.1f} {t_rd:12.1f} {ratios[-1]:7.1f}x  {rows}", flush=True)
    if ratios:
        print(f"geometric mean ratio (rdflib / oxigraph): {statistics.geometric_mean(ratios):.1f}x"
              f" over {len(ratios)} queries")
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graph", type=Path, default=Path("build/innokg.ttl"))
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rdflib-timeout", type=float, default=120.0,
                        help="give up on an rdflib query after this many seconds")
    args = parser.parse_args()
    global RDFLIB_TIMEOUT
    RDFLIB_TIMEOUT = args.rdflib_timeout
    if args.graph.is_file():
        bench(args.graph, "seed graph", args.repeat, ("硚口区", "武汉市"))
    else:
        print(f"(no seed graph at {args.graph}: run `kg build` first; skipped)")
    path = synthetic(Path(tempfile.mkdtemp()) / "synthetic.nt", args.triples)
    bench(path, f"synthetic {args.triples:,} triples", args.repeat,
          (f"<{IKGR}district/d3>", f"<{IKGR}governmentbody/g7>"))


if __name__ == "__main__":
    main()
