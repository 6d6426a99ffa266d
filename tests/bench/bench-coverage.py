#!/usr/bin/python3
# bench-coverage.py SAMPLE.bin CITY.bin DRAG_SERVICE NX_SERVICES (0: no networkx on the city): networkx and igraph on
# the searches bench-coverage wrote; prints "key seconds" lines, notes on stderr.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each search is a multi-source Dijkstra from a super-source joined to the
# initial labels bench-coverage exported (snapping walk + position on the
# edge + tier head start), bounded by the service's largest threshold where
# the library can bound it. Only the search is timed, not building graphs.
# Every search must reach the same nodes with the same total as ours.
import sys
import time

import numpy as np

try:
    import networkx as nx
except ImportError:
    nx = None
try:
    import igraph as ig
except ImportError:
    ig = None


def note(text):
    print(text, file=sys.stderr, flush=True)


def load(path):
    raw = open(path, "rb").read()
    assert raw[:4] == b"LCCB", path
    a = np.frombuffer(raw, dtype="<u4")
    n, m, n_services = int(a[1]), int(a[2]), int(a[3])
    p = 4
    edges = a[p:p + 3 * m].reshape(m, 3).astype(np.int64)
    p += 3 * m
    services = []
    for _ in range(n_services):
        bound, k = int(a[p]), int(a[p + 1])
        p += 2
        sources = a[p:p + 2 * k].reshape(k, 2).astype(np.int64)
        p += 2 * k
        reached, total = int(a[p]), int(a[p + 1]) | (int(a[p + 2]) << 32)
        p += 3
        services.append({"bound": bound, "sources": sources, "reached": reached, "total": total})
    # A simple graph keeps the shorter of parallel edges
    lo = np.minimum(edges[:, 0], edges[:, 1])
    hi = np.maximum(edges[:, 0], edges[:, 1])
    order = np.lexsort((edges[:, 2], hi, lo))
    lo, hi, w = lo[order], hi[order], edges[order, 2]
    keep = np.ones(len(lo), dtype=bool)
    keep[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    return n, np.stack([lo[keep], hi[keep], w[keep]], axis=1), services


def super_edges(n, sources):
    best = {}
    for node, d in sources.tolist():
        if node not in best or d < best[node]:
            best[node] = d
    return [(n, node, d) for node, d in best.items()]


def check(name, service, dist):
    reached = [d for d in dist if d <= service["bound"]]
    if len(reached) != service["reached"] or int(sum(reached)) != service["total"]:
        note(f"  MISMATCH {name}: {len(reached)} nodes, total {int(sum(reached))}; "
             f"ours {service['reached']}, {service['total']}")
        return False
    return True


class Nx:
    def __init__(self, n, edges):
        self.n = n
        self.g = nx.Graph()
        self.g.add_nodes_from(range(n))
        self.g.add_weighted_edges_from(edges.tolist())

    def run(self, service):
        s = super_edges(self.n, service["sources"])
        self.g.add_node(self.n)
        self.g.add_weighted_edges_from(s)
        t0 = time.perf_counter()
        d = nx.single_source_dijkstra_path_length(self.g, self.n, cutoff=service["bound"])
        t = time.perf_counter() - t0
        self.g.remove_node(self.n)
        del d[self.n]
        return t, d.values()


class Ig:
    def __init__(self, n, edges):
        self.n = n
        self.g = ig.Graph(n + 1, edges[:, :2].tolist())
        self.g.es["weight"] = edges[:, 2].astype(float).tolist()
        self.m = self.g.ecount()

    def run(self, service):
        s = super_edges(self.n, service["sources"])
        self.g.add_edges([(a, b) for a, b, _ in s], attributes={"weight": [float(w) for _, _, w in s]})
        t0 = time.perf_counter()
        d = self.g.distances(source=[self.n], weights="weight")[0]
        t = time.perf_counter() - t0
        self.g.delete_edges(range(self.m, self.g.ecount()))
        return t, d[:self.n]


def bench(name, engine, services, indices, repeats=1):
    total = 0.0
    ok = True
    for i in indices:
        best = None
        for _ in range(repeats):
            t, dist = engine.run(services[i])
            best = t if best is None else min(best, t)
        ok &= check(f"{name} service {i}", services[i], dist)
        total += best
    return total, ok


def main():
    sample_path, city_path, drag, nx_services = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    if nx is None:
        note("  networkx is missing (apt-get install python3-networkx)")
    if ig is None:
        note("  igraph is missing (apt-get install python3-igraph)")
    note(f"  networkx {nx.__version__ if nx else '-'}, igraph {ig.__version__ if ig else '-'}")

    n, edges, services = load(sample_path)
    everything = range(len(services))
    for lib, key in ((nx and Nx, "nx"), (ig and Ig, "ig")):
        if not lib:
            continue
        engine = lib(n, edges)
        t, ok = bench(key, engine, services, everything, repeats=5)
        print(f"sample_all_{key} {t}")
        t, ok2 = bench(key, engine, services, [drag], repeats=20)
        print(f"sample_one_{key} {t}")
        note(f"  sample ({key}): results {'equal ours' if ok and ok2 else 'DIFFER'}")

    n, edges, services = load(city_path)
    note(f"  city: {n} nodes, {len(edges)} edges")
    if ig:
        t0 = time.perf_counter()
        engine = Ig(n, edges)
        note(f"  igraph: graph built in {time.perf_counter() - t0:.1f} s")
        t, ok = bench("ig", engine, services, everything)
        print(f"city_all_ig {t}")
        print(f"city_one_ig {t / len(services)}")
        note(f"  igraph: 20 services in {t:.1f} s, results {'equal ours' if ok else 'DIFFER'}")
        del engine
    if nx and nx_services > 0:
        t0 = time.perf_counter()
        engine = Nx(n, edges)
        note(f"  networkx: graph built in {time.perf_counter() - t0:.1f} s")
        # One service of each distinct bound, timed; the others take as long as theirs
        per_bound = {}
        for i in everything:
            per_bound.setdefault(services[i]["bound"], i)
        timed = {}
        all_ok = True
        for bound, i in sorted(per_bound.items()):
            t, ok = bench("nx", engine, services, [i])
            timed[bound] = t
            all_ok &= ok
            note(f"  networkx: service {i} (bound {bound / 100:.0f} m) in {t:.2f} s")
        total = sum(timed[services[i]["bound"]] for i in everything)
        print(f"city_all_nx {total}")
        print(f"city_one_nx {total / len(services)}")
        print(f"city_nx_services {len(timed)}")
        print("city_nx_detail " + ", ".join(f"{b / 100:.0f} m: {t:.2f} s" for b, t in sorted(timed.items())))
        note(f"  networkx: results {'equal ours' if all_ok else 'DIFFER'}")

if __name__ == "__main__":
    main()
