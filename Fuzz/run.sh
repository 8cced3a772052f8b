#!/usr/bin/env bash
# Builds and runs the libFuzzer targets for the DSSE envelope and PEM/key parsers (docs/fuzzing.md).
#
#   Fuzz/run.sh [dsse|pem] [SECONDS]     default: both targets, 60 seconds each
#
# Each target is compiled with `swiftc -sanitize=fuzzer,address` together with the TollgateModel
# sources, so the parsers are coverage-instrumented; swift-crypto and swift-asn1 are linked from the
# main debug build (`swift build --target TollgateModel` first; this script does it).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=${1:-all}
seconds=${2:-60}
swift build --target TollgateModel >/dev/null
bin=$(swift build --show-bin-path)
out=.build/fuzz
mkdir -p "$out"

deps=(Crypto _CryptoExtras CryptoExtras CryptoBoringWrapper CCryptoBoringSSL CCryptoBoringSSLShims CXKCP CXKCPShims SwiftASN1)
objects=()
for dep in "${deps[@]}"; do
  [ -d "$bin/$dep.build" ] && while IFS= read -r o; do objects+=("$o"); done < <(find "$bin/$dep.build" -name '*.o')
done
modulemaps=()
for m in CCryptoBoringSSL CCryptoBoringSSLShims CXKCP CXKCPShims; do
  dir=.build/checkouts/swift-crypto/Sources/$m/include
  modulemaps+=(-Xcc "-fmodule-map-file=$dir/module.modulemap" -Xcc -I -Xcc "$dir")
done
mapfile -t model < <(find Sources/TollgateModel -name '*.swift' | sort)

build() {
  local name=$1
  echo "building $out/$name"
  swiftc -sanitize=fuzzer,address -parse-as-library -swift-version 6 -g -O \
    -module-name "$name" -I "$bin/Modules" "${modulemaps[@]}" \
    "${model[@]}" "Fuzz/Targets/$name.swift" "${objects[@]}" -lstdc++ -o "$out/$name" 2>&1 \
    | grep -v "Cannot export local symbol" || true
  [ -x "$out/$name" ]
}

run() {
  local name=$1 corpus=Fuzz/corpus-$1 seeds=Fuzz/seeds/$1
  mkdir -p "$corpus"
  echo "running $name for ${seconds}s (corpus $corpus, seeds $seeds)"
  # The Swift runtime keeps a few allocations alive at exit; LeakSanitizer would report them as a crash.
  ASAN_OPTIONS=detect_leaks=0 "$out/$name" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
    -artifact_prefix=Fuzz/ "$corpus" "$seeds" 2>&1 | grep -E "^#[0-9]+[[:space:]]+DONE|^Done|ERROR|SUMMARY|Test unit written" | tail -5
}

case "$targets" in
  dsse) build FuzzDSSE && run FuzzDSSE ;;
  pem) build FuzzPEM && run FuzzPEM ;;
  all) build FuzzDSSE && build FuzzPEM && run FuzzDSSE; run FuzzPEM ;;
  *) echo "usage: Fuzz/run.sh [dsse|pem|all] [SECONDS]" >&2; exit 2 ;;
esac
