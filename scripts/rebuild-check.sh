#!/usr/bin/env bash
# Dogfooding (docs/reproducible.md): builds the release `tollgate` binary twice, from two clean
# checkouts of one commit in two different directories, and compares the two binaries with
# `tollgate rebuild compare`.
#
#   scripts/rebuild-check.sh [--commit REV] [--out DIR] [--tollgate BIN] [--prefix-map] [--equal-length] [--compare-only]
#
#   --commit REV     what to build (default HEAD of this repository)
#   --out DIR        where the checkouts, logs, binaries and the comparison go (default /tmp/tollgate-rebuild)
#   --tollgate BIN   the `tollgate` that compares (default: the first of the two binaries built)
#   --prefix-map     build with -file-prefix-map / -debug-prefix-map / -file-compilation-dir (swiftc),
#                    -no-serialize-debugging-options, -no-clang-module-breadcrumbs and
#                    -disable-incremental-llvm-codegen (swift-frontend; the last makes .swift_modhash a
#                    hash of the mapped module) and -ffile-prefix-map (C), mapping the checkout's directory
#                    to /src (docs/reproducible.md)
#   --equal-length   check out B at OUT/checkout-b/tollgate, a different directory whose path has the length of
#                    A's (Swift 6.3.1 leaks the length of an unmapped source path into the code even with
#                    --prefix-map; docs/reproducible.md)
#   --compare-only   do not build; compare OUT/a.tollgate with OUT/b.tollgate again
#
# Both builds use the same dependency versions: Package.resolved is not committed, so the
# repository's own Package.resolved (when there is one) is copied into both checkouts, else the one
# checkout A resolved is copied into checkout B, and both build with --force-resolved-versions
# where a file is given. The file used is kept as OUT/Package.resolved.
#
# Exit status: that of `tollgate rebuild compare` (0 equal, 1 differ, 2 or more an error), or the
# build's when a build fails (its log is OUT/NAME.build.log; the last lines are printed).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

COMMIT=HEAD
OUT=/tmp/tollgate-rebuild
TOLLGATE=
PREFIX_MAP=0
EQUAL_LENGTH=0
COMPARE_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --commit) COMMIT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --tollgate) TOLLGATE=$2; shift 2 ;;
    --prefix-map) PREFIX_MAP=1; shift ;;
    --equal-length) EQUAL_LENGTH=1; shift ;;
    --compare-only) COMPARE_ONLY=1; shift ;;
    *) echo "rebuild-check: unknown argument $1" >&2; exit 2 ;;
  esac
done
REV=$(git -C "$REPO" rev-parse "$COMMIT")
mkdir -p "$OUT"

# build NAME DIR: a clean clone of REV at DIR, built in release mode; the binary is copied to OUT/NAME.tollgate.
build() {
  local name=$1 dir=$2
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  git clone --quiet --no-hardlinks "$REPO" "$dir"
  git -C "$dir" checkout --quiet --detach "$REV"
  local flags=()
  if [ -f "$OUT/Package.resolved" ]; then
    cp "$OUT/Package.resolved" "$dir/Package.resolved"
    flags+=(--force-resolved-versions)
  fi
  if [ "$PREFIX_MAP" = 1 ]; then
    # swiftc takes these as two arguments (`-file-prefix-map A=B`); the joined form is refused.
    flags+=(-Xswiftc -file-prefix-map -Xswiftc "$dir=/src" -Xswiftc -debug-prefix-map -Xswiftc "$dir=/src"
           -Xswiftc -file-compilation-dir -Xswiftc /src
           -Xswiftc -Xfrontend -Xswiftc -no-serialize-debugging-options
           -Xswiftc -Xfrontend -Xswiftc -no-clang-module-breadcrumbs
           -Xswiftc -Xfrontend -Xswiftc -disable-incremental-llvm-codegen
           -Xcc "-ffile-prefix-map=$dir=/src")
  fi
  local start end
  start=$(date +%s)
  echo "rebuild-check: building $name at $dir ($REV)" >&2
  local status=0
  (cd "$dir" && SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) \
     nice -n 10 swift build -c release --product tollgate ${flags[@]+"${flags[@]}"}) >"$OUT/$name.build.log" 2>&1 || status=$?
  if [ "$status" != 0 ]; then
    echo "rebuild-check: building $name failed (exit $status); the end of $OUT/$name.build.log:" >&2
    tail -n 20 "$OUT/$name.build.log" >&2
    exit "$status"
  fi
  [ -f "$OUT/Package.resolved" ] || cp "$dir/Package.resolved" "$OUT/Package.resolved"
  end=$(date +%s)
  echo "$name $((end - start))" >>"$OUT/build-seconds.txt"
  cp "$dir/.build/release/tollgate" "$OUT/$name.tollgate"
  echo "rebuild-check: $name built in $((end - start)) s" >&2
}

if [ "$COMPARE_ONLY" = 0 ]; then
  : >"$OUT/build-seconds.txt"
  rm -f "$OUT/Package.resolved"
  if [ -f "$REPO/Package.resolved" ]; then cp "$REPO/Package.resolved" "$OUT/Package.resolved"; fi
  # Two different directories (by default of different depths and names: an embedded build path cannot coincide).
  build a "$OUT/checkout-a/tollgate"
  if [ "$EQUAL_LENGTH" = 1 ]; then
    build b "$OUT/checkout-b/tollgate"
  else
    build b "$OUT/checkout-b/elsewhere/tollgate-src"
  fi
fi

TOLLGATE=${TOLLGATE:-$OUT/a.tollgate}
for binary in "$OUT/a.tollgate" "$OUT/b.tollgate" "$TOLLGATE"; do
  [ -x "$binary" ] || { echo "rebuild-check: $binary is missing (build first, without --compare-only)" >&2; exit 4; }
done
set +e
"$TOLLGATE" rebuild compare "$OUT/a.tollgate" "$OUT/b.tollgate" --format json >"$OUT/compare.json"
status=$?
"$TOLLGATE" rebuild compare "$OUT/a.tollgate" "$OUT/b.tollgate" >"$OUT/compare.txt"
set -e
cat "$OUT/compare.txt"
exit "$status"
