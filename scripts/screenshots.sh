#!/usr/bin/env bash
# Screenshots of every dashboard page on the example data (docs/dashboard.md):
#   ./scripts/screenshots.sh [OUTDIR]      (default OUTDIR: ./screenshots)
# Builds tollgate and tollgate-server in debug mode first unless $TOLLGATE names the tollgate binary
# (tollgate-server must sit beside it). Starts scripts/serve-example.sh (the example data from
# scripts/demo.sh, the demo policy with its exception expiring in 7 days, `tollgate serve`), and opens each page in
# headless Chromium (Debian's `chromium`, installed when missing) as an auditor: a loopback proxy
# adds the auditor's `Authorization: Bearer` header, so no token is put in a URL. Fails when a page
# answers other than 200, shows an error, or lacks its key content.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

OUT=${1:-screenshots}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [ -z "${TOLLGATE:-}" ]; then
  swift build --product tollgate
  swift build --product tollgate-server
  TOLLGATE=.build/debug/tollgate
fi
TOLLGATE=$(realpath "$TOLLGATE")
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  CHROME=$(command -v chromium)
fi

work=$(mktemp -d /tmp/tollgate-shots.XXXXXX)
example=; proxy=
cleanup() {
  [ -n "$proxy" ] && kill "$proxy" 2>/dev/null || true
  [ -n "$example" ] && kill "$example" 2>/dev/null && wait "$example" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== the example data and the server (scripts/serve-example.sh)"
TOLLGATE="$TOLLGATE" ./scripts/serve-example.sh --listen 127.0.0.1:0 > "$work/example.out" 2> "$work/example.err" &
example=$!
for _ in $(seq 1 3000); do
  grep -q "^Data directory: " "$work/example.out" 2>/dev/null && break
  kill -0 "$example" 2>/dev/null || { cat "$work/example.err"; echo "scripts/serve-example.sh failed" >&2; exit 1; }
  sleep 0.2
done
base=$(sed -n 's|^Dashboard: \(.*\)/dashboard$|\1|p' "$work/example.out")
export TOLLGATE_DATA; TOLLGATE_DATA=$(sed -n 's/^Data directory: \([^ ]*\).*/\1/p' "$work/example.out")
[ -n "$base" ] && [ -n "$TOLLGATE_DATA" ] || { cat "$work/example.out" "$work/example.err"; exit 1; }
auditor=$("$TOLLGATE" token create --name "screenshots-auditor-$$" --role auditor --expires 2h --format json \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# A loopback proxy that adds the auditor's bearer token to every request.
cat > "$work/proxy.py" <<'PY'
import http.server, os, sys, urllib.error, urllib.request
upstream, token = sys.argv[1], os.environ["SHOT_TOKEN"]
class Proxy(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        request = urllib.request.Request(upstream + self.path, headers={"Authorization": "Bearer " + token})
        try:
            response = urllib.request.urlopen(request)
        except urllib.error.HTTPError as error:
            response = error
        body = response.read()
        self.send_response(response.status)
        for name, value in response.headers.items():
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
SHOT_TOKEN=$auditor python3 "$work/proxy.py" "$base" > "$work/proxy.out" &
proxy=$!
for _ in $(seq 1 100); do [ -s "$work/proxy.out" ] && break; sleep 0.1; done
via="http://127.0.0.1:$(head -1 "$work/proxy.out")"

digest=$(curl -sf "$via/dashboard/artifacts" | grep -o '/dashboard/artifacts/sha256:[0-9a-f]*' | head -1 | sed 's|.*/||')
[ -n "$digest" ] || { echo "no artifact in the example data" >&2; exit 1; }

# name | URL | key content the page must show
pages=(
  "overview|$via/dashboard|Deployments by environment|production"
  "artifacts|$via/dashboard/artifacts|$digest|first seen"
  "artifact|$via/dashboard/artifacts/$digest|SBOM components|leaf hash"
  "incident|$via/dashboard/incidents?kind=component&q=pkg%3Apypi%2Furllib3&versions=vers%3Apypi%2F%3C1.26.5|The whole answer|urllib3"
  "exceptions|$via/dashboard/exceptions|EXC-1|egress proxy allow-list"
  "remediation|$via/dashboard/remediation|overdue (SLO breached)|remediationDays"
  "ledger|$via/dashboard/ledger|How to verify|Verifier key"
  "signin|$base/dashboard/signin|API token|Sign in"
)
failed=0
for entry in "${pages[@]}"; do
  IFS='|' read -r name url first second <<< "$entry"
  status=$(curl -s -o "$work/$name.html" -w '%{http_code}' "$url")
  problem=
  [ "$status" = 200 ] || problem="HTTP $status"
  grep -q 'class="error"' "$work/$name.html" && problem="${problem:+$problem; }the page shows an error"
  grep -qF -- "$first" "$work/$name.html" || problem="${problem:+$problem; }lacks '$first'"
  grep -qF -- "$second" "$work/$name.html" || problem="${problem:+$problem; }lacks '$second'"
  "$CHROME" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1800 \
    --screenshot="$OUT/$name.png" "$url" > "$work/chrome.log" 2>&1 || problem="${problem:+$problem; }chromium failed"
  [ -s "$OUT/$name.png" ] || problem="${problem:+$problem; }no screenshot"
  if [ -n "$problem" ]; then echo "FAIL $name: $problem"; failed=1; else echo "ok   $name → $OUT/$name.png ($(wc -c < "$work/$name.html") bytes of HTML)"; fi
done
exit $failed
