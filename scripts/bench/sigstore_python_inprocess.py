#!/usr/bin/env python3
"""sigstore-python 4.x in-process baseline for docs/benchmarks.md (Tollgate SigstoreBench's counterpart).

    python3 scripts/bench/sigstore_python_inprocess.py CONFORMANCE_DIR [ITERATIONS]

Verifies the same bundles as SigstoreBench with sigstore-python's Verifier API in a loop, against the
same trusted root, and prints the median per-call CPU cost (process time) over 15 rounds. Two figures per bundle:
verify only (bundle pre-parsed) and parse+verify (Bundle.from_json inside the loop).
"""
import statistics
import sys
import time
from pathlib import Path

from sigstore.models import Bundle, TrustedRoot
from sigstore.verify import Verifier, policy

base = Path(sys.argv[1])
iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rounds = 15
identity = policy.Identity(
    identity="https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main",
    issuer="https://token.actions.githubusercontent.com",
)
verifier = Verifier(trusted_root=TrustedRoot.from_file(str(base / "trusted_root.production.json")))
artifact = (base / "cases" / "a.txt").read_bytes()


def measure(fn):
    for _ in range(max(10, iterations // 10)):
        fn()
    samples = []
    for _ in range(rounds):
        start = time.process_time_ns()
        for _ in range(iterations):
            fn()
        samples.append((time.process_time_ns() - start) / iterations / 1000)
    return statistics.median(samples)


for name in ["happy-path-v0.3", "happy-path-intoto-in-dsse-v3"]:
    raw = (base / "cases" / name / "bundle.sigstore.json").read_bytes()
    bundle = Bundle.from_json(raw)
    dsse = "dsse" in name

    def verify_only(bundle=bundle, dsse=dsse):
        if dsse:
            verifier.verify_dsse(bundle, identity)
        else:
            verifier.verify_artifact(artifact, bundle, identity)

    def parse_and_verify(raw=raw, dsse=dsse):
        b = Bundle.from_json(raw)
        if dsse:
            verifier.verify_dsse(b, identity)
        else:
            verifier.verify_artifact(artifact, b, identity)

    verify_only()
    print(f"{name}: verify {measure(verify_only):.1f} µs, parse+verify {measure(parse_and_verify):.1f} µs")
