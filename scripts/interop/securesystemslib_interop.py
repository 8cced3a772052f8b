#!/usr/bin/env python3
"""Interop between Tollgate and the Python peers securesystemslib / in-toto-attestation.

  generate OUTDIR         regenerate the fixtures Tollgate's tests verify (keys, JWKs,
                          DSSE envelopes with in-toto Statement v1 payloads, raw signatures)
  verify-tollgate TOLLGATE
                          have `TOLLGATE` (the built CLI) make keys, signatures and envelopes,
                          then verify them with securesystemslib and `cryptography`

Set up:  python3 -m venv /tmp/interop-venv && /tmp/interop-venv/bin/pip install \
             securesystemslib in-toto in-toto-attestation cryptography
Run:     /tmp/interop-venv/bin/python scripts/interop/securesystemslib_interop.py generate \
             Tests/TollgateModelTests/Fixtures/interop
         /tmp/interop-venv/bin/python scripts/interop/securesystemslib_interop.py verify-tollgate .build/debug/tollgate
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from google.protobuf import json_format
from in_toto_attestation.v1 import resource_descriptor, statement
from securesystemslib.dsse import Envelope
from securesystemslib.signer import CryptoSigner, SSlibKey

PAYLOAD_TYPE = "application/vnd.in-toto+json"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def int_bytes(value: int, size: int | None = None) -> bytes:
    size = size or (value.bit_length() + 7) // 8
    return value.to_bytes(size, "big")


def jwk(public_key) -> dict:
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        size = (public_key.curve.key_size + 7) // 8
        numbers = public_key.public_numbers()
        crv = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}[public_key.curve.name]
        return {"kty": "EC", "crv": crv, "x": b64url(int_bytes(numbers.x, size)), "y": b64url(int_bytes(numbers.y, size))}
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw)}
    numbers = public_key.public_numbers()
    return {"kty": "RSA", "n": b64url(int_bytes(numbers.n)), "e": b64url(int_bytes(numbers.e))}


def spki_pem(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def statement_json(name: str, data: bytes, predicate_type: str, predicate: dict) -> bytes:
    subject = resource_descriptor.ResourceDescriptor(name=name, digest={"sha256": hashlib.sha256(data).hexdigest()})
    st = statement.Statement(subjects=[subject.pb], predicate_type=predicate_type, predicate=predicate)
    st.validate()
    return json_format.MessageToJson(st.pb, indent=None).encode()


def generate(out: str) -> None:
    os.makedirs(out, exist_ok=True)
    artifact = b"Tollgate interop artifact: an in-toto subject made by securesystemslib.\n"
    with open(os.path.join(out, "artifact.txt"), "wb") as f:
        f.write(artifact)
    signers = {
        "ecdsa-p256": CryptoSigner.generate_ecdsa(),
        "ed25519": CryptoSigner.generate_ed25519(),
        "rsa-pss": CryptoSigner.generate_rsa(),
    }
    for name, signer in signers.items():
        crypto_public = signer._private_key.public_key()  # the cryptography key behind the signer
        with open(os.path.join(out, f"{name}.pub"), "wb") as f:
            f.write(spki_pem(crypto_public))
        with open(os.path.join(out, f"{name}.jwk"), "w") as f:
            json.dump(jwk(crypto_public), f, indent=2)
        payload = statement_json("artifact.txt", artifact, "https://slsa.dev/provenance/v1",
                                 {"buildDefinition": {"buildType": "https://example.com/interop"}})
        envelope = Envelope(payload=payload, payload_type=PAYLOAD_TYPE, signatures={})
        envelope.sign(signer)
        with open(os.path.join(out, f"{name}.dsse.json"), "w") as f:
            json.dump(envelope.to_dict(), f, indent=2)
        # A raw signature over the artifact bytes (the sign-blob shape), via the same signer.
        sig = signer.sign(artifact)
        with open(os.path.join(out, f"{name}.artifact.sig"), "w") as f:
            f.write(base64.b64encode(bytes.fromhex(sig.signature)).decode() + "\n")
        print(f"{name}: keyid (securesystemslib) {signer.public_key.keyid}, scheme {signer.public_key.scheme}")

    # Two signatures (threshold 2) in one envelope.
    payload = statement_json("artifact.txt", artifact, "https://example.com/two-signers/v1", {"k": "v"})
    envelope = Envelope(payload=payload, payload_type=PAYLOAD_TYPE, signatures={})
    envelope.sign(signers["ecdsa-p256"])
    envelope.sign(signers["ed25519"])
    with open(os.path.join(out, "two-signers.dsse.json"), "w") as f:
        json.dump(envelope.to_dict(), f, indent=2)
    print(f"fixtures written to {out}")


def verify_tollgate(tollgate: str) -> int:
    failures = 0
    work = tempfile.mkdtemp(prefix="tollgate-interop-")
    artifact = os.path.join(work, "artifact.bin")
    with open(artifact, "wb") as f:
        f.write(os.urandom(4096))
    predicate = os.path.join(work, "predicate.json")
    with open(predicate, "w") as f:
        json.dump({"builder": {"id": "https://example.com/tollgate-interop"}}, f)
    env = dict(os.environ, TOLLGATE_PASSWORD="interop-passphrase")
    for algorithm in ["ecdsa-p256", "ecdsa-p384", "ed25519"]:
        prefix = os.path.join(work, algorithm)
        subprocess.run([tollgate, "key", "generate", "--algorithm", algorithm, "--output-prefix", prefix], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        with open(prefix + ".pub", "rb") as f:
            public = serialization.load_pem_public_key(f.read())
        # 1. Raw signature over the file (tollgate sign) verified by `cryptography`.
        sig = base64.b64decode(subprocess.run([tollgate, "sign", artifact, "--key", prefix + ".key"], check=True,
                                              env=env, capture_output=True).stdout)
        with open(artifact, "rb") as f:
            data = f.read()
        try:
            if isinstance(public, ed25519.Ed25519PublicKey):
                public.verify(sig, data)
            else:
                hash_for = {"secp256r1": hashes.SHA256(), "secp384r1": hashes.SHA384()}[public.curve.name]
                public.verify(sig, data, ec.ECDSA(hash_for))
            print(f"ok   {algorithm}: cryptography verifies `tollgate sign`")
        except Exception as error:  # noqa: BLE001 - report every failure
            failures += 1
            print(f"FAIL {algorithm}: cryptography rejects `tollgate sign`: {error!r}")
        # 1b. The same signature verified by the openssl CLI, when it is installed.
        sig_path = prefix + ".sig.der"
        with open(sig_path, "wb") as f:
            f.write(sig)
        if isinstance(public, ed25519.Ed25519PublicKey):
            command = ["openssl", "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", prefix + ".pub",
                       "-sigfile", sig_path, "-in", artifact]
        else:
            digest = "-sha384" if public.curve.name == "secp384r1" else "-sha256"
            command = ["openssl", "dgst", digest, "-verify", prefix + ".pub", "-signature", sig_path, artifact]
        try:
            result = subprocess.run(command, capture_output=True)
            if result.returncode == 0:
                print(f"ok   {algorithm}: openssl verifies `tollgate sign`")
            else:
                failures += 1
                print(f"FAIL {algorithm}: openssl rejects `tollgate sign`: {result.stdout!r} {result.stderr!r}")
        except FileNotFoundError:
            print(f"skip {algorithm}: openssl is not installed")
        # 2. DSSE envelope (tollgate attest) verified by securesystemslib.
        out = subprocess.run([tollgate, "attest", artifact, "--predicate-type", "https://slsa.dev/provenance/v1",
                              "--predicate", predicate, "--key", prefix + ".key"], check=True, env=env,
                             capture_output=True).stdout
        envelope = Envelope.from_dict(json.loads(out))
        # securesystemslib matches signatures to keys by keyid; Tollgate's keyid is the SHA-256 of
        # the SubjectPublicKeyInfo DER (docs/keys.md), which we compute here independently.
        spki_der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        key = SSlibKey.from_crypto(public, keyid=hashlib.sha256(spki_der).hexdigest())
        try:
            envelope.verify([key], 1)
            st = json.loads(envelope.payload)
            assert envelope.payload_type == PAYLOAD_TYPE
            assert st["_type"] == "https://in-toto.io/Statement/v1"
            assert st["subject"][0]["digest"]["sha256"] == hashlib.sha256(data).hexdigest()
            print(f"ok   {algorithm}: securesystemslib verifies `tollgate attest` (keyid {key.keyid[:16]}…)")
        except Exception as error:  # noqa: BLE001
            failures += 1
            print(f"FAIL {algorithm}: securesystemslib rejects `tollgate attest`: {error!r}")
        # 3. A tampered envelope must fail on their side too.
        tampered = envelope.to_dict()
        tampered["payloadType"] = "application/json"
        try:
            Envelope.from_dict(tampered).verify([key], 1)
            failures += 1
            print(f"FAIL {algorithm}: securesystemslib accepted a tampered envelope")
        except Exception:  # noqa: BLE001
            print(f"ok   {algorithm}: securesystemslib rejects a tampered payloadType")
    print("all checks passed" if failures == 0 else f"{failures} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "generate":
        generate(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "verify-tollgate":
        sys.exit(verify_tollgate(sys.argv[2]))
    else:
        print(__doc__)
        sys.exit(2)
