#!/usr/bin/env bash
# zizmor differential for `tollgate audit` (docs/audit.md, "zizmor differential").
#
# Usage: scripts/zizmor-diff.sh [--tollgate PATH] [FILE_OR_DIR...]
#   default inputs: Tests/TollgateAuditTests/Fixtures/workflows and .../Fixtures/zizmor-corpus
#   default tollgate: .build/debug/tollgate
#
# Runs both tools on each workflow file, offline (zizmor --offline --persona pedantic, tollgate audit
# --format json), maps each tool's rules onto the shared families below, and reports per family the
# lines both flag (agree), only Tollgate flags, and only zizmor flags; then each disagreement.
# Needs: zizmor (pip install zizmor) and python3. Exits 0 whatever the agreement (it is a report).
#
# Families (Tollgate rules -> zizmor audits):
#   unpinned-uses         unpinned-uses                                   -> unpinned-uses
#   dangerous-triggers    dangerous-trigger, untrusted-checkout           -> dangerous-triggers
#   excessive-permissions permissions-missing/-write-all/-read-all/
#                         -unneeded-write                                 -> excessive-permissions
#   template-injection    template-injection                              -> template-injection
#   cache-poisoning       cache-poisoning                                 -> cache-poisoning
#   artipacked            persist-credentials                             -> artipacked
#   unpinned-tools        unpinned-package-install, curl-pipe-shell,
#                         unverified-download                             -> adhoc-packages
set -euo pipefail
cd "$(dirname "$0")/.."
tollgate=.build/debug/tollgate
if [ "${1:-}" = "--tollgate" ]; then tollgate=$2; shift 2; fi
[ $# -gt 0 ] || set -- Tests/TollgateAuditTests/Fixtures/workflows Tests/TollgateAuditTests/Fixtures/zizmor-corpus
command -v zizmor >/dev/null || { echo "zizmor not found: pip install zizmor" >&2; exit 4; }
[ -x "$tollgate" ] || { echo "$tollgate not found: swift build --product tollgate" >&2; exit 4; }

files=()
for input in "$@"; do
  if [ -d "$input" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$input" -maxdepth 1 -name '*.y*ml' | sort)
  else
    files+=("$input")
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in "${files[@]}"; do
  key=$(printf '%s' "$f" | tr '/' '_')
  "$tollgate" audit --format json --min-severity low --fail-on critical "$f" > "$work/$key.tollgate.json" 2>/dev/null || true
  # zizmor exits 10-14 when it finds something (by highest severity), 0 when not; anything else is a failure.
  rc=0
  zizmor --offline --persona pedantic --format json "$f" > "$work/$key.zizmor.json" 2>/dev/null || rc=$?
  case $rc in 0|1[0-4]) ;; *) echo '"zizmor-failed"' > "$work/$key.zizmor.json" ;; esac
done

python3 - "$work" "${files[@]}" <<'PY'
import json, sys, collections
work, files = sys.argv[1], sys.argv[2:]
tollgate_family = {
    "unpinned-uses": "unpinned-uses", "dangerous-trigger": "dangerous-triggers", "untrusted-checkout": "dangerous-triggers",
    "permissions-missing": "excessive-permissions", "permissions-write-all": "excessive-permissions",
    "permissions-read-all": "excessive-permissions",
    "permissions-unneeded-write": "excessive-permissions", "template-injection": "template-injection",
    "cache-poisoning": "cache-poisoning", "persist-credentials": "artipacked",
    "unpinned-package-install": "unpinned-tools", "curl-pipe-shell": "unpinned-tools", "unverified-download": "unpinned-tools",
}
zizmor_family = {
    "unpinned-uses": "unpinned-uses", "dangerous-triggers": "dangerous-triggers", "excessive-permissions": "excessive-permissions",
    "template-injection": "template-injection", "cache-poisoning": "cache-poisoning", "artipacked": "artipacked",
    "adhoc-packages": "unpinned-tools",
}
families = ["unpinned-uses", "dangerous-triggers", "excessive-permissions", "template-injection", "cache-poisoning",
            "artipacked", "unpinned-tools"]
agree, only_t, only_z, unaudited_t = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
details, unaudited = [], []
for f in files:
    key = f.replace("/", "_")
    try:
        t = json.load(open(f"{work}/{key}.tollgate.json"))
        t_found = [(tollgate_family[x["rule"]], x["line"]) for x in t.get("findings", []) if x["rule"] in tollgate_family]
    except (ValueError, KeyError):
        t_found = []; unaudited.append(f"{f}: tollgate could not audit it")
    z = json.load(open(f"{work}/{key}.zizmor.json"))
    if z == "zizmor-failed":
        unaudited.append(f"{f}: zizmor could not audit it (it failed schema validation); tollgate found {len(t_found)}")
        for fam, line in t_found:
            unaudited_t[fam] += 1
            details.append(f"{f}:{line}: {fam}: only tollgate (zizmor did not audit the file)")
        continue
    z_found = []
    for x in z:
        fam = zizmor_family.get(x["ident"])
        if not fam: continue
        primary = next((l for l in x["locations"] if l["symbolic"].get("kind") == "Primary"), x["locations"][0])
        z_found.append((fam, primary["concrete"]["location"]["start_point"]["row"] + 1))
    # Pair findings of one family: the same line first, then within 3 lines (zizmor anchors some
    # findings at the step's first line, Tollgate at the offending key inside the step).
    t_left, z_left = sorted(set(t_found)), sorted(set(z_found))
    for tolerance in (0, 1, 2, 3):
        for item in list(t_left):
            match = next((zz for zz in z_left if zz[0] == item[0] and abs(zz[1] - item[1]) == tolerance), None)
            if match:
                agree[item[0]] += 1; t_left.remove(item); z_left.remove(match)
    for fam, line in t_left:
        only_t[fam] += 1; details.append(f"{f}:{line}: {fam}: only tollgate")
    for fam, line in z_left:
        only_z[fam] += 1; details.append(f"{f}:{line}: {fam}: only zizmor")
print("files both audited:")
print(f"{'family':24} {'agree':>5} {'tollgate-only':>13} {'zizmor-only':>11} {'agreement':>9}   {'(tollgate on files zizmor rejected)'}")
for fam in families:
    a, t, z = agree[fam], only_t[fam], only_z[fam]
    total = a + t + z
    rate = f"{100 * a / total:.0f}%" if total else "-"
    print(f"{fam:24} {a:5} {t:13} {z:11} {rate:>9}   {unaudited_t[fam]}")
a, t, z = sum(agree.values()), sum(only_t.values()), sum(only_z.values())
print(f"{'all':24} {a:5} {t:13} {z:11} {(f'{100 * a / (a + t + z):.0f}%' if a + t + z else '-'):>9}   {sum(unaudited_t.values())}")
print(f"\n{len(files)} files")
for line in unaudited: print("not audited:", line)
for line in details: print(line)
PY
