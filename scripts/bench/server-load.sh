#!/usr/bin/env bash
# Load on a tollgate-server on loopback (docs/benchmarks.md, "Server"): POST /v1/decisions for
# recorded artifacts (wrk, closed loop), reads of a full hash tile (wrk), and, with an
# InventoryBench binary, GET /v1/incidents at 200 requests/s on the 100,000-artifact benchmark
# inventory (scripts/bench/incident-bench.sh).
#
#   scripts/bench/server-load.sh [BIN_DIR (default .build/release)] [INVENTORY_BENCH_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-.build/release}
BENCH=${2:-}
ARTIFACTS=${ARTIFACTS:-100}
DURATION=${DURATION:-30s}
WORK=$(mktemp -d /tmp/tollgate-load.XXXXXX)
# The servers' process ids, in a file: `start` runs in a command substitution's subshell.
cleanup() {
  if [ -f "$WORK/pids" ]; then
    while read -r pid; do kill -TERM "$pid" 2>/dev/null || true; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done < "$WORK/pids"
  fi
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

token() { "$BIN/tollgate" token create --role "$1" --name "$1-load" --data "$2" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }

# start DATA LOGNAME EXTRA... → prints the base URL
start() {
  local data=$1 name=$2; shift 2
  "$BIN/tollgate-server" --data "$data" --listen 127.0.0.1:0 --rate 1000000 --burst 1000000 --log-level error "$@" \
    > "$WORK/$name.out" 2> "$WORK/$name.log" &
  echo $! >> "$WORK/pids"
  for _ in $(seq 1 300); do grep -q "listening on" "$WORK/$name.out" 2>/dev/null && break; sleep 0.1; done
  local base; base=$(sed -n 's/.*listening on //p' "$WORK/$name.out")
  for _ in $(seq 1 300); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.1; done
  echo "$base"
}

DATA=$WORK/data
"$BIN/tollgate" ledger init --data "$DATA" >/dev/null
KEYID=$("$BIN/tollgate" key generate --output-prefix "$WORK/k" --unsafe-unencrypted --format json \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["keyID"])')
ADMIN=$(token admin "$DATA"); PUBLISHER=$(token publisher "$DATA")
BASE=$(start "$DATA" main --key "$WORK/k.pub")
cat > "$WORK/policy.yaml" <<YAML
apiVersion: tollgate.dev/v1
kind: Policy
metadata: { name: release }
build:
  builders: ["https://github.com/actions/runner/github-hosted"]
artifact:
  signature: { required: false, keys: ["$KEYID"] }
  provenance: { required: true, sourceRepositories: ["github.com/acme/*"] }
YAML
curl -fs -X PUT -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/yaml' --data-binary @"$WORK/policy.yaml" \
  "$BASE/v1/policies/release" >/dev/null
echo "recording $ARTIFACTS artifacts with signed provenance" >&2
for i in $(seq 1 "$ARTIFACTS"); do
  printf 'artifact %s\n' "$i" > "$WORK/a$i"
  digest=$("$BIN/tollgate" digest "$WORK/a$i" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["digests"][0]["digest"])')
  curl -fs -H "Authorization: Bearer $PUBLISHER" -H 'Content-Type: application/json' \
    -d "{\"digest\":\"$digest\",\"name\":\"app\",\"version\":\"1.$i.0\"}" "$BASE/v1/artifacts" >/dev/null
  "$BIN/tollgate" provenance generate --subject "$WORK/a$i" --key "$WORK/k.key" --repository https://github.com/acme/app \
    --commit ebff8dfbd609b7b22237c7719ce07f2dc7934f5f --ref refs/tags/v1.$i.0 --workflow .github/workflows/release.yml \
    --builder-id https://github.com/actions/runner/github-hosted --output "$WORK/a$i.prov.json" >/dev/null
  curl -fs -H "Authorization: Bearer $PUBLISHER" -H 'Content-Type: application/json' --data-binary @"$WORK/a$i.prov.json" \
    "$BASE/v1/artifacts/$digest/evidence?kind=attestation" >/dev/null
  echo "$digest" >> "$WORK/digests"
done
cat > "$WORK/decisions.lua" <<LUA
local digests = {}
for line in io.lines("$WORK/digests") do digests[#digests + 1] = line end
local i = 0
request = function()
  i = i + 1
  local body = '{"digest":"' .. digests[(i % #digests) + 1] .. '","policy":"release"}'
  return wrk.format("POST", "/v1/decisions", {["Authorization"] = "Bearer $PUBLISHER", ["Content-Type"] = "application/json"}, body)
end
response = function(status) if status ~= 201 then print("status " .. status) end end
LUA
echo "== POST /v1/decisions (wrk -t2 -c8 -d$DURATION)"
wrk -t2 -c8 -d"$DURATION" --latency -s "$WORK/decisions.lua" "$BASE" | grep -v "^status 201" | head -30
echo "== GET /v1/ledger/tile/0/000 (wrk -t2 -c16 -d$DURATION)"
wrk -t2 -c16 -d"$DURATION" --latency "$BASE/v1/ledger/tile/0/000" | head -20
echo "== GET /v1/ledger/checkpoint (wrk -t2 -c16 -d$DURATION)"
wrk -t2 -c16 -d"$DURATION" --latency "$BASE/v1/ledger/checkpoint" | head -20

if [ -n "$BENCH" ]; then
  # GET /v1/incidents at 200/s on the 100,000-artifact inventory: scripts/bench/incident-bench.sh, on
  # truly rare components. (This script used to drive InventoryBench ranks 11 … 150,001 as "rare";
  # ranks 11–230 are in thousands of artifacts, megabytes per answer, and 200 of those a second only
  # queued until nothing progressed: docs/benchmarks.md, "The stalled re-run".)
  ARTIFACTS=${INVENTORY_ARTIFACTS:-100000} scripts/bench/incident-bench.sh "$BIN" "$BENCH"
fi
