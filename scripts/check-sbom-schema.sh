#!/usr/bin/env bash
# Generates CycloneDX 1.6 SBOMs with the built `tollgate sbom generate` from the lockfile fixtures
# (one project per ecosystem, plus one mixed tree) and validates them against the official
# CycloneDX 1.6 JSON schema (scripts/validate-cyclonedx.py, offline). Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
TOLLGATE=${TOLLGATE:-.build/debug/tollgate}
FIX=Tests/TollgateSBOMTests/Fixtures/lockfiles
[ -x "$TOLLGATE" ] || swift build --product tollgate
python3 -c 'import jsonschema, referencing' 2>/dev/null || python3 -m pip install -q jsonschema

WORK=$(mktemp -d /tmp/tollgate-sbom-schema.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
place() { mkdir -p "$WORK/$1/$(dirname "$2")"; cp "$FIX/$3" "$WORK/$1/$2"; }
place npm-v1 package-lock.json packagelockjson/commits.v1.json
place npm-v2 package-lock.json packagelockjson/nested-dependencies.v2.json
place npm-v3 package-lock.json packagelockjson/bundled-dependencies.v3.json
place yarn-v1 yarn.lock yarnlock/commits.v1.lock
place yarn-berry yarn.lock yarnlock/with-aliases.v2.lock
place pnpm-v5 pnpm-lock.yaml pnpmlock/peer-dependencies-advanced.yaml
place pnpm-v9 pnpm-lock.yaml pnpmlock/mixed-groups.v9.yaml
place python requirements.txt requirements/per_req_options.txt
place python poetry.lock poetrylock/multiple-packages.v2.lock
place python Pipfile.lock pipfilelock/multiple-packages.json
place python uv.lock uvlock/grouped-packages.lock
place go go.mod gomod/indirect-packages.mod
place rust Cargo.lock cargolock/many-packages.lock
place ruby Gemfile.lock gemfilelock/rails.lock
place php composer.lock composerlock/drupal-packages.json
place swift Package.resolved packageresolved/cve-packages

outputs=()
for project in "$WORK"/*/; do
  name=$(basename "$project")
  "$TOLLGATE" sbom generate "$project" --format cyclonedx-json --output "$WORK/$name.cdx.json" \
    --timestamp 2026-01-01T00:00:00Z 2>/dev/null
  outputs+=("$WORK/$name.cdx.json")
done
"$TOLLGATE" sbom generate "$WORK" --format cyclonedx-json --output "$WORK/all.cdx.json" 2>/dev/null
outputs+=("$WORK/all.cdx.json")
python3 scripts/validate-cyclonedx.py "${outputs[@]}"
