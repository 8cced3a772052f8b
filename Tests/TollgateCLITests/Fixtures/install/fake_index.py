"""A loopback npm registry and PEP 503/691 simple index for the install-gate tests (see SOURCES.md).

python3 fake_index.py ROOT [--auth USER:PASSWORD] [--port N]

Serves ROOT with the mirror-directory layout of `tollgate npm verify --registry-dir`: a URL path is a
file, or a folder whose `index.json` is served (npm packuments, keys, PEP 691 pages); `%2f` in a path
is a `/` (scoped npm names). A folder with `index.html` serves it unless the client accepts
`application/vnd.pypi.simple.v1+json` and `index.json` exists (PEP 691 content negotiation).
Prints "Serving HTTP on 127.0.0.1 port N" like http.server, and logs requests to standard error.
"""
import base64
import http.server
import os
import sys
import urllib.parse

ROOT = os.path.abspath(sys.argv[1])
AUTH = None
if "--auth" in sys.argv:
    AUTH = "Basic " + base64.b64encode(sys.argv[sys.argv.index("--auth") + 1].encode()).decode()

PYPI_JSON = "application/vnd.pypi.simple.v1+json"
QUIET = "--quiet" in sys.argv


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if AUTH is not None and self.headers.get("Authorization") != AUTH:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="internal"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        parts = [p for p in path.split("/") if p]
        if any(p in (".", "..") for p in parts):
            return self.fail(404)
        target = os.path.join(ROOT, *parts)
        kind = "application/octet-stream"
        if os.path.isdir(target):
            wants_json = PYPI_JSON in (self.headers.get("Accept") or "")
            html = os.path.join(target, "index.html")
            js = os.path.join(target, "index.json")
            if os.path.exists(html) and not (wants_json and os.path.exists(js)):
                target, kind = html, "text/html"
            elif os.path.exists(js):
                target = js
                kind = PYPI_JSON if wants_json and os.path.exists(html) else "application/json"
            else:
                return self.fail(404)
        elif target.endswith(".json"):
            kind = "application/json"
        if not os.path.isfile(target):
            return self.fail(404)
        with open(target, "rb") as handle:
            body = handle.read()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        if not QUIET:
            super().log_message(format, *args)

    def fail(self, status):
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


PORT = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 0
server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
print(f"Serving HTTP on 127.0.0.1 port {server.server_address[1]}", flush=True)
server.serve_forever()
