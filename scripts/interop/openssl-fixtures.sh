#!/usr/bin/env bash
# Regenerates Tests/TollgateModelTests/Fixtures/openssl: keys and signatures made by the openssl CLI,
# which Tollgate's tests must load and verify. Run from the repository root. Keys are test-only.
set -euo pipefail
out=Tests/TollgateModelTests/Fixtures/openssl
mkdir -p "$out"
cd "$out"
printf 'Tollgate interop message: signed by openssl, verified by Tollgate.\n' > message.txt

for curve in P-256:prime256v1:sha256 P-384:secp384r1:sha384 P-521:secp521r1:sha512; do
  IFS=: read -r name ossl hash <<<"$curve"
  base=$(echo "$name" | tr 'A-Z' 'a-z' | tr -d -)
  openssl ecparam -name "$ossl" -genkey -noout -out "$base.sec1.pem"
  openssl pkcs8 -topk8 -nocrypt -in "$base.sec1.pem" -out "$base.key"
  openssl ec -in "$base.key" -pubout -out "$base.pub" 2>/dev/null
  openssl dgst -"$hash" -sign "$base.key" -out "$base.sig.der" message.txt
  base64 -w0 "$base.sig.der" > "$base.sig"; rm "$base.sig.der"
done

openssl genpkey -algorithm ed25519 -out ed25519.key
openssl pkey -in ed25519.key -pubout -out ed25519.pub
openssl pkeyutl -sign -rawin -inkey ed25519.key -in message.txt | base64 -w0 > ed25519.sig

openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:2048 -out rsa2048.key 2>/dev/null
openssl pkey -in rsa2048.key -pubout -out rsa2048.pub
openssl rsa -in rsa2048.key -RSAPublicKey_out -out rsa2048.pkcs1.pub 2>/dev/null
openssl dgst -sha256 -sign rsa2048.key message.txt | base64 -w0 > rsa2048-pkcs1v15.sig
openssl dgst -sha256 -sign rsa2048.key -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest message.txt \
  | base64 -w0 > rsa2048-pss.sig

openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:1024 -out rsa1024.key 2>/dev/null
openssl pkey -in rsa1024.key -pubout -out rsa1024.pub
openssl dgst -sha256 -sign rsa1024.key message.txt | base64 -w0 > rsa1024.sig
rm rsa1024.key

openssl ecparam -name secp256k1 -genkey -noout | openssl ec -pubout -out secp256k1.pub 2>/dev/null
openssl genpkey -algorithm ed448 | openssl pkey -pubout -out ed448.pub

# An openssl-encrypted PKCS#8 (PBES2 with PBKDF2 + AES-256-CBC): Tollgate names it and refuses it.
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:test -in p256.key -out p256.openssl-encrypted.key
echo "openssl fixtures regenerated in $out"
