"""Synthetic entity networks shaped like ``kg.analysis.to_networkx`` output (tests, bench).

A scale-free-ish sparse graph with InnoKG classes, Chinese labels and one evidence sentence
per edge; seeded, so the same ``n`` gives the same network.
"""

from __future__ import annotations

import random

import networkx as nx

CLASSES = ("Company", "Fund", "Park", "District", "University", "Program", "Person", "Sector")
PROPERTIES = ("locatedIn", "investsIn", "partnerOf", "establishedBy", "sector")


def synthetic_network(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """``n`` entities, about 2 links each."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 2, seed=seed) if n > 2 else nx.path_graph(n)
    g = nx.MultiDiGraph()
    for i in range(n):
        cls = CLASSES[i % len(CLASSES)]
        g.add_node(f"https://w3id.org/innokg/id/syn-{i:05d}", label=f"实体{i}号{cls}",
                   aliases=[f"别名{i}"], label_en=f"Entity {i}", pinyin="", facts={},
                   evidence=[], **{"class": cls})
    for a, b in sorted(base.edges()):
        prop = rng.choice(PROPERTIES)
        s, o = f"https://w3id.org/innokg/id/syn-{a:05d}", f"https://w3id.org/innokg/id/syn-{b:05d}"
        record = {"sentence": f"实体{a}号与实体{b}号{prop}。", "article": "https://w3id.org/innokg/id/a1",
                  "headline": "合成文章", "source": "syn.txt", "date": "2025-01-01"}
        g.add_edge(s, o, key=prop, property=prop, iri=f"https://w3id.org/innokg/ontology#{prop}",
                   evidence=[record])
    return g


