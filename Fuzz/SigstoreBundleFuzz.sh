#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the Sigstore bundle parser (docs/sigstore.md, "Fuzzing").
#
#   Fuzz/SigstoreBundleFuzz.sh [SECONDS]      default 60
#
# Compiles Fuzz/SigstoreBundleFuzz.swift with the TollgateSigstore sources using
# `swiftc -sanitize=fuzzer,address`; TollgateModel, TollgateTransparency (its note and proof
# parsers are linked uninstrumented), swift-certificates, swift-asn1 and swift-crypto are linked
# from the main debug build (`swift build --target TollgateSigstore`, run here first).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
swift build --target TollgateSigstore >/dev/null
bin=$(swift build --show-bin-path)
out=.build/fuzz
mkdir -p "$out"

deps=(TollgateModel TollgateTransparency X509 _CertificateInternals SwiftASN1 Crypto _CryptoExtras CryptoExtras CryptoBoringWrapper CCryptoBoringSSL CCryptoBoringSSLShims CXKCP CXKCPShims)
objects=()
for dep in "${deps[@]}"; do
  [ -d "$bin/$dep.build" ] && while IFS= read -r o; do objects+=("$o"); done < <(find "$bin/$dep.build" -name '*.o')
done
modulemaps=()
for m in CCryptoBoringSSL CCryptoBoringSSLShims CXKCP CXKCPShims; do
  dir=.build/checkouts/swift-crypto/Sources/$m/include
  modulemaps+=(-Xcc "-fmodule-map-file=$dir/module.modulemap" -Xcc -I -Xcc "$dir")
done
mapfile -t sources < <(find Sources/TollgateSigstore -name '*.swift' | sort)
sources+=("$bin/TollgateSigstore.build/DerivedSources/resource_bundle_accessor.swift")

name=SigstoreBundleFuzz
echo "building $out/$name"
swiftc -sanitize=fuzzer,address -parse-as-library -swift-version 6 -g -O \
  -module-name "$name" -I "$bin/Modules" "${modulemaps[@]}" \
  "${sources[@]}" "Fuzz/$name.swift" "${objects[@]}" -lstdc++ -o "$out/$name" 2>&1 \
  | grep -v "Cannot export local symbol" || true
[ -x "$out/$name" ]

corpus=Fuzz/corpus-$name
mkdir -p "$corpus"
echo "running $name for ${seconds}s (corpus $corpus, seeds Fuzz/SigstoreBundleSeeds)"
"$out/$name" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=Fuzz/crash-$name- "$corpus" Fuzz/SigstoreBundleSeeds 2>&1 \
  | grep -E "^(#[0-9]+ *(DONE|pulse|NEW))|Done|ERROR|SUMMARY|crash-" | tail -5
