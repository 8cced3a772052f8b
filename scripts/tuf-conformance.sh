#!/usr/bin/env bash
# Runs the tuf-conformance suite (theupdateframework/tuf-conformance) from CHECKOUT_DIR against this
# repository's client, scripts/tuf-conformance-client. The suite is not part of this repository and
# this script downloads nothing but the suite's Python dependencies (from PyPI, into CHECKOUT_DIR/env,
# when that virtualenv does not exist yet). docs/tuf.md: the procedure and the last result.
#
#   scripts/tuf-conformance.sh CHECKOUT_DIR [PYTEST_ARGS...]
#
# The client binary: $TOLLGATE_BIN, else .build/release/tollgate (swift build -c release --product tollgate).
# Needs faketime on PATH (Debian: apt-get install faketime), as the suite's own action installs it.
# Exit status: pytest's (0 when every case passes or fails as listed in scripts/tuf-conformance-client.xfails).
set -euo pipefail
if [ $# -lt 1 ] || [ ! -d "$1/tuf_conformance" ]; then
    echo "usage: $0 CHECKOUT_DIR [PYTEST_ARGS...]   (CHECKOUT_DIR holds tuf_conformance/ and pyproject.toml)" >&2
    exit 2
fi
checkout="$(cd "$1" && pwd)"
shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
entrypoint="$here/scripts/tuf-conformance-client"
export TOLLGATE_BIN="${TOLLGATE_BIN:-$here/.build/release/tollgate}"
if [ ! -x "$TOLLGATE_BIN" ]; then
    echo "$0: no tollgate binary at $TOLLGATE_BIN; build it (swift build -c release --product tollgate) or set TOLLGATE_BIN" >&2
    exit 2
fi
if ! command -v faketime >/dev/null; then
    echo "$0: faketime is not installed (apt-get install faketime): the suite's expiry cases need it" >&2
    exit 2
fi
if [ ! -x "$checkout/env/bin/pytest" ]; then
    python3 -m venv "$checkout/env"
    "$checkout/env/bin/pip" install --quiet -e "$checkout"
fi
args=(--entrypoint "$entrypoint")
xfails="$(grep -v '^#' "$entrypoint.xfails" 2>/dev/null | tr -s ' \n' ' ' | sed 's/^ //; s/ $//' || true)"
if [ -n "$xfails" ]; then
    args+=(--expected-failures "$xfails")
fi
cd "$checkout"
exec "$checkout/env/bin/pytest" tuf_conformance "${args[@]}" "$@"
