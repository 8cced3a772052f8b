#!/usr/bin/env bash
# Admission webhook figures (docs/benchmarks.md): handler latency for a recorded digest at a fixed
# rate, and first-seen digests verified inline. Loopback only, bounded in time.
#   swift build -c release --product tollgate-server   # the server measured
#   swift build --product tollgate                     # the CLI, for set-up only
#   scripts/bench/admission-bench.sh [RATE=500] [DURATION=60s] [FIRST_RATE=50] [FIRST_DURATION=30s]
# WRK_CPUS=1 runs wrk pinned to that CPU list (taskset) and the server on the others, as when the
# API server calling the webhook runs elsewhere; unset, both share every CPU.
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-500}; DURATION=${DURATION:-60s}; FIRST_RATE=${FIRST_RATE:-50}; FIRST_DURATION=${FIRST_DURATION:-30s}
# wrk paces each connection with delay() after each answer, so the rate reached is below RATE by the
# latency's share: many connections, each with a long pause, keep it close to RATE.
CONNECTIONS=${CONNECTIONS:-100}
SERVER=${SERVER:-.build/release/tollgate-server}; CLI=${CLI:-.build/debug/tollgate}
work=$(mktemp -d /tmp/tollgate-admission-bench.XXXXXX)
pid=
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
"$CLI" ledger init --data "$work/data" --origin bench.example/admission >/dev/null
admin=$("$CLI" token create --data "$work/data" --name bench-admin --role admin --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
deployer=$("$CLI" token create --data "$work/data" --name kube-apiserver --role deployer --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
cat > "$work/admission.yaml" <<YAML
apiVersion: tollgate.dev/v1
kind: AdmissionConfig
cluster: bench
policy: pinned
deadlineMilliseconds: 2000
YAML
server_cpus=; wrk_prefix=()
if [ -n "${WRK_CPUS:-}" ]; then
  server_cpus=$(python3 -c "import os,sys; w={int(c) for c in sys.argv[1].split(',')}; print(','.join(str(c) for c in sorted(os.sched_getaffinity(0)-w)))" "$WRK_CPUS")
  wrk_prefix=(taskset -c "$WRK_CPUS")
fi
${server_cpus:+taskset -c "$server_cpus"} "$SERVER" --data "$work/data" --listen 127.0.0.1:0 --admission-config "$work/admission.yaml" --rate 100000 --burst 100000 \
  --log-level error > "$work/server.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q listening "$work/server.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/server.out")
for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
printf 'apiVersion: tollgate.dev/v1\nkind: Policy\nmetadata: { name: pinned }\ndeploy:\n  byDigest: true\n' > "$work/pinned.yaml"
curl -fsS -X PUT "$base/v1/policies/pinned" -H "Authorization: Bearer $admin" -H 'Content-Type: application/yaml' --data-binary @"$work/pinned.yaml" >/dev/null
# The recorded digest: the shared sample 02_pod (a Pod pinned by digest), decided once before the run.
cp Tests/TollgateAdmissionTests/Fixtures/connaisseur/02_pod.json "$work/recorded.json"
curl -fsS "$base/v1/admission" -H "Authorization: Bearer $deployer" -H 'Content-Type: application/json' --data-binary @"$work/recorded.json" \
  | grep -q '"allowed":true'
python3 - "$work" <<'PY'
import json, sys
review = json.load(open(sys.argv[1] + "/recorded.json"))
review["request"]["object"]["spec"]["containers"][0]["image"] = "registry.example/bench/app@sha256:DIGESTHEX"
json.dump(review, open(sys.argv[1] + "/first-seen.json", "w"))
PY
# The server's CPU time (user + system, clock ticks) from /proc: CPU per request does not depend on
# how many other processes share the machine, as wall-clock latency does.
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# run TITLE PATH RATE CONNECTIONS DURATION [VAR=VALUE]...: one paced wrk run, then the server's CPU per request.
run() {
  local title=$1 path=$2 rate=$3 connections=$4 duration=$5; shift 5
  echo "== $title: $rate requests/s for $duration ($connections connections, 2 threads)"
  local before; before=$(ticks)
  env RATE="$rate" CONNECTIONS="$connections" TOKEN="$deployer" "$@" \
    "${wrk_prefix[@]}" wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/bench/paced.lua "$base$path" | tee "$work/wrk.out"
  python3 -c "import sys; t=int(sys.argv[2])-int(sys.argv[1]); n=int(sys.argv[3]); hz=int(sys.argv[4]); print(f'server CPU: {t/hz:.2f} s for {n} requests = {1000*t/hz/max(n,1):.3f} ms per request')" \
    "$before" "$(ticks)" "$(sed -n 's/^requests \([0-9]*\),.*/\1/p' "$work/wrk.out")" "$(getconf CLK_TCK)"
  echo "load after: $(uptime)"
}
echo "load before: $(uptime)"
run "baseline in the same server: GET /v1/whoami with the same token" /v1/whoami "$RATE" "$CONNECTIONS" "$DURATION" EXPECT='"role"'
run "recorded digest" /v1/admission "$RATE" "$CONNECTIONS" "$DURATION" BODY="$work/recorded.json"
run "first-seen digests, each verified inline and recorded" /v1/admission "$FIRST_RATE" 4 "$FIRST_DURATION" \
  BODY="$work/first-seen.json" FIRST_SEEN=1
