"""Generates an npm registry mirror and a package-lock.json with N packages, for the install-gate
benchmark (docs/benchmarks.md): each package a real .tgz, signed by a throwaway P-256 registry key
over `${name}@${version}:${integrity}`, with its packument and the registry's /-/npm/v1/keys.

python3 scripts/npm-lockfile-fixture.py OUT_DIR [N] [REGISTRY_URL]

OUT_DIR/mirror is the registry (serve it, or pass --registry-dir); OUT_DIR/project holds package.json
and package-lock.json whose `resolved` URLs start with REGISTRY_URL (default http://127.0.0.1:4873).
"""
import base64, hashlib, io, json, os, sys, tarfile
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives import hashes, serialization

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
registry = (sys.argv[3] if len(sys.argv) > 3 else "http://127.0.0.1:4873").rstrip("/")
key = ec.generate_private_key(ec.SECP256R1())
spki = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
keyid = "SHA256:" + base64.b64encode(hashlib.sha256(spki).digest()).decode().rstrip("=")
mirror = os.path.join(out, "mirror")
os.makedirs(os.path.join(mirror, "-/npm/v1/keys"), exist_ok=True)
json.dump({"keys": [{"expires": None, "keyid": keyid, "keytype": "ecdsa-sha2-nistp256", "scheme": "ecdsa-sha2-nistp256",
                     "key": base64.b64encode(spki).decode()}]}, open(os.path.join(mirror, "-/npm/v1/keys/index.json"), "w"))
packages, dependencies = {}, {}
for index in range(count):
    name, version = f"bench-pkg-{index:04d}", f"1.{index % 7}.{index % 13}"
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for path, text in [("package/package.json", json.dumps({"name": name, "version": version})),
                           ("package/index.js", f"module.exports = {index}\n" + "// padding\n" * 200)]:
            data = text.encode(); info = tarfile.TarInfo(path); info.size = len(data); info.mtime = 1700000000
            tar.addfile(info, io.BytesIO(data))
    data = buf.getvalue()
    folder = os.path.join(mirror, name, "-")
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, f"{name}-{version}.tgz"), "wb").write(data)
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    signature = base64.b64encode(key.sign(f"{name}@{version}:{integrity}".encode(), ec.ECDSA(hashes.SHA256()))).decode()
    url = f"{registry}/{name}/-/{name}-{version}.tgz"
    json.dump({"name": name, "dist-tags": {"latest": version},
               "versions": {version: {"name": name, "version": version, "dist": {
                   "integrity": integrity, "shasum": hashlib.sha1(data).hexdigest(), "tarball": url,
                   "signatures": [{"keyid": keyid, "sig": signature}]}}},
               "time": {"created": "2024-06-01T12:00:00.000Z", version: "2024-06-01T12:00:00.000Z"}},
              open(os.path.join(mirror, name, "index.json"), "w"))
    dependencies[name] = version
    packages[f"node_modules/{name}"] = {"version": version, "resolved": url, "integrity": integrity}
packages[""] = {"name": "bench", "version": "1.0.0", "dependencies": dependencies}
project = os.path.join(out, "project")
os.makedirs(project, exist_ok=True)
json.dump({"name": "bench", "version": "1.0.0", "dependencies": dependencies}, open(os.path.join(project, "package.json"), "w"))
json.dump({"name": "bench", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": packages},
          open(os.path.join(project, "package-lock.json"), "w"), indent=1)
