#!/usr/bin/python3
# check-coverage-networkx.py EXPORTER [PLAN…]: our coverage against networkx, an independent implementation
# SPDX-License-Identifier: GPL-3.0-or-later
#
# For the plans given and for random networks, runs coverage-export and
# recomputes with networkx (Debian's python3-networkx; run with /usr/bin/python3):
#  - every node's label and walking distance, per service: multi-source
#    Dijkstra from a super-source joined to both ends of each facility's edge;
#  - every home's coverage and walking distance, on a copy of the graph in
#    which facilities and homes are new nodes splitting their edges, so that
#    our handling of "same edge" is checked too;
#  - every home's snap, against the nearest edge found by brute force (of the
#    main network when one is within reach: islands are passed over).
# Lengths are whole centimetres on both sides, so equality is exact.
import math
import subprocess
import sys

try:
    import networkx as nx
except ImportError:
    print("SKIP: networkx is missing; install python3-networkx", file=sys.stderr)
    sys.exit(77)

RANDOM_SEEDS = [1, 2, 3, 4, 5, 6]


def parse(text):
    data = {"nodes": [], "edges": [], "homes": [], "services": []}
    service = None
    for line in text.splitlines():
        f = line.split()
        tag = f[0]
        if tag == "graph":
            data["radius"] = float(f[3])
        elif tag == "n":
            data["nodes"].append((float(f[1]), float(f[2])))
        elif tag == "e":
            data["edges"].append((int(f[1]), int(f[2]), int(f[3])))
        elif tag == "home":
            data["homes"].append({"x": float(f[1]), "y": float(f[2]), "snapped": f[3] == "1",
                                  "edge": int(f[4]), "pos": int(f[5]), "snap": int(f[6]), "mask": int(f[7])})
        elif tag == "service":
            service = {"key": f[1], "bound": int(f[2]), "sources": []}
            data["services"].append(service)
        elif tag == "src":
            service["sources"].append(tuple(int(x) for x in f[1:5]))
        elif tag in ("label", "dist", "homedist"):
            service[tag] = [int(x) for x in f[1:]]
    return data


def base_graph(data):
    g = nx.Graph()
    g.add_nodes_from(range(len(data["nodes"])))
    for u, v, w in data["edges"]:
        # Parallel edges: a simple graph keeps the shorter
        if not g.has_edge(u, v) or g[u][v]["weight"] > w:
            g.add_edge(u, v, weight=w)
    return g


def add_min_edge(g, a, b, w):
    if not g.has_edge(a, b) or g[a][b]["weight"] > w:
        g.add_edge(a, b, weight=w)


def node_check(data, g, service, with_slack):
    """Labels of every node from a super-source at both ends of each facility's edge"""
    g.add_node("S")
    for edge, pos, snap, slack in service["sources"]:
        u, v, w = data["edges"][edge]
        base = snap + (slack if with_slack else 0)
        add_min_edge(g, "S", u, base + pos)
        add_min_edge(g, "S", v, base + w - pos)
    theirs = nx.single_source_dijkstra_path_length(g, "S", cutoff=service["bound"], weight="weight")
    g.remove_node("S")
    ours = service["label" if with_slack else "dist"]
    bad = []
    for node in range(len(data["nodes"])):
        expected = theirs.get(node, -1)
        if ours[node] != expected:
            bad.append((node, ours[node], expected))
    return bad


def split_graph(data, service, with_slack):
    """The network with facilities and homes as nodes on their edges"""
    g = base_graph(data)
    points = {}
    for i, (edge, pos, snap, slack) in enumerate(service["sources"]):
        points.setdefault(edge, []).append((pos, ("f", i)))
    for i, h in enumerate(data["homes"]):
        if h["snapped"]:
            points.setdefault(h["edge"], []).append((h["pos"], ("p", i)))
    for edge, pts in points.items():
        u, v, w = data["edges"][edge]
        pts.sort(key=lambda p: (p[0], p[1]))
        prev, prev_pos = u, 0
        for pos, name in pts:
            add_min_edge(g, prev, name, pos - prev_pos)
            prev, prev_pos = name, pos
        add_min_edge(g, prev, v, w - prev_pos)
    g.add_node("S")
    for i, (edge, pos, snap, slack) in enumerate(service["sources"]):
        add_min_edge(g, "S", ("f", i), snap + (slack if with_slack else 0))
    for i, h in enumerate(data["homes"]):
        if h["snapped"]:
            g.add_edge(("p", i), ("h", i), weight=h["snap"])
    return g


