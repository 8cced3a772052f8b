"""Builds a PEP 503 (HTML) + PEP 691 (JSON) simple index for the install-gate tests (see SOURCES.md).

python3 build_index.py ROOT SPEC.json

SPEC: {"packages": [{"name", "version", "requires": [...], "tamper": bool, "file": PATH (serve this file as is),
"provenance": PATH (a PEP 740 provenance object to link)}]}. Wheels are assembled with zipfile (METADATA,
WHEEL, RECORD); each file gets a PEP 658 `.metadata` file, so pip resolves without downloading it. With
"tamper", the served wheel is replaced after the index listed its sha256.
"""
import base64, hashlib, html, json, os, re, shutil, sys, zipfile

root, spec = sys.argv[1], json.load(open(sys.argv[2]))
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
files_dir = os.path.join(root, "files")
os.makedirs(files_dir, exist_ok=True)
projects = {}


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def wheel(name, version, requires, extra=None):
    module = name.replace("-", "_")
    dist = f"{module}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    members = [(f"{module}/__init__.py", f"VERSION = '{version}'\n".encode()),
               (f"{dist}/METADATA", metadata.encode()),
               (f"{dist}/WHEEL", b"Wheel-Version: 1.0\nGenerator: tollgate-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n")]
    if extra:
        members.append((f"{module}/{extra[0]}", extra[1]))
    record = "\n".join(record_line(p, d) for p, d in members) + f"\n{dist}/RECORD,,\n"
    path = os.path.join(files_dir, f"{module}-{version}-py3-none-any.whl")
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members + [(f"{dist}/RECORD", record.encode())]:
            info = zipfile.ZipInfo(member, date_time=(2024, 6, 1, 12, 0, 0))
            archive.writestr(info, data)
    return path, metadata.encode()


for package in spec["packages"]:
    name, version = package["name"], package["version"]
    if "file" in package:
        path = os.path.join(files_dir, os.path.basename(package["file"]))
        shutil.copyfile(package["file"], path)
        metadata = None
    else:
        path, metadata = wheel(name, version, package.get("requires", []))
    data = open(path, "rb").read()
    entry = {"filename": os.path.basename(path), "url": f"../../files/{os.path.basename(path)}",
             "hashes": {"sha256": hashlib.sha256(data).hexdigest()}}
    if metadata is not None:
        open(path + ".metadata", "wb").write(metadata)
        meta_hash = {"sha256": hashlib.sha256(metadata).hexdigest()}
        entry["core-metadata"] = meta_hash
        entry["dist-info-metadata"] = meta_hash
    if "provenance" in package:
        os.makedirs(os.path.join(root, "provenance"), exist_ok=True)
        shutil.copyfile(package["provenance"], os.path.join(root, "provenance", entry["filename"] + ".json"))
        entry["provenance"] = f"../../provenance/{entry['filename']}.json"
    if package.get("tamper"):
        wheel(name, version, package.get("requires", []), extra=("payload.py", b"import os  # not what was published\n"))
    projects.setdefault(norm(name), []).append(entry)

for project, entries in projects.items():
    folder = os.path.join(root, "simple", project)
    os.makedirs(folder, exist_ok=True)
    json.dump({"meta": {"api-version": "1.1"}, "name": project, "files": entries}, open(os.path.join(folder, "index.json"), "w"))
    links = []
    for e in entries:
        attributes = ""
        if "core-metadata" in e:
            value = "sha256=" + e["core-metadata"]["sha256"]
            attributes = f' data-dist-info-metadata="{value}" data-core-metadata="{value}"'
        links.append(f'<a href="{html.escape(e["url"])}#sha256={e["hashes"]["sha256"]}"{attributes}>{html.escape(e["filename"])}</a><br/>')
    open(os.path.join(folder, "index.html"), "w").write("<!DOCTYPE html><html><body>\n" + "\n".join(links) + "\n</body></html>\n")
