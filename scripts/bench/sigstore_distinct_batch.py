#!/usr/bin/env python3
"""Batch benchmark on DISTINCT bundles: `tollgate verify-bundle --batch` vs sigstore-python 4.x (offline).

    python3 scripts/bench/sigstore_distinct_batch.py TOLLGATE SIGSTORE CORPUS_DIR [ROUNDS]

CORPUS_DIR is written by the test-support corpus writer of the test Sigstore instance
(TollgateSigstoreTesting's TestSigstoreCorpus), e.g.:

    TOLLGATE_SIGSTORE_CORPUS_DIR=/tmp/corpus TOLLGATE_SIGSTORE_CORPUS_COUNT=1000 \\
        swift test --skip-build --filter TestSigstoreCorpusTests

Every bundle there has its own ephemeral key, leaf certificate, SCT, log entry, SET and checkpoint, so no
verification repeats another one's signature checks (Tollgate's batch remembers successful checks by
their exact input bytes, docs/sigstore.md). Both tools read the same trusted root (sigstore-python
through the corpus's trust_config.json). For comparison, the same run also verifies N copies of bundle 0.

Per round, each tool runs once on the distinct corpus and once on the copies (wall time to the
microsecond with time.perf_counter, user and system CPU with getrusage). Prints the medians over ROUNDS (default 3), the
throughput ratio of each round (both tools ran back to back in it) and their median, and the load average.
"""
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

tollgate = shlex.split(sys.argv[1])
sigstore = shlex.split(sys.argv[2])
corpus = Path(sys.argv[3]).resolve()
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
identity, issuer = (corpus / "identity.txt").read_text().split("\n")[:2]
trust_config = corpus / "trust_config.json"
trusted_root = corpus / "trusted_root.json"
jobs = [line.split() for line in (corpus / "batch.txt").read_text().splitlines() if line.strip()]
count = len(jobs)

# N copies of the first bundle and artifact, for the cached case.
work = Path(tempfile.mkdtemp(prefix="tollgate-distinct-batch-"))
copies = []
for i in range(count):
    artifact = work / f"{i}.txt"
    shutil.copyfile(jobs[0][1], artifact)
    shutil.copyfile(jobs[0][0], str(artifact) + ".sigstore.json")
    copies.append([str(artifact) + ".sigstore.json", str(artifact)])


def listing(name, pairs):
    path = work / name
    path.write_text("".join(f"{b} {a}\n" for b, a in pairs))
    return str(path)


def timed(cmd):
    """(wall, user+system CPU) seconds of one run; exits if the run fails. Wall time from
    `time.perf_counter` around the child and CPU time from `getrusage(RUSAGE_CHILDREN)`, both to the
    microsecond (`/usr/bin/time -f %e` printed hundredths, too coarse for a ratio near 0.46 s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd[:8])} …\n{proc.stderr.decode()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def tollgate_cmd(pairs, name):
    return tollgate + ["verify-bundle", "--batch", listing(name, pairs), "--trusted-root", str(trusted_root),
                       "--certificate-identity", identity, "--certificate-oidc-issuer", issuer]


def sigstore_cmd(pairs):
    return sigstore + ["--trust-config", str(trust_config), "verify", "identity", "--offline",
                       "--cert-identity", identity, "--cert-oidc-issuer", issuer] + [a for _, a in pairs]


def load():
    return os.getloadavg()[0]


print(f"bundles={count} rounds={rounds} cpus={os.cpu_count()} load-before={load():.2f}")
results = {key: [] for key in ["tollgate distinct", "sigstore-python distinct", "tollgate copies", "sigstore-python copies"]}
for r in range(rounds):
    results["tollgate distinct"].append(timed(tollgate_cmd(jobs, "distinct.list")))
    results["sigstore-python distinct"].append(timed(sigstore_cmd(jobs)))
    results["tollgate copies"].append(timed(tollgate_cmd(copies, "copies.list")))
    results["sigstore-python copies"].append(timed(sigstore_cmd(copies)))
    print(f"round {r + 1}: load {load():.2f}: " + ", ".join(f"{k} {v[-1][0]:.3f} s wall / {v[-1][1]:.3f} s CPU" for k, v in results.items()))
median = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in results.items()}
for kind in ["distinct", "copies"]:
    ours, theirs = median[f"tollgate {kind}"], median[f"sigstore-python {kind}"]
    print(f"{kind}: tollgate {ours[0]:.3f} s wall ({count / ours[0]:.0f}/s), {ours[1]:.3f} s CPU ({ours[1] / count * 1000:.3f} ms/bundle); "
          f"sigstore-python {theirs[0]:.3f} s wall ({count / theirs[0]:.0f}/s), {theirs[1]:.3f} s CPU ({theirs[1] / count * 1000:.3f} ms/bundle); "
          f"throughput ratio {theirs[0] / ours[0]:.2f}x, CPU ratio {theirs[1] / ours[1]:.2f}x")
    # Each round runs both tools back to back: the ratio within a round is less disturbed by the
    # machine's speed changing between rounds than the ratio of the two medians.
    paired = sorted(t[0] / o[0] for o, t in zip(results[f"tollgate {kind}"], results[f"sigstore-python {kind}"]))
    print(f"{kind}: per-round throughput ratios {' '.join(f'{r:.2f}' for r in paired)}; median {statistics.median(paired):.2f}x")
print(f"load-after={load():.2f}")
shutil.rmtree(work)
