#!/usr/bin/env bash
# Runs every Sigstore benchmark in docs/benchmarks.md in one go, on the same bundles and trusted root:
#   scripts/bench/sigstore-bench.sh [ITERATIONS] [RUNS] [BATCH]
# Needs: a sigstore-python 4.x virtualenv at $SIGPY (default /tmp/sigpy: python3 -m venv /tmp/sigpy &&
# /tmp/sigpy/bin/pip install 'sigstore>=4,<5'), and builds the release SigstoreBench.
set -euo pipefail
cd "$(dirname "$0")/../.."
iterations=${1:-500}
runs=${2:-20}
batch=${3:-1000}
sigpy=${SIGPY:-/tmp/sigpy}
fixtures=Tests/TollgateSigstoreTests/Fixtures/conformance
swift build -c release --package-path Benchmarks --product SigstoreBench >/dev/null
bench=Benchmarks/.build/release/SigstoreBench
echo "== in-process, one core: Tollgate (SigstoreBench)"
taskset -c 0 "$bench" "$fixtures" "$iterations"
echo "== in-process, one core: sigstore-python Verifier API"
taskset -c 0 "$sigpy/bin/python" scripts/bench/sigstore_python_inprocess.py "$fixtures" $((iterations / 5))
echo "== whole process and batch"
"$sigpy/bin/python" scripts/bench/sigstore_whole_process.py "$bench tollgate" "$sigpy/bin/sigstore" "$fixtures" "$runs" "$batch"
