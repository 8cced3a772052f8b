#!/usr/bin/env python3
"""Ledger entries for the dashboard budgets (docs/benchmarks.md, "Dashboard at scale"), as JSON
lines for `tollgate ledger append FILE`: ARTIFACTS artifact.registered entries, one decision.made
per artifact (every 4th a deny with a failed signature rule and an applied exception), a
findings.observed entry for every 10th artifact, and DEPLOYMENTS deployment.recorded entries over
3 environments. Seeded, so every run writes the same lines. Also writes SBOMS CycloneDX documents
of COMPONENTS components each into SBOMDIR, each naming its artifact by hash (for
`tollgate inventory import-sbom SBOMDIR`).

usage: generate.py OUT.jsonl SBOMDIR [--artifacts N] [--deployments N] [--sboms N] [--components N]
"""
import argparse, hashlib, json, os, random

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("sbomdir")
parser.add_argument("--artifacts", type=int, default=100_000)
parser.add_argument("--deployments", type=int, default=10_000)
parser.add_argument("--sboms", type=int, default=1_000)
parser.add_argument("--components", type=int, default=100)
args = parser.parse_args()
rng = random.Random(1)

def digest(n):
    return "sha256:" + hashlib.sha256(f"dashboard-bench-{n}".encode()).hexdigest()

def line(kind, payload):
    return json.dumps({"kind": kind, "payload": payload}, separators=(",", ":")) + "\n"

exception = {"id": "EXC-BENCH", "owner": "alice@example.com", "reason": "bench", "compensatingControl": "waf",
             "expires": "2030-12-31T00:00:00Z", "status": "active", "covers": ["advisory: GHSA-bench-0001"]}
environments = ["production", "staging", "development"]
with open(args.out, "w") as out:
    for n in range(args.artifacts):
        d = digest(n)
        name = f"service-{n % 5000}"
        out.write(line("artifact.registered", {"schemaVersion": "tollgate.dev/ledger/artifact-registered/v1", "digest": d,
                                               "name": name, "version": f"1.{n // 5000}.0", "provenance": [], "signatures": [],
                                               "recordedBy": "bench"}))
        deny = n % 4 == 0
        rules = [{"rule": "artifact.signature", "result": "fail" if deny else "pass",
                  "reason": "expected a trusted signer; found none" if deny else "1 trusted signer",
                  "expected": "1 trusted signer", "actual": "none" if deny else "1", "evidence": [], "exception": None,
                  "exceptions": []},
                 {"rule": "artifact.vulnerabilities", "result": "pass", "reason": "no findings above medium", "expected": "",
                  "actual": "", "evidence": [], "exception": "EXC-BENCH" if n % 10 == 0 else None,
                  "exceptions": [exception] if n % 10 == 0 else []}]
        out.write(line("decision.made", {"schemaVersion": "tollgate.dev/decision/v2", "decision": "deny" if deny else "allow",
                                         "policy": "bench", "artifact": {"digest": d, "name": name},
                                         "evaluatedAt": "2026-12-05T00:00:00Z", "rules": rules, "expiredExceptions": [],
                                         "problems": []}))
        if n % 10 == 0:
            out.write(line("findings.observed", {"schemaVersion": "tollgate.dev/ledger/findings-observed/v1", "artifact": d,
                                                 "findings": [{"advisory": f"GHSA-bench-{rng.randrange(200):04d}",
                                                               "purl": f"pkg:npm/lib-{rng.randrange(1000)}@1.0.0"}
                                                              for _ in range(3)]}))
    for n in range(args.deployments):
        target = rng.randrange(args.artifacts)
        out.write(line("deployment.recorded", {"schemaVersion": "tollgate.dev/ledger/deployment-recorded/v1",
                                               "environment": environments[n % 3], "cluster": f"c-{n % 7}",
                                               "namespace": f"ns-{n % 50}", "service": f"svc-{n}",
                                               "image": f"registry.example/svc-{n}@{digest(target)}", "digest": digest(target),
                                               "running": True}))

os.makedirs(args.sbomdir, exist_ok=True)
for n in range(args.sboms):
    d = digest(n)
    components = [{"type": "library", "name": f"lib-{(n + c) % 1000}", "version": "1.0.0",
                   "purl": f"pkg:npm/lib-{(n + c) % 1000}@1.0.0"} for c in range(args.components)]
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.5",
           "metadata": {"component": {"type": "application", "name": f"service-{n % 5000}",
                                      "hashes": [{"alg": "SHA-256", "content": d.split(":")[1]}]}},
           "components": components}
    with open(os.path.join(args.sbomdir, f"sbom-{n}.cdx.json"), "w") as f:
        json.dump(bom, f)
