#!/usr/bin/env bash
# GET /v1/incidents at a fixed rate on the benchmark inventory (issue #15: 200 requests/s, goal
# p99 < 50 ms on 100,000 artifacts; docs/benchmarks.md, "Incidents over HTTP"). End to end: builds
# the InventoryBench inventory into a data directory (or reuses one), starts the server on it, checks
# each answer once, then drives it with wrk at RATE for DURATION, and reports the server's CPU per
# request (user + system from /proc, which does not depend on the machine's load as latency does).
#
#   swift build -c release --product tollgate-server --scratch-path .build-release
#   swift build -c release --product tollgate --scratch-path .build-release
#   swift build -c release --package-path Benchmarks --product InventoryBench
#   scripts/bench/incident-bench.sh [BIN_DIR (.build-release/release)] [INVENTORY_BENCH (Benchmarks/.build/release/InventoryBench)]
#
# Environment: ARTIFACTS (100000), RATE (200), DURATION (30s), CONNECTIONS (20), DATA (a directory to
# build the inventory in and keep; reused when it already holds one), PATHS (a file of incident paths,
# one a line; default: the two rarest components of the seed-1 inventory, alternating).
#
# The server keeps answers by query and inventory revision (docs/server.md), so asking the same
# paths again measures its cache: give PATHS a file of more distinct paths than RATE × DURATION
# (e.g. `python3 scripts/bench/incident-paths.py 6000 > paths`) to measure answers computed each time.
#
# The default query is a **rare** component (a handful of affected artifacts, ~30 KB answers): the
# incident a responder asks about a compromised package. A component in thousands of artifacts
# (InventoryBench's Zipf head, e.g. pkg:maven/org.example/pkg-2@1.3.0 in ~11% of them) answers in
# megabytes and cannot be served 200 times a second on 2 cores; asking for it at that rate only
# queues requests until the request time limit answers 503.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-.build-release/release}
BENCH=${2:-Benchmarks/.build/release/InventoryBench}
ARTIFACTS=${ARTIFACTS:-100000}; RATE=${RATE:-200}; DURATION=${DURATION:-30s}; CONNECTIONS=${CONNECTIONS:-20}
WORK=$(mktemp -d /tmp/tollgate-incident-bench.XXXXXX)
DATA=${DATA:-$WORK/inventory}
pid=
cleanup() { if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT

if [ ! -f "$DATA/inventory.sqlite" ]; then
  "$BIN/tollgate" ledger init --data "$DATA" >/dev/null
  echo "building the $ARTIFACTS-artifact benchmark inventory (InventoryBench, seed 1) in $DATA; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  "$BENCH" --store sqlite --path "$DATA" --artifacts "$ARTIFACTS" --queries 1 | tail -4
fi
AUDITOR=$("$BIN/tollgate" token create --role auditor --name "auditor-$$" --data "$DATA" --format json \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
"$BIN/tollgate-server" --data "$DATA" --listen 127.0.0.1:0 --rate 1000000 --burst 1000000 --log-level error > "$WORK/server.out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do grep -q "listening on" "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$WORK/server.out")
for _ in $(seq 1 600); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.1; done
if [ -z "${PATHS:-}" ]; then
  PATHS=$WORK/paths
  printf '%s\n' '/v1/incidents?component=pkg:npm/pkg-22500@1.1.0' '/v1/incidents?component=pkg:npm/pkg-37500@1.1.0' > "$PATHS"
fi
# Each answer once: its size and how many artifacts it names (and it warms the server's caches).
head -5 "$PATHS" | while read -r path; do
  [ -n "$path" ] || continue
  curl -fsS -H "Authorization: Bearer $AUDITOR" "$BASE$path" -o "$WORK/answer.json" -w "%{http_code} %{size_download} bytes %{time_total} s  " 
  python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(len(a["artifact_search"]["artifacts"]), "affected artifacts:", sys.argv[2])' "$WORK/answer.json" "$path"
done
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
echo "load before: $(uptime)"
before=$(ticks)
env RATE="$RATE" CONNECTIONS="$CONNECTIONS" TOKEN="$AUDITOR" PATHS="$PATHS" THREADS=2 EXPECT='"tollgate.dev/incident/v1"' \
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/bench/paced.lua "$BASE" | tee "$WORK/wrk.out"
python3 -c "import sys; t=int(sys.argv[2])-int(sys.argv[1]); n=int(sys.argv[3]); hz=int(sys.argv[4]); print(f'server CPU: {t/hz:.2f} s for {n} requests = {1000*t/hz/max(n,1):.3f} ms per request')" \
  "$before" "$(ticks)" "$(sed -n 's/^requests \([0-9]*\),.*/\1/p' "$WORK/wrk.out")" "$(getconf CLK_TCK)"
echo "load after: $(uptime)"
