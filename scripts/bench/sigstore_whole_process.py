#!/usr/bin/env python3
"""Whole-process and batch benchmark: `tollgate verify-bundle` vs sigstore-python 4.x's CLI (offline).

    python3 scripts/bench/sigstore_whole_process.py TOLLGATE SIGSTORE CONFORMANCE_DIR [RUNS] [BATCH]

TOLLGATE is a release command line for tollgate (e.g. `.build/release/tollgate`, or
`"Benchmarks/.build/release/SigstoreBench tollgate"` which runs the same TollgateCLI code in release);
SIGSTORE is sigstore-python's `sigstore` script. Both use the same trusted root (the public-good
production root Tollgate ships, which equals sigstore-python 4.5.1's embedded one; sigstore-python gets
it through --trust-config). Prints the median wall time of RUNS single verifications per tool and
bundle, and the throughput of verifying BATCH copies of a bundle in one process
(tollgate --batch on every core; sigstore-python with BATCH inputs, each with a `.sigstore.json` beside it).
"""
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

tollgate = shlex.split(sys.argv[1])
sigstore = shlex.split(sys.argv[2])
base = Path(sys.argv[3]).resolve()
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 20
batch = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"
issuer = "https://token.actions.githubusercontent.com"
work = Path(tempfile.mkdtemp(prefix="tollgate-sigbench-"))

# sigstore-python's --trust-config: our trusted root + its own production signing config.
import sigstore as _sigstore_pkg  # noqa: E402  (only to find the embedded signing config)

store = Path(_sigstore_pkg.__file__).parent / "_store" / "https%3A%2F%2Ftuf-repo-cdn.sigstore.dev"
trust_config = work / "trust-config.json"
trust_config.write_text(json.dumps({
    "mediaType": "application/vnd.dev.sigstore.clienttrustconfig.v0.1+json",
    "trustedRoot": json.loads((base / "trusted_root.production.json").read_text()),
    "signingConfig": json.loads((store / "signing_config.v0.2.json").read_text()),
}))


def wall(cmd, expect_ok=True):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if expect_ok and proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
    return elapsed


def median_of(cmd):
    wall(cmd)
    return statistics.median(wall(cmd) for _ in range(runs))


artifact = str(base / "cases" / "a.txt")
print(f"runs={runs} batch={batch} cpus={os.cpu_count()}")
for name in ["happy-path-v0.3", "happy-path-intoto-in-dsse-v3"]:
    bundle = str(base / "cases" / name / "bundle.sigstore.json")
    ours = median_of(tollgate + ["verify-bundle", "--bundle", bundle, "--certificate-identity", identity,
                                 "--certificate-oidc-issuer", issuer, artifact])
    theirs = median_of(sigstore + ["--trust-config", str(trust_config), "verify", "identity", "--offline",
                                   "--bundle", bundle, "--cert-identity", identity, "--cert-oidc-issuer", issuer, artifact])
    print(f"{name}: tollgate {ours * 1000:.1f} ms, sigstore-python {theirs * 1000:.1f} ms, ratio {theirs / ours:.1f}x")

# Batch: BATCH copies of the message-signature bundle.
bundle_bytes = (base / "cases" / "happy-path-v0.3" / "bundle.sigstore.json").read_bytes()
artifact_bytes = (base / "cases" / "a.txt").read_bytes()
files = []
lines = []
for i in range(batch):
    f = work / f"artifact-{i:05d}.txt"
    f.write_bytes(artifact_bytes)
    b = work / f"artifact-{i:05d}.txt.sigstore.json"
    b.write_bytes(bundle_bytes)
    files.append(str(f))
    lines.append(f"{b} {f}")
listing = work / "batch.list"
listing.write_text("\n".join(lines) + "\n")
ours = statistics.median(wall(tollgate + ["verify-bundle", "--batch", str(listing), "--certificate-identity", identity,
                                          "--certificate-oidc-issuer", issuer]) for _ in range(3))
theirs = statistics.median(wall(sigstore + ["--trust-config", str(trust_config), "verify", "identity", "--offline",
                                            "--cert-identity", identity, "--cert-oidc-issuer", issuer] + files) for _ in range(3))
print(f"batch of {batch}: tollgate {ours:.2f} s ({batch / ours:.0f}/s), sigstore-python {theirs:.2f} s "
      f"({batch / theirs:.0f}/s), throughput ratio {theirs / ours:.1f}x")
