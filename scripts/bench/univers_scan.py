#!/usr/bin/env python3
"""Python reference for ScanBench: the same OSV data, the same synthetic SBOM, version comparison by
`univers` (https://github.com/aboutcode-org/univers). It exists only to give docs/benchmarks.md a ratio.

    pip install univers
    Benchmarks/.build/release/ScanBench OSV_DIR --write-components /tmp/components.txt
    python3 scripts/bench/univers_scan.py OSV_DIR /tmp/components.txt [--runs 5]

"import" = read and parse every JSON record and build an in-memory (ecosystem, name) index (no database);
"scan"   = evaluate every component against its advisories with the OSV range algorithm.
"""
import json
import os
import re
import statistics
import sys
import time
from urllib.parse import unquote

from univers.versions import GolangVersion, MavenVersion, PypiVersion, SemverVersion

SCHEMES = {"PyPI": PypiVersion, "npm": SemverVersion, "crates.io": SemverVersion, "Go": GolangVersion,
           "Maven": MavenVersion}
PURL_TYPES = {"pypi": "PyPI", "npm": "npm", "cargo": "crates.io", "golang": "Go", "maven": "Maven"}


def normalise(ecosystem, name):
    if ecosystem == "PyPI":
        return re.sub(r"[-_.]+", "-", name).lower()
    if ecosystem == "npm":
        return name.lower()
    return name


def load(osv_dir):
    index = {}
    for root, _, files in os.walk(osv_dir):
        for f in files:
            if not f.endswith(".json"):
                continue
            with open(os.path.join(root, f), "rb") as fh:
                record = json.load(fh)
            if record.get("withdrawn"):
                continue
            for affected in record.get("affected", []):
                package = affected.get("package") or {}
                eco, name = package.get("ecosystem"), package.get("name")
                if not eco or not name:
                    continue
                index.setdefault((eco.split(":")[0], normalise(eco, name)), []).append((record["id"], affected))
    return index


def parse(cls, v):
    try:
        return cls(v.lstrip("v")) if cls in (SemverVersion, GolangVersion) else cls(v)
    except Exception:
        return None


def affected_by(cls, version, affected):
    if version in affected.get("versions", []):
        return True
    v = parse(cls, version)
    if v is None:
        return False
    for rng in affected.get("ranges", []):
        if rng.get("type") not in ("SEMVER", "ECOSYSTEM"):
            continue
        rcls = SemverVersion if rng["type"] == "SEMVER" and cls is not GolangVersion else cls
        rv = v if rcls is cls else parse(rcls, version)
        if rv is None:
            continue
        events = []
        for e in rng.get("events", []):
            (kind, value), = e.items()
            pv = None if (kind == "introduced" and value == "0") else parse(rcls, value)
            if pv is None and not (kind == "introduced" and value == "0"):
                continue
            events.append((kind, pv))
        events.sort(key=lambda kv: (kv[1] is not None, kv[1]) if kv[1] is not None else (False,))
        hit = False
        for kind, ev in events:
            if kind == "introduced":
                if ev is None or rv >= ev:
                    hit = True
            elif kind in ("fixed", "limit"):
                if rv >= ev:
                    hit = False
            elif kind == "last_affected":
                if rv > ev:
                    hit = False
        if hit:
            return True
    return False


def component_key(purl):
    body = purl[len("pkg:"):]
    typ, rest = body.split("/", 1)
    path, _, version = rest.rpartition("@")
    parts = [unquote(p) for p in path.split("/")]
    eco = PURL_TYPES.get(typ)
    if typ == "maven":
        name = parts[0] + ":" + parts[1]
    else:
        name = "/".join(parts)
    return eco, normalise(eco, name), unquote(version)


def scan(index, purls):
    findings = 0
    for purl in purls:
        eco, name, version = component_key(purl)
        cls = SCHEMES.get(eco)
        for _, affected in index.get((eco, name), []):
            if affected_by(cls, version, affected):
                findings += 1
    return findings


def main():
    args = sys.argv[1:]
    runs = 5
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i:i + 2]
    osv_dir, components_file = args
    purls = [line for line in open(components_file).read().splitlines() if line]
    import_times, scan_times = [], []
    index = None
    for _ in range(runs):
        t = time.perf_counter()
        index = load(osv_dir)
        import_times.append(time.perf_counter() - t)
    findings = 0
    for _ in range(runs):
        t = time.perf_counter()
        findings = scan(index, purls)
        scan_times.append(time.perf_counter() - t)
    print(f"python+univers import (parse+index, no db): median {statistics.median(import_times):.3f} s over {runs} runs")
    print(f"python+univers scan: components {len(purls)}, matches {findings}, median {statistics.median(scan_times) * 1000:.1f} ms over {runs} runs")


if __name__ == "__main__":
    main()
