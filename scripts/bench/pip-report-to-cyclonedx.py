#!/usr/bin/env python3
"""Writes a CycloneDX 1.6 JSON SBOM from one or more `pip install --dry-run --report` files.

Used for GateBench's real ~1,000-component SBOM (docs/benchmarks.md): pip resolves a real dependency
closure from PyPI and reports, for each distribution, its name, version, wheel SHA-256 and license
metadata; this script only writes those facts down as CycloneDX components (purl, hashes,
licenses). Licenses: PEP 639 `License-Expression` when present, else the SPDX id of a
`License :: OSI Approved :: …` classifier, else the free-text `License` field as a license name.

    pip install --dry-run --ignore-installed --prefer-binary --report report.json 'apache-airflow[...]==2.10.5'
    python3 scripts/bench/pip-report-to-cyclonedx.py report.json [more.json ...] [--dpkg-status /var/lib/dpkg/status] > sbom.cdx.json

With `--dpkg-status`, the installed Debian packages of that status file are added as
`pkg:deb/debian/NAME@VERSION?arch=ARCH&distro=debian-VERSION` components (their license from the first
`License:` field of /usr/share/doc/NAME/copyright, as syft reads it), so the document describes a
container image: the operating system's packages and the application's Python dependencies.
"""
import json
import re
import sys
import uuid

CLASSIFIERS = {
    "Apache Software License": "Apache-2.0", "MIT License": "MIT", "BSD License": "BSD-3-Clause",
    "ISC License (ISCL)": "ISC", "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "Python Software Foundation License": "PSF-2.0", "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.1-or-later",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0-only", "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "The Unlicense (Unlicense)": "Unlicense", "Zope Public License": "ZPL-2.1",
    "Historical Permission Notice and Disclaimer (HPND)": "HPND", "MIT No Attribution License (MIT-0)": "MIT-0",
}


def normalized(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def licenses(metadata):
    if metadata.get("license_expression"):
        return [{"expression": metadata["license_expression"]}]
    ids = []
    for classifier in metadata.get("classifier", []):
        if classifier.startswith("License :: OSI Approved :: "):
            spdx = CLASSIFIERS.get(classifier.split(" :: ")[-1])
            if spdx and spdx not in ids:
                ids.append(spdx)
    if ids:
        return [{"license": {"id": spdx}} for spdx in ids]
    text = (metadata.get("license") or "").strip()
    if text and "\n" not in text and len(text) < 80:
        return [{"license": {"name": text}}]
    return []


def debian_components(status_path):
    try:
        major = open("/etc/debian_version").read().strip().split(".")[0]
    except OSError:
        major = ""
    distro = f"&distro=debian-{major}" if major.isdigit() else ""
    found = {}
    with open(status_path, encoding="utf-8", errors="replace") as handle:
        for block in handle.read().split("\n\n"):
            fields = {}
            for line in block.splitlines():
                if line and not line[0].isspace() and ":" in line:
                    key, _, value = line.partition(":")
                    fields[key] = value.strip()
            if "install ok installed" not in fields.get("Status", "") or "Package" not in fields:
                continue
            name, version, arch = fields["Package"], fields.get("Version", ""), fields.get("Architecture", "all")
            purl = f"pkg:deb/debian/{name}@{version}?arch={arch}{distro}"
            component = {"type": "library", "bom-ref": purl, "name": name, "version": version, "purl": purl}
            try:
                for line in open(f"/usr/share/doc/{name}/copyright", encoding="utf-8", errors="replace"):
                    if line.startswith("License:"):
                        value = line.split(":", 1)[1].strip()
                        if value:
                            component["licenses"] = [{"expression": value}] if " " in value else [{"license": {"id": value}}]
                        break
            except OSError:
                pass
            found[purl] = component
    return found


def main(arguments):
    components = {}
    paths = list(arguments)
    if "--dpkg-status" in paths:
        index = paths.index("--dpkg-status")
        components.update(debian_components(paths[index + 1]))
        del paths[index:index + 2]
    for path in paths:
        with open(path) as handle:
            report = json.load(handle)
        for item in report["install"]:
            metadata = item["metadata"]
            name, version = normalized(metadata["name"]), metadata["version"]
            purl = f"pkg:pypi/{name}@{version}"
            component = {"type": "library", "bom-ref": purl, "name": name, "version": version, "purl": purl}
            sha256 = item.get("download_info", {}).get("archive_info", {}).get("hashes", {}).get("sha256")
            if sha256:
                component["hashes"] = [{"alg": "SHA-256", "content": sha256}]
            found = licenses(metadata)
            if found:
                component["licenses"] = found
            components[purl] = component
    ordered = [components[key] for key in sorted(components)]
    document = {
        "bomFormat": "CycloneDX", "specVersion": "1.6",
        "serialNumber": "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "|".join(sorted(components)))),
        "version": 1,
        "metadata": {"component": {"type": "application", "bom-ref": "pkg:generic/airflow-deployment@1.0.0",
                                   "name": "airflow-deployment", "version": "1.0.0",
                                   "purl": "pkg:generic/airflow-deployment@1.0.0"}},
        "components": ordered,
    }
    json.dump(document, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    print(f"{len(ordered)} components", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
