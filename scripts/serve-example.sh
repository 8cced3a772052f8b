#!/usr/bin/env bash
# The dashboard on the example data: builds tollgate (unless $TOLLGATE names the binary, with
# tollgate-server beside it), loads the example data with scripts/demo.sh (a signed artifact with
# provenance and an SBOM, its findings and decision, a production deployment, an incident answered),
# publishes the demo policy with its exception expiring in 7 days, starts `tollgate serve`, and
# prints the dashboard URL and a reader token. Ctrl-C stops the server.
#   ./scripts/serve-example.sh [--listen HOST:PORT]      (default 127.0.0.1:8080; port 0 picks one)
set -euo pipefail
cd "$(dirname "$0")/.."

listen=127.0.0.1:8080
if [ "${1:-}" = --listen ]; then listen=$2; fi
if [ -z "${TOLLGATE:-}" ]; then
  swift build --product tollgate >&2
  swift build --product tollgate-server >&2
  TOLLGATE=.build/debug/tollgate
fi
TOLLGATE=$(realpath "$TOLLGATE")
work=$(mktemp -d /tmp/tollgate-example.XXXXXX)
server=
stop() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap stop EXIT
trap 'exit 0' INT TERM

echo "Loading the example data (scripts/demo.sh)…" >&2
if ! TOLLGATE="$TOLLGATE" ./scripts/demo.sh > "$work/demo.log" 2>&1; then
  tail -40 "$work/demo.log" >&2; echo "scripts/demo.sh failed" >&2; exit 1
fi
export TOLLGATE_DATA; TOLLGATE_DATA=$(sed -n 's/^Demo complete. Data directory: //p' "$work/demo.log")
token() { "$TOLLGATE" token create --name "example-$1-$$" --role "$1" --format json \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
admin=$(token admin)
reader=$(token reader)

"$TOLLGATE" serve --data "$TOLLGATE_DATA" --listen "$listen" --key examples/keys/example.pub > "$work/serve.out" 2> "$TOLLGATE_DATA/server.log" &
server=$!
for _ in $(seq 1 300); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on //p' "$work/serve.out" | head -1)
[ -n "$base" ] || { cat "$TOLLGATE_DATA/server.log" >&2; echo "the server did not start" >&2; exit 1; }
for _ in $(seq 1 300); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break; sleep 0.1; done

# The demo policy, published with its exception expiring in 7 days (the overview lists it).
sed "s/expires: 2030-12-31/expires: $(date -u -d '+7 days' +%F)/" examples/policy/demo.yaml > "$work/demo.yaml"
curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/yaml' \
  --data-binary @"$work/demo.yaml" "$base/v1/policies/demo"

echo "Dashboard: $base/dashboard"
echo "Reader token: $reader"
echo "Data directory: $TOLLGATE_DATA (server log: $TOLLGATE_DATA/server.log)"
wait "$server"
