#!/usr/bin/env bash
# Tollgate's main job on the example data shipped in examples/, with the embedded SQLite default:
# sign and attest an artifact, generate its SBOM, scan it offline against a local OSV database,
# gate it with a policy, record the decision in the ledger and prove it is there; then answer an
# incident about a component of the example project from the inventory the ledger feeds.
#   ./scripts/demo.sh            (builds tollgate in debug mode first; set TOLLGATE=path to skip)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! [ -e /usr/include/sqlite3.h ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libsqlite3-dev >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq libsqlite3-dev >/dev/null; fi
fi
if [ -z "${TOLLGATE:-}" ]; then
  swift build --product tollgate
  TOLLGATE=.build/debug/tollgate
fi
T=$TOLLGATE
export TOLLGATE_DATA; TOLLGATE_DATA=$(mktemp -d /tmp/tollgate-demo.XXXXXX)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
a=$work/app-1.0.tar
tar -C examples/project -cf "$a" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner .
key=examples/keys/example

step() { printf '\n== %s\n' "$*"; }

step "1. Sign and verify the example artifact; a tampered copy must fail"
examples/sign-and-verify.sh

step "2. Sign the application archive and attest its SLSA provenance"
"$T" digest "$a"
"$T" sign "$a" --key $key.key > "$a.sig"
"$T" provenance generate --subject "$a" --key $key.key --repository https://github.com/acme/app \
  --commit ebff8dfbd609b7b22237c7719ce07f2dc7934f5f --ref refs/tags/v1.0.0 \
  --builder-id https://github.com/actions/runner/github-hosted --output "$a.prov.json"
"$T" provenance verify "$a" --provenance "$a.prov.json" --key $key.pub \
  --source-uri github.com/acme/app --source-tag v1.0.0

step "3. SBOM from the lockfiles, attested; the advisory database; an offline scan for the team"
"$T" sbom generate examples/project --format cyclonedx-json --output "$work/sbom.cdx.json"
"$T" attest "$a" --predicate-type https://cyclonedx.org/bom --predicate "$work/sbom.cdx.json" --key $key.key > "$a.sbom.dsse.json"
"$T" db import examples/osv
"$T" scan "$work/sbom.cdx.json" --format table

step "4. The gate: policy examples/policy/demo.yaml, decision recorded in the ledger"
# The gate trusts only what examples/policy/demo.yaml names: the example key signs the artifact,
# its provenance and its SBOM. It scans the attested SBOM itself against the advisory database in
# \$TOLLGATE_DATA (imported above), so no scan file is handed to it.
"$T" ledger init
digest=$("$T" digest "$a" --format json | sed -n 's/.*"digest" *: *"\(sha256:[0-9a-f]*\)".*/\1/p' | head -1)
set +e
"$T" verify "$a" --policy examples/policy/demo.yaml --signature "$a.sig" --attestation "$a.prov.json" \
  --attestation "$a.sbom.dsse.json" --key $key.pub --reference "registry.example/app@$digest" --record
status=$?
set -e
echo "tollgate verify exited $status (0 allow/warn, 1 deny)"

step "4b. Whoever writes the evidence cannot choose the verdict: an emptied scan report changes nothing"
"$T" scan "$work/sbom.cdx.json" --format json | tr -d '\n' \
  | sed 's/"findings" *: *\[.*\] *, *"schemaVersion"/"findings":[],"schemaVersion"/' > "$work/doctored-scan.json"
set +e
"$T" verify "$a" --policy examples/policy/demo.yaml --signature "$a.sig" --attestation "$a.prov.json" \
  --attestation "$a.sbom.dsse.json" --key $key.pub --reference "registry.example/app@$digest" --scan "$work/doctored-scan.json" \
  | tail -4
echo "tollgate verify with the doctored scan exited ${PIPESTATUS[0]} (still a deny: the gate scans the SBOM itself)"
set -e

step "5. The ledger: signed checkpoint, inclusion proof of the first entry, audit"
"$T" ledger checkpoint
"$T" ledger prove-inclusion 0 --format json > "$work/proof.json"
"$T" ledger check-proof "$work/proof.json"
"$T" ledger verify
"$T" ledger fsck

step "6. Incident response: which artifacts contain urllib3 before 1.26.5, where do they run, what to do"
# verify --record above put the artifact, its attested SBOM's components, its provenance facts (with who
# vouches for them) and the decision in the ledger, and the inventory indexed them. Record where it runs;
# a tag-only deployment nobody observed stays without a digest, and the answer says its data is incomplete.
"$T" deploy record --environment production --cluster eu-1 --namespace shop --service app --image "registry.example/app@$digest"
"$T" inventory stats
set +e
"$T" incident --component pkg:pypi/urllib3 --versions 'vers:pypi/<1.26.5' --policy examples/policy/demo.yaml --format markdown
echo "tollgate incident exited $? (0 none affected and complete data, 1 affected, 5 incomplete data)"
"$T" drill --component pkg:pypi/urllib3 --versions 'vers:pypi/<1.26.5'
set -e

echo
echo "Demo complete. Data directory: $TOLLGATE_DATA"
