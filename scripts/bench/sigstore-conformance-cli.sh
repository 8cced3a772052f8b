#!/usr/bin/env bash
# Drives `tollgate verify-bundle` through every sigstore-conformance bundle-verify case the way the
# conformance harness does (one process per case, artifact as a path and as sha256:<hex>), and checks
# the exit status: 0 for pass cases, 1 (verification failed) or 3 (invalid input) for fail cases.
#   scripts/bench/sigstore-conformance-cli.sh [TOLLGATE]      default .build/debug/tollgate
set -uo pipefail
cd "$(dirname "$0")/../.."
tollgate=${1:-.build/debug/tollgate}
dir=Tests/TollgateSigstoreTests/Fixtures/conformance
python3 - "$tollgate" "$dir" <<'PY'
import hashlib, json, shlex, subprocess, sys
tollgate, base = shlex.split(sys.argv[1]), sys.argv[2]
cases = json.load(open(f"{base}/MANIFEST.json"))["cases"]
bad = 0
for c in cases:
    art = f"{base}/{c['artifact']}"
    digest = "sha256:" + hashlib.sha256(open(art, "rb").read()).hexdigest()
    for target in (art, digest):
        cmd = tollgate + ["verify-bundle", "--bundle", f"{base}/{c['bundle']}", "--trusted-root", f"{base}/{c['trusted_root']}"]
        cmd += ["--key", f"{base}/{c['key']}"] if c["verification"] == "key" else \
               ["--certificate-identity", c["identity"], "--certificate-oidc-issuer", c["issuer"]]
        rc = subprocess.run(cmd + [target], capture_output=True).returncode
        ok = rc == 0 if c["expected"] == "pass" else rc in (1, 3)
        if not ok:
            bad += 1
            print(f"MISMATCH {c['id']} ({target[:20]}): exit {rc}, expected {c['expected']}")
print(f"{2 * len(cases) - bad}/{2 * len(cases)} invocations as expected")
sys.exit(1 if bad else 0)
PY
