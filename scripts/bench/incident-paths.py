#!/usr/bin/env python3
"""Prints N distinct `GET /v1/incidents?component=…` paths for rare components of the InventoryBench
inventory (seed 1, 200,000 Zipf-ranked component versions; ranks from 60,000 up, each in a handful of
artifacts of the 100,000-artifact inventory, or none), for scripts/bench/incident-bench.sh
(`PATHS=FILE`): every request then asks a question the server has not answered yet.

    python3 scripts/bench/incident-paths.py 6000 > /tmp/incident-paths
"""
import sys

def purl(rank):
    # InventoryBench's World.purl(rank:): four versions per package, four ecosystems.
    package, version = divmod(rank, 4)
    kind = package % 4
    if kind == 0: return f"pkg:npm/pkg-{package}@1.{version}.0"
    if kind == 1: return f"pkg:pypi/pkg-{package}@1.{version}.0"
    if kind == 2: return f"pkg:maven/org.example/pkg-{package}@1.{version}.0"
    return f"pkg:golang/example.com/pkg-{package}@v1.{version}.0"

count = int(sys.argv[1]) if len(sys.argv) > 1 else 6000
first, last = 60000, 200000
step = max(1, (last - first) // count)
for i in range(count):
    print("/v1/incidents?component=" + purl(first + i * step))