def home_check(data, service, index):
    bad = []
    bound = service["bound"]
    covered = nx.single_source_dijkstra_path_length(split_graph(data, service, True), "S", cutoff=bound)
    plain = nx.single_source_dijkstra_path_length(split_graph(data, service, False), "S", cutoff=bound)
    for i, h in enumerate(data["homes"]):
        want_covered = ("h", i) in covered
        got_covered = bool((h["mask"] >> index) & 1)
        if want_covered != got_covered:
            bad.append(("covered", i, got_covered, want_covered))
        want = plain.get(("h", i), -1)
        if service["homedist"][i] != want:
            bad.append(("distance", i, service["homedist"][i], want))
    return bad


def segment_distance(data, edge, x, y):
    u, v, _ = data["edges"][edge]
    ax, ay = data["nodes"][u]
    bx, by = data["nodes"][v]
    dx, dy = bx - ax, by - ay
    len2 = dx * dx + dy * dy
    t = 0 if len2 == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / len2))
    return math.hypot(ax + t * dx - x, ay + t * dy - y)


def islands(data, g):
    """Edges on islands: parts with fewer nodes than 5 % of the largest part's and than 500"""
    parts = list(nx.connected_components(g))
    largest = max((len(p) for p in parts), default=0)
    small = set()
    for p in parts:
        if len(p) < 500 and len(p) < 0.05 * largest:
            small |= p
    return [u in small for u, v, w in data["edges"]]


def snap_check(data, g):
    bad = []
    island = islands(data, g)
    for i, h in enumerate(data["homes"]):
        # The nearest edge of the main network within the radius, else the nearest on an island
        main = [segment_distance(data, e, h["x"], h["y"]) for e in range(len(data["edges"])) if not island[e]]
        nearest = min(main, default=math.inf)
        if nearest > data["radius"]:
            nearest = min((segment_distance(data, e, h["x"], h["y"]) for e in range(len(data["edges"]))),
                          default=math.inf)
        if not h["snapped"]:
            if nearest <= data["radius"] - 1e-3:
                bad.append(("unsnapped", i, nearest))
            continue
        mine = segment_distance(data, h["edge"], h["x"], h["y"])
        if abs(mine - nearest) > 1e-3 or abs(h["snap"] / 100 - mine) > 0.006:
            bad.append(("snap", i, h["edge"], h["snap"] / 100, mine, nearest))
    return bad


def check(name, text):
    data = parse(text)
    g = base_graph(data)
    failures = 0
    searches = 0
    for index, service in enumerate(data["services"]):
        for with_slack in (True, False):
            searches += 1
            bad = node_check(data, g, service, with_slack)
            if bad:
                failures += 1
                print(f"{name}: {service['key']} ({'label' if with_slack else 'distance'}): "
                      f"{len(bad)} nodes differ, e.g. (node, ours, networkx) {bad[:5]}")
        bad = home_check(data, service, index)
        if bad:
            failures += 1
            print(f"{name}: {service['key']} homes: {len(bad)} differ, e.g. {bad[:5]}")
    bad = snap_check(data, g)
    if bad:
        failures += 1
        print(f"{name}: snaps: {len(bad)} differ, e.g. {bad[:5]}")
    reached = sum(1 for s in data["services"] for d in s["label"] if d >= 0)
    print(f"{name}: {len(data['nodes'])} nodes, {len(data['edges'])} edges, {len(data['homes'])} homes, "
          f"{searches} searches, {reached} labels: {'ok' if failures == 0 else 'FAILED'}")
    return failures


def main():
    exporter = sys.argv[1]
    failures = 0
    for plan in sys.argv[2:]:
        text = subprocess.run([exporter, plan], check=True, capture_output=True, text=True).stdout
        failures += check(plan, text)
    for seed in RANDOM_SEEDS:
        text = subprocess.run([exporter, "--random", str(seed)], check=True, capture_output=True,
                              text=True).stdout
        failures += check(f"random {seed}", text)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
