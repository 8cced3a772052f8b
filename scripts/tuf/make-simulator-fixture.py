#!/usr/bin/env python3
"""Generates Tests/TollgateTUFTests/Fixtures/conformance-simulator-mirror with the tuf-conformance
suite's RepositorySimulator (theupdateframework/tuf-conformance, `tuf_conformance/_internal/`),
taken from a checkout given on the command line: the suite itself is not part of this repository.

The repository the simulator publishes, written out under the names a client requests (a mirror):
consistent snapshots; root signed with an `rsa`/`rsa-pkcs1v15-sha256` key, timestamp `ed25519`,
snapshot `rsa`/`rsassa-pss-sha256`, targets `ecdsa`; delegated roles with unusual names (the
suite's test_quoting_issues names: `?`, `#`, `/delegatedrole`, `../delegatedrole`), each trusted
for `dirN/*` and listing `dirN/file`. Everything expires in 2100.

    ./scripts/tuf/make-simulator-fixture.py /work/tuf-conformance   # run with the suite's venv python
"""
import os
import shutil
import sys
from datetime import datetime, timezone
from urllib import parse

checkout = os.path.abspath(sys.argv[1])
sys.path.insert(0, checkout)

from tuf.api.metadata import DelegatedRole, Root, Snapshot, Targets, Timestamp  # noqa: E402

from tuf_conformance._internal.repository_simulator import RepositorySimulator  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "TollgateTUFTests", "Fixtures", "conformance-simulator-mirror")
EXPIRES = datetime(2100, 1, 1, tzinfo=timezone.utc)
ROLES = ["?", "#", "/delegatedrole", "../delegatedrole"]
KEYS = {Root.type: ("rsa", "rsa-pkcs1v15-sha256"), Timestamp.type: ("ed25519", "ed25519"),
        Snapshot.type: ("rsa", "rsassa-pss-sha256"), Targets.type: ("ecdsa", "ecdsa-sha2-nistp256")}

repo = RepositorySimulator(None)
for role, (keytype, scheme) in KEYS.items():
    for keyid in list(repo.root.roles[role].keyids):
        repo.root.revoke_key(keyid, role)
    repo.signers[role].clear()
    repo.add_key(role, signer=repo.new_signer(keytype, scheme))
for index, name in enumerate(ROLES):
    repo.add_delegation(Targets.type, DelegatedRole(name, [], 1, False, [f"dir{index}/*"]),
                        Targets(1, None, EXPIRES, {}, None))
    repo.add_artifact(name, f"content of dir{index}/file, listed by role {name}\n".encode(), f"dir{index}/file")
for md in repo.mds.values():
    md.signed.expires = EXPIRES
    md.signed.version = 1
repo.signed_mds.clear()
repo.publish([*ROLES, Targets.type, Snapshot.type, Timestamp.type, Root.type])

shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(os.path.join(OUT, "metadata"))
for role, versions in repo.signed_mds.items():
    for version, data in enumerate(versions, start=1):
        name = "timestamp.json" if role == Timestamp.type else f"{version}.{parse.quote(role, '')}.json"
        with open(os.path.join(OUT, "metadata", name), "wb") as f:
            f.write(data)
for path, artifact in repo.artifacts.items():
    directory, _, filename = path.rpartition("/")
    os.makedirs(os.path.join(OUT, "targets", directory), exist_ok=True)
    with open(os.path.join(OUT, "targets", directory, f"{artifact.target_file.hashes['sha256']}.{filename}"), "wb") as f:
        f.write(artifact.data)
print(f"wrote {os.path.normpath(OUT)}")
