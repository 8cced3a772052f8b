#!/usr/bin/env bash
# Dashboard budgets (docs/benchmarks.md, "Dashboard at scale"): serves DATA with `tollgate serve` and
# times every page with curl: the first request (answered at once; while the index takes its snapshot
# or reads the ledger the page says it is catching up), how long until the index has caught up (and
# what the server logged about the snapshot), and then RUNS requests per page, printing the median
# and maximum time to first byte, the server's CPU time per request and the page's size. Run it twice:
# the first start without a snapshot writes one (DATA/dashboard-index.snapshot), the second takes it.
#   Benchmarks/dashboard/measure.sh TOLLGATE DATA [RUNS]
set -euo pipefail
T=$1; DATA=$2; RUNS=${3:-21}
export TOLLGATE_DATA=$DATA
token=$("$T" token create --name "bench-$$" --role auditor --expires 2h --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
out=$(mktemp); "$T" serve --data "$DATA" --listen 127.0.0.1:0 --rate 100000 --burst 100000 > "$out" 2> "$out.log" &
server=$!; trap 'kill $server 2>/dev/null; rm -f "$out" "$out.runs" "$out.log"' EXIT
for _ in $(seq 1 600); do grep -q "listening on" "$out" && break; sleep 0.1; done
base=$(sed -n 's/.*listening on //p' "$out")
for _ in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break; sleep 0.1; done
get() { curl -s -o /dev/null -H "Authorization: Bearer $token" -w '%{http_code} %{time_starttransfer} %{size_download}\n' "$base$1"; }
started=$(date +%s.%N)
echo "first request (status, TTFB, bytes): $(get /dashboard)"
while page=$(curl -s -H "Authorization: Bearer $token" "$base/dashboard") && [[ $page == *"catching up"* ]]; do sleep 0.2; done
echo "index caught up $(echo "$(date +%s.%N) - $started" | bc) s after the first request; $(grep -o '"snapshot":"[^"]*"' "$out.log" | head -1)"
digest=sha256:$(printf "dashboard-bench-0" | sha256sum | cut -d" " -f1)   # has an SBOM of 100 components (generate.py)
middle=$(curl -s -H "Authorization: Bearer $token" "$base/dashboard/artifacts" | grep -o 'after=sha256:[0-9a-f]*' | head -1)
cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }   # the server's CPU time in clock ticks
ticks=$(getconf CLK_TCK)
printf '%-58s %6s %10s %10s %12s %9s\n' page status "p50 TTFB" "max TTFB" "CPU/request" bytes
for page in /dashboard /dashboard/artifacts "/dashboard/artifacts?$middle" "/dashboard/artifacts/$digest" \
            "/dashboard/artifacts/$digest?page=2" /dashboard/exceptions /dashboard/remediation "/dashboard/remediation?page=2" /dashboard/ledger \
            "/dashboard/incidents?kind=component&q=pkg%3Anpm%2Flib-7" "/dashboard/incidents?kind=artifact&q=$digest"; do
  before=$(cpu)
  for _ in $(seq 1 "$RUNS"); do get "$page"; done | sort -k2 -n > "$out.runs"
  used=$(( $(cpu) - before ))
  awk -v page="$page" -v runs="$RUNS" -v used="$used" -v ticks="$ticks" '
    { status = $1; t[NR] = $2; size = $3 } END { printf "%-58s %6s %8.1f ms %8.1f ms %9.1f ms %9d\n", substr(page, 1, 58), status, t[int((runs + 1) / 2)] * 1000, t[NR] * 1000, used * 1000 / ticks / runs, size }' "$out.runs"
done
echo "the server's log about the snapshot: $(grep -o '"snapshot":"[^"]*"' "$out.log" | tr '\n' ' ')"
