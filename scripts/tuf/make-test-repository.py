#!/usr/bin/env python3
"""Generates Tests/TollgateTUFTests/Fixtures/generated-repository with python-tuf (the oracle).

A consistent-snapshot TUF repository that expires in 2100, signed with every key type the client
supports: root v1 by RSA-PSS + ECDSA (threshold 2), root v2 adds an Ed25519 root key and is signed
by both key sets; timestamp Ed25519, snapshot and targets ECDSA. Targets: Sigstore's
trusted_root.json, and registry.npmjs.org/keys.json through a delegation to `registry.npmjs.org`
(as Sigstore's repository has it). Snapshot and timestamp list lengths and hashes.

    python3 -m venv /tmp/tufvenv && /tmp/tufvenv/bin/pip install tuf securesystemslib cryptography
    /tmp/tufvenv/bin/python scripts/tuf/make-test-repository.py
"""
import hashlib
import os
import shutil
from datetime import datetime, timezone

from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import (DelegatedRole, Delegations, Metadata, MetaFile, Root, Snapshot, TargetFile,
                              Targets, Timestamp)
from tuf.api.serialization.json import JSONSerializer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "TollgateTUFTests", "Fixtures")
OUT = os.path.join(FIXTURES, "generated-repository")
EXPIRES = datetime(2100, 1, 1, tzinfo=timezone.utc)

shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(os.path.join(OUT, "metadata"))
os.makedirs(os.path.join(OUT, "targets", "registry.npmjs.org"))

rsa, ecdsa, ed = CryptoSigner.generate_rsa(), CryptoSigner.generate_ecdsa(), CryptoSigner.generate_ed25519()
ts, sn, tg, npm = CryptoSigner.generate_ed25519(), CryptoSigner.generate_ecdsa(), CryptoSigner.generate_ecdsa(), CryptoSigner.generate_ed25519()
serializer = JSONSerializer(compact=False)


def write(name, md):
    with open(os.path.join(OUT, "metadata", name), "wb") as f:
        f.write(md.to_bytes(serializer))
    return md.to_bytes(serializer)


def add_target(targets, path, data):
    tf = TargetFile.from_data(path, data, ["sha256"])
    targets.targets[path] = tf
    directory, _, name = path.rpartition("/")
    dest = os.path.join(OUT, "targets", directory, f"{tf.hashes['sha256']}.{name}")
    with open(dest, "wb") as f:
        f.write(data)


root = Metadata(Root(expires=EXPIRES, consistent_snapshot=True))
for signer in (rsa, ecdsa):
    root.signed.add_key(signer.public_key, "root")
root.signed.roles["root"].threshold = 2
root.signed.add_key(ts.public_key, "timestamp")
root.signed.add_key(sn.public_key, "snapshot")
root.signed.add_key(tg.public_key, "targets")
root.sign(rsa, append=True)
root.sign(ecdsa, append=True)
write("1.root.json", root)
shutil.copy(os.path.join(OUT, "metadata", "1.root.json"), os.path.join(OUT, "initial_root.json"))

root.signed.version = 2
root.signed.add_key(ed.public_key, "root")
root.signatures.clear()
for signer in (rsa, ecdsa, ed):
    root.sign(signer, append=True)
write("2.root.json", root)

with open(os.path.join(FIXTURES, "sigstore-root-signing", "targets", "trusted_root.json"), "rb") as f:
    trusted_root = f.read()
with open(os.path.join(FIXTURES, "sigstore-root-signing", "targets", "registry.npmjs.org", "keys.json"), "rb") as f:
    npm_keys = f.read()

npm_role = Metadata(Targets(expires=EXPIRES))
add_target(npm_role.signed, "registry.npmjs.org/keys.json", npm_keys)
npm_role.sign(npm)
npm_bytes = write("1.registry.npmjs.org.json", npm_role)

targets = Metadata(Targets(expires=EXPIRES))
add_target(targets.signed, "trusted_root.json", trusted_root)
targets.signed.delegations = Delegations(
    keys={npm.public_key.keyid: npm.public_key},
    roles={"registry.npmjs.org": DelegatedRole("registry.npmjs.org", [npm.public_key.keyid], 1, True,
                                               paths=["registry.npmjs.org/*"])})
targets.sign(tg)
targets_bytes = write("1.targets.json", targets)


def metafile(version, data):
    return MetaFile(version, len(data), {"sha256": hashlib.sha256(data).hexdigest()})


snapshot = Metadata(Snapshot(expires=EXPIRES))
snapshot.signed.meta = {"targets.json": metafile(1, targets_bytes), "registry.npmjs.org.json": metafile(1, npm_bytes)}
snapshot.sign(sn)
snapshot_bytes = write("1.snapshot.json", snapshot)

timestamp = Metadata(Timestamp(expires=EXPIRES))
timestamp.signed.snapshot_meta = metafile(1, snapshot_bytes)
timestamp.sign(ts)
write("timestamp.json", timestamp)
print("wrote", OUT)
